using PortImpact.Core.Model;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Sorts victims into classes whose members no rule of the model can tell apart: same place, same host
/// firewall policy before and after the change, and addresses that fall between the same rule boundaries.
/// A threat is then evaluated once per class instead of once per host group.
/// </summary>
public sealed class VictimClasses
{
    private readonly uint[] _boundaries;

    public VictimClasses(NetworkModel model, IEnumerable<FirewallRule> extraRules)
    {
        var rules = model.Points.SelectMany(p => p.Baseline.Rules)
            .Concat(model.Hosts.Where(h => h.Firewall is not null).SelectMany(h => h.Firewall!.Rules))
            .Concat(extraRules);
        var boundaries = new SortedSet<uint>();
        foreach (var rule in rules)
        {
            foreach (var range in rule.Source.Ranges.Concat(rule.Destination.Ranges))
            {
                boundaries.Add(range.First);
                if (range.Last != uint.MaxValue) boundaries.Add(range.Last + 1);
            }
        }
        _boundaries = [.. boundaries];
    }

    public IEnumerable<List<HostGroup>> Group(IEnumerable<HostGroup> victims, Scenario before, Scenario after) =>
        victims
            .GroupBy(v => (v.Place, Before: before.HostFirewall(v.Name), After: after.HostFirewall(v.Name), Signature: Signature(v)))
            .Select(g => g.ToList());

    private string Signature(HostGroup victim) =>
        string.Join(";", victim.Addresses.Ranges.Select(r => $"{Interval(r.First)}-{Interval(r.Last)}"));

    private int Interval(uint address)
    {
        var index = Array.BinarySearch(_boundaries, address);
        return index >= 0 ? index + 1 : ~index;
    }
}
