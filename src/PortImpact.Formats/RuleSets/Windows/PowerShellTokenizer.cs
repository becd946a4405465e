using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>What a token is: a value word, a -Parameter, or punctuation that ends, joins or groups values.</summary>
internal enum TokenKind { Word, Parameter, Comma, Pipe, Semicolon, Open, Close }

/// <summary>A token at <see cref="Index"/> of its line; <see cref="Attached"/> when it follows <c>-Name:</c> with no space.</summary>
internal sealed record PowerShellToken(TokenKind Kind, string Text, bool Dynamic, int Index, bool Attached = false, bool Quoted = false)
{
    /// <summary>Where the value's own text starts: after the opening quote of a quoted string.</summary>
    public int ValueIndex => Quoted ? Index + 1 : Index;
}

/// <summary>
/// Splits a logical PowerShell line into tokens: bare words, <c>'single'</c> and <c>"double"</c> quoted strings
/// (with their escapes), variables and subexpressions (<c>$x</c>, <c>$env:X</c>, <c>$( … )</c>, splats <c>@x</c>),
/// parameters (<c>-Name</c>, <c>-Name:value</c>), commas, pipes, semicolons and parentheses. Redirections
/// (<c>&gt; $null</c>, <c>2&gt;&amp;1</c>), inline <c>&lt;# … #&gt;</c> comments and what follows a <c>#</c> are dropped.
/// </summary>
internal static class PowerShellTokenizer
{
    public static List<PowerShellToken> Tokenize(ScriptLine line)
    {
        var s = line.Text;
        var tokens = new List<PowerShellToken>();
        var i = 0;
        var attached = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (c == '<' && i + 1 < s.Length && s[i + 1] == '#')
            {
                var close = s.IndexOf("#>", i + 2, StringComparison.Ordinal);
                if (close < 0) return tokens;
                i = close + 2;
                continue;
            }
            if (Redirection(s, i) is { } redirection)
            {
                i = SkipRedirection(line, i, redirection);
                continue;
            }
            switch (c)
            {
                case '#':
                    return tokens;
                case ',':
                    tokens.Add(new PowerShellToken(TokenKind.Comma, ",", false, i++));
                    continue;
                case '|':
                    tokens.Add(new PowerShellToken(TokenKind.Pipe, "|", false, i++));
                    continue;
                case ';':
                    tokens.Add(new PowerShellToken(TokenKind.Semicolon, ";", false, i++));
                    continue;
                case ')':
                    tokens.Add(new PowerShellToken(TokenKind.Close, ")", false, i++));
                    continue;
                case '(':
                    tokens.Add(new PowerShellToken(TokenKind.Open, "(", false, i++, attached));
                    attached = false;
                    continue;
                case '@' when i + 1 < s.Length && s[i + 1] == '(':
                    tokens.Add(new PowerShellToken(TokenKind.Open, "@(", false, i, attached));
                    attached = false;
                    i += 2;
                    continue;
                case '-' when i + 1 < s.Length && char.IsAsciiLetter(s[i + 1]):
                    i++;
                    while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
                    tokens.Add(new PowerShellToken(TokenKind.Parameter, s[(start + 1)..i], false, start));
                    if (i < s.Length && s[i] == ':')
                    {
                        i++;
                        attached = true;
                    }
                    continue;
            }
            var (text, dynamic) = c switch
            {
                '\'' => SingleQuoted(line, ref i),
                '"' => DoubleQuoted(line, ref i),
                '$' => Variable(line, ref i),
                // @params: splatting, a hashtable of parameters built when the script runs.
                '@' when i + 1 < s.Length && char.IsAsciiLetter(s[i + 1]) => Variable(line, ref i),
                _ => Bare(s, ref i),
            };
            tokens.Add(new PowerShellToken(TokenKind.Word, text, dynamic, start, attached, Quoted: c is '\'' or '"'));
            attached = false;
        }
        if (attached) throw new InputException(line.Locate(s.Length), Messages.Format("PsValueMissingAfterColon"));
        return tokens;
    }

    /// <summary>The length of a redirection operator at <paramref name="i"/> (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>2&gt;</c>, <c>*&gt;&amp;1</c>), or null.</summary>
    private static int? Redirection(string s, int i)
    {
        var j = i;
        if (j < s.Length && (char.IsAsciiDigit(s[j]) || s[j] == '*') && j + 1 < s.Length && s[j + 1] == '>') j++;
        if (j >= s.Length || s[j] != '>') return null;
        if (j > i && i > 0 && !char.IsWhiteSpace(s[i - 1])) return null;
        j++;
        if (j < s.Length && s[j] == '>') j++;
        if (j + 1 < s.Length && s[j] == '&' && char.IsAsciiDigit(s[j + 1])) j += 2;
        return j - i;
    }

    /// <summary>Skips a redirection and, unless it goes to another stream (<c>2&gt;&amp;1</c>), its target.</summary>
    private static int SkipRedirection(ScriptLine line, int i, int length)
    {
        var s = line.Text;
        var toStream = s[i + length - 1] != '>' && s[i + length - 2] == '&';
        i += length;
        if (toStream) return i;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        if (i >= s.Length) throw new InputException(line.Locate(i), Messages.Format("PsRedirectionNeedsTarget"));
        _ = s[i] switch
        {
            '\'' => SingleQuoted(line, ref i),
            '"' => DoubleQuoted(line, ref i),
            '$' => Variable(line, ref i),
            _ => Bare(s, ref i),
        };
        return i;
    }

    private static (string, bool) SingleQuoted(ScriptLine line, ref int i)
    {
        var s = line.Text;
        var start = i++;
        var text = new StringBuilder();
        while (true)
        {
            if (i >= s.Length) throw new InputException(line.Locate(start), Messages.Format("PsUnclosedSingleQuote"));
            if (s[i] == '\'')
            {
                if (i + 1 < s.Length && s[i + 1] == '\'')
                {
                    text.Append('\'');
                    i += 2;
                    continue;
                }
                i++;
                return (text.ToString(), false);
            }
            text.Append(s[i++]);
        }
    }

    private static (string, bool) DoubleQuoted(ScriptLine line, ref int i)
    {
        var s = line.Text;
        var start = i++;
        var text = new StringBuilder();
        var dynamic = false;
        while (true)
        {
            if (i >= s.Length) throw new InputException(line.Locate(start), Messages.Format("PsUnclosedDoubleQuote"));
            var c = s[i];
            if (c == '`' && i + 1 < s.Length)
            {
                text.Append(s[i + 1] switch { 'n' => '\n', 't' => '\t', '0' => '\0', var other => other });
                i += 2;
                continue;
            }
            if (c == '"')
            {
                if (i + 1 < s.Length && s[i + 1] == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }
                i++;
                return (text.ToString(), dynamic);
            }
            // "$name" and "$( … )" expand when the script runs.
            if (c == '$' && i + 1 < s.Length && (char.IsAsciiLetterOrDigit(s[i + 1]) || s[i + 1] is '(' or '{' or '_')) dynamic = true;
            text.Append(c);
            i++;
        }
    }

    /// <summary>A variable (<c>$name</c>, <c>$env:X</c>, with any property or index after it), <c>$( … )</c>, or a splat <c>@name</c>.</summary>
    private static (string, bool) Variable(ScriptLine line, ref int i)
    {
        var s = line.Text;
        var start = i++;
        if (i < s.Length && s[i] == '(')
        {
            var depth = 0;
            for (; i < s.Length; i++)
            {
                if (s[i] == '(') depth++;
                else if (s[i] == ')' && --depth == 0) break;
            }
            if (i >= s.Length) throw new InputException(line.Locate(start), Messages.Format("PsUnclosedSubexpression"));
            i++;
            return (s[start..i], true);
        }
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or ':')) i++;
        var name = s[start..i];
        if (name.Equals("$true", StringComparison.OrdinalIgnoreCase)) return ("True", false);
        if (name.Equals("$false", StringComparison.OrdinalIgnoreCase)) return ("False", false);
        // A property or method on the variable ($rule.Name, $x[0]) is part of the same expression.
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not (',' or ';' or '|' or ')' or '=')) i++;
        return (s[start..i], true);
    }

    private static (string, bool) Bare(string s, ref int i)
    {
        var start = i;
        // "=" stands alone: "$rule=New-NetFirewallRule" is an assignment like "$rule = New-NetFirewallRule".
        if (s[i] == '=')
        {
            i++;
            return (s[start..i], false);
        }
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not (',' or ';' or '|' or '(' or ')' or '\'' or '"' or '=')) i++;
        if (i == start) i++;
        return (s[start..i], false);
    }
}
