using System.Collections.Frozen;
using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>A chain while its table is being read: rules are kept parsed and turned into <see cref="ImportedRule"/>s at COMMIT.</summary>
internal sealed class IptablesChain(string name, ChainKind kind, string? hook, int priority, RuleVerdict? policy, SourceLocation location)
{
    public string Name { get; } = name;
    public ChainKind Kind { get; } = kind;
    public string? Hook { get; } = hook;
    public int Priority { get; } = priority;
    public RuleVerdict? Policy { get; set; } = policy;
    public SourceLocation Location { get; } = location;
    public List<ParsedRule> Rules { get; } = [];
}

/// <summary>
/// One <c>*table</c> … <c>COMMIT</c> block: its chains in declaration order, built-in ones entered at their
/// netfilter hook with the hook's priority for that table, user ones only by jump or goto.
/// </summary>
internal sealed class IptablesTable(string name, SourceLocation location, bool ipv6)
{
    /// <summary>The built-in chains of each table and their priorities (linux/netfilter_ipv4.h NF_IP_PRI_*).</summary>
    private static readonly FrozenDictionary<string, FrozenDictionary<string, int>> BuiltIns = new Dictionary<string, FrozenDictionary<string, int>>
    {
        ["raw"] = Priorities(-300, "PREROUTING", "OUTPUT"),
        ["mangle"] = Priorities(-150, "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
        // Destination NAT happens before routing and on local output, source NAT after routing and before local input.
        ["nat"] = new Dictionary<string, int> { ["PREROUTING"] = -100, ["INPUT"] = 100, ["OUTPUT"] = -100, ["POSTROUTING"] = 100 }.ToFrozenDictionary(StringComparer.Ordinal),
        ["filter"] = Priorities(0, "INPUT", "FORWARD", "OUTPUT"),
        ["security"] = Priorities(50, "INPUT", "FORWARD", "OUTPUT"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Marks every rule of an ip6tables-save table: it matches IPv6 packets only, which the engine does not evaluate yet.</summary>
    public static readonly OpaqueCondition Ipv6Only = new("ipv6", "ip6tables-save: the rule matches IPv6 packets only");

    private static FrozenDictionary<string, int> Priorities(int priority, params string[] chains) =>
        chains.ToFrozenDictionary(chain => chain, _ => priority, StringComparer.Ordinal);

    private readonly List<IptablesChain> _chains = [];
    private readonly Dictionary<string, IptablesChain> _byName = new(StringComparer.Ordinal);

    public string Name { get; } = name;
    public SourceLocation Location { get; } = location;
    public bool Ipv6 { get; } = ipv6;

    public static bool Exists(string table) => BuiltIns.ContainsKey(table);

    public static string Names => string.Join(", ", BuiltIns.Keys.Order(StringComparer.Ordinal));

    public bool IsBuiltIn(string chain) => IsBuiltIn(Name, chain);

    public static bool IsBuiltIn(string table, string chain) => BuiltIns.TryGetValue(table, out var chains) && chains.ContainsKey(chain);

    public IptablesChain? Find(string chain) => _byName.GetValueOrDefault(chain);

    public IptablesChain Declare(string chain, RuleVerdict? policy, SourceLocation location)
    {
        var declared = IsBuiltIn(chain)
            ? new IptablesChain(chain, ChainKind.Base, chain.ToLowerInvariant(), BuiltIns[Name][chain], policy, location)
            : new IptablesChain(chain, ChainKind.User, null, 0, null, location);
        _chains.Add(declared);
        _byName.Add(chain, declared);
        return declared;
    }

    /// <summary>The table's chains with their rules, jump targets resolved now that every chain is declared.</summary>
    public IEnumerable<RuleChain> Commit(string file, List<NotUnderstood> notUnderstood)
    {
        foreach (var chain in _chains)
        {
            var rules = ImmutableArray.CreateBuilder<ImportedRule>();
            for (var index = 0; index < chain.Rules.Count; index++)
            {
                rules.AddRange(Build(file, chain, index + 1, chain.Rules[index], notUnderstood));
            }
            // ip6tables' tables are named apart ("ip6 filter") so their chains never decide IPv4 flows nor take IPv4 jumps.
            yield return new RuleChain(chain.Name, Ipv6 ? $"ip6 {Name}" : Name, chain.Kind, chain.Hook, chain.Priority, chain.Policy, rules.ToImmutable(), chain.Location)
            {
                // The nat table translates and never filters; raw, mangle, filter and security can all drop.
                Type = Name == "nat" ? "nat" : "filter",
                SeesIpv4 = !Ipv6,
            };
        }
    }

    /// <summary>Ids are <c>table/CHAIN#n</c>, n the rule's number as <c>iptables -L --line-numbers</c> shows it; a split <c>--ports</c> rule is <c>#na</c> (source side) and <c>#nb</c>.</summary>
    private IEnumerable<ImportedRule> Build(string file, IptablesChain chain, int number, ParsedRule parsed, List<NotUnderstood> notUnderstood)
    {
        var (verdict, target) = Resolve(file, parsed, notUnderstood);
        var id = $"{Name}/{chain.Name}#{number}";
        var rule = ImportedRule.Everything(id, new SourceLocation(file, parsed.Line, 1), parsed.Text, verdict) with
        {
            Target = target,
            Protocols = parsed.Protocols,
            Source = parsed.Source,
            Destination = parsed.Destination,
            SourcePorts = parsed.SourcePorts,
            DestinationPorts = parsed.DestinationPorts,
            NewConnections = parsed.NewConnections,
            StateLimited = parsed.StateLimited,
            Opaque = Ipv6 ? [Ipv6Only, .. parsed.Opaque] : parsed.Opaque,
        };
        if (parsed.EitherSidePorts is not { } either) return [rule];
        return
        [
            rule with { Id = id + "a", SourcePorts = rule.SourcePorts.Intersect(either) },
            rule with { Id = id + "b", DestinationPorts = rule.DestinationPorts.Intersect(either) },
        ];
    }

    private (RuleVerdict Verdict, string? Target) Resolve(string file, ParsedRule parsed, List<NotUnderstood> notUnderstood)
    {
        if (parsed.Target is not { } target) return (RuleVerdict.Continue, null);
        var at = new SourceLocation(file, parsed.Line, target.Option.Column);
        if (Find(target.Name) is { } chain)
        {
            if (chain.Kind == ChainKind.Base)
            {
                throw new InputException(new SourceLocation(file, parsed.Line, target.NameToken.Column),
                    Messages.Format("IptJumpToBuiltIn", InputEcho.Escape(target.Option.Text), InputEcho.Escape(target.Name)));
            }
            return (target.IsGoto ? RuleVerdict.Goto : RuleVerdict.Jump, chain.Name);
        }
        var kind = IptablesTargets.Kind(target.Name);
        if (target.IsGoto || (kind is null && !IptablesTargets.LooksLikeExtension(target.Name)))
        {
            throw new InputException(new SourceLocation(file, parsed.Line, target.NameToken.Column),
                Messages.Format(target.IsGoto ? "IptGotoNoSuchChain" : "IptNoSuchChainOrTarget", InputEcho.Escape(target.Option.Text), InputEcho.Escape(target.Name), InputEcho.Escape(Name), InputEcho.Escape(target.Name)));
        }
        var construct = $"{target.Option.Text} {target.Name}";
        switch (kind)
        {
            case null or TargetKind.Queue:
                // Whether the packet goes on, is accepted or dropped is decided elsewhere (an unknown extension, a user-space program).
                notUnderstood.Add(new NotUnderstood(at, construct, target.Text, NotUnderstoodEffect.ChainUncertain));
                return (RuleVerdict.Unknown, null);
            case TargetKind.DestinationNat or TargetKind.ConnectionTracking:
                notUnderstood.Add(new NotUnderstood(at, construct, target.Text, NotUnderstoodEffect.Skipped));
                break;
        }
        return (IptablesTargets.Verdict(kind.Value), null);
    }
}
