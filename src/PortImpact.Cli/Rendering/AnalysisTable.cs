using PortImpact.Cli.Rendering.Layout;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>The terminal report of <c>analyze</c>: what changes, what is stopped, what stays exposed.</summary>
public static class AnalysisTable
{
    public static void Render(ReportWriter report, AnalysisView view, Text text)
    {
        var result = view.Result;
        report.Heading(text.Format("AnalyzeTitle", result.ModelName));
        report.Line(view.Change());
        report.Line(text.Format("ChangedPoints", result.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", result.ClosedPoints)));
        if (!result.ClosedHosts.IsEmpty) report.Line(text.Format("ChangedHosts", result.ClosedHosts.Length));
        foreach (var warning in result.Warnings) report.Line(text.Format("Warning", warning), "yellow");
        report.Line();

        report.Line(text.Format("DependenciesHeader", view.ChangedDependencies.Count, result.Dependencies.Length));
        if (view.ChangedDependencies.Count > 0)
        {
            var table = new ReportTable(new[] { "ColCapability", "ColClient", "ColServer", "ColBefore", "ColAfter", "ColWhy" }.Select(key => text[key]), notesColumn: 5);
            foreach (var impact in view.ChangedDependencies)
            {
                table.Row(
                    view.Capability(impact),
                    impact.Dependency.Client,
                    view.Server(impact),
                    text.State(impact.Before),
                    new ReportCell(text.State(impact.After), Colour(impact.After)),
                    view.Why(impact));
            }
            report.Table(table);
        }
        report.Line();

        Threats(report, view, text, "ThreatsStoppedHeader", view.Stopped, withCut: true);
        if (view.Opened.Count > 0) Threats(report, view, text, "ThreatsOpenedHeader", view.Opened, withCut: false);
        Threats(report, view, text, "StillExposedHeader", view.StillExposed, withCut: false);
        if (view.WorstCases().Any())
        {
            report.Line(text["AnalyzeWorstCasesHeader"]);
            foreach (var line in view.WorstCases()) report.Line($"  {line}");
            report.Line();
        }
        report.Line(view.Summary());
    }

    private static void Threats(ReportWriter report, AnalysisView view, Text text, string header, IReadOnlyList<ThreatGroup> groups, bool withCut)
    {
        report.Line(text.Format(header, view.Count(groups)));
        if (groups.Count == 0)
        {
            report.Line(text["NoneListed"]);
            report.Line();
            return;
        }
        var columns = new List<string> { "ColThreat", "ColAttacker", "ColVictims" };
        if (withCut) columns.AddRange(["ColCutSteps", "ColBlockedAt"]);
        var table = new ReportTable(columns.Select(key => text[key]));
        foreach (var group in groups)
        {
            var cells = new List<string> { group.Threat, text.Attacker(group.Attacker), string.Join(", ", group.Victims) };
            if (withCut)
            {
                cells.Add(string.Join(", ", group.CutSteps));
                cells.Add(string.Join(", ", group.CutAt));
            }
            table.Row(cells);
        }
        report.Table(table);
        report.Line();
    }

    private static string Colour(DependencyState state) => state switch
    {
        DependencyState.Broken => "red",
        DependencyState.Degraded => "yellow",
        _ => "green",
    };
}
