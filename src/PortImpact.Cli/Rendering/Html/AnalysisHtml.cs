using PortImpact.Knowledge;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// The HTML report of <c>analyze</c>: the Markdown report's sections and sentences (from the same view), with key
/// figures on top, sortable and filterable tables, and the threats and capabilities linked to their sources.
/// </summary>
public static class AnalysisHtml
{
    public static string Render(AnalysisView view, Text text, KnowledgeCatalog catalog)
    {
        var result = view.Result;
        var references = new ReportReferences(catalog, text);
        var facts = new List<string>
        {
            view.Change(),
            text.Format("ChangedPoints", result.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", result.ClosedPoints)),
        };
        if (!result.ClosedHosts.IsEmpty) facts.Add(text.Format("ChangedHosts", result.ClosedHosts.Length));
        var page = new HtmlPage(text, text.Format("AnalyzeTitle", result.ModelName), "analyze", facts, result.Warnings);

        page.Figures(
        [
            new("newly-broken", result.NewlyBroken, text["HtmlFigureBroken"], result.NewlyBroken > 0 ? FigureTone.Bad : FigureTone.Neutral, "dependencies"),
            new("newly-degraded", result.NewlyDegraded, text["HtmlFigureDegraded"], result.NewlyDegraded > 0 ? FigureTone.Warning : FigureTone.Neutral, "dependencies"),
            new("resilience-lost", result.ResilienceLost, text["HtmlFigureFailoverLost"], result.ResilienceLost > 0 ? FigureTone.Warning : FigureTone.Neutral, "dependencies"),
            new("threat-paths-stopped", result.ThreatsStopped, text["HtmlFigureStopped"], result.ThreatsStopped > 0 ? FigureTone.Good : FigureTone.Neutral, "stopped"),
            new("threat-paths-still-exposed", result.StillExposed, text["HtmlFigureStillExposed"], result.StillExposed > 0 ? FigureTone.Bad : FigureTone.Good, "still-exposed"),
        ]);

        page.Section("dependencies", text.Format("DependenciesHeader", view.ChangedDependencies.Count, result.Dependencies.Length), html =>
        {
            if (view.ChangedDependencies.Count == 0) return;
            HtmlTable.Write(html, text, "dependencies-table",
                [new(text["ColCapability"]), new(text["ColClient"]), new(text["ColServer"]), new(text["ColBefore"]), new(text["ColAfter"]), new(text["ColWhy"], Wide: true)],
                view.ChangedDependencies.Select(impact => (IReadOnlyList<HtmlCell>)
                [
                    references.Capability(impact.Dependency.Capability, view.Capability(impact)),
                    impact.Dependency.Client,
                    view.Server(impact),
                    HtmlStates.Badge(impact.Before, text),
                    HtmlStates.Badge(impact.After, text),
                    view.Why(impact),
                ]));
        });
        Threats(page, view, text, references, "stopped", "ThreatsStoppedHeader", view.Stopped, withCut: true);
        if (view.Opened.Count > 0) Threats(page, view, text, references, "opened", "ThreatsOpenedHeader", view.Opened, withCut: false);
        Threats(page, view, text, references, "still-exposed", "StillExposedHeader", view.StillExposed, withCut: false);
        if (view.WorstCases().Any())
        {
            page.Section("worst-cases", text["AnalyzeWorstCasesHeader"], html =>
            {
                html.Open("ul", ("class", "notes"));
                foreach (var line in view.WorstCases()) html.Element("li", line);
                html.Close();
            });
        }
        page.Summary(view.Summary());
        if (references.Any) references.Write(page);
        return page.Finish();
    }

    private static void Threats(HtmlPage page, AnalysisView view, Text text, ReportReferences references, string id, string header,
        IReadOnlyList<ThreatGroup> groups, bool withCut) => page.Section(id, text.Format(header, view.Count(groups)), html =>
    {
        if (groups.Count == 0)
        {
            html.Element("p", text["NoneListed"], ("class", "none"));
            return;
        }
        List<HtmlColumn> columns = [new(text["ColThreat"]), new(text["ColAttacker"]), new(text["ColVictims"], Wide: true)];
        if (withCut) columns.AddRange([new(text["ColCutSteps"]), new(text["ColBlockedAt"])]);
        HtmlTable.Write(html, text, id + "-table", columns, groups.Select(group =>
        {
            List<HtmlCell> cells = [references.Threat(group.Threat), text.Attacker(group.Attacker), string.Join(", ", group.Victims)];
            if (withCut) cells.AddRange([string.Join(", ", group.CutSteps), string.Join(", ", group.CutAt)]);
            return (IReadOnlyList<HtmlCell>)cells;
        }));
    });
}
