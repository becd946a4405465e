using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Reads one rule's statements: matches (<c>SELECTOR [op] VALUE</c>), verdicts, verdict maps and the
/// statements that do not decide (<c>counter</c>, <c>log</c>, <c>comment</c>, <c>meta mark set …</c>,
/// <c>notrack</c>, flow offload, set updates). <c>limit</c>, <c>quota</c> and metered limits may stop a packet
/// from reaching the verdict, so they are kept as opaque statements. A rule with a keyword the reader does
/// not know (<c>queue</c>, <c>synproxy</c>, <c>tproxy</c>, <c>fwd</c>, <c>dup</c>, <c>xt</c>, or something
/// newer than this reader) is marked unreadable: where its statement ends cannot be known.
/// </summary>
internal sealed class NftRuleParser
{
    private static readonly ImmutableHashSet<string> Operators = ["==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge", "over"];
    private static readonly ImmutableHashSet<string> BinaryOperators = ["&", "|", "^", "<<", ">>", "and", "or", "xor", "lshift", "rshift"];
    private static readonly ImmutableHashSet<string> TransportProtocols = ["tcp", "udp", "udplite", "sctp", "dccp"];
    private static readonly ImmutableHashSet<string> Ipv6ExtensionHeaders = ["exthdr", "hbh", "rt0", "rt2", "srh", "frag", "dst", "mh"];
    private static readonly ImmutableHashSet<string> UnreadableStatements = ["queue", "synproxy", "tproxy", "fwd", "dup", "xt"];

    /// <summary>Meta keys nft accepts without the <c>meta</c> keyword.</summary>
    private static readonly ImmutableHashSet<string> BareMetaKeys =
    [
        "mark", "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "skuid", "skgid", "nftrace", "rtclassid", "ibriport",
        "obriport", "ibrname", "obrname", "iifgroup", "oifgroup", "cgroup", "l4proto", "nfproto", "pkttype", "iifkind", "oifkind",
    ];

    private static readonly ImmutableHashSet<string> InterfaceKeys =
    [
        "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "iifgroup", "oifgroup", "iifkind", "oifkind", "ibriport", "obriport",
        "ibrname", "obrname", "sdif", "sdifname", "ibrpvid", "ibrvproto",
    ];

    private static readonly ImmutableDictionary<string, int> HeaderProtocols = new Dictionary<string, int>
    {
        ["tcp"] = 6, ["udp"] = 17, ["udplite"] = 136, ["sctp"] = 132, ["dccp"] = 33, ["icmp"] = 1, ["igmp"] = 2,
        ["ah"] = 51, ["esp"] = 50, ["comp"] = 108, ["gre"] = 47,
    }.ToImmutableDictionary();

    private static readonly ImmutableHashSet<string> SelectorKeywords =
    [
        "ip", "ip6", "th", "icmpv6", "ether", "vlan", "arp", "meta", "ct", "fib", "socket", "rt", "osf", "ipsec", "numgen",
        "symhash", "jhash", .. HeaderProtocols.Keys, .. BareMetaKeys, .. Ipv6ExtensionHeaders,
    ];

    private readonly NftCursor _cursor;
    private readonly NftRuleSyntax _rule;
    private readonly ImmutableArray<NftMatch>.Builder _matches = ImmutableArray.CreateBuilder<NftMatch>();
    private readonly ImmutableArray<NftOpaqueStatement>.Builder _opaque = ImmutableArray.CreateBuilder<NftOpaqueStatement>();
    private readonly ImmutableArray<string>.Builder _updatedSets = ImmutableArray.CreateBuilder<string>();
    private NftVerdictSyntax? _verdict;
    private NftVerdictMap? _verdictMap;
    private NftRuleIssue? _notIpv4;
    private NftRuleIssue? _unreadable;
    private NftRuleIssue? _translation;

    private NftRuleParser(NftRuleSyntax rule, string file)
    {
        _rule = rule;
        var last = rule.Tokens[^1].UseSite;
        _cursor = new NftCursor(rule.Tokens, file, new SourceLocation(file, last.Line, last.Column + last.Display.Length), Phrase.Of("NftWhatRule"));
    }

    public static NftParsedRule Parse(NftRuleSyntax rule, string file)
    {
        var parser = new NftRuleParser(rule, file);
        parser.ParseStatements();
        // A statement on an element of an anonymous set (a limit, a quota) may keep the element from matching.
        foreach (var skipped in parser._cursor.SkippedElementStatements)
        {
            parser._opaque.Add(new NftOpaqueStatement("set element statement", "set element statement", skipped.Start, $"{skipped.Text} on a set element"));
        }
        return new NftParsedRule(rule, parser._matches.ToImmutable(), parser._opaque.ToImmutable(), parser._verdict, parser._verdictMap,
            parser._notIpv4, parser._unreadable, parser._translation, parser._updatedSets.ToImmutable());
    }

    /// <summary>Words that start a selector: what a concatenation or a computed value may continue with.</summary>
    public static bool StartsSelector(NftToken token) =>
        token.IsWord && (SelectorKeywords.Contains(token.Text) || IsRawPayload(token));

    private void ParseStatements()
    {
        while (!_cursor.AtEnd && _unreadable is null)
        {
            var token = _cursor.Peek()!;
            if (!token.IsWord)
            {
                _unreadable = new NftRuleIssue(token.Display, token);
                return;
            }
            if (TryVerdict(token)) continue;
            switch (token.Text)
            {
                case "counter":
                    _cursor.Next(Phrase.Of("NftWhatWord", "counter"));
                    ReadCounter();
                    break;
                case "log":
                    _cursor.Next(Phrase.Of("NftWhatWord", "log"));
                    ReadLog();
                    break;
                case "comment":
                    _cursor.Next(Phrase.Of("NftWhatWord", "comment"));
                    _cursor.NextValue(Phrase.Of("NftWhatComment"));
                    break;
                case "notrack":
                    _cursor.Next(Phrase.Of("NftWhatWord", "notrack"));
                    break;
                case "last":
                    // "last used never", "last used 5s": when the rule last matched, as a counter does.
                    _cursor.Next(Phrase.Of("NftWhatWord", "last"));
                    if (_cursor.TryTake("used")) _cursor.NextValue(Phrase.Of("NftWhatTimeOrNever"));
                    break;
                case "limit":
                    ReadLimit(_cursor.Next(Phrase.Of("NftWhatWord", "limit")));
                    break;
                case "quota":
                    ReadQuota(_cursor.Next(Phrase.Of("NftWhatWord", "quota")));
                    break;
                case "dnat" or "snat" or "masquerade" or "redirect":
                    ReadTranslation(_cursor.Next(Phrase.Of("NftWhatNatStatement")));
                    break;
                case "add" or "update" or "delete" when _cursor.Peek(1) is { IsWord: true } reference && reference.Text.StartsWith('@'):
                    ReadSetUpdate(_cursor.Next(Phrase.Of("NftWhatSetUpdate")));
                    break;
                case "meter":
                    ReadMeter(_cursor.Next(Phrase.Of("NftWhatWord", "meter")));
                    break;
                case "flow":
                    _cursor.Next(Phrase.Of("NftWhatWord", "flow"));
                    if (!_cursor.TryTake("add")) _cursor.TryTake("offload");
                    _cursor.NextValue(Phrase.Of("NftWhatFlowtable"));
                    break;
                default:
                    if (UnreadableStatements.Contains(token.Text))
                    {
                        _unreadable = new NftRuleIssue(token.Text, token);
                        return;
                    }
                    ReadMatchOrChange(token);
                    break;
            }
        }
    }

    private bool TryVerdict(NftToken token)
    {
        RuleVerdict verdict;
        switch (token.Text)
        {
            case "accept": verdict = RuleVerdict.Permit; break;
            case "drop": verdict = RuleVerdict.Deny; break;
            case "reject": verdict = RuleVerdict.Deny; break;
            case "return": verdict = RuleVerdict.Return; break;
            case "continue": verdict = RuleVerdict.Continue; break;
            case "jump": verdict = RuleVerdict.Jump; break;
            case "goto": verdict = RuleVerdict.Goto; break;
            default: return false;
        }
        _cursor.Next(Phrase.Of("NftWhatVerdict"));
        NftToken? target = null;
        if (verdict is RuleVerdict.Jump or RuleVerdict.Goto) target = _cursor.NextValue(Phrase.Of("NftWhatJumpTarget", token.Text));
        if (token.Is("reject")) ReadRejectOptions();
        // A statement after a verdict is never reached; only the first verdict counts.
        if (_verdict is null && _verdictMap is null) _verdict = new NftVerdictSyntax(verdict, token, target);
        return true;
    }

    /// <summary><c>reject [with icmp|icmpx|icmpv6 [type] CODE | with tcp reset]</c>; <c>icmpv6</c> makes the rule IPv6-only.</summary>
    private void ReadRejectOptions()
    {
        if (!_cursor.TryTake("with")) return;
        var kind = _cursor.NextValue(Phrase.Of("NftWhatRejectType"));
        if (kind.Is("tcp"))
        {
            _cursor.TryTake("reset");
            return;
        }
        _cursor.TryTake("type");
        _cursor.NextValue(Phrase.Of("NftWhatRejectCode"));
        if (kind.Is("icmpv6")) _notIpv4 ??= new NftRuleIssue("ipv6", kind);
    }

    private void ReadCounter()
    {
        if (_cursor.TryTake("name"))
        {
            ReadObjectReference();
            return;
        }
        if (_cursor.TryTake("packets")) _cursor.NextValue(Phrase.Of("NftWhatPacketCount"));
        if (_cursor.TryTake("bytes")) _cursor.NextValue(Phrase.Of("NftWhatByteCount"));
    }

    private void ReadLog()
    {
        while (true)
        {
            if (_cursor.TryTake("prefix") || _cursor.TryTake("level") || _cursor.TryTake("group") || _cursor.TryTake("snaplen")
                || _cursor.TryTake("queue-threshold"))
            {
                _cursor.NextValue(Phrase.Of("NftWhatLogOptionValue"));
            }
            else if (_cursor.TryTake("flags"))
            {
                // "flags all", "flags skuid", "flags tcp sequence,options", "flags ip options".
                var flag = _cursor.NextValue(Phrase.Of("NftWhatLogFlag"));
                if (flag.Text is "tcp" or "ip") _cursor.ReadValue(Phrase.Of("NftWhatHeaderLogOptions"), allowList: true);
            }
            else return;
        }
    }

    /// <summary><c>limit rate [over] 10/second [burst 5 packets]</c>, <c>limit rate 1 mbytes/second</c>, <c>limit name "x"</c>.</summary>
    private void ReadLimit(NftToken keyword)
    {
        var start = _cursor.Position;
        if (_cursor.TryTake("name"))
        {
            ReadObjectReference();
        }
        else
        {
            var rate = _cursor.Next(Phrase.Of("NftWhatWord", "rate"));
            if (!rate.Is("rate")) throw _cursor.Error(rate, Messages.Format("NftExpectedRateOrName", InputEcho.Escape(rate.Display)));
            _cursor.TryTake("over");
            var amount = _cursor.NextValue(Phrase.Of("NftWhatRate"));
            if (!amount.Text.Contains('/'))
            {
                if (_cursor.TryTake("/")) _cursor.NextValue(Phrase.Of("NftWhatTimeUnit"));
                else if (_cursor.Peek() is { IsWord: true } unit && unit.Text.Contains('/')) _cursor.Next(Phrase.Of("NftWhatRateUnit"));
            }
            if (_cursor.TryTake("burst"))
            {
                _cursor.NextValue(Phrase.Of("NftWhatBurstSize"));
                if (_cursor.Peek() is { IsWord: true } burstUnit && burstUnit.Text is "packets" or "bytes" or "kbytes" or "mbytes") _cursor.Next(Phrase.Of("NftWhatUnit"));
            }
        }
        _opaque.Add(new NftOpaqueStatement("limit", "rate limit", keyword, Text(keyword, start)));
    }

    /// <summary><c>quota [over|until] 25 mbytes [used 10 mbytes]</c>, <c>quota name "x"</c>.</summary>
    private void ReadQuota(NftToken keyword)
    {
        var start = _cursor.Position;
        if (_cursor.TryTake("name"))
        {
            ReadObjectReference();
        }
        else
        {
            if (!_cursor.TryTake("over")) _cursor.TryTake("until");
            ReadAmount();
            if (_cursor.TryTake("used")) ReadAmount();
        }
        _opaque.Add(new NftOpaqueStatement("quota", "quota", keyword, Text(keyword, start)));
    }

    private void ReadAmount()
    {
        _cursor.NextValue(Phrase.Of("NftWhatAmount"));
        if (_cursor.Peek() is { IsWord: true } unit && unit.Text is "bytes" or "kbytes" or "mbytes" or "gbytes") _cursor.Next(Phrase.Of("NftWhatUnit"));
    }

    /// <summary>
    /// The object after <c>name</c>: a name, or <c>SELECTOR map { key : "object", … }</c>. The map form
    /// matches only packets whose key is in the map (the lookup fails otherwise), so it narrows the rule.
    /// </summary>
    private void ReadObjectReference()
    {
        var first = _cursor.Peek();
        if (first is null || first.Kind == NftTokenKind.QuotedString || !StartsSelector(first))
        {
            _cursor.NextValue(Phrase.Of("NftWhatObjectName"));
            return;
        }
        var start = _cursor.Position;
        var selectors = ReadSelectors();
        if (selectors is null)
        {
            _unreadable = new NftRuleIssue(first.Text, first);
            return;
        }
        var map = _cursor.Next(Phrase.Of("NftWhatWord", "map"));
        if (!map.Is("map")) throw _cursor.Error(map, Messages.Format("NftExpectedMapAfter", InputEcho.Escape($"{first.Text} …"), InputEcho.Escape(map.Display)));
        var value = _cursor.ReadValue(Phrase.Of("NftWhatMap"), allowList: false);
        if (_verdict is null && _verdictMap is null)
        {
            _matches.Add(new NftMatch(selectors.Value, "==", value, false, first, Text(first, start, includeFirst: false)));
        }
    }

    /// <summary>
    /// Address translation: the statement runs to the end of the rule (its arguments can be maps and
    /// concatenations) except a trailing comment. With an <c>ip6</c> argument the rule is for IPv6 only.
    /// </summary>
    private void ReadTranslation(NftToken keyword)
    {
        while (!_cursor.AtEnd && !_cursor.PeekIs("comment"))
        {
            var token = _cursor.Next(Phrase.Of("NftWhatNatArgument"));
            if (token.Is("ip6")) _notIpv4 ??= new NftRuleIssue("ipv6", token);
        }
        _translation ??= new NftRuleIssue(keyword.Text, keyword);
    }

    /// <summary>
    /// <c>add|update|delete @set { ip saddr [limit rate …] }</c>: filling a set does not filter, but a limit or
    /// quota inside the braces does (a per-key rate limit), and the set becomes dynamic.
    /// </summary>
    private void ReadSetUpdate(NftToken keyword)
    {
        var reference = _cursor.Next(Phrase.Of("NftWhatTheSet"));
        _updatedSets.Add(reference.Text[1..]);
        ReadMeteredBlock(keyword, reference.Text);
    }

    /// <summary><c>meter NAME [size N] { ip saddr limit rate over 10/second }</c>.</summary>
    private void ReadMeter(NftToken keyword)
    {
        var name = _cursor.NextValue(Phrase.Of("NftWhatMeterName"));
        if (_cursor.TryTake("size")) _cursor.NextValue(Phrase.Of("NftWhatMeterSize"));
        ReadMeteredBlock(keyword, name.Text);
    }

    private void ReadMeteredBlock(NftToken keyword, string name)
    {
        var start = _cursor.Position;
        var open = _cursor.Expect(NftTokenKind.OpenBrace, Phrase.Of("NftWhatBraceAfter", InputEcho.Escape($"{keyword.Text} {name}")));
        var depth = 1;
        var limits = false;
        while (depth > 0)
        {
            var token = _cursor.Next(Phrase.Of("NftWhatWord", "}"));
            if (token.Kind == NftTokenKind.OpenBrace) depth++;
            if (token.Kind == NftTokenKind.CloseBrace) depth--;
            if (token.Is("limit") || token.Is("quota") || token.Is("count")) limits = true;
        }
        if (limits) _opaque.Add(new NftOpaqueStatement(keyword.Text, "rate limit", keyword, $"{keyword.Text} {name} {Text(open, start, includeFirst: false)}"));
    }

    /// <summary>
    /// <c>SELECTOR [op] VALUE</c>, <c>SELECTOR vmap …</c>, or a change <c>SELECTOR set VALUE</c> (mark, DSCP,
    /// conntrack mark or helper, TCP MSS …): changes do not filter and are ignored.
    /// </summary>
    private void ReadMatchOrChange(NftToken first)
    {
        var start = _cursor.Position;
        var selectors = ReadSelectors();
        if (selectors is null)
        {
            _unreadable = new NftRuleIssue(first.Text, first);
            return;
        }
        var masked = false;
        NftValueSyntax? andMask = null;
        var operations = 0;
        while (_cursor.Peek() is { IsWord: true } binary && BinaryOperators.Contains(binary.Text))
        {
            var operation = _cursor.Next(Phrase.Of("NftWhatOperator")).Text;
            var operand = _cursor.ReadValue(Phrase.Of("NftWhatOperand"), allowList: false);
            // nft 0.9 prints a flag mask with spaces, "(fin | syn | rst | ack)": one operand, not three more operations.
            if (operand is NftLiteral { Token: var open } && open.Text.StartsWith('(') && !open.Text.EndsWith(')'))
            {
                var joined = new System.Text.StringBuilder(open.Text);
                while (_cursor.Peek() is { IsWord: true } part)
                {
                    _cursor.Next(Phrase.Of("NftWhatFlag"));
                    joined.Append(part.Text);
                    if (part.Text.EndsWith(')')) break;
                }
                operand = new NftLiteral(new NftToken(NftTokenKind.Word, joined.ToString(), open.Line, open.Column, open.Origin));
            }
            masked = true;
            if (++operations == 1 && operation is "&" or "and") andMask = operand;
        }
        if (operations > 1) andMask = null;
        if (_cursor.TryTake("set"))
        {
            ReadComputedValue();
            return;
        }
        if (_cursor.TryTake("vmap"))
        {
            var map = _cursor.ReadValue(Phrase.Of("NftWhatVerdictMap"), allowList: false);
            if (map is not (NftSetValue or NftSetReference)) throw _cursor.Error(map.Start, Messages.Format("NftVerdictMapForm"));
            if (_verdict is null && _verdictMap is null) _verdictMap = new NftVerdictMap(selectors.Value, map, first, Text(first, start, includeFirst: false));
            return;
        }
        var op = "==";
        if (_cursor.Peek() is { IsWord: true } written && Operators.Contains(written.Text)) op = Normalize(_cursor.Next(Phrase.Of("NftWhatOperator")).Text);
        if (_cursor.AtEnd) throw new InputException(_cursor.End, Messages.Format("NftNeedsValue", InputEcho.Escape(string.Join(" . ", selectors.Value.Select(s => s.Text)))));
        var value = _cursor.ReadValue(Phrase.Of("NftWhatValueFor", InputEcho.Escape(selectors.Value[0].Text)), allowList: true);
        foreach (var selector in selectors.Value)
        {
            if (selector.Kind == NftSelectorKind.IpFamily && !masked && NotIpv4(op, value)) _notIpv4 ??= new NftRuleIssue(NotIpv4Construct(value), selector.Start);
        }
        if (_verdict is null && _verdictMap is null)
        {
            _matches.Add(new NftMatch(selectors.Value, op, value, masked, first, Text(first, start, includeFirst: false)) { AndMask = andMask });
        }
    }

    /// <summary>The value of a change: a constant, another selector (<c>ct mark set meta mark</c>), arithmetic, a map lookup.</summary>
    private void ReadComputedValue()
    {
        if (_cursor.Peek() is { } next && StartsSelector(next))
        {
            if (ReadSelectors() is null) _unreadable = new NftRuleIssue(next.Text, next);
        }
        else
        {
            _cursor.ReadValue(Phrase.Of("NftWhatValueToSet"), allowList: true);
        }
        while (_cursor.Peek() is { IsWord: true } binary && BinaryOperators.Contains(binary.Text))
        {
            _cursor.Next(Phrase.Of("NftWhatOperator"));
            _cursor.ReadValue(Phrase.Of("NftWhatOperand"), allowList: false);
        }
        if (_cursor.TryTake("map")) _cursor.ReadValue(Phrase.Of("NftWhatMap"), allowList: false);
    }

    private static bool NotIpv4(string op, NftValueSyntax value)
    {
        var words = value switch
        {
            NftLiteral literal => [literal.Token.Text],
            NftSetValue set => set.Elements.Select(e => e.Key.Display).ToList(),
            _ => (IReadOnlyList<string>?)null,
        };
        if (words is null) return false;
        var includesIpv4 = words.Any(NftValues.IsIpv4Family);
        return op == "!=" ? includesIpv4 : !includesIpv4;
    }

    private static string NotIpv4Construct(NftValueSyntax value) =>
        value.Display.Contains("arp", StringComparison.Ordinal) ? "arp" : "ipv6";

    private static string Normalize(string op) => op switch
    {
        "eq" => "==",
        "ne" => "!=",
        "lt" => "<",
        "gt" or "over" => ">",
        "le" => "<=",
        "ge" => ">=",
        _ => op,
    };

    /// <summary>One selector, or several joined by <c>.</c>; null when the first word is not a selector the reader knows.</summary>
    private ImmutableArray<NftSelector>? ReadSelectors()
    {
        var selectors = ImmutableArray.CreateBuilder<NftSelector>();
        while (true)
        {
            var selector = ReadSelector();
            if (selector is null) return null;
            selectors.Add(selector);
            if (!_cursor.PeekIs(".") || _cursor.Peek(1) is not { } next || !StartsSelector(next)) return selectors.ToImmutable();
            _cursor.Next(Phrase.Of("NftWhatWord", "."));
        }
    }

    private NftSelector? ReadSelector()
    {
        var start = _cursor.Peek();
        if (start is null || !start.IsWord) return null;
        var keyword = start.Text;
        if (IsRawPayload(start))
        {
            _cursor.Next(Phrase.Of("NftWhatRawPayload"));
            var text = start.Text;
            for (var part = 0; part < 2 && _cursor.Peek()?.Kind == NftTokenKind.Comma; part++)
            {
                _cursor.Next(Phrase.Of("NftWhatWord", ","));
                text += "," + _cursor.NextValue(Phrase.Of("NftWhatOffsetOrLength")).Text;
            }
            return Opaque("raw payload", start, text);
        }
        if (!SelectorKeywords.Contains(keyword)) return null;
        _cursor.Next(Phrase.Of("NftWhatSelector"));
        switch (keyword)
        {
            case "ip":
                var ipField = Field(start);
                return ipField switch
                {
                    "saddr" => new NftSelector(NftSelectorKind.SourceAddress, "ip saddr", start, null, "ip saddr"),
                    "daddr" => new NftSelector(NftSelectorKind.DestinationAddress, "ip daddr", start, null, "ip daddr"),
                    "protocol" => new NftSelector(NftSelectorKind.Protocol, "ip protocol", start, null, "ip protocol"),
                    "option" => Opaque($"ip option {OptionName()}", start),
                    _ => Opaque($"ip {ipField}", start),
                };
            case "ip6" or "icmpv6":
                _notIpv4 ??= new NftRuleIssue("ipv6", start);
                return Opaque($"{keyword} {Field(start)}", start);
            case "th":
                var thField = Field(start);
                return thField switch
                {
                    "sport" => new NftSelector(NftSelectorKind.SourcePort, "th sport", start, null, "th sport", TransportHeader: true),
                    "dport" => new NftSelector(NftSelectorKind.DestinationPort, "th dport", start, null, "th dport", TransportHeader: true),
                    _ => Opaque($"th {thField}", start),
                };
            case "ether":
                var etherField = Field(start);
                return etherField == "type"
                    ? new NftSelector(NftSelectorKind.IpFamily, "ether type", start, null, "ether type")
                    : Opaque($"ether {etherField}", start);
            case "vlan":
                return Opaque($"vlan {Field(start)}", start);
            case "arp":
                _notIpv4 ??= new NftRuleIssue("arp", start);
                return Opaque($"arp {Field(start)}", start);
            case "meta":
                return MetaSelector(Field(start), start, "meta ");
            case "ct":
                return ConntrackSelector(start);
            case "fib":
                var fibText = "fib " + Field(start);
                while (_cursor.TryTake(".")) fibText += " . " + Field(start);
                return Opaque(fibText + " " + Field(start), start);
            case "socket":
                var socketKey = Field(start);
                if (socketKey == "cgroupv2" && _cursor.TryTake("level")) _cursor.NextValue(Phrase.Of("NftWhatLevel"));
                return Opaque($"socket {socketKey}", start);
            case "rt":
                var rtKey = Field(start);
                if (rtKey is "ip" or "ip6") rtKey += " " + Field(start);
                return Opaque($"rt {rtKey}", start);
            case "osf":
                if (_cursor.TryTake("ttl")) _cursor.NextValue(Phrase.Of("NftWhatTtlMode"));
                return Opaque($"osf {Field(start)}", start);
            case "ipsec":
                var direction = Field(start);
                if (_cursor.TryTake("spnum")) _cursor.NextValue(Phrase.Of("NftWhatSpnum"));
                var ipsecKey = Field(start);
                if (ipsecKey is "ip" or "ip6") ipsecKey += " " + Field(start);
                return Opaque($"ipsec {direction} {ipsecKey}", start);
            case "numgen":
                var mode = Field(start);
                ReadModulus(start);
                return Opaque($"numgen {mode}", start);
            case "symhash":
                ReadModulus(start);
                return Opaque("symhash", start);
            case "jhash":
                if (ReadSelectors() is null) return null;
                ReadModulus(start);
                return Opaque("jhash", start);
        }
        if (Ipv6ExtensionHeaders.Contains(keyword))
        {
            _notIpv4 ??= new NftRuleIssue("ipv6", start);
            return Opaque($"{keyword} {Field(start)}", start);
        }
        if (BareMetaKeys.Contains(keyword)) return MetaSelector(keyword, start, "");
        var protocol = HeaderProtocols[keyword];
        var field = Field(start);
        if (TransportProtocols.Contains(keyword) && field is "sport" or "dport")
        {
            var kind = field == "sport" ? NftSelectorKind.SourcePort : NftSelectorKind.DestinationPort;
            return new NftSelector(kind, $"{keyword} {field}", start, protocol, $"{keyword} {field}");
        }
        if (keyword == "tcp" && field == "flags") return new NftSelector(NftSelectorKind.TcpFlags, "tcp flags", start, protocol, "tcp flags");
        if ((keyword == "tcp" && field == "option") || (keyword == "sctp" && field == "chunk")) field += " " + OptionName();
        return Opaque($"{keyword} {field}", start) with { ImpliedProtocol = protocol };
    }

    private NftSelector MetaSelector(string key, NftToken start, string prefix)
    {
        var text = prefix + key;
        return key switch
        {
            "l4proto" => new NftSelector(NftSelectorKind.Protocol, text, start, null, text),
            "nfproto" or "protocol" => new NftSelector(NftSelectorKind.IpFamily, text, start, null, text),
            "mark" => Opaque(text, start, category: "mark"),
            "iif" or "iifname" or "oif" or "oifname" => new NftSelector(NftSelectorKind.Interface, text, start, null, "interface"),
            _ when InterfaceKeys.Contains(key) => Opaque(text, start, category: "interface"),
            _ => Opaque(text, start),
        };
    }

    /// <summary><c>ct state</c>, <c>ct mark</c>, <c>ct original saddr</c>, <c>ct reply ip daddr</c>, <c>ct count</c> …</summary>
    private NftSelector ConntrackSelector(NftToken start)
    {
        var key = Field(start);
        if (key is "original" or "reply")
        {
            var sub = Field(start);
            if (sub is "ip" or "ip6")
            {
                if (sub == "ip6") _notIpv4 ??= new NftRuleIssue("ipv6", start);
                sub += " " + Field(start);
            }
            return Opaque($"ct {key} {sub}", start);
        }
        return key switch
        {
            "state" => new NftSelector(NftSelectorKind.ConnectionState, "ct state", start, null, "ct state"),
            "mark" => Opaque("ct mark", start, category: "mark"),
            _ => Opaque($"ct {key}", start),
        };
    }

    private static NftSelector Opaque(string text, NftToken start, string? category = null) =>
        new(NftSelectorKind.Opaque, text, start, null, category ?? text);

    private string Field(NftToken selector)
    {
        var field = _cursor.Next(Phrase.Of("NftWhatFieldAfter", InputEcho.Escape(selector.Text)));
        if (!field.IsWord) throw _cursor.Error(field, Messages.Format("NftExpectedFieldAfter", InputEcho.Escape(selector.Text), InputEcho.Escape(field.Display)));
        return field.Text;
    }

    /// <summary>The option or chunk name and, when one follows, its field (<c>tcp option maxseg size</c>).</summary>
    private string OptionName()
    {
        var name = _cursor.NextValue(Phrase.Of("NftWhatOptionName")).Text;
        if (_cursor.Peek() is { IsWord: true } field && field.Text is "kind" or "length" or "size" or "count" or "left" or "right" or "tsval" or "tsecr"
            or "value" or "type" or "flags" or "addr" or "ptr" or "data")
        {
            _cursor.Next(Phrase.Of("NftWhatField"));
            name += " " + field.Text;
        }
        return name;
    }

    private void ReadModulus(NftToken selector)
    {
        var mod = _cursor.Next(Phrase.Of("NftWhatWord", "mod"));
        if (!mod.Is("mod")) throw _cursor.Error(mod, Messages.Format("NftExpectedModAfter", InputEcho.Escape(selector.Text), InputEcho.Escape(mod.Display)));
        _cursor.NextValue(Phrase.Of("NftWhatModulus"));
        if (_cursor.TryTake("seed")) _cursor.NextValue(Phrase.Of("NftWhatSeed"));
        if (_cursor.TryTake("offset")) _cursor.NextValue(Phrase.Of("NftWhatOffset"));
    }

    private static bool IsRawPayload(NftToken token) =>
        token.IsWord && token.Text is "@ll" or "@nh" or "@th" or "@ih";

    /// <summary>The text of the tokens from <paramref name="start"/> to the cursor, after <paramref name="first"/> when included.</summary>
    private string Text(NftToken first, int start, bool includeFirst = true)
    {
        var tokens = new List<NftToken>();
        if (includeFirst) tokens.Add(first);
        for (var index = start; index < _cursor.Position; index++) tokens.Add(_rule.Tokens[index]);
        return NftText.Join(tokens);
    }
}
