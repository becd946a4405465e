using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Applies <c>define NAME = value</c>, <c>redefine</c> and <c>undefine</c> the way <c>nft -f</c> does, in file
/// order: every later <c>$NAME</c> is replaced by the value's tokens (a word, an address, or a whole
/// <c>{ … }</c> set, possibly over several lines). The definitions themselves disappear from the stream.
/// Definitions are global here, where nft scopes those written inside a table block to it; a script that
/// reuses a name with different values in two tables is read with the later value — rare enough to accept.
/// </summary>
internal static class NftVariables
{
    public static List<NftToken> Expand(IReadOnlyList<NftToken> tokens, string file)
    {
        var definitions = new Dictionary<string, List<NftToken>>(StringComparer.Ordinal);
        var output = new List<NftToken>(tokens.Count);
        var atStatementStart = true;
        var index = 0;
        while (index < tokens.Count)
        {
            var token = tokens[index];
            if (atStatementStart && (token.Is("define") || token.Is("redefine")))
            {
                index = Define(tokens, index, definitions, file);
                continue;
            }
            if (atStatementStart && token.Is("undefine"))
            {
                var name = NameAfter(tokens, index, file);
                if (!definitions.Remove(name.Text))
                {
                    throw new InputException(name.Location(file), $"'{name.Text}' is not defined, so it cannot be undefined");
                }
                index += 2;
                continue;
            }
            if (token.IsWord && token.Text.Length > 1 && token.Text[0] == '$')
            {
                output.AddRange(Substitute(token, definitions, file));
                atStatementStart = false;
                index++;
                continue;
            }
            output.Add(token);
            atStatementStart = token.Kind is NftTokenKind.EndOfStatement or NftTokenKind.OpenBrace or NftTokenKind.CloseBrace;
            index++;
        }
        return output;
    }

    private static int Define(IReadOnlyList<NftToken> tokens, int index, Dictionary<string, List<NftToken>> definitions, string file)
    {
        var keyword = tokens[index];
        var name = NameAfter(tokens, index, file);
        var equals = index + 2 < tokens.Count ? tokens[index + 2] : null;
        if (equals is null || !equals.Is("="))
        {
            var where = equals ?? name;
            throw new InputException(where.Location(file), $"'{keyword.Text} {name.Text}' must be followed by '=' and a value");
        }
        var value = new List<NftToken>();
        var depth = 0;
        var position = index + 3;
        for (; position < tokens.Count; position++)
        {
            var token = tokens[position];
            if (token.Kind == NftTokenKind.EndOfStatement && depth == 0) break;
            if (token.Kind == NftTokenKind.OpenBrace) depth++;
            if (token.Kind == NftTokenKind.CloseBrace)
            {
                if (depth == 0) break;
                depth--;
            }
            if (token.IsWord && token.Text.Length > 1 && token.Text[0] == '$')
            {
                value.AddRange(Substitute(token, definitions, file));
                continue;
            }
            value.Add(token);
        }
        if (depth > 0)
        {
            throw new InputException(keyword.Location(file), $"the value of '{name.Text}' opens a '{{' that is never closed");
        }
        if (value.Count == 0)
        {
            throw new InputException(equals.Location(file), $"'{keyword.Text} {name.Text}' has no value after '='");
        }
        definitions[name.Text] = value;
        return position;
    }

    private static NftToken NameAfter(IReadOnlyList<NftToken> tokens, int index, string file)
    {
        var keyword = tokens[index];
        var name = index + 1 < tokens.Count ? tokens[index + 1] : null;
        if (name is null || !name.IsWord || name.Text.StartsWith('$'))
        {
            throw new InputException((name ?? keyword).Location(file), $"'{keyword.Text}' must be followed by a variable name");
        }
        return name;
    }

    private static IEnumerable<NftToken> Substitute(NftToken use, Dictionary<string, List<NftToken>> definitions, string file)
    {
        var name = use.Text[1..];
        if (!definitions.TryGetValue(name, out var value))
        {
            throw new InputException(use.Location(file), $"variable ${name} is not defined (a 'define {name} = …' must come before its use)");
        }
        return value.Select(token => token.SubstitutedAt(use));
    }
}
