using System.Text;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>
/// Jumps that loop: the kernel refuses to load such a ruleset, so each group of chains that jump round is listed once,
/// at its first jump in the file (the same finder as iptables', Engine/RuleSets/JumpCycles), as leaving the chain
/// uncertain; the chains are still read.
/// </summary>
public sealed class NftablesJumpCycleTests
{
    private const string Refused = "; the kernel refuses a ruleset whose jumps loop";

    private static NotUnderstood[] Cycles(RuleSet ruleset) => [.. ruleset.NotUnderstood.Where(n => n.Construct == "jump cycle")];

    [Fact]
    public void A_chain_that_jumps_to_itself()
    {
        var ruleset = Nft.Read("table inet t {\nchain a {\ntcp dport 22 accept\njump a\n}\n}\n");
        var cycle = Assert.Single(Cycles(ruleset));
        Assert.Equal((4, 1, NotUnderstoodEffect.ChainUncertain, "a -> a" + Refused),
            (cycle.Location.Line, cycle.Location.Column, cycle.Effect, cycle.Text));
        Assert.Equal(2, Nft.Chain(ruleset, "a").Rules.Length);
    }

    [Fact]
    public void Two_chains_that_goto_each_other_the_second_defined_later()
    {
        var ruleset = Nft.Read("table inet t {\nchain input { type filter hook input priority 0; jump a }\nchain a { goto b }\nchain b { tcp dport 22 goto a }\n}\n");
        var cycle = Assert.Single(Cycles(ruleset));
        Assert.Equal((3, 11, "a -> b -> a" + Refused), (cycle.Location.Line, cycle.Location.Column, cycle.Text));
    }

    [Fact]
    public void A_jump_of_a_verdict_map_closes_a_loop_once()
    {
        var ruleset = Nft.Read("table inet t {\nchain a { jump b }\nchain b { tcp dport vmap { 22 : jump a, 80 : jump a, 443 : accept } }\n}\n");
        var cycle = Assert.Single(Cycles(ruleset));
        Assert.Equal((2, 11, "a -> b -> a" + Refused), (cycle.Location.Line, cycle.Location.Column, cycle.Text));
    }

    [Fact]
    public void Chains_reached_twice_without_a_loop_are_not_a_cycle()
    {
        var ruleset = Nft.Read("table inet t {\nchain a { jump b; jump c }\nchain b { jump d }\nchain c { jump d; goto d }\nchain d { accept }\n}\n");
        Assert.Empty(Cycles(ruleset));
    }

    [Fact]
    public void Chains_of_the_same_name_in_two_tables_are_not_one_chain()
    {
        var ruleset = Nft.Read("table inet t {\nchain a { jump b }\nchain b { }\n}\ntable ip u {\nchain b { jump a }\nchain a { }\n}\n");
        Assert.Empty(Cycles(ruleset));
    }

    [Fact]
    public void A_loop_through_50000_chains_is_found_without_recursion_and_named_short()
    {
        const int chains = 50_000;
        var text = new StringBuilder("table inet t {\n");
        for (var index = 0; index < chains; index++) text.Append($"chain c{index} {{ jump c{(index + 1) % chains} }}\n");
        text.Append("}\n");
        var cycle = Assert.Single(Cycles(Nft.Read(text.ToString())));
        Assert.Equal(2, cycle.Location.Line);
        Assert.StartsWith("c0 -> c1 -> c2 -> c3 -> … (49,993 more) … -> c4999", cycle.Text);
        Assert.EndsWith(" -> c0" + Refused, cycle.Text);
    }

    [Fact]
    public void Chains_that_loop_through_each_other_are_one_group_and_separate_loops_two()
    {
        // c1 and c2 each jump back to the chain that called them: one group of three chains.
        var ruleset = Nft.Read("table inet t {\nchain c0 { jump c1 }\nchain c1 { jump c0; jump c2 }\nchain c2 { jump c1 }\n}\n");
        Assert.Single(Cycles(ruleset));
        var apart = Nft.Read("table inet t {\nchain a { jump a }\nchain b { jump c }\nchain c { jump b }\n}\n");
        Assert.Equal(["a -> a" + Refused, "b -> c -> b" + Refused], Cycles(apart).Select(c => c.Text));
    }
}
