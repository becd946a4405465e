using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Tests.RuleSets;

/// <summary>
/// Jumps that loop, which the kernel refuses: found once each by <see cref="JumpCycles"/>, and never followed round and
/// round by the evaluator, whose walk stops the first time it comes back into a chain it is inside of.
/// </summary>
public sealed class JumpCyclesTests
{
    private const string File = "rules.txt";

    private static int _line;

    private static ImportedRule To(string target, RuleVerdict verdict = RuleVerdict.Jump)
    {
        var line = ++_line;
        return ImportedRule.Everything($"rule{line}", new SourceLocation(File, line, 1), $"{verdict} {target}", verdict) with { Target = target };
    }

    private static ImportedRule Accept() => ImportedRule.Everything($"rule{++_line}", new SourceLocation(File, _line, 1), "accept", RuleVerdict.Permit);

    private static RuleChain Chain(string name, params ImportedRule[] rules) => Chain(name, "filter", rules);

    private static RuleChain Chain(string name, string table, params ImportedRule[] rules) =>
        new(name, table, name == "INPUT" ? ChainKind.Base : ChainKind.User, name == "INPUT" ? "input" : null, 0,
            name == "INPUT" ? RuleVerdict.Permit : null, [.. rules], new SourceLocation(File, 1, 1));

    private static RuleSet Set(params RuleChain[] chains) => new(RuleSetFormat.Iptables, File, PolicySemantics.OrderedAcl, [.. chains], [], [], []);

    private static readonly Flow Smb = new(6, AddressRange.Parse("1.1.1.1").First, 1, AddressRange.Parse("2.2.2.2").First, 445);

    [Fact]
    public void A_chain_that_jumps_to_itself_is_one_entry_at_the_jump()
    {
        var self = To("A");
        var found = Assert.Single(JumpCycles.Find(Set(Chain("INPUT", To("A")), Chain("A", self))));

        Assert.Equal(self.Location, found.Location);
        Assert.Equal("jump cycle", found.Construct);
        Assert.Equal("A -> A; the kernel refuses a ruleset whose jumps loop", found.Text);
        Assert.Equal(NotUnderstoodEffect.ChainUncertain, found.Effect);
    }

    [Fact]
    public void A_goto_loop_through_several_chains_names_them_in_order_from_its_first_jump()
    {
        var first = To("B", RuleVerdict.Goto);
        var set = Set(Chain("INPUT", To("A")), Chain("A", first), Chain("B", To("C")), Chain("C", To("A", RuleVerdict.Goto)));

        var found = Assert.Single(JumpCycles.Find(set));

        Assert.Equal(first.Location, found.Location);
        Assert.Equal("A -> B -> C -> A; the kernel refuses a ruleset whose jumps loop", found.Text);
    }

    [Fact]
    public void Chains_that_share_a_loop_are_counted_and_separate_loops_are_separate_entries()
    {
        // B -> D -> B shares B with A -> B -> A: one group of three chains. E -> E is a loop of its own.
        var set = Set(Chain("A", To("B")), Chain("B", To("A"), To("D")), Chain("D", To("B")), Chain("E", To("E")));

        var found = JumpCycles.Find(set);

        Assert.Equal(["A -> B -> A; the kernel refuses a ruleset whose jumps loop (1 more chain jumps in the same loop)",
            "E -> E; the kernel refuses a ruleset whose jumps loop"], found.Select(n => n.Text));
    }

    [Fact]
    public void Jumps_that_meet_again_without_looping_and_chains_of_other_tables_are_no_loop()
    {
        // A diamond: two ways into D, none back. INPUT of another table has the same names, and its jump to A is its own.
        var set = Set(Chain("INPUT", To("A"), To("A")), Chain("A", To("B"), To("C")), Chain("B", To("D")), Chain("C", To("D")), Chain("D", Accept()),
            Chain("A", "mangle", To("B")), Chain("B", "mangle", Accept()), Chain("X", To("undefined")));

        Assert.Empty(JumpCycles.Find(set));
    }

    [Fact]
    public void Fifty_thousand_nested_chains_are_searched_without_recursion_and_a_loop_through_them_is_shortened()
    {
        const int count = 50_000;
        var straight = Enumerable.Range(0, count).Select(i => Chain($"C{i}", i + 1 < count ? [To($"C{i + 1}")] : [Accept()])).Prepend(Chain("INPUT", To("C0")));
        Assert.Empty(JumpCycles.Find(Set([.. straight])));

        var round = Enumerable.Range(0, count).Select(i => Chain($"C{i}", To($"C{(i + 1) % count}", RuleVerdict.Goto)));
        var found = Assert.Single(JumpCycles.Find(Set([.. round])));
        Assert.Equal("C0 -> C1 -> C2 -> C3 -> … (49,993 more) … -> C49997 -> C49998 -> C49999 -> C0; the kernel refuses a ruleset whose jumps loop", found.Text);
    }

    [Fact]
    public void Chain_names_in_the_text_are_escaped()
    {
        var found = Assert.Single(JumpCycles.Find(Set(Chain("A\u001b[31m", To("A\u001b[31m")))));
        Assert.StartsWith("A\\x1B[31m -> A\\x1B[31m;", found.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_adds_the_loops_in_line_order()
    {
        var earlier = new NotUnderstood(new SourceLocation(File, 0, 1), "x", "x", NotUnderstoodEffect.Skipped);
        var later = new NotUnderstood(new SourceLocation(File, int.MaxValue, 1), "y", "y", NotUnderstoodEffect.Skipped);
        var set = Set(Chain("A", To("A"))) with { NotUnderstood = [earlier, later] };

        Assert.Equal(["x", "jump cycle", "y"], JumpCycles.Annotate(set).NotUnderstood.Select(n => n.Construct));
        var clean = Set(Chain("A", Accept()));
        Assert.Same(clean, JumpCycles.Annotate(clean));
    }

    [Fact]
    public void The_walk_stops_once_at_a_jump_back_into_a_chain_it_is_in()
    {
        var self = To("A");
        var explanation = RuleSetEvaluator.Explain(Set(Chain("INPUT", To("A")), Chain("A", self)), Smb, new FlowContext(Hook: NetfilterHook.Input));

        Assert.Equal(FlowDecision.Uncertain, explanation.Decision);
        Assert.Equal($"{self.Id} jumps back into chain 'A' (a loop)", Assert.Single(explanation.Notes));
        Assert.All(explanation.Paths, path => Assert.Equal(2, path.Steps.Length));
    }

    [Fact]
    public void A_goto_loop_ends_instead_of_walking_for_ever()
    {
        // A goto replaces its frame, so the stack never grows: only the chains it came through show the loop.
        var back = To("A", RuleVerdict.Goto);
        var set = Set(Chain("INPUT", To("A")), Chain("A", To("B", RuleVerdict.Goto)), Chain("B", back));

        var explanation = RuleSetEvaluator.Explain(set, Smb, new FlowContext(Hook: NetfilterHook.Input));

        Assert.Equal(FlowDecision.Uncertain, explanation.Decision);
        Assert.Equal($"{back.Id} jumps back into chain 'A' (a loop)", Assert.Single(explanation.Notes));
    }

    [Fact]
    public void Entering_a_chain_again_after_it_returned_is_no_loop()
    {
        var log = Chain("LOG_IT", ImportedRule.Everything("log", new SourceLocation(File, 1, 1), "log", RuleVerdict.Continue));
        var set = Set(Chain("INPUT", To("LOG_IT"), To("LOG_IT"), To("A", RuleVerdict.Goto)), log, Chain("A", To("LOG_IT"), Accept()));

        var explanation = RuleSetEvaluator.Explain(set, Smb, new FlowContext(Hook: NetfilterHook.Input));

        Assert.Equal(FlowDecision.Permit, explanation.Decision);
        Assert.Empty(explanation.Notes);
    }

    [Fact]
    public void Fifty_thousand_nested_chains_stop_at_the_depth_bound_with_a_note()
    {
        const int count = 50_000;
        var chains = Enumerable.Range(0, count).Select(i => Chain($"C{i}", i + 1 < count ? [To($"C{i + 1}")] : [Accept()])).Prepend(Chain("INPUT", To("C0")));

        var explanation = RuleSetEvaluator.Explain(Set([.. chains]), Smb, new FlowContext(Hook: NetfilterHook.Input));

        Assert.Equal(FlowDecision.Uncertain, explanation.Decision);
        Assert.EndsWith(": chains nest deeper than 64", Assert.Single(explanation.Notes), StringComparison.Ordinal);
    }
}
