using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Loading;

/// <summary>Everything one YAML document defines, in the order written, not yet checked against other files.</summary>
internal sealed record CatalogFragment(
    ImmutableArray<CatalogEntry<SourceReference>> Sources,
    ImmutableArray<CatalogEntry<Capability>> Capabilities,
    ImmutableArray<CatalogEntry<Role>> Roles,
    ImmutableArray<CatalogEntry<Threat>> Threats,
    ImmutableArray<CatalogEntry<DatedBulletin>> Bulletins,
    ImmutableArray<CatalogEntry<PortNote>> PortNotes,
    ImmutableArray<CatalogEntry<PortSelection>> ServiceAliases,
    ImmutableArray<CatalogEntry<OsVersion>> OsVersions);
