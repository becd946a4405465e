using PortImpact.Core.Model;
using System.Globalization;
using System.Text;
using PortImpact.Knowledge;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// <c>portimpact list threats|roles|capabilities|services|os</c>: one of the catalogs, a row per entry with its id (what
/// a model or a command line writes), its name in the report's language and what tells it apart — as a table,
/// Markdown or JSON. Every row comes from the catalog, the built-in one or as extended by <c>--catalog</c>.
/// </summary>
public static class CatalogListing
{
    /// <summary>The catalogs that can be listed, in the order <c>--help</c> names them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["threats", "roles", "capabilities", "services", "os"];

    private sealed record Listing(string[] Columns, string[] JsonNames, List<string[]> Rows);

    private static Listing Of(string kind, KnowledgeCatalog catalog, Text text)
    {
        var language = text.Language;
        return kind switch
        {
            "threats" => new(["ColId", "ColName", "ColFirstSeen", "ColBulletins"], ["id", "name", "firstSeen", "bulletins"],
                [.. catalog.Threats.Select(t => new[]
                {
                    t.Id, t.Name.In(language), t.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join(", ", t.Bulletins.Concat(t.Cves).Distinct(StringComparer.OrdinalIgnoreCase)),
                })]),
            "roles" => new(["ColId", "ColName"], ["id", "name"],
                [.. catalog.Roles.Values.OrderBy(r => r.Id, NaturalOrder.Instance).Select(r => new[] { r.Id, r.Name.In(language) })]),
            "capabilities" => new(["ColId", "ColName", "ColSummary"], ["id", "name", "summary"],
                [.. catalog.Capabilities.Values.OrderBy(c => c.Id, NaturalOrder.Instance).Select(c => new[] { c.Id, c.Name.In(language), c.Summary.In(language) })]),
            "services" => new(["ColId", "ColPorts"], ["id", "ports"],
                [.. catalog.ServiceAliases.OrderBy(s => s.Key, NaturalOrder.Instance).Select(s => new[] { s.Key, s.Value.ToString() })]),
            _ => new(["ColId", "ColName", "ColFamily"], ["id", "name", "family"],
                [.. catalog.OsVersions.Values.OrderBy(o => o.Family, NaturalOrder.Instance).ThenBy(o => o.Rank).Select(o => new[] { o.Id, o.Name.In(language), o.Family })]),
        };
    }

    private static string Count(Listing listing, Text text) =>
        text.Format("ListCount", listing.Rows.Count);

    public static void Table(ReportWriter report, string kind, KnowledgeCatalog catalog, Text text)
    {
        var listing = Of(kind, catalog, text);
        var table = new ReportTable(listing.Columns.Select(column => text[column]));
        foreach (var row in listing.Rows) table.Row(row);
        report.Table(table);
        report.Line(Count(listing, text));
    }

    public static string Markdown(string kind, KnowledgeCatalog catalog, Text text)
    {
        var listing = Of(kind, catalog, text);
        var md = new StringBuilder();
        md.Append("| ").Append(string.Join(" | ", listing.Columns.Select(c => text[c]))).AppendLine(" |");
        md.Append("| ").Append(string.Join(" | ", listing.Columns.Select(_ => "---"))).AppendLine(" |");
        foreach (var row in listing.Rows) md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
        md.AppendLine().AppendLine(Count(listing, text));
        return md.ToString();
    }

    public static string Json(string kind, KnowledgeCatalog catalog, Text text) => JsonOutput.Write(json =>
    {
        var listing = Of(kind, catalog, text);
        json.WriteStartArray();
        foreach (var row in listing.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < row.Length; i++) json.WriteString(listing.JsonNames[i], row[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });
}
