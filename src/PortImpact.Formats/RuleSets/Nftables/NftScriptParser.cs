using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Runs the commands of an nftables script in order — the block form <c>table … { chain … { … } }</c> that
/// <c>nft list ruleset</c> prints and the command form <c>add table</c>, <c>add chain</c>, <c>add rule</c>,
/// <c>insert rule</c>, <c>add element</c> of shell scripts — into an <see cref="NftRulesetSyntax"/>.
/// <c>flush ruleset</c> forgets everything before it (as loading the file on a host does); <c>flush table</c>
/// and <c>flush chain</c> empty chains; <c>delete table</c>/<c>chain</c> remove them. <c>include</c> cannot be
/// followed (the other file is not given) and is reported as leaving the chains uncertain. Commands that
/// only show or reset state (<c>list</c>, <c>reset</c>, <c>monitor</c> …) are reported as skipped; commands
/// that change rules by handle (<c>replace rule</c>, <c>delete rule</c>, <c>rename chain</c>) as uncertain.
/// A keyword nft does not know at the top of the file or of a table is bad input.
/// </summary>
internal sealed partial class NftScriptParser
{
    public static readonly ImmutableHashSet<string> Families = ["ip", "ip6", "inet", "arp", "bridge", "netdev"];

    private static readonly ImmutableHashSet<string> ChainTypes = ["filter", "nat", "route"];
    private static readonly ImmutableHashSet<string> Hooks = ["prerouting", "input", "forward", "output", "postrouting", "ingress", "egress"];
    private static readonly ImmutableHashSet<string> ObjectKinds = ["counter", "quota", "limit", "secmark", "synproxy", "flowtable", "ct", "tunnel"];
    private static readonly ImmutableHashSet<string> ShowingCommands = ["list", "reset", "monitor", "describe", "export", "import", "get"];

    /// <summary>The standard priority names (nft(8), "CHAINS"); the bridge family has its own values.</summary>
    private static readonly ImmutableDictionary<string, int> IpPriorities = new Dictionary<string, int>
    {
        ["raw"] = -300, ["mangle"] = -150, ["dstnat"] = -100, ["filter"] = 0, ["security"] = 50, ["srcnat"] = 100,
    }.ToImmutableDictionary();

    private static readonly ImmutableDictionary<string, int> BridgePriorities = new Dictionary<string, int>
    {
        ["dstnat"] = -300, ["filter"] = -200, ["out"] = 100, ["srcnat"] = 300,
    }.ToImmutableDictionary();

    private static readonly ImmutableDictionary<string, int> FilterOnlyPriorities = new Dictionary<string, int> { ["filter"] = 0 }.ToImmutableDictionary();

    private readonly NftCursor _cursor;
    private readonly string _file;
    private readonly NftRulesetSyntax _ruleset = new();
    private readonly List<NotUnderstood> _notes = [];

    private NftScriptParser(NftCursor cursor, string file)
    {
        _cursor = cursor;
        _file = file;
    }

    /// <summary>The ruleset the script leaves, and what the script does that is not read (script-level notes).</summary>
    public static (NftRulesetSyntax Ruleset, List<NotUnderstood> Notes) Parse(IReadOnlyList<NftToken> tokens, string file, SourceLocation end)
    {
        var parser = new NftScriptParser(new NftCursor(tokens, file, end), file);
        parser.ParseScript();
        return (parser._ruleset, parser._notes);
    }

    [GeneratedRegex(@"^(?:(?<name>[a-z]+)(?<offset>[+-]\d+)?|(?<number>[+-]?\d+))$")]
    private static partial Regex PriorityPattern();

    private void ParseScript()
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) return;
            var keyword = _cursor.Next("a statement");
            if (keyword.Kind == NftTokenKind.CloseBrace) throw _cursor.Error(keyword, "unexpected '}': it closes no block (one '}' too many)");
            if (!keyword.IsWord) throw _cursor.Error(keyword, $"expected a statement, found {InputEcho.Quote(keyword.Display)}");
            ParseCommand(keyword);
            EndOfStatement(keyword);
        }
    }

    private void ParseCommand(NftToken keyword)
    {
        switch (keyword.Text)
        {
            case "add" or "create":
                var what = _cursor.Next($"what to {keyword.Text} (table, chain, rule, set, map, element …)");
                if (!what.IsWord || !ParseDeclaration(what)) throw _cursor.Error(what, $"cannot {keyword.Text} {InputEcho.Quote(what.Display)}; expected table, chain, rule, set, map, element or a named object");
                return;
            case "insert":
                var rule = _cursor.Next("'rule'");
                if (!rule.Is("rule")) throw _cursor.Error(rule, $"only rules can be inserted, found {InputEcho.Quote(rule.Display)}");
                ParseRuleCommand(rule, insert: true);
                return;
            case "flush":
                ParseFlush(keyword);
                return;
            case "delete" or "destroy":
                ParseDelete(keyword);
                return;
            case "include":
                var included = _cursor.NextValue("the file to include");
                _notes.Add(new NotUnderstood(keyword.Location(_file), "include", $"include {included.Display}", NotUnderstoodEffect.ChainUncertain));
                return;
            case "replace" or "rename":
                var changed = _cursor.TakeStatement(keyword);
                _notes.Add(new NotUnderstood(keyword.Location(_file), $"{keyword.Text} {changed.FirstOrDefault()?.Text}".TrimEnd(),
                    NftText.Join([keyword, .. changed]), NotUnderstoodEffect.ChainUncertain));
                return;
        }
        if (ShowingCommands.Contains(keyword.Text))
        {
            var shown = _cursor.TakeStatement(keyword);
            _notes.Add(new NotUnderstood(keyword.Location(_file), keyword.Text, NftText.Join([keyword, .. shown]), NotUnderstoodEffect.Skipped));
            return;
        }
        if (!ParseDeclaration(keyword))
        {
            throw _cursor.Error(keyword,
                $"unknown statement {InputEcho.Quote(keyword.Text)}; expected table, chain, rule, set, map, element, add, insert, flush, delete, define or include");
        }
    }

    /// <summary>The objects <c>add</c> creates, also written without it. False when the keyword is none of them.</summary>
    private bool ParseDeclaration(NftToken what)
    {
        switch (what.Text)
        {
            case "table":
                ParseTableCommand(what);
                return true;
            case "chain":
                ParseChainCommand(what);
                return true;
            case "rule":
                ParseRuleCommand(what, insert: false);
                return true;
            case "set" or "map":
                var setTable = ReadTableReference(what);
                var set = DeclareSet(setTable, _cursor.NextValue($"the {what.Text}'s name"), what);
                ParseSetBody(setTable, set, _cursor.Expect(NftTokenKind.OpenBrace, $"'{{' and the {what.Text}'s definition"));
                return true;
            case "element":
                var elementTable = ReadTableReference(what);
                var setName = _cursor.NextValue("the set's name");
                if (!elementTable.Sets.TryGetValue(setName.Text, out var target))
                {
                    throw _cursor.Error(setName, $"set {InputEcho.Quote(setName.Text)} does not exist in table {InputEcho.Escape(elementTable.QualifiedName)}");
                }
                var elements = _cursor.ReadValue("the elements in '{ … }'", allowList: false);
                if (elements is not NftSetValue { Braced: true } braced) throw _cursor.Error(elements.Start, "elements must be given in '{ … }'");
                target.Elements.AddRange(braced.Elements);
                NoteSkippedElementStatements(elementTable, target);
                return true;
        }
        if (!ObjectKinds.Contains(what.Text)) return false;
        var objectTokens = _cursor.TakeStatement(what);
        _notes.Add(new NotUnderstood(what.Location(_file), ObjectConstruct(what, objectTokens), NftText.Join([what, .. objectTokens]), NotUnderstoodEffect.Skipped));
        return true;
    }

    private void ParseTableCommand(NftToken keyword)
    {
        var family = ReadFamily();
        var name = _cursor.NextValue("the table's name");
        var table = _ruleset.FindTable(family, name.Text);
        if (table is null)
        {
            table = new NftTableSyntax(family, name.Text, keyword);
            _ruleset.Add(table);
        }
        if (_cursor.Peek()?.Kind == NftTokenKind.OpenBrace) ParseTableBody(table, _cursor.Next("'{'"));
    }

    private void ParseTableBody(NftTableSyntax table, NftToken brace)
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) throw _cursor.Unclosed(brace, $"table {InputEcho.Escape(table.QualifiedName)}");
            var keyword = _cursor.Next("a table statement");
            if (keyword.Kind == NftTokenKind.CloseBrace) return;
            if (!keyword.IsWord) throw _cursor.Error(keyword, $"expected a table statement, found {InputEcho.Quote(keyword.Display)}");
            switch (keyword.Text)
            {
                case "chain":
                    var chain = DeclareChain(table, _cursor.NextValue("the chain's name"), keyword);
                    if (_cursor.Peek()?.Kind == NftTokenKind.OpenBrace) ParseChainBody(table, chain, _cursor.Next("'{'"));
                    break;
                case "set" or "map":
                    var set = DeclareSet(table, _cursor.NextValue($"the {keyword.Text}'s name"), keyword);
                    ParseSetBody(table, set, _cursor.Expect(NftTokenKind.OpenBrace, $"'{{' and the {keyword.Text}'s definition"));
                    break;
                case "flags":
                    var flags = _cursor.TakeStatement(keyword);
                    if (flags.Any(f => f.Is("dormant"))) table.Dormant = keyword;
                    break;
                case "comment":
                    _cursor.NextValue("the comment");
                    break;
                case "include":
                    // nft reads an include wherever it stands; the other file is not given.
                    var included = _cursor.NextValue("the file to include");
                    table.Notes.Add(new NotUnderstood(keyword.Location(_file), "include", $"include {included.Display}", NotUnderstoodEffect.ChainUncertain));
                    break;
                default:
                    if (!ObjectKinds.Contains(keyword.Text))
                    {
                        throw _cursor.Error(keyword,
                            $"unknown statement {InputEcho.Quote(keyword.Text)} in table {InputEcho.Escape(table.QualifiedName)}; expected chain, set, map, flags, comment or a named object (counter, quota, limit, ct helper …)");
                    }
                    var objectTokens = _cursor.TakeStatement(keyword);
                    table.Notes.Add(new NotUnderstood(keyword.Location(_file), ObjectConstruct(keyword, objectTokens),
                        NftText.Join([keyword, .. objectTokens.TakeWhile(t => t.Kind != NftTokenKind.OpenBrace)]), NotUnderstoodEffect.Skipped));
                    break;
            }
            EndOfStatement(keyword);
        }
    }

    private void ParseChainCommand(NftToken keyword)
    {
        var table = ReadTableReference(keyword);
        var chain = DeclareChain(table, _cursor.NextValue("the chain's name"), keyword);
        if (_cursor.Peek()?.Kind == NftTokenKind.OpenBrace) ParseChainBody(table, chain, _cursor.Next("'{'"));
    }

    private void ParseChainBody(NftTableSyntax table, NftChainSyntax chain, NftToken brace)
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) throw _cursor.Unclosed(brace, $"chain {InputEcho.Escape(chain.Name)} of table {InputEcho.Escape(table.QualifiedName)}");
            var first = _cursor.Peek()!;
            if (first.Kind == NftTokenKind.CloseBrace)
            {
                _cursor.Next("'}'");
                return;
            }
            if (first.Is("type") && _cursor.Peek(1) is { IsWord: true } type && ChainTypes.Contains(type.Text))
            {
                ParseBaseChain(table, chain, _cursor.Next("'type'"));
            }
            else if (first.Is("policy"))
            {
                _cursor.Next("'policy'");
                ParsePolicy(chain);
            }
            else if (first.Is("flags"))
            {
                // Chain flags (offload) say where the rules run, not what they match; no rule starts with "flags".
                var flags = _cursor.TakeStatement(_cursor.Next("'flags'"));
                table.Notes.Add(new NotUnderstood(first.Location(_file), "chain flags",
                    $"flags {NftText.Join(flags)}: how chain {chain.Name} is run, not what it matches", NotUnderstoodEffect.Skipped));
            }
            else if (first.Is("comment") && _cursor.Peek(1)?.Kind == NftTokenKind.QuotedString
                     && _cursor.Peek(2) is null or { Kind: NftTokenKind.EndOfStatement or NftTokenKind.CloseBrace })
            {
                _cursor.Next("'comment'");
                _cursor.Next("the comment");
            }
            else
            {
                var tokens = _cursor.TakeStatement(first);
                if (!tokens.IsEmpty) chain.Rules.Add(MakeRule(tokens));
            }
            EndOfStatement(first);
        }
    }

    /// <summary><c>type filter hook input [device eth0 | devices = { … }] priority filter + 10 [; policy drop]</c>.</summary>
    private void ParseBaseChain(NftTableSyntax table, NftChainSyntax chain, NftToken keyword)
    {
        var type = _cursor.NextValue("the chain type");
        var hookKeyword = _cursor.Next("'hook'");
        if (!hookKeyword.Is("hook")) throw _cursor.Error(hookKeyword, $"expected 'hook' after {InputEcho.Quote($"type {type.Text}")}, found {InputEcho.Quote(hookKeyword.Display)}");
        var hook = _cursor.NextValue("the hook");
        if (!Hooks.Contains(hook.Text)) throw _cursor.Error(hook, $"unknown hook {InputEcho.Quote(hook.Text)}; expected one of {string.Join(", ", Hooks.Order())}");
        string? device = null;
        NftToken? deviceToken = null;
        while (_cursor.PeekIs("device") || _cursor.PeekIs("devices"))
        {
            deviceToken = _cursor.Next("'device'");
            _cursor.TryTake("=");
            device = _cursor.ReadValue("the device", allowList: true).Display;
            // A device has no statements; whatever was written on one changes nothing this reader models.
            _cursor.SkippedElementStatements.Clear();
        }
        var priorityKeyword = _cursor.Next("'priority'");
        if (!priorityKeyword.Is("priority")) throw _cursor.Error(priorityKeyword, $"expected 'priority' in the base chain definition, found {InputEcho.Quote(priorityKeyword.Display)}");
        var priority = ReadPriority(table, priorityKeyword);
        chain.Base = new NftBaseChainSyntax(type.Text, hook.Text, priority, keyword, device, deviceToken);
        if (_cursor.TryTake("policy")) ParsePolicy(chain);
    }

    private int ReadPriority(NftTableSyntax table, NftToken keyword)
    {
        var parts = new List<NftToken>();
        while (_cursor.Peek() is { IsWord: true } part && !part.Is("policy")) parts.Add(_cursor.Next("the priority"));
        if (parts.Count == 0) throw _cursor.Error(keyword, "'priority' needs a number or a name (raw, mangle, dstnat, filter, security, srcnat)");
        var written = string.Concat(parts.Select(p => p.Text));
        var match = PriorityPattern().Match(written);
        if (!match.Success) throw _cursor.Error(parts[0], $"{InputEcho.Quote(written)} is not a priority (a number, or a name with an optional '+ N' or '- N')");
        if (match.Groups["number"].Success) return ParseInt(match.Groups["number"].Value, parts[0]);
        var names = table.Family switch
        {
            "bridge" => BridgePriorities,
            "ip" or "ip6" or "inet" => IpPriorities,
            _ => FilterOnlyPriorities,
        };
        var name = match.Groups["name"].Value;
        if (!names.TryGetValue(name, out var value))
        {
            throw _cursor.Error(parts[0], $"priority {InputEcho.Quote(name)} is not defined for the {table.Family} family; known: {string.Join(", ", names.Keys.Order())}");
        }
        return match.Groups["offset"].Success ? value + ParseInt(match.Groups["offset"].Value, parts[0]) : value;
    }

    private int ParseInt(string text, NftToken token) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw _cursor.Error(token, $"{InputEcho.Quote(text)} is not a number");

    private void ParsePolicy(NftChainSyntax chain)
    {
        var policy = _cursor.NextValue("accept or drop");
        chain.Policy = policy.Text switch
        {
            "accept" => RuleVerdict.Permit,
            "drop" => RuleVerdict.Deny,
            _ => throw _cursor.Error(policy, $"a chain policy is 'accept' or 'drop', not {InputEcho.Quote(policy.Text)}"),
        };
    }

    private void ParseRuleCommand(NftToken keyword, bool insert)
    {
        var table = ReadTableReference(keyword);
        var chainName = _cursor.NextValue("the chain's name");
        var chain = table.FindChain(chainName.Text)
            ?? throw _cursor.Error(chainName, $"chain {InputEcho.Quote(chainName.Text)} does not exist in table {InputEcho.Escape(table.QualifiedName)}");
        int? index = null;
        NotUnderstood? positionNote = null;
        if (_cursor.PeekIs("position") || _cursor.PeekIs("handle"))
        {
            var position = _cursor.Next("'position'");
            var handle = _cursor.NextValue("a rule handle");
            // Handles are numbers the kernel gives rules as they are added; a file cannot say which rule has one.
            positionNote = new NotUnderstood(position.Location(_file), "rule position",
                $"{position.Text} {handle.Text}: placed {(insert ? "first" : "last")} in chain {InputEcho.Escape(chain.Name)}; the rule with that handle is not known from the file",
                NotUnderstoodEffect.ChainUncertain);
        }
        else if (_cursor.TryTake("index"))
        {
            var indexToken = _cursor.NextValue("a rule index");
            var value = ParseInt(indexToken.Text, indexToken);
            if (value < 0 || value >= chain.Rules.Count)
            {
                throw _cursor.Error(indexToken, $"chain {InputEcho.Escape(chain.Name)} has {chain.Rules.Count} rules, so there is no rule at index {value}");
            }
            index = insert ? value : value + 1;
        }
        var tokens = _cursor.TakeStatement(keyword);
        if (tokens.IsEmpty) throw _cursor.Error(chainName, "a rule needs at least one statement after the chain's name");
        var rule = MakeRule(tokens) with { PositionNote = positionNote };
        chain.Rules.Insert(index ?? (insert ? 0 : chain.Rules.Count), rule);
    }

    private void ParseSetBody(NftTableSyntax table, NftNamedSetSyntax set, NftToken brace)
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) throw _cursor.Unclosed(brace, $"{(set.IsMap ? "map" : "set")} {InputEcho.Escape(set.Name)}");
            var keyword = _cursor.Next("a set statement");
            if (keyword.Kind == NftTokenKind.CloseBrace) return;
            switch (keyword.Text)
            {
                case "type" or "typeof":
                    set.KeyType.Clear();
                    set.KeyType.AddRange(_cursor.TakeStatement(keyword).TakeWhile(t => !t.Is(":")).Where(t => t.IsWord && !t.Is(".")).Select(t => t.Text));
                    break;
                case "flags":
                    if (_cursor.TakeStatement(keyword).Any(f => f.Is("dynamic") || f.Is("timeout"))) set.IsDynamic = true;
                    break;
                case "timeout":
                    _cursor.TakeStatement(keyword);
                    set.IsDynamic = true;
                    break;
                case "elements":
                    _cursor.TryTake("=");
                    var elements = _cursor.ReadValue("the elements in '{ … }'", allowList: false);
                    if (elements is not NftSetValue { Braced: true } braced) throw _cursor.Error(elements.Start, "elements must be given in '{ … }'");
                    set.Elements.AddRange(braced.Elements);
                    NoteSkippedElementStatements(table, set);
                    break;
                default:
                    // size, policy, gc-interval, auto-merge, counter, comment: how the set is stored, not what it holds.
                    _cursor.TakeStatement(keyword);
                    break;
            }
            EndOfStatement(keyword);
        }
    }

    /// <summary>
    /// Statements on elements (<c>limit</c>, <c>quota</c>, <c>ct count</c> …) may keep an element from matching
    /// while packets flow: the set's contents are then not known from the file, as for a dynamic set.
    /// </summary>
    private void NoteSkippedElementStatements(NftTableSyntax table, NftNamedSetSyntax set)
    {
        foreach (var skipped in _cursor.SkippedElementStatements)
        {
            set.IsDynamic = true;
            table.Notes.Add(new NotUnderstood(skipped.Start.UseSite.Location(_file), "set element statement",
                $"{skipped.Text} on an element of {(set.IsMap ? "map" : "set")} {set.Name}: rules using it may match", NotUnderstoodEffect.RuleMayMatch));
        }
        _cursor.SkippedElementStatements.Clear();
    }

    private void ParseFlush(NftToken keyword)
    {
        var what = _cursor.NextValue("what to flush (ruleset, table, chain, set …)");
        switch (what.Text)
        {
            case "ruleset":
                var family = _cursor.Peek() is { IsWord: true } next && Families.Contains(next.Text) ? _cursor.Next("a family").Text : null;
                _ruleset.RemoveAll(family);
                if (family is null) _notes.Clear();
                return;
            case "table":
                // A table the file does not declare is one on the host before the file runs: nothing of it is read.
                foreach (var emptied in FindTable(what)?.Chains ?? []) emptied.Rules.Clear();
                return;
            case "chain":
                var table = FindTable(what);
                var chain = _cursor.NextValue("the chain's name");
                table?.FindChain(chain.Text)?.Rules.Clear();
                return;
            case "set" or "map":
                var setTable = FindTable(what);
                var set = _cursor.NextValue("the set's name");
                if (setTable is not null && setTable.Sets.TryGetValue(set.Text, out var flushed)) flushed.Elements.Clear();
                return;
            default:
                _cursor.TakeStatement(keyword);
                return;
        }
    }

    private void ParseDelete(NftToken keyword)
    {
        var what = _cursor.Peek();
        if (what is not null && (what.Is("table") || what.Is("chain")))
        {
            _cursor.Next("'table' or 'chain'");
            var table = FindTable(what);
            if (what.Is("table"))
            {
                if (table is not null) _ruleset.Remove(table);
                return;
            }
            var chain = _cursor.NextValue("the chain's name");
            table?.RemoveChain(chain.Text);
            return;
        }
        var tokens = _cursor.TakeStatement(keyword);
        _notes.Add(new NotUnderstood(keyword.Location(_file), $"{keyword.Text} {tokens.FirstOrDefault()?.Text}".TrimEnd(),
            NftText.Join([keyword, .. tokens]), NotUnderstoodEffect.ChainUncertain));
    }

    /// <summary><c>[family] name</c> of a table that must already exist (nft refuses to add to a missing table).</summary>
    private NftTableSyntax ReadTableReference(NftToken keyword)
    {
        var family = ReadFamily();
        var name = _cursor.NextValue("the table's name");
        return _ruleset.FindTable(family, name.Text)
            ?? throw _cursor.Error(name, $"table {family} {InputEcho.Escape(name.Text)} does not exist (declare it with 'table' before this {InputEcho.Quote(keyword.Text)})");
    }

    /// <summary><c>[family] name</c> of a table that may not exist (flush and delete of what the host had before).</summary>
    private NftTableSyntax? FindTable(NftToken keyword)
    {
        var family = ReadFamily();
        var name = _cursor.NextValue($"the table's name after {InputEcho.Quote(keyword.Text)}");
        return _ruleset.FindTable(family, name.Text);
    }

    /// <summary>The optional family before a table name; <c>ip</c> when absent, as in nft.</summary>
    private string ReadFamily()
    {
        if (_cursor.Peek() is { IsWord: true } first && Families.Contains(first.Text) && _cursor.Peek(1)?.IsValue == true)
        {
            _cursor.Next("a family");
            return first.Text;
        }
        return "ip";
    }

    private static NftChainSyntax DeclareChain(NftTableSyntax table, NftToken name, NftToken keyword)
    {
        var chain = table.FindChain(name.Text);
        if (chain is null)
        {
            chain = new NftChainSyntax(name.Text, keyword);
            table.AddChain(chain);
        }
        return chain;
    }

    private static NftNamedSetSyntax DeclareSet(NftTableSyntax table, NftToken name, NftToken keyword)
    {
        if (!table.Sets.TryGetValue(name.Text, out var set))
        {
            set = new NftNamedSetSyntax(name.Text, keyword.Is("map"), keyword);
            table.Sets.Add(name.Text, set);
        }
        return set;
    }

    private static NftRuleSyntax MakeRule(ImmutableArray<NftToken> tokens) => new(tokens, tokens[0].UseSite, NftText.Join(tokens));

    /// <summary><c>counter</c>, <c>quota</c>, <c>ct helper</c>: the kind of a named object, for its report.</summary>
    private static string ObjectConstruct(NftToken keyword, ImmutableArray<NftToken> rest) =>
        keyword.Is("ct") && rest.FirstOrDefault() is { IsWord: true } kind ? $"ct {kind.Text}" : keyword.Text;

    /// <summary>A statement ends at a newline, a <c>;</c>, the <c>}</c> of its block or the end of the file.</summary>
    private void EndOfStatement(NftToken statement)
    {
        var next = _cursor.Peek();
        if (next is null || next.Kind is NftTokenKind.EndOfStatement or NftTokenKind.CloseBrace) return;
        throw _cursor.Error(next, $"unexpected {InputEcho.Quote(next.Display)} after the {InputEcho.Quote(statement.Text)} statement of line {statement.UseSite.Line}");
    }
}
