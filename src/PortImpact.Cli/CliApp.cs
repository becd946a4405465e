using System.CommandLine;
using System.Globalization;
using PortImpact.Cli.Commands;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Knowledge;

namespace PortImpact.Cli;

/// <summary>
/// The command line: parse, then act. Bad input of any kind (arguments, model files, catalogs) ends in one
/// line on standard error naming file, line and column, and exit code 2; reports go to standard output or,
/// with --output, to a file written whole or not at all.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false, CliEnvironment? environment = null)
    {
        // The language is settled before anything is parsed, so that help and the parser's own errors speak it too.
        var text = new Text(LanguageAsked(args) ?? Text.DefaultLanguage());
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(text.Language);
        try
        {
            return Run(args, new CommandIo(output, error, interactive, environment ?? CliEnvironment.None, text));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>The value of <c>--lang</c> (<c>--lang ja</c>, <c>--lang=ja</c>, <c>--lang:ja</c>) when it names a language spoken here.</summary>
    private static string? LanguageAsked(string[] args)
    {
        string? asked = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length) asked = args[i + 1];
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal)) asked = args[i][7..];
        }
        return asked is "en" or "ja" ? asked : null;
    }

    /// <summary>The command tree, worded in the language of <paramref name="io"/>.</summary>
    public static RootCommand Tree(CommandIo io)
    {
        var root = new RootCommand(io.Text["HelpRoot"]);
        root.Options.Add(io.CatalogOption);
        root.Options.Add(io.WidthOption);
        root.Options.Add(io.LanguageOption);
        HelpScreen.Install(root, io);
        root.Subcommands.Add(AnalyzeCommand.Create(io));
        root.Subcommands.Add(RecommendCommand.Create(io));
        root.Subcommands.Add(CompareCommand.Create(io));
        root.Subcommands.Add(SpreadCommand.Create(io));
        root.Subcommands.Add(ModelCommand.Create(io));
        root.Subcommands.Add(RulesCommand.Create(io));
        root.Subcommands.Add(KnowledgeCommands.Port(io));
        root.Subcommands.Add(KnowledgeCommands.Threat(io));
        root.Subcommands.Add(KnowledgeCommands.List(io));
        return root;
    }

    private static int Run(string[] args, CommandIo io)
    {
        var (output, error, help) = (io.Output, io.Error, io.Text);
        var root = Tree(io);

        if (args.Length == 0)
        {
            // A bare command name: say what to type rather than System.CommandLine's "Required command was not provided".
            WriteError(error, help.Format("Error", $"portimpact:1:1: {help.Format("ErrNoCommand", string.Join(", ", root.Subcommands.Select(c => c.Name)))}"));
            return BadInput;
        }
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = ResponseFiles.TryReplace });
        }
        catch (InputException e)
        {
            WriteError(error, help.Format("Error", e.Message));
            return BadInput;
        }
        if (args[0].StartsWith("[suggest", StringComparison.Ordinal))
        {
            // dotnet-suggest asks for completions of a partial command line: the parser's own directive answers.
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        if (parsed.UnmatchedTokens.Count > 0 && parsed.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-')
            && parsed.UnmatchedTokens[0] == args[0])
        {
            // A mistyped command is the mistake, not the options after it, which belong to the command meant.
            var word = args[0];
            WriteError(error, help.Format("Error", $"{word}:1:1: {help.Format("ErrUnknownCommand", InputEcho.Escape(word), Hint(help, word, root.Subcommands.Select(c => c.Name)))}"));
            return BadInput;
        }
        if ((parsed.UnmatchedTokens.Count > 0 || parsed.Errors.Count > 0) && UnknownOption(parsed, args) is { } unknown)
        {
            // Said first: a mistyped option otherwise surfaces as a missing option or a stray word after it.
            var options = parsed.CommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
            WriteError(error, help.Format("Error", $"{unknown}:1:1: {help.Format("ErrUnknownOption", InputEcho.Escape(unknown), parsed.CommandResult.Command.Name, Hint(help, unknown, options))}"));
            return BadInput;
        }
        if (parsed.UnmatchedTokens.Count > 0)
        {
            // Said first: "Required command was not provided" hides that the word typed was not a command at all.
            var token = parsed.UnmatchedTokens[0];
            WriteError(error, help.Format("Error", $"{token}:1:1: {help.Format("ErrUnknownToken", InputEcho.Escape(token))}"));
            return BadInput;
        }
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command is { Subcommands.Count: > 0, Action: null } group)
        {
            // "rules" alone: name the commands it holds rather than the parser's "required command was not provided".
            WriteError(error, help.Format("Error", $"{group.Name}:1:1: {help.Format("ErrNeedsCommand", group.Name, string.Join(", ", group.Subcommands.Select(c => c.Name)))}"));
            return BadInput;
        }
        if (parsed.Errors.Count > 0)
        {
            // One line, as for every other bad input; the first problem is the one to fix first.
            var first = parsed.Errors[0];
            var message = string.Join(" ", first.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var where = first.SymbolResult switch
            {
                System.CommandLine.Parsing.OptionResult option => $"{option.Option.Name}: ",
                System.CommandLine.Parsing.ArgumentResult argument => $"{argument.Argument.Name}: ",
                _ => "",
            };
            WriteError(error, help.Format("Error", $"{where}{message}"));
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            WriteError(error, new Text(io.Language ?? help.Language).Format("Error", e.Message));
            return BadInput;
        }
    }

    /// <summary>
    /// Every error is one line with nothing of the input that a terminal would act on: a newline or an ESC in a
    /// name read from a file is printed as <c>\n</c>, <c>\x1B</c>.
    /// </summary>
    private static void WriteError(TextWriter error, string line) => error.WriteLine(InputEcho.Sanitize(line));

    private static string Hint(Text text, string typed, IEnumerable<string> known) =>
        Suggestions.Closest(typed, known) is { } near ? text.Format("HintDidYouMean", InputEcho.Escape(near)) : "";

    /// <summary>The first word that looks like an option (<c>-x</c>, <c>--xy</c>) but is none of the command's.</summary>
    private static string? UnknownOption(ParseResult parsed, string[] args)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "-h", "-?", "--help", "/?", "/h", "--version" };
        for (var command = parsed.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            foreach (var option in command.Command.Options)
            {
                known.Add(option.Name);
                foreach (var alias in option.Aliases) known.Add(alias);
            }
        }
        return args.FirstOrDefault(a => a.Length > 1 && a[0] == '-' && !char.IsAsciiDigit(a[1]) && !a.Contains('=') && !a.Contains(':') && !known.Contains(a));
    }
}

/// <summary>
/// What the command line reads of the world around it besides its arguments: environment variables and the
/// terminal's width. Tests pass their own, so no run depends on the variables of the process running it.
/// </summary>
public sealed record CliEnvironment(Func<string, string?> Variable, Func<int?> TerminalWidth)
{
    public static CliEnvironment None { get; } = new(_ => null, () => null);

    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, Rendering.Layout.OutputWidth.Terminal);
}

/// <summary>Where commands write, shared by all of them.</summary>
public sealed class CommandIo(TextWriter output, TextWriter error, bool interactive, CliEnvironment environment, Text text)
{
    /// <summary>The language asked on the command line (or the OS's), for help and for errors before a command runs.</summary>
    public Text Text => text;

    public TextWriter Output => output;
    public TextWriter Error => error;
    public bool Interactive => interactive;
    public CliEnvironment Environment => environment;

    /// <summary>This command line's own <c>--catalog</c> (see <see cref="Commands.CommonOptions.Catalog"/>).</summary>
    public System.CommandLine.Option<string?> CatalogOption { get; } = Commands.CommonOptions.Catalog(text);

    /// <summary>This command line's own <c>--width</c> (see <see cref="Commands.CommonOptions.Width"/>).</summary>
    public System.CommandLine.Option<int?> WidthOption { get; } = Commands.CommonOptions.Width(text);

    /// <summary>This command line's own <c>--lang</c> (see <see cref="Commands.CommonOptions.Language"/>).</summary>
    public System.CommandLine.Option<string?> LanguageOption { get; } = Commands.CommonOptions.Language(text);

    /// <summary>The <c>--width</c> the running command was given, if any.</summary>
    public int? WidthAsked { get; set; }

    /// <summary>
    /// The width a report is laid out at (<see cref="Rendering.Layout.OutputWidth"/>): the terminal counts only when the
    /// report goes to it, not to <paramref name="outputPath"/>.
    /// </summary>
    public int? LayoutWidth(string? outputPath) => Rendering.Layout.OutputWidth.Resolve(WidthAsked, environment.Variable("COLUMNS"),
        interactive && outputPath is null ? environment.TerminalWidth : null);

    /// <summary>The language the running command settled on, so an error is reported in it too.</summary>
    public string? Language { get; set; }

    public KnowledgeCatalog Catalog(string? extraCatalog) =>
        extraCatalog is null ? KnowledgeCatalog.BuiltIn : KnowledgeCatalog.BuiltIn.Extend(extraCatalog);
}
