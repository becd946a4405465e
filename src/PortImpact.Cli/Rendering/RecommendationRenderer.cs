using System.Text;
using PortImpact.Engine.Recommendations;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Rendering;

/// <summary>The report of <c>recommend</c> as a terminal table or Markdown: exceptions, how to narrow them, what they leave exposed.</summary>
public static class RecommendationRenderer
{
    internal static readonly string[] ExceptionColumns = ["ColId", "ColAt", "ColDirection", "ColPorts", "ColFrom", "ColTo", "ColKeeps"];
    internal static readonly string[] ResidualColumns = ["ColThreat", "ColAttacker", "ColVictims", "ColThrough", "ColMitigations"];

    internal static string[] ExceptionCells(RecommendationView view, AllowException e) =>
        [e.Id, view.At(e), view.Direction(e), e.Ports.ToString(), string.Join(", ", e.Sources), string.Join(", ", e.Destinations), view.Keeps(e)];

    private static string[] ResidualCells(ResidualGroup r, Text text) =>
        [r.Threat, text.Attacker(r.Attacker), string.Join(", ", r.Victims), string.Join(", ", r.Through), string.Join(", ", r.Mitigations.Select(m => m.Id))];

    public static void Table(ReportWriter report, RecommendationView view, Text text)
    {
        var recommendation = view.Recommendation;
        report.Heading(text.Format("RecommendTitle", recommendation.ModelName));
        report.Line(view.Change());
        report.Line(text.Format("ChangedPoints", recommendation.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", recommendation.ClosedPoints)));
        if (!recommendation.ClosedHosts.IsEmpty) report.Line(text.Format("ChangedHosts", recommendation.ClosedHosts.Length));
        foreach (var warning in recommendation.ClosureAlone.Warnings) report.Line(text.Format("Warning", warning), "yellow");
        foreach (var note in view.ScopeNotes) report.Line(note);
        report.Line();

        if (recommendation.Exceptions.IsEmpty)
        {
            report.Line(text["NoExceptions"]);
        }
        else
        {
            report.Line(text.Format("ExceptionsHeader", recommendation.Exceptions.Length, recommendation.DependenciesKept));
            var table = new ReportTable(ExceptionColumns.Select(column => text[column]), notesColumn: ExceptionColumns.Length - 1);
            foreach (var exception in recommendation.Exceptions) table.Row(ExceptionCells(view, exception));
            report.Table(table);
            foreach (var note in view.Narrowing()) report.Line(note);
            if (view.FailoverCost() is { } cost) report.Line(cost);
        }
        report.Line();
        NotKept(recommendation, text, line => report.Line(line));

        if (view.Residual.Count == 0)
        {
            report.Line(text["NoResidual"]);
        }
        else
        {
            report.Line(text.Format("ResidualHeader", recommendation.ResidualPaths));
            var table = new ReportTable(ResidualColumns.Select(column => text[column]));
            foreach (var group in view.Residual) table.Row(ResidualCells(group, text));
            report.Table(table);
            if (view.WorstCases().Any()) report.Line(text["WorstCasesHeader"]);
            foreach (var line in view.WorstCases()) report.Line($"  {line}");
            report.Line(text["ThreatMitigations"]);
            foreach (var mitigation in view.Mitigations) report.Line($"  {mitigation.Id}: {mitigation.Text.In(text.Language)}");
        }
        report.Line();
        report.Line(view.Summary());
    }

    public static string Markdown(RecommendationView view, Text text)
    {
        var recommendation = view.Recommendation;
        var md = new StringBuilder();
        md.Append("# ").AppendLine(text.Format("RecommendTitle", recommendation.ModelName)).AppendLine();
        md.AppendLine($"- {view.Change()}");
        md.AppendLine($"- {text.Format("ChangedPoints", recommendation.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", recommendation.ClosedPoints))}");
        if (!recommendation.ClosedHosts.IsEmpty) md.AppendLine($"- {text.Format("ChangedHosts", recommendation.ClosedHosts.Length)}");
        foreach (var warning in recommendation.ClosureAlone.Warnings) md.AppendLine($"- {text.Format("Warning", warning)}");
        foreach (var note in view.ScopeNotes) md.AppendLine($"- {note}");
        md.AppendLine();

        if (recommendation.Exceptions.IsEmpty)
        {
            md.AppendLine(text["NoExceptions"]).AppendLine();
        }
        else
        {
            md.Append("## ").AppendLine(text.Format("ExceptionsHeader", recommendation.Exceptions.Length, recommendation.DependenciesKept)).AppendLine();
            Row(md, ExceptionColumns.Select(c => text[c]).ToArray());
            Row(md, ExceptionColumns.Select(_ => "---").ToArray());
            foreach (var exception in recommendation.Exceptions) Row(md, ExceptionCells(view, exception));
            md.AppendLine();
            foreach (var note in view.Narrowing()) md.AppendLine($"- {note}");
            if (view.FailoverCost() is { } cost) md.AppendLine($"- {cost}");
            if (view.Narrowing().Any() || view.FailoverCost() is not null) md.AppendLine();
        }
        NotKept(recommendation, text, line => md.AppendLine(line).AppendLine());

        if (view.Residual.Count == 0)
        {
            md.AppendLine(text["NoResidual"]).AppendLine();
        }
        else
        {
            md.Append("## ").AppendLine(text.Format("ResidualHeader", recommendation.ResidualPaths)).AppendLine();
            Row(md, ResidualColumns.Select(c => text[c]).ToArray());
            Row(md, ResidualColumns.Select(_ => "---").ToArray());
            foreach (var group in view.Residual) Row(md, ResidualCells(group, text));
            md.AppendLine();
            if (view.WorstCases().Any())
            {
                md.Append("### ").AppendLine(text["WorstCasesHeader"]).AppendLine();
                foreach (var line in view.WorstCases()) md.AppendLine($"- {line}");
                md.AppendLine();
            }
            md.Append("### ").AppendLine(text["ThreatMitigations"]).AppendLine();
            foreach (var mitigation in view.Mitigations) md.AppendLine($"- `{mitigation.Id}`: {mitigation.Text.In(text.Language)}");
            md.AppendLine();
        }
        md.AppendLine(view.Summary());
        return md.ToString();
    }

    private static void NotKept(Recommendation recommendation, Text text, Action<string> line)
    {
        var notKept = recommendation.NotKept;
        if (notKept.IsEmpty) return;
        line(text.Format("NotKeptHeader", notKept.Length));
        foreach (var item in NotKeptItems(recommendation, text)) line($"  {item}");
    }

    /// <summary>Each dependency the exceptions cannot keep: what it is and how its state changes.</summary>
    internal static IEnumerable<string> NotKeptItems(Recommendation recommendation, Text text) => recommendation.NotKept.Select(impact =>
        $"{impact.Dependency.Capability} {impact.Dependency.Client} → {impact.Dependency.Server}: {text.State(impact.Before)} → {text.State(impact.After)}");

    private static void Row(StringBuilder md, params string[] cells) =>
        md.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
}
