using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Tests.RuleSets;

/// <summary>Shadowed, conflicting and redundant rules found by set arithmetic, and nothing claimed where a rule may not match.</summary>
public sealed class RuleSetLinterTests
{
    private static int _line;

    private static ImportedRule Rule(RuleVerdict verdict, PortSet? ports = null, string? source = null, string? opaque = null, TrafficDirection? direction = null) =>
        ImportedRule.Everything($"r{++_line}", new SourceLocation("rules.txt", _line, 1), $"line {_line}", verdict) with
        {
            Protocols = ProtocolSet.Of(ProtocolSet.Tcp),
            DestinationPorts = ports ?? PortSet.All,
            Source = source is null ? AddressSet.Any : AddressSet.Of(AddressRange.Parse(source)),
            Opaque = opaque is null ? [] : [new OpaqueCondition(opaque, opaque)],
            Direction = direction,
        };

    private static RuleSet Acl(RuleVerdict policy, params ImportedRule[] rules) =>
        new(RuleSetFormat.Iptables, "rules.txt", PolicySemantics.OrderedAcl,
            [new RuleChain("FORWARD", "filter", ChainKind.Base, "forward", 0, policy, [.. rules], new SourceLocation("rules.txt", 1, 1))], [], [], []);

    private static RuleSet Windows(params ImportedRule[] rules) =>
        new(RuleSetFormat.WindowsRegistry, "rules.txt", PolicySemantics.WindowsFirewall,
            [new RuleChain("local", null, ChainKind.WindowsRules, null, 0, null, [.. rules], new SourceLocation("rules.txt", 1, 1))], [], [], []);

    [Fact]
    public void A_rule_hidden_by_an_earlier_rule_of_the_same_action_is_shadowed()
    {
        var all445 = Rule(RuleVerdict.Deny, PortSet.Of(445));
        var some445 = Rule(RuleVerdict.Deny, PortSet.Of(445), "10.0.0.0/8");
        var finding = Assert.Single(RuleSetLinter.Lint(Acl(RuleVerdict.Permit, all445, some445)), f => f.Rule == some445);
        Assert.Equal("shadowed", finding.Kind);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal([all445.Id], finding.Because.Select(r => r.Id));
    }

    [Fact]
    public void A_permit_hidden_by_an_earlier_deny_is_a_conflict()
    {
        var denyTcp = Rule(RuleVerdict.Deny);
        var permitSmb = Rule(RuleVerdict.Permit, PortSet.Of(445), "10.2.0.0/16");
        var finding = Assert.Single(RuleSetLinter.Lint(Acl(RuleVerdict.Permit, denyTcp, permitSmb)));
        Assert.Equal("conflict", finding.Kind);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Same(permitSmb, finding.Rule);
    }

    [Fact]
    public void Several_earlier_rules_together_can_hide_one()
    {
        var low = Rule(RuleVerdict.Permit, PortSet.Range(1, 100));
        var high = Rule(RuleVerdict.Permit, PortSet.Range(101, 200));
        var middle = Rule(RuleVerdict.Permit, PortSet.Range(50, 150));
        var finding = Assert.Single(RuleSetLinter.Lint(Acl(RuleVerdict.Deny, low, high, middle)), f => f.Rule == middle);
        Assert.Equal("shadowed", finding.Kind);
        Assert.Equal([low.Id, high.Id], finding.Because.Select(r => r.Id));
        // One alone does not hide it.
        Assert.DoesNotContain(RuleSetLinter.Lint(Acl(RuleVerdict.Deny, low, middle)), f => f.Rule == middle);
    }

    [Fact]
    public void A_rule_whose_traffic_the_later_rules_or_policy_decide_the_same_way_is_redundant()
    {
        // A final catch-all matching the chain's policy is deliberate (REJECT rather than DROP, logging): not reported.
        Assert.Empty(RuleSetLinter.Lint(Acl(RuleVerdict.Permit, Rule(RuleVerdict.Permit, PortSet.Of(445), "10.1.0.0/16"))));

        var deny445 = Rule(RuleVerdict.Deny, PortSet.Of(445));
        var denyAll = Rule(RuleVerdict.Deny);
        var redundant = Assert.Single(RuleSetLinter.Lint(Acl(RuleVerdict.Permit, deny445, denyAll)), f => f.Rule == deny445);
        Assert.Equal([denyAll.Id], redundant.Because.Select(r => r.Id));

        // A later rule doing the opposite makes it matter.
        Assert.Empty(RuleSetLinter.Lint(Acl(RuleVerdict.Permit, Rule(RuleVerdict.Permit, PortSet.Of(445)), Rule(RuleVerdict.Deny))));
    }

    [Fact]
    public void Rules_that_may_not_match_neither_hide_others_nor_are_reported()
    {
        var maybeDenyAll = Rule(RuleVerdict.Deny, opaque: "interface");
        var permitSmb = Rule(RuleVerdict.Permit, PortSet.Of(445));
        var findings = RuleSetLinter.Lint(Acl(RuleVerdict.Deny, maybeDenyAll, permitSmb));
        Assert.Empty(findings);
    }

    [Fact]
    public void Rules_limited_to_a_connection_state_are_not_compared()
    {
        var dropInvalid = Rule(RuleVerdict.Deny) with { NewConnections = false, StateLimited = true };
        var acceptEstablished = Rule(RuleVerdict.Permit) with { NewConnections = false, StateLimited = true };
        var acceptNew = Rule(RuleVerdict.Permit, PortSet.Of(22)) with { StateLimited = true };
        var acceptSsh = Rule(RuleVerdict.Permit, PortSet.Of(22));
        Assert.Empty(RuleSetLinter.Lint(Acl(RuleVerdict.Deny, dropInvalid, acceptEstablished, acceptNew, acceptSsh)));
    }

    [Fact]
    public void Windows_allow_under_a_block_is_a_conflict_and_a_repeated_allow_is_redundant()
    {
        var allowSmb = Rule(RuleVerdict.Permit, PortSet.Of(445), direction: TrafficDirection.In);
        var blockSmb = Rule(RuleVerdict.Deny, PortSet.Of(139, 445), direction: TrafficDirection.In);
        var allowAgain = Rule(RuleVerdict.Permit, PortSet.Of(3389), direction: TrafficDirection.In);
        var allowRdp = Rule(RuleVerdict.Permit, PortSet.Of(3389), "10.0.0.0/8", direction: TrafficDirection.In);
        var outbound = Rule(RuleVerdict.Permit, PortSet.Of(445), direction: TrafficDirection.Out);
        var findings = RuleSetLinter.Lint(Windows(allowSmb, blockSmb, allowAgain, allowRdp, outbound));
        Assert.Equal("conflict", Assert.Single(findings, f => f.Rule == allowSmb).Kind);
        Assert.Equal("redundant", Assert.Single(findings, f => f.Rule == allowRdp).Kind);
        Assert.DoesNotContain(findings, f => f.Rule == allowAgain || f.Rule == outbound || f.Rule == blockSmb);
    }
}
