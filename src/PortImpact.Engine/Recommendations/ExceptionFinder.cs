using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Recommendations;

/// <summary>The exceptions a change needs, and how many dependencies they keep.</summary>
public sealed record ExceptionSet(ResolvedClosure Closure, ImmutableArray<AllowException> Exceptions, int DependenciesKept)
{
    /// <summary>The exceptions as an overlay for <see cref="ImpactAnalyzer.Analyze(NetworkModel, Closure, PolicyOverlay?)"/>.</summary>
    public PolicyOverlay Overlay() => ExceptionFinder.OverlayOf(Exceptions);
}

/// <summary>
/// Finds the least the change must leave open. For every dependency the closure would break or degrade:
/// the connections it needs (<see cref="RestorationPlanner"/>), and for each, every changed point or host
/// firewall on its way whose closure stops its ports. Those become exceptions from the client's host
/// group to the server's, merged only where the merge is exactly the union (same point, direction and two
/// of source, destination and ports equal), then thinned: an exception whose removal leaves every
/// dependency it serves as it was is dropped, so each one that remains is needed.
/// </summary>
public sealed class ExceptionFinder(KnowledgeCatalog catalog)
{
    /// <param name="keepFailover">Whether exceptions also keep the DC locator's fallback to other sites' domain controllers (the default).</param>
    public ExceptionSet Find(NetworkModel model, Closure closure, bool keepFailover = true)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var topology = new Topology(model);
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        var before = new PathEvaluator(topology, Scenario.Baseline(model, compiler));
        var closed = new PathEvaluator(topology, Scenario.Build(model, resolved, null, compiler));
        var requirements = new RequirementEvaluator(catalog, model.RpcDynamicPorts);
        var planner = new RestorationPlanner(catalog, requirements, before);
        var hosts = model.Hosts.ToDictionary(h => h.Name, Party.Of, StringComparer.Ordinal);
        var dependencies = new DependencyResolver(model, catalog, topology).Resolve();
        var evaluator = new DependencyEvaluator(catalog, requirements, hosts, dependencies);

        var parts = new Dictionary<(string At, TrafficDirection Direction, string From, string To), Part>();
        var worse = new List<(Dependency Dependency, DependencyState Was)>();
        var flows = new List<NeededFlow>();
        foreach (var dependency in dependencies)
        {
            if (!keepFailover && dependency.Kind == DependencyKind.Failover) continue;
            var requirement = catalog.Capabilities[dependency.Capability].Requirement;
            var was = evaluator.Evaluate(dependency, before).State;
            if (evaluator.Evaluate(dependency, closed).State <= was) continue;
            worse.Add((dependency, was));
            flows.Clear();
            foreach (var (clientName, serverName) in evaluator.Connections(dependency, before))
            {
                planner.Collect(requirement, hosts[clientName], hosts[serverName], flows);
            }
            foreach (var flow in flows)
            {
                foreach (var (at, direction) in ChangedCrossings(flow, resolved, closed))
                {
                    var stopped = resolved.Closure.Ports[flow.Transport].Intersect(flow.Ports);
                    if (stopped.IsEmpty) continue;
                    var key = (at, direction, flow.From.Name, flow.To.Name);
                    if (!parts.TryGetValue(key, out var part))
                    {
                        part = new Part(at, direction, flow.From.Host!, flow.To.Host!);
                        parts[key] = part;
                    }
                    part.Add(flow.Transport, stopped, flow.RpcDynamicRange, dependency);
                }
            }
        }

        var order = KeyOrder(model);
        var exceptions = Merge([.. parts.Values.Select(p => p.ToException())], order);
        exceptions = Thin(model, resolved, compiler, topology, evaluator, exceptions,
            worse.ToDictionary(w => w.Dependency, w => w.Was));
        var numbered = exceptions.Select((e, i) => e with { Id = $"E{i + 1}" }).ToImmutableArray();
        return new ExceptionSet(resolved, numbered, worse.Count);
    }

    public static PolicyOverlay OverlayOf(IEnumerable<AllowException> exceptions) =>
        PolicyOverlay.Of(exceptions.Select(e => (FilterPointId.Parse(e.At), ImmutableArray.Create(e.ToRule()))));

    /// <summary>Where a flow meets the change: its own host firewall going out, each changed point on its route, the server's firewall coming in.</summary>
    private static IEnumerable<(string At, TrafficDirection Direction)> ChangedCrossings(NeededFlow flow, ResolvedClosure closure, PathEvaluator paths)
    {
        var onPoints = closure.RuleFor(closure.PointDirection);
        var onHosts = closure.RuleFor(closure.HostDirection);
        if (closure.Hosts.Contains(flow.From.Name) && onHosts.AppliesTo(TrafficDirection.Out))
        {
            yield return (Scenario.HostKey(flow.From.Name), TrafficDirection.Out);
        }
        foreach (var hop in paths.RouteOf(flow.From.Place, flow.To.Place) ?? [])
        {
            if (closure.Points.Contains(hop.Name) && onPoints.AppliesTo(hop.Direction)) yield return (hop.Name, hop.Direction);
        }
        if (closure.Hosts.Contains(flow.To.Name) && onHosts.AppliesTo(TrafficDirection.In))
        {
            yield return (Scenario.HostKey(flow.To.Name), TrafficDirection.In);
        }
    }

    /// <summary>Points in the order of the model's links, then host firewalls in the order of its hosts: the order reports list them.</summary>
    private static Dictionary<string, int> KeyOrder(NetworkModel model)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var link in model.Links) order.TryAdd(link.Via, order.Count);
        foreach (var host in model.Hosts) order.TryAdd(Scenario.HostKey(host.Name), order.Count);
        return order;
    }

    /// <summary>
    /// Unions that add no reachability: exceptions at one point and direction with the same destinations and
    /// ports take the union of their sources, then those with the same sources and ports the union of their
    /// destinations. Sorted first, so the result does not depend on the order dependencies were found in.
    /// </summary>
    private static List<AllowException> Merge(List<AllowException> exceptions, Dictionary<string, int> order)
    {
        var sorted = Sort(exceptions, order);
        var bySources = sorted
            .GroupBy(e => (e.At, e.Direction, Destinations: string.Join(",", e.Destinations), e.Ports))
            .Select(g => g.Aggregate((a, b) => a with
            {
                Sources = [.. a.Sources, .. b.Sources],
                SourceAddresses = a.SourceAddresses.Union(b.SourceAddresses),
                RpcDynamicPorts = a.RpcDynamicPorts.Union(b.RpcDynamicPorts),
                Keeps = [.. a.Keeps, .. b.Keeps],
            }))
            .ToList();
        var byDestinations = Sort(bySources, order)
            .GroupBy(e => (e.At, e.Direction, Sources: string.Join(",", e.Sources), e.Ports))
            .Select(g => g.Aggregate((a, b) => a with
            {
                Destinations = [.. a.Destinations, .. b.Destinations],
                DestinationAddresses = a.DestinationAddresses.Union(b.DestinationAddresses),
                RpcDynamicPorts = a.RpcDynamicPorts.Union(b.RpcDynamicPorts),
                Keeps = [.. a.Keeps, .. b.Keeps],
            }))
            .ToList();
        return Sort(byDestinations, order);
    }

    private static List<AllowException> Sort(IEnumerable<AllowException> exceptions, Dictionary<string, int> order) =>
        [.. exceptions
            .OrderBy(e => order.GetValueOrDefault(e.At, int.MaxValue))
            .ThenBy(e => e.At, StringComparer.Ordinal)
            .ThenBy(e => e.Direction)
            .ThenBy(e => string.Join(",", e.Destinations), StringComparer.Ordinal)
            .ThenBy(e => string.Join(",", e.Sources), StringComparer.Ordinal)
            .ThenBy(e => e.Ports.Tcp.IsEmpty ? int.MaxValue : e.Ports.Tcp.Ranges[0].First)
            .ThenBy(e => e.Ports.ToString(), StringComparer.Ordinal)];

    /// <summary>
    /// Drops, last first, each exception without which every dependency it serves is still as it was. Host
    /// groups are disjoint, so each exception exempts connections no other one does; but a dependency's state
    /// is coarser than its ports (an RPC range already partly closed reads "degraded" with or without the
    /// rest of it), so the what-if decides, not the port arithmetic. Opening less never helps a dependency,
    /// so an exception kept here stays needed after later ones are dropped.
    /// </summary>
    private static List<AllowException> Thin(NetworkModel model, ResolvedClosure closure, PolicyCompiler compiler, Topology topology,
        DependencyEvaluator evaluator, List<AllowException> exceptions, Dictionary<Dependency, DependencyState> was)
    {
        var kept = new List<AllowException>(exceptions);
        var scenario = Scenario.Build(model, closure, OverlayOf(kept), compiler);
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            var candidate = kept[i];
            var others = kept.Where((e, j) => j != i && e.At == candidate.At).Select(e => e.ToRule()).ToImmutableArray();
            var without = new PathEvaluator(topology, scenario.WithOverlayAt(candidate.At, others));
            var needed = candidate.Keeps.Distinct().Any(dependency => evaluator.Evaluate(dependency, without).State > was[dependency]);
            evaluator.Forget(without);
            if (needed) continue;
            kept.RemoveAt(i);
            scenario = Scenario.Build(model, closure, OverlayOf(kept), compiler);
        }
        return kept;
    }

    /// <summary>What one client–server pair needs exempted at one crossing, gathered over its dependencies.</summary>
    private sealed class Part(string at, TrafficDirection direction, HostGroup from, HostGroup to)
    {
        private PortSelection _ports = PortSelection.None;
        private PortSelection _rpc = PortSelection.None;
        private readonly List<Dependency> _keeps = [];

        public void Add(Transport transport, PortSet ports, bool rpcDynamicRange, Dependency dependency)
        {
            var selection = PortSelection.Of(transport, ports);
            _ports = _ports.Union(selection);
            if (rpcDynamicRange) _rpc = _rpc.Union(selection);
            if (!_keeps.Contains(dependency)) _keeps.Add(dependency);
        }

        public AllowException ToException() =>
            new("", at, direction, _ports, [from.Name], from.Addresses, [to.Name], to.Addresses, _rpc, [.. _keeps]);
    }
}
