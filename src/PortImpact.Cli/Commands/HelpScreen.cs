using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Commands;

/// <summary>
/// <c>--help</c> in the language asked (<c>--lang ja</c> or the OS's): description, usage, arguments, options,
/// subcommands, examples and exit codes, wrapped as reports are. System.CommandLine's own help cannot be told what
/// its headings say nor given examples, so the screen is drawn here from the same command tree.
/// </summary>
public sealed class HelpScreen(CommandIo io) : SynchronousCommandLineAction
{
    /// <summary>The command as the user types it: the tool's name, not the name of the process that hosts it.</summary>
    private const string ToolName = "portimpact";

    /// <summary>Help is prose to read, not data to copy: with no width to fit it is wrapped as on a classic terminal.</summary>
    private const int UnboundedWidth = 80;

    /// <summary>A label wider than this puts its description on the next line instead of beside it.</summary>
    private const int MostLabelWidth = 32;

    public override bool ClearsParseErrors => true;

    /// <summary>Puts this screen behind the root's <c>--help</c> (which every command inherits) and words its options.</summary>
    public static void Install(RootCommand root, CommandIo io)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Action = new HelpScreen(io);
                help.Description = io.Text["HelpHelp"];
            }
            else if (option is VersionOption version)
            {
                version.Description = io.Text["HelpVersion"];
            }
        }
    }

    public override int Invoke(ParseResult parse)
    {
        // Help runs before any command's Start, so it reads --width itself.
        io.WidthAsked = parse.GetResult(io.WidthOption) is null ? null : parse.GetValue(io.WidthOption);
        io.Output.Write(Render(parse.CommandResult.Command, io.Text, io.WidthAsked == 0 ? null : io.LayoutWidth(null) ?? UnboundedWidth));
        return CliApp.Ok;
    }

    public static string Render(Command command, Text text, int? width)
    {
        var screen = new StringBuilder();
        var path = Path(command);
        Section(screen, text["HelpDescriptionHeading"], [(command.Description ?? "", "")], width);
        Section(screen, text["HelpUsageHeading"], [(Usage(command, path), "")], width);

        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => (Label(a), a.Description ?? "")).ToList();
        Section(screen, text["HelpArgumentsHeading"], arguments, width);

        var options = OptionsOf(command).Select(o => (Label(o), Described(o, text))).ToList();
        Section(screen, text["HelpOptionsHeading"], options, width);

        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")).ToList();
        Section(screen, text["HelpCommandsHeading"], subcommands, width);

        var examples = HelpExamples.For(path[(ToolName.Length)..].Trim()).Select(e => ($"{ToolName} {e.CommandLine}", text[e.Key])).ToList();
        Examples(screen, text["HelpExamplesHeading"], examples, width);

        Section(screen, text["HelpExitCodesHeading"], [("0", text["HelpExitOk"]), ("1", text["HelpExitGate"]), ("2", text["HelpExitBadInput"])], width);
        return screen.ToString();
    }

    /// <summary>The command's own options, then those it inherits (help, --lang, --width, --catalog …).</summary>
    private static IEnumerable<Option> OptionsOf(Command command)
    {
        var seen = new HashSet<Option>();
        foreach (var option in command.Options.Where(o => !o.Hidden && seen.Add(o))) yield return option;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in parent.Options.Where(o => o.Recursive && !o.Hidden && seen.Add(o))) yield return option;
        }
    }

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c is RootCommand ? ToolName : c.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Usage(Command command, string path)
    {
        var usage = new StringBuilder(path);
        if (command.Subcommands.Count > 0) usage.Append(" [command]");
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            usage.Append(' ').Append(argument.Arity.MinimumNumberOfValues == 0 ? $"[{Label(argument)}]" : Label(argument));
        }
        return usage.Append(" [options]").ToString();
    }

    private static string Label(Argument argument) => $"<{argument.HelpName ?? argument.Name}>";

    private static string Label(Option option)
    {
        // The DOS spellings (/h, /?) work but are not worth a reader's attention.
        var names = option.Aliases.Where(a => a != option.Name && !a.StartsWith('/')).OrderBy(a => a.Length).Append(option.Name);
        var label = string.Join(", ", names);
        return option.Arity.MaximumNumberOfValues == 0 ? label : $"{label} <{option.HelpName ?? option.Name.TrimStart('-', '/')}>";
    }

    private static string Described(Option option, Text text) =>
        option.Required ? $"{option.Description} {text["HelpRequired"]}" : option.Description ?? "";

    private static void Section(StringBuilder screen, string heading, IReadOnlyList<(string Label, string Text)> rows, int? width)
    {
        if (rows.Count == 0) return;
        screen.Append(heading).Append('\n');
        var labelWidth = Math.Min(MostLabelWidth, rows.Max(r => LineBreaker.Width(r.Label)));
        foreach (var (label, description) in rows)
        {
            if (description.Length == 0)
            {
                foreach (var line in LineBreaker.Wrap("  " + label, width)) screen.Append(line).Append('\n');
                continue;
            }
            var indent = 2 + labelWidth + 2;
            if (LineBreaker.Width(label) > labelWidth)
            {
                screen.Append("  ").Append(label).Append('\n');
                foreach (var line in LineBreaker.Wrap(new string(' ', indent) + description, width)) screen.Append(line).Append('\n');
                continue;
            }
            var first = "  " + label + new string(' ', labelWidth - LineBreaker.Width(label) + 2);
            foreach (var line in LineBreaker.Wrap(first + description, width, hanging: labelWidth + 2)) screen.Append(line).Append('\n');
        }
        screen.Append('\n');
    }

    private static void Examples(StringBuilder screen, string heading, IReadOnlyList<(string CommandLine, string Text)> examples, int? width)
    {
        if (examples.Count == 0) return;
        screen.Append(heading).Append('\n');
        foreach (var (commandLine, description) in examples)
        {
            foreach (var line in LineBreaker.Wrap("  # " + description, width, hanging: 2)) screen.Append(line).Append('\n');
            // A command line is copied as it stands: it is never wrapped.
            screen.Append("  ").Append(commandLine).Append('\n');
        }
        screen.Append('\n');
    }
}
