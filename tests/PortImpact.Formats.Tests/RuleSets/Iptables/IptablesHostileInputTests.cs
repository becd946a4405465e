using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.RuleSets.Iptables.IptablesTestSupport;

namespace PortImpact.Formats.Tests.RuleSets.Iptables;

/// <summary>
/// Files built to hurt the reader (issue 10): jumps that loop, lines and files far larger than any real ruleset, and
/// the faults a mutation sweep over the samples found. Each must end with a rule set or an <see cref="InputException"/>
/// at a place, in time and memory that grow with the file, never more.
/// </summary>
public sealed class IptablesHostileInputTests
{
    private static string[] Loops(RuleSet set) =>
        [.. set.NotUnderstood.Where(n => n.Construct == "jump cycle").Select(n => $"{n.Location.Line}: {n.Text} {n.Effect}")];

    [Theory]
    [InlineData("-j")]
    [InlineData("-g")]
    public void A_chain_that_jumps_to_itself_is_read_and_its_loop_listed(string jump)
    {
        var set = Read($"*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n-A INPUT -j A\n-A A {jump} A\nCOMMIT\n");

        Assert.Equal(["5: A -> A; the kernel refuses a ruleset whose jumps loop ChainUncertain"], Loops(set));
    }

    [Fact]
    public void A_loop_through_several_chains_is_listed_once_at_its_first_jump()
    {
        var set = Read("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n:C - [0:0]\n-A INPUT -j A\n-A A -p tcp -j B\n-A B -g C\n-A C -j A\nCOMMIT\n");

        Assert.Equal(["7: A -> B -> C -> A; the kernel refuses a ruleset whose jumps loop ChainUncertain"], Loops(set));
    }

    [Fact]
    public void Chains_of_the_same_name_in_two_tables_do_not_make_a_loop()
    {
        var set = Read("*mangle\n:PREROUTING ACCEPT [0:0]\n:A - [0:0]\n-A PREROUTING -j A\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n-A INPUT -j A\nCOMMIT\n");

        Assert.Empty(Loops(set));
    }

    [Fact]
    public void A_listing_whose_chains_jump_round_lists_the_loop()
    {
        const string listing = """
            Chain INPUT (policy ACCEPT)
            target     prot opt source               destination
            A          all  --  0.0.0.0/0            0.0.0.0/0

            Chain A (2 references)
            target     prot opt source               destination
            B          all  --  0.0.0.0/0            0.0.0.0/0

            Chain B (1 references)
            target     prot opt source               destination
            A          all  --  0.0.0.0/0            0.0.0.0/0            [goto]
            """;

        var set = RuleSetReader.Read(Encoding.UTF8.GetBytes(listing), TestFile, RuleSetFormat.Iptables);

        Assert.Equal(["7: A -> B -> A; the kernel refuses a ruleset whose jumps loop ChainUncertain"], Loops(set));
    }

    [Fact]
    public void Fifty_thousand_nested_chains_and_a_loop_through_all_of_them_are_read()
    {
        const int count = 50_000;
        var text = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n");
        for (var i = 0; i < count; i++) text.Append(":C").Append(i).Append(" - [0:0]\n");
        text.Append("-A INPUT -j C0\n");
        for (var i = 0; i < count; i++) text.Append("-A C").Append(i).Append(" -g C").Append((i + 1) % count).Append('\n');
        text.Append("COMMIT\n");

        var set = Read(text.ToString());

        Assert.Equal(count + 1, set.RuleCount);
        Assert.Equal($"{count + 4}: C0 -> C1 -> C2 -> C3 -> … (49,993 more) … -> C49997 -> C49998 -> C49999 -> C0; the kernel refuses a ruleset whose jumps loop ChainUncertain",
            Assert.Single(Loops(set)));
    }

    [Fact]
    public void A_line_longer_than_the_bound_is_refused_at_that_line()
    {
        var text = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment " + new string('x', InputLimits.MaxLineLength) + " -j ACCEPT\nCOMMIT\n";

        AssertLocation(Fails(text), 3, InputLimits.MaxLineLength + 1, "line longer than");
    }

    [Fact]
    public void Long_comma_lists_of_addresses_and_ports_are_merged_once()
    {
        var addresses = string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"10.{i >> 15 & 255}.{i >> 7 & 255}.{2 * i & 255}"));
        var ports = string.Join(",", Enumerable.Range(0, 30_000).Select(i => (2 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var rule = OneRule($"-s {addresses} -p tcp -m multiport --dports {ports} -j ACCEPT");

        Assert.Equal(60_000, rule.Source.Ranges.Length);
        Assert.Equal(30_000, rule.DestinationPorts.Ranges.Length);
    }

    [Fact]
    public void Words_quoted_in_errors_are_escaped()
    {
        AssertLocation(Fails(FilterTable("-p tcp -x\u202E -j ACCEPT")), 3, 17, "unknown option '-x\\x202E'");
    }

    [Fact]
    public void Masks_with_holes_stop_being_expanded_once_the_file_has_used_its_bound()
    {
        // 255.170.170.170 has eleven holes: 2,048 ranges each, so 488 masks fit in InputLimits.MaxExpansion.
        var text = new StringBuilder("*filter\n:INPUT DROP [0:0]\n");
        for (var i = 0; i < 1000; i++) text.Append($"-A INPUT -s 10.{i & 255}.0.0/255.170.170.170 -p tcp --dport {i + 1} -j ACCEPT\n");
        text.Append("COMMIT\n");

        var rules = Read(text.ToString()).FindChain("INPUT", "filter")!.Rules;

        Assert.Equal(InputLimits.MaxExpansion / 2048, rules.Count(r => r.Opaque.IsEmpty));
        Assert.Equal(2048, rules[0].Source.Ranges.Length);
        Assert.Equal("address-mask", Assert.Single(rules[^1].Opaque).Construct);
    }

    // Found by the mutation sweep over the samples: a bidi override pasted into a chain name was echoed raw in the
    // second half of the message, and a damaged listing with thousands of "Chain … (policy …)" lines named them all.
    [Fact]
    public void An_undeclared_chain_is_escaped_wherever_the_message_names_it()
    {
        var error = Fails("*filter\n:INPUT ACCEPT [0:0]\n-A FOR\u202EWARD -j ACCEPT\nCOMMIT\n");

        AssertLocation(error, 3, 4, "chain 'FOR\\x202EWARD' is not declared in table 'filter' (a ':FOR\\x202EWARD - [0:0]' line must come before its rules)");
    }

    [Fact]
    public void A_listing_with_thousands_of_chains_with_a_policy_names_a_few()
    {
        var text = new StringBuilder("Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination\n");
        for (var i = 0; i < 5000; i++) text.Append($"Chain X{i} (policy DROP)\n");

        var error = Assert.Throws<InputException>(() => RuleSetReader.Read(Encoding.UTF8.GetBytes(text.ToString()), TestFile, RuleSetFormat.Iptables));

        Assert.Equal("the chains with a policy (INPUT, X0, X1, X2, X3 and 4996 more) are not the built-in chains of one iptables table", error.Problem);
    }
}
