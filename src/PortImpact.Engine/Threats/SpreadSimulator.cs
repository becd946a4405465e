using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Threats;

/// <summary>A victim a worm reaches: at which hop, from which infected host (or the starting position), and through what.</summary>
public sealed record SpreadVictim(string Victim, int Hop, string From, ImmutableArray<string> Through)
{
    /// <summary>How many machines fall with it: the members of its host group (but patient zero, for its own group).</summary>
    public int Machines { get; init; } = 1;
}

/// <summary>
/// The infection wave of one threat from one starting position: every host it falls to, hop by hop, and the hosts
/// it can infect that nothing reaches. <see cref="Exploited"/> lists the hosts whose exploit gets through although the
/// worm is not copied over (a crash, a reboot). When patient zero is one machine of a host group, the group itself
/// appears among the reached when its other members fall to it.
/// </summary>
public sealed record SpreadResult(string Threat, string From, ImmutableArray<SpreadVictim> Reached, ImmutableArray<string> NotReached, ImmutableArray<string> Exploited)
{
    /// <summary>The blast radius: how many machines fall, counting each member of a host group (patient zero not counted).</summary>
    public int Radius => Reached.Sum(r => r.Machines);

    /// <summary>How many waves it takes until nothing new falls.</summary>
    public int Hops => Reached.IsEmpty ? 0 : Reached.Max(r => r.Hop);
}

/// <summary>
/// Prepares the network under the baseline or a change (with its exceptions) for infection waves: <see cref="Prepare"/>
/// once, then any number of waves from any starting positions share the compiled policies and what was learnt.
/// </summary>
public sealed class SpreadSimulator(KnowledgeCatalog catalog)
{
    public SpreadScene Prepare(NetworkModel model, Closure? closure, PolicyOverlay? overlay = null)
    {
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        overlay = overlay is null ? null : SelfRelative(model, overlay);
        var scenario = closure is null
            ? Scenario.Build(model, null, overlay, compiler)
            : Scenario.Build(model, ClosureResolver.Resolve(model, catalog, closure), overlay, compiler);
        return new SpreadScene(model, scenario, new ThreatApplicability(catalog));
    }

    /// <summary>
    /// The overlay as a worm sees it. A host firewall only ever sees connections to the host (inbound) or from it
    /// (outbound), so a rule's side that names the host itself matches like "any"; and the labels that explain a
    /// rule decide nothing. Written so, the exceptions for a site's forty PC groups ("the print server may call
    /// back") are one layer, and the forty groups one attacker, not forty.
    /// </summary>
    private static PolicyOverlay SelfRelative(NetworkModel model, PolicyOverlay overlay) =>
        overlay.Select((at, rules) =>
        {
            var host = at.IsHost ? model.FindHost(at.Name) : null;
            return [.. rules.Select(rule => rule with
            {
                Label = "",
                Location = null,
                Destination = host is not null && rule.Direction == TrafficDirection.In && Covers(rule.Destination, host.Addresses) ? AddressSet.Any : rule.Destination,
                Source = host is not null && rule.Direction == TrafficDirection.Out && Covers(rule.Source, host.Addresses) ? AddressSet.Any : rule.Source,
            })];
        });

    private static bool Covers(AddressSet side, AddressSet addresses) => addresses.Except(side).IsEmpty;

    public SpreadResult Spread(NetworkModel model, Threat threat, string from, Closure? closure,
        PolicyOverlay? overlay = null) =>
        Prepare(model, closure, overlay).Spread(threat, from);

    /// <summary>
    /// The starting position: a host (<c>NAME</c>), an unnamed machine of a site (<c>site:NAME</c>) or zone
    /// (<c>ZONE</c>), or <c>lan</c>, an unnamed machine in every site at once. Null when the model has no such place.
    /// </summary>
    public static IReadOnlyList<(Party Attacker, string Name)>? TryOrigins(NetworkModel model, string from) =>
        SpreadScene.Origins(model, new AttackerPositions(model), from);
}
