using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Policies;

/// <summary>
/// Decides whole host groups and port sets at once where the rules a flow meets are plain: allow or deny on protocol,
/// addresses and destination ports, with nothing that may match, no jump and one chain (or Windows' rules of one
/// direction and profile). Every rule the model writes is plain, and so are most access lists. A plain rule matches a
/// host group fully, partly or not at all, so one pass of set algebra over the rules answers what
/// <see cref="ImportedDecider"/> answers one flow per piece: a router whose rules name no address decides the
/// 20,000 host groups of a model in one step. Where a place is not plain, <see cref="PlaceOf"/> says so and the
/// piece-by-piece decider answers; both read the same rule set, and the tests hold both to one brute-force oracle.
/// </summary>
internal sealed class SetAlgebraDecider
{
    /// <summary>The plain rules a flow meets at one place and what happens when none decides.</summary>
    internal sealed record Place(PolicySemantics Semantics, ImportedRule[] Rules, RuleAction Default, string DefaultName)
    {
        public bool Open => Rules.Length == 0 && Default == RuleAction.Permit;
    }

    private readonly RuleSet _ruleSet;
    private readonly Place _place;
    private readonly TrafficDirection _direction;
    private readonly Dictionary<(Transport, PortSet), int[]> _candidates = new();

    private SetAlgebraDecider(RuleSet ruleSet, Place place, TrafficDirection direction)
    {
        _ruleSet = ruleSet;
        _place = place;
        _direction = direction;
    }

    /// <summary>The decider for one direction of a policy, or null when the rules met there are not plain.</summary>
    public static SetAlgebraDecider? For(ImportedPolicy policy, TrafficDirection direction) =>
        PlaceOf(policy.RuleSet, FlowContext.Of(policy, direction)) is { } place ? new SetAlgebraDecider(policy.RuleSet, place, direction) : null;

    public bool Open => _place.Open;

    /// <summary>The plain rules met in <paramref name="context"/>, or null when something there needs flows to decide.</summary>
    internal static Place? PlaceOf(RuleSet ruleSet, FlowContext context)
    {
        if (ruleSet.Semantics == PolicySemantics.WindowsFirewall)
        {
            var windows = RuleSetEvaluator.WindowsRulesInForce(ruleSet, context);
            if (windows.Off) return new Place(PolicySemantics.WindowsFirewall, [], RuleAction.Permit, windows.DefaultName);
            if (windows.BlocksAllInbound(context)) return null;
            var rules = windows.Rules.Select(x => x.Rule).Where(Live).ToArray();
            return rules.All(Plain) ? new Place(PolicySemantics.WindowsFirewall, rules, windows.Default, windows.DefaultName) : null;
        }
        var entries = RuleSetEvaluator.EntryChains(ruleSet, context);
        if (entries.Count == 0) return new Place(PolicySemantics.OrderedAcl, [], RuleAction.Permit, "no filtering at this point");
        if (entries.Count > 1) return null;
        var entry = entries[0];
        // Logging and counting rules never decide; a plain chain is the rest.
        var deciding = entry.Rules.Where(Live).Where(r => r.Verdict != RuleVerdict.Continue).ToArray();
        return deciding.All(Plain) ? new Place(PolicySemantics.OrderedAcl, deciding, RuleSetEvaluator.DefaultOf(entry), RuleSetEvaluator.DefaultName(entry)) : null;
    }

    // A disabled rule, or one for established traffic only, never decides a connection's first packet.
    private static bool Live(ImportedRule rule) => rule.Enabled && rule.NewConnections;

    private static bool Plain(ImportedRule rule) =>
        rule.Verdict is RuleVerdict.Permit or RuleVerdict.Deny && !rule.Uncertain && rule.SourcePorts.Equals(PortSet.All);

    /// <summary>
    /// A part of the asked host groups that every rule met so far matches fully or not at all, with what has
    /// happened to its ports: still undecided (ordered lists), allowed, denied, or mixed where the limit was reached.
    /// </summary>
    private sealed class Region(AddressSet source, AddressSet destination, PortSet remaining)
    {
        public AddressSet Source = source;
        public AddressSet Destination = destination;
        public PortSet Remaining = remaining;
        public PortSet Allowed = PortSet.Empty;
        public PortSet Denied = PortSet.Empty;
        public PortSet Mixed = PortSet.Empty;
        public List<RuleHit> Hits = [];

        public Region Split(AddressSet source, AddressSet destination) => new(source, destination, Remaining)
        {
            Allowed = Allowed, Denied = Denied, Mixed = Mixed, Hits = [.. Hits],
        };
    }

    public HopDecision Decide(AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        // A rule that matches only some members of a host group would make the answer a guess ("mixed" where an
        // earlier rule catches the same members, say). Instead the groups are split where a rule reaches part of
        // them: the part it matches and the rest go on as regions of their own, and the regions' answers combine
        // exactly. Rules naming other hosts split nothing, so a typical question stays one region.
        var regions = new List<Region> { new(source, destination, ports) };
        var firstMatch = _place.Semantics == PolicySemantics.OrderedAcl;
        foreach (var index in CandidatesFor(transport, ports))
        {
            var rule = _place.Rules[index];
            var count = regions.Count;
            for (var i = 0; i < count; i++)
            {
                var region = regions[i];
                // Ordered lists: only ports no earlier rule decided. Windows: a block beats an allow, so an allow
                // rule matters only for ports no block took; a block rule for every asked port.
                var reach = firstMatch ? region.Remaining
                    : rule.Verdict == RuleVerdict.Deny ? ports.Except(region.Denied) : ports.Except(region.Denied).Except(region.Allowed);
                if (!rule.DestinationPorts.Overlaps(reach)) continue;
                var from = AddressCoverage.Of(rule.Source, region.Source);
                if (from == Coverage.None) continue;
                var to = AddressCoverage.Of(rule.Destination, region.Destination);
                if (to == Coverage.None) continue;
                var matched = rule.DestinationPorts.Intersect(reach);
                if (from == Coverage.Partial || to == Coverage.Partial)
                {
                    if (regions.Count >= CompiledPolicy.RegionLimit)
                    {
                        Undecided(region, rule, matched, transport, firstMatch);
                        continue;
                    }
                    if (from == Coverage.Partial)
                    {
                        regions.Add(region.Split(region.Source.Except(rule.Source), region.Destination));
                        region.Source = region.Source.Intersect(rule.Source);
                    }
                    if (to == Coverage.Partial)
                    {
                        regions.Add(region.Split(region.Source, region.Destination.Except(rule.Destination)));
                        region.Destination = region.Destination.Intersect(rule.Destination);
                    }
                }
                Apply(region, rule, matched, transport, firstMatch);
            }
        }
        foreach (var region in regions) Finish(region, ports, transport, firstMatch);
        return regions.Count == 1
            ? new HopDecision(regions[0].Allowed, regions[0].Denied, regions[0].Mixed, [.. regions[0].Hits])
            : Combine(regions, ports);
    }

    private void Apply(Region region, ImportedRule rule, PortSet matched, Transport transport, bool firstMatch)
    {
        if (rule.Verdict == RuleVerdict.Permit)
        {
            region.Allowed = region.Allowed.Union(matched);
        }
        else
        {
            region.Denied = region.Denied.Union(matched);
            // Windows: a block takes ports an earlier allow rule had let through, and settles ports left mixed.
            if (!firstMatch)
            {
                region.Allowed = region.Allowed.Except(matched);
                region.Mixed = region.Mixed.Except(matched);
            }
            region.Hits.Add(Hit(rule, transport, matched));
        }
        if (firstMatch) region.Remaining = region.Remaining.Except(matched);
    }

    /// <summary>Past the region limit: the rule matches some members and not others, so those ports depend on the member.</summary>
    private void Undecided(Region region, ImportedRule rule, PortSet matched, Transport transport, bool firstMatch)
    {
        region.Mixed = region.Mixed.Union(matched);
        if (rule.Verdict == RuleVerdict.Deny) region.Hits.Add(Hit(rule, transport, matched));
        if (firstMatch) region.Remaining = region.Remaining.Except(matched);
        else region.Allowed = region.Allowed.Except(matched);
    }

    /// <summary>Ports no rule decided fall to the default; mixed ports are neither allowed nor denied.</summary>
    private void Finish(Region region, PortSet ports, Transport transport, bool firstMatch)
    {
        var byDefault = firstMatch ? region.Remaining : ports.Except(region.Denied).Except(region.Allowed).Except(region.Mixed);
        if (!byDefault.IsEmpty)
        {
            if (_place.Default == RuleAction.Permit)
            {
                region.Allowed = region.Allowed.Union(byDefault);
            }
            else
            {
                region.Denied = region.Denied.Union(byDefault);
                region.Hits.Add(DefaultHit(transport, byDefault));
            }
        }
        region.Allowed = region.Allowed.Except(region.Mixed);
        region.Denied = region.Denied.Except(region.Mixed);
    }

    /// <summary>Regions of one question together: a port passes when it passes in every region, is denied when denied in every region, else mixed.</summary>
    private static HopDecision Combine(List<Region> regions, PortSet ports)
    {
        var allowed = ports;
        var denied = ports;
        foreach (var region in regions)
        {
            allowed = allowed.Intersect(region.Allowed);
            denied = denied.Intersect(region.Denied);
        }
        var mixed = ports.Except(allowed).Except(denied);
        var stopped = denied.Union(mixed);
        // One hit per rule, with every port it stops in some region, in the order the rules were first met.
        var hits = new List<RuleHit>();
        var byRule = new Dictionary<(FirewallRule, bool), int>();
        foreach (var hit in regions.SelectMany(r => r.Hits))
        {
            var stops = hit.Ports.Intersect(stopped);
            if (stops.IsEmpty) continue;
            if (byRule.TryGetValue((hit.Rule, hit.IsDefault), out var at))
            {
                hits[at] = hits[at] with { Ports = hits[at].Ports.Union(stops) };
            }
            else
            {
                byRule[(hit.Rule, hit.IsDefault)] = hits.Count;
                hits.Add(hit with { Ports = stops });
            }
        }
        return new HopDecision(allowed, denied, mixed, [.. hits]);
    }

    private int[] CandidatesFor(Transport transport, PortSet ports)
    {
        if (_candidates.TryGetValue((transport, ports), out var known)) return known;
        var list = new List<int>();
        for (var i = 0; i < _place.Rules.Length; i++)
        {
            var rule = _place.Rules[i];
            if (rule.Protocols.Includes(transport) && rule.DestinationPorts.Overlaps(ports)) list.Add(i);
        }
        var result = list.ToArray();
        _candidates[(transport, ports)] = result;
        return result;
    }

    private RuleHit Hit(ImportedRule rule, Transport transport, PortSet ports) =>
        new(RuleHitNames.Rule(_ruleSet, rule, _direction, transport, ports), ports, false);

    private RuleHit DefaultHit(Transport transport, PortSet ports) =>
        new(RuleHitNames.Default(_ruleSet, _direction, transport, ports, _place.DefaultName), ports, true);
}
