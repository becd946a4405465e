using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Policies;

namespace PortImpact.Formats.Emit;

/// <summary>
/// The proposed change at one enforcement point or host firewall (<see cref="Point"/> is a point name or
/// <c>host:NAME</c>), as the engine evaluates it: a layer ahead of the device's own rules in which
/// <see cref="Exceptions"/> are read first, in order (a permit exempts its traffic from the change and hands it
/// on to the existing rules; a deny closes more), then the closure drops <see cref="Closed"/> in
/// <see cref="Direction"/>, and everything else goes on to the existing rules.
/// </summary>
public sealed record ChangeAtPoint(string Point, PortSelection Closed, TrafficDirection Direction, ImmutableArray<FirewallRule> Exceptions)
{
    public bool OnHost => FilterPointId.IsHostKey(Point);

    /// <summary>
    /// Every point and host firewall that a closure or its overlay changes, ordered by name so the emitted
    /// files come out in the same order every time.
    /// </summary>
    public static ImmutableArray<ChangeAtPoint> AllOf(ResolvedClosure closure, PolicyOverlay? overlay)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        keys.UnionWith(closure.Points);
        keys.UnionWith(closure.Hosts.Select(Scenario.HostKey));
        if (overlay is not null) keys.UnionWith(overlay.Places.Select(p => p.ToString()));
        var changes = ImmutableArray.CreateBuilder<ChangeAtPoint>();
        foreach (var key in keys)
        {
            var id = FilterPointId.Parse(key);
            var isHost = id.IsHost;
            var closed = isHost ? closure.Hosts.Contains(id.Name) : closure.Points.Contains(key);
            var exceptions = overlay?.RulesAt(id) ?? [];
            changes.Add(new ChangeAtPoint(key, closed ? closure.Closure.Ports : PortSelection.None,
                isHost ? closure.HostDirection : closure.PointDirection, exceptions));
        }
        return changes.ToImmutable();
    }
}
