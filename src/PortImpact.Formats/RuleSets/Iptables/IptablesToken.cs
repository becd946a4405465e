using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>
/// One word of an iptables line with the column it starts at (1-based) and whether any of it was quoted:
/// a quoted word is always a value, never an option or a <c>!</c>, whatever characters it holds.
/// </summary>
internal readonly record struct IptablesToken(string Text, int Column, bool Quoted)
{
    /// <summary>
    /// <c>-p</c>, <c>--dport</c>, <c>-4</c>: a dash followed by a letter, a second dash or an IP family digit.
    /// Other words that start with a dash (<c>-1</c>) are values.
    /// </summary>
    public bool IsOption =>
        !Quoted && Text.Length >= 2 && Text[0] == '-' && (char.IsAsciiLetter(Text[1]) || Text[1] == '-' || Text is "-4" or "-6");

    public bool IsBang => !Quoted && Text == "!";
}

/// <summary>
/// Splits a line the way <c>iptables-restore</c> does: blanks separate words, double quotes group a value,
/// and inside quotes a backslash takes the next character literally (<c>iptables-save</c> quotes every value
/// holding a character outside <c>[A-Za-z0-9_-]</c> and escapes <c>\</c>, <c>"</c> and <c>'</c>).
/// </summary>
internal static class IptablesTokenizer
{
    public static List<IptablesToken> Split(string line, string file, int lineNumber)
    {
        var tokens = new List<IptablesToken>();
        var index = 0;
        while (index < line.Length)
        {
            if (line[index] is ' ' or '\t')
            {
                index++;
                continue;
            }
            var start = index;
            var text = new StringBuilder();
            var quoted = false;
            var insideQuotes = false;
            var quoteColumn = 0;
            while (index < line.Length && (insideQuotes || line[index] is not (' ' or '\t')))
            {
                var character = line[index];
                if (insideQuotes && character == '\\' && index + 1 < line.Length)
                {
                    text.Append(line[index + 1]);
                    index += 2;
                    continue;
                }
                if (character == '"')
                {
                    insideQuotes = !insideQuotes;
                    quoted = true;
                    if (insideQuotes) quoteColumn = index + 1;
                    index++;
                    continue;
                }
                text.Append(character);
                index++;
            }
            if (insideQuotes)
            {
                throw new InputException(new SourceLocation(file, lineNumber, quoteColumn), Messages.Format("IptUnclosedQuote"));
            }
            tokens.Add(new IptablesToken(text.ToString(), start + 1, quoted));
        }
        return tokens;
    }
}
