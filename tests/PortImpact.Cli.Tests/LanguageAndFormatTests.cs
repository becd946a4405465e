namespace PortImpact.Cli.Tests;

/// <summary><c>--lang</c> and <c>--format markdown</c>.</summary>
public class LanguageAndFormatTests
{
    [Fact]
    public void Japanese_analyze_table_has_japanese_headings()
    {
        var text = Cli.Ok("analyze", "--at", "perimeter", "--lang", "ja").Out;
        Assert.Contains("影響分析", text);
        Assert.Contains("まとめ", text);
        Assert.DoesNotContain("What-if", text);
        Assert.DoesNotContain("Summary", text);
    }

    [Fact]
    public void Rules_the_tool_adds_are_named_in_the_readers_language()
    {
        var ja = Cli.Ok("analyze", "--at", "inter-site", "--lang", "ja").Out;
        Assert.Contains("変更により", ja);
        Assert.DoesNotContain("by the change", ja);
        var en = Cli.Ok("analyze", "--at", "inter-site", "--lang", "en").Out;
        Assert.Contains("closed at wan-router by the change", en);
        var json = System.Text.Json.JsonDocument.Parse(Cli.Ok("analyze", "--at", "inter-site", "--format", "json").Out).RootElement;
        var reasons = json.Items("dependencies").SelectMany(d => d.Items("reasons")).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Equal("proposed-change", r.Str("ruleOrigin")));
    }

    [Fact]
    public void English_analyze_table_has_english_headings()
    {
        var text = Cli.Ok("analyze", "--at", "perimeter", "--lang", "en").Out;
        Assert.Contains("What-if", text);
        Assert.Contains("Summary", text);
        Assert.Contains("perimeter-fw", text);
        Assert.DoesNotContain("影響分析", text);
        Assert.DoesNotContain("まとめ", text);
    }

    [Fact]
    public void Markdown_report_is_a_markdown_document_with_tables()
    {
        var md = Cli.Ok("analyze", "--at", "perimeter", "--lang", "en", "--format", "markdown").Out;
        Assert.StartsWith("# ", md);
        Assert.Contains("| --- |", md);
        Assert.Contains("| file-sharing | partner | fs1 |", md);
        Assert.DoesNotContain("╭", md);
        Assert.Contains("影響分析", Cli.Ok("analyze", "--at", "perimeter", "--lang", "ja", "--format", "markdown").Out);
    }

    [Fact]
    public void Japanese_compare_and_errors_speak_japanese()
    {
        var md = Cli.Ok("compare", "--lang", "ja", "--format", "markdown").Out;
        Assert.Contains("| --- |", md);
        Assert.Contains("比較", md);
        var error = Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--lang", "ja", "--close", "70000"), "--close");
        Assert.StartsWith("エラー", error.Err);
    }
}
