using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Recommendations;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using PortImpact.Knowledge;

namespace PortImpact.Formats.Tests.Kernel;

/// <summary>
/// One change to prove on the wire: a model of the lab, a closure, the overlay laid over it (the recommender's
/// exceptions or rules written by hand), and the device's existing rules where the model gives a baseline,
/// written by hand per target as an admin would already have them.
/// </summary>
internal sealed record KernelCase(
    string Name,
    string ModelYaml,
    Closure Closure,
    Func<NetworkModel, Closure, PolicyOverlay> Overlay,
    ImmutableDictionary<IRuleEmitter, string> ExistingRouterRules)
{
    public override string ToString() => Name;

    /// <summary>Two sites joined by the router; the client is a workstation, the server the DC and file server it needs.</summary>
    public const string LabModel = """
        name: kernel lab
        sites:
          - { name: client-site, subnets: [10.99.1.0/24] }
          - { name: server-site, subnets: [10.99.2.0/24] }
        links:
          - { between: [client-site, server-site], via: router }
        hosts:
          - { name: client, site: client-site, address: 10.99.1.2, roles: [workstation] }
          - { name: server, site: server-site, address: 10.99.2.2, roles: [domain-controller, file-server] }
        """;

    /// <summary>The lab with a router that already drops TCP 4444 and UDP 138 toward the server.</summary>
    public const string LabModelWithBaseline = LabModel + """

        policies:
          - at: router
            rules:
              - { action: deny, protocol: tcp, ports: 4444, to: server, name: no-blaster-shell }
              - { action: deny, protocol: udp, ports: 138, to: server, name: no-datagrams }
        """;

    private static readonly ImmutableDictionary<IRuleEmitter, string> NoExistingRules = ImmutableDictionary<IRuleEmitter, string>.Empty;

    /// <summary>The baseline of <see cref="LabModelWithBaseline"/> as rules already on the router.</summary>
    private static readonly ImmutableDictionary<IRuleEmitter, string> ExistingDrops = new Dictionary<IRuleEmitter, string>
    {
        [RuleFormats.Emitter("iptables")] = """
            *filter
            -A FORWARD -d 10.99.2.2/32 -p tcp --dport 4444 -j DROP
            -A FORWARD -d 10.99.2.2/32 -p udp --dport 138 -j DROP
            COMMIT

            """,
        [RuleFormats.Emitter("nft")] = """
            table ip existing {
            	chain forward {
            		type filter hook forward priority filter; policy accept;
            		ip daddr 10.99.2.2 tcp dport 4444 drop
            		ip daddr 10.99.2.2 udp dport 138 drop
            	}
            }

            """,
    }.ToImmutableDictionary();

    public static readonly PortSelection WormPorts = PortSelection.Both(Ports("135,137-139,445"));
    public static readonly PortSelection EveryPort = PortSelection.Both(Ports("1-65535"));

    public static IReadOnlyList<KernelCase> All { get; } =
    [
        new("worm ports at the router, recommended exceptions", LabModel,
            new Closure(WormPorts, [new AtInterSite()], null), Recommended, NoExistingRules),
        new("worm ports on every host firewall, recommended exceptions", LabModel,
            new Closure(WormPorts, [new AtHosts(null)], null), Recommended, NoExistingRules),
        new("every port at the server's firewall but what the recommender keeps", LabModel,
            new Closure(EveryPort, [new AtHosts("file-server")], null), Recommended, NoExistingRules),
        new("every port at the router but what the recommender keeps", LabModel,
            new Closure(EveryPort, [new AtInterSite()], null), Recommended, NoExistingRules),
        new("worm ports at a router with its own drops, exceptions and a deny by hand", LabModelWithBaseline,
            new Closure(WormPorts, [new AtPoint("router")], null), HandMade, ExistingDrops),
    ];

    private static PortSet Ports(string text) =>
        PortSet.TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    private static PolicyOverlay Recommended(NetworkModel model, Closure closure) =>
        ExceptionFinder.OverlayOf(new LeastOpenRecommender(KnowledgeCatalog.BuiltIn).Recommend(model, closure).Exceptions);

    /// <summary>
    /// Exempts TCP 445 and 4444 and UDP 138 for the client (4444 and 138 are not closed and the router's own
    /// rules drop them: the exemption must not open them) and closes TCP 3389 as well.
    /// </summary>
    private static PolicyOverlay HandMade(NetworkModel model, Closure closure)
    {
        var client = model.FindHost("client")!.Addresses;
        var server = model.FindHost("server")!.Addresses;
        return PolicyOverlay.Of(new Dictionary<string, ImmutableArray<FirewallRule>>(StringComparer.Ordinal)
        {
            ["router"] =
            [
                new(RuleAction.Deny, PortSelection.Of(Transport.Tcp, Ports("3389")), client, server, TrafficDirection.Both, "close rdp too", null),
                new(RuleAction.Permit, PortSelection.Of(Transport.Tcp, Ports("445,4444")), client, server, TrafficDirection.Out, "exempt smb and 4444", null),
                new(RuleAction.Permit, PortSelection.Of(Transport.Udp, Ports("138")), client, server, TrafficDirection.Out, "exempt datagrams", null),
            ],
        });
    }
}
