using System.Collections.Immutable;
using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>A word of a netsh command line: a plain word, or a <c>key=value</c> tag.</summary>
internal sealed record NetshWord(string Text, string? Key, string Value, SourceLocation Location, SourceLocation ValueLocation)
{
    public bool IsTag => Key is not null;
}

/// <summary>
/// The netsh command of a line, and where the line goes on after it: <see cref="NextStatement"/> is the index of
/// what follows a <c>;</c> (another PowerShell statement), or null.
/// </summary>
internal sealed record NetshCommand(ImmutableArray<NetshWord> Words, int? NextStatement);

/// <summary>
/// Splits a line into netsh words the way cmd hands them over: at spaces and tabs outside double quotes, quotes
/// removed wherever they are (<c>name="a b"</c> and <c>"name=a b"</c> are the same tag). The command ends where
/// the shell takes over outside quotes: a redirection or chaining (<c>&gt;nul 2&gt;&amp;1</c>, <c>|| exit /b 1</c>,
/// <c>&amp; echo ok</c>, <c>| Out-Null</c>), a PowerShell comment (<c> #</c>) or statement separator (<c>;</c>).
/// </summary>
internal static class NetshCommandParser
{
    public static NetshCommand Parse(ScriptLine line)
    {
        var s = line.Text;
        var words = ImmutableArray.CreateBuilder<NetshWord>();
        var i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }
            if (s[i] is '&' or '|' or '>' or '<' || (s[i] == '#' && i > 0 && char.IsWhiteSpace(s[i - 1])))
            {
                return new NetshCommand(words.ToImmutable(), null);
            }
            if (s[i] == ';') return new NetshCommand(words.ToImmutable(), i + 1);
            var start = i;
            var text = new StringBuilder();
            // For each character of the word, where it was in the line, so a value's column is exact.
            var origins = new List<int>();
            var quoted = false;
            var openQuote = -1;
            while (i < s.Length && (quoted || !(char.IsWhiteSpace(s[i]) || s[i] is '&' or '|' or '>' or '<' or ';')))
            {
                if (s[i] == '"')
                {
                    quoted = !quoted;
                    openQuote = i;
                    i++;
                    continue;
                }
                origins.Add(i);
                text.Append(s[i++]);
            }
            if (quoted) throw new InputException(line.Locate(openQuote), Messages.Format("NetshUnclosedQuote"));
            var word = text.ToString();
            // "2>&1", "2>nul": the stream number belongs to the redirection that follows it.
            if (i < s.Length && s[i] == '>' && word.All(char.IsAsciiDigit)) return new NetshCommand(words.ToImmutable(), null);
            var equals = word.IndexOf('=');
            if (equals > 0)
            {
                var valueIndex = equals + 1 < origins.Count ? origins[equals + 1] : i;
                words.Add(new NetshWord(word, word[..equals], word[(equals + 1)..], line.Locate(start), line.Locate(valueIndex)));
            }
            else
            {
                words.Add(new NetshWord(word, null, word, line.Locate(start), line.Locate(start)));
            }
        }
        return new NetshCommand(words.ToImmutable(), null);
    }
}
