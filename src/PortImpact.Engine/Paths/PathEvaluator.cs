using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Paths;

/// <summary>A rule at a named place on the path that stops some ports of a flow.</summary>
public sealed record Blockage(string At, Transport Transport, PortSet Ports, string Rule, string? RuleLocation, bool Partial, RuleOrigin Origin = RuleOrigin.Model)
{
    /// <summary>True when the rule may or may not match (a condition of a real rule file no model settles): the result is uncertain.</summary>
    public bool Uncertain { get; init; }
}

/// <summary>One enforcement point on a route, with the policy in force there and the way the flow crosses it.</summary>
public readonly record struct RouteHop(string Name, CompiledPolicy Policy, TrafficDirection Direction);

/// <summary>The verdict for a flow's ports over its whole path.</summary>
public sealed record PathDecision(PortSet Allowed, PortSet Denied, PortSet Mixed, ImmutableArray<Blockage> Blockages, bool Unreachable);

/// <summary>
/// Evaluates flows hop by hop: source host firewall (out), each enforcement point on the shortest path
/// (in or out per link), destination host firewall (in). A port passes only if every hop allows it.
/// This runs millions of times on a large model, so open hops are skipped and nothing is allocated for
/// a flow that passes untouched.
/// </summary>
public sealed class PathEvaluator(Topology topology, Scenario scenario, long hopLimit = PathEvaluator.HopLimit)
{
    /// <summary>
    /// How many hops one evaluator may decide before it stops the question as too large. Every answer PortImpact
    /// gives is a sum of hop decisions, so this bounds time and memory of any command on any model: the generated
    /// enterprise of the benchmarks (200 sites, 20,000 host groups) decides 7 to 16 million hops in an analysis and
    /// 317 million in all of recommend with host firewalls.
    /// A network whose question needs more (a chain of thousands of sites, every pair of hosts across it) is refused
    /// with a message rather than left to run for hours.
    /// </summary>
    public const long HopLimit = 600_000_000;

    private readonly Dictionary<(string, string), RouteHop[]?> _routes = new();
    private readonly Dictionary<PortSet, PathDecision> _passes = new();
    private long _hops;

    public Scenario Scenario => scenario;

    /// <summary>The hops decided so far (a route's points and the two host firewalls), for the benchmarks.</summary>
    public long HopsDecided => _hops;

    public PathDecision Evaluate(Party source, Party destination, Transport transport, PortSet ports)
    {
        var route = Route(source.Place, destination.Place);
        if (route is null)
        {
            return new PathDecision(PortSet.Empty, ports, PortSet.Empty, [], true);
        }
        _hops += route.Length + 2;
        if (_hops > hopLimit)
        {
            throw new InputException(new SourceLocation(topology.SourceFile, 1, 1), Messages.Format("EngineTooManyHops", hopLimit));
        }
        var allowed = ports;
        var denied = PortSet.Empty;
        List<Blockage>? blockages = null;

        void Apply(string? name, Party? host, CompiledPolicy policy, TrafficDirection direction)
        {
            if (policy.IsOpen(direction)) return;
            var decision = policy.Decide(direction, source.Addresses, destination.Addresses, transport, ports);
            if (ReferenceEquals(decision.Allowed, ports) || decision.Allowed.Equals(ports)) return;
            allowed = allowed.Intersect(decision.Allowed);
            denied = denied.Union(decision.Denied);
            foreach (var hit in decision.DenyingRules)
            {
                var stopped = hit.Ports.Intersect(decision.Denied.Union(decision.Mixed));
                if (stopped.IsEmpty) continue;
                (blockages ??= []).Add(new Blockage(name ?? FilterPointId.HostKey(host!.Name), transport, stopped, hit.Rule.Label,
                    hit.Rule.Location?.ToString(), !stopped.IsSubsetOf(decision.Denied), hit.Rule.Origin) { Uncertain = hit.Uncertain });
            }
        }

        if (source.Host is not null) Apply(null, source, scenario.HostFirewall(source.Name), TrafficDirection.Out);
        foreach (var hop in route)
        {
            Apply(hop.Name, null, hop.Policy, hop.Direction);
        }
        if (destination.Host is not null) Apply(null, destination, scenario.HostFirewall(destination.Name), TrafficDirection.In);
        if (ReferenceEquals(allowed, ports)) return Passes(ports);
        var mixed = ports.Except(allowed).Except(denied);
        return new PathDecision(allowed, denied, mixed, blockages is null ? [] : [.. blockages], false);
    }

    /// <summary>The enforcement points a flow between two places crosses, in order; null when not connected.</summary>
    public IReadOnlyList<RouteHop>? RouteOf(string from, string to) => Route(from, to);

    /// <summary>What a flow from one party to the other crosses, in order: host firewalls (as <c>host:NAME</c>) and points.</summary>
    public ImmutableArray<string> Crossings(Party from, Party to)
    {
        var crossings = ImmutableArray.CreateBuilder<string>();
        if (from.Host is not null) crossings.Add(Scenario.HostKey(from.Name));
        foreach (var hop in Route(from.Place, to.Place) ?? []) crossings.Add(hop.Name);
        if (to.Host is not null) crossings.Add(Scenario.HostKey(to.Name));
        return crossings.ToImmutable();
    }

    /// <summary>The verdict "every port passes", built once per port set: it is by far the most common answer.</summary>
    private PathDecision Passes(PortSet ports)
    {
        if (!_passes.TryGetValue(ports, out var decision))
        {
            decision = new PathDecision(ports, PortSet.Empty, PortSet.Empty, [], false);
            _passes[ports] = decision;
        }
        return decision;
    }

    private RouteHop[]? Route(string from, string to)
    {
        if (_routes.TryGetValue((from, to), out var known)) return known;
        var crossings = topology.PathBetween(from, to);
        var route = crossings?.Select(c => new RouteHop(c.Link.Via, scenario.Point(c.Link.Via), c.Direction)).ToArray();
        _routes[(from, to)] = route;
        return route;
    }
}
