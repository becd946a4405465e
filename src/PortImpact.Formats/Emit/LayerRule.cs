using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;

namespace PortImpact.Formats.Emit;

/// <summary>One line of the change layer as a first-match device reads it; <see cref="Rule"/> is null for the closure itself.</summary>
internal sealed record LayerRule(RuleAction Action, PortSelection Ports, AddressSet Source, AddressSet Destination, string Label, FirewallRule? Rule)
{
    public bool IsClosure => Rule is null;
}

/// <summary>The change layer of <see cref="ChangeAtPoint"/> in the order a device must read it.</summary>
internal static class ChangeLayer
{
    /// <summary>
    /// On a router every exception, then the closure. Exceptions keep their addresses but not their direction:
    /// with no interface names a router rule cannot tell which way a packet crosses (so a one-way change there
    /// is refused), and an exception between two host groups is crossed one way only, which its addresses say.
    /// </summary>
    public static IReadOnlyList<LayerRule> ForRouter(ChangeAtPoint change)
    {
        var rules = change.Exceptions.Select(Line).ToList();
        rules.Add(Closure(change));
        return [.. rules.Where(MatchesSomething)];
    }

    /// <summary>On a host the chain of each direction holds only what applies that way; the direction is exact there.</summary>
    public static IReadOnlyList<LayerRule> ForHost(ChangeAtPoint change, TrafficDirection crossing)
    {
        var rules = change.Exceptions.Where(e => e.AppliesTo(crossing)).Select(Line).ToList();
        if (Applies(change.Direction, crossing)) rules.Add(Closure(change));
        return [.. rules.Where(MatchesSomething)];
    }

    /// <summary>The directions in which something of the change drops traffic; a direction with exemptions alone changes nothing.</summary>
    public static IReadOnlyList<TrafficDirection> HostDirections(ChangeAtPoint change) =>
        [.. new[] { TrafficDirection.In, TrafficDirection.Out }.Where(d => ForHost(change, d).Any(r => r.Action == RuleAction.Deny))];

    private static bool Applies(TrafficDirection ruleDirection, TrafficDirection crossing) =>
        ruleDirection == TrafficDirection.Both || ruleDirection == crossing;

    private static LayerRule Line(FirewallRule rule) => new(rule.Action, rule.Ports, rule.Source, rule.Destination, rule.Label, rule);

    private static LayerRule Closure(ChangeAtPoint change) =>
        new(RuleAction.Deny, change.Closed, AddressSet.Any, AddressSet.Any, "PortImpact: proposed closure", null);

    private static bool MatchesSomething(LayerRule rule) => !rule.Ports.IsEmpty && !rule.Source.IsEmpty && !rule.Destination.IsEmpty;
}
