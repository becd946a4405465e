using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using static PortImpact.Core.RuleSets.NotUnderstoodEffect;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>
/// nftables syntax newer or rarer than the reader's core: the catch-all element <c>*</c> of nft 1.0, statements
/// on set elements, <c>last</c>, chain flags, an <c>include</c> inside a table. Each is read, or listed with its
/// line; none fails the file. Text that is not nftables is still refused.
/// </summary>
public sealed class NftablesNewerSyntaxTests
{
    [Fact]
    public void The_catch_all_of_a_verdict_map_decides_for_every_other_key()
    {
        var rules = Nft.RulesOf("tcp dport vmap { 22 : accept, 80 : jump other, * : drop }");
        Assert.Equal([(RuleVerdict.Permit, "22", null), (RuleVerdict.Jump, "80", "other"), (RuleVerdict.Deny, "0-21,23-79,81-65535", null)],
            rules.Select(r => (r.Verdict, r.DestinationPorts.ToString(), r.Target)));
        // Only TCP has a TCP port to look up: a UDP packet never reaches the map.
        Assert.Equal("tcp", rules[2].Protocols.ToString());
        Assert.Empty(Nft.InInput("tcp dport vmap { 22 : accept, * : drop }").NotUnderstood);
    }

    [Fact]
    public void The_catch_all_of_a_named_map()
    {
        var rules = Nft.RulesOf("ip saddr vmap @m", "map m { type ipv4_addr : verdict; elements = { 10.0.0.0/8 : accept, * : drop } }");
        Assert.Equal([(RuleVerdict.Permit, "10.0.0.0/8"), (RuleVerdict.Deny, "0.0.0.0-9.255.255.255,11.0.0.0-255.255.255.255")],
            rules.Select(r => (r.Verdict, r.Source.ToString())));
    }

    [Fact]
    public void A_catch_all_alone_matches_every_key()
    {
        var rule = Nft.Only("ct state vmap { * : accept }");
        Assert.Equal((RuleVerdict.Permit, true, false), (rule.Verdict, rule.NewConnections, rule.StateLimited));
    }

    [Fact]
    public void The_catch_all_of_a_concatenated_map_may_match()
    {
        var ruleset = Nft.InInput("ip saddr . tcp dport vmap { 10.0.0.1 . 22 : accept, * : drop }");
        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Equal([RuleVerdict.Permit, RuleVerdict.Deny], rules.Select(r => r.Verdict));
        Assert.Equal(("catch-all", "ip saddr . tcp dport not among the other keys of the map"), (rules[1].Opaque[0].Construct, rules[1].Opaque[0].Text));
        Assert.Equal([("ip saddr . tcp dport (catch-all)", 6, RuleMayMatch)], Nft.Notes(ruleset));
    }

    [Fact]
    public void The_catch_all_in_a_set_is_every_value()
    {
        var rules = Nft.RulesOf("ip saddr { 10.0.0.1, * } accept\ntcp dport != { 22, * } drop\nmeta nfproto { ipv6, * } accept");
        Assert.Equal([(true, "0-65535"), (true, "-"), (true, "0-65535")], rules.Select(r => (r.Source.IsAny, r.DestinationPorts.ToString())));
    }

    [Fact]
    public void Statements_on_elements_of_a_named_set_leave_its_contents_unknown()
    {
        var ruleset = Nft.InInput("ip saddr @s accept",
            "set s { type ipv4_addr; elements = { 10.0.0.1 limit rate 10/second, 10.0.0.2 last used never, 10.0.0.3 counter packets 1 bytes 2 } }");
        Assert.Equal([("set element statement", 2, RuleMayMatch), ("ip saddr (dynamic set)", 6, RuleMayMatch)], Nft.Notes(ruleset));
        Assert.Equal("limit rate 10/second on an element of set s: rules using it may match", ruleset.NotUnderstood[0].Text);
        Assert.Equal("dynamic set", Assert.Single(Assert.Single(Nft.Chain(ruleset, "c").Rules).Opaque).Construct);
    }

    [Fact]
    public void A_statement_on_an_element_of_an_anonymous_set_makes_the_rule_uncertain()
    {
        var rule = Nft.Only("ip daddr { 1.2.3.4 quota 10 mbytes, 1.2.3.5 } drop");
        Assert.Equal(Nft.Addresses("1.2.3.4/31"), rule.Destination);
        Assert.Equal(("set element statement", "quota 10 mbytes on a set element"), (rule.Opaque[0].Construct, rule.Opaque[0].Text));
    }

    [Fact]
    public void Last_is_a_statement_that_does_not_filter()
    {
        var rule = Nft.Only("tcp dport 22 last used never accept");
        Assert.Equal((RuleVerdict.Permit, "22", false), (rule.Verdict, rule.DestinationPorts.ToString(), rule.Uncertain));
    }

    [Fact]
    public void A_range_of_strings_is_one_value()
    {
        var ruleset = Nft.InInput("meta hour \"17:00\" - \"19:00\" drop");
        Assert.Equal([("meta hour", 6, RuleMayMatch)], Nft.Notes(ruleset));
        Assert.Equal(RuleVerdict.Deny, Assert.Single(Nft.Chain(ruleset, "c").Rules).Verdict);
    }

    [Fact]
    public void Chain_flags_and_an_include_inside_a_table_are_listed()
    {
        var ruleset = Nft.Read("table inet t {\ninclude \"extra.nft\"\nchain c {\ntype filter hook input priority 0; policy drop;\nflags offload\ntcp dport 22 accept\n}\n}\n");
        Assert.Equal([("include", 2, ChainUncertain), ("chain flags", 5, Skipped)], Nft.Notes(ruleset));
        Assert.Equal("flags offload: how chain c is run, not what it matches", ruleset.NotUnderstood[1].Text);
        Assert.Equal("22", Assert.Single(Nft.Chain(ruleset, "c").Rules).DestinationPorts.ToString());
    }

    [Fact]
    public void Statements_this_reader_does_not_know_leave_the_chain_uncertain()
    {
        var ruleset = Nft.InInput("inner udp dport 4789 vxlan ip saddr 1.2.3.4 drop\nsynproxy mss 1460 wscale 7\ntcp dport 22 accept");
        Assert.Equal([("inner", 6, ChainUncertain), ("synproxy", 7, ChainUncertain)], Nft.Notes(ruleset));
        Assert.Equal([RuleVerdict.Unknown, RuleVerdict.Unknown, RuleVerdict.Permit], Nft.Chain(ruleset, "c").Rules.Select(r => r.Verdict));
    }

    [Fact]
    public void Text_that_is_not_nftables_is_still_refused()
    {
        var error = Assert.Throws<InputException>(() => Nft.Read("*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n"));
        Assert.Equal((1, 1, "unknown statement '*filter'; expected table, chain, rule, set, map, element, add, insert, flush, delete, define or include"),
            (error.Location.Line, error.Location.Column, error.Problem));
    }
}
