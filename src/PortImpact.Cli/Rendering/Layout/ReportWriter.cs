using Spectre.Console;

namespace PortImpact.Cli.Rendering.Layout;

/// <summary>
/// A terminal report written line by line at one width: headings, sentences wrapped as <see cref="LineBreaker"/>
/// allows, and tables fitted to the width. No width means a line as long as its content (output read by a program
/// or saved to a file).
/// </summary>
public sealed class ReportWriter(IAnsiConsole console, int? width)
{
    /// <summary>How wide a heading's rule is drawn when lines have no width.</summary>
    private const int UnboundedRule = 80;

    public int? Width => width;

    /// <summary>A title on a rule across the line; a title too long for the line wraps, the rule following its last line.</summary>
    public void Heading(string title)
    {
        var length = width ?? UnboundedRule;
        var lines = LineBreaker.Wrap(title, width is null ? null : Math.Max(1, length - 6));
        for (var i = 0; i < lines.Count; i++)
        {
            var start = i == 0 ? "── " : "   ";
            if (i < lines.Count - 1)
            {
                console.WriteLine(start + lines[i]);
                continue;
            }
            var rest = Math.Max(2, length - 4 - lines[i].GetCellWidth());
            console.WriteLine($"{start}{lines[i]} {new string('─', rest)}");
        }
    }

    public void Line(string text = "") => Line(text, null);

    public void Line(string text, int hanging) => Line(text, null, hanging);

    public void Line(string text, string? style, int hanging = 0)
    {
        foreach (var line in LineBreaker.Wrap(text, width, hanging: hanging))
        {
            if (style is null) console.WriteLine(line);
            else console.MarkupLine($"[{style}]{Markup.Escape(line)}[/]");
        }
    }

    public void Table(ReportTable table)
    {
        var layout = table.Layout(width);
        console.Write(layout.Grid);
        // A note's lines after the first start under its text, not under its number.
        foreach (var note in layout.Notes) Line(note, hanging: note.IndexOf(' ', StringComparison.Ordinal) + 1);
    }
}
