using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// One logical line of a script: physical lines joined where the line goes on (PowerShell's backtick, cmd's caret,
/// or a PowerShell line ending in <c>|</c>, <c>,</c> or an open <c>(</c>), with a way back from each character to
/// its file line and column.
/// </summary>
internal sealed class ScriptLine
{
    private readonly List<(int Index, int Line, int Column)> _pieces;

    private ScriptLine(string text, List<(int Index, int Line, int Column)> pieces, string file)
    {
        Text = text;
        _pieces = pieces;
        File = file;
    }

    public string Text { get; }

    public string File { get; }

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

    /// <summary>A location <paramref name="by"/> columns further on the same line.</summary>
    public static SourceLocation Shift(SourceLocation location, int by) => location with { Column = location.Column + by };

    /// <summary>The line from <paramref name="index"/> on, still located in the file (the next statement after a <c>;</c>).</summary>
    public ScriptLine Rest(int index)
    {
        var first = Locate(index);
        var pieces = new List<(int Index, int Line, int Column)> { (0, first.Line, first.Column) };
        foreach (var piece in _pieces)
        {
            if (piece.Index > index) pieces.Add((piece.Index - index, piece.Line, piece.Column));
        }
        return new ScriptLine(Text[index..], pieces, File);
    }

    /// <summary>
    /// The logical lines of a script. PowerShell block comments (<c>&lt;# … #&gt;</c>) that start a line are dropped
    /// here, since they may span lines; line comments are left to the command parsers, which know where a word ends.
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
            var comment = builder.Length == 0 && IsComment(line);
            var escaped = trimmed.Length > 0 && trimmed[^1] is '`' or '^' && !comment;
            var netsh = IsNetsh(builder.Length == 0 ? trimmed : builder.ToString());
            builder.Append(escaped ? trimmed[..^1] + " " : line);
            var goesOn = !escaped && !comment && !netsh && (trimmed.Length > 0 && trimmed[^1] is '|' or ',' || OpenParentheses(builder.ToString()) > 0);
            if (goesOn) builder.Append(' ');
            if ((escaped || goesOn) && i + 1 < physical.Length) continue;
            lines.Add(new ScriptLine(builder.ToString(), [.. pieces], file));
            builder.Clear();
            pieces.Clear();
        }
        if (inBlockComment) throw new InputException(new SourceLocation(file, physical.Length, 1), "a '<#' block comment is not closed by '#>'");
        return lines;
    }

    /// <summary>
    /// How many parentheses are still open at the end of <paramref name="text"/>, outside quotes and comments: a
    /// PowerShell expression (<c>@(</c> …) goes on over the next lines until they close.
    /// </summary>
    private static int OpenParentheses(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0) return depth;
                i = close;
            }
            else if (c == '<' && i + 1 < text.Length && text[i + 1] == '#')
            {
                var close = text.IndexOf("#>", i + 2, StringComparison.Ordinal);
                if (close < 0) return depth;
                i = close + 1;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                var end = text.IndexOf('\n', i);
                if (end < 0) return depth;
                i = end;
            }
            else if (c == '(') depth++;
            else if (c == ')') depth = Math.Max(0, depth - 1);
        }
        return depth;
    }

    /// <summary>A whole-line comment of PowerShell (<c>#</c>) or cmd (<c>rem</c>, <c>::</c>).</summary>
    public static bool IsComment(string line)
    {
        var text = line.TrimStart().TrimStart('@');
        return text.StartsWith('#') || text.StartsWith("::", StringComparison.Ordinal)
            || text.Equals("rem", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("rem ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rem\t", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A netsh command line (<c>netsh …</c>, <c>@netsh.exe …</c>), read by netsh's rules rather than PowerShell's.</summary>
    public static bool IsNetsh(string line)
    {
        var text = line.TrimStart().TrimStart('@');
        foreach (var command in new[] { "netsh.exe", "netsh" })
        {
            if (text.StartsWith(command, StringComparison.OrdinalIgnoreCase) && (text.Length == command.Length || char.IsWhiteSpace(text[command.Length]))) return true;
        }
        return false;
    }
}
