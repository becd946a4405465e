using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Tests.Rendering.Layout;

/// <summary>The line breaker on random text of words, port lists, addresses and Japanese, at random widths.</summary>
public sealed class LineBreakerPropertyTests
{
    private static readonly string[] Words =
    [
        "tcp/135,", "137-139,", "445", "10.1.0.0/16", "wan-router", "closed", "at", "by", "the", "change;",
        "変更により", "遮断", "拠点", "(フェイルオーバー)", "、", "。", "dc2,", "dc10", "a", "",
    ];

    [Fact]
    public void Wrapping_loses_nothing_splits_no_token_and_keeps_within_the_width_where_tokens_allow()
    {
        var random = new Random(7);
        for (var run = 0; run < 3000; run++)
        {
            var text = string.Join(random.Next(5) == 0 ? "  " : " ", Enumerable.Range(0, random.Next(1, 25)).Select(_ => Words[random.Next(Words.Length)]));
            var width = random.Next(1, 60);
            var lines = LineBreaker.Wrap(text, width);

            // Nothing is lost or added but the spaces where a line was broken.
            Assert.Equal(Squeeze(text), Squeeze(string.Join(' ', lines)));
            foreach (var line in lines)
            {
                // A line wider than the width is one piece that may not be broken.
                if (LineBreaker.Width(line) > width) Assert.Equal(LineBreaker.Width(line.Trim()), LineBreaker.LongestToken(line.Trim()));
            }
            // No ASCII token is cut: each run of letters, digits and signs in the output is whole in the input.
            var tokens = AsciiRuns(text).ToHashSet(StringComparer.Ordinal);
            foreach (var run2 in lines.SelectMany(AsciiRuns)) Assert.Contains(run2, tokens);
        }
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => c != ' '));

    private static IEnumerable<string> AsciiRuns(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inside = i < text.Length && text[i] < 128 && text[i] != ' ' && text[i] != ',' && text[i] != ';';
            if (inside && start < 0) start = i;
            if (!inside && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
