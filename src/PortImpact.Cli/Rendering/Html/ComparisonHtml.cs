using PortImpact.Core.Ports;
using PortImpact.Engine;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// The HTML report of <c>compare</c>: the placement matrix of the Markdown report (same cells), drawn first as two
/// bar charts (what each placement stops, and what it costs), then as a sortable and filterable table.
/// </summary>
public static class ComparisonHtml
{
    public static string Render(string model, PortSelection ports, IReadOnlyList<ComparisonRow> rows, Text text)
    {
        var title = text.Format("CompareTitle", ports, model);
        var page = new HtmlPage(text, title, "compare", [], []);

        page.Section("chart-stopped", text["HtmlChartStoppedTitle"], html =>
        {
            (string Metric, string Column)[] metrics =
                [("stopped-external", "ColStoppedExternal"), ("stopped-sites", "ColStoppedSites"), ("stopped-lan", "ColStoppedLan"), ("still-exposed", "ColStillExposed")];
            BarChart.Stacked(html, "stopped-chart", text["HtmlChartStoppedTitle"], rows.Select(row =>
            {
                var stopped = row.StoppedFromExternal + row.StoppedFromOtherSites + row.StoppedFromLan;
                return new ChartBar(row.Placement,
                [
                    new(metrics[0].Metric, text[metrics[0].Column], row.StoppedFromExternal),
                    new(metrics[1].Metric, text[metrics[1].Column], row.StoppedFromOtherSites),
                    new(metrics[2].Metric, text[metrics[2].Column], row.StoppedFromLan),
                    new(metrics[3].Metric, text[metrics[3].Column], row.StillExposed),
                ], text.Format("HtmlChartStoppedTotal", stopped, stopped + row.StillExposed));
            }).ToList());
            BarChart.Legend(html, metrics.Select(m => (m.Metric, text[m.Column])));
        });

        page.Section("chart-cost", text["HtmlChartCostTitle"], html =>
        {
            (string Metric, string Column)[] metrics =
                [("broken", "ColBroken"), ("degraded", "ColDegraded"), ("failover-lost", "ColFailoverLost"), ("exceptions", "ColExceptions")];
            BarChart.Grouped(html, "cost-chart", text["HtmlChartCostTitle"], rows.Select(row => new ChartBar(row.Placement,
            [
                new(metrics[0].Metric, text[metrics[0].Column], row.Broken),
                new(metrics[1].Metric, text[metrics[1].Column], row.Degraded),
                new(metrics[2].Metric, text[metrics[2].Column], row.Analysis.ResilienceLost),
                new(metrics[3].Metric, text[metrics[3].Column], row.ExceptionsNeeded),
            ])).ToList());
            BarChart.Legend(html, metrics.Select(m => (m.Metric, text[m.Column])));
        });

        page.Section("placements", text["HtmlPlacementsHeader"], html =>
        {
            HtmlTable.Write(html, text, "placements-table",
                ComparisonRenderer.Columns.Select((c, i) => new HtmlColumn(text[c], Numeric: i > 0)).ToList(),
                rows.Select(row => (IReadOnlyList<HtmlCell>)ComparisonRenderer.Cells(row).Select(c => (HtmlCell)c).ToList()));
            html.Element("p", text["CompareNote"], ("class", "note"));
        });
        return page.Finish();
    }
}
