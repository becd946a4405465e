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
/// dynamic range, which the server may hand out in full, so every port of it is needed.
/// </summary>
public sealed record PortNeed(Transport Transport, PortSet Ports, bool UsesRpcDynamicRange, FlowOrientation Orientation) : Requirement
{
    public PortSet Resolve(PortSet rpcDynamicPorts) => UsesRpcDynamicRange ? rpcDynamicPorts : Ports;

    public override string ToString() => $"{Transport.ToId()}/{(UsesRpcDynamicRange ? "rpc-dynamic" : Ports.ToString())}";
}
