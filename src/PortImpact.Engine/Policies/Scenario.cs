using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Model;

namespace PortImpact.Engine.Policies;

/// <summary>
/// The policies in force at every enforcement point and host firewall: the model's baseline, or the
/// baseline with a closure laid over it. A closure's deny rules come first at ACL points (so they win
/// over any existing permit) and are block rules on host firewalls (which win by Windows semantics).
/// </summary>
public sealed class Scenario
{
    private readonly Dictionary<string, CompiledPolicy> _points = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledPolicy> _hosts = new(StringComparer.Ordinal);

    public static Scenario Baseline(NetworkModel model, PolicyCompiler? compiler = null) => Build(model, null, null, compiler);

    /// <summary>
    /// Baseline, closure and then extra overlay rules (exceptions) per point or host, placed first. Scenarios
    /// built with the same <paramref name="compiler"/> share the compiled form, and so the remembered answers,
    /// of every policy the change leaves alone.
    /// </summary>
    public static Scenario Build(NetworkModel model, ResolvedClosure? closure, IReadOnlyDictionary<string, ImmutableArray<FirewallRule>>? overlay, PolicyCompiler? compiler = null)
    {
        var scenario = new Scenario();
        compiler ??= new PolicyCompiler();
        CompiledPolicy Compile(Policy policy) => compiler.Compile(policy);

        // Points that share a baseline and are closed alike share one policy object, hence one compiled form.
        var closedPoints = new Dictionary<Policy, Policy>(ReferenceEqualityComparer.Instance);
        foreach (var point in model.Points)
        {
            var policy = point.Baseline;
            if (closure is not null && closure.Points.Contains(point.Name))
            {
                if (!closedPoints.TryGetValue(policy, out var closed))
                {
                    closed = policy.WithRulesFirst([closure.RuleFor(closure.PointDirection)]);
                    closedPoints[policy] = closed;
                }
                policy = closed;
            }
            if (overlay is not null && overlay.TryGetValue(point.Name, out var extra))
            {
                policy = policy.WithRulesFirst(extra);
            }
            scenario._points[point.Name] = Compile(policy);
        }

        // Hosts that share a baseline and are all closed alike share one compiled policy, and so its answers.
        var closedPolicies = new Dictionary<Policy, Policy>(ReferenceEqualityComparer.Instance);
        foreach (var host in model.Hosts)
        {
            var policy = host.Firewall ?? Policy.OpenHostFirewall;
            if (closure is not null && closure.Hosts.Contains(host.Name))
            {
                if (!closedPolicies.TryGetValue(policy, out var closed))
                {
                    closed = policy.WithRulesFirst([closure.RuleFor(closure.HostDirection)]);
                    closedPolicies[policy] = closed;
                }
                policy = closed;
            }
            if (overlay is not null && overlay.TryGetValue(HostKey(host.Name), out var extra))
            {
                policy = policy.WithRulesFirst(extra);
            }
            scenario._hosts[host.Name] = Compile(policy);
        }
        return scenario;
    }

    public static string HostKey(string hostName) => $"host:{hostName}";

    public CompiledPolicy Point(string name) => _points[name];

    public CompiledPolicy HostFirewall(string hostName) => _hosts[hostName];
}

/// <summary>Compiles each distinct policy object once, however many points, hosts and scenarios use it.</summary>
public sealed class PolicyCompiler
{
    private readonly Dictionary<Policy, CompiledPolicy> _compiled = new(ReferenceEqualityComparer.Instance);

    public CompiledPolicy Compile(Policy policy)
    {
        if (!_compiled.TryGetValue(policy, out var result))
        {
            result = new CompiledPolicy(policy);
            _compiled[policy] = result;
        }
        return result;
    }
}

/// <summary>A closure with its placements turned into the concrete points and hosts it changes.</summary>
public sealed record ResolvedClosure(
    Closure Closure,
    ImmutableHashSet<string> Points,
    ImmutableHashSet<string> Hosts,
    TrafficDirection PointDirection,
    TrafficDirection HostDirection)
{
    public FirewallRule RuleFor(TrafficDirection direction) =>
        new(RuleAction.Deny, Closure.Ports, AddressSet.Any, AddressSet.Any, direction, $"proposed change: close {Closure.Ports}", null, RuleOrigin.ProposedChange);
}
