using PortImpact.Core.Addresses;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using static PortImpact.Core.RuleSets.NotUnderstoodEffect;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>Rule statements: each match turned into the sets it means, each verdict, verdict maps, and what is not understood.</summary>
public sealed class NftablesRuleTests
{
    [Theory]
    [InlineData("ip saddr 10.1.2.3 accept", "10.1.2.3/32", null)]
    [InlineData("ip saddr 10.1.0.0/16 accept", "10.1.0.0/16", null)]
    [InlineData("ip saddr 10.1.2.3/24 accept", "10.1.2.0/24", null)] // nft masks host bits
    [InlineData("ip saddr 10.0.0.5-10.0.0.6 accept", "10.0.0.5/32,10.0.0.6/32", null)]
    [InlineData("ip saddr { 10.0.0.0/8, 192.168.1.1 } accept", "10.0.0.0/8,192.168.1.1/32", null)]
    [InlineData("ip daddr 172.16.0.0/12 accept", null, "172.16.0.0/12")]
    [InlineData("ip saddr 10.0.0.0/8 ip daddr { 192.0.2.1, 192.0.2.2 } accept", "10.0.0.0/8", "192.0.2.1/32,192.0.2.2/32")]
    [InlineData("ip saddr 10.0.0.0/8 ip saddr 10.2.0.0/16 accept", "10.2.0.0/16", null)]
    public void Addresses_prefixes_ranges_and_sets(string rule, string? source, string? destination)
    {
        var imported = Nft.Only(rule);
        Assert.Equal(source is null ? AddressSet.Any : Nft.Addresses(source.Split(',')), imported.Source);
        Assert.Equal(destination is null ? AddressSet.Any : Nft.Addresses(destination.Split(',')), imported.Destination);
        Assert.Empty(imported.Opaque);
    }

    /// <summary>
    /// A connection's first packet is a SYN alone, so a <c>tcp flags</c> match is decided for it: the rule then matches
    /// new TCP connections or none, and is neither uncertain nor counted against established traffic.
    /// </summary>
    [Theory]
    [InlineData("tcp flags syn / fin,syn,rst,ack tcp dport 8080 accept", true)]
    [InlineData("tcp flags & (fin|syn|rst|ack) == syn accept", true)]
    [InlineData("tcp flags & (fin | syn | rst | ack) == syn accept", true)]
    [InlineData("ct state untracked tcp flags syn accept", true)]
    [InlineData("tcp flags & (fin|syn|rst|ack) != syn ct state new drop", false)]
    [InlineData("tcp flags & (syn|ack) == syn|ack drop", false)]
    [InlineData("tcp flags == syn accept", true)]
    [InlineData("tcp flags syn accept", true)]
    [InlineData("tcp flags != syn drop", false)]
    [InlineData("tcp flags { syn, syn|ack } accept", true)]
    [InlineData("tcp flags { ack, fin|ack } drop", false)]
    [InlineData("tcp flags 0x02 / 0x17 accept", true)]
    public void Tcp_flags_are_decided_for_the_first_packet(string rule, bool matchesFirstPacket)
    {
        var imported = Nft.Only(rule);
        Assert.Empty(imported.Opaque);
        Assert.Equal("tcp", imported.Protocols.ToString());
        Assert.Equal(matchesFirstPacket, imported.NewConnections);
        Assert.True(imported.StateLimited);
    }

    [Theory]
    [InlineData("iifname lo accept", true)]
    [InlineData("iif \"lo\" accept", true)]
    [InlineData("meta oifname lo accept", true)]
    [InlineData("iifname != \"lo\" tcp dport 22 accept", false)]
    public void Loopback_interfaces_are_decided_as_iptables_does(string rule, bool matchesNothing)
    {
        var imported = Nft.Only(rule);
        Assert.Empty(imported.Opaque);
        Assert.Equal(matchesNothing, imported.Source.IsEmpty);
        Assert.Equal(matchesNothing, imported.Destination.IsEmpty);
    }

    [Theory]
    [InlineData("tcp flags ack accept")] // any reading: ack is not set in a SYN, so the rule never matches the first packet
    public void A_bare_flag_that_every_reading_agrees_on_is_decided(string rule)
    {
        var imported = Nft.Only(rule);
        Assert.Empty(imported.Opaque);
        Assert.False(imported.NewConnections);
    }

    [Theory]
    [InlineData("tcp flags syn,ack accept")] // any of them set (true) or exactly both (false): nft versions differ
    [InlineData("tcp flags & syn > 0 accept")]
    [InlineData("tcp flags & (syn|ack) | fin == syn accept")]
    public void Tcp_flags_forms_whose_meaning_is_not_settled_stay_may_match(string rule)
    {
        var imported = Nft.Only(rule);
        Assert.Contains(imported.Opaque, o => o.Construct == "tcp flags");
    }

    [Fact]
    public void Negated_addresses_are_the_complement()
    {
        Assert.Equal(Nft.Addresses("10.0.0.0/8").Complement(), Nft.Only("ip saddr != 10.0.0.0/8 drop").Source);
        Assert.Equal(Nft.Addresses("10.0.0.0/8", "192.168.0.0/16").Complement(), Nft.Only("ip daddr != { 10.0.0.0/8, 192.168.0.0/16 } drop").Destination);
    }

    [Fact]
    public void Named_sets_are_resolved_with_their_interval_elements()
    {
        const string sets = """
            set admins { type ipv4_addr; flags interval; elements = { 10.0.0.0/24, 10.0.1.5,
                                                                      10.0.2.1-10.0.2.3 } }
            set web { type inet_service; elements = { 80, 443 } }
            """;
        var rule = Nft.Only("ip saddr @admins tcp dport @web accept", sets);
        Assert.Equal(Nft.Addresses("10.0.0.0/24", "10.0.1.5", "10.0.2.1", "10.0.2.2", "10.0.2.3"), rule.Source);
        Assert.Equal(Nft.Ports("80,443"), rule.DestinationPorts);
        Assert.Equal(Nft.Addresses("10.0.0.0/24", "10.0.1.5", "10.0.2.1", "10.0.2.2", "10.0.2.3").Complement(), Nft.Only("ip saddr != @admins drop", sets).Source);
    }

    [Fact]
    public void Sets_filled_at_run_time_are_opaque()
    {
        var rules = Nft.InInput("""
            ip saddr @blocked drop
            ip saddr @seen drop
            tcp dport 22 update @seen { ip saddr } accept
            """, """
            set blocked { type ipv4_addr; flags dynamic, timeout; timeout 1h; }
            set seen { type ipv4_addr; }
            """);
        var chain = Nft.Chain(rules, "c").Rules;
        Assert.Equal(new OpaqueCondition("dynamic set", "ip saddr @blocked"), Assert.Single(chain[0].Opaque));
        Assert.Equal(new OpaqueCondition("dynamic set", "ip saddr @seen"), Assert.Single(chain[1].Opaque));
        Assert.Equal(AddressSet.Any, chain[0].Source);
        Assert.Empty(chain[2].Opaque);
        Assert.Equal(["ip saddr (dynamic set)", "ip saddr (dynamic set)"], rules.NotUnderstood.Select(n => n.Construct));
    }

    [Fact]
    public void Host_names_are_opaque_because_nft_resolves_them_when_loading()
    {
        var rule = Nft.Only("ip daddr mail.example.com tcp dport 25 accept");
        Assert.Equal(new OpaqueCondition("host name", "ip daddr mail.example.com"), Assert.Single(rule.Opaque));
        Assert.Equal(AddressSet.Any, rule.Destination);
    }

    [Theory]
    [InlineData("tcp dport 22 accept", ProtocolSet.Tcp, "22", "0-65535")]
    [InlineData("tcp dport 1024-65535 accept", ProtocolSet.Tcp, "1024-65535", "0-65535")]
    [InlineData("udp dport { 137-139, 445 } drop", ProtocolSet.Udp, "137-139,445", "0-65535")]
    [InlineData("udp sport 53 accept", ProtocolSet.Udp, "0-65535", "53")]
    [InlineData("tcp dport != 22 drop", ProtocolSet.Tcp, "0-21,23-65535", "0-65535")]
    [InlineData("tcp dport != { 22, 80 } drop", ProtocolSet.Tcp, "0-21,23-79,81-65535", "0-65535")]
    [InlineData("tcp dport < 1024 drop", ProtocolSet.Tcp, "0-1023", "0-65535")]
    [InlineData("tcp dport >= 49152 accept", ProtocolSet.Tcp, "49152-65535", "0-65535")]
    [InlineData("tcp dport { ssh, microsoft-ds, http-alt } accept", ProtocolSet.Tcp, "22,445,8080", "0-65535")]
    [InlineData("tcp sport 1024 - 2048 tcp dport 80 accept", ProtocolSet.Tcp, "80", "1024-2048")]
    public void Ports_single_ranges_sets_negations_and_names(string rule, int protocol, string destination, string source)
    {
        var imported = Nft.Only(rule);
        Assert.Equal([protocol], imported.Protocols.Numbers.ToArray());
        Assert.Equal(Nft.Ports(destination), imported.DestinationPorts);
        Assert.Equal(Nft.Ports(source), imported.SourcePorts);
    }

    [Fact]
    public void Transport_header_ports_give_a_tcp_udp_rule_and_one_for_the_other_ported_protocols()
    {
        var rules = Nft.RulesOf("th dport 53 accept");
        Assert.Equal([[6, 17], [33, 132, 136]], rules.Select(r => r.Protocols.Numbers.ToArray()));
        Assert.All(rules, r => Assert.Equal(Nft.Ports("53"), r.DestinationPorts));
        Assert.Equal(["inet t/c/1.1", "inet t/c/1.2"], rules.Select(r => r.Id));

        var narrowed = Nft.Only("meta l4proto { tcp, udp } th dport 5353 accept");
        Assert.Equal([6, 17], narrowed.Protocols.Numbers.ToArray());
        Assert.Equal(Nft.Ports("5353"), narrowed.DestinationPorts);
    }

    [Theory]
    [InlineData("meta l4proto tcp accept", new[] { 6 })]
    [InlineData("meta l4proto 47 accept", new[] { 47 })]
    [InlineData("meta l4proto { icmp, ipv6-icmp, esp } accept", new[] { 1, 50, 58 })]
    [InlineData("ip protocol { tcp, udp } accept", new[] { 6, 17 })]
    [InlineData("ip protocol udp udp dport 53 accept", new[] { 17 })]
    [InlineData("meta l4proto tcp udp dport 53 accept", new int[0])] // can never match: said so, not dropped
    public void Protocols_by_name_number_and_set(string rule, int[] protocols)
    {
        var imported = Nft.Only(rule);
        Assert.False(imported.Protocols.IsAny);
        Assert.Equal(protocols, imported.Protocols.Numbers.ToArray());
    }

    [Fact]
    public void Negated_protocols_are_every_other_number()
    {
        var imported = Nft.Only("ip protocol != tcp drop");
        Assert.Equal(255, imported.Protocols.Numbers.Length);
        Assert.DoesNotContain(6, imported.Protocols.Numbers);
        Assert.True(Nft.Only("accept").Protocols.IsAny);
    }

    [Theory]
    [InlineData("ct state established,related accept", false)]
    [InlineData("ct state { established, related } accept", false)]
    [InlineData("ct state established accept", false)]
    [InlineData("ct state invalid drop", false)] // an invalid packet is never a connection's first packet
    [InlineData("ct state new accept", true)]
    [InlineData("ct state untracked accept", true)]
    [InlineData("ct state new,established accept", true)]
    [InlineData("ct state != established drop", true)]
    [InlineData("ct state != { new, untracked } accept", false)]
    [InlineData("tcp dport 22 accept", true)]
    public void Connection_states_decide_whether_a_rule_sees_new_connections(string rule, bool newConnections)
    {
        var imported = Nft.Only(rule);
        Assert.Equal(newConnections, imported.NewConnections);
        Assert.Empty(imported.Opaque);
    }

    [Theory]
    [InlineData("ct state established,related accept", true)]
    [InlineData("ct state != invalid accept", true)]
    [InlineData("ct state { new, established, related, invalid, untracked } accept", false)]
    [InlineData("tcp dport 22 accept", false)]
    public void Rules_limited_to_some_states_say_so(string rule, bool stateLimited)
    {
        Assert.Equal(stateLimited, Nft.Only(rule).StateLimited);
    }

    [Fact]
    public void A_verdict_map_on_the_family_keeps_only_the_ipv4_element()
    {
        var ruleset = Nft.InInput("meta nfproto vmap { ipv4 : jump other, ipv6 : drop }");
        var rule = Assert.Single(Nft.Chain(ruleset, "c").Rules);
        Assert.Equal((RuleVerdict.Jump, "other"), (rule.Verdict, rule.Target));
        Assert.Empty(rule.Opaque);
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal(("ipv6", 6, Skipped, "meta nfproto ipv6: not for IPv4"), (note.Construct, note.Location.Line, note.Effect, note.Text));
    }

    [Theory]
    [InlineData("iif eth0 accept", "interface", "iif eth0", "iif")]
    [InlineData("oif \"eth0\" accept", "interface", "oif \"eth0\"", "oif")]
    [InlineData("iifname \"eth*\" accept", "interface", "iifname \"eth*\"", "iifname")]
    [InlineData("meta oifname != { \"wan0\", \"wan1\" } accept", "interface", "meta oifname != { \"wan0\", \"wan1\" }", "meta oifname")]
    [InlineData("meta mark 0x10 accept", "mark", "meta mark 0x10", "meta mark")]
    [InlineData("mark and 0xff == 0x1 accept", "mark", "mark and 0xff == 0x1", "mark")]
    [InlineData("ct mark 1 accept", "mark", "ct mark 1", "ct mark")]
    [InlineData("ip ttl 64 accept", "ip ttl", "ip ttl 64", "ip ttl")]
    [InlineData("fib daddr type local accept", "fib daddr type", "fib daddr type local", "fib daddr type")]
    [InlineData("meta skuid 1000 accept", "meta skuid", "meta skuid 1000", "meta skuid")]
    [InlineData("limit rate 10/second accept", "rate limit", "limit rate 10/second", "limit")]
    [InlineData("limit rate over 1 mbytes/second burst 1000 bytes drop", "rate limit", "limit rate over 1 mbytes/second burst 1000 bytes", "limit")]
    [InlineData("quota over 25 mbytes drop", "quota", "quota over 25 mbytes", "quota")]
    [InlineData("meter flood { ip saddr limit rate over 10/second } drop", "rate limit", "meter flood { ip saddr limit rate over 10/second }", "meter")]
    public void Conditions_that_cannot_be_evaluated_are_opaque_and_listed(string rule, string category, string text, string construct)
    {
        var ruleset = Nft.InInput(rule);
        var imported = Assert.Single(Nft.Chain(ruleset, "c").Rules);
        Assert.Equal(new OpaqueCondition(category, text), Assert.Single(imported.Opaque));
        Assert.True(imported.Uncertain);
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal((construct, 6, RuleMayMatch, text), (note.Construct, note.Location.Line, note.Effect, note.Text));
    }

    [Fact]
    public void Icmp_types_narrow_the_protocol_and_stay_opaque()
    {
        var rule = Nft.Only("icmp type { echo-request, time-exceeded } accept");
        Assert.Equal([1], rule.Protocols.Numbers.ToArray());
        Assert.Equal("icmp type", Assert.Single(rule.Opaque).Construct);
        // A flags form whose meaning nft versions disagree on stays opaque, and still narrows to TCP.
        var flags = Nft.Only("tcp flags syn,ack drop");
        Assert.Equal([6], flags.Protocols.Numbers.ToArray());
        Assert.Equal(new OpaqueCondition("tcp flags", "tcp flags syn,ack"), Assert.Single(flags.Opaque));
    }

    [Fact]
    public void Counters_logs_comments_and_changes_do_not_filter()
    {
        var ruleset = Nft.InInput("""
            counter packets 10 bytes 800 log prefix "in: " level info flags tcp sequence,options tcp dport 22 accept comment "ssh"
            meta mark set 0x1
            ct mark set meta mark and 0xff
            tcp option maxseg size set rt mtu
            notrack
            log
            """);
        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Empty(ruleset.NotUnderstood);
        Assert.Equal((RuleVerdict.Permit, "22"), (rules[0].Verdict, rules[0].DestinationPorts.ToString()));
        Assert.Equal([RuleVerdict.Continue, RuleVerdict.Continue, RuleVerdict.Continue, RuleVerdict.Continue, RuleVerdict.Continue], rules.Skip(1).Select(r => r.Verdict));
        Assert.All(rules.Skip(1), r => Assert.True(r.Protocols.IsAny && r.Source.IsAny && r.DestinationPorts.Equals(PortSet.All) && r.Opaque.IsEmpty));
    }

    [Theory]
    [InlineData("accept", RuleVerdict.Permit, null)]
    [InlineData("drop", RuleVerdict.Deny, null)]
    [InlineData("reject", RuleVerdict.Deny, null)]
    [InlineData("reject with tcp reset", RuleVerdict.Deny, null)]
    [InlineData("reject with icmpx type admin-prohibited", RuleVerdict.Deny, null)]
    [InlineData("reject with icmp host-prohibited", RuleVerdict.Deny, null)]
    [InlineData("return", RuleVerdict.Return, null)]
    [InlineData("jump other", RuleVerdict.Jump, "other")]
    [InlineData("goto other", RuleVerdict.Goto, "other")]
    [InlineData("continue", RuleVerdict.Continue, null)]
    [InlineData("counter", RuleVerdict.Continue, null)]
    [InlineData("accept drop", RuleVerdict.Permit, null)] // the second verdict is never reached
    public void Verdicts(string rule, RuleVerdict verdict, string? target)
    {
        var imported = Nft.Only($"tcp dport 22 {rule}");
        Assert.Equal((verdict, target), (imported.Verdict, imported.Target));
    }

    [Fact]
    public void A_verdict_map_gives_one_rule_per_element_in_order()
    {
        var ruleset = Nft.InInput("ip saddr 10.0.0.0/8 tcp dport vmap { 22 : accept, 80 : jump other, 135-139 : drop, 445 : goto other } comment \"by port\"");
        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Equal(
            [("inet t/c/1.1", "22", RuleVerdict.Permit, null), ("inet t/c/1.2", "80", RuleVerdict.Jump, "other"),
             ("inet t/c/1.3", "135-139", RuleVerdict.Deny, null), ("inet t/c/1.4", "445", RuleVerdict.Goto, "other")],
            rules.Select(r => (r.Id, r.DestinationPorts.ToString(), r.Verdict, r.Target)));
        Assert.All(rules, r =>
        {
            Assert.Equal(Nft.Addresses("10.0.0.0/8"), r.Source);
            Assert.Equal([ProtocolSet.Tcp], r.Protocols.Numbers.ToArray());
            Assert.Equal(6, r.Location.Line);
        });
        Assert.Empty(ruleset.NotUnderstood);
    }

    [Fact]
    public void Named_and_concatenated_verdict_maps()
    {
        var named = Nft.RulesOf("udp dport vmap @by_port", "map by_port { type inet_service : verdict; elements = { 53 : accept, 137 : drop } }");
        Assert.Equal([("53", RuleVerdict.Permit), ("137", RuleVerdict.Deny)], named.Select(r => (r.DestinationPorts.ToString(), r.Verdict)));

        var concatenated = Nft.RulesOf("ip protocol . th dport vmap { tcp . 445 : drop, udp . 137-138 : drop, sctp . 9 : accept }");
        Assert.Equal(
            [(6, "445", RuleVerdict.Deny), (17, "137-138", RuleVerdict.Deny), (132, "9", RuleVerdict.Permit)],
            concatenated.Select(r => (Assert.Single(r.Protocols.Numbers), r.DestinationPorts.ToString(), r.Verdict)));

        var states = Nft.RulesOf("ct state vmap { established : accept, related : accept, new : jump other, invalid : drop }");
        Assert.Equal([false, false, true, false], states.Select(r => r.NewConnections));
        Assert.Equal([RuleVerdict.Permit, RuleVerdict.Permit, RuleVerdict.Jump, RuleVerdict.Deny], states.Select(r => r.Verdict));
    }

    [Fact]
    public void An_opaque_verdict_map_key_is_listed_once_and_kept_per_element()
    {
        var ruleset = Nft.InInput("iifname vmap { \"lo\" : accept, \"wan0\" : jump other }");
        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Equal([new OpaqueCondition("interface", "iifname \"lo\""), new OpaqueCondition("interface", "iifname \"wan0\"")], rules.Select(r => Assert.Single(r.Opaque)));
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal(("iifname", RuleMayMatch, "iifname vmap { \"lo\" : accept, \"wan0\" : jump other }"), (note.Construct, note.Effect, note.Text));
    }

    [Fact]
    public void A_concatenated_set_match_gives_one_rule_per_element()
    {
        var rules = Nft.RulesOf("ip saddr . tcp dport { 10.0.0.1 . 22, 10.0.0.2 . 3389 } accept");
        Assert.Equal(
            [(Nft.Addresses("10.0.0.1"), "22"), (Nft.Addresses("10.0.0.2"), "3389")],
            rules.Select(r => (r.Source, r.DestinationPorts.ToString())));
        Assert.All(rules, r => Assert.Equal(RuleVerdict.Permit, r.Verdict));
    }

    [Theory]
    [InlineData("ip saddr 10.0.0.0/8 dnat to 192.168.1.10", "dnat")]
    [InlineData("tcp dport 8080 dnat ip to ip daddr . tcp dport map { 10.0.0.1 . 8080 : 192.168.1.10 . 80 }", "dnat")]
    [InlineData("oifname \"wan0\" snat to 203.0.113.5", "snat")]
    [InlineData("oifname \"wan0\" masquerade random,persistent", "masquerade")]
    [InlineData("tcp dport 80 redirect to :3128", "redirect")]
    public void Address_translation_is_skipped(string rule, string construct)
    {
        var ruleset = Nft.InInput(rule);
        Assert.Empty(Nft.Chain(ruleset, "c").Rules);
        Assert.Equal([(construct, 6, Skipped)], Nft.Notes(ruleset));
        Assert.Equal(rule, ruleset.NotUnderstood[0].Text);
    }

    [Theory]
    [InlineData("ip6 saddr ::1 accept")]
    [InlineData("ip6 nexthdr ipv6-icmp accept")]
    [InlineData("meta l4proto ipv6-icmp icmpv6 type nd-neighbor-solicitation accept")]
    [InlineData("meta nfproto ipv6 tcp dport 22 accept")]
    [InlineData("meta nfproto != ipv4 drop")]
    [InlineData("ether type ip6 drop")]
    [InlineData("tcp dport 22 reject with icmpv6 type admin-prohibited")]
    public void Rules_that_only_match_ipv6_are_skipped(string rule)
    {
        var ruleset = Nft.InInput(rule);
        Assert.Empty(Nft.Chain(ruleset, "c").Rules);
        Assert.Equal([("ipv6", 6, Skipped)], Nft.Notes(ruleset));
    }

    [Fact]
    public void Ipv4_family_matches_add_no_condition_and_arp_rules_are_skipped()
    {
        var rule = Nft.Only("meta nfproto ipv4 meta protocol ip tcp dport 22 accept");
        Assert.Equal([6], rule.Protocols.Numbers.ToArray());
        Assert.Equal(Nft.Ports("22"), rule.DestinationPorts);
        Assert.Empty(rule.Opaque);
        var arp = Nft.InInput("meta protocol arp accept");
        Assert.Empty(Nft.Chain(arp, "c").Rules);
        Assert.Equal([("arp", 6, Skipped)], Nft.Notes(arp));
    }

    [Theory]
    [InlineData("queue num 1", "queue")]
    [InlineData("tcp dport 22 synproxy mss 1460 wscale 7", "synproxy")]
    [InlineData("tcp dport 80 tproxy to :3128", "tproxy")]
    [InlineData("xt match \"recent\" accept", "xt")]
    [InlineData("tcp dport 22 frobnicate 3 accept", "frobnicate")]
    public void A_statement_that_cannot_be_read_leaves_the_chain_uncertain(string rule, string construct)
    {
        var ruleset = Nft.InInput(rule);
        // Kept as a rule that may accept or drop anything: the walk forks there instead of passing it by.
        var placeholder = Assert.Single(Nft.Chain(ruleset, "c").Rules);
        Assert.Equal((RuleVerdict.Unknown, true, rule), (placeholder.Verdict, placeholder.Uncertain, placeholder.Text));
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal((construct, 6, ChainUncertain, rule), (note.Construct, note.Location.Line, note.Effect, note.Text));
    }

    [Fact]
    public void Rule_identity_text_and_location()
    {
        var ruleset = Nft.Read("table ip filter {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\ttcp dport 22 accept\n\t\tudp dport 53 accept # dns\n\t}\n}\n");
        var rules = Nft.Chain(ruleset, "input").Rules;
        Assert.Equal(["ip filter/input/1", "ip filter/input/2"], rules.Select(r => r.Id));
        Assert.Equal(["tcp dport 22 accept", "udp dport 53 accept"], rules.Select(r => r.Text));
        Assert.Equal((Nft.File, 5, 3), (rules[1].Location.File, rules[1].Location.Line, rules[1].Location.Column));
        Assert.All(rules, r => Assert.True(r.Enabled && r.Direction is null && r.Profiles.IsEmpty));
    }
}
