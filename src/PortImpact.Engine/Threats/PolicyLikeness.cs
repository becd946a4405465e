using System.Text;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Policies that say the same thing of different addresses. A rule decides a flow by its action, ports and direction
/// and by how fully its source and destination cover the flow's two ends; so two policies with the same rules but for
/// the addresses they name, each seen from ends its rules cover alike, decide alike. Two hundred WAN routers that
/// each let their own site's PCs reach the head office DCs are then one router to a worm, and the waves between two
/// hundred sites are a few answers, not forty thousand. Open policies decide nothing and drop out.
/// </summary>
internal sealed class PolicyLikeness
{
    private readonly Dictionary<CompiledPolicy, int> _shapes = new();
    private readonly Dictionary<(CompiledPolicy, int), int> _vectors = new();
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>How the policy decides a flow between the two address sets, as a number; -1 when it lets everything pass.</summary>
    public int Of(CompiledPolicy policy, AddressSet first, AddressSet second)
    {
        if (policy.IsOpen(TrafficDirection.In) && policy.IsOpen(TrafficDirection.Out)) return -1;
        return Intern($"{Shape(policy)}/{Vector(policy, first)}/{Vector(policy, second)}");
    }

    /// <summary>As <see cref="Of(CompiledPolicy, AddressSet, AddressSet)"/> for a point crossed in one direction.</summary>
    public int Of(RouteHop hop, AddressSet first, AddressSet second)
    {
        var decided = Of(hop.Policy, first, second);
        return decided < 0 ? -1 : Intern($"{decided}@{hop.Direction}");
    }

    public int Intern(string text)
    {
        if (!_ids.TryGetValue(text, out var id)) _ids[text] = id = _ids.Count;
        return id;
    }

    private static IEnumerable<FirewallRule> Rules(CompiledPolicy policy) =>
        (policy.Change?.Rules ?? []).Concat(policy.Policy.Rules);

    /// <summary>The policy without its addresses: semantics, defaults, and each rule's action, ports and direction in order.</summary>
    private int Shape(CompiledPolicy policy)
    {
        if (_shapes.TryGetValue(policy, out var known)) return known;
        var text = new StringBuilder();
        // Rules read from a device file decide by more than addresses and ports (interfaces, state): never alike.
        if (policy.Policy.Imported is not null) text.Append("imported#").Append(_shapes.Count).Append(';');
        text.Append(policy.Policy.Semantics).Append('/').Append(policy.Policy.DefaultIn).Append('/').Append(policy.Policy.DefaultOut);
        if (policy.Change is { } change) text.Append("|change:").Append(change.Semantics).Append('/').Append(change.DefaultIn).Append('/').Append(change.DefaultOut);
        foreach (var rule in Rules(policy)) text.Append(';').Append(rule.Action).Append(' ').Append(rule.Ports).Append(' ').Append(rule.Direction);
        if (policy.Change is not null) text.Append("|layers:").Append(policy.Change.Rules.Length);
        var id = Intern(text.ToString());
        _shapes[policy] = id;
        return id;
    }

    /// <summary>How each rule's source and destination cover the addresses; the same for every address of one class.</summary>
    private int Vector(CompiledPolicy policy, AddressSet addresses)
    {
        var key = (policy, policy.ClassOf(addresses));
        if (_vectors.TryGetValue(key, out var known)) return known;
        var text = new StringBuilder(policy.Policy.Imported is null ? "" : $"class{key.Item2}");
        foreach (var rule in Rules(policy))
        {
            text.Append((int)AddressCoverage.Of(rule.Source, addresses)).Append((int)AddressCoverage.Of(rule.Destination, addresses));
        }
        var id = Intern(text.ToString());
        _vectors[key] = id;
        return id;
    }
}
