namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Ids for formats that show rule names but not the registry value names (gpreport, netsh, PowerShell): Windows
/// lets names repeat (TCP and UDP twins, one rule per profile), so a repeated name gets " #1", " #2" … in order.
/// </summary>
internal static class RuleIds
{
    public static IReadOnlyList<string> Numbered(IReadOnlyList<string> names)
    {
        var counts = names.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>(names.Count);
        foreach (var name in names)
        {
            seen[name] = seen.GetValueOrDefault(name) + 1;
            ids.Add(counts[name] > 1 ? $"{name} #{seen[name]}" : name);
        }
        return ids;
    }
}
