using System.Globalization;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>One part of a bar: what it counts (its metric names the colour class), what to call it, how many.</summary>
public sealed record ChartSegment(string Metric, string Label, int Value);

/// <summary>One bar of a chart, with its name on the left and, for a stacked bar, a total on the right.</summary>
public sealed record ChartBar(string Label, IReadOnlyList<ChartSegment> Segments, string? Total = null);

/// <summary>
/// Horizontal bar charts as inline SVG, written here so the report needs no chart library. Lengths are percentages
/// of the SVG's width and text is in CSS pixels, so the bars fill a phone or a page alike while the labels stay
/// legible; every bar carries its numbers (data-value) and a tooltip, and the legend is HTML.
/// </summary>
public static class BarChart
{
    private const int LabelHeight = 20;
    private const int RowGap = 16;
    private const int StackedHeight = 24;
    private const int GroupedHeight = 13;
    private const int GroupedGap = 5;

    /// <summary>Below this share of the width a segment's number does not fit inside it; its tooltip still says it.</summary>
    private const double SegmentLabelMinimum = 7;

    /// <summary>The longest grouped bar leaves the rest of the width for the number and name written after it.</summary>
    private const double GroupedRoom = 60;

    /// <summary>Each bar's segments side by side, all bars on one scale (the longest bar's total).</summary>
    public static void Stacked(HtmlWriter html, string id, string title, IReadOnlyList<ChartBar> bars)
    {
        var scale = Math.Max(1, bars.Max(b => b.Segments.Sum(s => s.Value)));
        var height = bars.Count * (LabelHeight + StackedHeight + RowGap) - RowGap;
        html.Open("figure", ("class", "chart"));
        html.Open("svg", ("id", id), ("role", "img"), ("aria-label", title), ("height", Number(height)), ("data-chart", "stacked"));
        var y = 0;
        foreach (var bar in bars)
        {
            Labels(html, bar, y);
            var top = y + LabelHeight;
            html.Line(Rect("track", 0, 100, top, StackedHeight));
            double x = 0;
            foreach (var segment in bar.Segments)
            {
                var width = 100.0 * segment.Value / scale;
                html.Line(Segment(bar, segment, x, width, top, StackedHeight));
                if (width >= SegmentLabelMinimum)
                {
                    html.Element("text", Number(segment.Value), ("class", "segment-value"), ("x", Percent(x + width / 2)), ("y", Number(top + StackedHeight / 2 + 4)),
                        ("text-anchor", "middle"), ("aria-hidden", "true"));
                }
                x += width;
            }
            y = top + StackedHeight + RowGap;
        }
        html.Close().Close();
    }

    /// <summary>Each bar's segments one under the other, each with its number and name after it, all on one scale.</summary>
    public static void Grouped(HtmlWriter html, string id, string title, IReadOnlyList<ChartBar> bars)
    {
        var scale = Math.Max(1, bars.SelectMany(b => b.Segments).Max(s => s.Value));
        var height = bars.Sum(b => LabelHeight + b.Segments.Count * (GroupedHeight + GroupedGap) - GroupedGap + RowGap) - RowGap;
        html.Open("figure", ("class", "chart"));
        html.Open("svg", ("id", id), ("role", "img"), ("aria-label", title), ("height", Number(height)), ("data-chart", "grouped"));
        var y = 0;
        foreach (var bar in bars)
        {
            Labels(html, bar, y);
            var top = y + LabelHeight;
            foreach (var segment in bar.Segments)
            {
                var width = GroupedRoom * segment.Value / scale;
                html.Line(Segment(bar, segment, 0, width, top, GroupedHeight));
                html.Element("text", $"{Number(segment.Value)} {segment.Label}", ("class", "bar-value"), ("x", Percent(width)), ("dx", "6"), ("y", Number(top + GroupedHeight - 2)),
                    ("aria-hidden", "true"));
                top += GroupedHeight + GroupedGap;
            }
            y = top - GroupedGap + RowGap;
        }
        html.Close().Close();
    }

    /// <summary>What the colours mean, as HTML under the chart so it wraps on a narrow screen.</summary>
    public static void Legend(HtmlWriter html, IEnumerable<(string Metric, string Label)> entries)
    {
        html.Open("ul", ("class", "legend"));
        foreach (var (metric, label) in entries)
        {
            html.Element("li", HtmlFragment.Concat(
                HtmlFragment.Element("span", "", ("class", $"swatch metric-{metric}"), ("aria-hidden", "true")),
                HtmlFragment.Text(label)));
        }
        html.Close();
    }

    private static void Labels(HtmlWriter html, ChartBar bar, int y)
    {
        html.Element("text", bar.Label, ("class", "bar-label"), ("x", "0"), ("y", Number(y + 14)));
        if (bar.Total is not null) html.Element("text", bar.Total, ("class", "bar-total"), ("x", "100%"), ("y", Number(y + 14)), ("text-anchor", "end"));
    }

    private static HtmlFragment Segment(ChartBar bar, ChartSegment segment, double x, double width, int y, int height) => HtmlFragment.Element("rect",
        HtmlFragment.Element("title", $"{bar.Label}: {segment.Label}: {Number(segment.Value)}"),
        ("class", $"metric-{segment.Metric}"), ("x", Percent(x)), ("y", Number(y)), ("width", Percent(width)), ("height", Number(height)),
        ("data-bar", bar.Label), ("data-metric", segment.Metric), ("data-value", Number(segment.Value)));

    private static HtmlFragment Rect(string cssClass, double x, double width, int y, int height) => HtmlFragment.Trusted(
        $"<rect{HtmlFragment.Attributes([("class", cssClass), ("x", Percent(x)), ("y", Number(y)), ("width", Percent(width)), ("height", Number(height)), ("rx", "3")])}></rect>");

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
