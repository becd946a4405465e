using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>Input nft itself would refuse: one <see cref="InputException"/> naming file, line and column.</summary>
public sealed class NftablesBadInputTests
{
    private static void AssertRefused(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<InputException>(() => Nft.Read(text));
        Assert.Equal((Nft.File, line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal(problem, error.Problem);
        Assert.Equal($"{Nft.File}:{line}:{column}: {problem}", error.Message);
    }

    private static InputException RefusedBytes(byte[] bytes) => RefusedBytes(bytes, RuleSetFormat.Nftables);

    private static InputException RefusedBytes(byte[] bytes, RuleSetFormat? format) =>
        Assert.Throws<InputException>(() => RuleSetReader.Read(bytes, "bad.nft", format));

    [Fact]
    public void A_truncated_file_names_the_brace_never_closed()
    {
        AssertRefused("table inet f {\n  chain input {\n    type filter hook input priority 0;\n    tcp dport 22 accept\n", 5, 1,
            "the file ends inside chain input of table inet f: the '{' at line 2 column 15 is never closed (a truncated file?)");
        AssertRefused("table inet f {\n  set s { type ipv4_addr; elements = { 10.0.0.1,", 2, 49,
            "the file ends inside a set: the '{' at line 2 column 38 is never closed (a truncated file?)");
    }

    [Fact]
    public void A_closing_brace_too_many()
    {
        AssertRefused("table inet f {\n  chain input {\n  }\n}\n}\n", 5, 1, "unexpected '}': it closes no block (one '}' too many)");
    }

    [Fact]
    public void An_unknown_top_level_keyword()
    {
        AssertRefused("flush ruleset\ntabel inet filter {\n}\n", 2, 1,
            "unknown statement 'tabel'; expected table, chain, rule, set, map, element, add, insert, flush, delete, define or include");
    }

    [Fact]
    public void An_unknown_keyword_in_a_table()
    {
        AssertRefused("table inet f {\n  chian input { }\n}\n", 2, 3,
            "unknown statement 'chian' in table inet f; expected chain, set, map, flags, comment or a named object (counter, quota, limit, ct helper …)");
    }

    [Fact]
    public void A_jump_to_an_undefined_chain()
    {
        AssertRefused("table inet f {\n  chain input {\n    tcp dport 22 jump nowhere\n  }\n}\n", 3, 23, "jump to chain 'nowhere', which does not exist in table inet f");
        AssertRefused("table inet f {\n  chain input {\n    tcp dport vmap { 22 : goto gone }\n  }\n}\n", 3, 32, "jump to chain 'gone', which does not exist in table inet f");
    }

    [Fact]
    public void A_port_out_of_range()
    {
        AssertRefused("table inet f {\n  chain input {\n    tcp dport 70000 accept\n  }\n}\n", 3, 15, "port 70000 is out of range 0-65535");
        AssertRefused("define P = { 22, 70000 }\ntable inet f { chain input { tcp dport $P accept } }\n", 1, 18, "port 70000 is out of range 0-65535");
        AssertRefused("table ip f { chain c { udp dport 200-100 accept } }\n", 1, 34, "port range '200-100' runs backwards");
    }

    [Fact]
    public void Values_of_the_wrong_kind()
    {
        AssertRefused("table ip f { chain c { ip saddr 10.0.0.300 accept } }\n", 1, 33, "'10.0.0.300' is not an IPv4 address, prefix or range");
        AssertRefused("table ip f { chain c { ip saddr 10.0.0.0/33 accept } }\n", 1, 33, "'10.0.0.0/33' has a prefix length outside 0-32");
        AssertRefused("table ip f { chain c { ip saddr fe80::1 accept } }\n", 1, 33, "'fe80::1' is an IPv6 address where an IPv4 address is expected");
        AssertRefused("table ip f { chain c { meta l4proto tcpp accept } }\n", 1, 37, "'tcpp' is not a protocol name or a number 0-255");
        AssertRefused("table ip f { chain c { ct state fresh accept } }\n", 1, 33, "'fresh' is not a connection state (new, established, related, invalid, untracked)");
        AssertRefused("table ip f { chain c { tcp dport nosuchservice accept } }\n", 1, 34, "'nosuchservice' is not a port number, port range or service name");
        AssertRefused("table ip f { chain c { tcp dport } }\n", 1, 33, "'tcp dport' needs a value to compare with");
    }

    [Fact]
    public void Undefined_names()
    {
        AssertRefused("table ip f { chain c { ip saddr @admins accept } }\n", 1, 33, "set 'admins' does not exist in table ip f");
        AssertRefused("table inet f { set v6 { type ipv6_addr; }\nchain c { ip saddr @v6 accept } }\n", 2, 20, "set 'v6' holds IPv6 addresses, but 'ip saddr' matches IPv4");
        AssertRefused("table inet f { set s { type inet_service; }\nchain c { tcp dport vmap @s } }\n", 2, 26, "'s' is a set, not a verdict map");
        AssertRefused("table ip f { chain c { tcp dport $SSH accept } }\n", 1, 34, "variable $SSH is not defined (a 'define SSH = …' must come before its use)");
        AssertRefused("add rule ip f c accept\n", 1, 13, "table ip f does not exist (declare it with 'table' before this 'rule')");
        AssertRefused("table ip f { }\nadd rule ip f c accept\n", 2, 15, "chain 'c' does not exist in table ip f");
    }

    [Fact]
    public void Malformed_chain_definitions()
    {
        AssertRefused("table ip f { chain c { type filter hook inbound priority 0; } }\n", 1, 41,
            "unknown hook 'inbound'; expected one of egress, forward, ingress, input, output, postrouting, prerouting");
        AssertRefused("table ip f { chain c { type filter hook input priority first; } }\n", 1, 56,
            "priority 'first' is not defined for the ip family; known: dstnat, filter, mangle, raw, security, srcnat");
        AssertRefused("table ip f { chain c { type filter hook input priority 0; policy reject; } }\n", 1, 66, "a chain policy is 'accept' or 'drop', not 'reject'");
        AssertRefused("table bridge f { chain c { type filter hook input priority mangle; } }\n", 1, 60,
            "priority 'mangle' is not defined for the bridge family; known: dstnat, filter, out, srcnat");
    }

    [Fact]
    public void An_unclosed_string()
    {
        AssertRefused("table ip f {\n  chain c { iifname \"eth0 accept }\n}\n", 2, 21, "the string opened here is not closed (a '\"' is missing)");
    }

    [Fact]
    public void Garbage_bytes_are_refused_where_they_are()
    {
        var bytes = Encoding.UTF8.GetBytes("table ip f {\n  chain c { accept }\n}\n").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0x00 }).ToArray();
        var error = RefusedBytes(bytes);
        Assert.Equal(("bad.nft", 4, 1), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal("not UTF-8 text (wrong encoding or a binary file)", error.Problem);

        var control = RefusedBytes(Encoding.UTF8.GetBytes("table ip f {\n  chain c { acc\u0001ept }\n}\n"));
        Assert.Equal(("bad.nft", 2, 16), (control.Location.File, control.Location.Line, control.Location.Column));
        Assert.Equal("unexpected character U+0001: not nftables text (a binary file or a wrong encoding?)", control.Problem);
    }

    [Fact]
    public void Wrong_encodings_are_refused()
    {
        // A Latin-1 comment ("café"), found by format detection as the CLI does.
        var latin1 = Encoding.Latin1.GetBytes("flush ruleset\n# caf\u00e9\ntable ip f { chain c { accept } }\n");
        var error = RefusedBytes(latin1, format: null);
        Assert.Equal(("bad.nft", 2, 6), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal("not UTF-8 text (wrong encoding or a binary file)", error.Problem);

        // UTF-16 without its byte order mark: every other byte is NUL.
        var utf16 = Encoding.Unicode.GetBytes("table ip f { chain c { accept } }\n");
        var nul = RefusedBytes(utf16);
        Assert.Equal(("bad.nft", 1, 2), (nul.Location.File, nul.Location.Line, nul.Location.Column));
        Assert.Equal("unexpected character U+0000: not nftables text (a binary file or a wrong encoding?)", nul.Problem);
    }

    [Fact]
    public void A_utf16_file_with_its_byte_order_mark_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("table ip f { chain c { tcp dport 22 accept } }\n")).ToArray();
        var ruleset = RuleSetReader.Read(bytes, "utf16.nft", RuleSetFormat.Nftables);
        Assert.Equal("22", Assert.Single(ruleset.Chains[0].Rules).DestinationPorts.ToString());
    }

    [Fact]
    public void Tokens_after_a_complete_statement()
    {
        AssertRefused("table ip f { } extra\n", 1, 16, "unexpected 'extra' after the 'table' statement of line 1");
        AssertRefused("table ip f { chain c { } } }\n", 1, 28, "unexpected '}': it closes no block (one '}' too many)");
    }
}
