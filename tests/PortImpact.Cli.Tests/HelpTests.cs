using System.CommandLine;
using System.Text.RegularExpressions;
using PortImpact.Cli.Commands;

namespace PortImpact.Cli.Tests;

/// <summary>--help on every command, in English and Japanese: it works, it is worded in the language asked, it shows examples that run and the exit codes.</summary>
public sealed partial class HelpTests
{
    /// <summary>Every command path of the tool, read from the command tree itself so a new command is covered too.</summary>
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        var root = Tree();
        data.Add("");
        foreach (var command in root.Subcommands)
        {
            data.Add(command.Name);
            foreach (var sub in command.Subcommands) data.Add($"{command.Name} {sub.Name}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Help_works_on_every_command_in_both_languages(string path)
    {
        var words = path.Length == 0 ? [] : path.Split(' ');
        var en = Cli.Ok([.. words, "--help", "--lang", "en"]).Out;
        var ja = Cli.Ok([.. words, "--help", "--lang", "ja"]).Out;
        foreach (var heading in new[] { "Description:", "Usage:", "Options:", "Exit codes:" }) Assert.Contains(heading, en);
        foreach (var heading in new[] { "説明:", "使用法:", "オプション:", "終了コード:" }) Assert.Contains(heading, ja);
        Assert.Contains($"portimpact {path}".TrimEnd(), en);
        // No English sentence is left in the Japanese screen: every description was translated.
        foreach (var sentence in EnglishSentences().Matches(en).Select(m => m.Value).Where(s => s.Length > 25))
        {
            Assert.DoesNotContain(sentence, ja);
        }
    }

    [Fact]
    public void Every_command_option_and_argument_is_described_in_both_languages()
    {
        foreach (var language in new[] { "en", "ja" })
        {
            var root = Tree(language);
            foreach (var symbol in Symbols(root))
            {
                Assert.False(string.IsNullOrWhiteSpace(symbol.Description), $"{language}: {symbol.Name} has no description");
                Assert.DoesNotMatch("^Help[A-Z]", symbol.Description!);
            }
        }
    }

    [Fact]
    public void Help_before_the_command_line_is_complete_is_still_help()
    {
        // A help screen asks completion sources for value names: --at's, which reads the model argument, must not fail
        // when there is none.
        var analyze = Cli.Ok("analyze", "--help");
        Assert.Contains("--at <at>", analyze.Out);
        Assert.Contains("portimpact analyze --at inter-site", analyze.Out);
        Cli.Ok("recommend", "-h");
        Cli.Ok("--help", "--lang", "ja");
        Cli.Ok("--lang=ja", "spread", "-?");
    }

    [Fact]
    public void The_examples_shown_run_as_written_when_they_need_no_file_of_the_users()
    {
        var ran = 0;
        foreach (var (_, example) in HelpExamples.All)
        {
            if (example.CommandLine.Contains(".yaml", StringComparison.Ordinal) || example.CommandLine.Contains('>')
                || Regex.IsMatch(example.CommandLine, @"\.(reg|v4|nft)\b") || example.CommandLine.Contains("--help", StringComparison.Ordinal))
            {
                continue;
            }
            var result = Cli.Run(example.CommandLine.Split(' '));
            Assert.True(result.Exit == 0, $"portimpact {example.CommandLine}: exit {result.Exit}: {result.Err}");
            Assert.NotEmpty(result.Out);
            ran++;
        }
        Assert.True(ran >= 8, $"only {ran} examples ran");
    }

    [Fact]
    public void Every_example_names_a_resource_in_both_languages()
    {
        foreach (var (command, example) in HelpExamples.All)
        {
            foreach (var language in new[] { "en", "ja" })
            {
                Assert.NotEqual(example.Key, new PortImpact.Cli.Rendering.Text(language)[example.Key]);
            }
            var words = command.Length == 0 ? [] : command.Split(' ');
            Assert.Contains($"portimpact {example.CommandLine}", Cli.Ok([.. words, "--help", "--lang", "en"]).Out);
        }
    }

    [Fact]
    public void The_parsers_own_errors_speak_japanese_when_asked()
    {
        var unknownCommand = Cli.AssertBadInput(Cli.Run("analyzee", "--lang", "ja"), "analyzee");
        Assert.Contains("エラー: analyzee:1:1: 'analyzee' というコマンドはありません ('analyze' のことですか?)", unknownCommand.Err);
        var unknownOption = Cli.AssertBadInput(Cli.Run("analyze", "--formt", "json", "--lang", "ja"), "--formt");
        Assert.Contains("'--format' のことですか?", unknownOption.Err);
        var choice = Cli.AssertBadInput(Cli.Run("analyze", "--at", "hosts", "--format", "xml", "--lang", "ja"), "--format");
        Assert.StartsWith("エラー: ", choice.Err);
        Assert.Matches(@"[\p{IsHiragana}\p{IsKatakana}]", choice.Err);
        var group = Cli.AssertBadInput(Cli.Run("rules", "--lang", "ja"), "rules");
        Assert.Contains("import, explain, lint, emit", group.Err);
        Assert.Contains("必要です", group.Err);
        var english = Cli.AssertBadInput(Cli.Run("rules", "--lang", "en"), "rules");
        Assert.Contains("'rules' needs a command: import, explain, lint, emit", english.Err);
    }

    [Fact]
    public void Help_wraps_at_the_width_asked()
    {
        var narrow = Cli.Ok("analyze", "--help", "--width", "60", "--lang", "ja").Out;
        Assert.All(narrow.Split('\n').Where(l => !l.StartsWith("  portimpact ", StringComparison.Ordinal)),
            line => Assert.True(PortImpact.Cli.Rendering.Layout.LineBreaker.Width(line) <= 60, line));
    }

    private static RootCommand Tree(string language = "en") =>
        CliApp.Tree(new CommandIo(TextWriter.Null, TextWriter.Null, false, CliEnvironment.None, new PortImpact.Cli.Rendering.Text(language)));

    private static IEnumerable<Symbol> Symbols(Command command)
    {
        yield return command;
        foreach (var argument in command.Arguments) yield return argument;
        foreach (var option in command.Options) yield return option;
        foreach (var sub in command.Subcommands.SelectMany(Symbols)) yield return sub;
    }

    [GeneratedRegex(@"[A-Z][a-z][^.;:()]*[a-z]")]
    private static partial Regex EnglishSentences();
}
