using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Results;
using PortImpact.Knowledge;

namespace PortImpact.Engine;

/// <summary>
/// One placement's side of the seed's trade-off: attack paths stopped (by where the attacker stands) against
/// dependencies lost, and how many exceptions (<see cref="Recommendations.ExceptionFinder"/>) would keep them.
/// </summary>
public sealed record ComparisonRow(
    string Placement,
    int StoppedFromExternal,
    int StoppedFromOtherSites,
    int StoppedFromLan,
    int StillExposed,
    int Broken,
    int Degraded,
    int ExceptionsNeeded,
    AnalysisResult Analysis);

/// <summary>
/// Runs the same closure at several placements: the perimeter, the routers between sites, every host
/// firewall, and any sets the user names, and sets the results side by side.
/// </summary>
public sealed class PlacementComparison(KnowledgeCatalog catalog)
{
    public static IReadOnlyList<(string Label, ImmutableArray<Placement> At)> StandardPlacements { get; } =
    [
        ("perimeter", [new AtPerimeter()]),
        ("inter-site", [new AtInterSite()]),
        ("hosts", [new AtHosts(null)]),
    ];

    public ImmutableArray<ComparisonRow> Compare(NetworkModel model, PortSelection ports, TrafficDirection? direction,
        IEnumerable<(string Label, ImmutableArray<Placement> At)> placements)
    {
        var analyzer = new ImpactAnalyzer(catalog);
        var finder = new Recommendations.ExceptionFinder(catalog);
        var external = model.Places.Where(p => !p.IsSite && p.External).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var rows = ImmutableArray.CreateBuilder<ComparisonRow>();
        foreach (var (label, at) in placements)
        {
            var closure = new Closure(ports, at, direction);
            var result = analyzer.Analyze(model, closure);
            var exceptions = result.NewlyBroken + result.NewlyDegraded == 0 ? 0 : finder.Find(model, closure).Exceptions.Length;
            var stopped = result.Threats.Where(t => t.Before == Exposure.Exposed && t.After == Exposure.Blocked).ToList();
            rows.Add(new ComparisonRow(
                label,
                stopped.Where(t => external.Contains(t.Attacker)).Sum(t => t.Victims.Length),
                // Other places inside the company: other sites, and internal zones such as a DMZ.
                stopped.Where(t => AttackerPosition.Parse(t.Attacker).Kind != AttackerPositionKind.Lan && !external.Contains(t.Attacker)).Sum(t => t.Victims.Length),
                stopped.Where(t => AttackerPosition.Parse(t.Attacker).Kind == AttackerPositionKind.Lan).Sum(t => t.Victims.Length),
                result.StillExposed,
                result.NewlyBroken,
                result.NewlyDegraded,
                exceptions,
                result));
        }
        return rows.ToImmutable();
    }
}
