using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// Reads a requirement tree: <c>all</c>, <c>any</c>, <c>optional</c>, <c>capability</c> or a port need
/// (<c>tcp: 445</c>, <c>udp: 137-138</c>, <c>tcp: rpc-dynamic</c>, optionally <c>toward: client</c> and, for the RPC
/// range, <c>service: ntds</c>), or a condition on an operating system trait
/// (<c>when: { client: print-rpc-over-tcp }</c> with <c>then</c> and <c>else</c>).
/// </summary>
internal static class RequirementReader
{
    /// <summary>The word that stands for the model's RPC dynamic range, which differs per network.</summary>
    public const string RpcDynamicToken = "rpc-dynamic";

    private static readonly string[] Kinds = ["all", "any", "optional", "capability", "tcp", "udp", "when"];


    private static readonly Dictionary<string, DependencySide> Sides = new(StringComparer.Ordinal)
    {
        ["client"] = DependencySide.Client,
        ["server"] = DependencySide.Server,
    };

    private static readonly Dictionary<string, FlowOrientation> Towards = new(StringComparer.Ordinal)
    {
        ["server"] = FlowOrientation.ClientToServer,
        ["client"] = FlowOrientation.ServerToClient,
    };

    public static Requirement Read(YamlNode node, string file, ICollection<EntryReference> references)
    {
        var map = YamlMap.Of(node, file, Messages.Format("CatalogWhatRequirement"), [.. Kinds, "toward", "service", "then", "else"]);
        var kinds = map.Keys.Where(k => Kinds.Contains(k)).ToList();
        if (kinds.Count != 1)
        {
            throw node.Error(file, kinds.Count == 0
                ? Messages.Format("CatalogRequirementNoKind", string.Join(", ", Kinds))
                : Messages.Format("CatalogRequirementManyKinds", string.Join(", ", Kinds), string.Join(", ", kinds)));
        }
        var kind = kinds[0];
        if (map.Has("toward") && kind is not ("tcp" or "udp"))
        {
            throw map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "toward" })
                .Error(file, Messages.Format("CatalogTowardOutsidePortNeed"));
        }
        if (map.Has("service") && kind is not ("tcp" or "udp"))
        {
            throw map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "service" })
                .Error(file, Messages.Format("CatalogServiceOutsidePortNeed"));
        }
        if (kind != "when" && (map.Get("then") ?? map.Get("else")) is not null)
        {
            throw map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "then" or "else" })
                .Error(file, Messages.Format("CatalogThenElseOutsideWhen"));
        }
        var value = map.Require(kind);
        return kind switch
        {
            "all" => new AllOf(ReadParts(value, file, "all", references)),
            "any" => new AnyOf(ReadParts(value, file, "any", references)),
            "optional" => new Optional(Read(value, file, references)),
            "capability" => ReadCapability(value, file, references),
            "when" => ReadWhen(map, value, file, references),
            _ => ReadNeed(kind == "tcp" ? Transport.Tcp : Transport.Udp, value, map.Get("toward"), map.Get("service"), file),
        };
    }

    private static WhenOs ReadWhen(YamlMap map, YamlNode condition, string file, ICollection<EntryReference> references)
    {
        var test = YamlMap.Of(condition, file, Messages.Format("CatalogWhatCondition"), "client", "server");
        if (test.Keys.Count() != 1)
        {
            throw condition.Error(file, Messages.Format("CatalogConditionOneSide"));
        }
        var sideName = test.Keys.Single();
        var traitNode = test.Require(sideName);
        var trait = traitNode.Text(file, Messages.Format("CatalogWhatOsTrait"));
        references.Add(new EntryReference(ReferenceKind.OsTrait, trait, traitNode.At(file)));
        return new WhenOs(Sides[sideName], trait, Read(map.Require("then"), file, references), Read(map.Require("else"), file, references));
    }

    private static ImmutableArray<Requirement> ReadParts(YamlNode node, string file, string kind, ICollection<EntryReference> references)
    {
        var items = node.Items(file, Messages.Format("CatalogWhatPartsOf", kind));
        if (items.Count == 0)
        {
            throw node.Error(file, Messages.Format("CatalogNoParts", kind));
        }
        return [.. items.Select(item => Read(item, file, references))];
    }

    private static CapabilityReference ReadCapability(YamlNode node, string file, ICollection<EntryReference> references)
    {
        var id = node.Text(file, Messages.Format("CatalogWhatCapabilityReference"));
        references.Add(new EntryReference(ReferenceKind.Capability, id, node.At(file)));
        return new CapabilityReference(id);
    }

    private static PortNeed ReadNeed(Transport transport, YamlNode node, YamlNode? toward, YamlNode? serviceNode, string file)
    {
        var orientation = toward?.Choice(file, "toward", Towards) ?? FlowOrientation.ClientToServer;
        if (node is YamlScalarNode { Value: var text } && string.Equals(text?.Trim(), RpcDynamicToken, StringComparison.OrdinalIgnoreCase))
        {
            string? service = null;
            if (serviceNode is not null)
            {
                service = serviceNode.Text(file, Messages.Format("CatalogWhatRpcService"));
                if (!RpcServices.Pinnable.Contains(service))
                {
                    throw serviceNode.Error(file, Messages.Format("CatalogUnknownRpcService", service, string.Join(", ", RpcServices.Pinnable)));
                }
            }
            return new PortNeed(transport, PortSet.Empty, UsesRpcDynamicRange: true, orientation) { RpcService = service };
        }
        if (serviceNode is not null)
        {
            throw serviceNode.Error(file, Messages.Format("CatalogServiceOnFixedPorts"));
        }
        var ports = node.Ports(file, Messages.Format("CatalogWhatRequirementPorts", transport.ToId()));
        return new PortNeed(transport, ports, UsesRpcDynamicRange: false, orientation);
    }
}
