using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;
using static PortImpact.Core.RuleSets.NotUnderstoodEffect;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>
/// Every file of ../shared/samples/linux-nftables, read through <see cref="RuleSetReader"/> with format
/// detection as the CLI does. Counts were made by reading each file (numbered with <c>cat -n</c>): one rule per
/// rule line, one per element of a verdict map, none for a translation (<c>masquerade</c>, <c>dnat</c>) or
/// IPv6-only rule, which are listed as skipped instead.
/// </summary>
public sealed class NftablesSampleTests
{
    private static RuleSet ReadSample(string name)
    {
        var ruleset = RuleSetReader.ReadFile(SharedSamples.Path($"linux-nftables/{name}"));
        Assert.Equal(RuleSetFormat.Nftables, ruleset.Format);
        Assert.Equal(PolicySemantics.OrderedAcl, ruleset.Semantics);
        return ruleset;
    }

    private static (string Name, ChainKind Kind, string? Hook, int Priority, RuleVerdict? Policy, int Rules)[] Shape(RuleSet ruleset) =>
        [.. ruleset.Chains.Select(c => (c.Name, c.Kind, c.Hook, c.Priority, c.Policy, c.Rules.Length))];

    [SampleFact]
    public void Debian_router_script_with_defines_and_verdict_maps()
    {
        var ruleset = ReadSample("anssisaari_debian-router-failover_nftables.conf");

        // inbound_world: only comments. inbound_private: line 23 vmap of 4 elements + line 26 = 5.
        // inbound: line 41 vmap of 3 + line 44 vmap of 4 + line 46 = 8. forward: line 55 vmap of 3 + line 59 = 4.
        // postrouting: lines 68-69 are masquerade (skipped) = 0.
        Assert.Equal(
            [
                ("inbound_world", ChainKind.User, null, 0, null, 0),
                ("inbound_private", ChainKind.User, null, 0, null, 5),
                ("inbound", ChainKind.Base, "input", 0, RuleVerdict.Deny, 8),
                ("forward", ChainKind.Base, "forward", 0, RuleVerdict.Deny, 4),
                ("postrouting", ChainKind.Base, "postrouting", 100, RuleVerdict.Permit, 0),
            ],
            Shape(ruleset));
        Assert.Equal(17, ruleset.RuleCount);
        Assert.All(ruleset.Chains, c => Assert.Equal("inet global", c.Table));
        Assert.Equal(
            [("icmp type", 26, RuleMayMatch), ("iifname", 44, RuleMayMatch), ("iifname", 59, RuleMayMatch), ("masquerade", 68, Skipped), ("masquerade", 69, Skipped)],
            Nft.Notes(ruleset));

        // "ip protocol . th dport vmap { tcp . 22 : accept, udp . 53 : accept, tcp . 53 : accept, udp . 67 : accept }"
        var privateRules = Nft.Chain(ruleset, "inbound_private").Rules;
        Assert.Equal(
            [(ProtocolSet.Tcp, "22"), (ProtocolSet.Udp, "53"), (ProtocolSet.Tcp, "53"), (ProtocolSet.Udp, "67")],
            privateRules.Take(4).Select(r => (Assert.Single(r.Protocols.Numbers), r.DestinationPorts.ToString())));
        Assert.All(privateRules, r => Assert.Equal(RuleVerdict.Permit, r.Verdict));
        Assert.Equal([1], privateRules[4].Protocols.Numbers.ToArray());

        // "iifname vmap { lo : accept, $DEV_WORLD : jump inbound_world, $DEV_WORLD2 : jump inbound_world, $DEV_PRIVATE : jump inbound_private }"
        var inbound = Nft.Chain(ruleset, "inbound").Rules;
        Assert.Equal(
            [(RuleVerdict.Permit, null, "iifname lo"), (RuleVerdict.Jump, "inbound_world", "iifname enp1s0"),
             (RuleVerdict.Jump, "inbound_world", "iifname wwan0"), (RuleVerdict.Jump, "inbound_private", "iifname br0")],
            inbound.Skip(3).Take(4).Select(r => (r.Verdict, r.Target, Assert.Single(r.Opaque).Text)));
        Assert.Equal(RuleVerdict.Deny, inbound[7].Verdict);
        Assert.Equal(46, inbound[7].Location.Line);
    }

    [SampleFact]
    public void Homelab_script_with_semicolons_after_rules()
    {
        var ruleset = ReadSample("arluke_homelab_nftables.conf");

        // input: lines 11, 14, 15, 18, 21, 22, 23 = 7; forward: lines 29, 30 = 2; output: none; postrouting: line 39 masquerade (skipped).
        Assert.Equal(
            [
                ("input", ChainKind.Base, "input", 0, RuleVerdict.Deny, 7),
                ("forward", ChainKind.Base, "forward", 0, RuleVerdict.Deny, 2),
                ("output", ChainKind.Base, "output", 0, RuleVerdict.Permit, 0),
                ("postrouting", ChainKind.Base, "postrouting", 100, RuleVerdict.Permit, 0),
            ],
            Shape(ruleset));
        Assert.Equal(9, ruleset.RuleCount);
        Assert.Equal(
            // Line 11, "iifname lo accept", is decided: loopback carries no flow between two hosts.
            [("iifname", 21, RuleMayMatch), ("iifname", 22, RuleMayMatch), ("iifname", 23, RuleMayMatch),
             ("oifname", 29, RuleMayMatch), ("iifname", 30, RuleMayMatch), ("masquerade", 39, Skipped)],
            Nft.Notes(ruleset));

        var input = Nft.Chain(ruleset, "input").Rules;
        Assert.True(input[0].Source.IsEmpty); // iifname lo accept
        Assert.Empty(input[0].Opaque);
        Assert.False(input[1].NewConnections); // ct state { established, related } accept
        Assert.False(input[2].NewConnections); // ct state { invalid } drop
        Assert.Equal(RuleVerdict.Deny, input[2].Verdict);
        Assert.Equal(Nft.Ports("22,8443"), input[3].DestinationPorts);
        Assert.Equal([ProtocolSet.Tcp], input[3].Protocols.Numbers.ToArray());
        // iifname lxdbr udp dport 53 ip saddr 172.16.16.0/24 accept;
        Assert.Equal(Nft.Addresses("172.16.16.0/24"), input[5].Source);
        Assert.Equal([ProtocolSet.Udp], input[5].Protocols.Numbers.ToArray());
        Assert.Equal(Nft.Ports("53"), input[5].DestinationPorts);
        Assert.Equal("interface", Assert.Single(input[5].Opaque).Construct);
    }

    [SampleFact]
    public void Sixteen_chains_jumping_one_to_the_next()
    {
        var ruleset = ReadSample("nftables-tests_chains_0001jumps_0.nft");

        // c1 … c15 hold "jump c(n+1)" (grep -c jump = 15); c16 is empty.
        Assert.Equal(16, ruleset.Chains.Length);
        Assert.Equal(15, ruleset.RuleCount);
        Assert.Empty(ruleset.NotUnderstood);
        for (var n = 1; n <= 15; n++)
        {
            var chain = Nft.Chain(ruleset, $"c{n}", "ip t");
            Assert.Equal(ChainKind.User, chain.Kind);
            Assert.Null(chain.Policy);
            var rule = Assert.Single(chain.Rules);
            Assert.Equal((RuleVerdict.Jump, $"c{n + 1}"), (rule.Verdict, rule.Target));
        }
        Assert.Empty(Nft.Chain(ruleset, "c16").Rules);
    }

    [SampleFact]
    public void Nat_maps_give_only_the_filtering_rules()
    {
        var ruleset = ReadSample("nftables-tests_maps_nat_addr_port.nft");

        // Table ip6 ip6foo (line 36) is skipped whole. In ip ipfoo and inet inetfoo, chain c keeps its one
        // "iifname != "foobar" accept" (lines 26, 113); the dnat rules are skipped, as IPv6 ones (lines 121-127) or as NAT.
        Assert.Equal(
            [("ip ipfoo", "c", ChainKind.Base, "prerouting", -100, 1), ("inet inetfoo", "c", ChainKind.Base, "prerouting", -100, 1)],
            ruleset.Chains.Select(c => (c.Table!, c.Name, c.Kind, c.Hook!, c.Priority, c.Rules.Length)));
        Assert.Equal(2, ruleset.RuleCount);
        var expected = new List<(string, int, NotUnderstoodEffect)> { ("iifname", 26, RuleMayMatch) };
        expected.AddRange(Enumerable.Range(27, 7).Select(line => ("dnat", line, Skipped)));
        expected.Add(("table ip6", 36, Skipped));
        expected.Add(("iifname", 113, RuleMayMatch));
        expected.AddRange(Enumerable.Range(114, 7).Select(line => ("dnat", line, Skipped)));
        expected.AddRange(Enumerable.Range(121, 7).Select(line => ("ipv6", line, Skipped)));
        Assert.Equal(expected, Nft.Notes(ruleset));

        var rule = Assert.Single(Nft.Chain(ruleset, "c", "ip ipfoo").Rules);
        Assert.Equal(RuleVerdict.Permit, rule.Verdict);
        Assert.Equal(new OpaqueCondition("interface", "iifname != \"foobar\""), Assert.Single(rule.Opaque));
    }

    [SampleFact]
    public void Named_objects_are_skipped_and_object_maps_narrow_the_rule()
    {
        var ruleset = ReadSample("nftables-tests_sets_0024named_objects_0.nft");

        // Chain y: line 46 (counter by map, no verdict), line 47 (synproxy: not read, kept as a rule of unknown verdict),
        // line 48 (quota by map, drop).
        var chain = Assert.Single(ruleset.Chains);
        Assert.Equal(("y", "inet x", ChainKind.Base, "input", 0, RuleVerdict.Permit), (chain.Name, chain.Table, chain.Kind, chain.Hook, chain.Priority, chain.Policy));
        Assert.Equal(3, ruleset.RuleCount);
        Assert.Equal(RuleVerdict.Unknown, chain.Rules[1].Verdict);
        Assert.Equal(
            [("counter", 2, Skipped), ("counter", 6, Skipped), ("quota", 10, Skipped), ("quota", 14, Skipped), ("synproxy", 18, Skipped),
             ("synproxy", 24, Skipped), ("synproxy", 47, ChainUncertain), ("quota", 48, RuleMayMatch)],
            Nft.Notes(ruleset));

        var counted = chain.Rules[0];
        Assert.Equal((46, RuleVerdict.Continue), (counted.Location.Line, counted.Verdict));
        Assert.Equal(Nft.Addresses("1.1.1.1", "2.2.2.2", "192.168.2.2"), counted.Source);
        Assert.Empty(counted.Opaque);
        var limited = chain.Rules[2];
        Assert.Equal((48, RuleVerdict.Deny), (limited.Location.Line, limited.Verdict));
        Assert.Equal(Nft.Addresses("192.168.2.2", "192.168.2.3"), limited.Source); // the keys of map @test
        Assert.Equal("quota", Assert.Single(limited.Opaque).Construct);
    }
}
