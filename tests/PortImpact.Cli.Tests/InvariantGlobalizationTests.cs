using System.Diagnostics;

namespace PortImpact.Cli.Tests;

/// <summary>
/// Many container images set DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1; the tool must still run there, and still speak
/// Japanese. Only a separate process sees the variable, so this runs the built command line.
/// </summary>
public sealed class InvariantGlobalizationTests
{
    [Theory]
    [InlineData("en", "Summary:")]
    [InlineData("ja", "まとめ:")]
    public async Task Analyze_runs_and_speaks_the_language_under_invariant_globalization(string language, string expected)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "portimpact.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "analyze", "--at", "perimeter", "--lang", language }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal("", error);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains(expected, await output);
    }
}
