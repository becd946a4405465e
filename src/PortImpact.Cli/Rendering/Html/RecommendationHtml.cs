using PortImpact.Knowledge;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// The HTML report of <c>recommend</c>: the exceptions, how to narrow them, what they leave exposed and what to do
/// about it, as in the Markdown report (same view, same cells), with key figures, sortable and filterable tables,
/// and the threats and mitigations linked to their sources.
/// </summary>
public static class RecommendationHtml
{
    public static string Render(RecommendationView view, Text text, KnowledgeCatalog catalog)
    {
        var recommendation = view.Recommendation;
        var references = new ReportReferences(catalog, text);
        var facts = new List<string>
        {
            view.Change(),
            text.Format("ChangedPoints", recommendation.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", recommendation.ClosedPoints)),
        };
        if (!recommendation.ClosedHosts.IsEmpty) facts.Add(text.Format("ChangedHosts", recommendation.ClosedHosts.Length));
        var page = new HtmlPage(text, text.Format("RecommendTitle", recommendation.ModelName), "recommend", facts, recommendation.ClosureAlone.Warnings);

        page.Figures(
        [
            new("exceptions", recommendation.Exceptions.Length, text["HtmlFigureExceptions"], FigureTone.Neutral, "exceptions"),
            new("dependencies-kept", recommendation.DependenciesKept, text["HtmlFigureKept"], FigureTone.Good, "exceptions"),
            new("dependencies-not-kept", recommendation.NotKept.Length, text["HtmlFigureNotKept"], recommendation.NotKept.IsEmpty ? FigureTone.Neutral : FigureTone.Bad,
                recommendation.NotKept.IsEmpty ? null : "not-kept"),
            new("threat-paths-stopped", recommendation.ThreatsStopped, text["HtmlFigureStopped"], recommendation.ThreatsStopped > 0 ? FigureTone.Good : FigureTone.Neutral),
            new("threat-paths-through-exceptions", recommendation.ResidualPaths, text["HtmlFigureThroughExceptions"],
                recommendation.ResidualPaths > 0 ? FigureTone.Warning : FigureTone.Good, "residual"),
        ]);

        var exceptionsHeading = recommendation.Exceptions.IsEmpty
            ? text["NoExceptions"]
            : text.Format("ExceptionsHeader", recommendation.Exceptions.Length, recommendation.DependenciesKept);
        page.Section("exceptions", exceptionsHeading, html =>
        {
            if (recommendation.Exceptions.IsEmpty) return;
            HtmlTable.Write(html, text, "exceptions-table",
                RecommendationRenderer.ExceptionColumns.Select(c => new HtmlColumn(text[c], Wide: c == "ColKeeps")).ToList(),
                recommendation.Exceptions.Select(e => (IReadOnlyList<HtmlCell>)RecommendationRenderer.ExceptionCells(view, e).Select(c => (HtmlCell)c).ToList()));
            var notes = view.Narrowing().Concat(view.FailoverCost() is { } cost ? [cost] : []).ToList();
            if (notes.Count == 0) return;
            html.Open("ul", ("class", "notes"));
            foreach (var note in notes) html.Element("li", note);
            html.Close();
        });

        if (!recommendation.NotKept.IsEmpty)
        {
            page.Section("not-kept", text.Format("NotKeptHeader", recommendation.NotKept.Length), html =>
            {
                html.Open("ul", ("class", "notes"));
                foreach (var item in RecommendationRenderer.NotKeptItems(recommendation, text)) html.Element("li", item);
                html.Close();
            });
        }

        page.Section("residual", view.Residual.Count == 0 ? text["NoResidual"] : text.Format("ResidualHeader", recommendation.ResidualPaths), html =>
        {
            if (view.Residual.Count == 0) return;
            HtmlTable.Write(html, text, "residual-table",
                RecommendationRenderer.ResidualColumns.Select(c => new HtmlColumn(text[c], Wide: c == "ColMitigations")).ToList(),
                view.Residual.Select(r => (IReadOnlyList<HtmlCell>)
                [
                    references.Threat(r.Threat),
                    text.Attacker(r.Attacker),
                    string.Join(", ", r.Victims),
                    string.Join(", ", r.Through),
                    HtmlFragment.Join(", ", r.Mitigations.Select(m => HtmlFragment.Element("a", m.Id, ("href", "#" + HtmlId.For("mitigation", m.Id))))),
                ]));
            if (view.WorstCases().Any())
            {
                html.Element("h3", text["WorstCasesHeader"].TrimEnd(':'));
                html.Open("ul", ("class", "notes"));
                foreach (var line in view.WorstCases()) html.Element("li", line);
                html.Close();
            }
        });

        if (view.Residual.Count > 0)
        {
            page.Section("mitigations", text["ThreatMitigations"], html =>
            {
                html.Open("ul", ("class", "mitigations"));
                foreach (var mitigation in view.Mitigations)
                {
                    var item = HtmlFragment.Concat(
                        HtmlFragment.Element("code", mitigation.Id),
                        HtmlFragment.Text(": " + mitigation.Text.In(text.Language)),
                        mitigation.Sources.IsEmpty ? HtmlFragment.Empty : HtmlFragment.Concat(HtmlFragment.Text(" "), HtmlFragment.Element("span", references.SourcesLine(mitigation.Sources), ("class", "meta"))));
                    html.Element("li", item, ("id", HtmlId.For("mitigation", mitigation.Id)));
                }
                html.Close();
            });
        }
        page.Summary(view.Summary());
        if (references.Any) references.Write(page);
        return page.Finish();
    }
}
