using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Knowledge.Loading;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Knowledge;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Formats.Model;

/// <summary>
/// Reads a model file (docs/model-format.md) into a validated <see cref="NetworkModel"/>: names resolve,
/// subnets do not overlap, hosts sit inside their site, roles and capabilities exist in the catalog.
/// The first problem found is thrown as an <see cref="InputException"/> naming file, line and column.
/// </summary>
public sealed partial class ModelReader(KnowledgeCatalog catalog)
{
    private static readonly string[] RootKeys = ["name", "rpcDynamicPorts", "os", "sites", "zones", "links", "hosts", "uses", "policies"];

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex NamePattern();

    public NetworkModel ReadFile(string path)
    {
        var bytes = InputFiles.ReadAllBytes(path, Messages.Format("FileWhatModel"));
        return FileKinds.Read(bytes, path, FileKinds.Kind.Model, () => Parse(InputFiles.DecodeText(bytes, path), path));
    }

    public NetworkModel Parse(string text, string file)
    {
        var yaml = new YamlNodes(file);
        var root = yaml.Load(new StringReader(text)) ?? throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("ModelEmpty"));
        var what = Messages.Format("FileWhatModel");
        var keys = yaml.Keys(yaml.Mapping(root, what), what, RootKeys, ["sites"]);
        var context = new Context(yaml, catalog);

        var name = keys.TryGetValue("name", out var nameNode) ? yaml.Scalar(nameNode, "name") : Path.GetFileNameWithoutExtension(file);
        var rpc = NetworkModel.DefaultRpcDynamicPorts;
        if (keys.TryGetValue("rpcDynamicPorts", out var rpcNode))
        {
            rpc = context.Ports(rpcNode, "rpcDynamicPorts");
        }
        context.RpcDynamicPorts = rpc;
        context.RpcDynamicPortsGiven = keys.ContainsKey("rpcDynamicPorts");
        if (keys.TryGetValue("os", out var osNode)) context.DefaultOs = context.OsName(osNode);

        ReadPlaces(context, keys.GetValueOrDefault("sites"), isSite: true);
        if (keys.TryGetValue("zones", out var zones)) ReadPlaces(context, zones, isSite: false);
        CheckSubnetsDisjoint(context);
        if (keys.TryGetValue("links", out var links)) ReadLinks(context, links);
        if (keys.TryGetValue("hosts", out var hosts)) ReadHosts(context, hosts);
        if (keys.TryGetValue("uses", out var uses)) ReadUses(context, uses);
        var pointPolicies = new Dictionary<string, Policy>(StringComparer.Ordinal);
        if (keys.TryGetValue("policies", out var policies)) new PolicyReader(context).Read(policies, pointPolicies);

        foreach (var (point, imported) in context.PointRules)
        {
            if (pointPolicies.ContainsKey(point))
            {
                throw new InputException(context.PointOrder.First(p => p.Name == point).Location, Messages.Format("ModelRulesAndPolicy", point, imported.RuleSet.File));
            }
            pointPolicies[point] = Policy.FromRules(imported);
        }
        var points = context.PointOrder
            .Select(p => new EnforcementPoint(p.Name, pointPolicies.GetValueOrDefault(p.Name) ?? Policy.OpenAcl, p.Location))
            .ToImmutableArray();
        return new NetworkModel(name, file, rpc, [.. context.Places.Values], [.. context.Links], points,
            [.. context.Hosts.Values.Select(h => h with { Firewall = context.HostPolicies.GetValueOrDefault(h.Name) })],
            [.. context.Uses]) { ClientSourcePorts = context.Catalog.ClientSourcePorts() };
    }

    internal static string CheckName(Context context, YamlNode node, string what)
    {
        var value = context.Yaml.Scalar(node, what);
        if (!NamePattern().IsMatch(value))
        {
            throw context.Yaml.Error(node, Messages.Format("ModelBadName", what, value));
        }
        return value;
    }

    private static void ReadPlaces(Context context, YamlNode? node, bool isSite)
    {
        if (node is null) return;
        var what = isSite ? Messages.Format("ModelWhatSite") : Messages.Format("ModelWhatZone");
        var nameWhat = isSite ? Messages.Format("ModelWhatSiteName") : Messages.Format("ModelWhatZoneName");
        foreach (var item in context.Yaml.Sequence(node, isSite ? "sites" : "zones").Children)
        {
            var keys = context.Yaml.Keys(context.Yaml.Mapping(item, what), what,
                isSite ? ["name", "subnets", "dcFailover"] : ["name", "subnets", "external"], ["name"]);
            var name = CheckName(context, keys["name"], nameWhat);
            context.ClaimName(name, keys["name"]);
            var subnets = keys.TryGetValue("subnets", out var subnetNode)
                ? context.Yaml.Scalars(subnetNode, "subnets").Select(s => (Range: context.Prefix(s.Value, s.Node), s.Node)).ToList()
                : [];
            foreach (var (range, subnetAt) in subnets) context.SubnetOwners.Add((range, name, subnetAt));
            var external = !isSite && (!keys.TryGetValue("external", out var ext) || context.Yaml.Boolean(ext, "external"));
            var failover = !keys.TryGetValue("dcFailover", out var failoverNode) || context.Yaml.Boolean(failoverNode, "dcFailover");
            context.Places[name] = new Place(name, isSite, external, AddressSet.From(subnets.Select(s => s.Range)), context.Yaml.At(item)) { DcFailover = failover };
        }
    }

    private static void CheckSubnetsDisjoint(Context context)
    {
        var owners = context.SubnetOwners;
        for (var i = 0; i < owners.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (owners[i].Range.Overlaps(owners[j].Range))
                {
                    throw context.Yaml.Error(owners[i].Node,
                        Messages.Format("ModelSubnetsOverlap", owners[i].Range, owners[i].Place, owners[j].Range, owners[j].Place, context.Yaml.At(owners[j].Node)));
                }
            }
        }
    }

    private static void ReadLinks(Context context, YamlNode node)
    {
        var what = Messages.Format("ModelWhatLink");
        foreach (var item in context.Yaml.Sequence(node, "links").Children)
        {
            var keys = context.Yaml.Keys(context.Yaml.Mapping(item, what), what, ["between", "via", "inside", "rules", "rulesFormat", "acl", "aclIn", "aclOut"], ["between", "via"]);
            var ends = context.Yaml.Sequence(keys["between"], "between").Children;
            if (ends.Count != 2) throw context.Yaml.Error(keys["between"], Messages.Format("ModelBetweenTwoPlaces"));
            var a = context.PlaceName(ends[0]);
            var b = context.PlaceName(ends[1]);
            if (a == b) throw context.Yaml.Error(ends[1], Messages.Format("ModelLinkToItself", a));
            var via = CheckName(context, keys["via"], "via");
            if (context.Places.ContainsKey(via)) throw context.Yaml.Error(keys["via"], Messages.Format("ModelViaIsPlace", via));
            string inside;
            if (keys.TryGetValue("inside", out var insideNode))
            {
                inside = context.PlaceName(insideNode);
                if (inside != a && inside != b) throw context.Yaml.Error(insideNode, Messages.Format("ModelInsideNotEnd", a, b));
            }
            else
            {
                inside = !context.Places[a].IsSite && context.Places[b].IsSite ? b : a;
            }
            context.Links.Add(new Link(a, b, via, inside, context.Yaml.At(item)));
            if (keys.ContainsKey("rules"))
            {
                var imported = RuleFiles.Read(context, keys, onHost: false);
                if (context.PointRules.TryGetValue(via, out var earlier) && earlier.RuleSet.File != imported.RuleSet.File)
                {
                    throw context.Yaml.Error(keys["rules"], Messages.Format("ModelPointRulesTwice", via, earlier.RuleSet.File));
                }
                context.PointRules[via] = imported;
            }
            else if (keys.TryGetValue("acl", out var aclNode) || keys.TryGetValue("aclIn", out aclNode) || keys.TryGetValue("aclOut", out aclNode) || keys.TryGetValue("rulesFormat", out aclNode))
            {
                throw context.Yaml.Error(aclNode, Messages.Format("ModelAclWithoutRules"));
            }
            if (context.PointOrder.All(p => p.Name != via)) context.PointOrder.Add((via, context.Yaml.At(keys["via"])));
        }
    }

    private static void ReadHosts(Context context, YamlNode node)
    {
        var claimed = new List<(AddressRange Range, string Host, YamlNode Node)>();
        var what = Messages.Format("ModelWhatHost");
        var nameWhat = Messages.Format("ModelWhatHostName");
        foreach (var item in context.Yaml.Sequence(node, "hosts").Children)
        {
            var keys = context.Yaml.Keys(context.Yaml.Mapping(item, what), what,
                ["name", "site", "zone", "address", "subnet", "count", "roles", "os", "rpcDynamicPorts", "rpcPorts", "rules", "rulesFormat", "profile"], ["name"]);
            var name = CheckName(context, keys["name"], nameWhat);
            context.ClaimName(name, keys["name"]);
            YamlNode placeNode = keys.TryGetValue("site", out var siteNode) ? siteNode
                : keys.TryGetValue("zone", out var zoneNode) ? zoneNode
                : throw context.Yaml.Error(item, Messages.Format("ModelHostNeedsPlace", name));
            if (keys.ContainsKey("site") && keys.ContainsKey("zone")) throw context.Yaml.Error(item, Messages.Format("ModelHostSiteAndZone", name));
            var place = context.PlaceName(placeNode);
            if (context.Places[place].IsSite != keys.ContainsKey("site"))
            {
                throw context.Yaml.Error(placeNode, context.Places[place].IsSite ? Messages.Format("ModelPlaceIsSite", place) : Messages.Format("ModelPlaceIsZone", place));
            }

            AddressRange range;
            YamlNode addressNode;
            int count;
            if (keys.TryGetValue("address", out var address))
            {
                if (keys.ContainsKey("subnet")) throw context.Yaml.Error(item, Messages.Format("ModelHostAddressAndSubnet", name));
                addressNode = address;
                range = context.Prefix(context.Yaml.Scalar(address, "address"), address);
                if (range.First != range.Last) throw context.Yaml.Error(address, Messages.Format("ModelAddressNotOneHost"));
                count = keys.TryGetValue("count", out var c) ? context.Yaml.Integer(c, "count", 1, 1) : 1;
            }
            else if (keys.TryGetValue("subnet", out var subnet))
            {
                addressNode = subnet;
                range = context.Prefix(context.Yaml.Scalar(subnet, "subnet"), subnet);
                var size = (int)Math.Min(range.Size, int.MaxValue);
                count = keys.TryGetValue("count", out var c) ? context.Yaml.Integer(c, "count", 1, size) : size;
            }
            else
            {
                throw context.Yaml.Error(item, Messages.Format("ModelHostNeedsAddress", name));
            }

            var placeSubnets = context.Places[place].Subnets;
            if (!placeSubnets.IsEmpty && placeSubnets.Intersect(AddressSet.Of(range)).Ranges is var inside
                && !(inside.Length == 1 && inside[0] == range))
            {
                throw context.Yaml.Error(addressNode, Messages.Format("ModelHostOutsidePlace", range, place, placeSubnets));
            }
            foreach (var other in context.SubnetOwners.Where(o => o.Place != place && o.Range.Overlaps(range)))
            {
                throw context.Yaml.Error(addressNode, Messages.Format("ModelHostInOtherPlace", range, other.Range, other.Place, place));
            }
            claimed.Add((range, name, addressNode));

            var roles = ImmutableArray<string>.Empty;
            if (keys.TryGetValue("roles", out var rolesNode))
            {
                roles = [.. context.Yaml.Scalars(rolesNode, "roles").Select(r => context.RoleName(r.Value, r.Node)).Distinct()];
            }
            var os = keys.TryGetValue("os", out var osNode) ? context.OsName(osNode) : context.DefaultOs;
            PortSet? rpc = keys.TryGetValue("rpcDynamicPorts", out var rpcNode) ? context.Ports(rpcNode, "rpcDynamicPorts") : null;
            var host = new HostGroup(name, place, AddressSet.Of(range), count, roles, null, context.Yaml.At(item)) { RpcDynamicPorts = rpc };
            var version = context.Catalog.OsOf(host with { Os = os });
            // A host of an old Windows hands out 1025-5000 (KB 929851) unless the model says what its network does.
            if (rpc is null && !context.RpcDynamicPortsGiven && version is not null && !version.RpcDynamicPorts.Equals(context.RpcDynamicPorts))
            {
                rpc = version.RpcDynamicPorts;
            }
            var pins = keys.TryGetValue("rpcPorts", out var pinNode) ? ReadPins(context, pinNode) : ImmutableDictionary<string, int>.Empty;
            host = host with { RpcDynamicPorts = rpc, Os = version?.Id, PinnedRpcPorts = pins };
            context.Hosts[name] = host;
            if (keys.ContainsKey("rules")) context.HostPolicies[name] = Policy.FromRules(RuleFiles.Read(context, keys, onHost: true, rpc ?? context.RpcDynamicPorts));
        }
        CheckHostsDisjoint(context, claimed);
    }

    /// <summary>The RPC servers a host pins to ports of their own: <c>rpcPorts: { ntds: 50001, netlogon: 50002, dfsr: 50003 }</c>.</summary>
    private static ImmutableDictionary<string, int> ReadPins(Context context, YamlNode node)
    {
        var pins = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var services = Core.Knowledge.RpcServices.Pinnable;
        var map = context.Yaml.Mapping(node, "rpcPorts");
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var service = context.Yaml.Scalar(keyNode, Messages.Format("ModelWhatRpcService"));
            if (!services.Contains(service))
            {
                throw context.Yaml.Error(keyNode, Messages.Format("ModelUnknownRpcService", service, string.Join(", ", services)));
            }
            pins[service] = context.Yaml.Integer(valueNode, Messages.Format("ModelWhatPortOf", service), 1, 65535);
        }
        var taken = pins.GroupBy(p => p.Value).FirstOrDefault(g => g.Count() > 1);
        if (taken is not null)
        {
            // KB 224196: the NTDS and Netlogon ports must differ.
            throw context.Yaml.Error(node, Messages.Format("ModelPinnedSamePort", string.Join(Messages.Format("ListAnd"), taken.Select(p => p.Key).Order(StringComparer.Ordinal)), taken.Key));
        }
        return pins.ToImmutable();
    }

    /// <summary>
    /// No two hosts may share an address. Sorting by first address finds every overlap among neighbours in
    /// one pass (a model may hold 20,000 groups); the complaint points at the later of an overlapping pair.
    /// </summary>
    private static void CheckHostsDisjoint(Context context, List<(AddressRange Range, string Host, YamlNode Node)> claimed)
    {
        var order = Enumerable.Range(0, claimed.Count).OrderBy(i => claimed[i].Range.First).ThenBy(i => i).ToList();
        (int Index, uint Last)? widest = null;
        (int Later, int Earlier)? first = null;
        foreach (var i in order)
        {
            if (widest is { } w && claimed[i].Range.First <= w.Last)
            {
                var pair = i > w.Index ? (i, w.Index) : (w.Index, i);
                if (first is null || pair.Item1 < first.Value.Later) first = pair;
            }
            if (widest is null || claimed[i].Range.Last > widest.Value.Last) widest = (i, claimed[i].Range.Last);
        }
        if (first is { } found)
        {
            var (range, _, node) = claimed[found.Later];
            var other = claimed[found.Earlier];
            throw context.Yaml.Error(node, Messages.Format("ModelHostsOverlap", range, other.Host, other.Range, context.Yaml.At(other.Node)));
        }
    }

    private static void ReadUses(Context context, YamlNode node)
    {
        var what = Messages.Format("ModelWhatUse");
        foreach (var item in context.Yaml.Sequence(node, "uses").Children)
        {
            var keys = context.Yaml.Keys(context.Yaml.Mapping(item, what), what, ["from", "to", "capability"], ["from", "to", "capability"]);
            var from = context.HostName(keys["from"]);
            var to = context.HostName(keys["to"]);
            if (from == to) throw context.Yaml.Error(keys["to"], Messages.Format("ModelUseToItself"));
            var capability = context.Yaml.Scalar(keys["capability"], "capability");
            if (!context.Catalog.Capabilities.ContainsKey(capability))
            {
                throw context.Yaml.Error(keys["capability"], Messages.Format("ModelUnknownCapability", capability, Suggestions.Hint(capability, context.Catalog.Capabilities.Keys), string.Join(", ", context.Catalog.Capabilities.Keys.Order())));
            }
            context.Uses.Add(new Use(from, to, capability, context.Yaml.At(item)));
        }
    }

    /// <summary>What has been read so far, shared by the readers of each section.</summary>
    internal sealed class Context(YamlNodes yaml, KnowledgeCatalog catalog)
    {
        public YamlNodes Yaml { get; } = yaml;
        public KnowledgeCatalog Catalog { get; } = catalog;
        public Dictionary<string, Place> Places { get; } = new(StringComparer.Ordinal);
        public List<(AddressRange Range, string Place, YamlNode Node)> SubnetOwners { get; } = [];
        public List<Link> Links { get; } = [];
        public List<(string Name, SourceLocation Location)> PointOrder { get; } = [];
        public Dictionary<string, HostGroup> Hosts { get; } = new(StringComparer.Ordinal);

        /// <summary>The model's RPC dynamic range, for hosts that do not give their own.</summary>
        public PortSet RpcDynamicPorts { get; set; } = NetworkModel.DefaultRpcDynamicPorts;

        /// <summary>Whether the model states its range; if not, a host's operating system decides its default range.</summary>
        public bool RpcDynamicPortsGiven { get; set; }

        /// <summary>The model's <c>os:</c>, for hosts that give none.</summary>
        public string? DefaultOs { get; set; }

        public string OsName(YamlNode node)
        {
            var id = Yaml.Scalar(node, "os");
            if (!Catalog.OsVersions.ContainsKey(id))
            {
                throw Yaml.Error(node, Messages.Format("ModelUnknownOs", id, string.Join(", ", Catalog.OsVersions.Keys.Order(StringComparer.Ordinal))));
            }
            return Catalog.OsVersions[id].Id;
        }
        public Dictionary<string, Policy> HostPolicies { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ImportedPolicy> PointRules { get; } = new(StringComparer.Ordinal);
        public List<Use> Uses { get; } = [];
        private readonly Dictionary<string, YamlNode> _names = new(StringComparer.Ordinal);

        public void ClaimName(string name, YamlNode node)
        {
            if (_names.TryGetValue(name, out var first))
            {
                throw Yaml.Error(node, Messages.Format("ModelNameTaken", name, Yaml.At(first)));
            }
            _names[name] = node;
        }

        public AddressRange Prefix(string text, YamlNode node) =>
            AddressRange.TryParse(text.Trim(), out var range, out var error) ? range : throw Yaml.Error(node, error!);

        public PortSet Ports(YamlNode node, string what)
        {
            var text = string.Join(",", Yaml.Scalars(node, what).Select(s => s.Value));
            return PortSet.TryParse(text, out var set, out var error) ? set : throw Yaml.Error(node, Messages.Format("YamlValueProblem", what, error));
        }

        public string PlaceName(YamlNode node)
        {
            var name = Yaml.Scalar(node, Messages.Format("ModelWhatPlace"));
            if (!Places.ContainsKey(name))
            {
                throw Yaml.Error(node, Messages.Format("ModelUnknownPlace", name, string.Join(", ", Places.Keys)));
            }
            return name;
        }

        public string HostName(YamlNode node)
        {
            var name = Yaml.Scalar(node, Messages.Format("ModelWhatHost"));
            if (!Hosts.ContainsKey(name))
            {
                throw Yaml.Error(node, Messages.Format("ModelUnknownHost", name, string.Join(", ", Hosts.Keys)));
            }
            return name;
        }

        public string RoleName(string role, YamlNode node)
        {
            if (!Catalog.Roles.ContainsKey(role))
            {
                throw Yaml.Error(node, Messages.Format("ModelUnknownRole", role, Suggestions.Hint(role, Catalog.Roles.Keys), string.Join(", ", Catalog.Roles.Keys.Order())));
            }
            return role;
        }
    }
}
