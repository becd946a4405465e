using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// Turns one catalog file into <see cref="CatalogFragment"/>s. A file may hold any of the sections (sources,
/// capabilities, roles, threats, bulletins, ports, services), so a user's extension can be a single file.
/// Only the shape of each entry is checked here; names that point at other entries are collected and checked
/// once every file is merged (<see cref="CatalogAssembler"/>).
/// </summary>
internal sealed partial class CatalogDocumentReader
{
    private static readonly Dictionary<string, ThreatActor> Actors = new(StringComparer.Ordinal)
    {
        ["attacker"] = ThreatActor.Attacker,
        ["victim"] = ThreatActor.Victim,
    };

    private static readonly Dictionary<string, ServerSelection> Selections = new(StringComparer.Ordinal)
    {
        ["nearest"] = ServerSelection.Nearest,
        ["replication-partners"] = ServerSelection.ReplicationPartners,
        ["all"] = ServerSelection.All,
        ["failover"] = ServerSelection.Failover,
        ["replicate-both-ways"] = ServerSelection.ReplicateBothWays,
        ["replicate-inbound"] = ServerSelection.ReplicateInbound,
    };

    private static readonly Dictionary<string, PublicationEdition> Editions = new(StringComparer.Ordinal)
    {
        ["us"] = PublicationEdition.UnitedStates,
        ["jp"] = PublicationEdition.Japanese,
    };

    private static readonly Dictionary<string, string> ThreatKinds = new(StringComparer.Ordinal)
    {
        ["worm"] = "worm",
        ["ransomware"] = "ransomware",
        ["vulnerability"] = "vulnerability",
    };

    private readonly string _file;

    private CatalogDocumentReader(string file) => _file = file;

    public static IReadOnlyList<CatalogFragment> Read(string file, TextReader text)
    {
        var documents = YamlText.Load(text.ReadToEnd(), file);
        var reader = new CatalogDocumentReader(file);
        return [.. documents.Select(document => reader.ReadDocument(document.RootNode))];
    }

    private CatalogFragment ReadDocument(YamlNode root)
    {
        // A file holding nothing but comments parses as one empty scalar; it defines nothing.
        if (root is YamlScalarNode { Value: null or "" })
        {
            return new CatalogFragment([], [], [], [], [], [], [], []);
        }
        var map = YamlMap.Of(root, _file, Messages.Format("CatalogWhatFile"), "sources", "capabilities", "roles", "threats", "bulletins", "ports", "services", "os");
        return new CatalogFragment(
            Section(map, "sources", ReadSource),
            Section(map, "capabilities", ReadCapability),
            Section(map, "roles", ReadRole),
            Section(map, "threats", ReadThreat),
            Section(map, "bulletins", ReadBulletin),
            Section(map, "ports", ReadPortNote),
            Section(map, "services", ReadServiceAlias),
            Section(map, "os", ReadOs));
    }

    private ImmutableArray<CatalogEntry<T>> Section<T>(YamlMap map, string key, Func<YamlNode, CatalogEntry<T>> readEntry)
    {
        var node = map.Get(key);
        if (node is null || node is YamlScalarNode { Value: null or "" })
        {
            return [];
        }
        return [.. node.Items(_file, Messages.Format("CatalogWhatSection", key)).Select(readEntry)];
    }

    private CatalogEntry<SourceReference> ReadSource(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatSource"), "id", "title", "url", "repo", "path", "commit");
        var id = PlainId(map.Require("id"), Messages.Format("CatalogWhatSourceId"));
        var title = map.Require("title").Text(_file, Messages.Format("CatalogWhatSourceTitle"));
        string? url;
        if (map.Get("url") is { } urlNode)
        {
            if (map.Has("repo") || map.Has("path") || map.Has("commit"))
            {
                throw urlNode.Error(_file, Messages.Format("CatalogSourceUrlAndRepo"));
            }
            url = urlNode.Text(_file, Messages.Format("CatalogWhatSourceUrl"));
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw urlNode.Error(_file, Messages.Format("CatalogSourceNotHttp", url));
            }
        }
        else if (map.Get("repo") is { } repoNode)
        {
            var repo = repoNode.Text(_file, Messages.Format("CatalogWhatSourceRepo"));
            if (!RepositoryName().IsMatch(repo))
            {
                throw repoNode.Error(_file, Messages.Format("CatalogSourceRepoForm", repo));
            }
            var commit = map.Require("commit").Text(_file, Messages.Format("CatalogWhatSourceCommit"));
            var path = map.Get("path")?.Text(_file, Messages.Format("CatalogWhatSourcePath"));
            // A pinned GitHub address lets a reader open exactly the revision that was read.
            url = path is null ? $"https://github.com/{repo}/tree/{commit}" : $"https://github.com/{repo}/blob/{commit}/{path}";
        }
        else
        {
            // Some sources are a set of write-ups rather than one document; the title then says what they are.
            url = null;
        }
        return new CatalogEntry<SourceReference>(id, new SourceReference(id, title, url), map.Location, []);
    }

    private CatalogEntry<Capability> ReadCapability(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatCapability"), "id", "name", "summary", "whenBroken", "requires", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), Messages.Format("CatalogWhatCapabilityId"));
        var capability = new Capability(
            id,
            map.Require("name").Localized(_file, Messages.Format("CatalogWhatCapabilityName", id)),
            map.Require("summary").Localized(_file, Messages.Format("CatalogWhatCapabilitySummary", id)),
            RequirementReader.Read(map.Require("requires"), _file, references),
            Sources(map, references))
        {
            WhenBroken = map.Get("whenBroken")?.Localized(_file, Messages.Format("CatalogWhatCapabilityWhenBroken", id)) ?? LocalizedText.Empty,
        };
        return new CatalogEntry<Capability>(id, capability, map.Location, [.. references]);
    }

    private CatalogEntry<Role> ReadRole(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatRole"), "id", "name", "implies", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), Messages.Format("CatalogWhatRoleId"));
        var implies = map.Get("implies") is { } impliesNode
            ? [.. impliesNode.Items(_file, Messages.Format("CatalogWhatRoleImplies", id)).Select(item => ReadImplied(item, references))]
            : ImmutableArray<ImpliedDependency>.Empty;
        var role = new Role(id, map.Require("name").Localized(_file, Messages.Format("CatalogWhatRoleName", id)), implies, Sources(map, references));
        return new CatalogEntry<Role>(id, role, map.Location, [.. references]);
    }

    private ImpliedDependency ReadImplied(YamlNode node, List<EntryReference> references)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatImplied"), "capability", "server", "alsoServedBy", "select");
        var capabilityNode = map.Require("capability");
        var serverNode = map.Require("server");
        var capability = SlugId(capabilityNode, Messages.Format("CatalogWhatImpliedCapability"));
        var server = SlugId(serverNode, Messages.Format("CatalogWhatImpliedServer"));
        references.Add(new EntryReference(ReferenceKind.Capability, capability, capabilityNode.At(_file)));
        references.Add(new EntryReference(ReferenceKind.Role, server, serverNode.At(_file)));
        var also = ImmutableArray<string>.Empty;
        if (map.Get("alsoServedBy") is { } alsoNode)
        {
            var alsoWhat = Messages.Format("CatalogWhatAlsoServedByRole");
            also = [.. alsoNode.Items(_file, "alsoServedBy").Select(item =>
            {
                var role = SlugId(item, alsoWhat);
                references.Add(new EntryReference(ReferenceKind.Role, role, item.At(_file)));
                return role;
            })];
        }
        var selection = map.Get("select")?.Choice(_file, "select", Selections) ?? ServerSelection.Nearest;
        return new ImpliedDependency(capability, server, selection) { AlsoServedBy = also };
    }

    private CatalogEntry<OsVersion> ReadOs(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatOs"), "id", "name", "family", "rank", "traits", "rpcDynamicPorts", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), Messages.Format("CatalogWhatOsId"));
        var family = SlugId(map.Require("family"), Messages.Format("CatalogWhatOsFamily", id));
        var rankNode = map.Require("rank");
        if (!int.TryParse(rankNode.Text(_file, Messages.Format("CatalogWhatRank")), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank))
        {
            throw rankNode.Error(_file, Messages.Format("CatalogOsRankNotNumber", id));
        }
        var traits = map.Get("traits") is { } traitsNode
            ? [.. traitsNode.Items(_file, Messages.Format("CatalogWhatOsTraits", id)).Select(t => SlugId(t, Messages.Format("CatalogWhatOsTrait")))]
            : ImmutableArray<string>.Empty;
        var rpc = map.Get("rpcDynamicPorts") is { } rpcNode
            ? PortSet.TryParse(rpcNode.Text(_file, "rpcDynamicPorts"), out var set, out var error) ? set : throw rpcNode.Error(_file, error!)
            : PortSet.Range(49152, 65535);
        var os = new OsVersion(id, map.Require("name").Localized(_file, Messages.Format("CatalogWhatOsName", id)), family, rank, traits, rpc, Sources(map, references));
        return new CatalogEntry<OsVersion>(id, os, map.Location, [.. references]);
    }

    private CatalogEntry<Threat> ReadThreat(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatThreat"),
            "id", "name", "kind", "aliases", "firstSeen", "bulletins", "cves", "victimRoles", "victimOs",
            "spreadsFromInternet", "summary", "steps", "mitigations", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), Messages.Format("CatalogWhatThreatId"));
        var bulletins = IdList(map.Get("bulletins"), Messages.Format("CatalogWhatThreatBulletins", id), ReferenceKind.Bulletin, references, PlainId);
        var victimRoles = IdList(map.Get("victimRoles"), Messages.Format("CatalogWhatThreatVictimRoles", id), ReferenceKind.Role, references, SlugId);
        var victimOs = IdList(map.Get("victimOs"), Messages.Format("CatalogWhatThreatVictimOs", id), ReferenceKind.Os, references, SlugId);
        var stepsNode = map.Require("steps");
        var stepItems = stepsNode.Items(_file, Messages.Format("CatalogWhatThreatSteps", id));
        if (stepItems.Count == 0)
        {
            throw stepsNode.Error(_file, Messages.Format("CatalogThreatNoSteps", id));
        }
        var steps = stepItems.Select((item, index) => ReadStep(item, index + 1, id, references)).ToImmutableArray();
        var mitigations = map.Get("mitigations") is { } mitigationsNode
            ? [.. mitigationsNode.Items(_file, Messages.Format("CatalogWhatThreatMitigations", id)).Select(item => ReadMitigation(item, references))]
            : ImmutableArray<Mitigation>.Empty;
        var threat = new Threat(
            id,
            map.Require("name").Localized(_file, Messages.Format("CatalogWhatThreatName", id)),
            map.Require("kind").Choice(_file, "kind", ThreatKinds),
            map.Get("aliases")?.Texts(_file, Messages.Format("CatalogWhatThreatAliases", id)) ?? [],
            map.Require("firstSeen").Date(_file, "firstSeen"),
            bulletins,
            Cves(map.Get("cves"), Messages.Format("CatalogWhatThreatCves", id)),
            victimRoles,
            map.Require("spreadsFromInternet").Flag(_file, "spreadsFromInternet"),
            steps,
            map.Require("summary").Localized(_file, Messages.Format("CatalogWhatThreatSummary", id)),
            mitigations,
            Sources(map, references)) { VictimOs = victimOs };
        return new CatalogEntry<Threat>(id, threat, map.Location, [.. references]);
    }

    private static readonly Dictionary<string, ThreatStage> Stages = new(StringComparer.Ordinal)
    {
        ["exploit"] = ThreatStage.Exploit,
        ["copy"] = ThreatStage.Copy,
    };

    /// <summary>
    /// A step's ports: a selection (<c>tcp/445</c>), or a list whose items are selections or ways only some victims
    /// offer (<c>{ ports: tcp/80, victimOs: [windows-2000], victimRoles: [web-server] }</c>).
    /// </summary>
    private (PortSelection All, PortSelection Unconditional, ImmutableArray<ConditionalPorts> Conditional) StepPorts(YamlNode node, string what, List<EntryReference> references)
    {
        var portsWhat = Messages.Format("CatalogWhatPortsOf", what);
        if (node is not YamlSequenceNode sequence || sequence.Children.All(c => c is YamlScalarNode))
        {
            var plain = node.TransportPorts(_file, portsWhat);
            return (plain, plain, []);
        }
        var unconditional = PortSelection.None;
        var conditional = ImmutableArray.CreateBuilder<ConditionalPorts>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode)
            {
                unconditional = unconditional.Union(item.TransportPorts(_file, portsWhat));
                continue;
            }
            var way = YamlMap.Of(item, _file, Messages.Format("CatalogWhatWayOf", what), "ports", "victimOs", "victimRoles");
            var ports = way.Require("ports").TransportPorts(_file, portsWhat);
            var os = IdList(way.Get("victimOs"), Messages.Format("CatalogWhatVictimOsOf", what), ReferenceKind.Os, references, SlugId);
            var roles = IdList(way.Get("victimRoles"), Messages.Format("CatalogWhatVictimRolesOf", what), ReferenceKind.Role, references, SlugId);
            conditional.Add(new ConditionalPorts(ports, new Applicability(os, roles)));
        }
        var all = conditional.Aggregate(unconditional, (sum, c) => sum.Union(c.Ports));
        return (all, unconditional, conditional.ToImmutable());
    }

    private ThreatStep ReadStep(YamlNode node, int order, string threatId, List<EntryReference> references)
    {
        var what = Messages.Format("CatalogWhatStep", order, threatId);
        var map = YamlMap.Of(node, _file, what, "from", "to", "ports", "purpose", "uncertain", "stage", "route");
        var fromNode = map.Require("from");
        var from = fromNode.Choice(_file, "from", Actors);
        var to = map.Require("to").Choice(_file, "to", Actors);
        if (from == to)
        {
            throw fromNode.Error(_file, Messages.Format("CatalogStepToItself", what));
        }
        var (all, unconditional, conditional) = StepPorts(map.Require("ports"), what, references);
        return new ThreatStep(
            order,
            from,
            to,
            all,
            map.Require("purpose").Localized(_file, Messages.Format("CatalogWhatPurposeOf", what)),
            map.Get("uncertain")?.Flag(_file, "uncertain") ?? false)
        {
            Stage = map.Get("stage")?.Choice(_file, "stage", Stages) ?? ThreatStage.Exploit,
            Route = map.Get("route") is { } routeNode ? SlugId(routeNode, Messages.Format("CatalogWhatRouteOf", what)) : null,
            Unconditional = unconditional,
            Conditional = conditional,
        };
    }

    private Mitigation ReadMitigation(YamlNode node, List<EntryReference> references)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatMitigation"), "id", "text", "sources");
        var id = PlainId(map.Require("id"), Messages.Format("CatalogWhatMitigationId"));
        return new Mitigation(id, map.Require("text").Localized(_file, Messages.Format("CatalogWhatMitigationText", id)), Sources(map, references));
    }

    private CatalogEntry<DatedBulletin> ReadBulletin(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatBulletin"),
            "id", "title", "published", "publishedEdition", "cves", "exploitPorts", "recommendedBlock", "blockNote", "sources");
        var references = new List<EntryReference>();
        var id = PlainId(map.Require("id"), Messages.Format("CatalogWhatBulletinId")).ToUpperInvariant();
        var bulletin = new Bulletin(
            id,
            map.Require("title").Localized(_file, Messages.Format("CatalogWhatBulletinTitle", id)),
            map.Require("published").Date(_file, "published"),
            Cves(map.Get("cves"), Messages.Format("CatalogWhatBulletinCves", id)),
            map.Get("exploitPorts")?.Selection(_file, Messages.Format("CatalogWhatBulletinExploitPorts", id)) ?? PortSelection.None,
            map.Get("recommendedBlock")?.Selection(_file, Messages.Format("CatalogWhatBulletinRecommendedBlock", id)) ?? PortSelection.None,
            map.Get("blockNote")?.Localized(_file, Messages.Format("CatalogWhatBulletinBlockNote", id)) ?? LocalizedText.Empty,
            Sources(map, references));
        var edition = map.Require("publishedEdition").Choice(_file, "publishedEdition", Editions);
        return new CatalogEntry<DatedBulletin>(id, new DatedBulletin(bulletin, edition), map.Location, [.. references]);
    }

    private CatalogEntry<PortNote> ReadPortNote(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatPortNote"), "tcp", "udp", "text", "sources", "clientSourcePorts");
        if (map.Has("tcp") == map.Has("udp"))
        {
            throw node.Error(_file, Messages.Format("CatalogPortNoteTransport"));
        }
        var transport = map.Has("tcp") ? Transport.Tcp : Transport.Udp;
        var portsNode = map.Require(transport.ToId());
        var ports = portsNode.Ports(_file, Messages.Format("CatalogWhatPortNotePorts"));
        if (ports.Ranges.Length != 1)
        {
            throw portsNode.Error(_file, Messages.Format("CatalogPortNoteOneRange"));
        }
        var range = ports.Ranges[0];
        var references = new List<EntryReference>();
        if (map.Has("clientSourcePorts") && range.First != range.Last)
        {
            throw map.Get("clientSourcePorts")!.Error(_file, Messages.Format("CatalogClientSourcePortsOnRange"));
        }
        var note = new PortNote(transport, range, map.Require("text").Localized(_file, Messages.Format("CatalogWhatNoteOn", $"{transport.ToId()}/{range}")), Sources(map, references))
        {
            ClientSourcePorts = map.Get("clientSourcePorts")?.Ports(_file, Messages.Format("CatalogWhatClientSourcePorts", $"{transport.ToId()}/{range}")),
        };
        return new CatalogEntry<PortNote>($"{transport.ToId()}/{range}", note, map.Location, [.. references]);
    }

    private CatalogEntry<PortSelection> ReadServiceAlias(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, Messages.Format("CatalogWhatServiceAlias"), "name", "ports", "sources");
        var nameNode = map.Require("name");
        var name = PlainId(nameNode, Messages.Format("CatalogWhatServiceAliasName"));
        if (name.Contains('/'))
        {
            throw nameNode.Error(_file, Messages.Format("CatalogServiceAliasSlash", name));
        }
        var portsNode = map.Require("ports");
        var ports = portsNode.Selection(_file, Messages.Format("CatalogWhatServiceAliasPorts", name));
        if (ports.IsEmpty)
        {
            throw portsNode.Error(_file, Messages.Format("CatalogServiceAliasNoPorts", name));
        }
        var references = new List<EntryReference>();
        Sources(map, references);
        return new CatalogEntry<PortSelection>(name, ports, map.Location, [.. references]);
    }

    /// <summary>Every fact carries at least one source; the ids are checked once all files are merged.</summary>
    private ImmutableArray<string> Sources(YamlMap map, List<EntryReference> references)
    {
        var node = map.Require("sources");
        var ids = IdList(node, "sources", ReferenceKind.Source, references, PlainId);
        if (ids.IsEmpty)
        {
            throw node.Error(_file, Messages.Format("CatalogNoSources"));
        }
        return ids;
    }

    private ImmutableArray<string> IdList(YamlNode? node, string what, ReferenceKind kind, List<EntryReference> references, Func<YamlNode, string, string> readId)
    {
        if (node is null)
        {
            return [];
        }
        var ids = ImmutableArray.CreateBuilder<string>();
        var entry = Messages.Format("YamlWhatEntryOf", what);
        foreach (var item in node.Items(_file, what))
        {
            var id = readId(item, entry);
            references.Add(new EntryReference(kind, id, item.At(_file)));
            ids.Add(id);
        }
        return ids.ToImmutable();
    }

    private ImmutableArray<string> Cves(YamlNode? node, string what)
    {
        if (node is null)
        {
            return [];
        }
        return [.. node.Items(_file, what).Select(item => CveId(item, what))];
    }

    private string CveId(YamlNode node, string what)
    {
        var text = node.Text(_file, Messages.Format("YamlWhatEntryOf", what)).ToUpperInvariant();
        if (!CvePattern().IsMatch(text))
        {
            throw node.Error(_file, Messages.Format("CatalogNotCve", text));
        }
        // Bulletins before 2005 printed candidate ids (CAN-); they were renamed CVE- with the same numbers.
        return text.StartsWith("CAN-", StringComparison.Ordinal) ? "CVE-" + text[4..] : text;
    }

    /// <summary>Capability, role and threat ids are lower-case words joined by hyphens, as users type them.</summary>
    private string SlugId(YamlNode node, string what)
    {
        var text = node.Text(_file, what);
        return SlugPattern().IsMatch(text)
            ? text
            : throw node.Error(_file, Messages.Format("CatalogNotSlug", what, text));
    }

    private string PlainId(YamlNode node, string what)
    {
        var text = node.Text(_file, what);
        return text.Any(char.IsWhiteSpace) ? throw node.Error(_file, Messages.Format("CatalogIdWithSpaces", what, text)) : text;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^(CVE|CAN)-\d{4}-\d{4,}$")]
    private static partial Regex CvePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex RepositoryName();
}
