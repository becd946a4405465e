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
        // The last piece starting at or before the index; the pieces are in order, so a binary search finds it.
        int low = 0, high = _pieces.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_pieces[middle].Index <= index) low = middle;
            else high = middle - 1;
        }
        var piece = _pieces[low];
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
    /// What a logical line has said so far (is it netsh, how many parentheses are open) is carried along as its
    /// physical lines are added, never worked out again from its start, so a line that goes on for a hundred
    /// thousand lines (an unclosed <c>(</c>) is still read in one pass.
    /// </summary>
    public static IReadOnlyList<ScriptLine> Split(string text, string file)
    {
        var physical = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var lines = new List<ScriptLine>();
        var builder = new StringBuilder();
        var pieces = new List<(int Index, int Line, int Column)>();
        var start = new NetshStart();
        var parentheses = new OpenParentheses();
        var inBlockComment = false;
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i];
            if (line.Length > InputLimits.MaxLineLength) throw LineLimit.TooLong(file, i + 1);
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
            // Whether the line is netsh is decided by what came before this physical line (or by it, if it is the first).
            var netsh = builder.Length == 0 ? IsNetsh(trimmed) : start.IsNetsh;
            var added = escaped ? trimmed[..^1] + " " : line;
            builder.Append(added);
            start.Read(added);
            parentheses.Read(added);
            var goesOn = !escaped && !comment && !netsh && (trimmed.Length > 0 && trimmed[^1] is '|' or ',' || parentheses.Depth > 0);
            if (goesOn)
            {
                builder.Append(' ');
                start.Read(" ");
                parentheses.Read(" ");
            }
            if ((escaped || goesOn) && i + 1 < physical.Length) continue;
            lines.Add(new ScriptLine(builder.ToString(), [.. pieces], file));
            builder.Clear();
            pieces.Clear();
            start = new NetshStart();
            parentheses = new OpenParentheses();
        }
        if (inBlockComment) throw new InputException(new SourceLocation(file, physical.Length, 1), Messages.Format("ScriptUnclosedBlockComment"));
        return lines;
    }

    /// <summary>
    /// How many parentheses are still open in the text read so far, outside quotes and comments: a PowerShell
    /// expression (<c>@(</c> …) goes on over the next lines until they close. After a line comment (<c> #</c>)
    /// nothing counts any more; a quote or a <c>&lt;#</c> comment not yet closed holds the count until it is.
    /// </summary>
    private sealed class OpenParentheses
    {
        private enum Inside { Code, Quote, BlockComment, LineComment }

        private Inside _inside;
        private char _quote;
        private char _previous;
        private bool _started;
        private bool _first = true;

        public int Depth { get; private set; }

        public void Read(string text)
        {
            foreach (var c in text)
            {
                switch (_inside)
                {
                    case Inside.Quote:
                        if (c == _quote) _inside = Inside.Code;
                        break;
                    case Inside.BlockComment:
                        // "<#>" does not close: the '#' of "<#" is not the one of "#>".
                        if (c == '>' && _previous == '#' && !_first) _inside = Inside.Code;
                        _first = false;
                        break;
                    case Inside.LineComment:
                        break;
                    default:
                        if (c is '\'' or '"')
                        {
                            _inside = Inside.Quote;
                            _quote = c;
                        }
                        else if (c == '#' && _previous == '<')
                        {
                            _inside = Inside.BlockComment;
                            _first = true;
                        }
                        else if (c == '#' && (!_started || char.IsWhiteSpace(_previous))) _inside = Inside.LineComment;
                        else if (c == '(') Depth++;
                        else if (c == ')') Depth = Math.Max(0, Depth - 1);
                        break;
                }
                _previous = c;
                _started = true;
            }
        }
    }

    /// <summary>
    /// Whether the text read so far starts a netsh command (<see cref="IsNetsh"/>), decided from its first characters
    /// as they arrive: whitespace, then <c>@</c>s, then the command word and what follows it.
    /// </summary>
    private sealed class NetshStart
    {
        private const int WordLength = 10; // "netsh.exe" and the character after it
        private readonly StringBuilder _word = new();
        private bool _pastWhitespace;
        private bool _pastAts;

        public bool IsNetsh => StartsWithNetsh(_word.ToString());

        public void Read(string text)
        {
            foreach (var c in text)
            {
                if (_word.Length >= WordLength) return;
                if (!_pastWhitespace && char.IsWhiteSpace(c)) continue;
                _pastWhitespace = true;
                if (!_pastAts && c == '@') continue;
                _pastAts = true;
                _word.Append(c);
            }
        }
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
    public static bool IsNetsh(string line) => StartsWithNetsh(line.AsSpan().TrimStart().TrimStart('@'));

    private static bool StartsWithNetsh(ReadOnlySpan<char> text)
    {
        foreach (var command in (ReadOnlySpan<string>)["netsh.exe", "netsh"])
        {
            if (text.StartsWith(command, StringComparison.OrdinalIgnoreCase) && (text.Length == command.Length || char.IsWhiteSpace(text[command.Length]))) return true;
        }
        return false;
    }
}
