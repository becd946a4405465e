namespace PortImpact.Cli.Rendering.Html;

/// <summary>A column: its header, and whether it holds counts (set right, and sorted as numbers as every column is).</summary>
public sealed record HtmlColumn(string Header, bool Numeric = false, bool Wide = false);

/// <summary>A cell: what it shows, and the key it sorts by where its text would sort wrong (a state by severity).</summary>
public sealed record HtmlCell(HtmlFragment Content, string? SortKey = null)
{
    public static implicit operator HtmlCell(string text) => new(HtmlFragment.Text(text));

    public static implicit operator HtmlCell(HtmlFragment content) => new(content);
}

/// <summary>
/// A table the reader can sort (a click on a header) and filter (the text box above it). The script does both; the
/// markup is a plain table, so the page prints and reads the same without it. Each cell carries its column's name
/// (data-label), which a phone shows beside the value when the rows become cards.
/// </summary>
public static class HtmlTable
{
    public static void Write(HtmlWriter html, Text text, string id, IReadOnlyList<HtmlColumn> columns, IEnumerable<IReadOnlyList<HtmlCell>> rows)
    {
        html.Open("div", ("class", "table-tools"), ("data-table", id), ("hidden", ""));
        html.Element("label", HtmlFragment.Concat(
            HtmlFragment.Text(text["HtmlFilterLabel"]),
            HtmlFragment.Trusted($"<input type=\"search\" autocomplete=\"off\"{HtmlFragment.Attributes([("placeholder", text["HtmlFilterPlaceholder"]), ("aria-controls", id)])}>")));
        html.Element("span", "", ("class", "row-count"), ("role", "status"), ("data-template", text["HtmlRowsShown"]));
        html.Close();
        html.Open("div", ("class", "table-wrap"));
        html.Open("table", ("id", id), ("class", "sortable"), ("data-sort-title", text["HtmlSortBy"]));
        html.Open("thead").Open("tr");
        foreach (var column in columns) html.Element("th", column.Header, ("scope", "col"), ("class", Class(column)));
        html.Close().Close();
        html.Open("tbody");
        foreach (var row in rows)
        {
            if (row.Count != columns.Count) throw new ArgumentException($"table {id}: a row of {row.Count} cells under {columns.Count} columns", nameof(rows));
            html.Line(HtmlFragment.Element("tr", HtmlFragment.Concat(
                row.Select((cell, i) => HtmlFragment.Element("td", cell.Content,
                    ("class", Class(columns[i])), ("data-label", columns[i].Header), ("data-sort", cell.SortKey))).ToArray())));
        }
        html.Close();
        html.Close();
        html.Close();
    }

    private static string? Class(HtmlColumn column) => column switch
    {
        { Numeric: true } => "num",
        { Wide: true } => "wide",
        _ => null,
    };
}
