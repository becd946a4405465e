using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Change;

/// <summary>
/// The proposed change: close these ports at these places. <see cref="Direction"/> null means the
/// default: both ways on links, inbound on host firewalls.
/// </summary>
public sealed record Closure(PortSelection Ports, ImmutableArray<Placement> At, TrafficDirection? Direction)
{
    public string Describe() => $"close {Ports} at {string.Join(", ", At.Select(a => a.Id))}";
}
