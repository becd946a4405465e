using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.Tests.Policies;

/// <summary>
/// A deliberately naive evaluator written only for tests, from the rules' definitions and nothing of the engine: one
/// concrete packet at a time, every chain walked rule by rule, every rule that may match tried both ways (for Windows,
/// every subset of them). It answers which outcomes are possible for the packet; the engine's set answers must agree
/// with it packet for packet.
/// </summary>
internal static class BruteForceOracle
{
    public sealed record Packet(int Protocol, uint Source, int SourcePort, uint Destination, int DestinationPort);

    private enum Matches { No, Maybe, Yes }

    private static Matches Match(ImportedRule rule, Packet packet)
    {
        if (!rule.Enabled || !rule.NewConnections) return Matches.No;
        if (!rule.Protocols.IsAny && !rule.Protocols.Numbers.Contains(packet.Protocol)) return Matches.No;
        if (!rule.Source.Ranges.Any(r => r.First <= packet.Source && packet.Source <= r.Last)) return Matches.No;
        if (!rule.Destination.Ranges.Any(r => r.First <= packet.Destination && packet.Destination <= r.Last)) return Matches.No;
        if (!rule.SourcePorts.Ranges.Any(r => r.First <= packet.SourcePort && packet.SourcePort <= r.Last)) return Matches.No;
        if (!rule.DestinationPorts.Ranges.Any(r => r.First <= packet.DestinationPort && packet.DestinationPort <= r.Last)) return Matches.No;
        return rule.Opaque.IsEmpty ? Matches.Yes : Matches.Maybe;
    }

    /// <summary>The outcomes possible for a packet entering <paramref name="entry"/> (jumps, gotos and returns followed).</summary>
    public static HashSet<RuleAction> Ordered(RuleSet ruleSet, RuleChain entry, Packet packet)
    {
        var outcomes = new HashSet<RuleAction>();
        // A walk: the chains to come back to (chain, next rule), innermost last, and how deep it went.
        void Walk(ImmutableList<(RuleChain Chain, int Next)> stack, int depth)
        {
            if (depth > 200) throw new InvalidOperationException("the generated rule set loops");
            var (chain, next) = stack[^1];
            for (var i = next; i < chain.Rules.Length; i++)
            {
                var rule = chain.Rules[i];
                var match = Match(rule, packet);
                if (match == Matches.No) continue;
                if (match == Matches.Maybe)
                {
                    // The rule not matching: go on with the next one, separately.
                    Walk(stack.SetItem(stack.Count - 1, (chain, i + 1)), depth + 1);
                }
                switch (rule.Verdict)
                {
                    case RuleVerdict.Permit or RuleVerdict.Bypass: outcomes.Add(RuleAction.Permit); return;
                    case RuleVerdict.Deny: outcomes.Add(RuleAction.Deny); return;
                    case RuleVerdict.Continue: continue;
                    case RuleVerdict.Return:
                        if (stack.Count == 1) { outcomes.Add(Default(entry)); return; }
                        Walk(stack.RemoveAt(stack.Count - 1), depth + 1);
                        return;
                    case RuleVerdict.Jump:
                        Walk(stack.SetItem(stack.Count - 1, (chain, i + 1)).Add((ruleSet.FindChain(rule.Target!)!, 0)), depth + 1);
                        return;
                    case RuleVerdict.Goto:
                        Walk(stack.RemoveAt(stack.Count - 1).Add((ruleSet.FindChain(rule.Target!)!, 0)), depth + 1);
                        return;
                    default: throw new InvalidOperationException($"the oracle does not know {rule.Verdict}");
                }
            }
            // Off the end: a user chain returns to its caller; the entry chain's policy decides.
            if (stack.Count == 1 || chain.Kind != ChainKind.User) { outcomes.Add(Default(entry)); return; }
            Walk(stack.RemoveAt(stack.Count - 1), depth + 1);
        }
        Walk([(entry, 0)], 0);
        return outcomes;
    }

    private static RuleAction Default(RuleChain entry) => entry.Policy == RuleVerdict.Deny ? RuleAction.Deny : RuleAction.Permit;

    /// <summary>
    /// The outcomes possible for a packet at a Windows firewall in one direction and profile: a bypass rule beats a
    /// block rule, which beats "block all inbound", which beats an allow rule, which beats the profile's default.
    /// </summary>
    public static HashSet<RuleAction> Windows(RuleSet ruleSet, Packet packet, TrafficDirection direction, FirewallProfile profileName)
    {
        var profile = ruleSet.Profiles.FirstOrDefault(p => p.Profile == profileName);
        if (profile?.Enabled == false) return [RuleAction.Permit];
        var gpoOnly = profile?.AllowLocalPolicyMerge == false && ruleSet.Chains.Any(c => c.Name == "gpo");
        var candidates = ruleSet.Chains.Where(c => !(gpoOnly && c.Name == "local")).SelectMany(c => c.Rules)
            .Where(r => r.Direction == direction && (r.Profiles.IsEmpty || r.Profiles.Contains(profileName)))
            .Select(r => (Rule: r, Match: Match(r, packet))).Where(x => x.Match != Matches.No).ToList();
        var certain = candidates.Where(x => x.Match == Matches.Yes).Select(x => x.Rule).ToList();
        var maybe = candidates.Where(x => x.Match == Matches.Maybe).Select(x => x.Rule).ToList();
        if (maybe.Count > 10) throw new InvalidOperationException("too many uncertain rules for the oracle");
        var outcomes = new HashSet<RuleAction>();
        for (var subset = 0; subset < 1 << maybe.Count; subset++)
        {
            var applying = certain.Concat(maybe.Where((_, i) => (subset & (1 << i)) != 0)).ToList();
            var inbound = direction == TrafficDirection.In;
            outcomes.Add(
                applying.Any(r => r.Verdict == RuleVerdict.Bypass) ? RuleAction.Permit
                : applying.Any(r => r.Verdict == RuleVerdict.Deny) ? RuleAction.Deny
                : inbound && profile?.BlockAllInbound == true ? RuleAction.Deny
                : applying.Any(r => r.Verdict == RuleVerdict.Permit) ? RuleAction.Permit
                : inbound ? profile?.DefaultInbound ?? RuleAction.Deny : profile?.DefaultOutbound ?? RuleAction.Permit);
        }
        return outcomes;
    }

    /// <summary>A model policy's answer for one packet, from the model's words: first match for an access list, block beats allow for Windows.</summary>
    public static RuleAction Model(Policy policy, Packet packet, TrafficDirection direction)
    {
        bool Matches(FirewallRule rule)
        {
            var ports = packet.Protocol == ProtocolSet.Tcp ? rule.Ports.Tcp : rule.Ports.Udp;
            return rule.AppliesTo(direction)
                && rule.Source.Ranges.Any(r => r.First <= packet.Source && packet.Source <= r.Last)
                && rule.Destination.Ranges.Any(r => r.First <= packet.Destination && packet.Destination <= r.Last)
                && ports.Ranges.Any(r => r.First <= packet.DestinationPort && packet.DestinationPort <= r.Last);
        }
        if (policy.Semantics == PolicySemantics.OrderedAcl)
        {
            var first = policy.Rules.FirstOrDefault(Matches);
            return first?.Action ?? policy.DefaultFor(direction);
        }
        var matching = policy.Rules.Where(Matches).ToList();
        return matching.Any(r => r.Action == RuleAction.Deny) ? RuleAction.Deny
            : matching.Any(r => r.Action == RuleAction.Permit) ? RuleAction.Permit
            : policy.DefaultFor(direction);
    }
}
