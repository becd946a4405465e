using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Engine.Threats;

namespace PortImpact.Engine.Tests.Threats;

/// <summary>
/// The waves share answers between hosts that no policy tells apart, between starting positions and between victims
/// alike, and the worst case skips positions that cannot be worst. All of that must change nothing: the waves equal a
/// plain pairwise search of every infected host against every victim, and the worst case the largest of all waves.
/// </summary>
public sealed class WorstCaseFinderTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    public static TheoryData<string, string> Scenes => new()
    {
        { "built-in", "baseline" }, { "built-in", "hosts" }, { "built-in", "inter-site" },
        { "branch-chain", "baseline" }, { "branch-chain", "hosts" }, { "branch-chain", "inter-site" },
        { "dmz", "hosts" }, { "dmz", "perimeter" },
    };

    private static (NetworkModel Model, Closure? Closure, PolicyOverlay? Overlay) Scene(string name, string at)
    {
        var model = name switch { "built-in" => Models.BuiltIn(), "branch-chain" => AdModels.BranchChain(), _ => AdModels.Dmz() };
        if (at == "baseline") return (model, null, null);
        Placement placement = at switch { "inter-site" => new AtInterSite(), "perimeter" => new AtPerimeter(), _ => new AtHosts(null) };
        var closure = new Closure(SeedPorts, [placement], null);
        var exceptions = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure).Exceptions;
        return (model, closure, new ExceptionSet(null!, exceptions, 0).Overlay());
    }

    private static IEnumerable<string> EveryOrigin(NetworkModel model)
    {
        var positions = new AttackerPositions(model);
        return [.. positions.External, .. positions.Sites.Select(s => $"site:{s}"), .. positions.InternalZones, .. model.Hosts.Select(h => h.Name)];
    }

    [Theory]
    [MemberData(nameof(Scenes))]
    public void The_waves_equal_a_plain_search_of_every_infected_host_against_every_victim(string name, string at)
    {
        var (model, closure, overlay) = Scene(name, at);
        var scene = new SpreadSimulator(Models.Catalog).Prepare(model, closure, overlay);
        var plain = Scenario.Build(model, closure is null ? null : ClosureResolver.Resolve(model, Models.Catalog, closure), overlay);
        foreach (var threat in Models.Catalog.Threats)
        {
            foreach (var origin in EveryOrigin(model))
            {
                var expected = PlainSpread(model, plain, threat, origin);
                var actual = scene.Spread(threat, origin).Reached.ToDictionary(r => r.Victim, r => r.Hop);
                Assert.True(expected.OrderBy(p => p.Key).SequenceEqual(actual.OrderBy(p => p.Key)),
                    $"{threat.Id} from {origin}: expected {Show(expected)}, got {Show(actual)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenes))]
    public void The_worst_case_is_the_largest_wave_from_any_position_or_host(string name, string at)
    {
        var (model, closure, overlay) = Scene(name, at);
        var simulator = new SpreadSimulator(Models.Catalog);
        var scene = simulator.Prepare(model, closure, overlay);
        var worst = WorstCaseFinder.Find(model, scene, simulator.Prepare(model, null), Models.Catalog.Threats, new ThreatApplicability(Models.Catalog));

        foreach (var threat in Models.Catalog.Threats)
        {
            var radii = EveryOrigin(model)
                .Where(o => model.FindHost(o) is not { } host || new ThreatApplicability(Models.Catalog).Applies(threat, host))
                .Where(o => threat.SpreadsFromInternet || !new AttackerPositions(model).External.Contains(o))
                .Select(o => (Origin: o, Radius: scene.Spread(threat, o).Radius)).ToList();
            var found = worst.SingleOrDefault(w => w.Threat == threat.Id);
            if (scene.Candidates(threat).Count == 0)
            {
                Assert.Null(found);
                continue;
            }
            Assert.NotNull(found);
            Assert.Equal(radii.Max(r => r.Radius), found.Radius);
            Assert.Equal(found.Radius, scene.Spread(threat, found.From).Radius);
        }
    }

    /// <summary>Breadth first, every infected host against every victim not yet infected, with a fresh evaluator each time.</summary>
    private static Dictionary<string, int> PlainSpread(NetworkModel model, Scenario scenario, Threat threat, string origin)
    {
        var applicability = new ThreatApplicability(Models.Catalog);
        var paths = new PathEvaluator(new Topology(model), scenario);
        var external = new AttackerPositions(model).External;
        var infected = SpreadSimulator.TryOrigins(model, origin)!.Select(o => o.Attacker).ToList();
        var reached = new Dictionary<string, int>(StringComparer.Ordinal);
        var victims = model.Hosts.Where(h => !model.FindPlace(h.Place)!.External && applicability.Applies(threat, h)).ToList();
        if (model.FindHost(origin) is { Count: > 1 } group && applicability.Applies(threat, group)
            && new ThreatEvaluator(paths, applicability).Evaluate(threat, Party.Of(group), Party.Of(group)).Exposure == Exposure.Exposed)
        {
            reached[group.Name] = 1;
        }
        for (var hop = 1; ; hop++)
        {
            var fallen = new List<Party>();
            foreach (var victim in victims.Where(v => v.Name != origin && !reached.ContainsKey(v.Name)))
            {
                var target = Party.Of(victim);
                if (infected.Any(a => (threat.SpreadsFromInternet || a.Host is not null || !external.Contains(a.Place))
                    && new ThreatEvaluator(paths, applicability).Evaluate(threat, a, target).Exposure == Exposure.Exposed))
                {
                    fallen.Add(target);
                }
            }
            if (fallen.Count == 0) return reached;
            foreach (var party in fallen) reached[party.Name] = hop;
            infected.AddRange(fallen);
        }
    }

    private static string Show(Dictionary<string, int> reached) => string.Join(", ", reached.OrderBy(p => p.Key).Select(p => $"{p.Key}@{p.Value}"));
}
