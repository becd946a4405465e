using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Engine.Threats;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Recommendations;

/// <summary>
/// "Close everything except exactly what must stay open": the exceptions a closure needs
/// (<see cref="ExceptionFinder"/>), the what-if with them in place, and the threats that get through
/// because of them, each with the exceptions it passes and the catalog's mitigations that close no port.
/// Pure: no I/O, no clock; the same model gives the same recommendation in the same order.
/// </summary>
public sealed class LeastOpenRecommender(KnowledgeCatalog catalog)
{
    public Recommendation Recommend(NetworkModel model, Closure closure)
    {
        var found = new ExceptionFinder(catalog).Find(model, closure);
        var overlay = found.Overlay();
        var analyzer = new ImpactAnalyzer(catalog);
        var alone = analyzer.Analyze(model, closure);
        var dependencies = found.Exceptions.IsEmpty ? alone.Dependencies : analyzer.Dependencies(model, closure, overlay);
        var residual = found.Exceptions.IsEmpty ? []
            : Residual(model, found.Exceptions, analyzer.CompareThreats(model, closure, null, overlay, Scope(closure, found.Exceptions)));
        return new Recommendation(model.Name, closure, alone.ClosedPoints, alone.ClosedHosts,
            found.Exceptions, found.DependenciesKept, residual, alone, dependencies) { WorstCases = WorstCases(model, closure, overlay, residual) };
    }

    /// <summary>
    /// A worm that passes an exception attacks again from its victim, so the residual risk is the wave, not the first
    /// hop: for every threat with a residual path, the starting position whose wave reaches most with the exceptions,
    /// and how far the same wave gets without them.
    /// </summary>
    private ImmutableArray<Threats.WorstSpread> WorstCases(NetworkModel model, Closure closure,
        PolicyOverlay overlay, ImmutableArray<ResidualExposure> residual)
    {
        var simulator = new Threats.SpreadSimulator(catalog);
        var threats = catalog.Threats.Where(t => residual.Any(r => r.Threat == t.Id)).ToList();
        if (threats.Count == 0) return [];
        return Threats.WorstCaseFinder.Find(model, simulator.Prepare(model, closure, overlay), simulator.Prepare(model, closure),
            threats, new Threats.ThreatApplicability(catalog));
    }

    /// <summary>
    /// Where a threat can get through an exception: a step the closure cuts, on ports the exception opens,
    /// with the victim on the exception's side of that step and the attacker's addresses on the other.
    /// Everything else is as the closure alone leaves it, so only this part is evaluated again.
    /// </summary>
    private ThreatScope Scope(Closure closure, ImmutableArray<AllowException> exceptions)
    {
        var victims = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var attackers = new Dictionary<string, Core.Addresses.AddressSet>(StringComparer.Ordinal);
        foreach (var threat in catalog.Threats)
        {
            var mine = new HashSet<string>(StringComparer.Ordinal);
            var sides = Core.Addresses.AddressSet.Empty;
            foreach (var step in threat.Steps)
            {
                var cut = step.Ports.Intersect(closure.Ports);
                if (cut.IsEmpty || step.From == step.To) continue;
                foreach (var exception in exceptions)
                {
                    if (!exception.Ports.Overlaps(cut)) continue;
                    var victimSends = step.From == ThreatActor.Victim;
                    mine.UnionWith(victimSends ? exception.Sources : exception.Destinations);
                    sides = sides.Union(victimSends ? exception.DestinationAddresses : exception.SourceAddresses);
                }
            }
            victims[threat.Id] = mine;
            attackers[threat.Id] = sides;
        }
        var all = victims.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        return new ThreatScope(all,
            (threat, victim) => victims[threat.Id].Contains(victim.Name),
            (threat, attacker) => AddressCoverage.Of(attackers[threat.Id], attacker.Addresses) != Core.Addresses.Coverage.None);
    }

    /// <summary>Findings the closure alone blocks and the exceptions expose, with the exceptions on the steps the closure had cut.</summary>
    private ImmutableArray<ResidualExposure> Residual(NetworkModel model, ImmutableArray<AllowException> exceptions, ImmutableArray<ThreatFinding> findings)
    {
        var topology = new Topology(model);
        var positions = new AttackerPositions(model);
        var hosts = model.Hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        var byAt = exceptions.GroupBy(e => e.At, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var index = exceptions.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var threats = catalog.Threats.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<ResidualExposure>();
        foreach (var finding in findings)
        {
            if (finding.Before != Exposure.Blocked || finding.After != Exposure.Exposed) continue;
            var threat = threats[finding.Threat];
            var victim = Party.Of(hosts[finding.Victims[0]]);
            var attacker = positions.Of(finding.Attacker, victim.Place);
            var through = new HashSet<string>(StringComparer.Ordinal);
            foreach (var step in threat.Steps)
            {
                if (!finding.CutStepsBefore.Contains(step.Order)) continue;
                var from = step.From == ThreatActor.Attacker ? attacker : victim;
                var to = step.To == ThreatActor.Attacker ? attacker : victim;
                foreach (var transport in TransportNames.All)
                {
                    var ports = step.Ports[transport];
                    if (ports.IsEmpty) continue;
                    foreach (var (at, direction) in Crossings(topology, from, to))
                    {
                        if (!byAt.TryGetValue(at, out var candidates)) continue;
                        foreach (var exception in candidates)
                        {
                            if (exception.Direction == direction
                                && exception.Ports[transport].Overlaps(ports)
                                && AddressCoverage.Of(exception.SourceAddresses, from.Addresses) != Core.Addresses.Coverage.None
                                && AddressCoverage.Of(exception.DestinationAddresses, to.Addresses) != Core.Addresses.Coverage.None)
                            {
                                through.Add(exception.Id);
                            }
                        }
                    }
                }
            }
            result.Add(new ResidualExposure(threat.Id, finding.Attacker, finding.Victims,
                [.. through.OrderBy(id => index[id])], threat.Mitigations));
        }
        return result.ToImmutable();
    }

    private static IEnumerable<(string At, TrafficDirection Direction)> Crossings(Topology topology, Party from, Party to)
    {
        if (from.Host is not null) yield return (Scenario.HostKey(from.Name), TrafficDirection.Out);
        foreach (var crossing in topology.PathBetween(from.Place, to.Place) ?? [])
        {
            yield return (crossing.Link.Via, crossing.Direction);
        }
        if (to.Host is not null) yield return (Scenario.HostKey(to.Name), TrafficDirection.In);
    }
}
