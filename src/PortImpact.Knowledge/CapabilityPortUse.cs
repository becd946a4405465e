using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge;

/// <summary>
/// One place in a capability's requirement tree that needs the port asked about. <see cref="Via"/> lists the
/// capabilities passed through to reach it (AD logon → file-sharing), empty when the capability names the port
/// itself.
/// </summary>
public sealed record CapabilityPortUse(
    Capability Capability,
    Transport Transport,
    PortNeed Need,
    PortUsage Usage,
    ImmutableArray<string> Via)
{
    /// <summary>The port matched because it lies in the model's RPC dynamic range, not because it is named.</summary>
    public bool ViaRpcDynamicRange => Need.UsesRpcDynamicRange;

    public FlowOrientation Orientation => Need.Orientation;
}
