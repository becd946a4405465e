using System.Collections.Frozen;
using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>Which port-name table applies: IOS names ports per protocol, and <c>tcp-udp</c> (object-groups) needs both.</summary>
internal enum PortProtocol
{
    Tcp,
    Udp,
    TcpUdp,
}

/// <summary>The ports an operator selects; <see cref="Opaque"/> is set when IOS's meaning is not certain.</summary>
internal sealed record PortMatch(PortSet Ports, OpaqueCondition? Opaque);

/// <summary>
/// Port operators (<c>eq</c>, <c>neq</c>, <c>lt</c>, <c>gt</c>, <c>range</c>) and IOS's port keywords.
/// Unknown names are errors, never guesses: IOS has no <c>ldap</c>, <c>https</c> or <c>microsoft-ds</c> keyword.
/// </summary>
internal static class IosPorts
{
    // Sources: the TCP and UDP port enumerations of Cisco's IOS-XE native YANG model (Cisco-IOS-XE-acl,
    // acl-tcp-port-type / acl-udp-port-type), which match the keyword lists of the IOS command reference quoted
    // in formats.md §4.1. cmd, exec and login are the TCP r-command names of that reference (not in the model).
    // ssh and http are printed by newer IOS-XE show output (ntc-templates sample, formats.md §4.1 [OBS]); the same
    // output prints 443 and 8080 as numbers, so no https keyword exists there.
    private static readonly FrozenDictionary<string, int> TcpNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["bgp"] = 179, ["chargen"] = 19, ["cmd"] = 514, ["daytime"] = 13, ["discard"] = 9, ["domain"] = 53,
        ["echo"] = 7, ["exec"] = 512, ["finger"] = 79, ["ftp"] = 21, ["ftp-data"] = 20, ["gopher"] = 70,
        ["hostname"] = 101, ["http"] = 80, ["ident"] = 113, ["irc"] = 194, ["klogin"] = 543, ["kshell"] = 544,
        ["login"] = 513, ["lpd"] = 515, ["msrpc"] = 135, ["nntp"] = 119, ["pim-auto-rp"] = 496, ["pop2"] = 109,
        ["pop3"] = 110, ["smtp"] = 25, ["ssh"] = 22, ["sunrpc"] = 111, ["tacacs"] = 49, ["talk"] = 517,
        ["telnet"] = 23, ["time"] = 37, ["uucp"] = 540, ["whois"] = 43, ["www"] = 80,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> UdpNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["biff"] = 512, ["bootpc"] = 68, ["bootps"] = 67, ["discard"] = 9, ["dnsix"] = 195, ["domain"] = 53,
        ["echo"] = 7, ["isakmp"] = 500, ["mobile-ip"] = 434, ["nameserver"] = 42, ["netbios-dgm"] = 138,
        ["netbios-ns"] = 137, ["netbios-ss"] = 139, ["non500-isakmp"] = 4500, ["ntp"] = 123, ["pim-auto-rp"] = 496,
        ["rip"] = 520, ["ripv6"] = 521, ["snmp"] = 161, ["snmptrap"] = 162, ["sunrpc"] = 111, ["syslog"] = 514,
        ["tacacs"] = 49, ["talk"] = 517, ["tftp"] = 69, ["time"] = 37, ["who"] = 513, ["xdmcp"] = 177,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsOperator(string? word) => word is "eq" or "neq" or "lt" or "gt" or "range";

    /// <summary>Reads the operator <paramref name="op"/> (already taken) and its ports.</summary>
    public static PortMatch ParseOperator(TokenCursor cursor, ConfigToken op, PortProtocol protocol)
    {
        switch (op.Text)
        {
            case "eq":
            case "neq":
                var ports = new List<int> { RequirePort(cursor, op, protocol) };
                // "eq 80 443 8080": newer IOS takes up to ten ports; the list ends at the first word that is not one.
                while (cursor.Peek() is { } next && TryResolve(next, protocol, cursor) is { } more)
                {
                    cursor.Next(Phrase.Of("IosWhatPort"));
                    ports.Add(more);
                }
                var listed = PortSet.Of([.. ports]);
                return new PortMatch(op.Text == "eq" ? listed : listed.Complement(), null);
            case "lt":
                var below = RequirePort(cursor, op, protocol);
                return new PortMatch(below == 0 ? PortSet.Empty : PortSet.Range(0, below - 1), null);
            case "gt":
                var above = RequirePort(cursor, op, protocol);
                return new PortMatch(above == PortRange.MaxPort ? PortSet.Empty : PortSet.Range(above + 1, PortRange.MaxPort), null);
            case "range":
                var first = RequirePort(cursor, op, protocol);
                var lastToken = cursor.Peek();
                var last = RequirePort(cursor, op, protocol);
                if (first <= last) return new PortMatch(PortSet.Range(first, last), null);
                // IOS's handling of a backwards range is not documented; keep the span it could mean and say so.
                var text = cursor.TextBetween(op, lastToken!.Value);
                return new PortMatch(PortSet.Range(last, first), new OpaqueCondition("port-range", $"{text} (runs backwards)"));
            default:
                throw cursor.Error(op, Messages.Format("IosNotPortOperator", InputEcho.Escape(op.Text)));
        }
    }

    private static int RequirePort(TokenCursor cursor, ConfigToken op, PortProtocol protocol)
    {
        var token = cursor.Next(Phrase.Of("IosWhatPortAfter", InputEcho.Escape(op.Text)));
        return TryResolve(token, protocol, cursor)
            ?? throw cursor.Error(token, Messages.Format("IosNotPortName", InputEcho.Escape(token.Text), Describe(protocol)));
    }

    /// <summary>A port number or keyword; null when the word is neither. A number out of range is an error.</summary>
    private static int? TryResolve(ConfigToken token, PortProtocol protocol, TokenCursor cursor)
    {
        if (IosAddressing.IsDigits(token.Text))
        {
            if (token.Text.Length > 5 || int.Parse(token.Text, CultureInfo.InvariantCulture) > PortRange.MaxPort)
            {
                throw cursor.Error(token, Messages.Format("IosPortOutOfRange", InputEcho.Escape(token.Text), PortRange.MaxPort));
            }
            return int.Parse(token.Text, CultureInfo.InvariantCulture);
        }
        return protocol switch
        {
            PortProtocol.Tcp => TcpNames.TryGetValue(token.Text, out var tcp) ? tcp : null,
            PortProtocol.Udp => UdpNames.TryGetValue(token.Text, out var udp) ? udp : null,
            _ => TcpNames.TryGetValue(token.Text, out var both) && UdpNames.TryGetValue(token.Text, out var other) && both == other ? both : null,
        };
    }

    private static string Describe(PortProtocol protocol) => protocol switch
    {
        PortProtocol.Tcp => "tcp",
        PortProtocol.Udp => "udp",
        _ => "tcp-and-udp",
    };
}
