using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets;

/// <summary>The names users write for rule formats (<c>--format</c>, <c>rulesFormat</c>) and reports print, in one table.</summary>
public static class RuleSetFormatNames
{
    private static readonly (string Id, RuleSetFormat Format)[] Table =
    [
        ("reg", RuleSetFormat.WindowsRegistry),
        ("pol", RuleSetFormat.WindowsRegistryPol),
        ("gpreport", RuleSetFormat.WindowsGpReport),
        ("netsh", RuleSetFormat.WindowsNetsh),
        ("powershell", RuleSetFormat.WindowsPowerShell),
        ("windows-script", RuleSetFormat.WindowsScript),
        ("iptables", RuleSetFormat.Iptables),
        ("nft", RuleSetFormat.Nftables),
        ("ios", RuleSetFormat.CiscoIos),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. Table.Select(t => t.Id)];

    public static string ToId(this RuleSetFormat format) => format == RuleSetFormat.Model ? "model" : Table.First(t => t.Format == format).Id;

    public static bool TryParse(string id, out RuleSetFormat format)
    {
        foreach (var (name, value) in Table)
        {
            if (string.Equals(name, id, StringComparison.OrdinalIgnoreCase))
            {
                format = value;
                return true;
            }
        }
        format = default;
        return false;
    }
}
