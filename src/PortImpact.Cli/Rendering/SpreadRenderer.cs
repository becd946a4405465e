using System.Globalization;
using System.Text;
using PortImpact.Core.Model;
using PortImpact.Engine.Threats;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// The report of <c>spread</c>. JSON: <c>{threat, from, radius, reached:[{victim, hop, from, through:[…]}],
/// notReached:[…], exploited:[…]}</c>; fields are only ever added.
/// </summary>
public static class SpreadRenderer
{
    private static readonly string[] Columns = ["ColHop", "ColVictim", "ColInfectedBy", "ColThroughPoints"];

    private static string[] Cells(SpreadVictim victim) =>
        [victim.Hop.ToString(CultureInfo.InvariantCulture), victim.Victim, victim.From, string.Join(", ", victim.Through)];

    public static string Json(SpreadResult result, NetworkModel model) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("model", model.Name);
        json.WriteString("threat", result.Threat);
        json.WriteString("from", result.From);
        json.WriteNumber("radius", result.Radius);
        json.WriteStartArray("reached");
        foreach (var victim in result.Reached)
        {
            json.WriteStartObject();
            json.WriteString("victim", victim.Victim);
            json.WriteNumber("hop", victim.Hop);
            json.WriteString("from", victim.From);
            JsonOutput.Strings(json, "through", victim.Through);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        JsonOutput.Strings(json, "notReached", result.NotReached);
        JsonOutput.Strings(json, "exploited", result.Exploited);
        json.WriteEndObject();
    });

    public static void Table(ReportWriter report, SpreadResult result, NetworkModel model, Text text)
    {
        report.Heading(text.Format("SpreadTitle", result.Threat, result.From, model.Name));
        if (result.Reached.IsEmpty)
        {
            report.Line(text["SpreadNothing"]);
        }
        else
        {
            var table = new ReportTable(Columns.Select(column => text[column]));
            foreach (var victim in result.Reached) table.Row(Cells(victim));
            report.Table(table);
        }
        foreach (var line in Footer(result, model, text)) report.Line(line);
    }

    public static string Markdown(SpreadResult result, NetworkModel model, Text text)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(text.Format("SpreadTitle", result.Threat, result.From, model.Name)).AppendLine();
        if (result.Reached.IsEmpty)
        {
            md.AppendLine(text["SpreadNothing"]);
        }
        else
        {
            md.Append("| ").Append(string.Join(" | ", Columns.Select(c => text[c]))).AppendLine(" |");
            md.Append("| ").Append(string.Join(" | ", Columns.Select(_ => "---"))).AppendLine(" |");
            foreach (var victim in result.Reached) md.Append("| ").Append(string.Join(" | ", Cells(victim).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
        }
        md.AppendLine();
        foreach (var line in Footer(result, model, text)) md.AppendLine($"- {line}");
        return md.ToString();
    }

    private static IEnumerable<string> Footer(SpreadResult result, NetworkModel model, Text text)
    {
        yield return text.Format("SpreadRadius", result.Radius, result.Reached.Length, result.Reached.IsEmpty ? 0 : result.Reached.Max(r => r.Hop));
        if (!result.Exploited.IsEmpty) yield return text.Format("SpreadExploited", string.Join(", ", result.Exploited));
        if (!result.NotReached.IsEmpty) yield return text.Format("SpreadNotReached", string.Join(", ", result.NotReached));
    }
}
