using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Layout;
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
    public static Option<string?> Catalog(Text help) => new("--catalog")
    {
        Description = help["HelpCatalog"],
        Recursive = true,
    };

    /// <summary><c>--width</c>, one per command line like <c>--catalog</c>: the width tables and sentences are laid out at.</summary>
    public static Option<int?> Width(Text help)
    {
        var width = new Option<int?>("--width")
        {
            Description = help.Format("HelpWidth", OutputWidth.Least, OutputWidth.Most),
            Recursive = true,
        };
        // Parsed here rather than validated after: a validator asking for the value of "wide" would throw.
        width.CustomParser = result =>
        {
            var token = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked)
                || asked != 0 && asked is < OutputWidth.Least or > OutputWidth.Most)
            {
                result.AddError(help.Format("ErrWidth", InputEcho.Escape(token, 40), OutputWidth.Least, OutputWidth.Most));
                return null;
            }
            return asked;
        };
        return width;
    }

    public static Option<string> Format(Text help) => new Option<string>("--format")
    {
        Description = help["HelpFormat"],
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "markdown");

    /// <summary>
    /// <c>--format</c> of the reports a person reads whole (analyze, recommend, compare): <see cref="Format"/>'s choices
    /// and <c>html</c>, one self-contained page with charts and sortable tables.
    /// </summary>
    public static Option<string> ReportFormat(Text help) => new Option<string>("--format")
    {
        Description = help["HelpReportFormat"],
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "markdown", "html");

    /// <summary><c>--lang</c>, one per command line like <c>--catalog</c>, so that <c>--help --lang ja</c> works on every command.</summary>
    public static Option<string?> Language(Text help) => new Option<string?>("--lang")
    {
        Recursive = true,
        Description = help["HelpLang"],
    }.AcceptOnlyFromAmong("en", "ja");

    public static Option<string?> Output(Text help)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = help["HelpOutput"],
        };
        // An empty path names no file: refused at parse time like any other bad value, not left to the file system.
        output.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError("an empty path names no file");
        });
        return output;
    }

    public static Argument<string?> Model(Text help) => new("model")
    {
        Description = help["HelpModel"],
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>
    /// What every command does first: settle the language (so that even an error is reported in it) and
    /// load the catalog, extended by --catalog when given.
    /// </summary>
    public static (KnowledgeCatalog Catalog, Text Text) Start(CommandIo io, System.CommandLine.ParseResult parse)
    {
        var lang = parse.GetValue(io.LanguageOption) ?? io.Text.Language;
        io.Language = lang;
        io.WidthAsked = parse.GetValue(io.WidthOption);
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
            throw new InputException(new SourceLocation(path, 1, 1), Messages.Format("CliUnknownOption", path));
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

    /// <summary>
    /// Plain text (port and threat descriptions) wrapped at the width <see cref="OutputWidth"/> settles on; a list item
    /// (<c>  - </c>, <c>  1. </c>) continues under its text, not under its mark.
    /// </summary>
    public static string Wrap(CommandIo io, string? outputPath, string content)
    {
        if (io.LayoutWidth(outputPath) is not { } width) return content;
        var wrapped = new System.Text.StringBuilder();
        foreach (var line in content.Split('\n'))
        {
            var mark = System.Text.RegularExpressions.Regex.Match(line, @"^ *(?:- |\d+\. )?");
            var indent = line.Length - line.TrimStart(' ').Length;
            foreach (var piece in LineBreaker.Wrap(line, width, hanging: mark.Length - indent)) wrapped.Append(piece).Append('\n');
        }
        return wrapped.ToString(0, Math.Max(0, wrapped.Length - 1));
    }

    /// <summary>A terminal report rendered to text, at the width <see cref="OutputWidth"/> settles on for where it goes.</summary>
    public static string Capture(CommandIo io, string? outputPath, Action<ReportWriter> render)
    {
        var writer = new StringWriter();
        render(new ReportWriter(ConsoleFactory.Create(writer, io.Interactive && outputPath is null), io.LayoutWidth(outputPath)));
        return writer.ToString();
    }
}
