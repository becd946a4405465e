using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.Tests.RuleSets.CiscoIos;

/// <summary>
/// Configurations built to hurt the reader (issue 10): object-groups that multiply, nest or are named far more often
/// than real ones, long lists of removals, lines too long. Each ends with a rule set or an error at a place, in time
/// and memory that grow with the file.
/// </summary>
public sealed partial class CiscoIosReaderTests
{
    [Fact]
    public void Groups_that_include_the_same_group_twice_at_every_level_do_not_double_per_level()
    {
        // Forty lines each naming the next group twice: 2^40 alternatives if every way to G40 were copied.
        var text = new StringBuilder();
        for (var i = 0; i < 40; i++) text.Append($"object-group service G{i}\n group-object G{i + 1}\n group-object H{i + 1}\nobject-group service H{i + 1}\n group-object G{i + 1}\n");
        text.Append("object-group service G40\n tcp eq 80\n udp eq 53\nip access-list extended A\n permit object-group G0 any any\n");

        var set = Read(text.ToString());

        Assert.Equal(["A:10.1", "A:10.2"], set.Chains.Single().Rules.Select(r => r.Id));
    }

    [Fact]
    public void Groups_nested_deeper_than_the_bound_are_refused_at_the_line_that_goes_too_deep()
    {
        const int depth = 300;
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++) text.Append($"object-group network N{i}\n group-object N{i + 1}\n");
        text.Append($"object-group network N{depth}\n host 10.0.0.1\naccess-list 101 permit ip object-group N0 any\n");

        var error = Fails(text.ToString());

        Assert.Equal($"object-groups nest deeper than {InputLimits.MaxNesting} levels through group-object", error.Problem);
        Assert.Equal(2 * InputLimits.MaxNesting, error.Location.Line);
    }

    [Fact]
    public void A_network_group_that_would_copy_more_than_the_bound_is_refused()
    {
        var text = new StringBuilder("object-group network BIG\n");
        for (var i = 0; i < 2000; i++) text.Append($" host 10.0.{2 * i >> 8}.{2 * i & 255}\n");
        // Each of these adds one host to all of BIG: TOP would copy 600 x 2,001 ranges, past InputLimits.MaxExpansion.
        for (var g = 0; g < 600; g++) text.Append($"object-group network N{g}\n group-object BIG\n host 9.9.{g >> 8}.{g & 255}\n");
        text.Append("object-group network TOP\n");
        for (var g = 0; g < 600; g++) text.Append($" group-object N{g}\n");
        text.Append("access-list 101 permit ip object-group TOP any\n");

        var error = Fails(text.ToString());

        Assert.Equal($"object-group TOP expands into more than {InputLimits.MaxExpansion:N0} members through group-object", error.Problem);
    }

    [Fact]
    public void A_group_that_only_names_one_other_group_shares_its_addresses()
    {
        var text = new StringBuilder("object-group network BIG\n");
        for (var i = 0; i < 5000; i++) text.Append($" host 10.0.{i >> 8}.{i & 255}\n");
        for (var g = 0; g < 1000; g++) text.Append($"object-group network N{g}\n group-object BIG\n group-object BIG\n");
        for (var g = 0; g < 1000; g++) text.Append($"access-list 101 permit ip object-group N{g} any\n");

        var set = Read(text.ToString());

        Assert.Equal(1000, set.RuleCount);
        Assert.All(set.Chains.Single().Rules, r => Assert.Same(set.Chains.Single().Rules[0].Source, r.Source));
    }

    [Fact]
    public void A_service_group_named_by_many_entries_is_merged_once_and_its_rules_are_bounded()
    {
        var group = new StringBuilder("object-group service MANY\n");
        for (var i = 0; i < 2000; i++) group.Append($" tcp source eq {i + 1} eq 80\n tcp source eq {i + 1} eq 443\n");
        var some = new StringBuilder(group.ToString()).Append("ip access-list extended A\n");
        for (var i = 0; i < 100; i++) some.Append($" permit object-group MANY host 10.0.0.{i} any\n");

        var set = Read(some.ToString());

        // 4,000 members, two per source port: 2,000 rules per entry, each with both destination ports.
        Assert.Equal(200_000, set.RuleCount);
        Assert.Equal("80,443", set.Chains.Single().Rules[0].DestinationPorts.ToString());

        var many = new StringBuilder(group.ToString()).Append("ip access-list extended A\n");
        for (var i = 0; i < 600; i++) many.Append($" permit object-group MANY host 10.0.{i >> 8}.{i & 255} any\n");
        var error = Fails(many.ToString());
        Assert.Equal($"service object-groups expand this file's entries into more than {InputLimits.MaxExpansion:N0} rules beyond one per entry", error.Problem);
        Assert.Equal(4002 + 501, error.Location.Line);
    }

    [Fact]
    public void Fifty_thousand_removals_by_text_each_find_their_entry_without_a_scan()
    {
        const int count = 50_000;
        var text = new StringBuilder("ip access-list extended A\n");
        for (var i = 0; i < count; i++) text.Append($" permit tcp host 10.0.{i >> 8}.{i & 255} any eq 80\n");
        for (var i = 0; i < count; i++) text.Append($" no permit tcp host 10.0.{i >> 8}.{i & 255} any eq 80\n");
        text.Append(" permit tcp any any eq 22\n");

        var set = Read(text.ToString());

        // The list emptied, so the next entry is numbered 10 again.
        Assert.Equal(["A:10"], set.Chains.Single().Rules.Select(r => r.Id));
    }

    [Fact]
    public void A_line_longer_than_the_bound_is_refused_at_that_line()
    {
        var text = "hostname r1\n!\nbanner motd ^C" + new string('x', InputLimits.MaxLineLength) + "^C\n";

        AssertFails(text, 3, InputLimits.MaxLineLength + 1, $"line longer than {InputLimits.MaxLineLength:N0} characters");
    }

    [Fact]
    public void Words_quoted_in_errors_are_escaped()
    {
        AssertFails("access-list 101 permit tcp any any eq \u202Ehttp\n", 1, 39, "'\\x202Ehttp' is not a port number or an IOS tcp port name");
    }

    [Fact]
    public void Scattered_wildcards_stop_being_expanded_once_the_file_has_used_its_bound()
    {
        // 0.0.85.170 scatters eight bits: 256 ranges each, so 3,906 wildcards fit in InputLimits.MaxExpansion.
        var text = new StringBuilder("ip access-list extended A\n");
        for (var i = 0; i < 5000; i++) text.Append($" permit tcp 10.{i & 255}.0.0 0.0.85.170 any eq {i % 65535 + 1}\n");

        var rules = Read(text.ToString()).Chains.Single().Rules;

        Assert.Equal(InputLimits.MaxExpansion / 256, rules.Count(r => r.Opaque.IsEmpty));
        Assert.Equal(256, rules[0].Source.Ranges.Length);
        Assert.Equal("wildcard", Assert.Single(rules[^1].Opaque).Construct);
    }

    [Fact]
    public void Fifty_thousand_lists_deleted_last_first_leave_only_the_list_defined_after()
    {
        const int count = 50_000;
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append($"ip access-list extended N{i}\n permit tcp any any eq 80\n");
        for (var i = count - 1; i >= 0; i--) text.Append($"no ip access-list extended N{i}\n");
        text.Append("ip access-list extended N7\n permit ip any any\n");

        var set = Read(text.ToString());

        Assert.Equal(["N7:10 permit ip any any"], set.Chains.SelectMany(c => c.Rules).Select(r => $"{r.Id} {r.Text}"));
    }
}
