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
    public static IReadOnlyList<PowerShellCommand> Parse(ScriptLine line)
    {
        var tokens = PowerShellTokenizer.Tokenize(line);
        var commands = new List<PowerShellCommand>();
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && tokens[i].Kind != TokenKind.Semicolon) continue;
            if (i > start) commands.Add(Statement(line, tokens, start, i));
            start = i + 1;
        }
        return commands;
    }

    private static PowerShellCommand Statement(ScriptLine line, List<PowerShellToken> tokens, int start, int end)
    {
        // "$rule = New-NetFirewallRule …": the command is what is assigned.
        if (end - start > 2 && tokens[start] is { Kind: TokenKind.Word, Dynamic: true } variable && variable.Text.StartsWith('$')
            && tokens[start + 1] is { Kind: TokenKind.Word, Text: "=" } && tokens[start + 2] is { Kind: TokenKind.Word, Dynamic: false, Quoted: false } assigned
            && assigned.Text.Length > 0 && char.IsAsciiLetter(assigned.Text[0]) && assigned.Text.Contains('-'))
        {
            return Statement(line, tokens, start + 2, end);
        }
        var first = tokens[start];
        var lastIndex = end < tokens.Count ? tokens[end].Index : line.Text.Length;
        var text = line.Text[first.Index..lastIndex].Trim();
        var location = line.Locate(first.Index);
        if (first.Kind != TokenKind.Word || first.Dynamic || first.Quoted || !first.Text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
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
                case TokenKind.Parameter:
                    i++;
                    var values = ImmutableArray<ScriptValue>.Empty;
                    if (i < end && (tokens[i].Attached || tokens[i].Kind is TokenKind.Word or TokenKind.Open)) values = Values(line, tokens, ref i, end);
                    parameters.Add(new ScriptParameter(token.Text, values, line.Locate(token.Index)));
                    break;
                case TokenKind.Word or TokenKind.Open:
                    positional.AddRange(Values(line, tokens, ref i, end));
                    break;
                case TokenKind.Pipe:
                    i++;
                    if (i >= end || tokens[i].Kind != TokenKind.Word) throw new InputException(line.Locate(token.Index), Messages.Format("PsMissingPipedCommand"));
                    piped.Add(tokens[i].Text);
                    // What the piped command is given does not change which rules exist, unless it is a firewall command,
                    // which the reader then reports on its own; skip its arguments.
                    i++;
                    while (i < end && tokens[i].Kind != TokenKind.Pipe) i++;
                    break;
                default:
                    throw new InputException(line.Locate(token.Index), Messages.Format("PsUnexpectedToken", InputEcho.Escape(token.Text), InputEcho.Escape(first.Text)));
            }
        }
        return new PowerShellCommand(first.Text, location, parameters.ToImmutable(), positional.ToImmutable(), piped.ToImmutable(), text);
    }

    /// <summary>
    /// One value or a comma list of values. <c>( … )</c> is an expression, computed when the script runs; so is an
    /// <c>@( … )</c> that holds more than a comma list of plain values (a command, a range).
    /// </summary>
    private static ImmutableArray<ScriptValue> Values(ScriptLine line, List<PowerShellToken> tokens, ref int i, int end)
    {
        var values = ImmutableArray.CreateBuilder<ScriptValue>();
        while (i < end)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Open)
            {
                var depth = 1;
                var inner = new List<PowerShellToken>();
                i++;
                while (i < end && depth > 0)
                {
                    if (tokens[i].Kind == TokenKind.Open) depth++;
                    else if (tokens[i].Kind == TokenKind.Close) depth--;
                    if (depth > 0) inner.Add(tokens[i]);
                    i++;
                }
                if (depth > 0) throw new InputException(line.Locate(token.Index), Messages.Format("PsUnclosedParen", InputEcho.Escape(token.Text)));
                if (token.Text == "@(" && IsPlainList(inner)) values.AddRange(inner.Where(t => t.Kind == TokenKind.Word).Select(t => Value(line, t)));
                else values.Add(new ScriptValue(line.Text[token.Index..(tokens[i - 1].Index + 1)], true, line.Locate(token.Index)));
            }
            else if (token.Kind == TokenKind.Word)
            {
                values.Add(Value(line, token));
                i++;
            }
            else
            {
                throw new InputException(line.Locate(token.Index), Messages.Format("PsValueMissingBefore", InputEcho.Escape(token.Text)));
            }
            if (i < end && tokens[i].Kind == TokenKind.Comma)
            {
                i++;
                if (i >= end) throw new InputException(line.Locate(tokens[i - 1].Index), Messages.Format("PsValueMissingAfterComma"));
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
    private static bool IsPlainList(List<PowerShellToken> inner) =>
        inner.Count == 0 || (inner.Count % 2 == 1 && inner.Select((t, n) => n % 2 == 0
            ? t.Kind == TokenKind.Word && (t.Quoted || (t.Text.Length > 0 && t.Text.All(char.IsAsciiDigit)))
            : t.Kind == TokenKind.Comma).All(ok => ok));

    /// <summary>A word as a value; <c>80..90</c> is PowerShell's range operator, computed when the script runs.</summary>
    private static ScriptValue Value(ScriptLine line, PowerShellToken token) =>
        new(token.Text, token.Dynamic || (!token.Quoted && token.Text.Contains("..", StringComparison.Ordinal)), line.Locate(token.ValueIndex));
}
