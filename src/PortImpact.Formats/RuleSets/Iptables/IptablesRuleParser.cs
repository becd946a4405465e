using System.Collections.Frozen;
using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>The <c>-j</c>/<c>-g</c> of a rule, resolved when its table is committed (a chain may be declared after the rule).</summary>
internal sealed record TargetReference(string Name, bool IsGoto, IptablesToken Option, IptablesToken NameToken, string Text);

/// <summary>
/// A rule's conditions as sets. <see cref="EitherSidePorts"/> is <c>-m multiport --ports</c>: the source port
/// OR the destination port is in it, which one rule of the vocabulary cannot say (its conditions all hold
/// together), so the rule becomes two: source side, then destination side, in that order. With the same
/// target and every other condition shared, the first of them that matches decides what the one rule did.
/// </summary>
internal sealed record ParsedRule(
    int Line,
    string Text,
    ProtocolSet Protocols,
    AddressSet Source,
    AddressSet Destination,
    PortSet SourcePorts,
    PortSet DestinationPorts,
    PortSet? EitherSidePorts,
    bool NewConnections,
    ImmutableArray<OpaqueCondition> Opaque,
    ImmutableArray<NotUnderstood> NotUnderstood,
    TargetReference? Target,
    IptablesToken? OtherFamilyOption)
{
    /// <summary>A connection-state, SYN or direction condition narrows what the rule matches (see <see cref="ImportedRule.StateLimited"/>).</summary>
    public bool StateLimited { get; init; }
}

/// <summary>
/// Reads the options of one rule (what follows <c>-A CHAIN</c>) into sets. How each construct is read:
/// <list type="bullet">
/// <item><c>-p</c>, <c>-s</c>, <c>-d</c>, <c>--sport</c>/<c>--dport</c> (<c>-m tcp|udp|sctp|dccp|udplite</c>, or
/// implied by <c>-p</c>), <c>-m multiport</c>, <c>-m iprange</c>, <c>-m conntrack --ctproto/--ctorigsrc/--ctorigdst/
/// --ctorigsrcport/--ctorigdstport</c> become sets, <c>!</c> (before the option, or after it as old iptables wrote)
/// becomes the complement. The <c>--ctorig*</c> values are the connection's first packet as it arrived; they
/// equal what the filter table sees unless a DNAT rule rewrote it, and DNAT rules are reported.</item>
/// <item><c>--state</c>/<c>--ctstate</c>, <c>--syn</c>/<c>--tcp-flags</c>, <c>--ctdir</c> and <c>-f</c> decide
/// <see cref="ImportedRule.NewConnections"/>: whether the rule can match the first packet of a connection (state
/// NEW, a SYN without ACK, direction ORIGINAL, not a later fragment). A first packet is UNTRACKED instead of NEW
/// only where the raw table exempts it (NOTRACK, CT --notrack), and those rules are reported.</item>
/// <item><c>-i lo</c>/<c>-o lo</c>: loopback traffic never travels between two hosts, so for the flows PortImpact
/// evaluates the rule matches nothing (empty source and destination); <c>! -i lo</c> matches every such flow.
/// <c>-i +</c> is any interface. Any other interface is an <see cref="OpaqueCondition"/> "interface".</item>
/// <item><c>-m comment</c> is ignored (it stays in the rule's text); <c>-m recent --set</c> always matches (it
/// records the source and succeeds); <c>--icmp-type any</c> is every ICMP packet.</item>
/// <item>Any other match module (<c>limit</c>, <c>hashlimit</c>, <c>recent</c> checks, <c>mark</c>, <c>set</c>,
/// <c>mac</c>, <c>owner</c>, <c>addrtype</c>, <c>physdev</c>, <c>pkttype</c>, <c>rpfilter</c> … and unknown ones),
/// an ICMP type, an unknown option, a host or service name, an IPv6 address: an opaque condition named
/// "-m MODULE", "--OPTION", "hostname", "port-name", "protocol" or "ipv6", with a not-understood entry at its
/// column (effect RuleMayMatch).</item>
/// </list>
/// </summary>
internal sealed class IptablesRuleParser
{
    /// <summary>Match modules read into sets or states; every other module is opaque.</summary>
    private static readonly FrozenSet<string> ReadModules = FrozenSet.ToFrozenSet(
        ["tcp", "udp", "sctp", "dccp", "udplite", "multiport", "state", "conntrack", "iprange", "comment", "icmp", "icmp6"], StringComparer.Ordinal);

    /// <summary>Protocols whose match module iptables loads by itself for <c>-p NAME --dport …</c>.</summary>
    private static readonly FrozenDictionary<int, string> ImpliedModules = new Dictionary<int, string>
    {
        [6] = "tcp", [17] = "udp", [33] = "dccp", [132] = "sctp", [136] = "udplite", [IptablesValues.Icmp] = "icmp", [IptablesValues.Icmpv6] = "icmp6",
    }.ToFrozenDictionary();

    /// <summary>Core options after which target options end (iptables-save prints the target last; hand-written rules may not).</summary>
    private static readonly FrozenSet<string> CoreOptions = FrozenSet.ToFrozenSet(
        ["-p", "--protocol", "-s", "--source", "--src", "-d", "--destination", "--dst", "-i", "--in-interface", "-o", "--out-interface",
         "-m", "--match", "-j", "--jump", "-g", "--goto", "-f", "--fragment", "-c", "--set-counters", "-4", "--ipv4", "-6", "--ipv6"],
        StringComparer.Ordinal);

    private readonly string _file;
    private readonly int _line;
    private readonly IReadOnlyList<IptablesToken> _tokens;
    private readonly bool _ipv6Table;
    private int _position;

    private ProtocolSet _protocols = ProtocolSet.Any;
    private int? _namedProtocol;
    private AddressSet _source = AddressSet.Any;
    private AddressSet _destination = AddressSet.Any;
    private PortSet _sourcePorts = PortSet.All;
    private PortSet _destinationPorts = PortSet.All;
    private PortSet? _eitherSidePorts;
    private bool _newConnections = true;
    private bool _stateLimited;
    private readonly List<OpaqueCondition> _opaque = [];
    private readonly List<NotUnderstood> _notUnderstood = [];
    private readonly HashSet<string> _loadedModules = new(StringComparer.Ordinal);
    private readonly List<OpaqueModule> _opaqueModules = [];
    private OpaqueModule? _currentOpaqueModule;
    private IptablesToken? _pendingBang;
    private TargetReference? _target;
    private IptablesToken? _otherFamilyOption;

    private sealed record OpaqueModule(string Name, IptablesToken Token, List<string> Words);

    private readonly ExpansionBudget _budget;

    private IptablesRuleParser(string file, int line, IReadOnlyList<IptablesToken> tokens, int start, bool ipv6Table, ExpansionBudget budget)
    {
        _budget = budget;
        _file = file;
        _line = line;
        _tokens = tokens;
        _position = start;
        _ipv6Table = ipv6Table;
    }

    /// <param name="budget">The file's, shared by all its rules.</param>
    public static ParsedRule Parse(string file, int line, string text, IReadOnlyList<IptablesToken> tokens, int start, bool ipv6Table, ExpansionBudget budget) =>
        new IptablesRuleParser(file, line, tokens, start, ipv6Table, budget).Parse(text);

    private ParsedRule Parse(string text)
    {
        while (_position < _tokens.Count)
        {
            var token = _tokens[_position++];
            if (token.IsBang)
            {
                if (_pendingBang is not null) throw Error(token, Messages.Format("IptBangTwice"));
                _pendingBang = token;
                continue;
            }
            if (!token.IsOption) throw Error(token, Messages.Format("IptExpectedOption", InputEcho.Escape(token.Text)));
            ReadOption(token);
        }
        if (_pendingBang is { } bang) throw Error(bang, Messages.Format("IptBangAtEnd"));
        foreach (var module in _opaqueModules)
        {
            if (module.Name == "recent" && RecentAlwaysMatches(module.Words)) continue;
            Opaque("-m " + module.Name, module.Token, string.Join(' ', module.Words));
        }
        return new ParsedRule(_line, text, _protocols, _source, _destination, _sourcePorts, _destinationPorts, _eitherSidePorts,
            _newConnections, [.. _opaque], [.. _notUnderstood], _target, _otherFamilyOption) { StateLimited = _stateLimited };
    }

    private void ReadOption(IptablesToken option)
    {
        switch (option.Text)
        {
            case "-p" or "--protocol":
                EndOpaqueModule();
                Protocol(option);
                break;
            case "-s" or "--source" or "--src":
                EndOpaqueModule();
                Address(option, ref _source);
                break;
            case "-d" or "--destination" or "--dst":
                EndOpaqueModule();
                Address(option, ref _destination);
                break;
            case "-i" or "--in-interface" or "-o" or "--out-interface":
                EndOpaqueModule();
                Interface(option);
                break;
            case "-f" or "--fragment":
                EndOpaqueModule();
                // -f matches second and later fragments, never the first packet of a connection; ! -f the rest.
                _stateLimited = true;
                if (!TakeNegation(option)) _newConnections = false;
                break;
            case "-m" or "--match":
                Module(option);
                break;
            case "-j" or "--jump" or "-g" or "--goto":
                EndOpaqueModule();
                Target(option, isGoto: option.Text is "-g" or "--goto");
                break;
            case "-c" or "--set-counters":
                EndOpaqueModule();
                NotNegatable(option);
                foreach (var counter in new[] { TakeValue(option), TakeValue(option) })
                {
                    if (counter.Text.Length == 0 || !counter.Text.All(char.IsAsciiDigit)) throw Error(counter, Messages.Format("IptNotCounter", InputEcho.Escape(counter.Text)));
                }
                break;
            case "-4" or "--ipv4" or "-6" or "--ipv6":
                EndOpaqueModule();
                NotNegatable(option);
                // iptables-restore ignores a rule marked for the other family (one file can feed both tools).
                var ipv4Only = option.Text is "-4" or "--ipv4";
                if (ipv4Only == _ipv6Table) _otherFamilyOption = option;
                break;
            default:
                if (!option.Text.StartsWith("--", StringComparison.Ordinal)) throw Error(option, Messages.Format("IptUnknownOption", InputEcho.Escape(option.Text)));
                ModuleOption(option);
                break;
        }
    }

    private void Protocol(IptablesToken option)
    {
        var negated = TakeNegation(option);
        var value = TakeValue(option);
        var set = IptablesValues.Protocol(Site(value));
        if (set is null)
        {
            Opaque("protocol", option, Describe(option, negated, value));
            return;
        }
        if (!negated && !set.IsAny && set.Numbers.Length == 1) _namedProtocol = set.Numbers[0];
        _protocols = IptablesValues.Intersect(_protocols, negated ? IptablesValues.Complement(set) : set);
    }

    private void Address(IptablesToken option, ref AddressSet side)
    {
        var negated = TakeNegation(option);
        var value = TakeValue(option);
        if (negated && value.Text.Contains(',')) throw Error(option, Messages.Format("IptBangOnAddressList", InputEcho.Escape(value.Text)));
        var kind = IptablesValues.Addresses(Site(value), out var set);
        if (OpaqueAddress(kind, option, Describe(option, negated, value))) return;
        side = side.Intersect(negated ? set.Complement() : set);
    }

    /// <summary>Reports an address this reader cannot hold as a set; true when it did.</summary>
    private bool OpaqueAddress(IptablesValues.AddressKind kind, IptablesToken at, string text)
    {
        switch (kind)
        {
            case IptablesValues.AddressKind.Ipv6:
                Opaque("ipv6", at, text);
                return true;
            case IptablesValues.AddressKind.HostName:
                Opaque("hostname", at, text);
                return true;
            case IptablesValues.AddressKind.OversizedMask:
                Opaque("address-mask", at, text);
                return true;
            default:
                return false;
        }
    }

    private void Interface(IptablesToken option)
    {
        var negated = TakeNegation(option);
        var value = TakeValue(option);
        switch (value.Text)
        {
            case "lo":
                if (!negated) MatchNothing();
                break;
            case "+":
                if (negated) MatchNothing();
                break;
            default:
                Opaque("interface", option, Describe(option, negated, value));
                break;
        }
    }

    /// <summary>No flow between two hosts can match (loopback only, or no interface at all).</summary>
    private void MatchNothing()
    {
        _source = AddressSet.Empty;
        _destination = AddressSet.Empty;
    }

    private void Module(IptablesToken option)
    {
        NotNegatable(option);
        var name = TakeValue(option);
        EndOpaqueModule();
        if (ReadModules.Contains(name.Text))
        {
            _loadedModules.Add(name.Text);
            // The tcp and udp matches only ever see their own protocol (the kernel refuses them without -p).
            if (name.Text == "tcp") _protocols = IptablesValues.Intersect(_protocols, ProtocolSet.Of(ProtocolSet.Tcp));
            if (name.Text == "udp") _protocols = IptablesValues.Intersect(_protocols, ProtocolSet.Of(ProtocolSet.Udp));
            return;
        }
        _currentOpaqueModule = new OpaqueModule(name.Text, option, [option.Text, name.Text]);
        _opaqueModules.Add(_currentOpaqueModule);
    }

    private void EndOpaqueModule() => _currentOpaqueModule = null;

    /// <summary>
    /// A long option: a read module's (loaded by <c>-m</c> or implied by <c>-p</c>), else a word of the opaque
    /// module just loaded (its options follow it), else an option this reader does not know.
    /// </summary>
    private void ModuleOption(IptablesToken option)
    {
        var owner = Owner(option.Text);
        if (owner is not null)
        {
            EndOpaqueModule();
            KnownOption(option);
            return;
        }
        if (_currentOpaqueModule is { } module)
        {
            if (_pendingBang is not null) module.Words.Add("!");
            _pendingBang = null;
            module.Words.Add(option.Text);
            module.Words.AddRange(TakeLooseValues().Select(Quote));
            return;
        }
        var negated = TakeNegation(option);
        var values = TakeLooseValues();
        var text = (negated ? "! " : "") + string.Join(' ', new[] { option.Text }.Concat(values.Select(Quote)));
        Opaque(option.Text, option, text);
    }

    private string? Owner(string option)
    {
        string[] candidates = option switch
        {
            "--sport" or "--source-port" or "--dport" or "--destination-port" => ["tcp", "udp", "sctp", "dccp", "udplite"],
            "--tcp-flags" or "--syn" or "--tcp-option" => ["tcp"],
            "--dports" or "--destination-ports" or "--sports" or "--source-ports" or "--ports" => ["multiport"],
            "--state" => ["state"],
            "--ctstate" or "--ctproto" or "--ctorigsrc" or "--ctorigdst" or "--ctorigsrcport" or "--ctorigdstport" or "--ctdir"
                or "--ctreplsrc" or "--ctrepldst" or "--ctreplsrcport" or "--ctrepldstport" or "--ctstatus" or "--ctexpire" => ["conntrack"],
            "--src-range" or "--dst-range" => ["iprange"],
            "--comment" => ["comment"],
            "--icmp-type" => ["icmp"],
            "--icmpv6-type" => ["icmp6"],
            _ => [],
        };
        foreach (var candidate in candidates)
        {
            if (_loadedModules.Contains(candidate)) return candidate;
        }
        if (_namedProtocol is { } protocol && ImpliedModules.TryGetValue(protocol, out var implied) && candidates.Contains(implied)) return implied;
        return null;
    }

    private void KnownOption(IptablesToken option)
    {
        var name = option.Text;
        if (name == "--comment")
        {
            NotNegatable(option);
            TakeValue(option);
            return;
        }
        if (name == "--syn")
        {
            // --syn is --tcp-flags FIN,SYN,RST,ACK SYN: exactly the first packet of a connection.
            _stateLimited = true;
            if (TakeNegation(option)) _newConnections = false;
            return;
        }
        var negated = TakeNegation(option);
        var value = TakeValue(option);
        var site = Site(value);
        switch (name)
        {
            case "--sport" or "--source-port" or "--ctorigsrcport":
                Ports(option, negated, value, IptablesValues.PortRangeValue(site), ref _sourcePorts);
                break;
            case "--dport" or "--destination-port" or "--ctorigdstport":
                Ports(option, negated, value, IptablesValues.PortRangeValue(site), ref _destinationPorts);
                break;
            case "--sports" or "--source-ports":
                Ports(option, negated, value, IptablesValues.PortList(site), ref _sourcePorts);
                break;
            case "--dports" or "--destination-ports":
                Ports(option, negated, value, IptablesValues.PortList(site), ref _destinationPorts);
                break;
            case "--ports":
                EitherSidePorts(option, negated, value, IptablesValues.PortList(site));
                break;
            case "--tcp-flags":
                TcpFlags(option, negated, value);
                break;
            case "--state" or "--ctstate":
                States(option, negated, value);
                break;
            case "--ctproto":
                var protocol = IptablesValues.Protocol(site);
                if (protocol is null) Opaque("protocol", option, Describe(option, negated, value));
                else _protocols = IptablesValues.Intersect(_protocols, negated ? IptablesValues.Complement(protocol) : protocol);
                break;
            case "--ctorigsrc" or "--ctorigdst":
                var kind = IptablesValues.Addresses(site, out var addresses);
                if (OpaqueAddress(kind, option, Describe(option, negated, value))) break;
                var side = negated ? addresses.Complement() : addresses;
                if (name == "--ctorigsrc") _source = _source.Intersect(side);
                else _destination = _destination.Intersect(side);
                break;
            case "--ctdir":
                var direction = value.Text.ToUpperInvariant();
                if (direction is not ("ORIGINAL" or "REPLY")) throw Error(value, Messages.Format("IptNotCtDirection", InputEcho.Escape(value.Text)));
                // A connection's first packet travels in the ORIGINAL direction.
                _stateLimited = true;
                if ((direction == "ORIGINAL") == negated) _newConnections = false;
                break;
            case "--src-range" or "--dst-range":
                var rangeKind = IptablesValues.AddressRangeValue(site, out var range);
                if (OpaqueAddress(rangeKind, option, Describe(option, negated, value))) break;
                var matched = negated ? range.Complement() : range;
                if (name == "--src-range") _source = _source.Intersect(matched);
                else _destination = _destination.Intersect(matched);
                break;
            case "--icmp-type" or "--icmpv6-type":
                if (value.Text == "any" && !negated) break;
                Opaque(name, option, Describe(option, negated, value));
                break;
            default:
                // --tcp-option, --ctstatus, --ctexpire, --ctrepl*: known options whose values the vocabulary has no set for.
                Opaque(name, option, Describe(option, negated, value));
                break;
        }
    }

    private void Ports(IptablesToken option, bool negated, IptablesToken value, PortSet? ports, ref PortSet side)
    {
        if (ports is null)
        {
            Opaque("port-name", option, Describe(option, negated, value));
            return;
        }
        side = side.Intersect(negated ? ports.Complement() : ports);
    }

    private void EitherSidePorts(IptablesToken option, bool negated, IptablesToken value, PortSet? ports)
    {
        if (ports is null)
        {
            Opaque("port-name", option, Describe(option, negated, value));
            return;
        }
        if (negated)
        {
            // Neither port in the list: both sides in the complement, one rule says that exactly.
            _sourcePorts = _sourcePorts.Intersect(ports.Complement());
            _destinationPorts = _destinationPorts.Intersect(ports.Complement());
            return;
        }
        _eitherSidePorts = (_eitherSidePorts ?? PortSet.All).Intersect(ports);
    }

    /// <summary>
    /// A connection's first packet carries SYN and none of ACK, RST, FIN (nor PSH, URG): the rule can match it when
    /// the flags under the mask are exactly the compared ones.
    /// </summary>
    private void TcpFlags(IptablesToken option, bool negated, IptablesToken maskToken)
    {
        var compared = TakeValue(option);
        var mask = IptablesValues.TcpFlags(Site(maskToken));
        var expected = IptablesValues.TcpFlags(Site(compared));
        var firstPacketMatches = (IptablesValues.Syn & mask) == expected;
        _stateLimited = true;
        if (firstPacketMatches == negated) _newConnections = false;
    }

    private void States(IptablesToken option, bool negated, IptablesToken value)
    {
        var states = IptablesValues.StateList(Site(value));
        if (states.Contains("SNAT") || states.Contains("DNAT"))
        {
            // Whether a connection was translated is not in the rule set's reach.
            Opaque(option.Text, option, Describe(option, negated, value));
            return;
        }
        _stateLimited = true;
        if (states.Contains("NEW") == negated) _newConnections = false;
    }

    private void Target(IptablesToken option, bool isGoto)
    {
        NotNegatable(option);
        if (_target is not null) throw Error(option, Messages.Format("IptTwoTargets", InputEcho.Escape($"{_target.Option.Text} {_target.Name}")));
        var name = TakeValue(option);
        var words = new List<string> { option.Text, Quote(name) };
        // ACCEPT, DROP, RETURN and jumps to chains take no options: whatever follows them (iptables-restore takes
        // options in any order in hand-written files) is a match, not part of the target.
        var takesOptions = name.Text is not ("ACCEPT" or "DROP" or "RETURN") && IptablesTargets.Kind(name.Text) is not null
            || IptablesTargets.LooksLikeExtension(name.Text) && name.Text is not ("ACCEPT" or "DROP" or "RETURN");
        while (takesOptions && _position < _tokens.Count)
        {
            var next = _tokens[_position];
            if (!next.Quoted && (next.IsBang || CoreOptions.Contains(next.Text))) break;
            words.Add(Quote(next));
            _position++;
        }
        _target = new TargetReference(name.Text, isGoto, option, name, string.Join(' ', words));
    }

    /// <summary>xt_recent's <c>--set</c> adds the source to the list and always succeeds; only the checks narrow.</summary>
    private static bool RecentAlwaysMatches(List<string> words) =>
        words.Contains("--set") && !words.Contains("!") && !words.Any(w => w is "--rcheck" or "--update" or "--remove");

    private bool TakeNegation(IptablesToken option)
    {
        var negated = _pendingBang is not null;
        _pendingBang = null;
        if (_position < _tokens.Count && _tokens[_position].IsBang)
        {
            if (negated) throw Error(_tokens[_position], Messages.Format("IptBangTwiceFor", InputEcho.Escape(option.Text)));
            _position++;
            negated = true;
        }
        return negated;
    }

    private void NotNegatable(IptablesToken option)
    {
        if (_pendingBang is { } bang) throw Error(bang, Messages.Format("IptBangCannotNegate", InputEcho.Escape(option.Text)));
    }

    private IptablesToken TakeValue(IptablesToken option)
    {
        if (_position >= _tokens.Count) throw Error(option, Messages.Format("IptNeedsValue", InputEcho.Escape(option.Text)));
        return _tokens[_position++];
    }

    /// <summary>Values of an option whose arity this reader does not know: every word up to the next option or '!'.</summary>
    private List<IptablesToken> TakeLooseValues()
    {
        var values = new List<IptablesToken>();
        while (_position < _tokens.Count && !_tokens[_position].IsOption && !_tokens[_position].IsBang)
        {
            values.Add(_tokens[_position++]);
        }
        return values;
    }

    private void Opaque(string construct, IptablesToken at, string text)
    {
        _opaque.Add(new OpaqueCondition(construct, text));
        _notUnderstood.Add(new NotUnderstood(new SourceLocation(_file, _line, at.Column), construct, text, NotUnderstoodEffect.RuleMayMatch));
    }

    private static string Describe(IptablesToken option, bool negated, IptablesToken value) =>
        $"{(negated ? "! " : "")}{option.Text} {Quote(value)}";

    private static string Quote(IptablesToken token) =>
        token.Quoted || token.Text.Length == 0 || token.Text.Any(c => c is ' ' or '\t' or '"') ? $"\"{token.Text.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : token.Text;

    private ValueSite Site(IptablesToken token) => new(_file, _line, token, _budget);

    private InputException Error(IptablesToken token, string problem) => new(new SourceLocation(_file, _line, token.Column), problem);
}
