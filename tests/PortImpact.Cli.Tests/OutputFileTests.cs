using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary><c>--output FILE</c>: the report is written whole or not at all.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Output_file_holds_the_json_report_and_nothing_goes_to_stdout()
    {
        var target = Path.Combine(_dir.Path, "report.json");
        var result = Cli.Ok("analyze", "--at", "perimeter", "--format", "json", "--output", target);
        Assert.Equal("", result.Out);
        var json = JsonDocument.Parse(File.ReadAllText(target)).RootElement;
        Assert.NotEmpty(json.Items("dependencies"));
        Assert.NotEmpty(json.Items("threats"));
        Assert.Equal(Cli.Ok("analyze", "--at", "perimeter", "--format", "json").Out, File.ReadAllText(target));
        Assert.Equal(["report.json"], _dir.Entries());
    }

    [Fact]
    public void Output_file_replaces_an_existing_report()
    {
        var target = Path.Combine(_dir.Path, "report.json");
        File.WriteAllText(target, "old report");
        Cli.Ok("compare", "--format", "json", "--output", target);
        Assert.Equal(3, JsonDocument.Parse(File.ReadAllText(target)).RootElement.Items("placements").Count());
        Assert.Equal(["report.json"], _dir.Entries());
    }

    [Fact]
    public void Table_written_to_a_file_has_no_terminal_escapes_even_when_interactive()
    {
        var target = Path.Combine(_dir.Path, "report.txt");
        var result = Cli.Run(true, "analyze", "--at", "perimeter", "--lang", "en", "--output", target);
        Assert.Equal(0, result.Exit);
        var text = File.ReadAllText(target);
        Assert.Contains("perimeter-fw", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Theory]
    [InlineData("--at", "nowhere")]
    [InlineData("--close", "70000")]
    [InlineData("--model", "missing")]
    public void Bad_input_leaves_the_existing_report_untouched_and_no_temp_files(string option, string value)
    {
        var target = Path.Combine(_dir.Path, "report.json");
        File.WriteAllText(target, "old report");
        string[] args = option == "--model"
            ? ["analyze", Path.Combine(_dir.Path, "missing.yaml"), "--at", "perimeter", "--format", "json", "--output", target]
            : ["analyze", "--at", "perimeter", option, value, "--format", "json", "--output", target];
        if (option == "--at") args = ["analyze", "--at", value, "--format", "json", "--output", target];
        Cli.AssertBadInput(Cli.Run(args));
        Assert.Equal("old report", File.ReadAllText(target));
        Assert.Equal(["report.json"], _dir.Entries());
    }

    [Theory]
    [InlineData("model")]
    [InlineData("at")]
    [InlineData("close")]
    public void Recommend_with_bad_input_creates_neither_the_report_nor_the_policy(string bad)
    {
        var report = Path.Combine(_dir.Path, "report.json");
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        string[] args = bad switch
        {
            "model" => ["recommend", _dir.File("bad-model.yaml", "name: x", "sites:", "  - { name: a, subnets: [10.0.0.0/33] }"), "--at", "inter-site"],
            "at" => ["recommend", "--at", "nowhere"],
            _ => ["recommend", "--at", "inter-site", "--close", "70000"],
        };
        Cli.AssertBadInput(Cli.Run([.. args, "--format", "json", "--output", report, "--as-policy", policy]));
        Assert.False(File.Exists(report));
        Assert.False(File.Exists(policy));
        Assert.DoesNotContain(_dir.Entries(), e => e.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_with_bad_input_leaves_existing_report_and_policy_untouched()
    {
        var report = Path.Combine(_dir.Path, "report.json");
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        File.WriteAllText(report, "old report");
        File.WriteAllText(policy, "old policy");
        Cli.AssertBadInput(Cli.Run("recommend", Path.Combine(_dir.Path, "missing.yaml"), "--at", "inter-site", "--output", report, "--as-policy", policy));
        Assert.Equal("old report", File.ReadAllText(report));
        Assert.Equal("old policy", File.ReadAllText(policy));
        Assert.Equal(["policy.yaml", "report.json"], _dir.Entries());
    }

    [Fact]
    public void As_policy_into_a_missing_directory_is_bad_input_and_writes_no_report()
    {
        var report = Path.Combine(_dir.Path, "report.json");
        var policy = Path.Combine(_dir.Path, "no-such-dir", "policy.yaml");
        Cli.AssertBadInput(Cli.Run("recommend", "--at", "inter-site", "--format", "json", "--output", report, "--as-policy", policy), "policy.yaml");
        Assert.Empty(_dir.Entries());
    }

    [Fact]
    public void As_policy_replaces_an_existing_policy_whole()
    {
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        File.WriteAllText(policy, string.Concat(Enumerable.Repeat("old policy line\n", 1000)));
        Cli.Ok("recommend", "--at", "perimeter", "--format", "json", "--as-policy", policy);
        var text = File.ReadAllText(policy);
        Assert.DoesNotContain("old policy", text);
        Assert.EndsWith("\n", text);
        Assert.Equal(["policy.yaml"], _dir.Entries());
    }

    [Fact]
    public void A_report_that_cannot_be_written_leaves_the_policy_unwritten_too()
    {
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        var report = Path.Combine(_dir.Path, "no-such-dir", "report.json");
        Cli.AssertBadInput(Cli.Run("recommend", "--at", "inter-site", "--format", "json", "--output", report, "--as-policy", policy), "report.json");
        Assert.Empty(_dir.Entries());
    }

    [Fact]
    public void Report_and_policy_in_the_same_file_is_bad_input()
    {
        var both = Path.Combine(_dir.Path, "same.yaml");
        Cli.AssertBadInput(Cli.Run("recommend", "--at", "inter-site", "--output", both, "--as-policy", both), "same.yaml");
        Assert.Empty(_dir.Entries());
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("recommend")]
    public void An_empty_output_path_is_bad_input_not_a_crash(string command)
    {
        Cli.AssertBadInput(Cli.Run(command, "--at", "perimeter", "--output", ""), "--output", "empty path");
    }
}
