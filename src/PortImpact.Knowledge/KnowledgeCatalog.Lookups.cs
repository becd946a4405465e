using System.Diagnostics.CodeAnalysis;
using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge;

public sealed partial class KnowledgeCatalog
{
    /// <summary>
    /// Where clients' new connections come from: Windows' dynamic range (KB 929851), or the fixed port a port note
    /// gives for its port (NetBIOS name and datagram services).
    /// </summary>
    public ClientSourcePorts ClientSourcePorts() => new(
        Core.Model.ClientSourcePorts.WindowsDynamicRange,
        PortNotes.Where(n => n.ClientSourcePorts is not null && n.Ports.First == n.Ports.Last)
            .ToImmutableDictionary(n => (n.Transport, n.Ports.First), n => n.ClientSourcePorts!));

    public Capability GetCapability(string id) =>
        TryGetCapability(id, out var capability)
            ? capability
            : throw new KeyNotFoundException($"unknown capability '{id}'; known: {string.Join(", ", Capabilities.Keys.Order(StringComparer.Ordinal))}");

    public bool TryGetCapability(string id, [NotNullWhen(true)] out Capability? capability) =>
        Capabilities.TryGetValue(id.Trim(), out capability);

    public bool TryGetRole(string id, [NotNullWhen(true)] out Role? role) => Roles.TryGetValue(id.Trim(), out role);

    public bool TryGetBulletin(string id, [NotNullWhen(true)] out Bulletin? bulletin) => Bulletins.TryGetValue(id.Trim(), out bulletin);

    /// <summary>
    /// The threat a user means by an id, alias, bulletin id or CVE (case-insensitive). Where several match
    /// (MS03-026 is both Blaster's and Welchia's), the one first seen wins.
    /// </summary>
    public Threat? FindThreat(string query) => FindThreats(query).FirstOrDefault();

    /// <summary>
    /// Every threat matching <paramref name="query"/>, earliest first. An exact id names one threat. A CVE no
    /// threat lists directly still finds the threats of the bulletin that fixed it (CVE-2017-0143 → MS17-010 →
    /// WannaCry, NotPetya), and old CAN- candidate ids are read as the CVE ids they became.
    /// </summary>
    public IReadOnlyList<Threat> FindThreats(string query)
    {
        var wanted = Normalize(query);
        if (wanted.Length == 0)
        {
            return [];
        }
        var byId = Threats.FirstOrDefault(t => Same(t.Id, wanted));
        if (byId is not null)
        {
            return [byId];
        }
        var direct = Threats.Where(t => t.Aliases.Any(a => Same(a, wanted)) || t.Bulletins.Any(b => Same(b, wanted)) || t.Cves.Any(c => Same(c, wanted))).ToList();
        if (direct.Count > 0)
        {
            return direct;
        }
        var fixedBy = Bulletins.Values.Where(b => b.Cves.Any(c => Same(c, wanted))).Select(b => b.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. Threats.Where(t => t.Bulletins.Any(fixedBy.Contains))];
    }

    /// <summary>The threats that exploit what a bulletin fixed, earliest first.</summary>
    public IReadOnlyList<Threat> ThreatsForBulletin(string bulletinId)
    {
        var wanted = bulletinId.Trim();
        return [.. Threats.Where(t => t.Bulletins.Any(b => Same(b, wanted)))];
    }

    /// <summary>
    /// Resolves a name an admin typed for ports: the catalog's aliases first (they say what Windows really uses,
    /// e.g. <c>smb</c> is TCP 445 only), then IANA service names with every transport IANA registers
    /// (<c>microsoft-ds</c> is TCP and UDP 445).
    /// </summary>
    public bool TryResolveServiceName(string name, out PortSelection ports)
    {
        var wanted = name.Trim();
        if (ServiceAliases.TryGetValue(wanted, out var aliased))
        {
            ports = aliased;
            return true;
        }
        ports = PortSelection.None;
        foreach (var service in IanaServices)
        {
            if (Same(service.Name, wanted))
            {
                ports = ports.Union(PortSelection.Of(service.Transport, PortSet.From([service.Ports])));
            }
        }
        return !ports.IsEmpty;
    }

    private static string Normalize(string query)
    {
        var text = query.Trim();
        return text.StartsWith("CAN-", StringComparison.OrdinalIgnoreCase) ? "CVE-" + text[4..] : text;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
