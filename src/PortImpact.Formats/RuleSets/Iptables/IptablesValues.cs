using System.Collections.Frozen;
using System.Globalization;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>Where a value sits, so that a bad one is reported at its own column (an offset inside a comma list).</summary>
internal readonly record struct ValueSite(string File, int Line, IptablesToken Token, ExpansionBudget Budget)
{
    public InputException Error(string problem, int offset = 0) =>
        new(new SourceLocation(File, Line, Token.Column + (Token.Quoted ? 0 : offset)), problem);
}

/// <summary>
/// The address ranges a file's dotted masks with holes may expand into, all rules together
/// (<see cref="InputLimits.MaxExpansion"/>): one rule's mask is at most 4,096 ranges, but 100,000 such rules were 1.8 GB
/// of ranges from a 9 MB file. Past the bound a mask is not expanded and the rule gets an "address-mask" condition,
/// as a mask with too many holes does.
/// </summary>
internal sealed class ExpansionBudget
{
    private long _left = InputLimits.MaxExpansion;

    public bool Take(long ranges)
    {
        if (ranges > _left) return false;
        _left -= ranges;
        return true;
    }
}

/// <summary>
/// The values of iptables options: protocols, IPv4 addresses with prefixes or masks, ports and port ranges,
/// connection states, TCP flags. Malformed values are grammar errors (<see cref="InputException"/>); values
/// that are well formed but need the host to resolve (a host name, a service name) come back as "unresolved".
/// </summary>
internal static class IptablesValues
{
    public const int Icmp = 1;
    public const int Icmpv6 = 58;

    /// <summary>
    /// Protocol names iptables takes from <c>/etc/protocols</c> (the IANA keywords), the common ones; another
    /// name is reported as not understood rather than guessed.
    /// </summary>
    public static readonly FrozenDictionary<string, int> ProtocolNumbers = new Dictionary<string, int>
    {
        ["icmp"] = 1, ["igmp"] = 2, ["ipencap"] = 4, ["ipip"] = 4, ["tcp"] = 6, ["egp"] = 8, ["udp"] = 17,
        ["dccp"] = 33, ["ipv6"] = 41, ["rsvp"] = 46, ["gre"] = 47, ["esp"] = 50, ["ah"] = 51,
        ["icmpv6"] = 58, ["ipv6-icmp"] = 58, ["ospf"] = 89, ["pim"] = 103, ["vrrp"] = 112, ["l2tp"] = 115,
        ["sctp"] = 132, ["mh"] = 135, ["udplite"] = 136,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary><c>all</c> or <c>0</c> is any protocol; a number 1-255 or a known name is that protocol; null: a name this reader does not know.</summary>
    public static ProtocolSet? Protocol(ValueSite site)
    {
        var text = site.Token.Text.ToLowerInvariant();
        if (text is "all" or "0") return ProtocolSet.Any;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (text.Length > 3 || int.Parse(text, CultureInfo.InvariantCulture) > 255)
            {
                throw site.Error(Messages.Format("IptProtocolOutOfRange", InputEcho.Escape(site.Token.Text)));
            }
            return ProtocolSet.Of(int.Parse(text, CultureInfo.InvariantCulture));
        }
        if (ProtocolNumbers.TryGetValue(text, out var number)) return ProtocolSet.Of(number);
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw site.Error(Messages.Format("IptNotProtocol", InputEcho.Escape(site.Token.Text)));
        }
        return null;
    }

    public static ProtocolSet Complement(ProtocolSet set) =>
        set.IsAny ? ProtocolSet.Of() : ProtocolSet.Of([.. Enumerable.Range(0, 256).Where(n => !set.Numbers.Contains(n))]);

    public static ProtocolSet Intersect(ProtocolSet left, ProtocolSet right) =>
        left.IsAny ? right : right.IsAny ? left : ProtocolSet.Of([.. left.Numbers.Intersect(right.Numbers)]);

    /// <summary>What an address value turned out to be.</summary>
    public enum AddressKind
    {
        Ipv4,
        Ipv6,
        HostName,
        /// <summary>A dotted mask with holes that would expand to too many ranges to hold.</summary>
        OversizedMask,
    }

    /// <summary>
    /// <c>10.0.0.0/8</c>, <c>10.0.0.1</c>, <c>10.0.0.0/255.0.0.0</c> or a comma list of them (iptables-restore
    /// adds one rule per item; as every other condition is shared, their union in one rule decides the same).
    /// Host bits under the mask are ignored, as iptables ignores them.
    /// </summary>
    public static AddressKind Addresses(ValueSite site, out AddressSet set)
    {
        set = AddressSet.Empty;
        var text = site.Token.Text;
        var offset = 0;
        // Every item's ranges merged once at the end: a union per item made a long list quadratic.
        var all = new List<AddressRange>();
        foreach (var item in text.Split(','))
        {
            if (item.Contains(':')) return AddressKind.Ipv6;
            var kind = Address(site, item, offset, out var ranges);
            if (kind != AddressKind.Ipv4) return kind;
            all.AddRange(ranges);
            offset += item.Length + 1;
        }
        set = AddressSet.From(all);
        return AddressKind.Ipv4;
    }

    /// <summary>An <c>a.b.c.d-e.f.g.h</c> range of <c>-m iprange</c>.</summary>
    public static AddressKind AddressRangeValue(ValueSite site, out AddressSet set)
    {
        set = AddressSet.Empty;
        var text = site.Token.Text;
        if (text.Contains(':')) return AddressKind.Ipv6;
        var dash = text.IndexOf('-');
        var firstText = dash < 0 ? text : text[..dash];
        var lastText = dash < 0 ? text : text[(dash + 1)..];
        if (!AddressRange.TryParseAddress(firstText, out var first)) throw site.Error(Messages.Format("IptNotIpv4Address", InputEcho.Escape(firstText)));
        if (!AddressRange.TryParseAddress(lastText, out var last)) throw site.Error(Messages.Format("IptNotIpv4Address", InputEcho.Escape(lastText)), dash + 1);
        if (last < first) throw site.Error(Messages.Format("IptAddressRangeBackwards", InputEcho.Escape(text)));
        set = AddressSet.Of(new AddressRange(first, last));
        return AddressKind.Ipv4;
    }

    private static AddressKind Address(ValueSite site, string item, int offset, out List<AddressRange> ranges)
    {
        ranges = [];
        var slash = item.IndexOf('/');
        var addressText = slash < 0 ? item : item[..slash];
        if (!AddressRange.TryParseAddress(addressText, out var address))
        {
            if (slash < 0 && IsHostName(item)) return AddressKind.HostName;
            throw site.Error(Messages.Format("IptNotAddress", InputEcho.Escape(item)), offset);
        }
        if (slash < 0)
        {
            ranges.Add(AddressRange.Single(address));
            return AddressKind.Ipv4;
        }
        var maskText = item[(slash + 1)..];
        uint mask;
        if (maskText.Length is > 0 and <= 2 && maskText.All(char.IsAsciiDigit))
        {
            var length = int.Parse(maskText, CultureInfo.InvariantCulture);
            if (length > 32) throw site.Error(Messages.Format("IptPrefixOutOfRange", InputEcho.Escape(maskText)), offset + slash + 1);
            mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        }
        else if (!AddressRange.TryParseAddress(maskText, out mask))
        {
            throw site.Error(Messages.Format("IptBadMask", InputEcho.Escape("/" + maskText)), offset + slash + 1);
        }
        return MaskedRanges(address & mask, mask, ranges, site.Budget) ? AddressKind.Ipv4 : AddressKind.OversizedMask;
    }

    /// <summary>
    /// The addresses whose bits under <paramref name="mask"/> equal <paramref name="network"/>. A contiguous mask
    /// is one range; iptables-save prints a dotted mask only when it has holes, and each hole bit above the
    /// trailing zeros doubles the number of ranges, so past 4,096 ranges the caller reports it as not understood.
    /// </summary>
    private static bool MaskedRanges(uint network, uint mask, List<AddressRange> ranges, ExpansionBudget budget)
    {
        var trailing = mask == 0 ? 32 : System.Numerics.BitOperations.TrailingZeroCount(mask);
        var blockSize = trailing == 32 ? 0ul : 1ul << trailing;
        var holes = new List<int>();
        for (var bit = trailing; bit < 32; bit++)
        {
            if ((mask & (1u << bit)) == 0) holes.Add(bit);
        }
        if (holes.Count > 12 || (holes.Count > 0 && !budget.Take(1L << holes.Count))) return false;
        if (trailing == 32)
        {
            ranges.Add(AddressRange.All);
            return true;
        }
        for (var combination = 0; combination < 1 << holes.Count; combination++)
        {
            var first = network;
            for (var hole = 0; hole < holes.Count; hole++)
            {
                if ((combination & (1 << hole)) != 0) first |= 1u << holes[hole];
            }
            ranges.Add(new AddressRange(first, (uint)(first + blockSize - 1)));
        }
        return true;
    }

    private static bool IsHostName(string text) =>
        text.Length is > 0 and <= 253 && text.Any(char.IsAsciiLetter) && text[0] != '-' && text[^1] != '-'
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    /// <summary>
    /// <c>--sport</c>/<c>--dport</c> value: <c>P</c>, <c>P1:P2</c>, <c>:P2</c> (from 0) or <c>P1:</c> (to 65535).
    /// Null when it is a service name (<c>ssh</c>), which only the host's <c>/etc/services</c> resolves.
    /// </summary>
    public static PortSet? PortRangeValue(ValueSite site) => PortItem(site, site.Token.Text, 0);

    /// <summary><c>-m multiport</c> list: up to 15 items <c>P</c> or <c>P1:P2</c>, comma-separated. Null if an item is a service name.</summary>
    public static PortSet? PortList(ValueSite site)
    {
        var all = new List<PortRange>();
        var offset = 0;
        foreach (var item in site.Token.Text.Split(','))
        {
            var ports = PortItem(site, item, offset);
            if (ports is null) return null;
            all.AddRange(ports.Ranges);
            offset += item.Length + 1;
        }
        return PortSet.From(all);
    }

    private static PortSet? PortItem(ValueSite site, string item, int offset)
    {
        if (item.Length == 0) throw site.Error(Messages.Format("IptEmptyPort", InputEcho.Escape(site.Token.Text)), offset);
        var colon = item.IndexOf(':');
        if (colon < 0)
        {
            if (!item.All(char.IsAsciiDigit))
            {
                if (IsServiceName(item)) return null;
                throw site.Error(Messages.Format("IptNotPort", InputEcho.Escape(item)), offset);
            }
            return PortSet.Of(PortNumber(site, item, offset));
        }
        var firstText = item[..colon];
        var lastText = item[(colon + 1)..];
        if (!firstText.All(char.IsAsciiDigit) || !lastText.All(char.IsAsciiDigit))
        {
            if (IsServiceName(firstText) || IsServiceName(lastText)) return null;
            throw site.Error(Messages.Format("IptNotPortRange", InputEcho.Escape(item)), offset);
        }
        var first = firstText.Length == 0 ? 0 : PortNumber(site, firstText, offset);
        var last = lastText.Length == 0 ? PortRange.MaxPort : PortNumber(site, lastText, offset + colon + 1);
        if (last < first) throw site.Error(Messages.Format("IptPortRangeBackwards", InputEcho.Escape(item)), offset);
        return PortSet.Range(first, last);
    }

    private static int PortNumber(ValueSite site, string digits, int offset)
    {
        if (digits.Length > 5 || int.Parse(digits, CultureInfo.InvariantCulture) > PortRange.MaxPort)
        {
            throw site.Error(Messages.Format("IptPortOutOfRange", InputEcho.Escape(digits), PortRange.MaxPort), offset);
        }
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static bool IsServiceName(string text) =>
        text.Length > 0 && char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Connection-tracking states of <c>--state</c> / <c>--ctstate</c> (case as iptables: any).</summary>
    public static readonly FrozenSet<string> States =
        FrozenSet.ToFrozenSet(["NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED", "SNAT", "DNAT"], StringComparer.Ordinal);

    public static HashSet<string> StateList(ValueSite site)
    {
        var states = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var item in site.Token.Text.Split(','))
        {
            var upper = item.ToUpperInvariant();
            if (!States.Contains(upper))
            {
                throw site.Error(Messages.Format("IptNotCtState", InputEcho.Escape(item)), offset);
            }
            states.Add(upper);
            offset += item.Length + 1;
        }
        return states;
    }

    /// <summary>TCP flag bits as <c>--tcp-flags</c> names them.</summary>
    public const int Syn = 0x02;

    private static readonly FrozenDictionary<string, int> TcpFlagBits = new Dictionary<string, int>
    {
        ["FIN"] = 0x01, ["SYN"] = Syn, ["RST"] = 0x04, ["PSH"] = 0x08, ["ACK"] = 0x10, ["URG"] = 0x20,
        ["ALL"] = 0x3F, ["NONE"] = 0,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static int TcpFlags(ValueSite site)
    {
        var bits = 0;
        var offset = 0;
        foreach (var item in site.Token.Text.Split(','))
        {
            if (!TcpFlagBits.TryGetValue(item.ToUpperInvariant(), out var bit))
            {
                throw site.Error(Messages.Format("IptNotTcpFlag", InputEcho.Escape(item)), offset);
            }
            bits |= bit;
            offset += item.Length + 1;
        }
        return bits;
    }
}
