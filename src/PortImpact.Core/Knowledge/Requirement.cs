using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Knowledge;

/// <summary>
/// What a Windows function needs on the wire, as an expression: every part of an <see cref="AllOf"/>,
/// one alternative of an <see cref="AnyOf"/> (the first is the normal way; a later one is a fallback,
/// so using it means "degraded"), and <see cref="Optional"/> parts whose loss degrades but never breaks.
/// </summary>
public abstract record Requirement;

public sealed record AllOf(ImmutableArray<Requirement> Parts) : Requirement;

public sealed record AnyOf(ImmutableArray<Requirement> Alternatives) : Requirement;

public sealed record Optional(Requirement Part) : Requirement;

/// <summary>Another capability's whole requirement, so that e.g. AD logon can reuse SMB file sharing.</summary>
public sealed record CapabilityReference(string CapabilityId) : Requirement;

/// <summary>Which end of a dependency a condition looks at.</summary>
public enum DependencySide
{
    Client,
    Server,
}

/// <summary>
/// <see cref="Then"/> when the host on <see cref="Side"/> runs an operating system with <see cref="Trait"/> (the OS
/// catalog), else <see cref="Else"/>: printing from Windows 11 22H2 on goes over RPC/TCP, earlier clients use named
/// pipes over SMB.
/// </summary>
public sealed record WhenOs(DependencySide Side, string Trait, Requirement Then, Requirement Else) : Requirement;

/// <summary>Which end opens the connection a need describes.</summary>
public enum FlowOrientation
{
    /// <summary>The client (dependent) connects to the server (the host it depends on).</summary>
    ClientToServer,
    /// <summary>The server connects back to the client.</summary>
    ServerToClient,
}

/// <summary>
/// A transport and ports. When <see cref="UsesRpcDynamicRange"/> is set the ports are the model's RPC
/// dynamic range, which the server may hand out in full, so every port of it is needed. <see cref="RpcService"/>
/// names the RPC server behind the endpoint (<c>ntds</c>, <c>netlogon</c>, <c>dfsr</c>, <c>frs</c>) where an admin can
/// pin it to one port (KB 224196, <c>dfsrdiag StaticRPC</c>); a host that pins it hands out only that port for it.
/// </summary>
public sealed record PortNeed(Transport Transport, PortSet Ports, bool UsesRpcDynamicRange, FlowOrientation Orientation) : Requirement
{
    public string? RpcService { get; init; }

    public PortSet Resolve(PortSet rpcDynamicPorts) => UsesRpcDynamicRange ? rpcDynamicPorts : Ports;

    public override string ToString() => $"{Transport.ToId()}/{(UsesRpcDynamicRange ? "rpc-dynamic" + (RpcService is null ? "" : $"({RpcService})") : Ports.ToString())}";
}
