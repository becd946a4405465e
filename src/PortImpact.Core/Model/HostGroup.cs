using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Model;

/// <summary>
/// One host (an address) or a group of alike hosts (a subnet and a count) treated as one, so that a model
/// of 120 PCs costs one evaluation, not 120.
/// </summary>
public sealed record HostGroup(
    string Name,
    string Place,
    AddressSet Addresses,
    int Count,
    ImmutableArray<string> Roles,
    Policy? Firewall,
    SourceLocation? Location)
{
    /// <summary>
    /// The RPC endpoints this host hands out when its dynamic range is restricted in the registry (KB 154596)
    /// or AD replication and Netlogon are pinned to fixed ports (KB 224196); null = the model's range.
    /// Init-only rather than positional so that the many existing constructor calls stay as they are.
    /// </summary>
    public PortSet? RpcDynamicPorts { get; init; }

    public bool HasRole(string role) => Roles.Contains(role);
}
