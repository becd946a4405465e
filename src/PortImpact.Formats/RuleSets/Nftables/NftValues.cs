using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>Connection-tracking states of <c>ct state</c>, as flags so that sets and negations are unions and complements.</summary>
[Flags]
internal enum NftStates
{
    None = 0,
    New = 1,
    Established = 2,
    Related = 4,
    Invalid = 8,
    Untracked = 16,
    All = New | Established | Related | Invalid | Untracked,
}

/// <summary>
/// The single values of nftables rules: IPv4 addresses, prefixes and ranges; ports, port ranges and service
/// names; protocol names and numbers; conntrack states. A value that breaks its type is bad input (nft refuses
/// it too), named by its token.
/// </summary>
internal static class NftValues
{
    /// <summary>
    /// Names from <c>/etc/services</c> (Debian's netbase) that differ from or are missing in IANA's registry,
    /// which answers every other name: nft looks names up with <c>getservbyname</c>, so the host's file decides.
    /// </summary>
    private static readonly ImmutableDictionary<string, int> ServicesFileNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["http-alt"] = 8080, ["webcache"] = 8080, ["loc-srv"] = 135, ["www"] = 80, ["domain-s"] = 853,
    }.ToImmutableDictionary();

    /// <summary>Protocol names nft accepts (from <c>/etc/protocols</c>, plus nft's own <c>icmpv6</c> and <c>comp</c>).</summary>
    private static readonly ImmutableDictionary<string, int> ProtocolNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["hopopt"] = 0, ["icmp"] = 1, ["igmp"] = 2, ["ggp"] = 3, ["ipencap"] = 4, ["ipv4"] = 4, ["st"] = 5, ["tcp"] = 6, ["egp"] = 8,
        ["igp"] = 9, ["pup"] = 12, ["udp"] = 17, ["hmp"] = 20, ["xns-idp"] = 22, ["rdp"] = 27, ["iso-tp4"] = 29, ["dccp"] = 33,
        ["xtp"] = 36, ["ddp"] = 37, ["idpr-cmtp"] = 38, ["ipv6"] = 41, ["ipv6-route"] = 43, ["ipv6-frag"] = 44, ["idrp"] = 45,
        ["rsvp"] = 46, ["gre"] = 47, ["esp"] = 50, ["ah"] = 51, ["skip"] = 57, ["ipv6-icmp"] = 58, ["icmpv6"] = 58,
        ["ipv6-nonxt"] = 59, ["ipv6-opts"] = 60, ["rspf"] = 73, ["vmtp"] = 81, ["eigrp"] = 88, ["ospf"] = 89, ["ospfigp"] = 89,
        ["ax.25"] = 93, ["ipip"] = 94, ["etherip"] = 97, ["encap"] = 98, ["pim"] = 103, ["ipcomp"] = 108, ["comp"] = 108,
        ["vrrp"] = 112, ["l2tp"] = 115, ["isis"] = 124, ["sctp"] = 132, ["fc"] = 133, ["mobility-header"] = 135,
        ["udplite"] = 136, ["mpls-in-ip"] = 137, ["manet"] = 138, ["hip"] = 139, ["shim6"] = 140, ["wesp"] = 141, ["rohc"] = 142,
        ["ethernet"] = 143,
    }.ToImmutableDictionary();

    private static readonly ImmutableDictionary<string, NftStates> StateNames = new Dictionary<string, NftStates>(StringComparer.Ordinal)
    {
        ["new"] = NftStates.New, ["established"] = NftStates.Established, ["related"] = NftStates.Related,
        ["invalid"] = NftStates.Invalid, ["untracked"] = NftStates.Untracked,
    }.ToImmutableDictionary();

    /// <summary>
    /// <c>10.0.0.1</c>, <c>10.0.0.0/8</c> (host bits are ignored, as nft masks them), <c>10.0.0.1-10.0.0.9</c>.
    /// Null when the value is a host name, which nft resolves through DNS when it loads the file.
    /// </summary>
    public static AddressSet? ParseAddress(NftToken token, string file)
    {
        var text = token.Text;
        if (token.Kind == NftTokenKind.Word)
        {
            var dash = text.IndexOf('-');
            if (dash > 0 && !text.Contains('/'))
            {
                if (AddressRange.TryParseAddress(text[..dash], out var first) && AddressRange.TryParseAddress(text[(dash + 1)..], out var last))
                {
                    if (last < first) throw new InputException(token.Location(file), Messages.Format("NftAddressRangeBackwards", InputEcho.Escape(text)));
                    return AddressSet.Of(new AddressRange(first, last));
                }
            }
            else
            {
                var slash = text.IndexOf('/');
                var addressText = slash < 0 ? text : text[..slash];
                if (AddressRange.TryParseAddress(addressText, out var address))
                {
                    if (slash < 0) return AddressSet.Of(AddressRange.Single(address));
                    if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > 32)
                    {
                        throw new InputException(token.Location(file), Messages.Format("NftPrefixLengthOutOfRange", InputEcho.Escape(text)));
                    }
                    var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
                    return AddressSet.Of(new AddressRange(address & mask, address | ~mask));
                }
            }
        }
        if (text.Contains(':'))
        {
            throw new InputException(token.Location(file), Messages.Format("NftIpv6WhereIpv4", InputEcho.Escape(text)));
        }
        if (LooksLikeHostName(text)) return null;
        throw new InputException(token.Location(file), Messages.Format("NftNotIpv4", InputEcho.Escape(text)));
    }

    /// <summary><c>22</c>, <c>1024-65535</c>, <c>ssh</c>, <c>ssh-http</c>. <paramref name="transports"/> says where to look names up.</summary>
    public static PortSet ParsePorts(NftToken token, string file, IReadOnlyList<Transport> transports)
    {
        var text = token.Text;
        if (TryParsePort(text, token, file, transports, out var single)) return PortSet.Of(single);
        var dash = text.IndexOf('-');
        while (dash > 0)
        {
            if (TryParsePort(text[..dash], token, file, transports, out var first) && TryParsePort(text[(dash + 1)..], token, file, transports, out var last))
            {
                if (last < first) throw new InputException(token.Location(file), Messages.Format("NftPortRangeBackwards", InputEcho.Escape(text)));
                return PortSet.Range(first, last);
            }
            dash = text.IndexOf('-', dash + 1);
        }
        throw new InputException(token.Location(file), Messages.Format("NftNotPort", InputEcho.Escape(text)));
    }

    private static bool TryParsePort(string text, NftToken token, string file, IReadOnlyList<Transport> transports, out int port)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > PortRange.MaxPort)
            {
                throw new InputException(token.Location(file), Messages.Format("NftPortOutOfRange", InputEcho.Escape(text), PortRange.MaxPort));
            }
            return true;
        }
        if (ServicesFileNames.TryGetValue(text, out port)) return true;
        port = 0;
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]) || transports.Count == 0) return false;
        var ports = KnowledgeCatalog.BuiltIn.IanaServices
            .Where(s => string.Equals(s.Name, text, StringComparison.OrdinalIgnoreCase) && transports.Contains(s.Transport) && s.Ports.First == s.Ports.Last)
            .Select(s => s.Ports.First).Distinct().ToList();
        if (ports.Count > 1)
        {
            throw new InputException(token.Location(file), Messages.Format("NftServiceSeveralPorts", InputEcho.Escape(text), string.Join(", ", ports)));
        }
        if (ports.Count == 0) return false;
        port = ports[0];
        return true;
    }

    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c> …, or a number 0-255.</summary>
    public static int ParseProtocol(NftToken token, string file)
    {
        var text = token.Text;
        if (ProtocolNames.TryGetValue(text, out var number)) return number;
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= 255)
        {
            return number;
        }
        throw new InputException(token.Location(file), Messages.Format("NftNotProtocol", InputEcho.Escape(text)));
    }

    public static NftStates ParseState(NftToken token, string file) =>
        StateNames.TryGetValue(token.Text, out var state)
            ? state
            : throw new InputException(token.Location(file), Messages.Format("NftNotCtState", InputEcho.Escape(token.Text)));

    /// <summary>
    /// Whether a value of <c>meta nfproto</c> (<c>ipv4</c>, <c>ipv6</c>) or of an ethertype (<c>meta protocol</c>,
    /// <c>ether type</c>: <c>ip</c>, <c>ip6</c>, <c>arp</c>, <c>vlan</c>, <c>0x0800</c>) stands for IPv4. The catch-all
    /// element <c>*</c> of a set stands for every family, IPv4 among them.
    /// </summary>
    public static bool IsIpv4Family(string text) => text is "ipv4" or "ip" or "0x0800" or "0x800" or "2048" or "*";

    private static bool LooksLikeHostName(string text) =>
        text.Length > 0 && text.Any(char.IsAsciiLetter) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(text[0]);

    private const int Syn = 0x02;

    private static readonly Dictionary<string, int> TcpFlagBits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fin"] = 0x01, ["syn"] = 0x02, ["rst"] = 0x04, ["psh"] = 0x08, ["ack"] = 0x10, ["urg"] = 0x20, ["ecn"] = 0x40, ["cwr"] = 0x80,
    };

    /// <summary>
    /// Whether a <c>tcp flags</c> match holds for a connection's first packet, a SYN alone; null when the form is
    /// not one this reader evaluates. Forms: <c>syn / fin,syn,rst,ack</c> (value / mask, as <c>nft list</c> prints
    /// it), <c>&amp; (fin|syn|rst|ack) == syn</c>, a set of exact values <c>{ syn, syn|ack }</c>, and a bare value, whose
    /// meaning changed between nft versions (any of the flags set, all of them, or exactly them): it is decided only
    /// where every reading gives the same answer.
    /// </summary>
    public static bool? FirstPacketMatchesTcpFlags(string op, NftValueSyntax value, bool masked, NftValueSyntax? andMask)
    {
        if (op is not ("==" or "!=")) return null;
        bool? Result(bool matches) => op == "==" ? matches : !matches;
        if (value is NftMaskedValue { } written)
        {
            return masked || Flags(written.Value) is not { } v || Flags(written.Mask) is not { } m ? null : Result((Syn & m) == v);
        }
        if (masked)
        {
            if (andMask is null || Flags(andMask) is not { } mask) return null;
            if (value is NftSetValue { Braced: true } maskedSet)
            {
                var values = maskedSet.Elements.Select(e => Flags(e.Key)).ToList();
                return values.Any(v => v is null) ? null : Result(values.Any(v => (Syn & mask) == v));
            }
            return Flags(value) is { } compared ? Result((Syn & mask) == compared) : null;
        }
        if (value is NftSetValue { Braced: true } set)
        {
            var values = set.Elements.Select(e => Flags(e.Key)).ToList();
            return values.Any(v => v is null) ? null : Result(values.Any(v => v == Syn));
        }
        if (Flags(value) is not { } flags) return null;
        bool[] readings = [(Syn & flags) != 0, (Syn & flags) == flags, Syn == flags];
        return readings.All(r => r == readings[0]) ? Result(readings[0]) : null;
    }

    /// <summary>A flag value: names or numbers joined by <c>|</c> or <c>,</c>, in parentheses or not; null when it is something else.</summary>
    private static int? Flags(NftValueSyntax value)
    {
        var text = value switch
        {
            NftLiteral literal => literal.Token.Text,
            NftSetValue { Braced: false } list => string.Join(",", list.Elements.Select(e => e.Key is NftLiteral l ? l.Token.Text : "?")),
            _ => null,
        };
        if (text is null) return null;
        var bits = 0;
        foreach (var part in text.Trim('(', ')').Split('|', ','))
        {
            var word = part.Trim().Trim('(', ')');
            if (TcpFlagBits.TryGetValue(word, out var bit)) bits |= bit;
            else if (word.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(word[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var hex) && hex <= 0xFF) bits |= hex;
            else if (word.Length > 0 && word.All(char.IsAsciiDigit) && int.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out var number) && number <= 0xFF) bits |= number;
            else return null;
        }
        return bits;
    }
}
