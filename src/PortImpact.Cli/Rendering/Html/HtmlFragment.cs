using System.Globalization;
using System.Text;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// Markup that is safe to insert as it is. It is made only by escaping text or by composing other fragments, so a
/// name from the model or the catalog (which may hold &lt;, &amp; or quotes) can never reach the page as markup.
/// </summary>
public readonly record struct HtmlFragment
{
    private HtmlFragment(string markup) => Markup = markup;

    public string Markup { get; }

    public static HtmlFragment Empty { get; } = new("");

    public static HtmlFragment Text(string text) => new(Escape(text));

    /// <summary>Markup written by this assembly itself (the page's style sheet and script); never model text.</summary>
    internal static HtmlFragment Trusted(string markup) => new(markup);

    public static HtmlFragment Join(string separator, IEnumerable<HtmlFragment> parts) =>
        new(string.Join(Escape(separator), parts.Select(p => p.Markup)));

    public static HtmlFragment Concat(params HtmlFragment[] parts) => new(string.Concat(parts.Select(p => p.Markup)));

    /// <summary>
    /// A sentence from the resources with fragments in its placeholders (a link where the text has "{0}"): the
    /// sentence is escaped first, so only the fragments carry markup.
    /// </summary>
    public static HtmlFragment Format(string template, params HtmlFragment[] args) =>
        new(string.Format(CultureInfo.InvariantCulture, Escape(template), args.Select(a => (object)a.Markup).ToArray()));

    public static HtmlFragment Element(string tag, string text, params (string Name, string? Value)[] attributes) =>
        Element(tag, Text(text), attributes);

    public static HtmlFragment Element(string tag, HtmlFragment content, params (string Name, string? Value)[] attributes) =>
        new($"<{tag}{Attributes(attributes)}>{content.Markup}</{tag}>");

    /// <summary>
    /// The attributes as written in a start tag: one whose value is null is left out, one whose value is empty is
    /// written bare (<c>hidden</c>).
    /// </summary>
    public static string Attributes(IEnumerable<(string Name, string? Value)> attributes)
    {
        var written = new StringBuilder();
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            written.Append(' ').Append(name);
            if (value.Length > 0) written.Append("=\"").Append(EscapeAttribute(value)).Append('"');
        }
        return written.ToString();
    }

    /// <summary>Text as element content: '&amp;' and the angle brackets; everything else is left as it is (UTF-8 page).</summary>
    public static string Escape(string text) => Replace(text, quotes: false);

    /// <summary>Text as an attribute value: also both quotes, either of which may delimit it.</summary>
    public static string EscapeAttribute(string text) => Replace(text, quotes: true);

    private static string Replace(string text, bool quotes)
    {
        if (text.AsSpan().IndexOfAny(quotes ? "&<>\"'" : "&<>") < 0) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when quotes => "&quot;",
                '\'' when quotes => "&#39;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    public override string ToString() => Markup;
}
