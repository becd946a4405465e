using System.Collections.Frozen;
using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>Where an entry sits: its list, its sequence number, its text and its first word.</summary>
internal sealed record EntryContext(string ListName, AccessListType Type, int Sequence, string Text, SourceLocation Location);

/// <summary>
/// Reads one ACE (formats.md §4.1) from its action on:
/// <c>[dynamic N [timeout M]] permit|deny PROTOCOL SRC [PORTS] DST [PORTS] [icmp type] [options]</c>, a standard
/// entry's <c>permit|deny SRC [WILDCARD] [log]</c>, or <c>evaluate NAME</c>.
/// <list type="bullet">
/// <item>Exact: <c>any</c>, <c>host</c>, wildcards (non-contiguous ones expanded, see <see cref="IosAddressing.MaxScatteredWildcardBits"/>),
/// object-groups, port operators and names, <c>established</c> (NewConnections = false). <c>log</c>, <c>log-input</c>,
/// <c>reflect</c> (it permits like any entry; its side effect lives where <c>evaluate</c> is), <c>sequence</c> and the
/// show-output annotations in parentheses (<c>(12 matches)</c>) change nothing and are ignored.</item>
/// <item>Opaque (the rule may match; one NotUnderstood RuleMayMatch each): <c>time-range</c>, <c>fragments</c>,
/// <c>precedence</c>/<c>tos</c>/<c>dscp</c>/<c>ttl</c>/<c>option</c>, ICMP/IGMP message types, TCP flags
/// (<c>ack</c>/<c>rst</c> and <c>match-all +ack</c> also make NewConnections false: a first SYN carries neither),
/// <c>dynamic</c> (lock-and-key: inactive until a user authenticates), <c>evaluate</c> (reflexive return traffic only,
/// so also NewConnections false), <c>host NAME</c> (IOS resolves a host name when the entry is typed), undefined
/// object-groups, backwards port ranges, and any option word after a complete entry that is not known.</item>
/// <item>Errors (InputException): a bad action, protocol, address, wildcard or port, a port out of range, an operator
/// without its port, port operators on a protocol without ports, a line that ends too early.</item>
/// </list>
/// </summary>
internal sealed class AccessEntryParser(ObjectGroups groups)
{
    private readonly Dictionary<string, ImmutableArray<ServiceEntry>> _mergedServices = new(StringComparer.Ordinal);
    private readonly WildcardBudget _wildcards = new();

    /// <summary>
    /// The ranges the file's scattered wildcards may expand into, all entries together (<see cref="InputLimits.MaxExpansion"/>):
    /// one entry is at most 1,024 ranges, but 100,000 such entries were hundreds of megabytes. Past the bound a wildcard
    /// gets the smallest block holding its matches and a "wildcard" condition, as one with too many scattered bits does.
    /// </summary>
    private sealed class WildcardBudget
    {
        public long Left { get; set; } = InputLimits.MaxExpansion;
    }

    private long _expandedRules;

    private static readonly FrozenSet<string> OptionWords = new[]
    {
        "established", "log", "log-input", "time-range", "fragments", "precedence", "tos", "dscp", "ttl", "option",
        "reflect", "ack", "fin", "psh", "rst", "syn", "urg", "match-all", "match-any", "sequence",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Any protocol, any ports: what standard entries, <c>evaluate</c> and an undefined service group stand for.</summary>
    private static readonly ServiceEntry Everything = new(ProtocolSet.Any, PortSet.All, PortSet.All, []);

    /// <summary>A condition the sets cannot hold, and the word it starts at, for the NotUnderstood entry.</summary>
    private sealed record LocatedCondition(OpaqueCondition Condition, SourceLocation At);

    /// <summary>The mutable state of one entry while its words are read.</summary>
    private sealed class EntryState(TokenCursor cursor, WildcardBudget wildcards)
    {
        public TokenCursor Cursor { get; } = cursor;

        public WildcardBudget Wildcards { get; } = wildcards;
        public List<LocatedCondition> Conditions { get; } = [];
        public bool NewConnections { get; set; } = true;

        /// <summary>An <c>established</c>, flag or <c>evaluate</c> condition (see <see cref="ImportedRule.StateLimited"/>).</summary>
        public bool StateLimited => !NewConnections;

        public void Opaque(string construct, string text, ConfigToken at) => Conditions.Add(new(new OpaqueCondition(construct, text), Cursor.At(at)));
    }

    public DraftEntry Parse(TokenCursor cursor, EntryContext entry)
    {
        var state = new EntryState(cursor, _wildcards);
        var words = string.Join(' ', cursor.Line.Tokens.SkipWhile(t => t.Column < (cursor.Peek()?.Column ?? int.MaxValue)).Select(t => t.Text));
        var action = cursor.Next(Phrase.Of("IosWhatPermitOrDeny"));
        if (action.Text == "evaluate")
        {
            cursor.Next(Phrase.Of("IosWhatReflexiveNameAfterEvaluate"));
            state.Opaque("reflexive-evaluate", cursor.TextFrom(action), action);
            RejectTrailing(cursor);
            // Reflexive entries mirror sessions opened the other way: they only ever pass return traffic.
            state.NewConnections = false;
            return Finish(entry, words, RuleVerdict.Permit, state, AddressSet.Any, AddressSet.Any, [Everything]);
        }
        if (action.Text == "dynamic")
        {
            var name = cursor.Next(Phrase.Of("IosWhatDynamicName"));
            var last = name;
            if (cursor.TryTake("timeout")) last = cursor.Next(Phrase.Of("IosWhatTimeoutMinutes"));
            state.Opaque("dynamic", cursor.TextBetween(action, last), action);
            action = cursor.Next(Phrase.Of("IosWhatActionAfterDynamic"));
        }
        var verdict = action.Text switch
        {
            "permit" => RuleVerdict.Permit,
            "deny" => RuleVerdict.Deny,
            _ => throw cursor.Error(action, Messages.Format("IosUnknownAction", InputEcho.Escape(action.Text))),
        };
        return entry.Type == AccessListType.Standard
            ? ParseStandard(entry, words, verdict, state)
            : ParseExtended(entry, words, verdict, state);
    }

    private DraftEntry ParseStandard(EntryContext entry, string words, RuleVerdict verdict, EntryState state)
    {
        var cursor = state.Cursor;
        var sourceToken = cursor.Peek() ?? throw cursor.MissingAtEnd(Phrase.Of("IosWhatSourceAddress"));
        if (IosProtocols.IsName(sourceToken.Text))
        {
            // A protocol where a standard list wants its source: an extended entry under a standard header, as
            // in one of the ntc-templates show outputs. IOS cannot hold it so; which list the device has is unknown.
            var note = new NotUnderstood(entry.Location, "extended-entry-in-standard-list", entry.Text, NotUnderstoodEffect.ChainUncertain);
            return new DraftEntry(words, [], [note]);
        }
        var source = ParseStandardSource(state);
        ParseOptions(state, transport: null);
        return Finish(entry, words, verdict, state, source, AddressSet.Any, [Everything]);
    }

    /// <summary><c>any</c>, <c>host A</c>, <c>A [WILDCARD]</c> (a bare address is one host) or show's <c>A, wildcard bits W</c>.</summary>
    private static AddressSet ParseStandardSource(EntryState state)
    {
        var cursor = state.Cursor;
        var token = cursor.Next(Phrase.Of("IosWhatSourceAddress"));
        if (token.Text == "any") return AddressSet.Any;
        if (token.Text == "host") return ParseHost(state, token);
        var addressText = token.Text.TrimEnd(',');
        if (!IosAddressing.LooksNumeric(addressText))
        {
            throw cursor.Error(token, Messages.Format("IosNotSource", InputEcho.Escape(token.Text)));
        }
        var address = Quad(cursor, token, addressText, Phrase.Of("IosWhatIpv4Address"));
        if (token.Text.EndsWith(','))
        {
            Expect(cursor, "wildcard");
            Expect(cursor, "bits");
            return Wildcard(state, token, address, cursor.Next(Phrase.Of("IosWhatWildcardBits")));
        }
        if (cursor.Peek() is { } next && IosAddressing.LooksNumeric(next.Text))
        {
            return Wildcard(state, token, address, cursor.Next(Phrase.Of("IosWhatWildcardMask")));
        }
        return AddressSet.Of(AddressRange.Single(address));
    }

    private DraftEntry ParseExtended(EntryContext entry, string words, RuleVerdict verdict, EntryState state)
    {
        var cursor = state.Cursor;
        var protocolToken = cursor.Next(Phrase.Of("IosWhatProtocol"));
        ImmutableArray<ServiceEntry> services;
        PortProtocol? transport = null;
        var isIcmp = false;
        var isIgmp = false;
        if (protocolToken.Text == "object-group")
        {
            services = ResolveServiceGroup(state, protocolToken, cursor.Next(Phrase.Of("IosWhatServiceGroupName")));
        }
        else
        {
            var protocols = IosProtocols.Resolve(protocolToken, cursor)
                ?? throw cursor.Error(protocolToken, Messages.Format("IosUnknownProtocol", InputEcho.Escape(protocolToken.Text)));
            transport = IosProtocols.Transport(protocols);
            isIcmp = IosProtocols.IsOnly(protocols, IosProtocols.Icmp);
            isIgmp = IosProtocols.IsOnly(protocols, IosProtocols.Igmp);
            services = [new ServiceEntry(protocols, PortSet.All, PortSet.All, [])];
        }
        var source = ParseAddress(state, source: true);
        var sourcePorts = ParsePorts(state, transport);
        var destination = ParseAddress(state, source: false);
        var destinationPorts = ParsePorts(state, transport);
        if (isIcmp || isIgmp) ParseMessageType(state, isIcmp ? "icmp-type" : "igmp-type");
        ParseOptions(state, transport);
        if (transport is not null)
        {
            services = [services[0] with { SourcePorts = sourcePorts, DestinationPorts = destinationPorts }];
        }
        return Finish(entry, words, verdict, state, source, destination, services);
    }

    /// <summary>
    /// A service group's alternatives as rules: those with the same protocols and source ports merge (their
    /// destination ports unite, which is exact), so <c>tcp eq 9101</c>, <c>tcp eq 9102</c> stay one rule. Merged once
    /// per group, however many entries name it.
    /// </summary>
    private ImmutableArray<ServiceEntry> ResolveServiceGroup(EntryState state, ConfigToken keyword, ConfigToken name)
    {
        var cursor = state.Cursor;
        if (_mergedServices.TryGetValue(name.Text, out var known))
        {
            Expand(cursor, keyword, known.Length);
            return known;
        }
        var resolution = groups.ResolveService(name.Text);
        if (resolution is null)
        {
            if (groups.IsNetwork(name.Text)) throw cursor.Error(name, Messages.Format("IosNetworkGroupAsProtocol", InputEcho.Escape(name.Text)));
            state.Opaque("object-group", $"object-group {name.Text} (not defined in this file)", keyword);
            return [Everything];
        }
        var merged = new List<ServiceEntry>();
        // Where each (protocols, source ports) alternative went, and the destination ports gathered for it.
        var slots = new Dictionary<(ProtocolSet, PortSet), int>();
        var destinations = new Dictionary<int, List<PortRange>>();
        foreach (var service in resolution.Entries)
        {
            if (service.Opaque.IsEmpty && slots.TryGetValue((service.Protocols, service.SourcePorts), out var index))
            {
                destinations[index].AddRange(service.DestinationPorts.Ranges);
                continue;
            }
            if (service.Opaque.IsEmpty)
            {
                slots[(service.Protocols, service.SourcePorts)] = merged.Count;
                destinations[merged.Count] = [.. service.DestinationPorts.Ranges];
            }
            merged.Add(service);
        }
        foreach (var (index, ranges) in destinations)
        {
            merged[index] = merged[index] with { DestinationPorts = PortSet.From(ranges) };
        }
        if (!resolution.MissingGroups.IsEmpty)
        {
            // The missing group could hold any protocol: an alternative that may match anything says so.
            var text = $"object-group {name.Text} includes {string.Join(", ", resolution.MissingGroups)} (not defined in this file)";
            merged.Add(Everything with { Opaque = [new OpaqueCondition("object-group", text)] });
        }
        // An empty group matches nothing, and so does an entry with no alternative.
        ImmutableArray<ServiceEntry> result = [.. merged];
        _mergedServices[name.Text] = result;
        Expand(cursor, keyword, result.Length);
        return result;
    }

    /// <summary>
    /// Each alternative of a service group is a rule of every entry that names the group: a group of a thousand
    /// alternatives named by a thousand entries is a million rules from a few thousand lines. The rules beyond one per
    /// entry are counted for the whole file and bounded by <see cref="InputLimits.MaxExpansion"/>.
    /// </summary>
    private void Expand(TokenCursor cursor, ConfigToken keyword, int alternatives)
    {
        _expandedRules += Math.Max(0, alternatives - 1);
        if (_expandedRules > InputLimits.MaxExpansion)
        {
            throw cursor.Error(keyword, Messages.Format("IosServiceExpansion", InputLimits.MaxExpansion));
        }
    }

    /// <param name="source">The entry's source address (else its destination), for the messages.</param>
    private AddressSet ParseAddress(EntryState state, bool source)
    {
        var cursor = state.Cursor;
        var token = cursor.Next(Phrase.Of(source ? "IosWhatSourceAddress" : "IosWhatDestinationAddress"));
        switch (token.Text)
        {
            case "any":
                return AddressSet.Any;
            case "host":
                return ParseHost(state, token);
            case "object-group":
                var name = cursor.Next(Phrase.Of(source ? "IosWhatSourceGroupName" : "IosWhatDestinationGroupName"));
                var resolution = groups.ResolveNetwork(name.Text);
                if (resolution is null)
                {
                    if (groups.IsService(name.Text)) throw cursor.Error(name, Messages.Format(source ? "IosServiceGroupAsSource" : "IosServiceGroupAsDestination", InputEcho.Escape(name.Text)));
                    state.Opaque("object-group", $"object-group {name.Text} (not defined in this file)", token);
                    return AddressSet.Any;
                }
                if (!resolution.MissingGroups.IsEmpty)
                {
                    state.Opaque("object-group", $"object-group {name.Text} includes {string.Join(", ", resolution.MissingGroups)} (not defined in this file)", token);
                    return AddressSet.Any;
                }
                return resolution.Addresses;
            default:
                if (!IosAddressing.LooksNumeric(token.Text))
                {
                    throw cursor.Error(token, Messages.Format(source ? "IosNotSourceAddress" : "IosNotDestinationAddress", InputEcho.Escape(token.Text)));
                }
                var address = Quad(cursor, token, token.Text, Phrase.Of("IosWhatIpv4Address"));
                var wildcard = cursor.Next(Phrase.Of("IosWhatWildcardAfter", InputEcho.Escape(token.Text)));
                if (!IosAddressing.LooksNumeric(wildcard.Text))
                {
                    throw cursor.Error(wildcard, Messages.Format("IosNotWildcard", InputEcho.Escape(wildcard.Text), InputEcho.Escape(token.Text)));
                }
                return Wildcard(state, token, address, wildcard);
        }
    }

    private static AddressSet ParseHost(EntryState state, ConfigToken host)
    {
        var cursor = state.Cursor;
        var token = cursor.Next(Phrase.Of("IosWhatAddressAfterHost"));
        if (IosAddressing.LooksNumeric(token.Text)) return AddressSet.Of(AddressRange.Single(Quad(cursor, token, token.Text, Phrase.Of("IosWhatIpv4Address"))));
        if (char.IsAsciiLetter(token.Text[0]) && token.Text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            // IOS's CLI takes a host name here and stores the address it resolves to (formats.md [MEM], not checked on
            // a device); which address that was is not in the file.
            state.Opaque("hostname", cursor.TextBetween(host, token), host);
            return AddressSet.Any;
        }
        throw cursor.Error(token, Messages.Format("IosNotAddressOrHost", InputEcho.Escape(token.Text)));
    }

    private static AddressSet Wildcard(EntryState state, ConfigToken addressToken, uint address, ConfigToken wildcardToken)
    {
        var wildcard = Quad(state.Cursor, wildcardToken, wildcardToken.Text, Phrase.Of("IosWhatAWildcardMask"));
        var expansion = IosAddressing.ExpandWildcard(address, wildcard, state.Wildcards.Left);
        if (expansion.Exact && expansion.RangeCount > 1) state.Wildcards.Left -= expansion.RangeCount;
        if (!expansion.Exact)
        {
            state.Opaque("wildcard", $"{state.Cursor.TextBetween(addressToken, wildcardToken)} ({expansion.RangeCount} separate ranges; the smallest block holding them is used)", addressToken);
        }
        return expansion.Addresses;
    }

    private static PortSet ParsePorts(EntryState state, PortProtocol? transport)
    {
        var cursor = state.Cursor;
        if (!IosPorts.IsOperator(cursor.PeekText)) return PortSet.All;
        var op = cursor.Next(Phrase.Of("IosWhatPortOperator"));
        if (transport is null) throw cursor.Error(op, Messages.Format("IosPortsWithoutTransport", InputEcho.Escape(op.Text)));
        var match = IosPorts.ParseOperator(cursor, op, transport.Value);
        if (match.Opaque is not null) state.Opaque(match.Opaque.Construct, match.Opaque.Text, op);
        return match.Ports;
    }

    /// <summary>ICMP <c>echo</c>, <c>unreachable</c>, <c>TYPE [CODE]</c> or an IGMP type: the engine has no field for them.</summary>
    private static void ParseMessageType(EntryState state, string construct)
    {
        var cursor = state.Cursor;
        if (cursor.Peek() is not { } type || OptionWords.Contains(type.Text) || type.Text.StartsWith('(')) return;
        cursor.Next(Phrase.Of("IosWhatMessageType"));
        var last = type;
        if (IosAddressing.IsDigits(type.Text))
        {
            if (type.Text.Length > 3 || int.Parse(type.Text, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                throw cursor.Error(type, Messages.Format("IosMessageTypeOutOfRange", InputEcho.Escape(type.Text)));
            }
            if (cursor.Peek() is { } code && IosAddressing.IsDigits(code.Text)) last = cursor.Next(Phrase.Of("IosWhatMessageCode"));
        }
        state.Opaque(construct, cursor.TextBetween(type, last), type);
    }

    private static void ParseOptions(EntryState state, PortProtocol? transport)
    {
        var cursor = state.Cursor;
        var flags = new List<ConfigToken>();
        while (cursor.Peek() is { } token)
        {
            cursor.Next(Phrase.Of("IosWhatOption"));
            switch (token.Text)
            {
                case "log" or "log-input":
                    // An optional log cookie follows; it is a word no option starts with.
                    if (cursor.Peek() is { } cookie && !OptionWords.Contains(cookie.Text) && !cookie.Text.StartsWith('(')) cursor.Next(Phrase.Of("IosWhatLogCookie"));
                    break;
                case "established":
                    RequireTcp(cursor, token, transport);
                    state.NewConnections = false;
                    break;
                case "time-range":
                    var range = cursor.Next(Phrase.Of("IosWhatTimeRangeName"));
                    if (cursor.PeekText is "(active)" or "(inactive)") range = cursor.Next(Phrase.Of("IosWhatTimeRangeState"));
                    state.Opaque("time-range", cursor.TextBetween(token, range), token);
                    break;
                case "fragments":
                    state.Opaque("fragments", token.Text, token);
                    break;
                case "precedence" or "tos" or "dscp" or "option":
                    var value = cursor.Next(Phrase.Of("IosWhatValueOf", token.Text));
                    state.Opaque(token.Text, cursor.TextBetween(token, value), token);
                    break;
                case "ttl":
                    var ttlOperator = cursor.Next(Phrase.Of("IosWhatTtlOperator"));
                    var ttlValue = cursor.Next(Phrase.Of("IosWhatTtlValue"));
                    if (ttlOperator.Text == "range") ttlValue = cursor.Next(Phrase.Of("IosWhatUpperTtl"));
                    state.Opaque("ttl", cursor.TextBetween(token, ttlValue), token);
                    break;
                case "reflect":
                    cursor.Next(Phrase.Of("IosWhatReflexiveName"));
                    if (cursor.TryTake("timeout")) cursor.Next(Phrase.Of("IosWhatTimeoutSeconds"));
                    break;
                case "sequence":
                    cursor.Next(Phrase.Of("IosWhatSequenceNumber"));
                    break;
                case "ack" or "fin" or "psh" or "rst" or "syn" or "urg":
                    RequireTcp(cursor, token, transport);
                    flags.Add(token);
                    if (token.Text is "ack" or "rst") state.NewConnections = false;
                    break;
                case "match-all" or "match-any":
                    RequireTcp(cursor, token, transport);
                    flags.Add(token);
                    var signed = new List<string>();
                    while (cursor.Peek() is { } flag && (flag.Text.StartsWith('+') || flag.Text.StartsWith('-')))
                    {
                        flags.Add(cursor.Next(Phrase.Of("IosWhatFlag")));
                        signed.Add(flag.Text);
                    }
                    // An initial SYN has neither ACK nor RST: requiring one of them rules out new connections.
                    var excludesSyn = token.Text == "match-all"
                        ? signed.Any(f => f is "+ack" or "+rst")
                        : signed.Count > 0 && signed.All(f => f is "+ack" or "+rst");
                    if (excludesSyn) state.NewConnections = false;
                    break;
                default:
                    if (token.Text.StartsWith('('))
                    {
                        // show output annotations: "(5177 matches)", "(time left 120)"
                        var closing = token;
                        while (!closing.Text.EndsWith(')') && !cursor.AtEnd) closing = cursor.Next(Phrase.Of("IosWhatQuoted", ")"));
                        break;
                    }
                    state.Opaque("unrecognised-option", cursor.TextFrom(token), token);
                    cursor.SkipToEnd();
                    break;
            }
        }
        if (flags.Count > 0)
        {
            state.Opaque("tcp-flags", string.Join(' ', flags.Select(f => f.Text)), flags[0]);
        }
    }

    private static void RequireTcp(TokenCursor cursor, ConfigToken token, PortProtocol? transport)
    {
        if (transport != PortProtocol.Tcp) throw cursor.Error(token, Messages.Format("IosTcpOnly", InputEcho.Escape(token.Text)));
    }

    private static DraftEntry Finish(EntryContext entry, string words, RuleVerdict verdict, EntryState state,
        AddressSet source, AddressSet destination, ImmutableArray<ServiceEntry> services)
    {
        var common = state.Conditions.Select(c => c.Condition).ToImmutableArray();
        var rules = services.Select((service, index) => new ImportedRule(
                services.Length == 1 ? $"{entry.ListName}:{entry.Sequence}" : $"{entry.ListName}:{entry.Sequence}.{index + 1}",
                entry.Location, entry.Text, verdict, null, service.Protocols, source, destination,
                service.SourcePorts, service.DestinationPorts, state.NewConnections, null, true, [], [.. common, .. service.Opaque])
            {
                StateLimited = state.StateLimited,
            })
            .ToImmutableArray();
        var notes = state.Conditions
            .Select(c => new NotUnderstood(c.At, c.Condition.Construct, c.Condition.Text, NotUnderstoodEffect.RuleMayMatch))
            .Concat(services.SelectMany(s => s.Opaque).Distinct()
                .Select(o => new NotUnderstood(entry.Location, o.Construct, o.Text, NotUnderstoodEffect.RuleMayMatch)))
            .ToImmutableArray();
        return new DraftEntry(words, rules, notes);
    }

    private static uint Quad(TokenCursor cursor, ConfigToken token, string text, Phrase what) =>
        AddressRange.TryParseAddress(text, out var value) ? value : throw cursor.Error(token, Messages.Format("IosNotQuad", InputEcho.Escape(text), what.ToString()));

    private static void Expect(TokenCursor cursor, string word)
    {
        var token = cursor.Next(Phrase.Of("IosWhatQuoted", InputEcho.Escape(word)));
        if (token.Text != word) throw cursor.Error(token, Messages.Format("IosExpectedWord", InputEcho.Escape(word), InputEcho.Escape(token.Text)));
    }

    private static void RejectTrailing(TokenCursor cursor)
    {
        if (cursor.Peek() is { } extra) throw cursor.Error(extra, Messages.Format("IosUnexpectedAtEnd", InputEcho.Escape(extra.Text)));
    }
}
