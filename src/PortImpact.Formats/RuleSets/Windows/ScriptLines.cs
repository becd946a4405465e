using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// One logical line of a script: physical lines joined where PowerShell's backtick or cmd's caret at the end of a
/// line continues it, with a way back from each character to its file line and column.
/// </summary>
internal sealed class ScriptLine
{
    private readonly List<(int Index, int Line, int Column)> _pieces;

    private ScriptLine(string text, List<(int Index, int Line, int Column)> pieces)
    {
        Text = text;
        _pieces = pieces;
    }

    public string Text { get; }

    public string File { get; private init; } = "";

    public int FirstLine => _pieces[0].Line;

    public SourceLocation Locate(int index)
    {
        var piece = _pieces[0];
        foreach (var candidate in _pieces)
        {
            if (candidate.Index > index) break;
            piece = candidate;
        }
        return new SourceLocation(File, piece.Line, piece.Column + index - piece.Index);
    }

    /// <summary>
    /// The logical lines of a script. PowerShell block comments (<c>&lt;# … #&gt;</c>) are dropped here, since they
    /// may span lines; line comments are left to the command parsers, which know where a word ends.
    /// </summary>
    public static IReadOnlyList<ScriptLine> Split(string text, string file)
    {
        var physical = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var lines = new List<ScriptLine>();
        var builder = new StringBuilder();
        var pieces = new List<(int Index, int Line, int Column)>();
        var inBlockComment = false;
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i];
            var column = 1;
            if (inBlockComment)
            {
                var end = line.IndexOf("#>", StringComparison.Ordinal);
                if (end < 0) continue;
                inBlockComment = false;
                column = end + 3;
                line = line[(end + 2)..];
            }
            if (builder.Length == 0 && line.TrimStart().StartsWith("<#", StringComparison.Ordinal))
            {
                var open = line.IndexOf("<#", StringComparison.Ordinal);
                var close = line.IndexOf("#>", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    inBlockComment = true;
                    continue;
                }
                column += close + 2;
                line = line[(close + 2)..];
            }
            pieces.Add((builder.Length, i + 1, column));
            var trimmed = line.TrimEnd();
            var continues = trimmed.Length > 0 && trimmed[^1] is '`' or '^' && (builder.Length > 0 || !IsComment(line));
            builder.Append(continues ? trimmed[..^1] + " " : line);
            if (continues && i + 1 < physical.Length) continue;
            lines.Add(new ScriptLine(builder.ToString(), [.. pieces]) { File = file });
            builder.Clear();
            pieces.Clear();
        }
        if (inBlockComment) throw new InputException(new SourceLocation(file, physical.Length, 1), "a '<#' block comment is not closed by '#>'");
        return lines;
    }

    /// <summary>A whole-line comment of PowerShell (<c>#</c>) or cmd (<c>rem</c>, <c>::</c>).</summary>
    public static bool IsComment(string line)
    {
        var text = line.TrimStart().TrimStart('@');
        return text.StartsWith('#') || text.StartsWith("::", StringComparison.Ordinal)
            || text.Equals("rem", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("rem ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rem\t", StringComparison.OrdinalIgnoreCase);
    }
}
