using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>A word of a configuration line and the 1-based column it starts at, so that errors can point at it.</summary>
internal readonly record struct ConfigToken(string Text, int Column);

/// <summary>One line of an IOS configuration or of <c>show access-lists</c> output, split into words.</summary>
internal sealed record ConfigLine(int Number, string Text, ImmutableArray<ConfigToken> Tokens)
{
    /// <summary>IOS prints the commands of a mode (ACL entries, interface settings) indented under the command that entered it.</summary>
    public bool IsIndented => Text.Length > 0 && (Text[0] == ' ' || Text[0] == '\t');

    public bool IsBlank => Tokens.IsEmpty;

    public bool IsComment => !Tokens.IsEmpty && Tokens[0].Text.StartsWith('!');

    public string Word(int index) => index < Tokens.Length ? Tokens[index].Text : "";

    /// <summary>The column just after the last character, where "missing" complaints point.</summary>
    public int EndColumn => Text.TrimEnd().Length + 1;

    public string Trimmed => Text.Trim();

    public static ConfigLine Parse(int number, string text)
    {
        var tokens = ImmutableArray.CreateBuilder<ConfigToken>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || text[i] is ' ' or '\t' or '\r';
            if (separator && start >= 0)
            {
                tokens.Add(new ConfigToken(text[start..i], start + 1));
                start = -1;
            }
            else if (!separator && start < 0)
            {
                start = i;
            }
        }
        return new ConfigLine(number, text, tokens.ToImmutable());
    }
}

/// <summary>Splits the text into lines and refuses what is not text before anything is interpreted.</summary>
internal static class ConfigText
{
    public static ImmutableArray<ConfigLine> Split(string text, string file)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("IosEmpty"));
        }
        var raw = text.Split('\n');
        var lines = ImmutableArray.CreateBuilder<ConfigLine>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i].EndsWith('\r') ? raw[i][..^1] : raw[i];
            // No configuration line is a megabyte long; such a line is a damaged or binary file.
            if (line.Length > InputLimits.MaxLineLength)
            {
                throw new InputException(new SourceLocation(file, i + 1, InputLimits.MaxLineLength + 1), Messages.Format("IosLineTooLong", InputLimits.MaxLineLength));
            }
            RejectBinary(line, i + 1, file);
            lines.Add(ConfigLine.Parse(i + 1, line));
        }
        return lines.MoveToImmutable();
    }

    /// <summary>
    /// Control characters mean a binary or corrupted file. ETX (U+0003) is allowed: it is the delimiter IOS
    /// itself writes around banners; CR is allowed because old files end lines with it.
    /// </summary>
    private static void RejectBinary(string line, int number, string file)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if ((c < ' ' && c is not '\t' and not '\r' and not '\u0003') || c == '\u007F' || c == '\uFFFD')
            {
                throw new InputException(new SourceLocation(file, number, i + 1),
                    Messages.Format("IosControlCharacter", (int)c));
            }
        }
    }
}

/// <summary>Walks the words of one line; every complaint names the word (or the end of the line) it is about.</summary>
internal sealed class TokenCursor(ConfigLine line, string file)
{
    private int _index;

    public ConfigLine Line { get; } = line;

    public bool AtEnd => _index >= Line.Tokens.Length;

    public ConfigToken? Peek() => AtEnd ? null : Line.Tokens[_index];

    public string? PeekText => AtEnd ? null : Line.Tokens[_index].Text;

    /// <summary>The next word; <paramref name="whatIsExpected"/> names it in the error when the line ends first.</summary>
    public ConfigToken Next(Phrase whatIsExpected) => AtEnd ? throw MissingAtEnd(whatIsExpected) : Line.Tokens[_index++];

    public bool TryTake(string word)
    {
        if (PeekText != word) return false;
        _index++;
        return true;
    }

    public void SkipToEnd() => _index = Line.Tokens.Length;

    public SourceLocation At(ConfigToken token) => new(file, Line.Number, token.Column);

    public InputException Error(ConfigToken token, string problem) => new(At(token), problem);

    public InputException MissingAtEnd(Phrase whatIsExpected) =>
        new(new SourceLocation(file, Line.Number, Line.EndColumn), Messages.Format("IosMissingAtEnd", whatIsExpected.ToString()));

    /// <summary>The line's own text from <paramref name="first"/> through <paramref name="last"/>, spacing kept.</summary>
    public string TextBetween(ConfigToken first, ConfigToken last) =>
        Line.Text[(first.Column - 1)..(last.Column - 1 + last.Text.Length)];

    public string TextFrom(ConfigToken first) => Line.Text[(first.Column - 1)..].TrimEnd();
}
