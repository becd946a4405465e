using System.Text;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// Writes a page one block element a line, indented by nesting, so the page reads (and diffs, as a golden file)
/// like hand-written HTML. Every element opened is closed in order; <see cref="ToString"/> refuses a page left open.
/// </summary>
public sealed class HtmlWriter
{
    private readonly StringBuilder _html = new();
    private readonly Stack<string> _open = new();

    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        Line($"<{tag}{HtmlFragment.Attributes(attributes)}>");
        _open.Push(tag);
        return this;
    }

    public HtmlWriter Close()
    {
        var tag = _open.Pop();
        return Line($"</{tag}>");
    }

    public HtmlWriter Element(string tag, string text, params (string Name, string? Value)[] attributes) =>
        Line(HtmlFragment.Element(tag, text, attributes));

    public HtmlWriter Element(string tag, HtmlFragment content, params (string Name, string? Value)[] attributes) =>
        Line(HtmlFragment.Element(tag, content, attributes));

    public HtmlWriter Line(HtmlFragment fragment) => Line(fragment.Markup);

    /// <summary>A block of this assembly's own text (style sheet, script) as it is, not indented.</summary>
    internal HtmlWriter Verbatim(string block)
    {
        _html.Append(block);
        if (!block.EndsWith('\n')) _html.Append('\n');
        return this;
    }

    private HtmlWriter Line(string markup)
    {
        _html.Append(' ', 2 * _open.Count).Append(markup).Append('\n');
        return this;
    }

    public override string ToString()
    {
        if (_open.Count > 0) throw new InvalidOperationException($"the page leaves <{_open.Peek()}> open");
        return _html.ToString();
    }
}
