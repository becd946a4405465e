using System.Collections.Frozen;
using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>
/// The protocol keywords of IOS extended entries (formats.md §4.1; Cisco's <c>permit (IP)</c> command
/// reference) with their IANA protocol numbers. <c>ip</c> means every protocol. Any number 0-255 is taken too.
/// </summary>
internal static class IosProtocols
{
    public const int Icmp = 1;
    public const int Igmp = 2;

    private static readonly FrozenDictionary<string, int> Numbers = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["icmp"] = Icmp,
        ["igmp"] = Igmp,
        ["ipinip"] = 4,
        ["tcp"] = ProtocolSet.Tcp,
        ["udp"] = ProtocolSet.Udp,
        ["gre"] = 47,
        ["esp"] = 50,
        ["ahp"] = 51,
        ["eigrp"] = 88,
        ["ospf"] = 89,
        ["nos"] = 94,
        ["pim"] = 103,
        ["pcp"] = 108,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsName(string word) => word == "ip" || Numbers.ContainsKey(word);

    /// <summary>The protocols a word names; null when it is neither a keyword nor a number (the caller says what was expected).</summary>
    public static ProtocolSet? Resolve(ConfigToken token, TokenCursor cursor)
    {
        if (token.Text == "ip") return ProtocolSet.Any;
        if (Numbers.TryGetValue(token.Text, out var number)) return ProtocolSet.Of(number);
        if (!IosAddressing.IsDigits(token.Text)) return null;
        if (token.Text.Length > 3 || int.Parse(token.Text, CultureInfo.InvariantCulture) > 255)
        {
            throw cursor.Error(token, Messages.Format("IosProtocolOutOfRange", InputEcho.Escape(token.Text)));
        }
        return ProtocolSet.Of(int.Parse(token.Text, CultureInfo.InvariantCulture));
    }

    /// <summary>The single transport a protocol set is, when port operators may follow it.</summary>
    public static PortProtocol? Transport(ProtocolSet protocols) =>
        protocols.IsAny || protocols.Numbers.Length != 1 ? null
        : protocols.Numbers[0] == ProtocolSet.Tcp ? PortProtocol.Tcp
        : protocols.Numbers[0] == ProtocolSet.Udp ? PortProtocol.Udp
        : null;

    public static bool IsOnly(ProtocolSet protocols, int number) => !protocols.IsAny && protocols.Numbers.Length == 1 && protocols.Numbers[0] == number;
}
