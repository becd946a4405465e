using System.Collections.Immutable;
using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>A word of a netsh command line: a plain word, or a <c>key=value</c> tag.</summary>
internal sealed record NetshWord(string Text, string? Key, string Value, SourceLocation Location, SourceLocation ValueLocation, int ValueOffset)
{
    public bool IsTag => Key is not null;
}

/// <summary>
/// Splits a cmd line into netsh words the way cmd hands them over: at spaces and tabs outside double quotes,
/// quotes removed wherever they are (<c>name="a b"</c> and <c>"name=a b"</c> are the same tag). A word holding
/// <c>%</c> is expanded by cmd when it runs: its value is marked dynamic by the caller.
/// </summary>
internal static class NetshCommandParser
{
    public static ImmutableArray<NetshWord> Parse(ScriptLine line)
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
            var start = i;
            var text = new StringBuilder();
            // For each character of the word, where it was in the line, so a value's column is exact.
            var origins = new List<int>();
            var quoted = false;
            var openQuote = -1;
            while (i < s.Length && (quoted || !char.IsWhiteSpace(s[i])))
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
            if (quoted) throw new InputException(line.Locate(openQuote), "a quoted value is not closed by \"");
            var word = text.ToString();
            var equals = word.IndexOf('=');
            if (equals > 0)
            {
                var valueIndex = equals + 1 < origins.Count ? origins[equals + 1] : i;
                words.Add(new NetshWord(word, word[..equals], word[(equals + 1)..], line.Locate(start), line.Locate(valueIndex), valueIndex));
            }
            else
            {
                words.Add(new NetshWord(word, null, word, line.Locate(start), line.Locate(start), start));
            }
        }
        return words.ToImmutable();
    }
}
