using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>
/// A policy written in the model (<c>policies:</c>) as a rule set, so that <see cref="RuleSetEvaluator"/> explains a
/// flow at a point or host without a rule file the way it explains one with a file: the deciding rule with the model
/// file's line. An access list (first match) becomes two access lists, <c>in</c> and <c>out</c>, each holding the
/// rules of that direction and ending in that direction's default; a Windows host firewall becomes one chain of
/// rules with their directions, and profiles whose defaults are the policy's. Each rule gives one rule per transport.
/// <para>
/// This is also how the engine decides a model policy (<see cref="Enforced"/>): rules written in the model and rules
/// read from a file are one rule model, decided by one evaluator (<see cref="Policies.CompiledPolicy"/>).
/// </para>
/// </summary>
public static class ModelPolicyRuleSet
{
    public const string Inbound = "in";
    public const string Outbound = "out";

    /// <summary>
    /// The policy as the engine enforces it: a file's rules as read, or the model's own rules as a rule set met the way
    /// a file's would be (an access list per direction on a router; the input and output of a host for Windows rules).
    /// </summary>
    /// <param name="modelFile">The model the policy was written in, when known; else the file its rules name.</param>
    public static ImportedPolicy Enforced(Policy policy, string? modelFile = null)
    {
        if (policy.Imported is { } imported) return imported;
        var file = modelFile ?? policy.Rules.Select(r => r.Location?.File).FirstOrDefault(f => f is not null) ?? "model";
        var ruleSet = Of(policy, file);
        return policy.Semantics == PolicySemantics.WindowsFirewall
            ? new ImportedPolicy(ruleSet, OnHost: true)
            : new ImportedPolicy(ruleSet, OnHost: false, Inbound) { AccessListOut = Outbound };
    }

    public static RuleSet Of(Policy policy, string modelFile)
    {
        var start = new SourceLocation(modelFile, 1, 1);
        if (policy.Semantics == PolicySemantics.WindowsFirewall)
        {
            var rules = policy.Rules.SelectMany(rule => DirectionsOf(rule).SelectMany(direction => Rules(rule, direction, modelFile)))
                .Select((rule, index) => rule with { Id = $"{index + 1}: {rule.Id}" }).ToImmutableArray();
            var profiles = FirewallProfile.All.Select(profile => new WindowsProfile(profile, true, policy.DefaultIn, policy.DefaultOut, null, null, start)).ToImmutableArray();
            return new RuleSet(RuleSetFormat.Model, modelFile, PolicySemantics.WindowsFirewall,
                [new RuleChain("model", null, ChainKind.WindowsRules, null, 0, null, rules, rules.IsEmpty ? start : rules[0].Location)], [], profiles, [])
            {
                WrittenFrom = policy,
            };
        }
        RuleChain Chain(string name, TrafficDirection direction)
        {
            var rules = policy.Rules.Where(r => r.AppliesTo(direction)).SelectMany(rule => Rules(rule, null, modelFile))
                .Select((rule, index) => rule with { Id = $"{name}:{index + 1} {rule.Id}" }).ToImmutableArray();
            var verdict = policy.DefaultFor(direction) == RuleAction.Permit ? RuleVerdict.Permit : RuleVerdict.Deny;
            return new RuleChain(name, null, ChainKind.AccessList, null, 0, verdict, rules, rules.IsEmpty ? start : rules[0].Location)
            {
                DefaultLabel = $"the model's default for {name}bound traffic ({(verdict == RuleVerdict.Deny ? "deny" : "permit")})",
            };
        }
        return new RuleSet(RuleSetFormat.Model, modelFile, PolicySemantics.OrderedAcl,
            [Chain(Inbound, TrafficDirection.In), Chain(Outbound, TrafficDirection.Out)], [], [], [])
        {
            WrittenFrom = policy,
        };
    }

    private static IEnumerable<TrafficDirection> DirectionsOf(FirewallRule rule) =>
        rule.Direction == TrafficDirection.Both ? [TrafficDirection.In, TrafficDirection.Out] : [rule.Direction];

    private static IEnumerable<ImportedRule> Rules(FirewallRule rule, TrafficDirection? direction, string modelFile)
    {
        foreach (var transport in TransportNames.All)
        {
            var ports = rule.Ports[transport];
            if (ports.IsEmpty) continue;
            var protocol = transport == Transport.Tcp ? ProtocolSet.Tcp : ProtocolSet.Udp;
            var verdict = rule.Action == RuleAction.Permit ? RuleVerdict.Permit : RuleVerdict.Deny;
            var text = $"{(rule.Action == RuleAction.Permit ? "permit" : "deny")} {transport.ToId()}/{ports} from {rule.Source} to {rule.Destination}"
                + (rule.Direction == TrafficDirection.Both ? "" : $" ({rule.Direction.ToString().ToLowerInvariant()})") + $": {rule.Label}";
            yield return new ImportedRule(rule.Label, rule.Location ?? new SourceLocation(modelFile, 1, 1), text, verdict, null, ProtocolSet.Of(protocol),
                rule.Source, rule.Destination, PortSet.All, ports, NewConnections: true, direction, Enabled: true,
                Profiles: direction is null ? [] : [.. FirewallProfile.All], Opaque: [])
            {
                WrittenFrom = rule,
            };
        }
    }
}
