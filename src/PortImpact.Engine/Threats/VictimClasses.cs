using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Sorts the victims of one site, seen from one attacker position, into classes that no rule on their way
/// can tell apart: the same host firewall (before and after the change) in which they fall in the same
/// address class, and the same address class at every enforcement point between them and the attacker
/// that names addresses at all. A threat is then evaluated once per class. Seen from another site, the
/// perimeter's thousands of rules are not on the way, so a whole site is often one class.
/// </summary>
public sealed class VictimClasses(PathEvaluator before, PathEvaluator after)
{
    private readonly Dictionary<(string, string), CompiledPolicy[]> _specific = new();
    private readonly Dictionary<HostGroup, string> _hostKeys = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CompiledPolicy, int> _policyIds = new(ReferenceEqualityComparer.Instance);

    private readonly Dictionary<IReadOnlyList<HostGroup>, IReadOnlyList<List<HostGroup>>> _byHostOnly = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<List<HostGroup>> Group(IReadOnlyList<HostGroup> victims, string attackerPlace, string victimPlace)
    {
        var specific = SpecificPoints(attackerPlace, victimPlace);
        // With no address-naming point on the way, only host firewalls tell victims apart, whoever attacks.
        if (specific.Length == 0)
        {
            if (!_byHostOnly.TryGetValue(victims, out var known))
            {
                known = Split(victims, specific);
                _byHostOnly[victims] = known;
            }
            return known;
        }
        return Split(victims, specific);
    }

    private IReadOnlyList<List<HostGroup>> Split(IReadOnlyList<HostGroup> victims, CompiledPolicy[] specific)
    {
        var groups = new Dictionary<string, List<HostGroup>>(StringComparer.Ordinal);
        var order = new List<List<HostGroup>>();
        foreach (var victim in victims)
        {
            var key = HostKey(victim);
            if (specific.Length > 0)
            {
                key += "|" + string.Join(",", specific.Select(p => p.ClassOf(victim.Addresses)));
            }
            if (!groups.TryGetValue(key, out var group))
            {
                group = [];
                groups[key] = group;
                order.Add(group);
            }
            group.Add(victim);
        }
        return order;
    }

    private CompiledPolicy[] SpecificPoints(string attackerPlace, string victimPlace)
    {
        if (_specific.TryGetValue((attackerPlace, victimPlace), out var known)) return known;
        List<CompiledPolicy>? found = null;
        foreach (var evaluator in new[] { before, after })
        {
            foreach (var (from, to) in new[] { (attackerPlace, victimPlace), (victimPlace, attackerPlace) })
            {
                foreach (var hop in evaluator.RouteOf(from, to) ?? [])
                {
                    if (hop.Policy.DistinguishesAddresses && !(found ??= []).Contains(hop.Policy)) found.Add(hop.Policy);
                }
            }
        }
        var points = found?.ToArray() ?? [];
        _specific[(attackerPlace, victimPlace)] = points;
        return points;
    }

    /// <summary>True when no point between the two places names addresses: victims then group by host firewall alone.</summary>
    public bool SeesOnlyHostFirewalls(string attackerPlace, string victimPlace) => SpecificPoints(attackerPlace, victimPlace).Length == 0;

    /// <summary>A number for each distinct compiled policy, stable within one analysis.</summary>
    public int PolicyId(CompiledPolicy policy)
    {
        if (!_policyIds.TryGetValue(policy, out var id))
        {
            id = _policyIds.Count;
            _policyIds[policy] = id;
        }
        return id;
    }

    private string HostKey(HostGroup victim)
    {
        if (_hostKeys.TryGetValue(victim, out var known)) return known;
        var firewalls = new[] { before.Scenario.HostFirewall(victim.Name), after.Scenario.HostFirewall(victim.Name) };
        var key = string.Join(",", firewalls.Select(f => $"{PolicyId(f)}:{f.ClassOf(victim.Addresses)}"));
        _hostKeys[victim] = key;
        return key;
    }
}
