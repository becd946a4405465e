using System.Text.Json;
using PortImpact.Cli;

namespace PortImpact.Cli.Tests;

/// <summary>One in-process run of the command line, as a user would see it.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement;

    public string[] ErrLines => Err.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}

public static class Cli
{
    public static CliResult Run(params string[] args) => Run(false, args);

    public static CliResult Run(bool interactive, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error, interactive);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static CliResult Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.Exit == CliApp.Ok, $"exit {result.Exit}: {result.Err}");
        Assert.Equal("", result.Err);
        return result;
    }

    /// <summary>Exit 2, nothing on stdout, one line on stderr naming the place, and never a stack trace.</summary>
    public static CliResult AssertBadInput(CliResult result, params string[] mentions)
    {
        Assert.Equal(CliApp.BadInput, result.Exit);
        Assert.Equal("", result.Out);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.DoesNotContain("Exception", result.Err);
        var lines = result.ErrLines;
        Assert.True(lines.Length == 1 && lines[0].Trim().Length > 0, $"expected exactly one line on stderr, got:\n{result.Err}");
        foreach (var mention in mentions) Assert.Contains(mention, lines[0]);
        return result;
    }

    public static IEnumerable<JsonElement> Items(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string[] Strings(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}

/// <summary>A temporary directory for model and report files, deleted afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portimpact-cli-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes the lines joined with LF, so line and column numbers in messages are exact.</summary>
    public string File(string name, params string[] lines)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public string[] Entries() => Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
