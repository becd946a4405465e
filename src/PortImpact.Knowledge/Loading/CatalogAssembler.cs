using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// Merges parsed fragments into a catalog and checks that every name resolves. Within one batch of files an id
/// may be defined once; across batches (a user's extension over the built-in catalog) a later definition
/// replaces the earlier one. Entries are never removed, so names that resolved in the base still resolve and
/// only the batch's own references need checking.
/// </summary>
internal static class CatalogAssembler
{
    public static KnowledgeCatalog Assemble(KnowledgeCatalog? baseCatalog, IReadOnlyList<CatalogFragment> fragments, ImmutableArray<IanaService> ianaServices)
    {
        var sources = Merge(baseCatalog?.Sources, fragments.SelectMany(f => f.Sources), "CatalogKindSource");
        var capabilities = Merge(baseCatalog?.Capabilities, fragments.SelectMany(f => f.Capabilities), "CatalogKindCapability");
        var roles = Merge(baseCatalog?.Roles, fragments.SelectMany(f => f.Roles), "CatalogKindRole");
        var threats = Merge(baseCatalog?.Threats.ToImmutableDictionary(t => t.Id), fragments.SelectMany(f => f.Threats), "CatalogKindThreat");
        var datedBulletins = fragments.SelectMany(f => f.Bulletins).ToList();
        var bulletins = Merge(baseCatalog?.Bulletins, datedBulletins.Select(e => new CatalogEntry<Bulletin>(e.Key, e.Value.Bulletin, e.Location, e.References)), "CatalogKindBulletin");
        var editions = (baseCatalog?.BulletinEditions ?? Empty<PublicationEdition>())
            .SetItems(datedBulletins.Select(e => KeyValuePair.Create(e.Key, e.Value.Edition)));
        var notes = Merge(baseCatalog?.PortNotes.ToImmutableDictionary(NoteKey), fragments.SelectMany(f => f.PortNotes), "CatalogKindPortNote");
        var aliases = Merge(baseCatalog?.ServiceAliases, fragments.SelectMany(f => f.ServiceAliases), "CatalogKindServiceAlias");
        var osVersions = Merge(baseCatalog?.OsVersions, fragments.SelectMany(f => f.OsVersions), "CatalogKindOs");
        var traits = osVersions.Values.SelectMany(o => o.Traits).ToHashSet(StringComparer.Ordinal);

        var known = new Dictionary<ReferenceKind, Func<string, bool>>
        {
            [ReferenceKind.Source] = sources.ContainsKey,
            [ReferenceKind.Capability] = capabilities.ContainsKey,
            [ReferenceKind.Role] = roles.ContainsKey,
            [ReferenceKind.Bulletin] = bulletins.ContainsKey,
            [ReferenceKind.Os] = osVersions.ContainsKey,
            [ReferenceKind.OsTrait] = traits.Contains,
        };
        var references = fragments.SelectMany(f =>
            f.Sources.SelectMany(e => e.References)
                .Concat(f.Capabilities.SelectMany(e => e.References))
                .Concat(f.Roles.SelectMany(e => e.References))
                .Concat(f.Threats.SelectMany(e => e.References))
                .Concat(f.Bulletins.SelectMany(e => e.References))
                .Concat(f.PortNotes.SelectMany(e => e.References))
                .Concat(f.ServiceAliases.SelectMany(e => e.References))
                .Concat(f.OsVersions.SelectMany(e => e.References)));
        foreach (var reference in references)
        {
            if (!known[reference.Kind](reference.Id))
            {
                throw new InputException(reference.Location, Messages.Format("CatalogUnknownReference", Describe(reference.Kind), reference.Id));
            }
        }
        foreach (var entry in fragments.SelectMany(f => f.Capabilities))
        {
            RejectCycle(entry, capabilities);
        }

        return new KnowledgeCatalog
        {
            Sources = sources,
            Capabilities = capabilities,
            Roles = roles,
            Threats = [.. threats.Values.OrderBy(t => t.FirstSeen).ThenBy(t => t.Id, StringComparer.Ordinal)],
            Bulletins = bulletins,
            BulletinEditions = editions,
            PortNotes = [.. notes.Values.OrderBy(n => n.Ports.First).ThenBy(n => n.Ports.Last).ThenBy(n => n.Transport)],
            ServiceAliases = aliases,
            OsVersions = osVersions,
            IanaServices = ianaServices,
        };
    }

    private static string NoteKey(PortNote note) => $"{note.Transport.ToId()}/{note.Ports}";

    private static ImmutableDictionary<string, T> Empty<T>() =>
        ImmutableDictionary.Create<string, T>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ids compare without regard to case, so <c>ms03-026</c> and <c>MS03-026</c> are one bulletin.</summary>
    /// <param name="kindKey">The message key naming the kind of entry (<c>CatalogKindRole</c>), for "role 'x' is defined twice".</param>
    private static ImmutableDictionary<string, T> Merge<T>(ImmutableDictionary<string, T>? baseEntries, IEnumerable<CatalogEntry<T>> entries, string kindKey)
    {
        var merged = (baseEntries ?? Empty<T>()).WithComparers(StringComparer.OrdinalIgnoreCase).ToBuilder();
        var firstSeen = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (firstSeen.TryGetValue(entry.Key, out var earlier))
            {
                throw new InputException(entry.Location, Messages.Format("CatalogDefinedTwice", Messages.Format(kindKey), entry.Key, earlier));
            }
            firstSeen.Add(entry.Key, entry.Location);
            merged[entry.Key] = entry.Value;
        }
        return merged.ToImmutable();
    }

    /// <summary>
    /// A capability that needs itself, directly or through others, has no finite requirement. The base catalog
    /// had no cycle, so any new one passes through an entry of this batch and is reported at its reference.
    /// </summary>
    private static void RejectCycle(CatalogEntry<Capability> entry, ImmutableDictionary<string, Capability> capabilities)
    {
        foreach (var reference in entry.References.Where(r => r.Kind == ReferenceKind.Capability))
        {
            if (Reaches(reference.Id, entry.Key, capabilities, new HashSet<string>(StringComparer.OrdinalIgnoreCase)))
            {
                throw new InputException(reference.Location, Messages.Format("CatalogCapabilityCycle", entry.Key, reference.Id));
            }
        }
    }

    private static bool Reaches(string from, string target, ImmutableDictionary<string, Capability> capabilities, HashSet<string> visited)
    {
        if (string.Equals(from, target, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!visited.Add(from) || !capabilities.TryGetValue(from, out var capability))
        {
            return false;
        }
        return RequirementTree.CapabilityReferences(capability.Requirement).Any(next => Reaches(next, target, capabilities, visited));
    }

    private static string Describe(ReferenceKind kind) => Messages.Format(kind switch
    {
        ReferenceKind.Source => "CatalogKindSource",
        ReferenceKind.Capability => "CatalogKindCapability",
        ReferenceKind.Role => "CatalogKindRole",
        ReferenceKind.Os => "CatalogKindOs",
        ReferenceKind.OsTrait => "CatalogKindOsTrait",
        _ => "CatalogKindBulletin",
    });
}
