using System.Collections.Immutable;
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
        var map = YamlMap.Of(node, file, "a requirement", [.. Kinds, "toward", "service", "then", "else"]);
        var kinds = map.Keys.Where(k => Kinds.Contains(k)).ToList();
        if (kinds.Count != 1)
        {
            throw node.Error(file, $"a requirement has exactly one of {string.Join(", ", Kinds)}; found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))}");
        }
        var kind = kinds[0];
        if (map.Has("toward") && kind is not ("tcp" or "udp"))
        {
            throw map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "toward" })
                .Error(file, "'toward' belongs to a port need (tcp: or udp:)");
        }
        if (map.Has("service") && kind is not ("tcp" or "udp"))
        {
            throw map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "service" })
                .Error(file, "'service' belongs to a port need of the RPC dynamic range (tcp: rpc-dynamic)");
        }
        if (kind != "when" && (map.Get("then") ?? map.Get("else")) is not null)
        {
            throw map.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "then" or "else" })
                .Error(file, "'then' and 'else' belong to a condition (when:)");
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
        var test = YamlMap.Of(condition, file, "a condition", "client", "server");
        if (test.Keys.Count() != 1)
        {
            throw condition.Error(file, "a condition names one side: client: TRAIT or server: TRAIT");
        }
        var sideName = test.Keys.Single();
        var traitNode = test.Require(sideName);
        var trait = traitNode.Text(file, "an operating system trait");
        references.Add(new EntryReference(ReferenceKind.OsTrait, trait, traitNode.At(file)));
        return new WhenOs(Sides[sideName], trait, Read(map.Require("then"), file, references), Read(map.Require("else"), file, references));
    }

    private static ImmutableArray<Requirement> ReadParts(YamlNode node, string file, string kind, ICollection<EntryReference> references)
    {
        var items = node.Items(file, $"the parts of '{kind}'");
        if (items.Count == 0)
        {
            throw node.Error(file, $"'{kind}' lists no parts");
        }
        return [.. items.Select(item => Read(item, file, references))];
    }

    private static CapabilityReference ReadCapability(YamlNode node, string file, ICollection<EntryReference> references)
    {
        var id = node.Text(file, "a capability reference");
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
                service = serviceNode.Text(file, "an RPC service");
                if (!RpcServices.Pinnable.Contains(service))
                {
                    throw serviceNode.Error(file, $"unknown RPC service '{service}'; known: {string.Join(", ", RpcServices.Pinnable)}");
                }
            }
            return new PortNeed(transport, PortSet.Empty, UsesRpcDynamicRange: true, orientation) { RpcService = service };
        }
        if (serviceNode is not null)
        {
            throw serviceNode.Error(file, "'service' belongs to the RPC dynamic range (rpc-dynamic), not to fixed ports");
        }
        var ports = node.Ports(file, $"the {transport.ToId()} ports of a requirement");
        return new PortNeed(transport, ports, UsesRpcDynamicRange: false, orientation);
    }
}
