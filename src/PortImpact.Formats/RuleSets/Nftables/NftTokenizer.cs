using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Splits an nftables script into tokens the way <c>nft -f</c> reads it: <c>#</c> starts a comment to the end
/// of the line (also <c>#!</c> and <c># handle 4</c> of <c>nft -a</c>), a backslash before a newline joins two
/// lines, <c>;</c> and newline end a statement, braces and commas stand alone, <c>"…"</c> is a string.
/// Operators <c>==</c> <c>!=</c> <c>&lt;=</c> <c>&gt;=</c> <c>&lt;</c> <c>&gt;</c> <c>=</c> are words of their own even when
/// written against a value (<c>elements={</c>). Control characters are refused: they mean a binary file.
/// The bounds of <see cref="InputLimits"/> are held here, before anything recurses: a line longer than
/// <see cref="InputLimits.MaxLineLength"/>, and braces — or parentheses within a statement — nested deeper than
/// <see cref="InputLimits.MaxNesting"/>, are refused where they are written.
/// </summary>
internal static class NftTokenizer
{
    public static List<NftToken> Tokenize(string text, string file)
    {
        RefuseLongLines(text, file);
        var tokens = new List<NftToken>();
        var index = 0;
        var line = 1;
        var lineStart = 0;
        var braces = 0;
        // Parentheses are part of words ("(fin|syn)"): counted per statement, as no statement spans another.
        var parentheses = 0;
        while (index < text.Length)
        {
            var character = text[index];
            var column = index - lineStart + 1;
            switch (character)
            {
                case '\n':
                    tokens.Add(new NftToken(NftTokenKind.EndOfStatement, "\n", line, column));
                    index++;
                    line++;
                    lineStart = index;
                    parentheses = 0;
                    continue;
                case ' ' or '\t' or '\r' or '\f' or '\v':
                    index++;
                    continue;
                case '\\' when IsLineContinuation(text, index):
                    // The newline after the backslash is not an end of statement; count the line all the same.
                    index = text.IndexOf('\n', index) + 1;
                    line++;
                    lineStart = index;
                    continue;
                case '#':
                    while (index < text.Length && text[index] != '\n') index++;
                    continue;
                case ';':
                    tokens.Add(new NftToken(NftTokenKind.EndOfStatement, ";", line, column));
                    index++;
                    parentheses = 0;
                    continue;
                case '{':
                    if (++braces > InputLimits.MaxNesting) throw TooDeep(file, line, column);
                    tokens.Add(new NftToken(NftTokenKind.OpenBrace, "{", line, column));
                    index++;
                    continue;
                case '}':
                    // One '}' too many is the parser's to report, with what it closes.
                    if (braces > 0) braces--;
                    tokens.Add(new NftToken(NftTokenKind.CloseBrace, "}", line, column));
                    index++;
                    continue;
                case ',':
                    tokens.Add(new NftToken(NftTokenKind.Comma, ",", line, column));
                    index++;
                    continue;
                case '"':
                    tokens.Add(ReadString(text, ref index, line, column, file));
                    continue;
            }
            RefuseControlCharacter(character, file, line, column);
            var operatorLength = OperatorLength(text, index);
            if (operatorLength > 0)
            {
                tokens.Add(new NftToken(NftTokenKind.Word, text.Substring(index, operatorLength), line, column));
                index += operatorLength;
                continue;
            }
            var start = index;
            while (index < text.Length && !EndsWord(text, index))
            {
                RefuseControlCharacter(text[index], file, line, index - lineStart + 1);
                if (text[index] == '(' && ++parentheses > InputLimits.MaxNesting) throw TooDeep(file, line, index - lineStart + 1);
                if (text[index] == ')' && parentheses > 0) parentheses--;
                index++;
            }
            tokens.Add(new NftToken(NftTokenKind.Word, text[start..index], line, column));
        }
        return tokens;
    }

    /// <summary>Brackets inside each other beyond <see cref="InputLimits.MaxNesting"/>: refused at the first one too many.</summary>
    public static InputException TooDeep(string file, int line, int column) =>
        new(new SourceLocation(file, line, column), Messages.Format("NftTooDeep", InputLimits.MaxNesting));

    private static void RefuseLongLines(string text, string file)
    {
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            if (end - start > InputLimits.MaxLineLength)
            {
                throw new InputException(new SourceLocation(file, line, 1), Messages.Format("NftLineTooLong", InputLimits.MaxLineLength));
            }
            start = end + 1;
            line++;
        }
    }

    private static bool IsLineContinuation(string text, int index)
    {
        var next = index + 1;
        while (next < text.Length && text[next] is ' ' or '\t' or '\r') next++;
        return next < text.Length && text[next] == '\n';
    }

    private static NftToken ReadString(string text, ref int index, int line, int column, string file)
    {
        var value = new StringBuilder();
        index++;
        while (true)
        {
            if (index >= text.Length || text[index] == '\n')
            {
                throw new InputException(new SourceLocation(file, line, column), Messages.Format("NftUnclosedString"));
            }
            var character = text[index];
            if (character == '"')
            {
                index++;
                return new NftToken(NftTokenKind.QuotedString, value.ToString(), line, column);
            }
            if (character == '\\' && index + 1 < text.Length && text[index + 1] != '\n')
            {
                value.Append(text[index + 1]);
                index += 2;
                continue;
            }
            value.Append(character);
            index++;
        }
    }

    private static int OperatorLength(string text, int index)
    {
        var character = text[index];
        var next = index + 1 < text.Length ? text[index + 1] : '\0';
        return character switch
        {
            '=' or '<' or '>' => next == '=' ? 2 : 1,
            '!' when next == '=' => 2,
            _ => 0,
        };
    }

    private static bool EndsWord(string text, int index) =>
        text[index] switch
        {
            ' ' or '\t' or '\r' or '\n' or '\f' or '\v' or '{' or '}' or ';' or ',' or '"' or '#' or '=' or '<' or '>' => true,
            '!' => index + 1 < text.Length && text[index + 1] == '=',
            '\\' => IsLineContinuation(text, index),
            _ => false,
        };

    private static void RefuseControlCharacter(char character, string file, int line, int column)
    {
        if (char.IsControl(character) || character == '\uFFFD')
        {
            var code = ((int)character).ToString("X4", CultureInfo.InvariantCulture);
            throw new InputException(new SourceLocation(file, line, column),
                Messages.Format("NftUnexpectedCharacter", code));
        }
    }
}
