using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;

namespace PortImpact.Engine.Policies;

/// <summary>
/// A policy prepared for many questions. Rules are pre-filtered by the ports asked. Addresses are sorted
/// into classes that no rule of this policy tells apart (they fall between the same rule boundaries), and
/// every answer is remembered per (direction, source class, destination class, transport, ports): a
/// router whose rules name no address answers all 20,000 host groups of a model with one evaluation.
/// One instance per analysis; not thread-safe.
/// <para>
/// A changed point is two layers (<see cref="Layered"/>): the change (exceptions, then the closure's deny,
/// then "pass on") ahead of the point's own policy, which still decides whatever the change lets pass.
/// That is how the change is carried out on real devices (an nftables base chain of its own, an iptables
/// user chain that RETURNs, Windows block rules whose remote addresses leave the exceptions out), and it
/// means an exception can never open what the point's own rules deny.
/// </para>
/// </summary>
public sealed class CompiledPolicy
{
    private readonly FirewallRule[] _rules;
    private readonly uint[] _boundaries;
    private readonly CompiledPolicy? _change;
    private readonly CompiledPolicy? _baseline;
    private readonly ImportedDecider? _imported;
    private readonly Dictionary<(Transport, PortSet), int[]> _candidates = new();
    private readonly Dictionary<(TrafficDirection, int, int, Transport, PortSet), HopDecision> _answers = new();
    private readonly Dictionary<AddressSet, int> _classOf = new();
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);

    public CompiledPolicy(Policy policy, ClientSourcePorts? clientPorts = null)
    {
        Policy = policy;
        _rules = [.. policy.Rules];
        var boundaries = new SortedSet<uint>();
        var ranges = policy.Imported is { } imported
            ? ImportedDecider.AddressRanges(imported)
            : _rules.SelectMany(rule => rule.Source.Ranges.Concat(rule.Destination.Ranges));
        foreach (var range in ranges)
        {
            if (range == AddressRange.All) continue;
            boundaries.Add(range.First);
            if (range.Last != uint.MaxValue) boundaries.Add(range.Last + 1);
        }
        _boundaries = [.. boundaries];
        if (policy.Imported is { } rules) _imported = new ImportedDecider(rules, _boundaries, clientPorts ?? ClientSourcePorts.Default);
    }

    private CompiledPolicy(CompiledPolicy change, CompiledPolicy baseline)
    {
        Policy = baseline.Policy;
        _change = change;
        _baseline = baseline;
        _rules = [];
        _boundaries = [.. change._boundaries.Union(baseline._boundaries).Order()];
    }

    /// <summary>
    /// <paramref name="change"/> evaluated first, then <paramref name="baseline"/> for the ports it lets
    /// through; a port passes only if both layers pass it. The baseline object, and so its remembered
    /// answers, is shared with the scenario before the change.
    /// </summary>
    public static CompiledPolicy Layered(CompiledPolicy change, CompiledPolicy baseline) => new(change, baseline);

    /// <summary>The point's own policy (for a layered policy, the layer under the change).</summary>
    public Policy Policy { get; }

    /// <summary>The change laid over the point's own policy, if any.</summary>
    public Policy? Change => _change?.Policy;

    /// <summary>True when some rule names addresses, so that different hosts may get different answers.</summary>
    public bool DistinguishesAddresses => _boundaries.Length > 0;

    /// <summary>True when nothing in this direction can be stopped: no rules and a permitting default.</summary>
    public bool IsOpen(TrafficDirection direction) => _change is not null
        ? _change.IsOpen(direction) && _baseline!.IsOpen(direction)
        : _imported is null && _rules.Length == 0 && Policy.DefaultFor(direction) == RuleAction.Permit;

    public HopDecision Decide(TrafficDirection direction, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        if (ports.IsEmpty || IsOpen(direction)) return HopDecision.AllowAll(ports);
        var key = (direction, ClassOf(source), ClassOf(destination), transport, ports);
        if (_answers.TryGetValue(key, out var known)) return known;
        if (_change is not null || _imported is not null)
        {
            var other = _imported?.Decide(direction, source, destination, transport, ports) ?? DecideLayers(direction, source, destination, transport, ports);
            _answers[key] = other;
            return other;
        }
        var candidates = CandidatesFor(transport, ports);
        var decision = Policy.Semantics == PolicySemantics.OrderedAcl
            ? FirstMatch(candidates, direction, source, destination, transport, ports)
            : BlockBeatsAllow(candidates, direction, source, destination, transport, ports);
        _answers[key] = decision;
        return decision;
    }

    private HopDecision DecideLayers(TrafficDirection direction, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        var first = _change!.Decide(direction, source, destination, transport, ports);
        var passing = first.Allowed.Union(first.Mixed);
        var second = _baseline!.Decide(direction, source, destination, transport, passing);
        if (first.Denied.IsEmpty && first.Mixed.IsEmpty) return second;
        var allowed = first.Allowed.Intersect(second.Allowed);
        var denied = first.Denied.Union(second.Denied);
        var mixed = ports.Except(allowed).Except(denied);
        return new HopDecision(allowed, denied, mixed, [.. first.DenyingRules, .. second.DenyingRules]);
    }

    /// <summary>
    /// Two address sets whose ranges start and end in the same gaps between this policy's rule boundaries
    /// are matched alike by every rule (fully, partly or not at all), so they share one class.
    /// </summary>
    public int ClassOf(AddressSet addresses)
    {
        if (_boundaries.Length == 0) return 0;
        if (_classOf.TryGetValue(addresses, out var known)) return known;
        var signature = new System.Text.StringBuilder();
        foreach (var range in addresses.Ranges)
        {
            signature.Append(Gap(range.First)).Append('-').Append(Gap(range.Last)).Append(';');
        }
        var text = signature.ToString();
        if (!_classes.TryGetValue(text, out var id))
        {
            id = _classes.Count + 1;
            _classes[text] = id;
        }
        _classOf[addresses] = id;
        return id;
    }

    private int Gap(uint address)
    {
        var index = Array.BinarySearch(_boundaries, address);
        return index >= 0 ? index + 1 : ~index;
    }

    private int[] CandidatesFor(Transport transport, PortSet ports)
    {
        if (_candidates.TryGetValue((transport, ports), out var known)) return known;
        var list = new List<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Ports[transport].Overlaps(ports)) list.Add(i);
        }
        var result = list.ToArray();
        _candidates[(transport, ports)] = result;
        return result;
    }

    private HopDecision FirstMatch(int[] candidates, TrafficDirection direction, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        var remaining = ports;
        var allowed = PortSet.Empty;
        var denied = PortSet.Empty;
        var hits = ImmutableArray.CreateBuilder<RuleHit>();
        List<(PortSet Ports, RuleAction Action, FirewallRule Rule)>? partial = null;
        foreach (var index in candidates)
        {
            var rule = _rules[index];
            if (!rule.AppliesTo(direction)) continue;
            // Cheap tests first: most candidate rules name other hosts, and building a port set costs more.
            var coverage = Combine(AddressCoverage.Of(rule.Source, source), AddressCoverage.Of(rule.Destination, destination));
            if (coverage == Coverage.None) continue;
            var rulePorts = rule.Ports[transport];
            if (!rulePorts.Overlaps(remaining)) continue;
            var matched = rulePorts.Intersect(remaining);
            if (coverage == Coverage.Partial)
            {
                (partial ??= []).Add((matched, rule.Action, rule));
                continue;
            }
            if (rule.Action == RuleAction.Permit)
            {
                allowed = allowed.Union(matched);
            }
            else
            {
                denied = denied.Union(matched);
                hits.Add(new RuleHit(rule, matched, false));
            }
            remaining = remaining.Except(matched);
            if (remaining.IsEmpty) break;
        }
        if (!remaining.IsEmpty)
        {
            if (Policy.DefaultFor(direction) == RuleAction.Permit)
            {
                allowed = allowed.Union(remaining);
            }
            else
            {
                denied = denied.Union(remaining);
                hits.Add(new RuleHit(DefaultRule(direction), remaining, true));
            }
        }
        var mixed = PortSet.Empty;
        if (partial is not null)
        {
            // A rule that matches only some members decides differently for them only where its action
            // differs from what the rest of the group gets.
            foreach (var (partPorts, action, rule) in partial)
            {
                var differing = partPorts.Intersect(action == RuleAction.Permit ? denied : allowed);
                if (differing.IsEmpty) continue;
                mixed = mixed.Union(differing);
                if (action == RuleAction.Deny) hits.Add(new RuleHit(rule, differing, false));
            }
            allowed = allowed.Except(mixed);
            denied = denied.Except(mixed);
        }
        return new HopDecision(allowed, denied, mixed, hits.ToImmutable());
    }

    private HopDecision BlockBeatsAllow(int[] candidates, TrafficDirection direction, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        PortSet blockFull = PortSet.Empty, blockPartial = PortSet.Empty, allowFull = PortSet.Empty, allowPartial = PortSet.Empty;
        var blockers = new List<RuleHit>();
        foreach (var index in candidates)
        {
            var rule = _rules[index];
            if (!rule.AppliesTo(direction)) continue;
            var coverage = Combine(AddressCoverage.Of(rule.Source, source), AddressCoverage.Of(rule.Destination, destination));
            if (coverage == Coverage.None) continue;
            var matched = rule.Ports[transport].Intersect(ports);
            var full = coverage == Coverage.Full;
            if (rule.Action == RuleAction.Deny)
            {
                if (full) blockFull = blockFull.Union(matched); else blockPartial = blockPartial.Union(matched);
                blockers.Add(new RuleHit(rule, matched, false));
            }
            else if (full)
            {
                allowFull = allowFull.Union(matched);
            }
            else
            {
                allowPartial = allowPartial.Union(matched);
            }
        }
        var defaultPermits = Policy.DefaultFor(direction) == RuleAction.Permit;
        // Ports no allow rule reaches fall to the default; those only partly reached are mixed under a deny default.
        var reachedByAllow = defaultPermits ? ports : allowFull;
        var partlyAllowed = defaultPermits ? PortSet.Empty : allowPartial.Except(allowFull);
        var denied = blockFull.Union(ports.Except(reachedByAllow).Except(partlyAllowed)).Intersect(ports);
        var mixed = blockPartial.Union(partlyAllowed).Intersect(ports).Except(denied);
        var allowed = ports.Except(denied).Except(mixed);
        var hits = blockers.Where(b => b.Ports.Overlaps(denied.Union(mixed))).ToList();
        var defaultDenied = ports.Except(reachedByAllow).Except(partlyAllowed).Except(blockFull);
        if (!defaultDenied.IsEmpty) hits.Add(new RuleHit(DefaultRule(direction), defaultDenied, true));
        return new HopDecision(allowed, denied, mixed, [.. hits]);
    }

    private static Coverage Combine(Coverage a, Coverage b) =>
        a == Coverage.None || b == Coverage.None ? Coverage.None
        : a == Coverage.Full && b == Coverage.Full ? Coverage.Full
        : Coverage.Partial;

    private static FirewallRule DefaultRule(TrafficDirection direction) =>
        new(RuleAction.Deny, PortSelection.Everything, AddressSet.Any, AddressSet.Any, direction,
            direction == TrafficDirection.Out ? "default outbound action" : "default inbound action", null,
            direction == TrafficDirection.Out ? RuleOrigin.DefaultOutbound : RuleOrigin.DefaultInbound);
}
