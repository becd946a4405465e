using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Model;

namespace PortImpact.Engine.Policies;

/// <summary>
/// The policies in force at every enforcement point and host firewall: the model's baseline, or the
/// baseline with a change laid over it. The change is a layer of its own ahead of the baseline (see
/// <see cref="CompiledPolicy.Layered"/>): overlay rules (exceptions) first, then the closure's deny, then
/// "pass on to the point's own rules". So a closure stops its ports whatever the baseline permits, on
/// routers and on Windows host firewalls alike, and an exception only exempts traffic from the change.
/// </summary>
public sealed class Scenario
{
    private readonly Dictionary<string, CompiledPolicy> _points = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledPolicy> _hosts = new(StringComparer.Ordinal);

    public static Scenario Baseline(NetworkModel model, PolicyCompiler? compiler = null) => Build(model, null, null, compiler);

    /// <summary>
    /// Baseline, with the closure and extra overlay rules per point or host (keyed by point name or
    /// <see cref="HostKey"/>) laid over it. Scenarios built with the same <paramref name="compiler"/> share
    /// the compiled form, and so the remembered answers, of every policy.
    /// </summary>
    public static Scenario Build(NetworkModel model, ResolvedClosure? closure, IReadOnlyDictionary<string, ImmutableArray<FirewallRule>>? overlay, PolicyCompiler? compiler = null)
    {
        var scenario = new Scenario();
        compiler ??= new PolicyCompiler();
        // One change layer object per distinct content, so that points and hosts changed alike share one
        // compiled form and its answers.
        var closureOnly = new Dictionary<TrafficDirection, Policy>();
        Policy? ChangeLayer(string key, bool closed, TrafficDirection direction)
        {
            var extra = overlay is not null && overlay.TryGetValue(key, out var rules) ? rules : [];
            if (!closed && extra.IsEmpty) return null;
            if (extra.IsEmpty)
            {
                if (!closureOnly.TryGetValue(direction, out var shared))
                {
                    shared = ChangePolicy([closure!.RuleFor(direction)]);
                    closureOnly[direction] = shared;
                }
                return shared;
            }
            return ChangePolicy(closed ? [.. extra, closure!.RuleFor(direction)] : extra);
        }

        foreach (var point in model.Points)
        {
            var closed = closure is not null && closure.Points.Contains(point.Name);
            var change = ChangeLayer(point.Name, closed, closure?.PointDirection ?? TrafficDirection.Both);
            scenario._points[point.Name] = compiler.Compile(point.Baseline, change);
        }
        foreach (var host in model.Hosts)
        {
            var closed = closure is not null && closure.Hosts.Contains(host.Name);
            var change = ChangeLayer(HostKey(host.Name), closed, closure?.HostDirection ?? TrafficDirection.In);
            scenario._hosts[host.Name] = compiler.Compile(host.Firewall ?? Policy.OpenHostFirewall, change);
        }
        return scenario;
    }

    /// <summary>A change layer: its rules in order, and whatever none of them matches passes on.</summary>
    private static Policy ChangePolicy(ImmutableArray<FirewallRule> rules) =>
        new(PolicySemantics.OrderedAcl, rules, RuleAction.Permit, RuleAction.Permit);

    public static string HostKey(string hostName) => $"host:{hostName}";

    public CompiledPolicy Point(string name) => _points[name];

    public CompiledPolicy HostFirewall(string hostName) => _hosts[hostName];
}

/// <summary>Compiles each distinct policy object (and each change over it) once, however many points, hosts and scenarios use it.</summary>
public sealed class PolicyCompiler
{
    private readonly Dictionary<Policy, CompiledPolicy> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(CompiledPolicy, CompiledPolicy), CompiledPolicy> _layered = new();

    public CompiledPolicy Compile(Policy policy)
    {
        if (!_compiled.TryGetValue(policy, out var result))
        {
            result = new CompiledPolicy(policy);
            _compiled[policy] = result;
        }
        return result;
    }

    /// <summary><paramref name="baseline"/> with <paramref name="change"/> ahead of it; the baseline alone when there is no change.</summary>
    public CompiledPolicy Compile(Policy baseline, Policy? change)
    {
        var under = Compile(baseline);
        if (change is null) return under;
        var over = Compile(change);
        if (!_layered.TryGetValue((over, under), out var result))
        {
            result = CompiledPolicy.Layered(over, under);
            _layered[(over, under)] = result;
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
