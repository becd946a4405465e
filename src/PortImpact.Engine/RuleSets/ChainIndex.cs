using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>
/// A rule set's chains by name and table, its base chains and its access lists, built once per rule set: a jump is then
/// one dictionary look-up instead of a scan of every chain (<see cref="RuleSet.FindChain"/>), which on a file of 50,000
/// chains made each explained flow quadratic. The engine asks the same rule set about many flows, so the index is kept
/// with the rule set for as long as the rule set lives.
/// </summary>
internal sealed class ChainIndex
{
    private static readonly ConditionalWeakTable<RuleSet, ChainIndex> Cache = [];

    private readonly Dictionary<(string Name, string? Table), RuleChain> _byName = [];
    private readonly Dictionary<string, List<RuleChain>> _accessLists = new(StringComparer.Ordinal);

    private ChainIndex(RuleSet ruleSet)
    {
        var bases = ImmutableArray.CreateBuilder<RuleChain>();
        foreach (var chain in ruleSet.Chains)
        {
            // The first chain of a name wins, as a scan in file order would find it.
            _byName.TryAdd((chain.Name, chain.Table), chain);
            if (chain.Kind == ChainKind.Base) bases.Add(chain);
            if (chain.Kind == ChainKind.AccessList)
            {
                if (!_accessLists.TryGetValue(chain.Name, out var lists)) _accessLists[chain.Name] = lists = [];
                lists.Add(chain);
            }
        }
        Base = bases.ToImmutable();
    }

    public static ChainIndex Of(RuleSet ruleSet) => Cache.GetValue(ruleSet, set => new ChainIndex(set));

    /// <summary>The base chains (netfilter hooks) in file order.</summary>
    public ImmutableArray<RuleChain> Base { get; }

    /// <summary>The chain named so in that table (null: a chain without table), or null.</summary>
    public RuleChain? Find(string name, string? table) => _byName.GetValueOrDefault((name, table));

    /// <summary>The access lists of that name, in file order.</summary>
    public IReadOnlyList<RuleChain> AccessLists(string name) => _accessLists.TryGetValue(name, out var lists) ? lists : [];
}
