using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Tests.Policies;

public sealed class CompiledPolicyTests
{
    private static readonly AddressSet Pcs = AddressSet.Of(AddressRange.Parse("10.1.10.0/24"));
    private static readonly AddressSet Server = AddressSet.Of(AddressRange.Parse("10.1.0.20"));

    private static FirewallRule Rule(RuleAction action, int port, string from = "0.0.0.0/0", TrafficDirection direction = TrafficDirection.Both) =>
        new(action, PortSelection.Of(Transport.Tcp, PortSet.Of(port)), AddressSet.Of(AddressRange.Parse(from)), AddressSet.Any, direction, $"{action} {port} from {from}", null);

    private static HopDecision Decide(Policy policy, int port, AddressSet? source = null, TrafficDirection direction = TrafficDirection.In) =>
        new CompiledPolicy(policy).Decide(direction, source ?? Pcs, Server, Transport.Tcp, PortSet.Of(port));

    [Fact]
    public void An_acl_takes_the_first_matching_rule_then_the_default()
    {
        var acl = new Policy(PolicySemantics.OrderedAcl, [Rule(RuleAction.Permit, 445), Rule(RuleAction.Deny, 445), Rule(RuleAction.Deny, 135)], RuleAction.Permit, RuleAction.Permit);
        Assert.False(Decide(acl, 445).Allowed.IsEmpty);
        var denied = Decide(acl, 135);
        Assert.True(denied.Allowed.IsEmpty);
        Assert.Equal("Deny 135 from 0.0.0.0/0", Assert.Single(denied.DenyingRules).Rule.Label);
        Assert.False(Decide(acl, 3389).Allowed.IsEmpty);
        var closedByDefault = new Policy(PolicySemantics.OrderedAcl, [], RuleAction.Deny, RuleAction.Deny);
        Assert.True(Assert.Single(Decide(closedByDefault, 80).DenyingRules).IsDefault);
    }

    [Fact]
    public void On_a_windows_host_a_block_rule_beats_an_allow_rule_whatever_the_order()
    {
        var host = new Policy(PolicySemantics.WindowsFirewall, [Rule(RuleAction.Permit, 445), Rule(RuleAction.Deny, 445)], RuleAction.Deny, RuleAction.Permit);
        Assert.False(Decide(host, 445).Denied.IsEmpty);
        var reversed = host with { Rules = [.. host.Rules.Reverse()] };
        Assert.False(Decide(reversed, 445).Denied.IsEmpty);
    }

    [Fact]
    public void A_windows_host_blocks_unsolicited_inbound_and_allows_outbound_by_default()
    {
        var host = new Policy(PolicySemantics.WindowsFirewall, [Rule(RuleAction.Permit, 3389)], RuleAction.Deny, RuleAction.Permit);
        Assert.False(Decide(host, 3389).Allowed.IsEmpty);
        Assert.False(Decide(host, 135).Denied.IsEmpty);
        Assert.False(Decide(host, 135, direction: TrafficDirection.Out).Allowed.IsEmpty);
    }

    [Fact]
    public void A_rule_matching_part_of_a_group_makes_the_outcome_mixed()
    {
        var acl = new Policy(PolicySemantics.OrderedAcl, [Rule(RuleAction.Deny, 445, from: "10.1.10.0/25")], RuleAction.Permit, RuleAction.Permit);
        var decision = Decide(acl, 445);
        Assert.Equal(PortSet.Of(445), decision.Mixed);
        Assert.True(decision.Allowed.IsEmpty && decision.Denied.IsEmpty);
        // When the rest of the group would be denied anyway, a partial deny changes nothing.
        var alreadyDenied = acl with { DefaultIn = RuleAction.Deny };
        Assert.Equal(PortSet.Of(445), Decide(alreadyDenied, 445).Denied);
    }

    [Fact]
    public void Rules_for_the_other_direction_are_ignored()
    {
        var acl = new Policy(PolicySemantics.OrderedAcl, [Rule(RuleAction.Deny, 445, direction: TrafficDirection.Out)], RuleAction.Permit, RuleAction.Permit);
        Assert.False(Decide(acl, 445, direction: TrafficDirection.In).Allowed.IsEmpty);
        Assert.False(Decide(acl, 445, direction: TrafficDirection.Out).Denied.IsEmpty);
    }

    [Fact]
    public void Port_ranges_are_split_exactly_between_rules()
    {
        var acl = new Policy(PolicySemantics.OrderedAcl,
            [new FirewallRule(RuleAction.Deny, PortSelection.Of(Transport.Tcp, PortSet.Range(49152, 50000)), AddressSet.Any, AddressSet.Any, TrafficDirection.Both, "part of the range", null)],
            RuleAction.Permit, RuleAction.Permit);
        var decision = new CompiledPolicy(acl).Decide(TrafficDirection.In, Pcs, Server, Transport.Tcp, PortSet.Range(49152, 65535));
        Assert.Equal(PortSet.Range(49152, 50000), decision.Denied);
        Assert.Equal(PortSet.Range(50001, 65535), decision.Allowed);
    }
}
