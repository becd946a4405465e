using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Paths;

/// <summary>A rule at a named place on the path that stops some ports of a flow.</summary>
public sealed record Blockage(string At, Transport Transport, PortSet Ports, string Rule, string? RuleLocation, bool Partial);

/// <summary>The verdict for a flow's ports over its whole path.</summary>
public sealed record PathDecision(PortSet Allowed, PortSet Denied, PortSet Mixed, ImmutableArray<Blockage> Blockages, bool Unreachable);

/// <summary>
/// Evaluates flows hop by hop: source host firewall (out), each enforcement point on the shortest path
/// (in or out per link), destination host firewall (in). A port passes only if every hop allows it.
/// </summary>
public sealed class PathEvaluator(Topology topology, Scenario scenario)
{
    public Scenario Scenario => scenario;

    public PathDecision Evaluate(Party source, Party destination, Transport transport, PortSet ports)
    {
        var crossings = topology.PathBetween(source.Place, destination.Place);
        if (crossings is null)
        {
            return new PathDecision(PortSet.Empty, ports, PortSet.Empty, [], true);
        }
        var allowed = ports;
        var denied = PortSet.Empty;
        var blockages = ImmutableArray.CreateBuilder<Blockage>();

        void Apply(string at, CompiledPolicy policy, TrafficDirection direction)
        {
            var decision = policy.Decide(direction, source.Addresses, destination.Addresses, transport, ports);
            allowed = allowed.Intersect(decision.Allowed);
            denied = denied.Union(decision.Denied);
            foreach (var hit in decision.DenyingRules)
            {
                var stopped = hit.Ports.Intersect(decision.Denied.Union(decision.Mixed));
                if (stopped.IsEmpty) continue;
                blockages.Add(new Blockage(at, transport, stopped, hit.Rule.Label, hit.Rule.Location?.ToString(), !stopped.IsSubsetOf(decision.Denied)));
            }
        }

        if (source.Host is not null) Apply($"host:{source.Name}", scenario.HostFirewall(source.Name), TrafficDirection.Out);
        foreach (var crossing in crossings.Value)
        {
            Apply(crossing.Link.Via, scenario.Point(crossing.Link.Via), crossing.Direction);
        }
        if (destination.Host is not null) Apply($"host:{destination.Name}", scenario.HostFirewall(destination.Name), TrafficDirection.In);
        var mixed = ports.Except(allowed).Except(denied);
        return new PathDecision(allowed, denied, mixed, blockages.ToImmutable(), false);
    }
}
