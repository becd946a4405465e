using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>
/// Large files that are nftables all the same: read in time linear in their size. No timing is asserted; a step
/// quadratic in the size (50,000 chains found by a linear search each, a set grown by a union per element) made
/// these take minutes, which the test run would show.
/// </summary>
public sealed class NftablesLargeInputTests
{
    /// <summary>10.X.Y.Z addresses two apart, so that no two merge into a range.</summary>
    private static IEnumerable<string> SpreadAddresses(int count) =>
        Enumerable.Range(1, count).Select(n => $"10.{(n >> 15) & 255}.{(n >> 7) & 255}.{(n * 2) & 255}");

    /// <summary>Elements eight to a line, as <c>nft list ruleset</c> wraps them.</summary>
    private static string Elements(IEnumerable<string> values) =>
        string.Join(",\n", values.Chunk(8).Select(line => string.Join(", ", line)));

    [Fact]
    public void Fifty_thousand_chains_jumping_one_to_the_next()
    {
        const int chains = 50_000;
        var text = new StringBuilder("table inet t {\nchain input { type filter hook input priority 0; jump c0 }\n");
        for (var index = 0; index < chains - 1; index++) text.Append($"chain c{index} {{\ntcp dport 22 drop\njump c{index + 1}\n}}\n");
        text.Append($"chain c{chains - 1} {{ accept }}\n}}\n");
        var ruleset = Nft.Read(text.ToString());
        Assert.Equal((chains + 1, 2 * chains), (ruleset.Chains.Length, ruleset.RuleCount));
        Assert.Empty(ruleset.NotUnderstood);
        Assert.Equal(("c49999", RuleVerdict.Jump), (ruleset.Chains[^2].Rules[^1].Target, ruleset.Chains[^2].Rules[^1].Verdict));
    }

    [Fact]
    public void Fifty_thousand_tables_each_added_to_by_a_command()
    {
        var text = new StringBuilder();
        for (var index = 0; index < 50_000; index++) text.Append($"table ip t{index} {{ chain c {{ tcp dport 22 drop; }} }}\n");
        for (var index = 0; index < 50_000; index++) text.Append($"add rule ip t{index} c accept\n");
        var ruleset = Nft.Read(text.ToString());
        Assert.Equal((50_000, 100_000), (ruleset.Chains.Length, ruleset.RuleCount));
        Assert.Equal(RuleVerdict.Permit, ruleset.FindChain("c", "ip t49999")!.Rules[1].Verdict);
    }

    [Fact]
    public void An_anonymous_set_of_100000_addresses()
    {
        var text = $"table inet t {{ chain c {{ type filter hook input priority 0;\nip saddr {{\n{Elements(SpreadAddresses(100_000))}\n}} accept\n}} }}\n";
        var rule = Assert.Single(Nft.Chain(Nft.Read(text), "c").Rules);
        Assert.Equal(100_000, rule.Source.Ranges.Length);
        Assert.Equal(Nft.Addresses("10.0.0.4/32"), Core.Addresses.AddressSet.From([rule.Source.Ranges[1]]));
    }

    [Fact]
    public void A_named_set_of_100000_addresses_used_by_two_rules()
    {
        var text = $"table inet t {{\nset s {{ type ipv4_addr; elements = {{\n{Elements(SpreadAddresses(100_000))}\n}} }}\n"
            + "chain c { type filter hook input priority 0; ip saddr @s accept; ip daddr != @s drop }\n}\n";
        var rules = Nft.Chain(Nft.Read(text), "c").Rules;
        Assert.Equal(100_000, rules[0].Source.Ranges.Length);
        Assert.Equal(100_001, rules[1].Destination.Ranges.Length);
    }

    [Fact]
    public void A_set_of_every_other_port()
    {
        var ports = Enumerable.Range(0, 32_768).Select(n => (n * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = $"table inet t {{ chain c {{ type filter hook input priority 0;\ntcp dport {{\n{Elements(ports)}\n}} accept\n}} }}\n";
        Assert.Equal(32_768, Assert.Single(Nft.Chain(Nft.Read(text), "c").Rules).DestinationPorts.Ranges.Length);
    }

    [Fact]
    public void A_verdict_map_of_100000_elements_gives_a_rule_each()
    {
        var elements = SpreadAddresses(100_000).Select((address, index) => $"{address} : {(index % 2 == 0 ? "accept" : "drop")}");
        var text = $"table inet t {{ chain c {{ type filter hook input priority 0;\nip saddr vmap {{\n{Elements(elements)}\n}}\n}} }}\n";
        Assert.Equal(100_000, Nft.Chain(Nft.Read(text), "c").Rules.Length);
    }

    [Fact]
    public void Concatenated_sets_that_multiply_past_a_million_rules_are_refused()
    {
        // 1,001 pairs times 1,000 pairs: a million and a thousand rules from one rule.
        var sources = string.Join(", ", SpreadAddresses(1_001).Select(a => $"{a} . 22"));
        var destinations = string.Join(", ", SpreadAddresses(1_000).Select(a => $"{a} . 80"));
        var text = $"table inet t {{ chain c {{ type filter hook input priority 0;\nip saddr . tcp dport {{ {sources} }} ip daddr . tcp sport {{ {destinations} }} accept\n}} }}\n";
        var error = Assert.Throws<InputException>(() => Nft.Read(text));
        Assert.Equal((2, 1), (error.Location.Line, error.Location.Column));
        Assert.Equal("this rule expands to more than 1,000,000 rules, with the rules expanded before it (one per element of a verdict map or of a concatenated set, multiplied when a rule has several)",
            error.Problem);
    }
}
