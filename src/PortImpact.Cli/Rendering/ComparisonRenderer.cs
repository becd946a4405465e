using System.Text;
using System.Text.Json;
using PortImpact.Core.Ports;
using PortImpact.Engine;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Rendering;

/// <summary>The placement matrix of <c>compare</c> as a table, Markdown or JSON.</summary>
public static class ComparisonRenderer
{
    internal static readonly string[] Columns = ["ColPlacement", "ColStoppedExternal", "ColStoppedSites", "ColStoppedLan", "ColStillExposed", "ColBroken", "ColDegraded", "ColFailoverLost", "ColExceptions"];

    internal static string[] Cells(ComparisonRow row) =>
    [
        row.Placement,
        row.StoppedFromExternal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.StoppedFromOtherSites.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.StoppedFromLan.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.StillExposed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.Broken.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.Degraded.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.Analysis.ResilienceLost.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.ExceptionsNeeded.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    public static void Table(ReportWriter report, string model, PortSelection ports, IReadOnlyList<ComparisonRow> rows, Text text)
    {
        report.Heading(text.Format("CompareTitle", ports, model));
        var table = new ReportTable(Columns.Select(column => text[column]), mayTurn: true);
        foreach (var row in rows) table.Row(Cells(row));
        report.Table(table);
        report.Line(text["CompareNote"]);
    }

    public static string Markdown(string model, PortSelection ports, IReadOnlyList<ComparisonRow> rows, Text text)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(text.Format("CompareTitle", ports, model)).AppendLine();
        md.Append("| ").Append(string.Join(" | ", Columns.Select(c => text[c]))).AppendLine(" |");
        md.Append("| ").Append(string.Join(" | ", Columns.Select(_ => "---"))).AppendLine(" |");
        foreach (var row in rows) md.Append("| ").Append(string.Join(" | ", Cells(row))).AppendLine(" |");
        md.AppendLine().AppendLine(text["CompareNote"]);
        return md.ToString();
    }

    public static string Json(string model, PortSelection ports, IReadOnlyList<ComparisonRow> rows)
    {
        return JsonOutput.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("close", ports.ToString());
            json.WriteStartArray("placements");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("placement", row.Placement);
                JsonOutput.Strings(json, "points", row.Analysis.ClosedPoints);
                json.WriteNumber("hostFirewalls", row.Analysis.ClosedHosts.Length);
                json.WriteStartObject("threatPathsStopped");
                json.WriteNumber("external", row.StoppedFromExternal);
                json.WriteNumber("otherSites", row.StoppedFromOtherSites);
                json.WriteNumber("lan", row.StoppedFromLan);
                json.WriteEndObject();
                json.WriteNumber("threatPathsStillExposed", row.StillExposed);
                json.WriteNumber("dependenciesBroken", row.Broken);
                json.WriteNumber("dependenciesDegraded", row.Degraded);
                json.WriteNumber("resilienceLost", row.Analysis.ResilienceLost);
                json.WriteNumber("exceptionsNeeded", row.ExceptionsNeeded);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
