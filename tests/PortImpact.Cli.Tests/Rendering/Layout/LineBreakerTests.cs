using PortImpact.Cli.Rendering.Layout;
using Spectre.Console;

namespace PortImpact.Cli.Tests.Rendering.Layout;

public sealed class LineBreakerTests
{
    [Fact]
    public void A_port_list_wraps_after_a_comma_never_inside_a_number()
    {
        var lines = LineBreaker.Wrap("close tcp/135,137-139,445,3268 now", 12);
        Assert.Equal(["close", "tcp/135,", "137-139,445,", "3268 now"], lines);
    }

    [Fact]
    public void A_token_wider_than_the_line_stays_whole()
    {
        Assert.Equal(["a", "10.200.300.400/32", "b"], LineBreaker.Wrap("a 10.200.300.400/32 b", 6));
        Assert.Equal(17, LineBreaker.LongestToken("a 10.200.300.400/32 b"));
    }

    [Fact]
    public void No_width_means_no_wrapping()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 200));
        Assert.Equal([text], LineBreaker.Wrap(text, null));
    }

    [Fact]
    public void Japanese_wraps_between_characters_in_two_cell_units_but_not_before_a_closing_mark()
    {
        var lines = LineBreaker.Wrap("変更が届かない相手です。", 10);
        Assert.All(lines, line => Assert.True(line.GetCellWidth() <= 10, line));
        Assert.Equal("変更が届かない相手です。", string.Concat(lines));
        Assert.DoesNotContain(lines, line => line.StartsWith('。'));
    }

    [Fact]
    public void An_ascii_token_inside_japanese_text_is_not_split()
    {
        var lines = LineBreaker.Wrap("wan-routerで変更によりtcp/135,445が遮断", 12);
        Assert.Contains(lines, line => line.Contains("wan-router", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("tcp/135,", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.GetCellWidth() <= 12, line));
    }

    [Fact]
    public void A_label_breaks_only_at_spaces()
    {
        Assert.Equal(["クライアント"], LineBreaker.Wrap("クライアント", 4, label: true));
        Assert.Equal(12, LineBreaker.LongestToken("クライアント", label: true));
        Assert.Equal(2, LineBreaker.LongestToken("クライアント"));
    }

    [Fact]
    public void An_indented_line_keeps_its_indent_and_a_hanging_indent_puts_later_lines_under_the_text()
    {
        Assert.Equal(["  one two", "  three"], LineBreaker.Wrap("  one two three", 10));
        Assert.Equal(["[1] one two", "    three"], LineBreaker.Wrap("[1] one two three", 11, hanging: 4));
    }
}
