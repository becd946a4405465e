using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace PortImpact.Cli.Tests;

/// <summary>
/// PortImpact installs as the README says: <c>dotnet pack</c> writes a .NET tool package with its licence and README,
/// <c>dotnet tool install</c> from that folder gives a <c>portimpact</c> command that knows its version, answers on
/// the built-in example, and speaks Japanese (the satellite resources travel in the package).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(string file, params string[] args) => RunWithCache(null, file, args);

    private static (int Exit, string Out, string Err) RunWithCache(string? packageCache, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (packageCache is not null) start.Environment["NUGET_PACKAGES"] = packageCache;
        // The installed tool is asked as a user's shell would, not with the test host's culture or terminal.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void The_package_installs_as_a_dotnet_tool_that_answers_in_both_languages()
    {
        var project = Repository.Path("src", "PortImpact.Cli", "PortImpact.Cli.csproj");
        var version = XDocument.Load(project).Descendants("Version").Single().Value;
        var packages = Path.Combine(_dir.Path, "packages");
        var tools = Path.Combine(_dir.Path, "tools");

        var pack = Run("dotnet", "pack", project, "-c", "Release", "-o", packages);
        Assert.True(pack.Exit == 0, pack.Out + pack.Err);
        var package = Path.Combine(packages, $"portimpact.{version}.nupkg");
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("LICENSE", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains(entries, e => e.EndsWith("/ja/portimpact.resources.dll", StringComparison.Ordinal));
            using var nuspec = new StreamReader(zip.GetEntry("portimpact.nuspec")!.Open());
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec.ReadToEnd());
        }

        // A package cache of its own: NuGet would otherwise install an earlier build of the same version from ~/.nuget.
        var install = RunWithCache(Path.Combine(_dir.Path, "nuget"), "dotnet", "tool", "install", "portimpact", "--version", version, "--tool-path", tools, "--add-source", packages);
        Assert.True(install.Exit == 0, install.Out + install.Err);
        var portimpact = Path.Combine(tools, OperatingSystem.IsWindows() ? "portimpact.exe" : "portimpact");

        var shown = Run(portimpact, "--version");
        Assert.Equal(0, shown.Exit);
        Assert.StartsWith(version, shown.Out.Trim(), StringComparison.Ordinal);

        var json = Run(portimpact, "analyze", "--at", "perimeter", "--format", "json");
        Assert.True(json.Exit == 0, json.Err);
        Assert.Equal("Example Trading Co.", JsonDocument.Parse(json.Out).RootElement.GetProperty("model").GetString());

        var japanese = Run(portimpact, "analyze", "--at", "perimeter", "--lang", "ja");
        Assert.True(japanese.Exit == 0, japanese.Err);
        Assert.Contains("を閉じます", japanese.Out);
    }
}
