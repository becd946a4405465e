using System.Globalization;
using Spectre.Console;

namespace PortImpact.Cli.Rendering.Layout;

/// <summary>A cell's text and, for a terminal that shows colours, its colour (a Spectre style such as <c>red</c>).</summary>
public readonly record struct ReportCell(string Text, string? Style = null)
{
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>A table as laid out for one width: the grid Spectre draws, and the notes printed under it.</summary>
public sealed record TableLayout(Table Grid, IReadOnlyList<string> Notes);

/// <summary>
/// A table of plain text laid out by PortImpact and drawn by Spectre.Console: the widths come from
/// <see cref="ColumnFit"/> and the lines from <see cref="LineBreaker"/>, so Spectre never wraps (it would fold a
/// port list inside a number). A table may name one column of long explanations as its notes column: when the
/// line is too narrow to give it <see cref="LeastNoteWidth"/> cells, its cells become note numbers and the
/// explanations follow the table, each once, at the full width. A table of few rows and many columns (a matrix
/// such as compare's) may be turned on its side instead when its columns cannot fit.
/// </summary>
public sealed class ReportTable
{
    /// <summary>A rounded border draws one bar before every column and one after the last; padding is one cell each side.</summary>
    private const int CellsAroundEachColumn = 3;

    /// <summary>Below this, an explanation wrapped in its column would be a tall ribbon of two or three words a line.</summary>
    public const int LeastNoteWidth = 40;

    private readonly string[] _headers;
    private readonly int? _notesColumn;
    private readonly bool _mayTurn;
    private readonly List<ReportCell[]> _rows = [];

    /// <param name="notesColumn">The column of long explanations that may become notes under the table.</param>
    /// <param name="mayTurn">Whether the table may be drawn with rows and columns swapped when its columns do not fit.</param>
    public ReportTable(IEnumerable<string> headers, int? notesColumn = null, bool mayTurn = false)
    {
        _headers = [.. headers];
        if (notesColumn is { } column && (column < 0 || column >= _headers.Length)) throw new ArgumentOutOfRangeException(nameof(notesColumn));
        _notesColumn = notesColumn;
        _mayTurn = mayTurn;
    }

    public ReportTable Row(params ReportCell[] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"a row of {cells.Length} cells in a table of {_headers.Length} columns");
        _rows.Add(cells);
        return this;
    }

    public ReportTable Row(IEnumerable<string> cells) => Row([.. cells.Select(c => new ReportCell(c))]);

    public TableLayout Layout(int? width)
    {
        if (_mayTurn && _rows.Count > 0 && width is { } limit && LeastWidth() > limit) return Turned().Layout(width);
        var room = width - (CellsAroundEachColumn * _headers.Length) - 1;
        var rows = _rows;
        var widths = Fit(rows, room);
        var notes = new List<string>();
        if (_notesColumn is { } column && room is not null && widths[column] < Math.Min(LeastNoteWidth, Natural(rows, column)))
        {
            rows = AsNotes(column, notes);
            widths = Fit(rows, room);
        }

        var table = new Table().Border(TableBorder.Rounded);
        for (var c = 0; c < _headers.Length; c++)
        {
            // A heading is cut between Japanese characters only when the column is too narrow to keep its words whole.
            var header = string.Join('\n', LineBreaker.Wrap(_headers[c], widths[c], label: widths[c] >= LineBreaker.LongestToken(_headers[c], label: true)));
            var drawn = new TableColumn(Markup.Escape(header)).Width(Math.Max(1, widths[c])).NoWrap();
            // Counts line up on their last digit, as in a spreadsheet.
            if (rows.Count > 0 && rows.All(r => IsCount(r[c].Text))) drawn.RightAligned();
            table.AddColumn(drawn);
        }
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select((cell, c) => (Spectre.Console.Rendering.IRenderable)Cell(cell, widths[c]))]);
        }
        return new TableLayout(table, notes);
    }

    /// <summary>The narrowest this table can be drawn without splitting a token.</summary>
    private int LeastWidth() => Needs(_rows).Sum(n => n.Least + CellsAroundEachColumn) + 1;

    /// <summary>The table on its side: the first column's cells become the headings, the other headings the first column.</summary>
    private ReportTable Turned()
    {
        var turned = new ReportTable(_rows.Select(r => r[0].Text).Prepend(_headers[0]));
        for (var c = 1; c < _headers.Length; c++) turned.Row([.. _rows.Select(r => r[c]).Prepend(new ReportCell(_headers[c]))]);
        return turned;
    }

    /// <summary>The rows with the notes column's texts replaced by numbers; each distinct text becomes one note.</summary>
    private List<ReportCell[]> AsNotes(int column, List<string> notes)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<ReportCell[]>(_rows.Count);
        foreach (var row in _rows)
        {
            var copy = (ReportCell[])row.Clone();
            var explanation = row[column].Text;
            if (explanation.Length > 0)
            {
                if (!numbers.TryGetValue(explanation, out var number))
                {
                    number = numbers.Count + 1;
                    numbers.Add(explanation, number);
                    notes.Add($"[{number.ToString(CultureInfo.InvariantCulture)}] {explanation}");
                }
                copy[column] = row[column] with { Text = $"[{number.ToString(CultureInfo.InvariantCulture)}]" };
            }
            rows.Add(copy);
        }
        return rows;
    }

    private int[] Fit(List<ReportCell[]> rows, int? room) => ColumnFit.Widths(Needs(rows), room);

    private ColumnNeed[] Needs(List<ReportCell[]> rows)
    {
        var needs = new ColumnNeed[_headers.Length];
        for (var c = 0; c < _headers.Length; c++)
        {
            var texts = rows.Select(r => r[c].Text).Prepend(_headers[c]).ToList();
            needs[c] = new ColumnNeed(
                texts.Max(t => LineBreaker.LongestToken(t)),
                texts.Max(t => LineBreaker.LongestToken(t, label: true)),
                texts.Max(LineBreaker.Width));
        }
        return needs;
    }

    private static bool IsCount(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static int Natural(List<ReportCell[]> rows, int column) => rows.Count == 0 ? 0 : rows.Max(r => LineBreaker.Width(r[column].Text));

    private static Markup Cell(ReportCell cell, int width)
    {
        var escaped = Markup.Escape(string.Join('\n', LineBreaker.Wrap(cell.Text, width)));
        return new Markup(cell.Style is null ? escaped : $"[{cell.Style}]{escaped}[/]");
    }
}
