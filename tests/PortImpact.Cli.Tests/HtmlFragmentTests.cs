using PortImpact.Cli.Rendering.Html;

namespace PortImpact.Cli.Tests;

/// <summary>The one way text reaches an HTML report: escaped for where it stands.</summary>
public sealed class HtmlFragmentTests
{
    [Fact]
    public void Text_escapes_what_would_start_markup()
    {
        Assert.Equal("a &lt;b&gt; &amp; \"c\" 'd' 北", HtmlFragment.Text("a <b> & \"c\" 'd' 北").Markup);
    }

    [Fact]
    public void Attributes_escape_quotes_too_and_leave_out_nulls()
    {
        Assert.Equal(" title=\"&quot;x&quot; &#39;y&#39; &lt;&amp;&gt;\" hidden",
            HtmlFragment.Attributes([("title", "\"x\" 'y' <&>"), ("href", null), ("hidden", "")]));
    }

    [Fact]
    public void A_sentence_is_escaped_before_its_fragments_go_in()
    {
        var link = HtmlFragment.Element("a", "S<8>", ("href", "https://example.org/?a=1&b=2"));
        Assert.Equal("x &amp; y: <a href=\"https://example.org/?a=1&amp;b=2\">S&lt;8&gt;</a>", HtmlFragment.Format("x & y: {0}", link).Markup);
    }

    [Fact]
    public void Ids_keep_letters_digits_and_dashes_and_tell_the_rest_apart()
    {
        Assert.Equal("mitigation-patch_3aMS03-026", HtmlId.For("mitigation", "patch:MS03-026"));
        Assert.NotEqual(HtmlId.For("threat", "a b"), HtmlId.For("threat", "a_b"));
    }

    [Fact]
    public void The_writer_refuses_a_page_left_open()
    {
        var html = new HtmlWriter().Open("main");
        Assert.Throws<InvalidOperationException>(() => html.ToString());
    }
}
