using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Tests.RuleSets;

/// <summary>
/// Flows decided by each format's semantics on small rule sets built in the test: first match through
/// jumps, gotos and returns; every nftables base chain on a hook; IOS's implicit deny; Windows' precedence;
/// and rules that may match, which make the answer uncertain instead of guessing.
/// </summary>
public sealed class RuleSetEvaluatorTests
{
    private static int _line;

    private static ImportedRule Rule(RuleVerdict verdict, int? dport = null, string? source = null, string? target = null,
        int protocol = ProtocolSet.Tcp, bool newConnections = true, string? opaque = null, TrafficDirection? direction = null, bool enabled = true)
    {
        var line = ++_line;
        return ImportedRule.Everything($"rule{line}", new SourceLocation("rules.txt", line, 1), $"rule at line {line}", verdict) with
        {
            Target = target,
            Protocols = ProtocolSet.Of(protocol),
            DestinationPorts = dport is { } p ? PortSet.Of(p) : PortSet.All,
            Source = source is null ? AddressSet.Any : AddressSet.Of(AddressRange.Parse(source)),
            NewConnections = newConnections,
            Opaque = opaque is null ? [] : [new OpaqueCondition(opaque, opaque)],
            Direction = direction,
            Enabled = enabled,
        };
    }

    private static RuleChain Chain(string name, ChainKind kind, RuleVerdict? policy, string? hook, params ImportedRule[] rules) =>
        new(name, "filter", kind, hook, 0, policy, [.. rules], new SourceLocation("rules.txt", 1, 1));

    private static RuleSet Set(RuleSetFormat format, params RuleChain[] chains) =>
        new(format, "rules.txt", format == RuleSetFormat.WindowsRegistry ? PolicySemantics.WindowsFirewall : PolicySemantics.OrderedAcl,
            [.. chains], [], [], []);

    private static Flow Tcp(string source, string destination, int port) =>
        new(ProtocolSet.Tcp, AddressRange.Parse(source).First, 50123, AddressRange.Parse(destination).First, port);

    [Fact]
    public void Iptables_jump_return_and_policy()
    {
        var smbRule = Rule(RuleVerdict.Jump, 445, target: "SMB");
        var branchReturns = Rule(RuleVerdict.Return, source: "10.2.10.0/24");
        var others = Rule(RuleVerdict.Deny);
        var acceptTcp = Rule(RuleVerdict.Permit);
        var set = Set(RuleSetFormat.Iptables,
            Chain("FORWARD", ChainKind.Base, RuleVerdict.Deny, "forward", smbRule, acceptTcp),
            Chain("SMB", ChainKind.User, null, null, branchReturns, others));
        var context = new FlowContext(Hook: NetfilterHook.Forward);

        var branch = RuleSetEvaluator.Explain(set, Tcp("10.2.10.5", "10.1.0.20", 445), context);
        Assert.Equal(FlowDecision.Permit, branch.Decision);
        Assert.Same(acceptTcp, Assert.Single(branch.Paths).DecidedBy);
        Assert.Equal([smbRule, branchReturns, acceptTcp], branch.Paths[0].Steps.Select(s => s.Rule));

        var stranger = RuleSetEvaluator.Explain(set, Tcp("10.3.0.1", "10.1.0.20", 445), context);
        Assert.Equal(FlowDecision.Deny, stranger.Decision);
        Assert.Same(others, stranger.Paths[0].DecidedBy);

        var udp = RuleSetEvaluator.Explain(set, new Flow(ProtocolSet.Udp, 1, 1, 2, 137), context);
        Assert.Equal(FlowDecision.Deny, udp.Decision);
        Assert.Equal("policy of FORWARD", udp.Paths[0].Default);
    }

    [Fact]
    public void A_goto_chain_that_runs_out_ends_at_the_entry_chains_policy_not_back_in_it()
    {
        var go = Rule(RuleVerdict.Goto, 445, target: "G");
        var laterAccept = Rule(RuleVerdict.Permit);
        var set = Set(RuleSetFormat.Iptables,
            Chain("INPUT", ChainKind.Base, RuleVerdict.Deny, "input", go, laterAccept),
            Chain("G", ChainKind.User, null, null, Rule(RuleVerdict.Continue)));
        var result = RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Input));
        Assert.Equal(FlowDecision.Deny, result.Decision);
        Assert.Equal("policy of INPUT", result.Paths[0].Default);
    }

    [Fact]
    public void A_rule_that_may_match_makes_the_decision_uncertain_with_both_ways_shown()
    {
        var maybeDeny = Rule(RuleVerdict.Deny, 445, opaque: "interface");
        var accept = Rule(RuleVerdict.Permit);
        var set = Set(RuleSetFormat.Iptables, Chain("FORWARD", ChainKind.Base, RuleVerdict.Deny, "forward", maybeDeny, accept));
        var result = RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Forward));
        Assert.Equal(FlowDecision.Uncertain, result.Decision);
        Assert.Equal(2, result.Paths.Length);
        Assert.Contains(result.Paths, p => p.Outcome == RuleAction.Deny && p.DecidedBy == maybeDeny && !p.Steps[0].Certain);
        Assert.Contains(result.Paths, p => p.Outcome == RuleAction.Permit && p.DecidedBy == accept);

        // A rule whose evaluable conditions fail does not match, whatever its opaque ones.
        var other = RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 139), new FlowContext(Hook: NetfilterHook.Forward));
        Assert.Equal(FlowDecision.Permit, other.Decision);
    }

    [Fact]
    public void Rules_for_established_traffic_never_decide_a_new_connection()
    {
        var established = Rule(RuleVerdict.Permit, newConnections: false);
        var set = Set(RuleSetFormat.Iptables, Chain("INPUT", ChainKind.Base, RuleVerdict.Deny, "input", established));
        Assert.Equal(FlowDecision.Deny, RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 22), new FlowContext(Hook: NetfilterHook.Input)).Decision);
    }

    [Fact]
    public void Nftables_every_base_chain_on_the_hook_must_accept_in_priority_order()
    {
        var closes135 = Rule(RuleVerdict.Deny, 135);
        var first = Chain("early", ChainKind.Base, RuleVerdict.Permit, "forward", Rule(RuleVerdict.Permit)) with { Priority = -10, Table = "inet a", Type = "filter" };
        var second = Chain("late", ChainKind.Base, RuleVerdict.Permit, "forward", closes135) with { Priority = 10, Table = "inet b", Type = "filter" };
        var nat = Chain("nat", ChainKind.Base, RuleVerdict.Deny, "forward") with { Type = "nat" };
        var set = Set(RuleSetFormat.Nftables, second, nat, first);
        var result = RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 135), new FlowContext(Hook: NetfilterHook.Forward));
        Assert.Equal(FlowDecision.Deny, result.Decision);
        Assert.Same(closes135, result.Paths.Single().DecidedBy);
        Assert.Equal(["early", "late"], result.Paths.Single().Steps.Select(s => s.Chain));
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Forward)).Decision);
    }

    [Fact]
    public void Cisco_access_lists_end_in_an_implicit_deny()
    {
        var permitWeb = Rule(RuleVerdict.Permit, 80);
        var set = Set(RuleSetFormat.CiscoIos, Chain("101", ChainKind.AccessList, RuleVerdict.Deny, null, permitWeb));
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(set, Tcp("1.1.1.1", "2.2.2.2", 80), new FlowContext(AccessList: "101")).Decision);
        var denied = RuleSetEvaluator.Explain(set, Tcp("1.1.1.1", "2.2.2.2", 445), new FlowContext(AccessList: "101"));
        Assert.Equal(FlowDecision.Deny, denied.Decision);
        Assert.Equal("implicit deny at the end of 101", denied.Paths[0].Default);
    }

    [Fact]
    public void Windows_block_beats_allow_bypass_beats_block_and_disabled_rules_do_nothing()
    {
        var allowSmb = Rule(RuleVerdict.Permit, 445, direction: TrafficDirection.In);
        var blockSmb = Rule(RuleVerdict.Deny, 445, source: "10.9.0.0/16", direction: TrafficDirection.In);
        var bypass = Rule(RuleVerdict.Bypass, 445, source: "10.9.9.9/32", direction: TrafficDirection.In);
        var disabledAllow = Rule(RuleVerdict.Permit, 3389, direction: TrafficDirection.In, enabled: false);
        var set = Set(RuleSetFormat.WindowsRegistry, new RuleChain("local", null, ChainKind.WindowsRules, null, 0, null,
            [allowSmb, blockSmb, bypass, disabledAllow], new SourceLocation("rules.txt", 1, 1)));
        var context = new FlowContext(Direction: TrafficDirection.In);

        Assert.Same(allowSmb, RuleSetEvaluator.Explain(set, Tcp("10.1.0.1", "10.1.0.20", 445), context).Paths[0].DecidedBy);
        var blocked = RuleSetEvaluator.Explain(set, Tcp("10.9.0.1", "10.1.0.20", 445), context);
        Assert.Equal(FlowDecision.Deny, blocked.Decision);
        Assert.Same(blockSmb, blocked.Paths[0].DecidedBy);
        Assert.Same(bypass, RuleSetEvaluator.Explain(set, Tcp("10.9.9.9", "10.1.0.20", 445), context).Paths[0].DecidedBy);
        var rdp = RuleSetEvaluator.Explain(set, Tcp("10.1.0.1", "10.1.0.20", 3389), context);
        Assert.Equal(FlowDecision.Deny, rdp.Decision);
        Assert.Equal("default inbound action of the Domain profile", rdp.Paths[0].Default);
        // Outbound, Windows' default allows.
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(set, Tcp("10.1.0.20", "10.1.0.1", 3389), new FlowContext(Direction: TrafficDirection.Out)).Decision);
    }

    [Fact]
    public void Windows_profile_settings_decide_when_no_rule_does_and_an_off_profile_filters_nothing()
    {
        var chain = new RuleChain("gpo", null, ChainKind.WindowsRules, null, 0, null, [Rule(RuleVerdict.Deny, 445, direction: TrafficDirection.In)], new SourceLocation("rules.txt", 1, 1));
        var location = new SourceLocation("rules.txt", 1, 1);
        var set = Set(RuleSetFormat.WindowsRegistry, chain) with
        {
            Profiles = [new WindowsProfile(FirewallProfile.Domain, true, RuleAction.Permit, RuleAction.Deny, null, null, location), new WindowsProfile(FirewallProfile.Public, false, null, null, null, null, location)],
        };
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(set, Tcp("10.1.0.1", "10.1.0.20", 80), new FlowContext(Direction: TrafficDirection.In)).Decision);
        Assert.Equal(FlowDecision.Deny, RuleSetEvaluator.Explain(set, Tcp("10.1.0.20", "10.1.0.1", 80), new FlowContext(Direction: TrafficDirection.Out)).Decision);
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(set, Tcp("10.1.0.1", "10.1.0.20", 445), new FlowContext(Direction: TrafficDirection.In, Profile: FirewallProfile.Public)).Decision);
    }

    [Fact]
    public void Windows_a_block_rule_that_may_match_makes_an_allowed_flow_uncertain()
    {
        var allow = Rule(RuleVerdict.Permit, 445, direction: TrafficDirection.In);
        var maybeBlock = Rule(RuleVerdict.Deny, 445, direction: TrafficDirection.In, opaque: "App=System");
        var set = Set(RuleSetFormat.WindowsRegistry, new RuleChain("local", null, ChainKind.WindowsRules, null, 0, null, [allow, maybeBlock], new SourceLocation("rules.txt", 1, 1)));
        var result = RuleSetEvaluator.Explain(set, Tcp("10.1.0.1", "10.1.0.20", 445), new FlowContext(Direction: TrafficDirection.In));
        Assert.Equal(FlowDecision.Uncertain, result.Decision);
        Assert.Contains(result.Paths, p => p.Outcome == RuleAction.Deny && p.DecidedBy == maybeBlock);
        Assert.Contains(result.Paths, p => p.Outcome == RuleAction.Permit && p.DecidedBy == allow);
    }

    [Fact]
    public void A_rule_whose_verdict_the_file_does_not_show_forks_both_ways()
    {
        var queued = Rule(RuleVerdict.Unknown, 445);
        var set = Set(RuleSetFormat.Iptables, Chain("FORWARD", ChainKind.Base, RuleVerdict.Permit, "forward", queued));
        var result = RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Forward));
        Assert.Equal(FlowDecision.Uncertain, result.Decision);
        Assert.Equal([RuleAction.Permit, RuleAction.Deny], result.Paths.Select(p => p.Outcome).Order());
    }

    [Fact]
    public void Only_ip_and_inet_tables_decide_ipv4_flows()
    {
        // The readers mark what IPv4 packets never meet (nft's bridge family, ip6tables' tables); the evaluator reads only the mark.
        var bridgeDrop = Chain("forward", ChainKind.Base, RuleVerdict.Deny, "forward") with { Table = "bridge f", Type = "filter", SeesIpv4 = false };
        var ip6Drop = Chain("FORWARD", ChainKind.Base, RuleVerdict.Deny, "forward") with { Table = "ip6 filter", SeesIpv4 = false };
        var inet = Chain("forward", ChainKind.Base, RuleVerdict.Permit, "forward") with { Table = "inet f", Type = "filter" };
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(Set(RuleSetFormat.Nftables, bridgeDrop, inet), Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Forward)).Decision);
        var iptables = Set(RuleSetFormat.Iptables, Chain("FORWARD", ChainKind.Base, RuleVerdict.Permit, "forward"), ip6Drop);
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(iptables, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Forward)).Decision);
    }

    [Fact]
    public void Windows_local_rules_do_not_count_when_group_policy_forbids_merging_them()
    {
        var location = new SourceLocation("rules.txt", 1, 1);
        var localAllow = Rule(RuleVerdict.Permit, 445, direction: TrafficDirection.In);
        var set = Set(RuleSetFormat.WindowsRegistry,
            new RuleChain("gpo", null, ChainKind.WindowsRules, null, 0, null, [Rule(RuleVerdict.Permit, 3389, direction: TrafficDirection.In)], location),
            new RuleChain("local", null, ChainKind.WindowsRules, null, 0, null, [localAllow], location));
        var merged = set with { Profiles = [new WindowsProfile(FirewallProfile.Domain, true, null, null, true, null, location)] };
        var gpoOnly = set with { Profiles = [new WindowsProfile(FirewallProfile.Domain, true, null, null, false, null, location)] };
        var flow = Tcp("10.1.0.1", "10.1.0.20", 445);
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(merged, flow, new FlowContext(Direction: TrafficDirection.In)).Decision);
        var refused = RuleSetEvaluator.Explain(gpoOnly, flow, new FlowContext(Direction: TrafficDirection.In));
        Assert.Equal(FlowDecision.Deny, refused.Decision);
        Assert.Contains(refused.Notes, n => n.Contains("does not merge local rules", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drop_in_the_raw_table_or_at_prerouting_stops_a_routed_packet_before_filter()
    {
        var rawDrop = Rule(RuleVerdict.Deny, 445);
        var raw = Chain("PREROUTING", ChainKind.Base, RuleVerdict.Permit, "prerouting", rawDrop) with { Table = "raw" };
        var natAccept = Chain("PREROUTING", ChainKind.Base, RuleVerdict.Deny, "prerouting") with { Table = "nat", Type = "nat" };
        var filter = Chain("FORWARD", ChainKind.Base, RuleVerdict.Permit, "forward", Rule(RuleVerdict.Permit));
        var set = Set(RuleSetFormat.Iptables, filter, natAccept, raw);
        var forwarded = RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Forward));
        Assert.Equal(FlowDecision.Deny, forwarded.Decision);
        Assert.Same(rawDrop, forwarded.Paths.Single().DecidedBy);
        // Leaving the host, a packet never meets prerouting.
        Assert.Equal(FlowDecision.Permit, RuleSetEvaluator.Explain(set, Tcp("10.0.0.1", "10.0.0.2", 445), new FlowContext(Hook: NetfilterHook.Output)).Decision);

        var nftPrerouting = Chain("pre", ChainKind.Base, RuleVerdict.Permit, "prerouting", Rule(RuleVerdict.Deny, 135)) with { Table = "inet f", Type = "filter", Priority = -300 };
        var nft = Set(RuleSetFormat.Nftables, nftPrerouting);
        Assert.Equal(FlowDecision.Deny, RuleSetEvaluator.Explain(nft, Tcp("10.0.0.1", "10.0.0.2", 135), new FlowContext(Hook: NetfilterHook.Input)).Decision);
    }
}
