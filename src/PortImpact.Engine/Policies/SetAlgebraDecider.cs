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
        PlaceOf(policy.RuleSet, ImportedDecider.ContextOf(policy, direction)) is { } place ? new SetAlgebraDecider(policy.RuleSet, place, direction) : null;

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

    public HopDecision Decide(AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        var candidates = CandidatesFor(transport, ports);
        // A rule that matches only some members of a host group would make the answer a guess ("mixed" where an
        // earlier rule catches the same members, say). The groups are cut where those rules' ranges begin and end;
        // then every rule matches each piece fully or not at all, and the pieces' answers combine exactly. Only rules
        // that reach both sides matter: one naming other hosts on either side cuts nothing and decides nothing.
        List<int>? relevant = null;
        List<uint>? sourceCuts = null, destinationCuts = null;
        foreach (var index in candidates)
        {
            var rule = _place.Rules[index];
            var from = AddressCoverage.Of(rule.Source, source);
            if (from == Coverage.None) continue;
            var to = AddressCoverage.Of(rule.Destination, destination);
            if (to == Coverage.None) continue;
            (relevant ??= []).Add(index);
            if (from == Coverage.Partial) AddCuts(sourceCuts ??= [], rule.Source);
            if (to == Coverage.Partial) AddCuts(destinationCuts ??= [], rule.Destination);
        }
        var meeting = relevant is null ? [] : relevant.ToArray();
        if (sourceCuts is null && destinationCuts is null) return DecidePiece(meeting, source, destination, transport, ports);
        var decisions = new List<HopDecision>();
        var destinationPieces = Pieces(destination, destinationCuts);
        foreach (var from in Pieces(source, sourceCuts))
        {
            foreach (var to in destinationPieces)
            {
                decisions.Add(DecidePiece(meeting, from, to, transport, ports));
            }
        }
        return Combine(decisions, ports);
    }

    private HopDecision DecidePiece(int[] candidates, AddressSet source, AddressSet destination, Transport transport, PortSet ports) =>
        _place.Semantics == PolicySemantics.OrderedAcl
            ? FirstMatch(candidates, source, destination, transport, ports)
            : BlockBeatsAllow(candidates, source, destination, transport, ports);

    private static void AddCuts(List<uint> cuts, AddressSet rule)
    {
        foreach (var range in rule.Ranges)
        {
            cuts.Add(range.First);
            if (range.Last != uint.MaxValue) cuts.Add(range.Last + 1);
        }
    }

    /// <summary>
    /// The members of <paramref name="group"/> between consecutive cuts, each piece as one set, in one walk over the
    /// group's ranges and the sorted cuts (an attacker "anywhere on the Internet" is hundreds of ranges).
    /// </summary>
    private static List<AddressSet> Pieces(AddressSet group, List<uint>? cuts)
    {
        if (cuts is null) return [group];
        cuts.Sort();
        var pieces = new List<AddressSet>();
        var current = new List<AddressRange>();
        var next = 0;
        void Close()
        {
            if (current.Count > 0) pieces.Add(AddressSet.From(current));
            current = [];
        }
        foreach (var range in group.Ranges)
        {
            // Cuts at or before this range's start that were not passed yet end the piece built so far.
            while (next < cuts.Count && cuts[next] <= range.First)
            {
                Close();
                next++;
            }
            var start = range.First;
            while (next < cuts.Count && cuts[next] <= range.Last)
            {
                current.Add(new AddressRange(start, cuts[next] - 1));
                Close();
                start = cuts[next];
                // Equal cuts (two rules starting at one address) cut once.
                while (next < cuts.Count && cuts[next] <= start) next++;
            }
            current.Add(new AddressRange(start, range.Last));
        }
        Close();
        return pieces;
    }

    /// <summary>Pieces of one group together: a port passes when it passes for every piece, is denied when denied for every piece, else mixed.</summary>
    private static HopDecision Combine(List<HopDecision> decisions, PortSet ports)
    {
        var allowed = ports;
        var denied = ports;
        foreach (var decision in decisions)
        {
            allowed = allowed.Intersect(decision.Allowed);
            denied = denied.Intersect(decision.Denied);
        }
        var mixed = ports.Except(allowed).Except(denied);
        var stopped = denied.Union(mixed);
        // One hit per rule, with every port it stops in some piece, in the order the rules were first met.
        var hits = new List<RuleHit>();
        var byRule = new Dictionary<(FirewallRule, bool), int>();
        foreach (var hit in decisions.SelectMany(d => d.DenyingRules))
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

    private HopDecision FirstMatch(int[] candidates, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        var remaining = ports;
        var allowed = PortSet.Empty;
        var denied = PortSet.Empty;
        var hits = ImmutableArray.CreateBuilder<RuleHit>();
        foreach (var index in candidates)
        {
            var rule = _place.Rules[index];
            // Cheap tests first: most candidate rules name other hosts, and building a port set costs more.
            if (!Covers(rule, source, destination)) continue;
            var rulePorts = rule.DestinationPorts;
            if (!rulePorts.Overlaps(remaining)) continue;
            var matched = rulePorts.Intersect(remaining);
            if (rule.Verdict == RuleVerdict.Permit)
            {
                allowed = allowed.Union(matched);
            }
            else
            {
                denied = denied.Union(matched);
                hits.Add(Hit(rule, transport, matched));
            }
            remaining = remaining.Except(matched);
            if (remaining.IsEmpty) break;
        }
        if (!remaining.IsEmpty)
        {
            if (_place.Default == RuleAction.Permit)
            {
                allowed = allowed.Union(remaining);
            }
            else
            {
                denied = denied.Union(remaining);
                hits.Add(DefaultHit(transport, remaining));
            }
        }
        return new HopDecision(allowed, denied, PortSet.Empty, hits.ToImmutable());
    }

    private HopDecision BlockBeatsAllow(int[] candidates, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        PortSet blocked = PortSet.Empty, allowedByRule = PortSet.Empty;
        var blockers = new List<RuleHit>();
        foreach (var index in candidates)
        {
            var rule = _place.Rules[index];
            if (!Covers(rule, source, destination)) continue;
            var matched = rule.DestinationPorts.Intersect(ports);
            if (rule.Verdict == RuleVerdict.Deny)
            {
                blocked = blocked.Union(matched);
                blockers.Add(Hit(rule, transport, matched));
            }
            else
            {
                allowedByRule = allowedByRule.Union(matched);
            }
        }
        // A block rule beats any allow rule; ports no rule reaches fall to the default.
        var byDefault = ports.Except(blocked).Except(allowedByRule);
        var denied = _place.Default == RuleAction.Permit ? blocked : blocked.Union(byDefault);
        var hits = blockers;
        if (_place.Default == RuleAction.Deny && !byDefault.IsEmpty) hits.Add(DefaultHit(transport, byDefault));
        return new HopDecision(ports.Except(denied), denied, PortSet.Empty, [.. hits]);
    }

    /// <summary>Whether the rule matches every member of both groups; after the cuts it matches all of a piece or none.</summary>
    private static bool Covers(ImportedRule rule, AddressSet source, AddressSet destination) =>
        AddressCoverage.Of(rule.Source, source) == Coverage.Full && AddressCoverage.Of(rule.Destination, destination) == Coverage.Full;
}
