using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Model;

/// <summary>A company's network as the user described it, validated and with every name resolved.</summary>
public sealed record NetworkModel(
    string Name,
    string SourceFile,
    PortSet RpcDynamicPorts,
    ImmutableArray<Place> Places,
    ImmutableArray<Link> Links,
    ImmutableArray<EnforcementPoint> Points,
    ImmutableArray<HostGroup> Hosts,
    ImmutableArray<Use> Uses)
{
    /// <summary>Windows Vista and later hand out RPC endpoints from 49152–65535 (KB 929851).</summary>
    public static readonly PortSet DefaultRpcDynamicPorts = PortSet.Range(49152, 65535);

    /// <summary>Where clients' new connections come from, for rule files that test source ports.</summary>
    public ClientSourcePorts ClientSourcePorts { get; init; } = ClientSourcePorts.Default;

    public Place? FindPlace(string name) => Places.FirstOrDefault(p => p.Name == name);

    public HostGroup? FindHost(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    public EnforcementPoint? FindPoint(string name) => Points.FirstOrDefault(p => p.Name == name);
}
