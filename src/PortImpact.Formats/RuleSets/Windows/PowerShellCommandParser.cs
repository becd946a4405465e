using System.Collections.Immutable;
using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>A value as written: its text once quotes are taken off, and whether it is computed when the script runs.</summary>
internal sealed record ScriptValue(string Text, bool Dynamic, SourceLocation Location);

/// <summary>A parameter as written (<c>-Name value, value</c>); a switch has no values.</summary>
internal sealed record ScriptParameter(string Name, ImmutableArray<ScriptValue> Values, SourceLocation Location);

/// <summary>
/// One PowerShell command: its name, named parameters, positional values, and the commands its output is piped
/// to. <see cref="Name"/> is empty for a statement that is not a command call (an assignment of a value, a brace).
/// </summary>
internal sealed record PowerShellCommand(
    string Name,
    SourceLocation Location,
    ImmutableArray<ScriptParameter> Parameters,
    ImmutableArray<ScriptValue> Positional,
    ImmutableArray<string> PipedTo,
    string Text);

/// <summary>
/// Splits a logical PowerShell line into commands: statements at <c>;</c>, pipelines at <c>|</c>, and within a
/// command the parameters (<c>-Name</c>, <c>-Name:value</c>) and values — bare words, <c>'single'</c> and
/// <c>"double"</c> quoted strings, comma lists and <c>@( … )</c> arrays. Redirections (<c>&gt; $null</c>,
/// <c>2&gt;&amp;1</c>) and inline <c>&lt;# … #&gt;</c> comments are dropped. Variables, subexpressions
/// (<c>$( … )</c>), splatting (<c>@params</c>), ranges (<c>80..90</c>) and arrays that hold anything but a plain list
/// are not evaluated: such a value is <see cref="ScriptValue.Dynamic"/> (except <c>$true</c> and <c>$false</c>).
/// </summary>
internal static class PowerShellCommandParser
{
    private enum Kind { Word, Parameter, Comma, Pipe, Semicolon, Open, Close }

    private sealed record Token(Kind Kind, string Text, bool Dynamic, int Index, bool Attached = false, bool Quoted = false)
    {
        /// <summary>Where the value's own text starts: after the opening quote of a quoted string.</summary>
        public int ValueIndex => Quoted ? Index + 1 : Index;
    }

    public static IReadOnlyList<PowerShellCommand> Parse(ScriptLine line)
    {
        var tokens = Tokenize(line);
        var commands = new List<PowerShellCommand>();
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && tokens[i].Kind != Kind.Semicolon) continue;
            if (i > start) commands.Add(Statement(line, tokens, start, i));
            start = i + 1;
        }
        return commands;
    }

    private static PowerShellCommand Statement(ScriptLine line, List<Token> tokens, int start, int end)
    {
        // "$rule = New-NetFirewallRule …": the command is what is assigned.
        if (end - start > 2 && tokens[start] is { Kind: Kind.Word, Dynamic: true } variable && variable.Text.StartsWith('$')
            && tokens[start + 1] is { Kind: Kind.Word, Text: "=" } && tokens[start + 2] is { Kind: Kind.Word, Dynamic: false, Quoted: false } assigned
            && assigned.Text.Length > 0 && char.IsAsciiLetter(assigned.Text[0]) && assigned.Text.Contains('-'))
        {
            return Statement(line, tokens, start + 2, end);
        }
        var first = tokens[start];
        var lastIndex = end < tokens.Count ? tokens[end].Index : line.Text.Length;
        var text = line.Text[first.Index..lastIndex].Trim();
        var location = line.Locate(first.Index);
        if (first.Kind != Kind.Word || first.Dynamic || first.Quoted || !first.Text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return new PowerShellCommand("", location, [], [], [], text);
        }
        var parameters = ImmutableArray.CreateBuilder<ScriptParameter>();
        var positional = ImmutableArray.CreateBuilder<ScriptValue>();
        var piped = ImmutableArray.CreateBuilder<string>();
        var i = start + 1;
        while (i < end)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case Kind.Parameter:
                    i++;
                    var values = ImmutableArray<ScriptValue>.Empty;
                    if (i < end && (tokens[i].Attached || tokens[i].Kind is Kind.Word or Kind.Open)) values = Values(line, tokens, ref i, end);
                    parameters.Add(new ScriptParameter(token.Text, values, line.Locate(token.Index)));
                    break;
                case Kind.Word or Kind.Open:
                    positional.AddRange(Values(line, tokens, ref i, end));
                    break;
                case Kind.Pipe:
                    i++;
                    if (i >= end || tokens[i].Kind != Kind.Word) throw new InputException(line.Locate(token.Index), "a command is missing after '|'");
                    piped.Add(tokens[i].Text);
                    // What the piped command is given does not change which rules exist, unless it is a firewall command,
                    // which the reader then reports on its own; skip its arguments.
                    i++;
                    while (i < end && tokens[i].Kind != Kind.Pipe) i++;
                    break;
                default:
                    throw new InputException(line.Locate(token.Index), $"unexpected {InputEcho.Quote(token.Text)} in the {InputEcho.Escape(first.Text)} command");
            }
        }
        return new PowerShellCommand(first.Text, location, parameters.ToImmutable(), positional.ToImmutable(), piped.ToImmutable(), text);
    }

    /// <summary>
    /// One value or a comma list of values. <c>( … )</c> is an expression, computed when the script runs; so is an
    /// <c>@( … )</c> that holds more than a comma list of plain values (a command, a range).
    /// </summary>
    private static ImmutableArray<ScriptValue> Values(ScriptLine line, List<Token> tokens, ref int i, int end)
    {
        var values = ImmutableArray.CreateBuilder<ScriptValue>();
        while (i < end)
        {
            var token = tokens[i];
            if (token.Kind == Kind.Open)
            {
                var depth = 1;
                var inner = new List<Token>();
                i++;
                while (i < end && depth > 0)
                {
                    if (tokens[i].Kind == Kind.Open) depth++;
                    else if (tokens[i].Kind == Kind.Close) depth--;
                    if (depth > 0) inner.Add(tokens[i]);
                    i++;
                }
                if (depth > 0) throw new InputException(line.Locate(token.Index), $"{InputEcho.Quote(token.Text)} is not closed by ')'");
                if (token.Text == "@(" && IsPlainList(inner)) values.AddRange(inner.Where(t => t.Kind == Kind.Word).Select(t => Value(line, t)));
                else values.Add(new ScriptValue(line.Text[token.Index..(tokens[i - 1].Index + 1)], true, line.Locate(token.Index)));
            }
            else if (token.Kind == Kind.Word)
            {
                values.Add(Value(line, token));
                i++;
            }
            else
            {
                throw new InputException(line.Locate(token.Index), $"a value is missing before {InputEcho.Quote(token.Text)}");
            }
            if (i < end && tokens[i].Kind == Kind.Comma)
            {
                i++;
                if (i >= end) throw new InputException(line.Locate(tokens[i - 1].Index), "a value is missing after ','");
                continue;
            }
            break;
        }
        return values.ToImmutable();
    }

    /// <summary>
    /// Nothing, or quoted strings and numbers separated by commas: <c>@('135', '445')</c>, <c>@(135, 445)</c>. Inside
    /// <c>@( )</c> PowerShell parses expressions, so a bare word there runs a command and <c>137-139</c> is a subtraction.
    /// </summary>
    private static bool IsPlainList(List<Token> inner) =>
        inner.Count == 0 || (inner.Count % 2 == 1 && inner.Select((t, n) => n % 2 == 0
            ? t.Kind == Kind.Word && (t.Quoted || (t.Text.Length > 0 && t.Text.All(char.IsAsciiDigit)))
            : t.Kind == Kind.Comma).All(ok => ok));

    /// <summary>A word as a value; <c>80..90</c> is PowerShell's range operator, computed when the script runs.</summary>
    private static ScriptValue Value(ScriptLine line, Token token) =>
        new(token.Text, token.Dynamic || (!token.Quoted && token.Text.Contains("..", StringComparison.Ordinal)), line.Locate(token.ValueIndex));

    private static List<Token> Tokenize(ScriptLine line)
    {
        var s = line.Text;
        var tokens = new List<Token>();
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
                    tokens.Add(new Token(Kind.Comma, ",", false, i++));
                    continue;
                case '|':
                    tokens.Add(new Token(Kind.Pipe, "|", false, i++));
                    continue;
                case ';':
                    tokens.Add(new Token(Kind.Semicolon, ";", false, i++));
                    continue;
                case ')':
                    tokens.Add(new Token(Kind.Close, ")", false, i++));
                    continue;
                case '(':
                    tokens.Add(new Token(Kind.Open, "(", false, i++, attached));
                    attached = false;
                    continue;
                case '@' when i + 1 < s.Length && s[i + 1] == '(':
                    tokens.Add(new Token(Kind.Open, "@(", false, i, attached));
                    attached = false;
                    i += 2;
                    continue;
                case '-' when i + 1 < s.Length && char.IsAsciiLetter(s[i + 1]):
                    i++;
                    while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
                    tokens.Add(new Token(Kind.Parameter, s[(start + 1)..i], false, start));
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
            tokens.Add(new Token(Kind.Word, text, dynamic, start, attached, Quoted: c is '\'' or '"'));
            attached = false;
        }
        if (attached) throw new InputException(line.Locate(s.Length), "a value is missing after ':'");
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
        if (i >= s.Length) throw new InputException(line.Locate(i), "a redirection needs a target");
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
            if (i >= s.Length) throw new InputException(line.Locate(start), "a quoted string is not closed by '");
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
            if (i >= s.Length) throw new InputException(line.Locate(start), "a quoted string is not closed by \"");
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
            if (i >= s.Length) throw new InputException(line.Locate(start), "'$(' is not closed by ')'");
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
