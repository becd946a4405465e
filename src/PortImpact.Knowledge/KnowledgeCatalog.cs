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

    /// <summary>The operating systems a host's <c>os:</c> may name, with the traits requirements and threats test.</summary>
    public ImmutableDictionary<string, Core.Knowledge.OsVersion> OsVersions { get; init; } =
        ImmutableDictionary.Create<string, Core.Knowledge.OsVersion>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a workstation is taken to run when neither it nor its model says: a current Windows client.</summary>
    public const string DefaultClientOs = "windows-11-22h2";

    /// <summary>What any other host is taken to run when neither it nor its model says: a current Windows Server.</summary>
    public const string DefaultServerOs = "windows-server-2022";

    /// <summary>The roles whose hosts are client PCs, which default to <see cref="DefaultClientOs"/>.</summary>
    public static readonly IReadOnlySet<string> ClientRoles = new HashSet<string>(["workstation", "admin-workstation"], StringComparer.Ordinal);

    /// <summary>The operating system a host runs: its own or its model's <c>os:</c>, else a current Windows for its kind.</summary>
    public Core.Knowledge.OsVersion? OsOf(Core.Model.HostGroup host)
    {
        var id = host.Os ?? (host.Roles.Any(ClientRoles.Contains) ? DefaultClientOs : DefaultServerOs);
        return OsVersions.GetValueOrDefault(id);
    }

    /// <summary>
    /// Per bulletin id, whether <see cref="Bulletin.Published"/> is the US date or the Japanese edition's (a day
    /// later as a rule), so a report can say which date it shows.
    /// </summary>
    public ImmutableDictionary<string, PublicationEdition> BulletinEditions { get; init; } =
        ImmutableDictionary.Create<string, PublicationEdition>(StringComparer.OrdinalIgnoreCase);
}
