using System.Net;
using System.Text;

namespace PortImpact.Cli.Tests;

/// <summary>An element of a parsed report: its tag, attributes and children (elements and text).</summary>
public sealed class HtmlElement(string tag, IReadOnlyDictionary<string, string> attributes)
{
    public string Tag { get; } = tag;

    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

    public List<object> Children { get; } = [];

    public string? Attr(string name) => Attributes.GetValueOrDefault(name);

    public IEnumerable<HtmlElement> Elements => Children.OfType<HtmlElement>();

    public IEnumerable<HtmlElement> Descendants() => Elements.SelectMany(e => e.Descendants().Prepend(e));

    public IEnumerable<HtmlElement> All(string tag) => Descendants().Where(e => e.Tag == tag);

    public HtmlElement ById(string id) => Descendants().Single(e => e.Attr("id") == id);

    /// <summary>The text as a reader sees it: entities decoded, children's text in order.</summary>
    public string Text() => string.Concat(Children.Select(c => c is HtmlElement e ? e.Text() : (string)c));
}

/// <summary>
/// A strict reader of the reports' HTML, for the tests: every element closed in order (void ones excepted), attribute
/// values quoted, no attribute twice, every '&amp;' the start of an entity, and '&lt;' only where a tag starts. What
/// it refuses, a browser would have to repair; the report must need no repair.
/// </summary>
public static class HtmlTree
{
    private static readonly HashSet<string> Void = ["meta", "input", "br", "hr", "img", "link"];
    private static readonly HashSet<string> RawText = ["script", "style"];
    private static readonly HashSet<string> Entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

    public static HtmlElement Parse(string html)
    {
        const string doctype = "<!DOCTYPE html>\n";
        if (!html.StartsWith(doctype, StringComparison.Ordinal)) throw new FormatException("the page does not start with <!DOCTYPE html>");
        var document = new HtmlElement("#document", new Dictionary<string, string>());
        var open = new Stack<HtmlElement>([document]);
        var i = doctype.Length;
        var text = new StringBuilder();
        while (i < html.Length)
        {
            if (html[i] == '&')
            {
                var end = html.IndexOf(';', i);
                var entity = end < 0 ? html[i..] : html[i..(end + 1)];
                if (!Entities.Contains(entity)) throw Error(html, i, $"'&' that starts no known entity: {Excerpt(html, i)}");
                text.Append(WebUtility.HtmlDecode(entity));
                i = end + 1;
                continue;
            }
            if (html[i] != '<')
            {
                text.Append(html[i++]);
                continue;
            }
            Flush(open.Peek(), text);
            var close = html.IndexOf('>', i);
            if (close < 0) throw Error(html, i, "a tag that never ends");
            var tag = html[(i + 1)..close];
            i = close + 1;
            if (tag.StartsWith('/'))
            {
                var name = tag[1..];
                if (open.Count == 1 || open.Peek().Tag != name) throw Error(html, close, $"</{name}> closes <{open.Peek().Tag}>");
                open.Pop();
                continue;
            }
            var element = Element(html, close, tag);
            open.Peek().Children.Add(element);
            if (Void.Contains(element.Tag)) continue;
            if (RawText.Contains(element.Tag))
            {
                var end = html.IndexOf($"</{element.Tag}>", i, StringComparison.Ordinal);
                if (end < 0) throw Error(html, i, $"<{element.Tag}> never closed");
                element.Children.Add(html[i..end]);
                i = end + element.Tag.Length + 3;
                continue;
            }
            open.Push(element);
        }
        Flush(open.Peek(), text);
        if (open.Count > 1) throw new FormatException($"<{open.Peek().Tag}> is never closed");
        return document;
    }

    private static HtmlElement Element(string html, int at, string tag)
    {
        var name = new string(tag.TakeWhile(c => char.IsAsciiLetterOrDigit(c)).ToArray());
        if (name.Length == 0) throw Error(html, at, $"'<' that starts no tag: <{tag}>");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = tag[name.Length..];
        var j = 0;
        while (j < rest.Length)
        {
            if (rest[j] == ' ') { j++; continue; }
            var attribute = new string(rest[j..].TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
            if (attribute.Length == 0) throw Error(html, at, $"a broken attribute in <{tag}>");
            j += attribute.Length;
            var value = "";
            if (j < rest.Length && rest[j] == '=')
            {
                if (j + 1 >= rest.Length || rest[j + 1] != '"') throw Error(html, at, $"the value of {attribute} is not quoted in <{tag}>");
                var end = rest.IndexOf('"', j + 2);
                if (end < 0) throw Error(html, at, $"the value of {attribute} never ends in <{tag}>");
                value = rest[(j + 2)..end];
                if (value.Contains('<') || value.Split('&').Skip(1).Any(part => !Entities.Any(e => ("&" + part).StartsWith(e, StringComparison.Ordinal))))
                {
                    throw Error(html, at, $"an unescaped character in the value of {attribute} in <{tag}>");
                }
                value = WebUtility.HtmlDecode(value);
                j = end + 1;
            }
            if (!attributes.TryAdd(attribute, value)) throw Error(html, at, $"{attribute} twice in <{tag}>");
        }
        return new HtmlElement(name, attributes);
    }

    private static void Flush(HtmlElement into, StringBuilder text)
    {
        if (text.Length == 0) return;
        into.Children.Add(text.ToString());
        text.Clear();
    }

    private static FormatException Error(string html, int at, string what) =>
        new($"line {html[..Math.Min(at, html.Length)].Count(c => c == '\n') + 1}: {what}");

    private static string Excerpt(string html, int at) => html.Substring(at, Math.Min(30, html.Length - at));
}
