using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>
/// Files built to break the reader (issue 10): each is refused with a location and a short message, or read,
/// and never takes the process down. The inputs are generated here, not checked in.
/// </summary>
public sealed class NftablesHostileInputTests
{
    private const string Nesting = "nesting deeper than 256 levels";

    private static InputException Refused(string text, int line, int column)
    {
        var error = Assert.Throws<InputException>(() => Nft.Read(text));
        Assert.Equal((Nft.File, line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        return error;
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private const string InputChain = "table inet t { chain c { type filter hook input priority 0; ";

    [Fact]
    public void Sets_nested_200000_deep_are_refused_at_the_first_brace_too_many()
    {
        var text = InputChain + "tcp dport " + Repeat("{ ", 200_000) + "22" + Repeat(" }", 200_000) + " accept } }\n";
        // The table and the chain open two braces: the 255th set is the 257th brace.
        var column = InputChain.Length + "tcp dport ".Length + 254 * 2 + 1;
        Assert.Equal(Nesting, Refused(text, 1, column).Problem);
    }

    [Fact]
    public void Sets_nested_to_the_limit_are_read()
    {
        var text = InputChain + "tcp dport " + Repeat("{ ", 254) + "22" + Repeat(" }", 254) + " accept } }\n";
        var rule = Assert.Single(Nft.Chain(Nft.Read(text), "c").Rules);
        Assert.Equal((RuleVerdict.Permit, "22"), (rule.Verdict, rule.DestinationPorts.ToString()));
    }

    [Fact]
    public void Braces_of_blocks_count_too()
    {
        var text = "table inet t {\nchain c {\n" + Repeat("{\n", 100_000) + Repeat("}\n", 100_000) + "}\n}\n";
        // Line 3 holds the third brace; the 257th is on line 257.
        Assert.Equal(Nesting, Refused(text, 257, 1).Problem);
    }

    [Fact]
    public void Nested_keys_of_a_verdict_map_are_refused()
    {
        var text = InputChain + "tcp dport vmap { " + Repeat("{ ", 300) + "22" + Repeat(" }", 300) + " : accept } } }\n";
        Assert.Equal(Nesting, Refused(text, 1, InputChain.Length + "tcp dport vmap { ".Length + 253 * 2 + 1).Problem);
    }

    [Fact]
    public void Parentheses_nested_200000_deep_are_refused_at_the_first_one_too_many()
    {
        var prefix = InputChain + "tcp dport ";
        var text = prefix + Repeat("(", 200_000) + "22" + Repeat(")", 200_000) + " accept } }\n";
        Assert.Equal(Nesting, Refused(text, 1, prefix.Length + 257).Problem);
    }

    [Fact]
    public void Sets_nested_through_variables_are_refused_at_the_brace_of_the_definition()
    {
        // Each definition opens one brace, so the file never nests; the value nests 300 deep.
        var text = new StringBuilder("define v0 = 22\n");
        for (var level = 1; level <= 300; level++) text.Append($"define v{level} = {{ $v{level - 1} }}\n");
        text.Append(InputChain).Append("tcp dport $v300 accept } }\n");
        // Read from the outside in: the 257th set is v44's, defined on line 45.
        var error = Refused(text.ToString(), 45, "define v44 = {".Length);
        Assert.Equal(Nesting, error.Problem);
    }

    [Fact]
    public void A_chain_of_200000_masks_does_not_recurse()
    {
        var text = InputChain + "tcp flags syn" + Repeat(" / syn", 100_000) + " accept } }\n";
        var ruleset = Nft.Read(text);
        // One value and one mask are a match; the next '/' starts nothing nft knows.
        var note = Assert.Single(ruleset.NotUnderstood, n => n.Effect == NotUnderstoodEffect.ChainUncertain);
        Assert.Equal(("/", 1), (note.Construct, note.Location.Line));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_at_its_start()
    {
        var text = "table inet t {\n# " + new string('x', InputLimits.MaxLineLength) + "\n}\n";
        Assert.Equal("line longer than 1,048,576 characters", Refused(text, 2, 1).Problem);

        var longest = "table inet t {\n#" + new string('x', InputLimits.MaxLineLength - 1) + "\n}\n";
        var read = Nft.Read(longest);
        Assert.Equal((0, 0), (read.Chains.Length, read.NotUnderstood.Length));
    }

    [Fact]
    public void Definitions_that_double_40_times_are_refused_before_they_are_copied()
    {
        var text = new StringBuilder("define v0 = 22\n");
        for (var level = 1; level <= 40; level++) text.Append($"define v{level} = {{ $v{level - 1}, $v{level - 1} }}\n");
        text.Append(InputChain).Append("tcp dport $v40 accept } }\n");
        // v16 is 262,141 tokens: the second copy of it in v17 (line 18) passes 1,000,000 with the copies before.
        var error = Refused(text.ToString(), 18, "define v17 = { $v16, ".Length + 1);
        Assert.Equal("'$v16': the variables of this file expand to more than 1,000,000 values (a definition that uses another twice doubles it)", error.Problem);
    }

    [Fact]
    public void A_definition_that_uses_itself_is_refused_where_it_does()
    {
        Assert.Equal("variable $v is used in its own definition (nft expands a definition where it is written, so it cannot refer to itself)",
            Refused("define v = { $v, 22 }\n", 1, 14).Problem);
        // Two definitions that use each other: the first names one not defined yet.
        Assert.Equal("variable $b is not defined (a 'define b = …' must come before its use)", Refused("define a = $b\ndefine b = $a\n", 1, 12).Problem);
    }

    [Fact]
    public void A_redefinition_may_use_the_value_it_replaces()
    {
        var text = "define p = 22\nredefine p = { $p, 80 }\n" + InputChain + "tcp dport $p accept } }\n";
        Assert.Equal("22,80", Assert.Single(Nft.Chain(Nft.Read(text), "c").Rules).DestinationPorts.ToString());
    }

    [Fact]
    public void Input_quoted_in_a_message_is_shortened()
    {
        var prefix = InputChain + "tcp dport ";
        var parentheses = prefix + Repeat("(", 200) + "22" + Repeat(")", 200) + " accept } }\n";
        Assert.Equal($"'{new string('(', 80)}…' is not a port number, port range or service name", Refused(parentheses, 1, prefix.Length + 1).Problem);

        var word = InputChain + "jump " + new string('c', 100_000) + " } }\n";
        Assert.Equal($"jump to chain '{new string('c', 80)}…', which does not exist in table inet t", Refused(word, 1, InputChain.Length + 6).Problem);
    }

    [Fact]
    public void Control_characters_quoted_in_a_message_are_escaped()
    {
        // Strings may hold any character but a newline; an ESC must not reach the terminal.
        var text = InputChain + "jump \"evil\u001b[2J\u202Ename\" } }\n";
        Assert.Equal("jump to chain 'evil\\x1B[2J\\x202Ename', which does not exist in table inet t", Refused(text, 1, InputChain.Length + 6).Problem);
    }

    [Fact]
    public void Not_understood_entries_are_shortened_and_escaped()
    {
        var rule = "frobnicate" + Repeat(" widget", 1000) + " \"a\u001bb\"";
        var ruleset = Nft.Read(InputChain + rule + " } }\n");
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal(("frobnicate", NotUnderstoodEffect.ChainUncertain), (note.Construct, note.Effect));
        Assert.Equal(PortImpact.Formats.RuleSets.Nftables.NftablesReader.MaxNoteText + 1, note.Text.Length);
        Assert.Equal(rule[..PortImpact.Formats.RuleSets.Nftables.NftablesReader.MaxNoteText] + "…", note.Text);

        var word = new string('z', 5_000);
        var construct = Assert.Single(Nft.Read(InputChain + word + " \"\u001b\" } }\n").NotUnderstood).Construct;
        Assert.Equal(new string('z', InputLimits.MaxEcho) + "…", construct);

        var escaped = Assert.Single(Nft.Read(InputChain + "frobnicate \"\u001b\" } }\n").NotUnderstood).Text;
        Assert.Equal("frobnicate \"\\x1B\"", escaped);
    }

    [Fact]
    public void Conditions_kept_on_a_rule_are_shortened()
    {
        var names = string.Join(", ", Enumerable.Range(0, 1000).Select(n => $"\"eth{n}\""));
        var rule = Assert.Single(Nft.Chain(Nft.Read(InputChain + $"iifname {{ {names} }} accept }} }}\n"), "c").Rules);
        var opaque = Assert.Single(rule.Opaque);
        Assert.Equal(PortImpact.Formats.RuleSets.Nftables.NftablesReader.MaxNoteText + 1, opaque.Text.Length);
        Assert.StartsWith("iifname { \"eth0\", \"eth1\"", opaque.Text, StringComparison.Ordinal);
    }
}
