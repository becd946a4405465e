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
    private readonly Dictionary<string, CompiledPolicy> _points;
    private readonly Dictionary<string, CompiledPolicy> _hosts;
    private readonly Dictionary<string, Policy> _baselines;
    private readonly ResolvedClosure? _closure;
    private readonly PolicyCompiler _compiler;
    // One point or host whose change differs from the shared tables (see WithOverlayAt).
    private readonly string? _overrideKey;
    private readonly CompiledPolicy? _override;

    private Scenario(ResolvedClosure? closure, PolicyCompiler compiler)
    {
        _points = new(StringComparer.Ordinal);
        _hosts = new(StringComparer.Ordinal);
        _baselines = new(StringComparer.Ordinal);
        _closure = closure;
        _compiler = compiler;
    }

    private Scenario(Scenario shared, string key, CompiledPolicy policy)
    {
        _points = shared._points;
        _hosts = shared._hosts;
        _baselines = shared._baselines;
        _closure = shared._closure;
        _compiler = shared._compiler;
        _overrideKey = key;
        _override = policy;
    }

    public static Scenario Baseline(NetworkModel model, PolicyCompiler? compiler = null) => Build(model, null, null, compiler);

    /// <summary>
    /// Baseline, with the closure and extra overlay rules per point or host (keyed by point name or
    /// <see cref="HostKey"/>) laid over it. Scenarios built with the same <paramref name="compiler"/> share
    /// the compiled form, and so the remembered answers, of every policy.
    /// </summary>
    public static Scenario Build(NetworkModel model, ResolvedClosure? closure, PolicyOverlay? overlay, PolicyCompiler? compiler = null)
    {
        compiler ??= new PolicyCompiler(model.ClientSourcePorts);
        var scenario = new Scenario(closure, compiler);
        // One change layer object per distinct content, so that points and hosts changed alike share one
        // compiled form and its answers.
        var closureOnly = new Dictionary<TrafficDirection, Policy>();
        var layers = new Dictionary<RuleContent, Policy>();
        Policy? ChangeLayer(string key, bool closed, TrafficDirection direction)
        {
            var extra = overlay?.RulesAt(FilterPointId.Parse(key)) ?? [];
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
            ImmutableArray<FirewallRule> layerRules = closed ? [.. extra, closure!.RuleFor(direction)] : extra;
            var content = new RuleContent(layerRules);
            if (!layers.TryGetValue(content, out var layer))
            {
                layer = ChangePolicy(layerRules);
                layers[content] = layer;
            }
            return layer;
        }

        foreach (var point in model.Points)
        {
            var closed = closure is not null && closure.Points.Contains(point.Name);
            var change = ChangeLayer(point.Name, closed, closure?.PointDirection ?? TrafficDirection.Both);
            scenario._points[point.Name] = compiler.Compile(point.Baseline, change);
            scenario._baselines[point.Name] = point.Baseline;
        }
        foreach (var host in model.Hosts)
        {
            var closed = closure is not null && closure.Hosts.Contains(host.Name);
            var change = ChangeLayer(HostKey(host.Name), closed, closure?.HostDirection ?? TrafficDirection.In);
            var baseline = host.Firewall ?? Policy.OpenHostFirewall;
            scenario._hosts[host.Name] = compiler.Compile(baseline, change);
            scenario._baselines[HostKey(host.Name)] = baseline;
        }
        return scenario;
    }

    /// <summary>Rules compared by what they say (every field, labels included), so that equal layers are one object.</summary>
    private readonly record struct RuleContent(ImmutableArray<FirewallRule> Rules)
    {
        public bool Equals(RuleContent other) => Rules.AsSpan().SequenceEqual(other.Rules.AsSpan());

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var rule in Rules) hash.Add(rule);
            return hash.ToHashCode();
        }
    }

    /// <summary>A change layer: its rules in order, and whatever none of them matches passes on.</summary>
    private static Policy ChangePolicy(ImmutableArray<FirewallRule> rules) =>
        new(PolicySemantics.OrderedAcl, rules, RuleAction.Permit, RuleAction.Permit);

    public static string HostKey(string hostName) => FilterPointId.HostKey(hostName);

    /// <summary>
    /// This scenario with the overlay at one point or host (<see cref="HostKey"/>) replaced by
    /// <paramref name="rules"/>: the recommender asks "is this exception needed?" thousands of times, and
    /// this shares every other compiled policy instead of building the whole scenario again.
    /// </summary>
    public Scenario WithOverlayAt(string key, ImmutableArray<FirewallRule> rules)
    {
        if (_overrideKey is not null) throw new InvalidOperationException("a scenario overrides one point at most");
        var id = FilterPointId.Parse(key);
        var isHost = id.IsHost;
        var closed = _closure is not null && (isHost ? _closure.Hosts.Contains(id.Name) : _closure.Points.Contains(key));
        var direction = isHost ? _closure?.HostDirection ?? TrafficDirection.In : _closure?.PointDirection ?? TrafficDirection.Both;
        var change = closed ? [.. rules, _closure!.RuleFor(direction)] : rules;
        var policy = _compiler.Compile(_baselines[key], change.IsEmpty ? null : ChangePolicy(change));
        return new Scenario(this, key, policy);
    }

    public CompiledPolicy Point(string name) => _overrideKey == name ? _override! : _points[name];

    public CompiledPolicy HostFirewall(string hostName) =>
        _overrideKey is not null && FilterPointId.Parse(_overrideKey) is { IsHost: true } overridden && overridden.Name == hostName ? _override! : _hosts[hostName];
}

/// <summary>Compiles each distinct policy object (and each change over it) once, however many points, hosts and scenarios use it.</summary>
/// <param name="clientPorts">Where clients' connections come from, for rule files that test source ports; Windows' dynamic range when null.</param>
public sealed class PolicyCompiler(ClientSourcePorts? clientPorts = null)
{
    private readonly Dictionary<Policy, CompiledPolicy> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(CompiledPolicy, CompiledPolicy), CompiledPolicy> _layered = new();

    public CompiledPolicy Compile(Policy policy)
    {
        if (!_compiled.TryGetValue(policy, out var result))
        {
            result = new CompiledPolicy(policy, clientPorts);
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
