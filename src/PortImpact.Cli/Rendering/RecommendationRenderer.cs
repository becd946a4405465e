using System.Text;
using PortImpact.Engine.Recommendations;
using Spectre.Console;

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

    public static void Table(IAnsiConsole console, RecommendationView view, Text text)
    {
        var recommendation = view.Recommendation;
        console.Write(new Rule(Markup.Escape(text.Format("RecommendTitle", recommendation.ModelName))).LeftJustified());
        console.WriteLine(view.Change());
        console.WriteLine(text.Format("ChangedPoints", recommendation.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", recommendation.ClosedPoints)));
        if (!recommendation.ClosedHosts.IsEmpty) console.WriteLine(text.Format("ChangedHosts", recommendation.ClosedHosts.Length));
        foreach (var warning in recommendation.ClosureAlone.Warnings) console.MarkupLine($"[yellow]{Markup.Escape(text.Format("Warning", warning))}[/]");
        console.WriteLine();

        if (recommendation.Exceptions.IsEmpty)
        {
            console.WriteLine(text["NoExceptions"]);
        }
        else
        {
            console.WriteLine(text.Format("ExceptionsHeader", recommendation.Exceptions.Length, recommendation.DependenciesKept));
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in ExceptionColumns) table.AddColumn(text[column]);
            foreach (var exception in recommendation.Exceptions) table.AddRow(ExceptionCells(view, exception).Select(Markup.Escape).ToArray());
            console.Write(table);
            foreach (var note in view.Narrowing()) console.WriteLine(note);
            if (view.FailoverCost() is { } cost) console.WriteLine(cost);
        }
        console.WriteLine();
        NotKept(recommendation, text, console.WriteLine);

        if (view.Residual.Count == 0)
        {
            console.WriteLine(text["NoResidual"]);
        }
        else
        {
            console.WriteLine(text.Format("ResidualHeader", recommendation.ResidualPaths));
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in ResidualColumns) table.AddColumn(text[column]);
            foreach (var group in view.Residual) table.AddRow(ResidualCells(group, text).Select(Markup.Escape).ToArray());
            console.Write(table);
            if (view.WorstCases().Any()) console.WriteLine(text["WorstCasesHeader"]);
            foreach (var line in view.WorstCases()) console.WriteLine($"  {line}");
            console.WriteLine(text["ThreatMitigations"]);
            foreach (var mitigation in view.Mitigations) console.WriteLine($"  {mitigation.Id}: {mitigation.Text.In(text.Language)}");
        }
        console.WriteLine();
        console.WriteLine(view.Summary());
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
