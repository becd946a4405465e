using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Dependencies;

namespace PortImpact.Engine.Recommendations;

/// <summary>
/// Traffic exempted from the change at one enforcement point or host firewall. <see cref="At"/> is a point
/// name or <c>host:NAME</c>; <see cref="Direction"/> is the way the flows cross it. Sources and
/// destinations are host groups of the model, never "any", so the exception opens nothing the model does
/// not say is needed. <see cref="RpcDynamicPorts"/> is the part of <see cref="Ports"/> that is an RPC
/// dynamic range: that part shrinks when the servers' range is restricted (KB 154596 / KB 224196).
/// </summary>
public sealed record AllowException(
    string Id,
    string At,
    TrafficDirection Direction,
    PortSelection Ports,
    ImmutableArray<string> Sources,
    AddressSet SourceAddresses,
    ImmutableArray<string> Destinations,
    AddressSet DestinationAddresses,
    PortSelection RpcDynamicPorts,
    ImmutableArray<Dependency> Keeps)
{
    /// <summary>True for a host firewall (<c>host:NAME</c>), false for an enforcement point on a link.</summary>
    public bool OnHost => FilterPointId.IsHostKey(At);

    /// <summary>The exception as an overlay rule: a permit ahead of the change, which exempts its traffic from it.</summary>
    public FirewallRule ToRule() =>
        new(RuleAction.Permit, Ports, SourceAddresses, DestinationAddresses, Direction, $"exception {Id}", null);
}

/// <summary>
/// A threat × attacker position × victims that the change alone stops but the exceptions let through again,
/// the exceptions it passes (<see cref="Through"/>, by id) and what the catalog says to do about it that
/// needs no port closed (patches, disabling SMBv1, …).
/// </summary>
public sealed record ResidualExposure(
    string Threat,
    string Attacker,
    ImmutableArray<string> Victims,
    ImmutableArray<string> Through,
    ImmutableArray<Core.Knowledge.Mitigation> Mitigations);
