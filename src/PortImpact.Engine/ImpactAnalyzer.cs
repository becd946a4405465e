using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Engine.Threats;
using PortImpact.Knowledge;

namespace PortImpact.Engine;

/// <summary>
/// The what-if: evaluates every dependency and every threat × attacker position × victim under the
/// baseline and under the baseline with the closure, and reports both. Pure: no I/O, no clock.
/// </summary>
public sealed class ImpactAnalyzer(KnowledgeCatalog catalog)
{
    public AnalysisResult Analyze(NetworkModel model, Closure closure) =>
        Analyze(model, closure, overlay: null);

    /// <summary>As <see cref="Analyze(NetworkModel, Closure)"/>, with extra rules (e.g. exceptions) laid over the change.</summary>
    public AnalysisResult Analyze(NetworkModel model, Closure closure, IReadOnlyDictionary<string, ImmutableArray<FirewallRule>>? overlay)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var topology = new Topology(model);
        var compiler = new PolicyCompiler();
        var before = new PathEvaluator(topology, Scenario.Baseline(model, compiler));
        var after = new PathEvaluator(topology, Scenario.Build(model, resolved, overlay, compiler));
        var dependencies = new DependencyResolver(model, catalog, topology).Resolve();
        var requirements = new RequirementEvaluator(catalog, model.RpcDynamicPorts);
        var hosts = model.Hosts.ToDictionary(h => h.Name, Party.Of, StringComparer.Ordinal);

        var impacts = ImmutableArray.CreateBuilder<DependencyImpact>(dependencies.Count);
        foreach (var dependency in dependencies)
        {
            var requirement = catalog.Capabilities[dependency.Capability].Requirement;
            var client = hosts[dependency.Client];
            var server = hosts[dependency.Server];
            var was = requirements.Evaluate(requirement, client, server, before);
            var now = requirements.Evaluate(requirement, client, server, after);
            var blockedAt = now.Blockages.Select(b => b.At).Distinct(StringComparer.Ordinal).ToImmutableArray();
            impacts.Add(new DependencyImpact(dependency, was.State, now.State, now.State == DependencyState.Works ? [] : blockedAt, now.Blockages));
        }

        var positions = new AttackerPositions(model);
        var classes = new VictimClasses(model, overlay?.Values.SelectMany(r => r) ?? []);
        var findings = ImmutableArray.CreateBuilder<ThreatFinding>();
        var stepsBefore = new ThreatEvaluator(before);
        var stepsAfter = new ThreatEvaluator(after);
        var siteHosts = model.Hosts.Where(h => model.FindPlace(h.Place)!.IsSite).ToList();
        foreach (var threat in catalog.Threats)
        {
            var victims = siteHosts.Where(v => threat.VictimRoles.IsEmpty || threat.VictimRoles.Any(v.HasRole));
            foreach (var victimClass in classes.Group(victims, before.Scenario, after.Scenario))
            {
                var target = hosts[victimClass[0].Name];
                var names = victimClass.Select(v => v.Name).ToImmutableArray();
                foreach (var (position, attacker) in positions.Against(target.Place, threat.SpreadsFromInternet))
                {
                    var was = stepsBefore.Evaluate(threat, attacker, target);
                    var now = stepsAfter.Evaluate(threat, attacker, target);
                    findings.Add(new ThreatFinding(threat.Id, position, names, was.Exposure, now.Exposure,
                        was.CutSteps, now.CutSteps, now.CutAt, now.Blockages));
                }
            }
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        if (resolved.Points.Count == 0 && resolved.Hosts.Count == 0)
        {
            warnings.Add($"the placements {string.Join(", ", closure.At.Select(a => a.Id))} match no enforcement point or host in this model");
        }
        return new AnalysisResult(model.Name, closure,
            [.. resolved.Points.Order(StringComparer.Ordinal)], [.. resolved.Hosts.Order(StringComparer.Ordinal)],
            impacts.ToImmutable(), findings.ToImmutable(), warnings.ToImmutable());
    }
}
