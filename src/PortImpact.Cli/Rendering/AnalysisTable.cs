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
        foreach (var note in view.ScopeNotes) report.Line(note);
        report.Line();

        if (view.Scope.SummaryOnly)
        {
            BySite(report, view, text);
            WorstCases(report, view, text);
            report.Line(view.Summary());
            return;
        }

        report.Line(text.Format("DependenciesHeader", view.ChangedDependencies.Count, view.DependencyCount));
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
        if (view.ListsUnchanged)
        {
            Threats(report, view, text, "StillExposedHeader", view.StillExposed, withCut: false);
        }
        else
        {
            report.Line(text.Format("StillExposedHeader", view.StillExposedPaths));
            report.Line(text["StillExposedNotListed"]);
            report.Line();
        }
        WorstCases(report, view, text);
        report.Line(view.Summary());
    }

    private static void WorstCases(ReportWriter report, AnalysisView view, Text text)
    {
        if (!view.WorstCases().Any()) return;
        report.Line(text["AnalyzeWorstCasesHeader"]);
        foreach (var line in view.WorstCases()) report.Line($"  {line}");
        report.Line();
    }

    /// <summary>The figures site by site, the summary's numbers split by where the client or the victim is.</summary>
    private static void BySite(ReportWriter report, AnalysisView view, Text text)
    {
        report.Line(text["BySiteHeader"]);
        var table = new ReportTable(new[] { "ColSite", "ColBrokenCount", "ColDegradedCount", "ColStoppedCount", "ColExposedCount" }.Select(key => text[key]));
        foreach (var site in view.BySite())
        {
            table.Row([site.Place, Number(site.Broken), Number(site.Degraded), Number(site.Stopped), Number(site.StillExposed)]);
        }
        report.Table(table);
        report.Line();
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
            var cells = new List<string> { group.Threat, text.Attacker(group.Attacker), view.Victims(group) };
            if (withCut)
            {
                cells.Add(string.Join(", ", group.CutSteps));
                cells.Add(view.BlockedAt(group));
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
