using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge;

/// <summary>
/// Everything the catalog knows about one port: its IANA class and registered names, the Windows functions
/// that need it and how badly, the attack steps and bulletins that involve it, and notes on what Windows does
/// with it. A value for renderers; it holds no text of its own beyond the catalog's.
/// </summary>
public sealed record PortReport(
    int Port,
    ImmutableArray<Transport> Transports,
    IanaPortClass Class,
    ImmutableArray<IanaService> IanaServices,
    ImmutableArray<CapabilityPortUse> Capabilities,
    ImmutableArray<ThreatPortUse> Threats,
    ImmutableArray<BulletinPortMention> Bulletins,
    ImmutableArray<PortNote> Notes)
{
    /// <summary><c>well-known</c>, <c>registered</c> or <c>dynamic</c>, as RFC 6335 names the ranges.</summary>
    public string ClassId => Class.ToId();
}
