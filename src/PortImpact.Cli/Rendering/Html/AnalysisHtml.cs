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
        facts.AddRange(view.ScopeNotes);
        var page = new HtmlPage(text, text.Format("AnalyzeTitle", result.ModelName), "analyze", facts, result.Warnings);

        page.Figures(
        [
            new("newly-broken", result.NewlyBroken, text["HtmlFigureBroken"], result.NewlyBroken > 0 ? FigureTone.Bad : FigureTone.Neutral, "dependencies"),
            new("newly-degraded", result.NewlyDegraded, text["HtmlFigureDegraded"], result.NewlyDegraded > 0 ? FigureTone.Warning : FigureTone.Neutral, "dependencies"),
            new("resilience-lost", result.ResilienceLost, text["HtmlFigureFailoverLost"], result.ResilienceLost > 0 ? FigureTone.Warning : FigureTone.Neutral, "dependencies"),
            new("threat-paths-stopped", result.ThreatsStopped, text["HtmlFigureStopped"], result.ThreatsStopped > 0 ? FigureTone.Good : FigureTone.Neutral, "stopped"),
            new("threat-paths-still-exposed", result.StillExposed, text["HtmlFigureStillExposed"], result.StillExposed > 0 ? FigureTone.Bad : FigureTone.Good, "still-exposed"),
        ]);

        if (view.Scope.SummaryOnly)
        {
            BySite(page, view, text);
        }
        else
        {
            Details(page, view, text, references);
        }
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

    private static void Details(HtmlPage page, AnalysisView view, Text text, ReportReferences references)
    {
        page.Section("dependencies", text.Format("DependenciesHeader", view.ChangedDependencies.Count, view.DependencyCount), html =>
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
        if (view.ListsUnchanged)
        {
            Threats(page, view, text, references, "still-exposed", "StillExposedHeader", view.StillExposed, withCut: false);
        }
        else
        {
            page.Section("still-exposed", text.Format("StillExposedHeader", view.StillExposedPaths),
                html => html.Element("p", text["StillExposedNotListed"], ("class", "none")));
        }
    }

    /// <summary>The summary's figures split by site, as the terminal report's --summary shows them.</summary>
    private static void BySite(HtmlPage page, AnalysisView view, Text text) => page.Section("by-site", text["BySiteHeader"], html =>
        HtmlTable.Write(html, text, "by-site-table",
            [new(text["ColSite"]), new(text["ColBrokenCount"]), new(text["ColDegradedCount"]), new(text["ColStoppedCount"]), new(text["ColExposedCount"])],
            view.BySite().Select(site => (IReadOnlyList<HtmlCell>)
                [site.Place, Count(site.Broken), Count(site.Degraded), Count(site.Stopped), Count(site.StillExposed)])));

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
            List<HtmlCell> cells = [references.Threat(group.Threat), text.Attacker(group.Attacker), view.Victims(group)];
            if (withCut) cells.AddRange([string.Join(", ", group.CutSteps), view.BlockedAt(group)]);
            return (IReadOnlyList<HtmlCell>)cells;
        }));
    });
}
