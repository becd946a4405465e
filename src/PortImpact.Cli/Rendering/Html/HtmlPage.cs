namespace PortImpact.Cli.Rendering.Html;

/// <summary>How a key figure reads at a glance: a loss, a warning, a gain, or a plain count.</summary>
public enum FigureTone
{
    Neutral,
    Good,
    Warning,
    Bad,
}

/// <summary>One number at the top of a report, with what it counts and the section that lists it.</summary>
public sealed record KeyFigure(string Id, int Value, string Label, FigureTone Tone, string? Section = null);

/// <summary>
/// The frame every HTML report shares: one self-contained file (style sheet and script inline, nothing fetched),
/// in the reader's language, with the title and the facts of the change on top and a section per table below.
/// </summary>
public sealed class HtmlPage
{
    private static readonly string StyleSheet = Resource("report.css");
    private static readonly string Script = Resource("report.js");

    private readonly HtmlWriter _html = new();
    private readonly Text _text;

    /// <param name="report">The command that made it (analyze, recommend, compare), for the body's data-report.</param>
    public HtmlPage(Text text, string title, string report, IEnumerable<string> facts, IEnumerable<string> warnings)
    {
        _text = text;
        _html.Line(HtmlFragment.Trusted("<!DOCTYPE html>"));
        _html.Open("html", ("lang", text.Language));
        _html.Open("head");
        _html.Line(HtmlFragment.Trusted("<meta charset=\"utf-8\">"));
        _html.Line(HtmlFragment.Trusted("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        _html.Line(HtmlFragment.Trusted("<meta name=\"generator\" content=\"PortImpact\">"));
        _html.Element("title", title);
        _html.Open("style").Verbatim(StyleSheet).Close();
        _html.Close();
        _html.Open("body", ("data-report", report));
        _html.Open("header", ("class", "report-header"));
        _html.Element("p", "PortImpact", ("class", "brand"));
        _html.Element("h1", title);
        var items = facts.Select(f => HtmlFragment.Element("li", f))
            .Concat(warnings.Select(w => HtmlFragment.Element("li", text.Format("Warning", w), ("class", "warning"))))
            .ToList();
        if (items.Count > 0)
        {
            _html.Open("ul", ("class", "facts"));
            foreach (var item in items) _html.Line(item);
            _html.Close();
        }
        _html.Close();
        _html.Open("main");
    }

    public void Figures(IEnumerable<KeyFigure> figures)
    {
        _html.Open("section", ("class", "figures"), ("aria-label", _text["HtmlKeyFigures"]));
        foreach (var figure in figures)
        {
            var content = HtmlFragment.Concat(
                HtmlFragment.Element("span", figure.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ("class", "figure-value")),
                HtmlFragment.Element("span", figure.Label, ("class", "figure-label")));
            var attributes = new (string, string?)[]
            {
                ("class", $"figure tone-{figure.Tone.ToString().ToLowerInvariant()}"),
                ("href", figure.Section is null ? null : "#" + figure.Section),
                ("data-figure", figure.Id),
                ("data-value", figure.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            _html.Element(figure.Section is null ? "div" : "a", content, attributes);
        }
        _html.Close();
    }

    /// <summary>A titled section; its id is the anchor the key figures and the contents link to.</summary>
    public void Section(string id, string heading, Action<HtmlWriter> body)
    {
        _html.Open("section", ("id", id), ("class", "report-section"), ("aria-labelledby", id + "-heading"));
        // The text reports end some headings with a colon before their list; a heading on a page does not.
        _html.Element("h2", heading.TrimEnd(':', '：', ' '), ("id", id + "-heading"));
        body(_html);
        _html.Close();
    }

    public void Summary(string summary) => _html.Element("p", summary, ("class", "summary"), ("id", "summary"));

    public string Finish()
    {
        _html.Close();
        _html.Open("footer", ("class", "report-footer"));
        _html.Element("p", _text["HtmlFooter"]);
        _html.Close();
        _html.Open("script").Verbatim(Script).Close();
        _html.Close();
        _html.Close();
        return _html.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlPage).Assembly.GetManifestResourceStream($"PortImpact.Cli.Rendering.Html.{name}")
            ?? throw new InvalidOperationException($"the HTML report's {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        var content = reader.ReadToEnd().ReplaceLineEndings("\n");
        // Inline, a closing tag in the text would end the style or script element early.
        if (content.Contains("</", StringComparison.Ordinal)) throw new InvalidOperationException($"{name} holds '</', which would end its element inline");
        return content;
    }
}
