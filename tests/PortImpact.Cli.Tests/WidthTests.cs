using System.Text.RegularExpressions;
using PortImpact.Cli.Rendering.Layout;
using Spectre.Console;

namespace PortImpact.Cli.Tests;

/// <summary>
/// Reports at any width: within the width wherever the tokens allow, no port list, address or name split, and no
/// wrapping at all where no screen ends (a pipe, a file).
/// </summary>
public sealed partial class WidthTests
{
    public static TheoryData<string[]> Reports => new()
    {
        { ["analyze", "--at", "inter-site"] },
        { ["analyze", "--at", "hosts"] },
        { ["analyze", "--at", "perimeter-fw", "--close", "135,137-139,445,3268,5985-5986"] },
        { ["recommend", "--at", "inter-site"] },
        { ["recommend", "--at", "hosts:workstation"] },
        { ["compare"] },
        { ["spread", "--threat", "conficker", "--from", "branch-pcs"] },
        { ["list", "threats"] },
        { ["list", "capabilities"] },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_line_fits_and_every_token_is_one_the_unwrapped_report_holds(string[] args)
    {
        foreach (var language in new[] { "en", "ja" })
        {
            var unwrapped = Cli.Ok([.. args, "--lang", language]).Out;
            var tokens = Tokens(unwrapped).ToHashSet(StringComparer.Ordinal);
            foreach (var width in new[] { 40, 60, 80, 100, 132 })
            {
                var wrapped = Cli.Ok([.. args, "--lang", language, "--width", width.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Out;
                // Below 80 columns a table whose words cannot fit grows past the line rather than split a word.
                foreach (var line in wrapped.Split('\n').Where(line => width >= 80 || !line.StartsWith('│') && !line.StartsWith('╭') && !line.StartsWith('├') && !line.StartsWith('╰')))
                {
                    Assert.True(line.GetCellWidth() <= width, $"{string.Join(' ', args)} --lang {language} at {width}: {line.GetCellWidth()} cells: {line}");
                }
                foreach (var token in Tokens(wrapped))
                {
                    Assert.True(tokens.Contains(token) || NoteNumber().IsMatch(token), $"{string.Join(' ', args)} --lang {language} at {width}: '{token}' is no token of the unwrapped report (split?)");
                }
            }
        }
    }

    [Fact]
    public void Piped_output_does_not_wrap_and_keeps_each_row_on_one_line()
    {
        var report = Cli.Ok("analyze", "--at", "inter-site", "--lang", "en").Out;
        var row = Assert.Single(report.Split('\n'), line => line.Contains("file-sharing", StringComparison.Ordinal));
        Assert.Contains("tcp/445,139 udp/137 closed at wan-router by the change", row);
        Assert.Contains(report.Split('\n'), line => line.GetCellWidth() > 150);
    }

    [Fact]
    public void Columns_from_the_environment_set_the_width_and_the_option_wins_over_it()
    {
        var environment = new CliEnvironment(name => name == "COLUMNS" ? "72" : null, () => null);
        var byEnvironment = Run(environment, false, "analyze", "--at", "inter-site", "--lang", "en");
        Assert.Equal(72, byEnvironment.Split('\n').Max(line => line.GetCellWidth()));
        var byOption = Run(environment, false, "analyze", "--at", "inter-site", "--lang", "en", "--width", "100");
        Assert.Equal(100, byOption.Split('\n').Max(line => line.GetCellWidth()));
    }

    [Fact]
    public void A_terminal_report_takes_the_terminal_width_but_a_saved_one_does_not()
    {
        var environment = new CliEnvironment(_ => null, () => 90);
        var shown = Run(environment, true, "compare", "--lang", "en");
        Assert.All(shown.Split('\n'), line => Assert.True(Plain(line).GetCellWidth() <= 90, line));
        Assert.Contains(shown.Split('\n'), line => Plain(line).GetCellWidth() == 90);

        var path = Path.Combine(Path.GetTempPath(), $"portimpact-width-{Guid.NewGuid():N}.txt");
        try
        {
            Assert.Equal("", Run(environment, true, "compare", "--lang", "en", "--output", path));
            Assert.Contains(File.ReadAllLines(path), line => line.GetCellWidth() > 90);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Width_zero_never_wraps_even_when_columns_is_set()
    {
        var environment = new CliEnvironment(name => name == "COLUMNS" ? "60" : null, () => 60);
        var report = Run(environment, false, "analyze", "--at", "inter-site", "--lang", "en", "--width", "0");
        Assert.Contains(report.Split('\n'), line => line.GetCellWidth() > 150);
    }

    [Fact]
    public void A_malformed_columns_variable_is_ignored_and_an_out_of_range_width_is_refused()
    {
        var environment = new CliEnvironment(name => name == "COLUMNS" ? "wide" : null, () => null);
        Assert.Contains(Run(environment, false, "compare", "--lang", "en").Split('\n'), line => line.GetCellWidth() > 80);
        var refused = Cli.AssertBadInput(Cli.Run("compare", "--width", "5"), "--width");
        Assert.Contains($"{OutputWidth.Least} to {OutputWidth.Most}", refused.Err);
        Cli.AssertBadInput(Cli.Run("compare", "--width", "wide"), "--width");
    }

    [Fact]
    public void A_narrow_line_turns_explanations_into_notes_said_once_each()
    {
        var report = Cli.Ok("analyze", "--at", "inter-site", "--lang", "en", "--width", "80").Out;
        var lines = report.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("[1] tcp/135 closed at wan-router by the change", StringComparison.Ordinal));
        Assert.Single(lines, line => line.StartsWith("[1] ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("│ file-sharing ", StringComparison.Ordinal) && line.TrimEnd().EndsWith("│ [4] │", StringComparison.Ordinal));
    }

    private static string Run(CliEnvironment environment, bool interactive, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error, interactive, environment);
        Assert.True(exit == CliApp.Ok, error.ToString());
        return output.ToString();
    }

    /// <summary>The words of a report: split at spaces, table borders and commas; a wide character is a word of its own.</summary>
    private static IEnumerable<string> Tokens(string report)
    {
        foreach (var word in Separators().Split(report))
        {
            if (word.Length == 0) continue;
            foreach (var piece in WidePieces().Matches(word).Select(m => m.Value)) yield return piece;
        }
    }

    private static string Plain(string line) => Ansi().Replace(line, "");

    [GeneratedRegex(@"[\s│─╭╮╰╯├┤┬┴┼,、]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsCJKSymbolsandPunctuation}\uFF00-\uFFEF]|[^\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsCJKSymbolsandPunctuation}\uFF00-\uFFEF]+")]
    private static partial Regex WidePieces();

    [GeneratedRegex(@"^\[\d+\]$")]
    private static partial Regex NoteNumber();

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Ansi();
}

/// <summary>The plain-text answers of port and threat wrap at the width like the tables.</summary>
public sealed class KnowledgeWidthTests
{
    [Theory]
    [InlineData("threat", "blaster", "ja")]
    [InlineData("threat", "conficker", "en")]
    [InlineData("port", "445", "en")]
    [InlineData("port", "135", "ja")]
    public void Descriptions_wrap_at_the_width_and_list_items_continue_under_their_text(string command, string query, string language)
    {
        var unwrapped = Cli.Ok(command, query, "--lang", language).Out;
        var wrapped = Cli.Ok(command, query, "--lang", language, "--width", "60").Out;
        Assert.Contains(unwrapped.Split('\n'), line => PortImpact.Cli.Rendering.Layout.LineBreaker.Width(line) > 60);
        foreach (var line in wrapped.Split('\n'))
        {
            // Only an address of a source, which may not be broken, runs past the line.
            Assert.True(PortImpact.Cli.Rendering.Layout.LineBreaker.Width(line) <= 60 || line.Contains("http", StringComparison.Ordinal), line);
        }
        Assert.Equal(unwrapped.Replace(" ", "").Replace("\n", ""), wrapped.Replace(" ", "").Replace("\n", ""));
        // A list item's next lines start under its text, not under its mark.
        var lines = wrapped.Split('\n');
        var continued = 0;
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith("  - ", StringComparison.Ordinal) || lines[i + 1].StartsWith("  - ", StringComparison.Ordinal) || !lines[i + 1].StartsWith("   ", StringComparison.Ordinal)) continue;
            Assert.Matches("^    [^ ]", lines[i + 1]);
            continued++;
        }
        Assert.True(continued > 0, "no list item wrapped at 60 columns");
    }
}
