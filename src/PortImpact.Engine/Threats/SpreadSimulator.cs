using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Threats;

/// <summary>A victim a worm reaches: at which hop, from which infected host (or the starting position), and through what.</summary>
public sealed record SpreadVictim(string Victim, int Hop, string From, ImmutableArray<string> Through);

/// <summary>
/// The infection wave of one threat from one starting position: every host it falls to, hop by hop, and the hosts
/// it can infect that nothing reaches. <see cref="Exploited"/> lists the hosts whose exploit gets through although the
/// worm is not copied over (a crash, a reboot).
/// </summary>
public sealed record SpreadResult(string Threat, string From, ImmutableArray<SpreadVictim> Reached, ImmutableArray<string> NotReached, ImmutableArray<string> Exploited)
{
    /// <summary>The blast radius: how many machines fall, counting each member of a host group.</summary>
    public int Radius(NetworkModel model) => Reached.Sum(r => model.FindHost(r.Victim)?.Count ?? 1);
}

/// <summary>
/// A worm that compromises a victim attacks from it next. From the starting position (a host of the model, an
/// unnamed machine of a site or zone, or <c>lan</c>: one in every site at once), each wave tries every host the threat
/// applies to that is not yet infected from every host infected so far, under the baseline or a change (with its
/// exceptions), until nothing new falls. An infected host attacks with its own addresses and through its own host
/// firewall. Pure: no I/O; the same model gives the same waves in the same order.
/// </summary>
public sealed class SpreadSimulator(KnowledgeCatalog catalog)
{
    public SpreadResult Spread(NetworkModel model, Threat threat, string from, Closure? closure,
        IReadOnlyDictionary<string, ImmutableArray<FirewallRule>>? overlay = null)
    {
        var topology = new Topology(model);
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        var scenario = closure is null
            ? Scenario.Build(model, null, overlay, compiler)
            : Scenario.Build(model, ClosureResolver.Resolve(model, catalog, closure), overlay, compiler);
        var paths = new PathEvaluator(topology, scenario);
        var applicability = new ThreatApplicability(catalog);
        var chains = new ThreatEvaluator(paths, applicability);
        var positions = new AttackerPositions(model);
        var memo = new Dictionary<SpreadKey, (Exposure, bool)>();

        var candidates = model.Hosts
            .Where(h => !model.FindPlace(h.Place)!.External && applicability.Applies(threat, h))
            .ToList();
        var candidatePlaces = candidates.Select(c => c.Place).Distinct(StringComparer.Ordinal).ToList();
        var anyWallDistinguishes = candidates.Any(c => scenario.HostFirewall(c.Name).DistinguishesAddresses);
        var namingPoints = new Dictionary<string, List<CompiledPolicy>>(StringComparer.Ordinal);
        var infected = new List<(Party Attacker, string Name)>();
        foreach (var origin in Origins(model, positions, from))
        {
            infected.Add(origin);
        }
        var reached = ImmutableArray.CreateBuilder<SpreadVictim>();
        var exploited = new SortedSet<string>(StringComparer.Ordinal);
        var fallen = new HashSet<string>(infected.Select(i => i.Name), StringComparer.Ordinal);
        var waveStart = 0;
        for (var hop = 1; waveStart < infected.Count; hop++)
        {
            var attackers = Representatives(infected.Skip(waveStart)).ToList();
            waveStart = infected.Count;
            foreach (var victim in candidates)
            {
                if (fallen.Contains(victim.Name)) continue;
                var target = Party.Of(victim);
                // Hosts infected in earlier waves already failed against this victim, and nothing has changed since.
                foreach (var (attacker, name) in attackers)
                {
                    if (!threat.SpreadsFromInternet && attacker.Host is null && positions.External.Contains(attacker.Place)) continue;
                    var outcome = Evaluate(threat, attacker, target);
                    if (outcome.Exposure == Exposure.Exposed)
                    {
                        fallen.Add(victim.Name);
                        exploited.Remove(victim.Name);
                        infected.Add((target, victim.Name));
                        reached.Add(new SpreadVictim(victim.Name, hop, name, Through(paths, attacker, target)));
                        break;
                    }
                    if (outcome.Exploited) exploited.Add(victim.Name);
                }
            }
        }
        return Result(threat, from, candidates, fallen, reached, exploited);

        // Infected hosts of one place behind the same host firewall, in the same address class at every point on the
        // way to any victim, attack alike: one of them stands for all (a site's hundred PCs are one attacker).
        IEnumerable<(Party Attacker, string Name)> Representatives(IEnumerable<(Party Attacker, string Name)> wave)
        {
            var seen = new HashSet<(string, CompiledPolicy, int, string)>();
            foreach (var entry in wave)
            {
                var wall = entry.Attacker.Host is null ? null : scenario.HostFirewall(entry.Attacker.Name);
                if (wall is null || anyWallDistinguishes
                    || seen.Add((entry.Attacker.Place, wall, wall.ClassOf(entry.Attacker.Addresses), AttackerClasses(entry.Attacker))))
                {
                    yield return entry;
                }
            }
        }

        // Hosts that no policy on the way tells apart get the same answer as attackers and as victims: a wave from a
        // site's infected PCs against another site's hundred groups is then one evaluation per class, not per pair.
        (Exposure Exposure, bool Exploited) Evaluate(Threat threat, Party attacker, Party victim)
        {
            var key = KeyOf(attacker, victim);
            if (memo.TryGetValue(key, out var remembered)) return remembered;
            var outcome = chains.Evaluate(threat, attacker, victim);
            var answer = (outcome.Exposure, outcome.Exploited);
            memo[key] = answer;
            return answer;
        }

        SpreadKey KeyOf(Party attacker, Party victim)
        {
            // The classes of both addresses at every address-naming point on the way there and back: what the
            // answer can depend on besides the places, the two host firewalls and the ways the victim offers.
            var classes = new System.Text.StringBuilder();
            foreach (var route in new[] { paths.RouteOf(attacker.Place, victim.Place), paths.RouteOf(victim.Place, attacker.Place) })
            {
                foreach (var hop in route ?? [])
                {
                    if (!hop.Policy.DistinguishesAddresses) continue;
                    classes.Append(hop.Policy.ClassOf(attacker.Addresses)).Append(':').Append(hop.Policy.ClassOf(victim.Addresses)).Append(',');
                }
                classes.Append('|');
            }
            var attackerWall = attacker.Host is null ? null : scenario.HostFirewall(attacker.Name);
            var victimWall = scenario.HostFirewall(victim.Name);
            return new SpreadKey(attacker.Place, attackerWall, attackerWall?.ClassOf(attacker.Addresses) ?? -1, attackerWall?.ClassOf(victim.Addresses) ?? -1,
                victim.Place, victimWall, victimWall.ClassOf(victim.Addresses), victimWall.ClassOf(attacker.Addresses),
                victim.Host is null ? 0 : applicability.Mask(threat, victim.Host), ReferenceEquals(attacker.Host, victim.Host), classes.ToString());
        }

        // The classes of an attacker's addresses at every address-naming point between its place and any victim's.
        string AttackerClasses(Party attacker)
        {
            if (!namingPoints.TryGetValue(attacker.Place, out var points))
            {
                points = [.. candidatePlaces
                    .SelectMany(other => (paths.RouteOf(attacker.Place, other) ?? []).Concat(paths.RouteOf(other, attacker.Place) ?? []))
                    .Select(h => h.Policy).Where(p => p.DistinguishesAddresses).Distinct()];
                namingPoints[attacker.Place] = points;
            }
            return string.Join(",", points.Select(p => p.ClassOf(attacker.Addresses)));
        }
    }

    private readonly record struct SpreadKey(string AttackerPlace, CompiledPolicy? AttackerWall, int AttackerClass, int VictimInAttackerWall,
        string VictimPlace, CompiledPolicy VictimWall, int VictimClass, int AttackerInVictimWall, long Mask, bool Same, string Classes);

    private static SpreadResult Result(Threat threat, string from, List<HostGroup> candidates, HashSet<string> fallen,
        ImmutableArray<SpreadVictim>.Builder reached, SortedSet<string> exploited)
    {
        var notReached = candidates.Where(c => !fallen.Contains(c.Name)).Select(c => c.Name).ToImmutableArray();
        return new SpreadResult(threat.Id, from, reached.ToImmutable(), notReached, [.. exploited.Where(e => !fallen.Contains(e))]);
    }

    /// <summary>
    /// The starting position: a host (<c>NAME</c>), an unnamed machine of a site (<c>site:NAME</c>) or zone
    /// (<c>ZONE</c>), or <c>lan</c>, an unnamed machine in every site at once. Null when the model has no such place.
    /// </summary>
    public static IReadOnlyList<(Party Attacker, string Name)>? TryOrigins(NetworkModel model, string from)
    {
        var positions = new AttackerPositions(model);
        try
        {
            return Origins(model, positions, from);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private static List<(Party Attacker, string Name)> Origins(NetworkModel model, AttackerPositions positions, string from)
    {
        if (model.FindHost(from) is { } host) return [(Party.Of(host), host.Name)];
        if (from == "lan") return [.. positions.Sites.Select(site => (positions.Of("lan", site), $"lan@{site}"))];
        var place = from.StartsWith("site:", StringComparison.Ordinal) ? from["site:".Length..] : from;
        if (model.FindPlace(place) is not { } found || (found.IsSite != from.StartsWith("site:", StringComparison.Ordinal)))
        {
            throw new KeyNotFoundException(from);
        }
        return [(positions.Of(found.IsSite ? $"site:{place}" : place, place), from)];
    }

    /// <summary>The enforcement points and host firewalls the attack's connection crosses: what let it through.</summary>
    private static ImmutableArray<string> Through(PathEvaluator paths, Party attacker, Party victim)
    {
        var through = ImmutableArray.CreateBuilder<string>();
        if (attacker.Host is not null) through.Add(Scenario.HostKey(attacker.Name));
        foreach (var hop in paths.RouteOf(attacker.Place, victim.Place) ?? []) through.Add(hop.Name);
        through.Add(Scenario.HostKey(victim.Name));
        return through.ToImmutable();
    }
}
