using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Applies <c>define NAME = value</c>, <c>redefine</c> and <c>undefine</c> the way <c>nft -f</c> does, in file
/// order: every later <c>$NAME</c> is replaced by the value's tokens (a word, an address, or a whole
/// <c>{ … }</c> set, possibly over several lines). The definitions themselves disappear from the stream.
/// Definitions are global here, where nft scopes those written inside a table block to it; a script that
/// reuses a name with different values in two tables is read with the later value — rare enough to accept.
/// <para>
/// A value is expanded when it is defined, so a definition can only use names defined before it: one that
/// uses its own name, or two that use each other, name a variable not yet defined and are refused there.
/// Definitions built on others can still double at every step (<c>define v2 = { $v1, $v1 }</c>), so every
/// token a substitution copies counts against <see cref="InputLimits.MaxExpansion"/> for the whole file, and
/// the use that goes past it is refused before the copy is made.
/// </para>
/// </summary>
internal static class NftVariables
{
    public static List<NftToken> Expand(IReadOnlyList<NftToken> tokens, string file)
    {
        var definitions = new Dictionary<string, List<NftToken>>(StringComparer.Ordinal);
        var budget = new ExpansionBudget();
        var output = new List<NftToken>(tokens.Count);
        var atStatementStart = true;
        var index = 0;
        while (index < tokens.Count)
        {
            var token = tokens[index];
            if (atStatementStart && (token.Is("define") || token.Is("redefine")))
            {
                index = Define(tokens, index, definitions, budget, file);
                continue;
            }
            if (atStatementStart && token.Is("undefine"))
            {
                var name = NameAfter(tokens, index, file);
                if (!definitions.Remove(name.Text))
                {
                    throw new InputException(name.Location(file), Messages.Format("NftUndefineUnknown", InputEcho.Escape(name.Text)));
                }
                index += 2;
                continue;
            }
            if (token.IsWord && token.Text.Length > 1 && token.Text[0] == '$')
            {
                output.AddRange(Substitute(token, definitions, budget, file, definedNow: null));
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

    private static int Define(IReadOnlyList<NftToken> tokens, int index, Dictionary<string, List<NftToken>> definitions, ExpansionBudget budget, string file)
    {
        var keyword = tokens[index];
        var name = NameAfter(tokens, index, file);
        var equals = index + 2 < tokens.Count ? tokens[index + 2] : null;
        if (equals is null || !equals.Is("="))
        {
            var where = equals ?? name;
            throw new InputException(where.Location(file), Messages.Format("NftDefineNeedsEquals", InputEcho.Escape($"{keyword.Text} {name.Text}")));
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
                value.AddRange(Substitute(token, definitions, budget, file, definedNow: name.Text));
                continue;
            }
            value.Add(token);
        }
        if (depth > 0)
        {
            throw new InputException(keyword.Location(file), Messages.Format("NftDefineUnclosedBrace", InputEcho.Escape(name.Text)));
        }
        if (value.Count == 0)
        {
            throw new InputException(equals.Location(file), Messages.Format("NftDefineNoValue", InputEcho.Escape($"{keyword.Text} {name.Text}")));
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
            throw new InputException((name ?? keyword).Location(file), Messages.Format("NftDefineNeedsName", InputEcho.Escape(keyword.Text)));
        }
        return name;
    }

    /// <param name="definedNow">The name whose value is being read, when the use is inside a <c>define</c>.</param>
    private static IEnumerable<NftToken> Substitute(NftToken use, Dictionary<string, List<NftToken>> definitions, ExpansionBudget budget, string file, string? definedNow)
    {
        var name = use.Text[1..];
        if (!definitions.TryGetValue(name, out var value))
        {
            if (name == definedNow)
            {
                throw new InputException(use.Location(file),
                    Messages.Format("NftVariableSelfReference", InputEcho.Escape(name)));
            }
            throw new InputException(use.Location(file),
                Messages.Format("NftVariableUndefined", InputEcho.Escape(name)));
        }
        budget.Spend(value.Count, use, file);
        return value.Select(token => token.SubstitutedAt(use));
    }

    /// <summary>The tokens substitutions may still copy in this file.</summary>
    private sealed class ExpansionBudget
    {
        private long _spent;

        public void Spend(int tokens, NftToken use, string file)
        {
            _spent += tokens;
            if (_spent > InputLimits.MaxExpansion)
            {
                throw new InputException(use.Location(file), Messages.Format("NftVariablesExpandTooFar", InputEcho.Escape(use.Text), InputLimits.MaxExpansion));
            }
        }
    }
}
