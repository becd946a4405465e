using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>What one rule matches while its statements are applied, before it becomes an <see cref="ImportedRule"/>.</summary>
internal sealed record NftConditions(
    ProtocolSet Protocols,
    AddressSet Source,
    AddressSet Destination,
    PortSet SourcePorts,
    PortSet DestinationPorts,
    NftStates States,
    ImmutableArray<OpaqueCondition> Opaque)
{
    public static readonly NftConditions Everything =
        new(ProtocolSet.Any, AddressSet.Any, AddressSet.Any, PortSet.All, PortSet.All, NftStates.All, []);

    public bool NeverMatchesAProtocol => !Protocols.IsAny && Protocols.Numbers.IsEmpty;

    public NftConditions WithProtocols(ProtocolSet protocols) => this with
    {
        Protocols = Protocols.IsAny ? protocols : protocols.IsAny ? Protocols : ProtocolSet.Of([.. Protocols.Numbers.Intersect(protocols.Numbers)]),
    };

    public NftConditions WithOpaque(OpaqueCondition condition) => this with { Opaque = Opaque.Add(condition) };
}

/// <summary>Rules built beyond one per rule written, over the whole file (see <see cref="NftRuleBuilder"/>).</summary>
internal sealed class NftExpansionCount
{
    public long Rules { get; set; }
}

/// <summary>
/// Turns a parsed rule into rules of the neutral vocabulary, resolving values against the table's named sets
/// and chains. Most rules give one rule. Some give several, in order, each with its own conditions:
/// <list type="bullet">
/// <item>a verdict map gives one rule per element, in the map's order, each with the element's key as a
/// condition and its verdict (<c>tcp dport vmap { 22 : accept, 80 : jump web }</c> → <c>tcp dport 22 accept</c>,
/// <c>tcp dport 80 jump web</c>); keys of a map do not overlap, so the order changes nothing; the catch-all
/// element <c>* : drop</c> (nft 1.0) comes last, as every key the others lack (<c>tcp dport != { 22, 80 } drop</c>),
/// and may match where the keys are concatenated;</item>
/// <item>a concatenated set match (<c>ip saddr . tcp dport { 10.0.0.1 . 22, 10.0.0.2 . 80 }</c>) gives one rule
/// per element with the same verdict — equivalent, as the first that matches decides and re-entering a
/// jumped-to chain a second time gives the same answer;</item>
/// <item><c>th dport</c> (the port field of any transport header) gives a TCP/UDP rule and an SCTP/DCCP/UDP-Lite
/// rule, because a rule's port sets are read for TCP and UDP only; other protocols have no port field, and
/// what <c>th</c> reads from them is not modelled.</item>
/// </list>
/// Rules that cannot match IPv4 (an <c>ip6</c>, <c>icmpv6</c> or <c>arp</c> match, <c>meta nfproto ipv6</c>)
/// and address-translation rules (<c>dnat</c>, <c>snat</c>, <c>masquerade</c>, <c>redirect</c>: they choose
/// addresses, not whether the packet passes) are listed as skipped and give no rule. A rule with a statement
/// that could not be read gives no rule and leaves its chain uncertain. Opaque conditions (interfaces,
/// marks, ICMP types, rate limits, sets filled at run time, host names) stay on the rule and are listed once
/// each as "may match".
/// </summary>
internal sealed class NftRuleBuilder(NftTableSyntax table, string file, IReadOnlySet<string> dynamicSets, List<NotUnderstood> notes, NftExpansionCount expansion)
{
    private static readonly ProtocolSet TcpAndUdp = ProtocolSet.Of(ProtocolSet.Tcp, ProtocolSet.Udp);
    private static readonly ProtocolSet OtherPortedProtocols = ProtocolSet.Of(33, 132, 136);

    private readonly HashSet<(NftToken, string)> _noted = [];
    private readonly HashSet<(NftToken, string)> _skipped = [];

    // A named set used by many rules is parsed once: sets of 100,000 addresses are used in several rules.
    private readonly Dictionary<string, AddressSet> _namedAddresses = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, int? Protocol), PortSet> _namedPorts = [];

    public IReadOnlyList<ImportedRule> Build(NftParsedRule parsed, string chain, int number)
    {
        var rule = parsed.Syntax;
        if (parsed.NotIpv4 is { } notIpv4)
        {
            notes.Add(new NotUnderstood(notIpv4.Start.UseSite.Location(file), notIpv4.Construct, rule.Text, NotUnderstoodEffect.Skipped));
            return [];
        }
        if (parsed.Unreadable is { } unreadable)
        {
            notes.Add(new NotUnderstood(unreadable.Start.UseSite.Location(file), unreadable.Construct, rule.Text, NotUnderstoodEffect.ChainUncertain));
            // Kept as a rule that may accept or drop anything, so the walk forks here instead of passing it by.
            var at = rule.Start.Location(file);
            return [ImportedRule.Everything($"{chain}/{number}", at, rule.Text, RuleVerdict.Unknown) with
            {
                Opaque = [new OpaqueCondition(unreadable.Construct, rule.Text)],
            }];
        }
        if (parsed.Translation is { } translation)
        {
            notes.Add(new NotUnderstood(translation.Start.UseSite.Location(file), translation.Construct, rule.Text, NotUnderstoodEffect.Skipped));
            return [];
        }
        var alternatives = new List<NftConditions> { NftConditions.Everything };
        foreach (var match in parsed.Matches) alternatives = Prune(Apply(alternatives, match, rule));
        foreach (var statement in parsed.OpaqueStatements)
        {
            Note(statement.Start, statement.Construct, statement.Text);
            alternatives = [.. alternatives.Select(c => c.WithOpaque(new OpaqueCondition(statement.Category, statement.Text)))];
        }
        var id = $"{table.QualifiedName}/{chain}/{number}";
        var location = rule.Start.Location(file);
        var built = new List<(NftConditions Conditions, RuleVerdict Verdict, NftToken? Target)>();
        if (parsed.VerdictMap is { } map)
        {
            var elements = MapElements(map.Map);
            // The catch-all element "*" decides for a key no other element has: it comes last, and its rule
            // leaves out the other keys, so that a packet back from one element's jump does not meet it.
            var keyed = elements.Where(e => !IsCatchAll(e.Key)).ToList();
            var otherwise = elements.Where(e => IsCatchAll(e.Key)).ToList();
            Expand(rule, (long)alternatives.Count * elements.Count);
            foreach (var conditions in alternatives)
            {
                foreach (var element in keyed)
                {
                    var (verdict, target) = VerdictOf(element);
                    foreach (var result in Prune(ApplyKey(conditions, map.Selectors, element.Key, map.Start, map.Text))) built.Add((result, verdict, target));
                }
                foreach (var element in otherwise)
                {
                    var (verdict, target) = VerdictOf(element);
                    foreach (var result in Prune(OtherKeys(conditions, map, keyed))) built.Add((result, verdict, target));
                }
            }
        }
        else
        {
            var verdict = parsed.Verdict?.Verdict ?? RuleVerdict.Continue;
            var target = parsed.Verdict?.Target;
            if (target is not null) RequireChain(target);
            built.AddRange(alternatives.Select(c => (c, verdict, target)));
        }
        // A new connection's first packet is "new" (or "untracked" under notrack): "invalid" is not a
        // connection's first packet either, so "ct state invalid drop" is not read as dropping new connections.
        return [.. built.Select((b, index) => new ImportedRule(
            built.Count == 1 ? id : $"{id}.{index + 1}", location, rule.Text, b.Verdict, b.Target?.Text,
            b.Conditions.Protocols, b.Conditions.Source, b.Conditions.Destination, b.Conditions.SourcePorts, b.Conditions.DestinationPorts,
            (b.Conditions.States & (NftStates.New | NftStates.Untracked)) != 0, null, true, [], b.Conditions.Opaque)
        {
            StateLimited = b.Conditions.States != NftStates.All,
        })];
    }

    /// <summary>
    /// Counts the rules one written rule expands into beyond the first, over the whole file, and refuses the
    /// rule that goes past <see cref="InputLimits.MaxExpansion"/> before they are built: concatenated sets
    /// multiply (two matches on sets of 1,000 pairs give 1,000,000 rules, three give a billion).
    /// </summary>
    private void Expand(NftRuleSyntax rule, long rules)
    {
        if (rules <= 1) return;
        expansion.Rules += rules - 1;
        if (expansion.Rules > InputLimits.MaxExpansion)
        {
            throw new InputException(rule.Start.Location(file), Messages.Format("NftRuleExpandsTooFar", InputLimits.MaxExpansion));
        }
    }

    /// <summary>
    /// The catch-all element of a verdict map: every key the other elements do not have. For one selector that
    /// is a negated set (<c>tcp dport != { 22, 80 }</c>); for a concatenation the rest of a set of tuples is not a
    /// box of sets, and the rule may match.
    /// </summary>
    private IEnumerable<NftConditions> OtherKeys(NftConditions conditions, NftVerdictMap map, IReadOnlyList<NftElementSyntax> keyed)
    {
        var others = new NftSetValue(map.Map.Start, [.. keyed.Select(e => new NftElementSyntax(e.Key, []))], Braced: true);
        if (map.Selectors.Length == 1) return ApplySelector(conditions, map.Selectors[0], "!=", others, map.Start, map.Text);
        var selectors = string.Join(" . ", map.Selectors.Select(s => s.Text));
        return [OpaqueForAll(conditions, map.Selectors, map.Start, map.Text, $"{selectors} not among the other keys of the map", "catch-all")];
    }

    /// <summary>The catch-all element <c>*</c> of a set or map (nft 1.0): it stands for every value.</summary>
    private static bool IsCatchAll(NftValueSyntax key) => key is NftLiteral { Token: { Kind: NftTokenKind.Word, Text: "*" } };

    private List<NftConditions> Apply(List<NftConditions> alternatives, NftMatch match, NftRuleSyntax rule)
    {
        if (match.Selectors is [{ Kind: NftSelectorKind.TcpFlags } flags])
        {
            var first = NftValues.FirstPacketMatchesTcpFlags(match.Operator, match.Value, match.Masked, match.AndMask);
            if (first is null) return [.. alternatives.Select(c => OpaqueForAll(c, match.Selectors, match.Start, match.Text, match.Text))];
            // A connection's first packet is a SYN alone: the rule matches it or never does, and only TCP.
            var states = first.Value ? NftStates.New | NftStates.Untracked : NftStates.All & ~(NftStates.New | NftStates.Untracked);
            return [.. alternatives.Select(c => (c with { States = c.States & states }).WithProtocols(ProtocolSet.Of(ProtocolSet.Tcp)))];
        }
        if (match.Selectors is [{ Kind: NftSelectorKind.Interface }] && !match.Masked
            && match.Operator is "==" or "!=" && match.Value is NftLiteral { Token.Text: "lo" })
        {
            // Loopback traffic never travels between two hosts: "iifname lo" matches none of the flows PortImpact
            // evaluates, and "iifname != lo" matches all of them (as iptables' -i lo).
            return match.Operator == "==" ? [.. alternatives.Select(c => c with { Source = AddressSet.Empty, Destination = AddressSet.Empty })] : alternatives;
        }
        if (match.Masked)
        {
            return [.. alternatives.Select(c => OpaqueForAll(c, match.Selectors, match.Start, match.Text, match.Text))];
        }
        if (match.Selectors.Length == 1)
        {
            // At most two alternatives per one (th dport): counted, not refused, as it cannot run away alone.
            var applied = alternatives.SelectMany(c => ApplySelector(c, match.Selectors[0], match.Operator, match.Value, match.Start, match.Text)).ToList();
            Expand(rule, applied.Count - alternatives.Count + 1);
            return applied;
        }
        if (match.Operator != "==")
        {
            // "not in this set of pairs" is not a box of sets; the rule may match.
            return [.. alternatives.Select(c => OpaqueForAll(c, match.Selectors, match.Start, match.Text, match.Text))];
        }
        var keys = KeysOf(match.Value, out var why);
        if (keys is null)
        {
            return [.. alternatives.Select(c => OpaqueForAll(c, match.Selectors, match.Start, match.Text, match.Text, why))];
        }
        Expand(rule, (long)alternatives.Count * keys.Count - alternatives.Count + 1);
        return [.. alternatives.SelectMany(c => keys.SelectMany(key => ApplyKey(c, match.Selectors, key, match.Start, match.Text)))];
    }

    /// <summary>A concatenated key (<c>tcp . 22</c>) applied part by part to its selectors.</summary>
    private IEnumerable<NftConditions> ApplyKey(NftConditions conditions, ImmutableArray<NftSelector> selectors, NftValueSyntax key, NftToken start, string text)
    {
        if (IsCatchAll(key))
        {
            // "*" in a set of tuples: every tuple, each selector unconstrained but for the protocol it implies.
            return [selectors.Select(s => s.ImpliedProtocol).OfType<int>().Aggregate(conditions, (c, implied) => c.WithProtocols(ProtocolSet.Of(implied)))];
        }
        var parts = key is NftConcatenation concatenation ? concatenation.Parts : [key];
        if (parts.Length != selectors.Length)
        {
            throw new InputException(key.Start.Location(file),
                Messages.Format("NftConcatenationParts", InputEcho.Escape(key.Display), parts.Length, InputEcho.Escape(string.Join(" . ", selectors.Select(s => s.Text))), selectors.Length));
        }
        IEnumerable<NftConditions> results = [conditions];
        for (var index = 0; index < parts.Length; index++)
        {
            var selector = selectors[index];
            var part = parts[index];
            results = [.. results.SelectMany(c => ApplySelector(c, selector, "==", part, start, text))];
        }
        return results;
    }

    private IEnumerable<NftConditions> ApplySelector(NftConditions conditions, NftSelector selector, string op, NftValueSyntax value, NftToken start, string text)
    {
        var written = $"{selector.Text} {(op == "==" ? "" : op + " ")}{value.Display}";
        switch (selector.Kind)
        {
            case NftSelectorKind.Opaque or NftSelectorKind.TcpFlags or NftSelectorKind.Interface:
                KeysOf(value, out _);
                return [Opaque(conditions, selector, start, text, written)];
            case NftSelectorKind.IpFamily:
                // A plain match on a family was settled while parsing (a rule not for IPv4 gives no rule at all);
                // here come verdict map keys and concatenations: an element for another family gives no rule.
                if (value is NftSetReference or NftMaskedValue) return [Opaque(conditions, selector, start, text, written)];
                if (KeysOf(value, out _)!.Any(key => NftValues.IsIpv4Family(key.Display)) == (op == "==")) return [conditions];
                if (_skipped.Add((start, written)))
                {
                    notes.Add(new NotUnderstood(start.UseSite.Location(file), "ipv6", $"{written}: not for IPv4", NotUnderstoodEffect.Skipped));
                }
                return [];
            case NftSelectorKind.SourceAddress or NftSelectorKind.DestinationAddress:
                var addresses = Addresses(value, op, selector, out var addressWhy);
                if (addresses is null) return [Opaque(conditions, selector, start, text, written, addressWhy)];
                return [selector.Kind == NftSelectorKind.SourceAddress
                    ? conditions with { Source = conditions.Source.Intersect(addresses) }
                    : conditions with { Destination = conditions.Destination.Intersect(addresses) }];
            case NftSelectorKind.SourcePort or NftSelectorKind.DestinationPort:
                var ports = Ports(value, op, selector, out var portWhy);
                if (ports is null) return [Opaque(conditions, selector, start, text, written, portWhy)];
                var narrowed = selector.Kind == NftSelectorKind.SourcePort
                    ? conditions with { SourcePorts = conditions.SourcePorts.Intersect(ports) }
                    : conditions with { DestinationPorts = conditions.DestinationPorts.Intersect(ports) };
                if (selector.TransportHeader) return [narrowed.WithProtocols(TcpAndUdp), narrowed.WithProtocols(OtherPortedProtocols)];
                return [narrowed.WithProtocols(ProtocolSet.Of(selector.ImpliedProtocol!.Value))];
            case NftSelectorKind.Protocol:
                var protocols = Protocols(value, op, selector, out var protocolWhy);
                return protocols is null ? [Opaque(conditions, selector, start, text, written, protocolWhy)] : [conditions.WithProtocols(protocols)];
            case NftSelectorKind.ConnectionState:
                var states = States(value, op, selector, out var stateWhy);
                return states is null ? [Opaque(conditions, selector, start, text, written, stateWhy)] : [conditions with { States = conditions.States & states.Value }];
            default:
                throw new InvalidOperationException($"selector kind {selector.Kind} has no rule");
        }
    }

    private AddressSet? Addresses(NftValueSyntax value, string op, NftSelector selector, out string? why)
    {
        var keys = KeysOf(value, out why);
        if (keys is null) return null;
        if (value is NftSetReference reference && table.Sets[reference.Name].IsIpv6)
        {
            throw new InputException(reference.Token.Location(file), Messages.Format("NftSetIpv6ForIpv4", InputEcho.Escape(reference.Name), InputEcho.Escape(selector.Text)));
        }
        AddressSet union;
        if (value is NftSetReference named && _namedAddresses.TryGetValue(named.Name, out var known))
        {
            union = known;
        }
        else
        {
            // Every element's ranges collected first and normalised once: a union per element would copy the
            // set each time, quadratic in a set of 100,000 addresses.
            var ranges = new List<AddressRange>(keys.Count);
            foreach (var key in keys)
            {
                if (IsCatchAll(key))
                {
                    ranges.Add(AddressRange.All);
                    continue;
                }
                var single = NftValues.ParseAddress(Single(key, selector), file);
                if (single is null)
                {
                    why = "host name";
                    return null;
                }
                ranges.AddRange(single.Ranges);
            }
            union = AddressSet.From(ranges);
            if (value is NftSetReference reused) _namedAddresses[reused.Name] = union;
        }
        return op switch
        {
            "==" => union,
            "!=" => union.Complement(),
            _ => Ordered(op, union, selector, value, first => first == 0 ? AddressSet.Empty : AddressSet.Of(new AddressRange(0, first - 1)),
                last => last == uint.MaxValue ? AddressSet.Empty : AddressSet.Of(new AddressRange(last + 1, uint.MaxValue))),
        };
    }

    private PortSet? Ports(NftValueSyntax value, string op, NftSelector selector, out string? why)
    {
        var keys = KeysOf(value, out why);
        if (keys is null) return null;
        IReadOnlyList<Transport> transports = selector.ImpliedProtocol switch
        {
            ProtocolSet.Tcp => [Transport.Tcp],
            ProtocolSet.Udp => [Transport.Udp],
            _ => [Transport.Tcp, Transport.Udp],
        };
        var cacheKey = value is NftSetReference named ? (named.Name, selector.ImpliedProtocol) : default;
        if (cacheKey.Name is null || !_namedPorts.TryGetValue(cacheKey, out var union))
        {
            var ranges = new List<PortRange>(keys.Count);
            foreach (var key in keys)
            {
                if (IsCatchAll(key)) ranges.AddRange(PortSet.All.Ranges);
                else ranges.AddRange(NftValues.ParsePorts(Single(key, selector), file, transports).Ranges);
            }
            union = PortSet.From(ranges);
            if (cacheKey.Name is not null) _namedPorts[cacheKey] = union;
        }
        return op switch
        {
            "==" => union,
            "!=" => union.Complement(),
            _ => OrderedPorts(op, union, selector, value),
        };
    }

    private ProtocolSet? Protocols(NftValueSyntax value, string op, NftSelector selector, out string? why)
    {
        var keys = KeysOf(value, out why);
        if (keys is null) return null;
        var numbers = keys.Any(IsCatchAll)
            ? Enumerable.Range(0, 256).ToHashSet()
            : keys.Select(key => NftValues.ParseProtocol(Single(key, selector), file)).ToHashSet();
        switch (op)
        {
            case "==":
                return ProtocolSet.Of([.. numbers]);
            case "!=":
                return ProtocolSet.Of([.. Enumerable.Range(0, 256).Where(n => !numbers.Contains(n))]);
            default:
                why = $"'{op}' on protocol numbers";
                return null;
        }
    }

    private NftStates? States(NftValueSyntax value, string op, NftSelector selector, out string? why)
    {
        var keys = KeysOf(value, out why);
        if (keys is null) return null;
        var states = keys.Aggregate(NftStates.None, (all, key) => all | (IsCatchAll(key) ? NftStates.All : NftValues.ParseState(Single(key, selector), file)));
        switch (op)
        {
            case "==":
                return states;
            case "!=":
                return NftStates.All & ~states;
            default:
                why = $"'{op}' on connection states";
                return null;
        }
    }

    private AddressSet Ordered(string op, AddressSet value, NftSelector selector, NftValueSyntax written, Func<uint, AddressSet> below, Func<uint, AddressSet> above)
    {
        if (value.Ranges.Length != 1 || value.Ranges[0].First != value.Ranges[0].Last)
        {
            throw new InputException(written.Start.Location(file), Messages.Format("NftSingleAddressExpected", InputEcho.Escape($"{selector.Text} {op}"), InputEcho.Escape(written.Display)));
        }
        var address = value.Ranges[0].First;
        var single = AddressSet.Of(AddressRange.Single(address));
        return op switch
        {
            "<" => below(address),
            "<=" => below(address).Union(single),
            ">" => above(address),
            _ => above(address).Union(single),
        };
    }

    private PortSet OrderedPorts(string op, PortSet value, NftSelector selector, NftValueSyntax written)
    {
        if (value.Ranges.Length != 1 || value.Ranges[0].First != value.Ranges[0].Last)
        {
            throw new InputException(written.Start.Location(file), Messages.Format("NftSinglePortExpected", InputEcho.Escape($"{selector.Text} {op}"), InputEcho.Escape(written.Display)));
        }
        var port = value.Ranges[0].First;
        return op switch
        {
            "<" => port == 0 ? PortSet.Empty : PortSet.Range(0, port - 1),
            "<=" => PortSet.Range(0, port),
            ">" => port == PortRange.MaxPort ? PortSet.Empty : PortSet.Range(port + 1, PortRange.MaxPort),
            _ => PortSet.Range(port, PortRange.MaxPort),
        };
    }

    /// <summary>
    /// The keys a value stands for: itself, the elements of <c>{ … }</c>, or those of a named set. Null (with
    /// the reason) when they cannot be known from the file: a set filled at run time, or a masked value.
    /// </summary>
    private IReadOnlyList<NftValueSyntax>? KeysOf(NftValueSyntax value, out string? why)
    {
        why = null;
        switch (value)
        {
            case NftSetValue set:
                return [.. set.Elements.Select(e => e.Key)];
            case NftSetReference reference:
                var named = FindSet(reference);
                if (named.IsDynamic || dynamicSets.Contains(named.Name))
                {
                    why = "dynamic set";
                    return null;
                }
                return [.. named.Elements.Select(e => e.Key)];
            case NftMaskedValue:
                why = "bit mask";
                return null;
            default:
                return [value];
        }
    }

    private NftToken Single(NftValueSyntax key, NftSelector selector) =>
        key is NftLiteral literal
            ? literal.Token
            : throw new InputException(key.Start.Location(file), Messages.Format("NftNotSingleValue", InputEcho.Escape(key.Display), InputEcho.Escape(selector.Text)));

    private NftNamedSetSyntax FindSet(NftSetReference reference) =>
        table.Sets.TryGetValue(reference.Name, out var set)
            ? set
            : throw new InputException(reference.Token.Location(file), Messages.Format("NftSetMissing", InputEcho.Escape(reference.Name), InputEcho.Escape(table.QualifiedName)));

    private IReadOnlyList<NftElementSyntax> MapElements(NftValueSyntax map)
    {
        if (map is NftSetValue anonymous) return anonymous.Elements;
        var reference = (NftSetReference)map;
        var named = FindSet(reference);
        if (!named.IsMap) throw new InputException(reference.Token.Location(file), Messages.Format("NftSetNotVerdictMap", InputEcho.Escape(reference.Name)));
        return named.Elements;
    }

    /// <summary>The verdict a map element gives: <c>accept</c>, <c>drop</c>, <c>continue</c>, <c>return</c>, <c>jump X</c>, <c>goto X</c>.</summary>
    private (RuleVerdict Verdict, NftToken? Target) VerdictOf(NftElementSyntax element)
    {
        if (element.Data.IsEmpty) throw new InputException(element.Key.Start.Location(file), Messages.Format("NftElementNoVerdict", InputEcho.Escape(element.Key.Display)));
        var word = element.Data[0];
        RuleVerdict verdict = word.Text switch
        {
            "accept" => RuleVerdict.Permit,
            "drop" => RuleVerdict.Deny,
            "continue" => RuleVerdict.Continue,
            "return" => RuleVerdict.Return,
            "jump" => RuleVerdict.Jump,
            "goto" => RuleVerdict.Goto,
            _ => throw new InputException(word.Location(file), Messages.Format("NftNotVerdict", InputEcho.Escape(word.Display))),
        };
        if (verdict is not (RuleVerdict.Jump or RuleVerdict.Goto)) return (verdict, null);
        if (element.Data.Length < 2) throw new InputException(word.Location(file), Messages.Format("NftVerdictNeedsChain", InputEcho.Escape(word.Text)));
        RequireChain(element.Data[1]);
        return (verdict, element.Data[1]);
    }

    private void RequireChain(NftToken target)
    {
        if (table.FindChain(target.Text) is null)
        {
            throw new InputException(target.Location(file), Messages.Format("NftJumpToMissingChain", InputEcho.Escape(target.Text), InputEcho.Escape(table.QualifiedName)));
        }
    }

    private NftConditions Opaque(NftConditions conditions, NftSelector selector, NftToken start, string text, string written, string? why = null)
    {
        var construct = why is null ? selector.Text : $"{selector.Text} ({why})";
        Note(start, construct, text);
        var narrowed = selector.ImpliedProtocol is { } implied ? conditions.WithProtocols(ProtocolSet.Of(implied)) : conditions;
        return narrowed.WithOpaque(new OpaqueCondition(why ?? selector.Category, written));
    }

    private NftConditions OpaqueForAll(NftConditions conditions, ImmutableArray<NftSelector> selectors, NftToken start, string text, string written, string? why = null)
    {
        var construct = string.Join(" . ", selectors.Select(s => s.Text));
        Note(start, why is null ? construct : $"{construct} ({why})", text);
        foreach (var implied in selectors.Select(s => s.ImpliedProtocol).OfType<int>()) conditions = conditions.WithProtocols(ProtocolSet.Of(implied));
        return conditions.WithOpaque(new OpaqueCondition(why ?? selectors[0].Category, written));
    }

    private void Note(NftToken start, string construct, string text)
    {
        if (_noted.Add((start, construct)))
        {
            notes.Add(new NotUnderstood(start.UseSite.Location(file), construct, text, NotUnderstoodEffect.RuleMayMatch));
        }
    }

    /// <summary>Alternatives that no protocol can match are dropped, unless none is left: the rule then never matches, and says so.</summary>
    private static List<NftConditions> Prune(IEnumerable<NftConditions> alternatives)
    {
        var all = alternatives.ToList();
        var possible = all.Where(c => !c.NeverMatchesAProtocol).ToList();
        return possible.Count > 0 || all.Count == 0 ? possible : [all[0]];
    }
}
