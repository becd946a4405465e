using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Policies;

/// <summary>
/// A policy prepared for many questions. Whether its rules were written in the model or read from a file, they are one
/// rule set (<see cref="ModelPolicyRuleSet.Enforced"/>) decided one way: by set algebra where the rules met are plain
/// (<see cref="SetAlgebraDecider"/>), else flow by flow through the rule set's own semantics (<see cref="ImportedDecider"/>).
/// Addresses are sorted into classes that no rule of this policy tells apart (they fall between the same rule
/// boundaries), and every answer is remembered per (direction, source class, destination class, transport, ports): a
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
    /// <summary>
    /// How many regions one question's host groups may be split into where rules reach part of them. Beyond it a rule
    /// that matches part of a region no longer splits it: the ports it touches there are reported mixed (depends on
    /// the member), a bounded answer rather than a runaway on rule sets built to split without end.
    /// </summary>
    public const int RegionLimit = 1 << 14;

    private readonly uint[] _boundaries;
    private readonly CompiledPolicy? _change;
    private readonly CompiledPolicy? _baseline;
    private readonly ImportedDecider? _pieces;
    private readonly SetAlgebraDecider? _inbound;
    private readonly SetAlgebraDecider? _outbound;
    private readonly Dictionary<(TrafficDirection, int, int, Transport, PortSet), HopDecision> _answers = new();
    private readonly Dictionary<AddressSet, int> _classOf = new();
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);

    public CompiledPolicy(Policy policy, ClientSourcePorts? clientPorts = null)
    {
        Policy = policy;
        var enforced = ModelPolicyRuleSet.Enforced(policy);
        var boundaries = new SortedSet<uint>();
        foreach (var range in ImportedDecider.AddressRanges(enforced))
        {
            if (range == AddressRange.All) continue;
            boundaries.Add(range.First);
            if (range.Last != uint.MaxValue) boundaries.Add(range.Last + 1);
        }
        _boundaries = [.. boundaries];
        _inbound = SetAlgebraDecider.For(enforced, TrafficDirection.In);
        _outbound = SetAlgebraDecider.For(enforced, TrafficDirection.Out);
        if (_inbound is null || _outbound is null) _pieces = new ImportedDecider(enforced, _boundaries, clientPorts ?? ClientSourcePorts.Default);
    }

    private CompiledPolicy(CompiledPolicy change, CompiledPolicy baseline)
    {
        Policy = baseline.Policy;
        _change = change;
        _baseline = baseline;
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

    /// <summary>True when nothing in this direction can be stopped: no rule met there and a permitting default.</summary>
    public bool IsOpen(TrafficDirection direction) => _change is not null
        ? _change.IsOpen(direction) && _baseline!.IsOpen(direction)
        : (direction == TrafficDirection.Out ? _outbound : _inbound)?.Open == true;

    public HopDecision Decide(TrafficDirection direction, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        if (ports.IsEmpty || IsOpen(direction)) return HopDecision.AllowAll(ports);
        var key = (direction, ClassOf(source), ClassOf(destination), transport, ports);
        if (_answers.TryGetValue(key, out var known)) return known;
        var decision = _change is not null ? DecideLayers(direction, source, destination, transport, ports)
            : (direction == TrafficDirection.Out ? _outbound : _inbound) is { } plain ? plain.Decide(source, destination, transport, ports)
            : _pieces!.Decide(direction, source, destination, transport, ports);
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
}
