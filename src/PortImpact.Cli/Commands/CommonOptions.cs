using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Cli.Commands;

/// <summary>Options several commands share, declared once so they read and behave the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary>
    /// <c>--catalog</c>, one per command line: an option records the commands it is added to, so a shared instance
    /// would tie every run to every other (and forbid running them side by side).
    /// </summary>
    public static Option<string?> Catalog() => new("--catalog")
    {
        Description = "A YAML catalog that extends or overrides the built-in knowledge (same format as the built-in files).",
        Recursive = true,
    };

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "table, json or markdown",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "markdown");

    /// <summary>
    /// <c>--format</c> of the reports a person reads whole (analyze, recommend, compare): <see cref="Format"/>'s choices
    /// and <c>html</c>, one self-contained page with charts and sortable tables.
    /// </summary>
    public static Option<string> ReportFormat() => new Option<string>("--format")
    {
        Description = "table, json, markdown or html",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "markdown", "html");

    public static Option<string?> Language() => new Option<string?>("--lang")
    {
        Description = "en or ja (default: from the OS culture)",
    }.AcceptOnlyFromAmong("en", "ja");

    public static Option<string?> Output()
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file (atomically) instead of standard output.",
        };
        // An empty path names no file: refused at parse time like any other bad value, not left to the file system.
        output.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError("an empty path names no file");
        });
        return output;
    }

    public static Argument<string?> Model() => new("model")
    {
        Description = "The model file (YAML). Without it, the built-in example network is used.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>
    /// What every command does first: settle the language (so that even an error is reported in it) and
    /// load the catalog, extended by --catalog when given.
    /// </summary>
    public static (KnowledgeCatalog Catalog, Text Text) Start(CommandIo io, System.CommandLine.ParseResult parse, Option<string?> language)
    {
        var lang = parse.GetValue(language) ?? Text.DefaultLanguage();
        io.Language = lang;
        return (io.Catalog(parse.GetValue(io.CatalogOption)), new Text(lang));
    }

    public static NetworkModel LoadModel(string? path, KnowledgeCatalog catalog)
    {
        var reader = new ModelReader(catalog);
        if (path is not null) RefuseUnknownOption(path);
        return path is null ? reader.Parse(BuiltInExample.Text(), BuiltInExample.FileName) : reader.ReadFile(path);
    }

    /// <summary>
    /// The parser hands a word it does not know as an option (<c>--bogus</c>) to the file argument; "cannot read
    /// the file --bogus" would hide the typo, so a dash-led name that is no file is reported as the option it looks like.
    /// </summary>
    public static void RefuseUnknownOption(string path)
    {
        if (path.StartsWith('-') && !File.Exists(path) && !Directory.Exists(path))
        {
            throw new InputException(new SourceLocation(path, 1, 1), $"unknown option '{path}'; see --help for the options of this command");
        }
    }

    /// <summary>
    /// What <c>--at</c> can name in a model: the placements, <c>hosts:ROLE</c> for its roles, its points. A model that
    /// cannot be read offers the placements alone (completion must never fail the shell).
    /// </summary>
    public static IEnumerable<string> Places(string? modelPath)
    {
        try
        {
            return [.. Placement.OfferedBy(LoadModel(modelPath, KnowledgeCatalog.BuiltIn))];
        }
        catch (InputException)
        {
            return [.. Placement.Groups.Select(g => g.Id)];
        }
    }

    /// <summary>The ids and aliases of the threats, for completion of a threat argument.</summary>
    public static IEnumerable<string> ThreatNames() => KnowledgeCatalog.BuiltIn.Threats.SelectMany(t => t.Aliases.Prepend(t.Id)).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The placements asked for; without any, the first what-if of a new user would fail with "option required", so
    /// the error lists what this model offers instead: the placements, its roles for <c>hosts:ROLE</c>, its points.
    /// </summary>
    public static string[] RequireAt(string[]? at, NetworkModel network, Text text)
    {
        if (at is { Length: > 0 }) return at;
        var points = network.Points.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var offered = Placement.OfferedBy(network).ToList();
        throw new InputException(new SourceLocation("--at", 1, 1),
            text.Format("AtMissing", string.Join(", ", offered.Where(p => !points.Contains(p))), string.Join(", ", offered.Where(points.Contains))));
    }

    public static void Emit(CommandIo io, string? outputPath, string content)
    {
        if (outputPath is null) io.Output.Write(content);
        else AtomicOutput.Write(outputPath, content);
    }

    public static string Capture(CommandIo io, string? outputPath, Action<Spectre.Console.IAnsiConsole> render)
    {
        var writer = new StringWriter();
        render(ConsoleFactory.Create(writer, io.Interactive && outputPath is null));
        return writer.ToString();
    }
}
