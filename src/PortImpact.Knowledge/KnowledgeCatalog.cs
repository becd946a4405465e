using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge;

/// <summary>
/// The loaded catalogs: capabilities, roles, threats, bulletins, port notes, IANA services and sources.
/// Immutable once built; the built-in one is loaded once from the YAML embedded in this assembly.
/// </summary>
public sealed partial class KnowledgeCatalog
{
    public required ImmutableDictionary<string, Capability> Capabilities { get; init; }
    public required ImmutableDictionary<string, Role> Roles { get; init; }

    /// <summary>Ordered by the date each threat was first seen, so "the first match" means the earliest.</summary>
    public required ImmutableArray<Threat> Threats { get; init; }
    public required ImmutableDictionary<string, Bulletin> Bulletins { get; init; }
    public required ImmutableDictionary<string, SourceReference> Sources { get; init; }
    public required ImmutableArray<PortNote> PortNotes { get; init; }
    public required ImmutableArray<IanaService> IanaServices { get; init; }

    /// <summary>Short names admins write for port groups (smb, netbios, rpc-epmap …) mapped to ports.</summary>
    public required ImmutableDictionary<string, PortSelection> ServiceAliases { get; init; }

    /// <summary>
    /// Per bulletin id, whether <see cref="Bulletin.Published"/> is the US date or the Japanese edition's (a day
    /// later as a rule), so a report can say which date it shows.
    /// </summary>
    public ImmutableDictionary<string, PublicationEdition> BulletinEditions { get; init; } =
        ImmutableDictionary.Create<string, PublicationEdition>(StringComparer.OrdinalIgnoreCase);
}
