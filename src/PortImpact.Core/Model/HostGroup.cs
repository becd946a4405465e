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

    /// <summary>
    /// RPC servers pinned to one port each (<c>ntds</c> and <c>netlogon</c> by KB 224196, <c>dfsr</c> by
    /// <c>dfsrdiag StaticRPC</c>, <c>frs</c>): a client of that service is handed this port, not one of the range.
    /// </summary>
    public ImmutableDictionary<string, int> PinnedRpcPorts { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>The operating system (an id of the OS catalog); the model reader fills in the default when the model gives none.</summary>
    public string? Os { get; init; }

    /// <summary>The ports this host hands out for <paramref name="service"/>: its pinned port, else its range, else <paramref name="modelRange"/>.</summary>
    public PortSet RpcPortsFor(string? service, PortSet modelRange) =>
        service is not null && PinnedRpcPorts.TryGetValue(service, out var port) ? PortSet.Of(port) : RpcDynamicPorts ?? modelRange;

    public bool HasRole(string role) => Roles.Contains(role);
}
