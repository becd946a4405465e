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
            var keyword = _cursor.Next(Phrase.Of("NftWhatStatement"));
            if (keyword.Kind == NftTokenKind.CloseBrace) throw _cursor.Error(keyword, Messages.Format("NftStrayCloseBrace"));
            if (!keyword.IsWord) throw _cursor.Error(keyword, Messages.Format("NftExpectedStatement", InputEcho.Escape(keyword.Display)));
            ParseCommand(keyword);
            EndOfStatement(keyword);
        }
    }

    private void ParseCommand(NftToken keyword)
    {
        switch (keyword.Text)
        {
            case "add" or "create":
                var what = _cursor.Next(Phrase.Of("NftWhatTarget", keyword.Text));
                if (!what.IsWord || !ParseDeclaration(what)) throw _cursor.Error(what, Messages.Format("NftCannotDeclare", keyword.Text, InputEcho.Escape(what.Display)));
                return;
            case "insert":
                var rule = _cursor.Next(Phrase.Of("NftWhatWord", "rule"));
                if (!rule.Is("rule")) throw _cursor.Error(rule, Messages.Format("NftOnlyRulesInserted", InputEcho.Escape(rule.Display)));
                ParseRuleCommand(rule, insert: true);
                return;
            case "flush":
                ParseFlush(keyword);
                return;
            case "delete" or "destroy":
                ParseDelete(keyword);
                return;
            case "include":
                var included = _cursor.NextValue(Phrase.Of("NftWhatIncludeFile"));
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
                Messages.Format("NftUnknownStatement", InputEcho.Escape(keyword.Text)));
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
                var set = DeclareSet(setTable, _cursor.NextValue(Phrase.Of("NftWhatNameOf", what.Text)), what);
                ParseSetBody(setTable, set, _cursor.Expect(NftTokenKind.OpenBrace, Phrase.Of("NftWhatBraceAndDefinition", what.Text)));
                return true;
            case "element":
                var elementTable = ReadTableReference(what);
                var setName = _cursor.NextValue(Phrase.Of("NftWhatSetName"));
                if (!elementTable.Sets.TryGetValue(setName.Text, out var target))
                {
                    throw _cursor.Error(setName, Messages.Format("NftSetMissing", InputEcho.Escape(setName.Text), InputEcho.Escape(elementTable.QualifiedName)));
                }
                var elements = _cursor.ReadValue(Phrase.Of("NftWhatBracedElements"), allowList: false);
                if (elements is not NftSetValue { Braced: true } braced) throw _cursor.Error(elements.Start, Messages.Format("NftElementsNotBraced"));
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
        var name = _cursor.NextValue(Phrase.Of("NftWhatTableName"));
        var table = _ruleset.FindTable(family, name.Text);
        if (table is null)
        {
            table = new NftTableSyntax(family, name.Text, keyword);
            _ruleset.Add(table);
        }
        if (_cursor.Peek()?.Kind == NftTokenKind.OpenBrace) ParseTableBody(table, _cursor.Next(Phrase.Of("NftWhatWord", "{")));
    }

    private void ParseTableBody(NftTableSyntax table, NftToken brace)
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) throw _cursor.Unclosed(brace, Phrase.Of("NftWhatTable", InputEcho.Escape(table.QualifiedName)));
            var keyword = _cursor.Next(Phrase.Of("NftWhatTableStatement"));
            if (keyword.Kind == NftTokenKind.CloseBrace) return;
            if (!keyword.IsWord) throw _cursor.Error(keyword, Messages.Format("NftExpectedTableStatement", InputEcho.Escape(keyword.Display)));
            switch (keyword.Text)
            {
                case "chain":
                    var chain = DeclareChain(table, _cursor.NextValue(Phrase.Of("NftWhatChainName")), keyword);
                    if (_cursor.Peek()?.Kind == NftTokenKind.OpenBrace) ParseChainBody(table, chain, _cursor.Next(Phrase.Of("NftWhatWord", "{")));
                    break;
                case "set" or "map":
                    var set = DeclareSet(table, _cursor.NextValue(Phrase.Of("NftWhatNameOf", keyword.Text)), keyword);
                    ParseSetBody(table, set, _cursor.Expect(NftTokenKind.OpenBrace, Phrase.Of("NftWhatBraceAndDefinition", keyword.Text)));
                    break;
                case "flags":
                    var flags = _cursor.TakeStatement(keyword);
                    if (flags.Any(f => f.Is("dormant"))) table.Dormant = keyword;
                    break;
                case "comment":
                    _cursor.NextValue(Phrase.Of("NftWhatComment"));
                    break;
                case "include":
                    // nft reads an include wherever it stands; the other file is not given.
                    var included = _cursor.NextValue(Phrase.Of("NftWhatIncludeFile"));
                    table.Notes.Add(new NotUnderstood(keyword.Location(_file), "include", $"include {included.Display}", NotUnderstoodEffect.ChainUncertain));
                    break;
                default:
                    if (!ObjectKinds.Contains(keyword.Text))
                    {
                        throw _cursor.Error(keyword,
                            Messages.Format("NftUnknownTableStatement", InputEcho.Escape(keyword.Text), InputEcho.Escape(table.QualifiedName)));
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
        var chain = DeclareChain(table, _cursor.NextValue(Phrase.Of("NftWhatChainName")), keyword);
        if (_cursor.Peek()?.Kind == NftTokenKind.OpenBrace) ParseChainBody(table, chain, _cursor.Next(Phrase.Of("NftWhatWord", "{")));
    }

    private void ParseChainBody(NftTableSyntax table, NftChainSyntax chain, NftToken brace)
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) throw _cursor.Unclosed(brace, Phrase.Of("NftWhatChainOfTable", InputEcho.Escape(chain.Name), InputEcho.Escape(table.QualifiedName)));
            var first = _cursor.Peek()!;
            if (first.Kind == NftTokenKind.CloseBrace)
            {
                _cursor.Next(Phrase.Of("NftWhatWord", "}"));
                return;
            }
            if (first.Is("type") && _cursor.Peek(1) is { IsWord: true } type && ChainTypes.Contains(type.Text))
            {
                ParseBaseChain(table, chain, _cursor.Next(Phrase.Of("NftWhatWord", "type")));
            }
            else if (first.Is("policy"))
            {
                _cursor.Next(Phrase.Of("NftWhatWord", "policy"));
                ParsePolicy(chain);
            }
            else if (first.Is("flags"))
            {
                // Chain flags (offload) say where the rules run, not what they match; no rule starts with "flags".
                var flags = _cursor.TakeStatement(_cursor.Next(Phrase.Of("NftWhatWord", "flags")));
                table.Notes.Add(new NotUnderstood(first.Location(_file), "chain flags",
                    $"flags {NftText.Join(flags)}: how chain {chain.Name} is run, not what it matches", NotUnderstoodEffect.Skipped));
            }
            else if (first.Is("comment") && _cursor.Peek(1)?.Kind == NftTokenKind.QuotedString
                     && _cursor.Peek(2) is null or { Kind: NftTokenKind.EndOfStatement or NftTokenKind.CloseBrace })
            {
                _cursor.Next(Phrase.Of("NftWhatWord", "comment"));
                _cursor.Next(Phrase.Of("NftWhatComment"));
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
        var type = _cursor.NextValue(Phrase.Of("NftWhatChainType"));
        var hookKeyword = _cursor.Next(Phrase.Of("NftWhatWord", "hook"));
        if (!hookKeyword.Is("hook")) throw _cursor.Error(hookKeyword, Messages.Format("NftExpectedHookAfter", InputEcho.Escape($"type {type.Text}"), InputEcho.Escape(hookKeyword.Display)));
        var hook = _cursor.NextValue(Phrase.Of("NftWhatHook"));
        if (!Hooks.Contains(hook.Text)) throw _cursor.Error(hook, Messages.Format("NftUnknownHook", InputEcho.Escape(hook.Text), string.Join(", ", Hooks.Order())));
        string? device = null;
        NftToken? deviceToken = null;
        while (_cursor.PeekIs("device") || _cursor.PeekIs("devices"))
        {
            deviceToken = _cursor.Next(Phrase.Of("NftWhatWord", "device"));
            _cursor.TryTake("=");
            device = _cursor.ReadValue(Phrase.Of("NftWhatDevice"), allowList: true).Display;
            // A device has no statements; whatever was written on one changes nothing this reader models.
            _cursor.SkippedElementStatements.Clear();
        }
        var priorityKeyword = _cursor.Next(Phrase.Of("NftWhatWord", "priority"));
        if (!priorityKeyword.Is("priority")) throw _cursor.Error(priorityKeyword, Messages.Format("NftExpectedPriority", InputEcho.Escape(priorityKeyword.Display)));
        var priority = ReadPriority(table, priorityKeyword);
        chain.Base = new NftBaseChainSyntax(type.Text, hook.Text, priority, keyword, device, deviceToken);
        if (_cursor.TryTake("policy")) ParsePolicy(chain);
    }

    private int ReadPriority(NftTableSyntax table, NftToken keyword)
    {
        var parts = new List<NftToken>();
        while (_cursor.Peek() is { IsWord: true } part && !part.Is("policy")) parts.Add(_cursor.Next(Phrase.Of("NftWhatPriority")));
        if (parts.Count == 0) throw _cursor.Error(keyword, Messages.Format("NftPriorityNeedsValue"));
        var written = string.Concat(parts.Select(p => p.Text));
        var match = PriorityPattern().Match(written);
        if (!match.Success) throw _cursor.Error(parts[0], Messages.Format("NftBadPriority", InputEcho.Escape(written)));
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
            throw _cursor.Error(parts[0], Messages.Format("NftPriorityUndefined", InputEcho.Escape(name), table.Family, string.Join(", ", names.Keys.Order())));
        }
        return match.Groups["offset"].Success ? value + ParseInt(match.Groups["offset"].Value, parts[0]) : value;
    }

    private int ParseInt(string text, NftToken token) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw _cursor.Error(token, Messages.Format("NftNotNumber", InputEcho.Escape(text)));

    private void ParsePolicy(NftChainSyntax chain)
    {
        var policy = _cursor.NextValue(Phrase.Of("NftWhatAcceptOrDrop"));
        chain.Policy = policy.Text switch
        {
            "accept" => RuleVerdict.Permit,
            "drop" => RuleVerdict.Deny,
            _ => throw _cursor.Error(policy, Messages.Format("NftBadChainPolicy", InputEcho.Escape(policy.Text))),
        };
    }

    private void ParseRuleCommand(NftToken keyword, bool insert)
    {
        var table = ReadTableReference(keyword);
        var chainName = _cursor.NextValue(Phrase.Of("NftWhatChainName"));
        var chain = table.FindChain(chainName.Text)
            ?? throw _cursor.Error(chainName, Messages.Format("NftChainMissing", InputEcho.Escape(chainName.Text), InputEcho.Escape(table.QualifiedName)));
        int? index = null;
        NotUnderstood? positionNote = null;
        if (_cursor.PeekIs("position") || _cursor.PeekIs("handle"))
        {
            var position = _cursor.Next(Phrase.Of("NftWhatWord", "position"));
            var handle = _cursor.NextValue(Phrase.Of("NftWhatRuleHandle"));
            // Handles are numbers the kernel gives rules as they are added; a file cannot say which rule has one.
            positionNote = new NotUnderstood(position.Location(_file), "rule position",
                $"{position.Text} {handle.Text}: placed {(insert ? "first" : "last")} in chain {InputEcho.Escape(chain.Name)}; the rule with that handle is not known from the file",
                NotUnderstoodEffect.ChainUncertain);
        }
        else if (_cursor.TryTake("index"))
        {
            var indexToken = _cursor.NextValue(Phrase.Of("NftWhatRuleIndex"));
            var value = ParseInt(indexToken.Text, indexToken);
            if (value < 0 || value >= chain.Rules.Count)
            {
                throw _cursor.Error(indexToken, Messages.Format("NftNoRuleAtIndex", InputEcho.Escape(chain.Name), chain.Rules.Count, value));
            }
            index = insert ? value : value + 1;
        }
        var tokens = _cursor.TakeStatement(keyword);
        if (tokens.IsEmpty) throw _cursor.Error(chainName, Messages.Format("NftRuleWithoutStatement"));
        var rule = MakeRule(tokens) with { PositionNote = positionNote };
        chain.Rules.Insert(index ?? (insert ? 0 : chain.Rules.Count), rule);
    }

    private void ParseSetBody(NftTableSyntax table, NftNamedSetSyntax set, NftToken brace)
    {
        while (true)
        {
            _cursor.SkipStatementEnds();
            if (_cursor.AtEnd) throw _cursor.Unclosed(brace, Phrase.Of(set.IsMap ? "NftWhatNamedMap" : "NftWhatNamedSet", InputEcho.Escape(set.Name)));
            var keyword = _cursor.Next(Phrase.Of("NftWhatSetStatement"));
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
                    var elements = _cursor.ReadValue(Phrase.Of("NftWhatBracedElements"), allowList: false);
                    if (elements is not NftSetValue { Braced: true } braced) throw _cursor.Error(elements.Start, Messages.Format("NftElementsNotBraced"));
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
        var what = _cursor.NextValue(Phrase.Of("NftWhatFlushTarget"));
        switch (what.Text)
        {
            case "ruleset":
                var family = _cursor.Peek() is { IsWord: true } next && Families.Contains(next.Text) ? _cursor.Next(Phrase.Of("NftWhatFamily")).Text : null;
                _ruleset.RemoveAll(family);
                if (family is null) _notes.Clear();
                return;
            case "table":
                // A table the file does not declare is one on the host before the file runs: nothing of it is read.
                foreach (var emptied in FindTable(what)?.Chains ?? []) emptied.Rules.Clear();
                return;
            case "chain":
                var table = FindTable(what);
                var chain = _cursor.NextValue(Phrase.Of("NftWhatChainName"));
                table?.FindChain(chain.Text)?.Rules.Clear();
                return;
            case "set" or "map":
                var setTable = FindTable(what);
                var set = _cursor.NextValue(Phrase.Of("NftWhatSetName"));
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
            _cursor.Next(Phrase.Of("NftWhatTableOrChain"));
            var table = FindTable(what);
            if (what.Is("table"))
            {
                if (table is not null) _ruleset.Remove(table);
                return;
            }
            var chain = _cursor.NextValue(Phrase.Of("NftWhatChainName"));
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
        var name = _cursor.NextValue(Phrase.Of("NftWhatTableName"));
        return _ruleset.FindTable(family, name.Text)
            ?? throw _cursor.Error(name, Messages.Format("NftTableMissing", family, InputEcho.Escape(name.Text), InputEcho.Escape(keyword.Text)));
    }

    /// <summary><c>[family] name</c> of a table that may not exist (flush and delete of what the host had before).</summary>
    private NftTableSyntax? FindTable(NftToken keyword)
    {
        var family = ReadFamily();
        var name = _cursor.NextValue(Phrase.Of("NftWhatTableNameAfter", InputEcho.Escape(keyword.Text)));
        return _ruleset.FindTable(family, name.Text);
    }

    /// <summary>The optional family before a table name; <c>ip</c> when absent, as in nft.</summary>
    private string ReadFamily()
    {
        if (_cursor.Peek() is { IsWord: true } first && Families.Contains(first.Text) && _cursor.Peek(1)?.IsValue == true)
        {
            _cursor.Next(Phrase.Of("NftWhatFamily"));
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
        throw _cursor.Error(next, Messages.Format("NftUnexpectedAfterStatement", InputEcho.Escape(next.Display), InputEcho.Escape(statement.Text), statement.UseSite.Line));
    }
}
