using System.CommandLine.Parsing;
using PortImpact.Core.Diagnostics;
using PortImpact.Knowledge.Loading;

namespace PortImpact.Cli.Input;

/// <summary>
/// <c>@FILE</c> on the command line: the file's words in its place, a line at a time (<c>#</c> starts a comment
/// line, quotes group words as a shell would). Response files may name others, up to a few levels; one that
/// names itself, directly or through others, is bad input at the line that does, not a stack overflow.
/// </summary>
internal static class ResponseFiles
{
    private const int MaxDepth = 8;

    /// <summary>The replacer System.CommandLine calls for a token that starts with <c>@</c>.</summary>
    public static bool TryReplace(string tokenToReplace, out IReadOnlyList<string>? replacementTokens, out string? errorMessage)
    {
        replacementTokens = Expand(tokenToReplace, new SourceLocation(tokenToReplace, 1, 1), []);
        errorMessage = null;
        return true;
    }

    private static List<string> Expand(string path, SourceLocation namedAt, List<string> including)
    {
        var full = Path.GetFullPath(path);
        if (including.Contains(full, StringComparer.Ordinal))
        {
            throw new InputException(namedAt, Messages.Format("CliResponseFileLoop", InputEcho.Escape(path)));
        }
        if (including.Count >= MaxDepth)
        {
            throw new InputException(namedAt, Messages.Format("CliResponseFilesTooDeep", MaxDepth));
        }
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InputException(namedAt, Messages.Format("CliNoResponseFile", InputEcho.Escape(path)));
        }
        var text = InputFiles.ReadText(path, Messages.Format("FileWhatResponseFile"));
        including.Add(full);
        var tokens = new List<string>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            foreach (var word in CommandLineParser.SplitCommandLine(line))
            {
                if (word.Length > 1 && word[0] == '@')
                {
                    var column = raw.IndexOf(word, StringComparison.Ordinal) + 1;
                    tokens.AddRange(Expand(word[1..], new SourceLocation(path, lineNumber, Math.Max(1, column)), including));
                }
                else
                {
                    tokens.Add(word);
                }
            }
        }
        including.RemoveAt(including.Count - 1);
        return tokens;
    }
}
