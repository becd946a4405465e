using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary><c>rules explain FILE --flow …</c>: one flow decided by the file's own semantics, with the deciding rule's file and line.</summary>
public sealed class RulesExplainTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string SmbFlow = "tcp 10.0.0.5:50123 -> 10.1.0.20:445";

    /// <summary>The flow as a shell passes it unquoted: five tokens.</summary>
    private static string[] Tokens(string flow) => flow.Split(' ');

    private static CliResult Explain(string file, string flow, params string[] options) =>
        Cli.Ok(["rules", "explain", file, "--flow", .. Tokens(flow), "--lang", "en", .. options]);

    private static JsonElement ExplainJson(string file, string flow, params string[] options) =>
        Cli.Ok(["rules", "explain", file, "--flow", flow, "--report", "json", .. options]).Json();

    private static string[] Lines(CliResult result) => result.Out.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    [Theory]
    [InlineData("tcp 10.0.0.5:50123 10.1.0.20:445")]      // without the arrow a shell would take as a redirection
    [InlineData("tcp 10.0.0.5:50123 to 10.1.0.20:445")]
    [InlineData("TCP 10.0.0.5:50123->10.1.0.20:445")]
    public void Flow_as_separate_tokens_as_one_quoted_token_and_without_the_arrow_gives_the_same_answer(string other)
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var tokens = Cli.Ok(["rules", "explain", file, "--flow", .. Tokens(SmbFlow), "--lang", "en"]).Out;
        var quoted = Cli.Ok("rules", "explain", file, "--flow", SmbFlow, "--lang", "en").Out;
        Assert.Equal(tokens, quoted);
        Assert.Contains($"Flow: {SmbFlow}", tokens);
        Assert.Equal(tokens, Cli.Ok(["rules", "explain", file, "--flow", .. Tokens(other), "--lang", "en"]).Out);
        Assert.Equal(tokens, Cli.Ok("rules", "explain", file, "--flow", other, "--lang", "en").Out);
    }

    /// <summary>A model whose inter-site router takes its rules from an iptables file and whose points and hosts have policies of their own.</summary>
    private string ModelWithRules()
    {
        _dir.File("wan.rules", RuleFiles.Iptables);
        return _dir.File("model.yaml",
            "name: explain",
            "sites:",
            "  - { name: hq, subnets: [10.1.0.0/16] }",
            "  - { name: branch, subnets: [10.0.0.0/16] }",
            "  - { name: lab, subnets: [10.9.0.0/16] }",
            "links:",
            "  - { between: [hq, branch], via: wan, rules: wan.rules }",
            "  - { between: [hq, lab], via: lab-fw }",
            "hosts:",
            "  - { name: fs1, site: hq, address: 10.1.0.20, roles: [file-server] }",
            "  - { name: pcs, site: branch, subnet: 10.0.0.0/24, roles: [workstation] }",
            "  - { name: labpc, site: lab, address: 10.9.0.5, roles: [workstation] }",
            "policies:",
            "  - at: lab-fw",
            "    default: deny",
            "    rules:",
            "      - { action: permit, protocol: tcp, ports: 445, from: labpc, to: fs1 }",
            "  - at: host:fs1",
            "    rules:",
            "      - { action: block, direction: in, protocol: tcp, ports: 139, from: lab }");
    }

    [Fact]
    public void A_models_point_is_explained_by_its_rule_file_or_by_its_policy_in_the_model()
    {
        var model = ModelWithRules();
        var fromFile = Cli.Ok("rules", "explain", "--model", model, "--point", "wan", "--flow", SmbFlow, "--lang", "en").Out;
        Assert.Contains("Evaluated at: ", fromFile);
        Assert.Contains("wan.rules", fromFile);

        var smb = Cli.Ok("rules", "explain", "--model", model, "--point", "lab-fw", "--flow", "tcp 10.9.0.5 -> 10.1.0.20:445", "--lang", "en").Out;
        Assert.Contains("Decision: permit", smb);
        Assert.Contains($"decided by {model}:17 ", smb);
        var rdp = Cli.Ok("rules", "explain", "--model", model, "--point", "lab-fw", "--flow", "tcp 10.9.0.5 -> 10.1.0.20:3389", "--lang", "en").Out;
        Assert.Contains("Decision: deny", rdp);
        Assert.Contains("decided by the model's default for inbound traffic (deny)", rdp);

        var netbios = Cli.Ok("rules", "explain", "--model", model, "--point", "host:fs1", "--flow", "tcp 10.9.0.5 -> 10.1.0.20:139", "--lang", "en").Out;
        Assert.Contains("Decision: deny", netbios);
        Assert.Contains($"decided by {model}:20 ", netbios);
        // A host the model says nothing about has no host firewall: everything passes, as the engine takes it.
        var open = Cli.Ok("rules", "explain", "--model", model, "--point", "host:labpc", "--flow", "tcp 10.1.0.20 -> 10.9.0.5:445", "--lang", "en").Out;
        Assert.Contains("Decision: permit", open);

        Cli.AssertBadInput(Cli.Run("rules", "explain", "--model", model, "--point", "nowhere", "--flow", SmbFlow), "--point:1:1:", "no point 'nowhere'", "lab-fw");
    }

    [Fact]
    public void Iptables_jump_and_return_go_back_to_the_calling_chain()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var lines = Lines(Explain(file, SmbFlow));
        Assert.Equal($"Evaluated at: {file} (iptables, hook forward)", lines[1]);
        Assert.Equal("Decision: permit", lines[2]);
        Assert.Equal($"Way 1: permit, decided by {file}:9 (-A FORWARD -j ACCEPT)", lines[3]);
        Assert.Equal(
            [$"matched: FORWARD {file}:7", $"matched: SMB {file}:10", $"matched: FORWARD {file}:9"],
            lines[4..].Select(l => string.Join(' ', l.Trim().Split(' ').Take(3))));

        var json = ExplainJson(file, SmbFlow);
        Assert.Equal(("permit", "hook forward"), (json.Str("decision"), json.Str("at")));
        var path = Assert.Single(json.Items("paths"));
        Assert.Equal(("filter/FORWARD#3", 9), (path.Str("decidedBy"), path.GetProperty("line").GetInt32()));
        Assert.Equal([7, 10, 9], path.Lines("steps"));
        Assert.All(path.Items("steps"), s => Assert.True(s.GetProperty("certain").GetBoolean()));
    }

    [Fact]
    public void Iptables_source_outside_the_returned_range_is_dropped_in_the_user_chain()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var text = Explain(file, "tcp 10.0.9.5:50123 -> 10.1.0.20:445").Out;
        Assert.Contains("Decision: deny", text);
        Assert.Contains($"Way 1: deny, decided by {file}:11 (-A SMB -j DROP)", text);

        var path = Assert.Single(ExplainJson(file, "tcp 10.0.9.5:50123 -> 10.1.0.20:445").Items("paths"));
        Assert.Equal(("deny", "filter/SMB#2", 11), (path.Str("outcome"), path.Str("decidedBy"), path.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Iptables_goto_falls_back_to_the_caller_of_the_calling_chain()
    {
        var file = _dir.File("goto.rules",
            "*filter",
            ":INPUT ACCEPT [0:0]",
            ":FORWARD ACCEPT [0:0]",
            ":OUTPUT ACCEPT [0:0]",
            ":A - [0:0]",
            ":B - [0:0]",
            "-A FORWARD -p tcp -j A",
            "-A FORWARD -p tcp --dport 445 -j DROP",       // 8: where B's end returns to
            "-A A -g B",
            "-A A -j ACCEPT",                              // 10: never reached after the goto
            "-A B -s 10.9.0.0/16 -j DROP",
            "COMMIT");
        var path = Assert.Single(ExplainJson(file, SmbFlow).Items("paths"));
        Assert.Equal(("deny", 8), (path.Str("outcome"), path.GetProperty("line").GetInt32()));
        Assert.Equal([7, 9, 8], path.Lines("steps"));
    }

    [Fact]
    public void An_interface_condition_makes_the_decision_uncertain_with_both_ways()
    {
        var file = _dir.File("iface.rules",
            "*filter",
            ":INPUT ACCEPT [0:0]",
            ":FORWARD ACCEPT [0:0]",
            ":OUTPUT ACCEPT [0:0]",
            "-A FORWARD -i eth0 -p tcp --dport 445 -j DROP",
            "COMMIT");
        var lines = Lines(Explain(file, SmbFlow));
        Assert.Equal("Decision: uncertain", lines[2]);
        Assert.Contains($"Way 1: deny, decided by {file}:5 (-A FORWARD -i eth0 -p tcp --dport 445 -j DROP)", lines);
        Assert.Contains(lines, l => l.Trim().StartsWith($"may match: FORWARD {file}:5", StringComparison.Ordinal));
        Assert.Contains("Way 2: permit, decided by policy of FORWARD", lines);

        var json = ExplainJson(file, SmbFlow);
        Assert.Equal("uncertain", json.Str("decision"));
        var paths = json.Items("paths").ToArray();
        Assert.Equal(2, paths.Length);
        var deny = paths.Single(p => p.Str("outcome") == "deny");
        Assert.Equal(("filter/FORWARD#1", 5), (deny.Str("decidedBy"), deny.GetProperty("line").GetInt32()));
        Assert.False(deny.Items("steps").Single().GetProperty("certain").GetBoolean());
        var permit = paths.Single(p => p.Str("outcome") == "permit");
        Assert.Equal("policy of FORWARD", permit.Str("default"));
        Assert.False(permit.TryGetProperty("decidedBy", out _));

        // On another hook the rule is not on the way: certain again.
        Assert.Equal("permit", ExplainJson(file, SmbFlow, "--hook", "input").Str("decision"));
    }

    [Fact]
    public void An_unknown_module_makes_only_the_flows_it_could_match_uncertain()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var rpc = ExplainJson(file, "tcp 10.0.9.5:50123 -> 10.1.0.20:135");
        Assert.Equal("uncertain", rpc.Str("decision"));
        Assert.Equal([("deny", 8), ("permit", 9)],
            rpc.Items("paths").Select(p => (p.Str("outcome"), p.GetProperty("line").GetInt32())).Order());
        Assert.Equal("permit", ExplainJson(file, "tcp 10.0.9.5:50123 -> 10.1.0.20:80").Str("decision"));
    }

    [Fact]
    public void Nft_accept_in_one_base_chain_goes_on_to_the_next_which_drops()
    {
        var file = _dir.File("router.nft", RuleFiles.Nft);
        var text = Explain(file, SmbFlow).Out;
        Assert.Contains($"Evaluated at: {file} (nft, hook forward)", text);
        Assert.Contains("Decision: deny", text);
        Assert.Contains($"Way 1: deny, decided by {file}:10 (tcp dport 445 drop)", text);
        Assert.Contains($"matched: early {file}:6", text);
        Assert.Contains($"matched: late {file}:10", text);

        var path = Assert.Single(ExplainJson(file, SmbFlow).Items("paths"));
        Assert.Equal(("deny", 10), (path.Str("outcome"), path.GetProperty("line").GetInt32()));
        Assert.Equal([6, 10], path.Lines("steps"));
        Assert.Equal(["early", "late"], path.Items("steps").Select(s => s.Str("chain")));
    }

    [Fact]
    public void Nft_flow_no_rule_matches_is_decided_by_the_last_base_chains_policy()
    {
        var file = _dir.File("router.nft", RuleFiles.Nft);
        var json = ExplainJson(file, "tcp 10.0.0.5:50123 -> 10.1.0.20:80");
        Assert.Equal("permit", json.Str("decision"));
        Assert.Equal("policy of late", json.Items("paths").Single().Str("default"));
        // The interface rule on 139 may match: both ways are shown.
        Assert.Equal("uncertain", ExplainJson(file, "tcp 10.0.0.5:50123 -> 10.1.0.20:139").Str("decision"));
    }

    [Fact]
    public void Ios_decides_by_the_named_access_list_first_match_then_implicit_deny()
    {
        var file = _dir.File("wan-router.cfg", RuleFiles.Ios);
        var text = Explain(file, SmbFlow, "--acl", "FROM-BRANCH").Out;
        Assert.Contains($"Evaluated at: {file} (ios, access list FROM-BRANCH)", text);
        Assert.Contains("Decision: permit", text);
        Assert.Contains($"decided by {file}:4 (permit tcp 10.0.0.0 0.0.0.255 host 10.1.0.20 eq 445)", text);

        var other = ExplainJson(file, "tcp 10.0.9.5:50123 -> 10.1.0.20:445", "--acl", "FROM-BRANCH");
        Assert.Equal(("deny", 5), (other.Str("decision"), other.Items("paths").Single().GetProperty("line").GetInt32()));

        var hq = ExplainJson(file, SmbFlow, "--acl", "FROM-HQ");
        Assert.Equal(("deny", "access list FROM-HQ"), (hq.Str("decision"), hq.Str("at")));
        var path = hq.Items("paths").Single();
        Assert.Contains("implicit deny", path.Str("default"));
        Assert.False(path.TryGetProperty("line", out _));
    }

    [Fact]
    public void Ios_with_two_access_lists_and_no_acl_option_is_bad_input_naming_both()
    {
        var file = _dir.File("wan-router.cfg", RuleFiles.Ios);
        Cli.AssertBadInput(Cli.Run(["rules", "explain", file, "--flow", .. Tokens(SmbFlow)]), "--acl", "FROM-BRANCH", "FROM-HQ");
        Cli.AssertBadInput(Cli.Run("rules", "explain", file, "--flow", SmbFlow, "--acl", "NOPE"), "--acl", "NOPE", "FROM-BRANCH", "FROM-HQ");
    }

    [Fact]
    public void Ios_with_one_access_list_needs_no_acl_option()
    {
        var file = _dir.File("one.cfg",
            "access-list 101 permit tcp any host 10.1.0.20 eq 445",
            "access-list 101 deny tcp any any eq 445");
        var json = ExplainJson(file, SmbFlow);
        Assert.Equal(("permit", "access list 101", 1), (json.Str("decision"), json.Str("at"), json.Items("paths").Single().GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Windows_block_beats_an_allow_that_also_matches()
    {
        var file = _dir.RegFile("firewall.reg", RuleFiles.Reg);
        var text = Explain(file, SmbFlow).Out;
        Assert.Contains($"Evaluated at: {file} (reg, in, Domain)", text);
        Assert.Contains("Decision: deny", text);
        Assert.Contains($"Way 1: deny, decided by {file}:10 (", text);

        var path = Assert.Single(ExplainJson(file, SmbFlow).Items("paths"));
        Assert.Equal(("deny", "smb-block", 10), (path.Str("outcome"), path.Str("decidedBy"), path.GetProperty("line").GetInt32()));
        Assert.Equal([9, 10], path.Lines("steps").Order());

        var allowed = Assert.Single(ExplainJson(file, "tcp 10.0.9.5:50123 -> 10.1.0.20:445").Items("paths"));
        Assert.Equal(("permit", "smb-allow", 9), (allowed.Str("outcome"), allowed.Str("decidedBy"), allowed.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Windows_direction_and_profile_choose_the_rules_and_the_default()
    {
        var file = _dir.RegFile("firewall.reg", RuleFiles.Reg);
        const string rpcOut = "tcp 10.1.0.20:50123 -> 10.9.0.1:135";

        var publicOut = ExplainJson(file, rpcOut, "--direction", "out", "--profile", "public");
        Assert.Equal(("deny", "out, Public"), (publicOut.Str("decision"), publicOut.Str("at")));
        Assert.Equal(11, publicOut.Items("paths").Single().GetProperty("line").GetInt32());

        var domainOut = ExplainJson(file, rpcOut, "--direction", "out");
        Assert.Equal("permit", domainOut.Str("decision"));
        Assert.Contains("default outbound action of the Domain profile", domainOut.Items("paths").Single().Str("default"));

        // Inbound (the default direction): the Public outbound block is not on the way.
        var publicIn = ExplainJson(file, rpcOut, "--profile", "public");
        Assert.Equal(("deny", "in, Public"), (publicIn.Str("decision"), publicIn.Str("at")));
        Assert.Equal("default inbound action of the Public profile", publicIn.Items("paths").Single().Str("default"));

        const string rdp = "tcp 10.0.9.5:50123 -> 10.1.0.20:3389";
        var privateIn = ExplainJson(file, rdp, "--profile", "private");
        Assert.Equal(("permit", 12), (privateIn.Str("decision"), privateIn.Items("paths").Single().GetProperty("line").GetInt32()));
        var domainIn = ExplainJson(file, rdp);
        Assert.Equal("deny", domainIn.Str("decision"));
        Assert.Contains("default inbound action of the Domain profile", domainIn.Items("paths").Single().Str("default"));
    }

    [Theory]
    [InlineData("tcp 10.0.0.5 -> 10.1.0.300:445", "--flow:1:17:", "10.1.0.300")]
    [InlineData("tcp 10.0.0.5 => 10.1.0.20:445", "--flow:1:1:", "not a flow")]
    [InlineData("tcp 10.0.0.5 -> 10.1.0.20", "--flow:1:1:", "not a flow")]
    [InlineData("sctp 10.0.0.5 -> 10.1.0.20:445", "--flow:1:1:", "sctp")]
    [InlineData("tcp 10.0.0.5 -> 10.1.0.20:70000", "--flow:1:27:", "70000")]
    public void Malformed_flow_is_bad_input_naming_the_flow_option_and_column(string flow, string where, string what)
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        Cli.AssertBadInput(Cli.Run("rules", "explain", file, "--flow", flow), where, what);
    }

    [Fact]
    public void Missing_flow_is_one_line_naming_the_option()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        Cli.AssertBadInput(Cli.Run("rules", "explain", file), "--flow");
    }
}
