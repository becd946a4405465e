using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;

namespace PortImpact.Engine.Threats;

/// <summary>
/// A threat's worst case: the starting position whose infection wave reaches most machines, how many hops it takes,
/// and how far the same wave from the same position gets in the scene it is compared with (the baseline for a
/// what-if, the closure without its exceptions for a recommendation).
/// </summary>
public sealed record WorstSpread(string Threat, string From, int Radius, int Hops, int RadiusCompared);

/// <summary>
/// Tries every starting position for each threat: each external zone (for threats that scan the Internet), an unnamed
/// machine in each site and internal zone, and every host of the model the threat can infect. A host that an earlier
/// wave reached is skipped: everything it reaches, that wave reached too, and more, so it cannot be the worst; so is a
/// host like one tried before (<see cref="SpreadScene.Likeness"/>).
/// </summary>
public static class WorstCaseFinder
{
    public static ImmutableArray<WorstSpread> Find(NetworkModel model, SpreadScene scene, SpreadScene compared,
        IEnumerable<Threat> threats, ThreatApplicability applicability)
    {
        var worst = ImmutableArray.CreateBuilder<WorstSpread>();
        foreach (var threat in threats)
        {
            var candidates = scene.Candidates(threat);
            if (candidates.Count == 0) continue;
            var covered = new HashSet<string>(StringComparer.Ordinal);
            var tried = new HashSet<string>(StringComparer.Ordinal);
            SpreadResult? best = null;
            var bestRadius = -1;
            foreach (var origin in Origins(model, scene.Positions, threat, applicability))
            {
                if (covered.Contains(origin)) continue;
                if (model.FindHost(origin) is { } host && !tried.Add(scene.Likeness(threat, host))) continue;
                var result = scene.Spread(threat, origin, explain: false);
                covered.UnionWith(result.Reached.Select(r => r.Victim));
                var radius = result.Radius;
                if (radius <= bestRadius) continue;
                best = result;
                bestRadius = radius;
            }
            if (best is null) continue;
            worst.Add(new WorstSpread(threat.Id, best.From, bestRadius, best.Hops, compared.Spread(threat, best.From, explain: false).Radius));
        }
        return worst.ToImmutable();
    }

    private static IEnumerable<string> Origins(NetworkModel model, AttackerPositions positions, Threat threat, ThreatApplicability applicability)
    {
        if (threat.SpreadsFromInternet)
        {
            foreach (var zone in positions.External) yield return zone;
        }
        foreach (var site in positions.Sites) yield return AttackerPosition.Site(site).ToString();
        foreach (var zone in positions.InternalZones) yield return zone;
        foreach (var host in model.Hosts)
        {
            if (applicability.Applies(threat, host)) yield return host.Name;
        }
    }
}
