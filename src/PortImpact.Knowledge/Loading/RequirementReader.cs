using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// Reads a requirement tree: <c>all</c>, <c>any</c>, <c>optional</c>, <c>capability</c> or a port need
/// (<c>tcp: 445</c>, <c>udp: 137-138</c>, <c>tcp: rpc-dynamic</c>, optionally <c>toward: client</c>).
/// </summary>
internal static class RequirementReader
{
    /// <summary>The word that stands for the model's RPC dynamic range, which differs per network.</summary>
    public const string RpcDynamicToken = "rpc-dynamic";

    private static readonly string[] Kinds = ["all", "any", "optional", "capability", "tcp", "udp"];

    private static readonly Dictionary<string, FlowOrientation> Towards = new(StringComparer.Ordinal)
    {
        ["server"] = FlowOrientation.ClientToServer,
        ["client"] = FlowOrientation.ServerToClient,
    };

    public static Requirement Read(YamlNode node, string file, ICollection<EntryReference> references)
    {
        var map = YamlMap.Of(node, file, "a requirement", [.. Kinds, "toward"]);
        var kinds = map.Keys.Where(k => k != "toward").ToList();
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
        var value = map.Require(kind);
        return kind switch
        {
            "all" => new AllOf(ReadParts(value, file, "all", references)),
            "any" => new AnyOf(ReadParts(value, file, "any", references)),
            "optional" => new Optional(Read(value, file, references)),
            "capability" => ReadCapability(value, file, references),
            _ => ReadNeed(kind == "tcp" ? Transport.Tcp : Transport.Udp, value, map.Get("toward"), file),
        };
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

    private static PortNeed ReadNeed(Transport transport, YamlNode node, YamlNode? toward, string file)
    {
        var orientation = toward?.Choice(file, "toward", Towards) ?? FlowOrientation.ClientToServer;
        if (node is YamlScalarNode { Value: var text } && string.Equals(text?.Trim(), RpcDynamicToken, StringComparison.OrdinalIgnoreCase))
        {
            return new PortNeed(transport, PortSet.Empty, UsesRpcDynamicRange: true, orientation);
        }
        var ports = node.Ports(file, $"the {transport.ToId()} ports of a requirement");
        return new PortNeed(transport, ports, UsesRpcDynamicRange: false, orientation);
    }
}
