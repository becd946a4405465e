using System.Collections;
using System.Collections.Immutable;

namespace PortImpact.Core.Model;

/// <summary>
/// Rules laid over a change at the points and host firewalls it names, ahead of the change and the place's own rules:
/// a change's exceptions (<c>recommend --as-policy</c>, <c>analyze --policy</c>). Keyed by <see cref="FilterPointId"/>,
/// so that how a host firewall is spelt is the identity's business, not the overlay's.
/// </summary>
public sealed class PolicyOverlay : IEnumerable<KeyValuePair<FilterPointId, ImmutableArray<FirewallRule>>>
{
    private readonly ImmutableSortedDictionary<FilterPointId, ImmutableArray<FirewallRule>> _rules;

    private PolicyOverlay(ImmutableSortedDictionary<FilterPointId, ImmutableArray<FirewallRule>> rules) => _rules = rules;

    public static PolicyOverlay Empty { get; } = new(ImmutableSortedDictionary.Create<FilterPointId, ImmutableArray<FirewallRule>>(ByText.Instance));

    /// <summary>The overlay of these places' rules; a place named twice has the rules of both, in the order given.</summary>
    public static PolicyOverlay Of(IEnumerable<(FilterPointId At, ImmutableArray<FirewallRule> Rules)> places)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<FilterPointId, ImmutableArray<FirewallRule>>(ByText.Instance);
        foreach (var (at, rules) in places)
        {
            builder[at] = builder.TryGetValue(at, out var earlier) ? earlier.AddRange(rules) : rules;
        }
        return new PolicyOverlay(builder.ToImmutable());
    }

    /// <summary>An overlay keyed by places as they are spelt (<c>wan-router</c>, <c>host:dc1</c>).</summary>
    public static PolicyOverlay Of(IEnumerable<KeyValuePair<string, ImmutableArray<FirewallRule>>> bySpelling) =>
        Of(bySpelling.Select(p => (FilterPointId.Parse(p.Key), p.Value)));

    /// <summary>The points and host firewalls the overlay names, in the order of their spelling.</summary>
    public IEnumerable<FilterPointId> Places => _rules.Keys;

    public int Count => _rules.Count;

    /// <summary>The overlay's rules at one place; none where it names nothing.</summary>
    public ImmutableArray<FirewallRule> RulesAt(FilterPointId at) => _rules.TryGetValue(at, out var rules) ? rules : [];

    /// <summary>This overlay with the rules at <paramref name="at"/> changed by <paramref name="change"/>, at every place in turn.</summary>
    public PolicyOverlay Select(Func<FilterPointId, ImmutableArray<FirewallRule>, ImmutableArray<FirewallRule>> change) =>
        new(_rules.ToImmutableSortedDictionary(p => p.Key, p => change(p.Key, p.Value), ByText.Instance));

    public IEnumerator<KeyValuePair<FilterPointId, ImmutableArray<FirewallRule>>> GetEnumerator() => _rules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Ordered as the places are spelt, so that reports and emitted files come out in one order every time.</summary>
    private sealed class ByText : IComparer<FilterPointId>
    {
        public static readonly ByText Instance = new();

        public int Compare(FilterPointId x, FilterPointId y) => string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
