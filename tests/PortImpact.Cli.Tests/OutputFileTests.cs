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
}
