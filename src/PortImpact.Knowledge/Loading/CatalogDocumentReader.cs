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
        var map = YamlMap.Of(root, _file, "a catalog file", "sources", "capabilities", "roles", "threats", "bulletins", "ports", "services", "os");
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
        return [.. node.Items(_file, $"the '{key}' section").Select(readEntry)];
    }

    private CatalogEntry<SourceReference> ReadSource(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "a source", "id", "title", "url", "repo", "path", "commit");
        var id = PlainId(map.Require("id"), "a source id");
        var title = map.Require("title").Text(_file, "a source title");
        string? url;
        if (map.Get("url") is { } urlNode)
        {
            if (map.Has("repo") || map.Has("path") || map.Has("commit"))
            {
                throw urlNode.Error(_file, "a source has either a url or repo/path/commit, not both");
            }
            url = urlNode.Text(_file, "a source url");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw urlNode.Error(_file, $"'{url}' is not an http(s) address");
            }
        }
        else if (map.Get("repo") is { } repoNode)
        {
            var repo = repoNode.Text(_file, "a source repo");
            if (!RepositoryName().IsMatch(repo))
            {
                throw repoNode.Error(_file, $"a source repo is written owner/name, not '{repo}'");
            }
            var commit = map.Require("commit").Text(_file, "a source commit");
            var path = map.Get("path")?.Text(_file, "a source path");
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
        var map = YamlMap.Of(node, _file, "a capability", "id", "name", "summary", "whenBroken", "requires", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), "a capability id");
        var capability = new Capability(
            id,
            map.Require("name").Localized(_file, $"the name of capability '{id}'"),
            map.Require("summary").Localized(_file, $"the summary of capability '{id}'"),
            RequirementReader.Read(map.Require("requires"), _file, references),
            Sources(map, references))
        {
            WhenBroken = map.Get("whenBroken")?.Localized(_file, $"what breaks with capability '{id}'") ?? LocalizedText.Empty,
        };
        return new CatalogEntry<Capability>(id, capability, map.Location, [.. references]);
    }

    private CatalogEntry<Role> ReadRole(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "a role", "id", "name", "implies", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), "a role id");
        var implies = map.Get("implies") is { } impliesNode
            ? [.. impliesNode.Items(_file, $"the implied dependencies of role '{id}'").Select(item => ReadImplied(item, references))]
            : ImmutableArray<ImpliedDependency>.Empty;
        var role = new Role(id, map.Require("name").Localized(_file, $"the name of role '{id}'"), implies, Sources(map, references));
        return new CatalogEntry<Role>(id, role, map.Location, [.. references]);
    }

    private ImpliedDependency ReadImplied(YamlNode node, List<EntryReference> references)
    {
        var map = YamlMap.Of(node, _file, "an implied dependency", "capability", "server", "alsoServedBy", "select");
        var capabilityNode = map.Require("capability");
        var serverNode = map.Require("server");
        var capability = SlugId(capabilityNode, "the capability of an implied dependency");
        var server = SlugId(serverNode, "the server role of an implied dependency");
        references.Add(new EntryReference(ReferenceKind.Capability, capability, capabilityNode.At(_file)));
        references.Add(new EntryReference(ReferenceKind.Role, server, serverNode.At(_file)));
        var also = ImmutableArray<string>.Empty;
        if (map.Get("alsoServedBy") is { } alsoNode)
        {
            also = [.. alsoNode.Items(_file, "alsoServedBy").Select(item =>
            {
                var role = SlugId(item, "a role in alsoServedBy");
                references.Add(new EntryReference(ReferenceKind.Role, role, item.At(_file)));
                return role;
            })];
        }
        var selection = map.Get("select")?.Choice(_file, "select", Selections) ?? ServerSelection.Nearest;
        return new ImpliedDependency(capability, server, selection) { AlsoServedBy = also };
    }

    private CatalogEntry<OsVersion> ReadOs(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "an operating system", "id", "name", "family", "rank", "traits", "rpcDynamicPorts", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), "an operating system id");
        var family = SlugId(map.Require("family"), $"the family of operating system '{id}'");
        var rankNode = map.Require("rank");
        if (!int.TryParse(rankNode.Text(_file, "a rank"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank))
        {
            throw rankNode.Error(_file, $"the rank of operating system '{id}' is a whole number");
        }
        var traits = map.Get("traits") is { } traitsNode
            ? [.. traitsNode.Items(_file, $"the traits of operating system '{id}'").Select(t => SlugId(t, "an operating system trait"))]
            : ImmutableArray<string>.Empty;
        var rpc = map.Get("rpcDynamicPorts") is { } rpcNode
            ? PortSet.TryParse(rpcNode.Text(_file, "rpcDynamicPorts"), out var set, out var error) ? set : throw rpcNode.Error(_file, error!)
            : PortSet.Range(49152, 65535);
        var os = new OsVersion(id, map.Require("name").Localized(_file, $"the name of operating system '{id}'"), family, rank, traits, rpc, Sources(map, references));
        return new CatalogEntry<OsVersion>(id, os, map.Location, [.. references]);
    }

    private CatalogEntry<Threat> ReadThreat(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "a threat",
            "id", "name", "kind", "aliases", "firstSeen", "bulletins", "cves", "victimRoles", "victimOs",
            "spreadsFromInternet", "summary", "steps", "mitigations", "sources");
        var references = new List<EntryReference>();
        var id = SlugId(map.Require("id"), "a threat id");
        var bulletins = IdList(map.Get("bulletins"), $"the bulletins of threat '{id}'", ReferenceKind.Bulletin, references, PlainId);
        var victimRoles = IdList(map.Get("victimRoles"), $"the victim roles of threat '{id}'", ReferenceKind.Role, references, SlugId);
        var victimOs = IdList(map.Get("victimOs"), $"the victim operating systems of threat '{id}'", ReferenceKind.Os, references, SlugId);
        var stepsNode = map.Require("steps");
        var stepItems = stepsNode.Items(_file, $"the steps of threat '{id}'");
        if (stepItems.Count == 0)
        {
            throw stepsNode.Error(_file, $"threat '{id}' has no steps; a threat is a chain of at least one connection");
        }
        var steps = stepItems.Select((item, index) => ReadStep(item, index + 1, id, references)).ToImmutableArray();
        var mitigations = map.Get("mitigations") is { } mitigationsNode
            ? [.. mitigationsNode.Items(_file, $"the mitigations of threat '{id}'").Select(item => ReadMitigation(item, references))]
            : ImmutableArray<Mitigation>.Empty;
        var threat = new Threat(
            id,
            map.Require("name").Localized(_file, $"the name of threat '{id}'"),
            map.Require("kind").Choice(_file, "kind", ThreatKinds),
            map.Get("aliases")?.Texts(_file, $"the aliases of threat '{id}'") ?? [],
            map.Require("firstSeen").Date(_file, "firstSeen"),
            bulletins,
            Cves(map.Get("cves"), $"the CVEs of threat '{id}'"),
            victimRoles,
            map.Require("spreadsFromInternet").Flag(_file, "spreadsFromInternet"),
            steps,
            map.Require("summary").Localized(_file, $"the summary of threat '{id}'"),
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
        if (node is not YamlSequenceNode sequence || sequence.Children.All(c => c is YamlScalarNode))
        {
            var plain = node.TransportPorts(_file, $"the ports of {what}");
            return (plain, plain, []);
        }
        var unconditional = PortSelection.None;
        var conditional = ImmutableArray.CreateBuilder<ConditionalPorts>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode)
            {
                unconditional = unconditional.Union(item.TransportPorts(_file, $"the ports of {what}"));
                continue;
            }
            var way = YamlMap.Of(item, _file, $"a way of {what}", "ports", "victimOs", "victimRoles");
            var ports = way.Require("ports").TransportPorts(_file, $"the ports of {what}");
            var os = IdList(way.Get("victimOs"), $"the victim operating systems of {what}", ReferenceKind.Os, references, SlugId);
            var roles = IdList(way.Get("victimRoles"), $"the victim roles of {what}", ReferenceKind.Role, references, SlugId);
            conditional.Add(new ConditionalPorts(ports, new Applicability(os, roles)));
        }
        var all = conditional.Aggregate(unconditional, (sum, c) => sum.Union(c.Ports));
        return (all, unconditional, conditional.ToImmutable());
    }

    private ThreatStep ReadStep(YamlNode node, int order, string threatId, List<EntryReference> references)
    {
        var what = $"step {order} of threat '{threatId}'";
        var map = YamlMap.Of(node, _file, what, "from", "to", "ports", "purpose", "uncertain", "stage", "route");
        var fromNode = map.Require("from");
        var from = fromNode.Choice(_file, "from", Actors);
        var to = map.Require("to").Choice(_file, "to", Actors);
        if (from == to)
        {
            throw fromNode.Error(_file, $"{what} goes from and to the same party");
        }
        var (all, unconditional, conditional) = StepPorts(map.Require("ports"), what, references);
        return new ThreatStep(
            order,
            from,
            to,
            all,
            map.Require("purpose").Localized(_file, $"the purpose of {what}"),
            map.Get("uncertain")?.Flag(_file, "uncertain") ?? false)
        {
            Stage = map.Get("stage")?.Choice(_file, "stage", Stages) ?? ThreatStage.Exploit,
            Route = map.Get("route") is { } routeNode ? SlugId(routeNode, $"the route of {what}") : null,
            Unconditional = unconditional,
            Conditional = conditional,
        };
    }

    private Mitigation ReadMitigation(YamlNode node, List<EntryReference> references)
    {
        var map = YamlMap.Of(node, _file, "a mitigation", "id", "text", "sources");
        var id = PlainId(map.Require("id"), "a mitigation id");
        return new Mitigation(id, map.Require("text").Localized(_file, $"the text of mitigation '{id}'"), Sources(map, references));
    }

    private CatalogEntry<DatedBulletin> ReadBulletin(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "a bulletin",
            "id", "title", "published", "publishedEdition", "cves", "exploitPorts", "recommendedBlock", "blockNote", "sources");
        var references = new List<EntryReference>();
        var id = PlainId(map.Require("id"), "a bulletin id").ToUpperInvariant();
        var bulletin = new Bulletin(
            id,
            map.Require("title").Localized(_file, $"the title of bulletin {id}"),
            map.Require("published").Date(_file, "published"),
            Cves(map.Get("cves"), $"the CVEs of bulletin {id}"),
            map.Get("exploitPorts")?.Selection(_file, $"the exploit ports of bulletin {id}") ?? PortSelection.None,
            map.Get("recommendedBlock")?.Selection(_file, $"the recommended block of bulletin {id}") ?? PortSelection.None,
            map.Get("blockNote")?.Localized(_file, $"the block note of bulletin {id}") ?? LocalizedText.Empty,
            Sources(map, references));
        var edition = map.Require("publishedEdition").Choice(_file, "publishedEdition", Editions);
        return new CatalogEntry<DatedBulletin>(id, new DatedBulletin(bulletin, edition), map.Location, [.. references]);
    }

    private CatalogEntry<PortNote> ReadPortNote(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "a port note", "tcp", "udp", "text", "sources", "clientSourcePorts");
        if (map.Has("tcp") == map.Has("udp"))
        {
            throw node.Error(_file, "a port note names exactly one of tcp or udp");
        }
        var transport = map.Has("tcp") ? Transport.Tcp : Transport.Udp;
        var portsNode = map.Require(transport.ToId());
        var ports = portsNode.Ports(_file, "the ports of a port note");
        if (ports.Ranges.Length != 1)
        {
            throw portsNode.Error(_file, "a port note covers one port or one range; write one note per range");
        }
        var range = ports.Ranges[0];
        var references = new List<EntryReference>();
        if (map.Has("clientSourcePorts") && range.First != range.Last)
        {
            throw map.Get("clientSourcePorts")!.Error(_file, "clientSourcePorts belongs to a note on one port, not a range");
        }
        var note = new PortNote(transport, range, map.Require("text").Localized(_file, $"the note on {transport.ToId()}/{range}"), Sources(map, references))
        {
            ClientSourcePorts = map.Get("clientSourcePorts")?.Ports(_file, $"the client source ports of {transport.ToId()}/{range}"),
        };
        return new CatalogEntry<PortNote>($"{transport.ToId()}/{range}", note, map.Location, [.. references]);
    }

    private CatalogEntry<PortSelection> ReadServiceAlias(YamlNode node)
    {
        var map = YamlMap.Of(node, _file, "a service alias", "name", "ports", "sources");
        var nameNode = map.Require("name");
        var name = PlainId(nameNode, "a service alias name");
        if (name.Contains('/'))
        {
            throw nameNode.Error(_file, $"a service alias name cannot contain '/', which is how ports are written ('{name}')");
        }
        var portsNode = map.Require("ports");
        var ports = portsNode.Selection(_file, $"the ports of service alias '{name}'");
        if (ports.IsEmpty)
        {
            throw portsNode.Error(_file, $"service alias '{name}' selects no ports");
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
            throw node.Error(_file, "sources lists no source; every fact names where it comes from");
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
        foreach (var item in node.Items(_file, what))
        {
            var id = readId(item, $"an entry of {what}");
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
        var text = node.Text(_file, $"an entry of {what}").ToUpperInvariant();
        if (!CvePattern().IsMatch(text))
        {
            throw node.Error(_file, $"'{text}' is not a CVE id (CVE-yyyy-nnnn)");
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
            : throw node.Error(_file, $"{what} must be lower-case letters and digits joined by hyphens, not '{text}'");
    }

    private string PlainId(YamlNode node, string what)
    {
        var text = node.Text(_file, what);
        return text.Any(char.IsWhiteSpace) ? throw node.Error(_file, $"{what} cannot contain spaces ('{text}')") : text;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^(CVE|CAN)-\d{4}-\d{4,}$")]
    private static partial Regex CvePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex RepositoryName();
}
