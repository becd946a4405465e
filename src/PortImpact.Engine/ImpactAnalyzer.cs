using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
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
public sealed class ImpactAnalyzer(KnowledgeCatalog catalog, long findingLimit = ImpactAnalyzer.FindingLimit)
{
    /// <summary>
    /// The most findings and reasons one analysis may hold: a finding for each threat, attacker position and class of
    /// alike victims, and a reason for each point that stops it. The generated enterprise of the benchmarks (200 sites,
    /// 20,000 host groups) holds at most 45 million, in recommend with host firewalls, at a peak of 6 GB; a chain of
    /// thousands of sites would hold billions, which no machine can, so the analysis stops as soon as it passes this.
    /// </summary>
    public const int FindingLimit = 100_000_000;

    public AnalysisResult Analyze(NetworkModel model, Closure closure) =>
        Analyze(model, closure, overlay: null);

    /// <summary>
    /// The result with each threat's worst case: the infection wave from every position and host under the change (and
    /// its overlay), the largest kept, and how far the same start gets on today's network. Apart from
    /// <see cref="Analyze(NetworkModel, Closure)"/> because the recommender and compare analyse many times and need none.
    /// </summary>
    public AnalysisResult WithWorstCases(NetworkModel model, AnalysisResult result, PolicyOverlay? overlay)
    {
        var simulator = new PortImpact.Engine.Threats.SpreadSimulator(catalog);
        var worst = PortImpact.Engine.Threats.WorstCaseFinder.Find(model, simulator.Prepare(model, result.Closure, overlay), simulator.Prepare(model, null),
            catalog.Threats, new PortImpact.Engine.Threats.ThreatApplicability(catalog));
        return result with { WorstCases = worst };
    }

    /// <summary>As <see cref="Analyze(NetworkModel, Closure)"/>, with extra rules (e.g. exceptions) laid over the change.</summary>
    public AnalysisResult Analyze(NetworkModel model, Closure closure, PolicyOverlay? overlay)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var topology = new Topology(model);
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        var before = new PathEvaluator(topology, Scenario.Baseline(model, compiler));
        var after = new PathEvaluator(topology, Scenario.Build(model, resolved, overlay, compiler));
        var hosts = model.Hosts.ToDictionary(h => h.Name, Party.Of, StringComparer.Ordinal);
        var impacts = Dependencies(model, topology, hosts, before, after);
        var findings = Threats(model, hosts, before, after);

        var warnings = ImmutableArray.CreateBuilder<string>();
        if (resolved.Points.Count == 0 && resolved.Hosts.Count == 0)
        {
            warnings.Add(Messages.Format("EngineNoPlacementMatch", string.Join(", ", closure.At.Select(a => a.Id))));
        }
        return new AnalysisResult(model.Name, closure,
            [.. resolved.Points.Order(NaturalOrder.Instance)], [.. resolved.Hosts.Order(NaturalOrder.Instance)],
            impacts, findings, warnings.ToImmutable());
    }

    /// <summary>Only the dependencies of <see cref="Analyze(NetworkModel, Closure, PolicyOverlay?)"/>: what the recommender checks its exceptions with.</summary>
    public ImmutableArray<DependencyImpact> Dependencies(NetworkModel model, Closure closure, PolicyOverlay? overlay)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var topology = new Topology(model);
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        var before = new PathEvaluator(topology, Scenario.Baseline(model, compiler));
        var after = new PathEvaluator(topology, Scenario.Build(model, resolved, overlay, compiler));
        return Dependencies(model, topology, model.Hosts.ToDictionary(h => h.Name, Party.Of, StringComparer.Ordinal), before, after);
    }

    private ImmutableArray<DependencyImpact> Dependencies(NetworkModel model, Topology topology, Dictionary<string, Party> hosts, PathEvaluator before, PathEvaluator after)
    {
        var dependencies = new DependencyResolver(model, catalog, topology).Resolve();
        var evaluator = new DependencyEvaluator(catalog, new RequirementEvaluator(catalog, model.RpcDynamicPorts), hosts, dependencies);
        var impacts = ImmutableArray.CreateBuilder<DependencyImpact>(dependencies.Count);
        foreach (var dependency in dependencies)
        {
            var was = evaluator.Evaluate(dependency, before);
            var now = evaluator.Evaluate(dependency, after);
            var blockedAt = now.Blockages.Select(b => b.At).Distinct(StringComparer.Ordinal).ToImmutableArray();
            impacts.Add(new DependencyImpact(dependency, was.State, now.State, now.State == DependencyState.Works ? [] : blockedAt, now.Blockages)
                { Unreached = now.Unreached });
        }
        return impacts.MoveToImmutable();
    }

    /// <summary>
    /// Threats under two versions of one change, e.g. the closure alone (as "before") and the closure with
    /// exceptions (as "after"): a finding blocked before and exposed after passes through an exception.
    /// </summary>
    public ImmutableArray<ThreatFinding> CompareThreats(NetworkModel model, Closure closure,
        PolicyOverlay? first, PolicyOverlay? second,
        ThreatScope? scope = null)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var topology = new Topology(model);
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        var one = new PathEvaluator(topology, Scenario.Build(model, resolved, first, compiler));
        var two = new PathEvaluator(topology, Scenario.Build(model, resolved, second, compiler));
        return Threats(model, model.Hosts.ToDictionary(h => h.Name, Party.Of, StringComparer.Ordinal), one, two, scope);
    }

    /// <summary>
    /// Every threat × attacker position × victim. Victims are sorted into classes per site and position
    /// once (<see cref="VictimClasses"/>); each threat is then evaluated once per class it can infect.
    /// </summary>
    private ImmutableArray<ThreatFinding> Threats(NetworkModel model, Dictionary<string, Party> hosts, PathEvaluator before, PathEvaluator after, ThreatScope? scope = null)
    {
        var positions = new AttackerPositions(model);
        var classes = new VictimClasses(before, after);
        var applicability = new ThreatApplicability(catalog);
        var stepsBefore = new ThreatEvaluator(before, applicability);
        var stepsAfter = new ThreatEvaluator(after, applicability);
        // Victims are the hosts of every place that is not external: the sites and zones such as a DMZ.
        var bySite = model.Hosts.Where(h => !model.FindPlace(h.Place)!.External && (scope is null || scope.Victims.Contains(h.Name)))
            .GroupBy(h => h.Place, StringComparer.Ordinal)
            .Select(g => (Site: g.Key, Victims: g.ToList()))
            .ToList();
        var anyInternet = catalog.Threats.Any(t => t.SpreadsFromInternet);
        var findings = new List<ThreatFinding>();
        var names = new Dictionary<List<HostGroup>, ImmutableArray<string>>(ReferenceEqualityComparer.Instance);
        ImmutableArray<string> NamesOf(List<HostGroup> group)
        {
            if (!names.TryGetValue(group, out var known))
            {
                known = [.. group.Select(v => v.Name)];
                names[group] = known;
            }
            return known;
        }
        var equivalence = new PositionEquivalence(before, after, classes);
        long held = 0;
        foreach (var (site, victims) in bySite)
        {
            var firewalls = victims.SelectMany(v => new[] { before.Scenario.HostFirewall(v.Name), after.Scenario.HostFirewall(v.Name) }).Distinct().ToList();
            var seen = new Dictionary<string, (IReadOnlyList<string> Names, List<ThreatFinding> Findings)>(StringComparer.Ordinal);
            foreach (var (position, attacker) in positions.Against(site, fromInternet: anyInternet))
            {
                var groups = classes.Group(victims, attacker.Place, site);
                var external = positions.External.Contains(position);
                // Positions with the same routes, policies and address classes get the same answers, renamed.
                string? signature = null;
                IReadOnlyList<string> pointNames = [];
                if (classes.SeesOnlyHostFirewalls(attacker.Place, site))
                {
                    (signature, pointNames) = equivalence.Describe(attacker, site, firewalls);
                    signature = (external ? "x" : "s") + signature;
                    if (seen.TryGetValue(signature, out var earlier) && PositionEquivalence.Rename(earlier.Names, pointNames) is { } rename)
                    {
                        var renamedBlockages = new Dictionary<Blockage, Blockage>(ReferenceEqualityComparer.Instance);
                        findings.AddRange(earlier.Findings.Select(finding => Renamed(finding, position, rename, renamedBlockages)));
                        held = Count(held, earlier.Findings, model);
                        continue;
                    }
                }
                stepsBefore.Forget();
                stepsAfter.Forget();
                var computed = new List<ThreatFinding>();
                for (var threatIndex = 0; threatIndex < catalog.Threats.Length; threatIndex++)
                {
                    var threat = catalog.Threats[threatIndex];
                    if (!threat.SpreadsFromInternet && external) continue;
                    if (scope is not null && !scope.Attacker(threat, attacker)) continue;
                    for (var classIndex = 0; classIndex < groups.Count; classIndex++)
                    {
                        var members = groups[classIndex];
                        var infectable = members.All(v => applicability.Applies(threat, v)) ? members : members.Where(v => applicability.Applies(threat, v)).ToList();
                        if (scope is not null) infectable = infectable.Where(v => scope.Victim(threat, v)).ToList();
                        if (infectable.Count == 0) continue;
                        // Victims that offer different ways of a step (IIS or not) are evaluated apart.
                        var kinds = infectable.Count == infectable.Count(v => applicability.Mask(threat, v) == applicability.Mask(threat, infectable[0]))
                            ? [infectable] : infectable.GroupBy(v => applicability.Mask(threat, v)).Select(g => g.ToList()).ToList();
                        foreach (var kind in kinds)
                        {
                            var target = hosts[kind[0].Name];
                            var was = stepsBefore.Evaluate(threat, attacker, target);
                            var now = stepsAfter.Evaluate(threat, attacker, target);
                            var finding = new ThreatFinding(threat.Id, position, kinds.Count == 1 ? NamesOf(infectable) : [.. kind.Select(v => v.Name)],
                                was.Exposure, now.Exposure, was.CutSteps, now.CutSteps, now.CutAt, now.Blockages) { ExploitedAfter = now.Exploited };
                            computed.Add(finding);
                        }
                    }
                }
                findings.AddRange(computed);
                held = Count(held, computed, model);
                if (signature is not null) seen.TryAdd(signature, (pointNames, computed));
            }
        }
        // Report order: by site, attacker position, threat (catalog order) and class: the order computed.
        return [.. findings];
    }

    /// <summary>The findings and reasons held so far, with <paramref name="findings"/>; past <see cref="FindingLimit"/> the analysis stops.</summary>
    private long Count(long held, List<ThreatFinding> findings, NetworkModel model)
    {
        foreach (var finding in findings) held += 1 + finding.Blockages.Length;
        if (held <= findingLimit) return held;
        throw new InputException(new SourceLocation(model.SourceFile, 1, 1), Messages.Format("EngineTooManyFindings", findingLimit));
    }

    /// <summary>A finding copied to an equivalent position, its points renamed; threats share blockages, so each is renamed once.</summary>
    private static ThreatFinding Renamed(ThreatFinding finding, string position, Dictionary<string, string> rename, Dictionary<Blockage, Blockage> renamed)
    {
        string Name(string at) => rename.GetValueOrDefault(at, at);
        Blockage Rename(Blockage blockage)
        {
            if (!renamed.TryGetValue(blockage, out var copy))
            {
                var at = Name(blockage.At);
                copy = at == blockage.At ? blockage : blockage with { At = at };
                renamed[blockage] = copy;
            }
            return copy;
        }
        return finding.Blockages.IsEmpty
            ? finding with { Attacker = position }
            : finding with
            {
                Attacker = position,
                CutAt = [.. finding.CutAt.Select(Name)],
                Blockages = [.. finding.Blockages.Select(Rename)],
            };
    }
}

/// <summary>
/// The part of the threat × attacker × victim space a question is about, so that it is not evaluated whole:
/// the recommender asks only about victims and attackers on either side of an exception.
/// </summary>
public sealed record ThreatScope(IReadOnlySet<string> Victims, Func<Core.Knowledge.Threat, HostGroup, bool> Victim, Func<Core.Knowledge.Threat, Party, bool> Attacker);
