namespace PortImpact.Cli.Tests;

/// <summary><c>rules import FILE</c>: what was read from each format, and everything that was not understood, with its line.</summary>
public sealed class RulesImportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[] Row(string output, string first) => RuleFiles.Rows(output).Single(r => r[0] == first);

    [Fact]
    public void Iptables_table_names_the_format_chains_counts_and_the_unknown_module()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var output = Cli.Ok("rules", "import", file, "--lang", "en").Out;

        Assert.Contains($"{file}: iptables", output);
        Assert.Equal(["FORWARD", "filter", "base", "forward", "0", "deny", "3"], Row(output, "FORWARD"));
        Assert.Equal(["INPUT", "filter", "base", "input", "0", "permit", "0"], Row(output, "INPUT"));
        Assert.Equal(["SMB", "filter", "user", "", "", "", "2"], Row(output, "SMB"));
        Assert.Contains("Not understood: 1", output);
        Assert.Equal(["8", "-m frobnicate", "-m frobnicate --frob 1", "the rule may match (results uncertain)"], Row(output, "8"));
        Assert.Contains("4 chains, 5 rules, 1 construct not understood.", output);
    }

    [Theory]
    [InlineData("powershell", "closure.ps1", 6)]
    [InlineData("netsh", "closure.cmd", 7)]
    public void Emitted_windows_scripts_import_back_and_explain_their_block(string target, string name, int blockLine)
    {
        var script = Cli.Ok("rules", "emit", "--close", "135,137-139,445", "--target", target, "--host").Out;
        var file = _dir.File(name, script.TrimEnd('\n').Split('\n'));

        var imported = Cli.Ok("rules", "import", file, "--lang", "en").Out;
        Assert.Contains($"{file}: windows-script", imported);
        Assert.Equal(["local", "", "windowsrules", "", "", "", "2"], Row(imported, "local"));
        Assert.Contains("1 chain, 2 rules, 0 constructs not understood.", imported);

        var smb = Cli.Ok("rules", "explain", file, "--flow", "tcp 10.0.0.5:50123 -> 10.1.0.20:445", "--lang", "en").Out;
        Assert.Contains("Decision: deny", smb);
        Assert.Contains($"decided by {file}:{blockLine} ", smb);
        // Not closed by the script: left to the profile's default, which inbound is block unless the script says otherwise.
        var rdp = Cli.Ok("rules", "explain", file, "--flow", "tcp 10.0.0.5:50123 -> 10.1.0.20:3389", "--lang", "en").Out;
        Assert.Contains("decided by default inbound action of the Domain profile", rdp);
    }

    [Fact]
    public void Iptables_json_has_every_rule_on_its_line_and_the_unknown_module_as_may_match()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var json = Cli.Ok("rules", "import", file, "--report", "json").Json();

        Assert.Equal(("iptables", "first-match", 5), (json.Str("format"), json.Str("semantics"), json.GetProperty("rules").GetInt32()));
        Assert.Equal(["INPUT", "FORWARD", "OUTPUT", "SMB"], json.Items("chains").Select(c => c.Str("name")));
        Assert.Equal([3, 4, 5, 6], json.Lines("chains"));

        var forward = json.Chain("FORWARD");
        Assert.Equal(("base", "forward", "deny"), (forward.Str("kind"), forward.Str("hook"), forward.Str("policy")));
        Assert.Equal([7, 8, 9], forward.Lines("rules"));
        Assert.Equal(["jump", "deny", "permit"], forward.Items("rules").Select(r => r.Str("verdict")));
        var jump = forward.Items("rules").First();
        Assert.Equal(("SMB", "tcp", "445", "-A FORWARD -p tcp --dport 445 -j SMB"),
            (jump.Str("target"), jump.Str("protocols"), jump.Str("destinationPorts"), jump.Str("text")));
        var unknown = forward.Items("rules").ElementAt(1);
        Assert.Equal(["-m frobnicate"], unknown.Items("opaque").Select(o => o.Str("construct")));

        var smb = json.Chain("SMB");
        Assert.Equal("user", smb.Str("kind"));
        Assert.False(smb.TryGetProperty("policy", out _));
        Assert.Equal([10, 11], smb.Lines("rules"));
        Assert.Equal(["return", "deny"], smb.Items("rules").Select(r => r.Str("verdict")));
        Assert.Equal("10.0.0.0/24", smb.Items("rules").First().Str("source"));

        var entry = Assert.Single(json.Items("notUnderstood"));
        Assert.Equal((8, RuleFiles.Iptables[7].IndexOf("-m frobnicate", StringComparison.Ordinal) + 1),
            (entry.GetProperty("line").GetInt32(), entry.GetProperty("column").GetInt32()));
        Assert.Equal(("-m frobnicate", "rule-may-match"), (entry.Str("construct"), entry.Str("effect")));
        Assert.Contains("--frob 1", entry.Str("text"));
        Assert.Empty(json.Items("bindings"));
        Assert.Empty(json.Items("profiles"));
    }

    [Fact]
    public void Nft_script_is_detected_with_both_base_chains_in_priority_and_the_interface_condition_listed()
    {
        var file = _dir.File("router.nft", RuleFiles.Nft);
        var table = Cli.Ok("rules", "import", file, "--lang", "en").Out;
        Assert.Contains($"{file}: nft", table);
        Assert.Equal(["early", "inet filter", "base", "forward", "-10", "permit", "1"], Row(table, "early"));
        Assert.Equal(["late", "inet filter", "base", "forward", "0", "permit", "2"], Row(table, "late"));
        Assert.Contains("2 chains, 3 rules, 1 construct not understood.", table);

        var json = Cli.Ok("rules", "import", file, "--report", "json").Json();
        Assert.Equal("nft", json.Str("format"));
        var early = json.Chain("early");
        Assert.Equal(("filter", -10, 4), (early.Str("type"), early.GetProperty("priority").GetInt32(), early.GetProperty("line").GetInt32()));
        Assert.Equal([6], early.Lines("rules"));
        Assert.Equal(("permit", "10.0.0.0/24", "445"), (early.Items("rules").Single().Str("verdict"), early.Items("rules").Single().Str("source"),
            early.Items("rules").Single().Str("destinationPorts")));
        Assert.Equal([10, 11], json.Chain("late").Lines("rules"));
        var entry = Assert.Single(json.Items("notUnderstood"));
        Assert.Equal((11, "iifname", "rule-may-match"), (entry.GetProperty("line").GetInt32(), entry.Str("construct"), entry.Str("effect")));
    }

    [Fact]
    public void Ios_config_is_detected_with_its_access_lists_implicit_deny_and_interface_bindings()
    {
        var file = _dir.File("wan-router.cfg", RuleFiles.Ios);
        var table = Cli.Ok("rules", "import", file, "--lang", "en").Out;
        Assert.Contains($"{file}: ios", table);
        Assert.Equal(["FROM-BRANCH", "", "accesslist", "", "", "deny", "3"], Row(table, "FROM-BRANCH"));
        Assert.Equal(["GigabitEthernet0/1", "FROM-HQ", "out", "12"], RuleFiles.Rows(table).Single(r => r.Contains("FROM-HQ") && r[0] != "FROM-HQ"));
        Assert.Contains("2 chains, 4 rules, 0 constructs not understood.", table);

        var json = Cli.Ok("rules", "import", file, "--report", "json").Json();
        Assert.Equal("ios", json.Str("format"));
        Assert.Equal([4, 5, 6], json.Chain("FROM-BRANCH").Lines("rules"));
        Assert.Equal(["permit", "deny", "permit"], json.Chain("FROM-BRANCH").Items("rules").Select(r => r.Str("verdict")));
        Assert.Equal("10.1.0.20", json.Chain("FROM-BRANCH").Items("rules").First().Str("destination"));
        Assert.Equal([8], json.Chain("FROM-HQ").Lines("rules"));
        Assert.Equal("deny", json.Chain("FROM-HQ").Str("policy"));
        Assert.Equal(
            [("GigabitEthernet0/1", "FROM-BRANCH", "in", 11), ("GigabitEthernet0/1", "FROM-HQ", "out", 12)],
            json.Items("bindings").Select(b => (b.Str("interface"), b.Str("accessList"), b.Str("direction"), b.GetProperty("line").GetInt32())));
        Assert.Empty(json.Items("notUnderstood"));
    }

    [Fact]
    public void Utf16_reg_export_is_detected_with_its_rules_and_the_domain_profile()
    {
        var file = _dir.RegFile("firewall.reg", RuleFiles.Reg);
        var table = Cli.Ok("rules", "import", file, "--lang", "en").Out;
        Assert.Contains($"{file}: reg", table);
        Assert.Equal(["local", "", "windowsrules", "", "", "", "4"], Row(table, "local"));
        Assert.Equal(["Domain", "yes", "block", "allow", "not stated"], Row(table, "Domain"));
        Assert.Contains("1 chain, 4 rules, 0 constructs not understood.", table);

        var json = Cli.Ok("rules", "import", file, "--report", "json").Json();
        Assert.Equal(("reg", "windows-firewall", 4), (json.Str("format"), json.Str("semantics"), json.GetProperty("rules").GetInt32()));
        var local = json.Chain("local");
        Assert.Equal(["smb-allow", "smb-block", "rpc-out-block", "rdp-private"], local.Items("rules").Select(r => r.Str("id")));
        Assert.Equal([9, 10, 11, 12], local.Lines("rules"));
        Assert.Equal(["permit", "deny", "deny", "permit"], local.Items("rules").Select(r => r.Str("verdict")));
        Assert.Equal(["in", "in", "out", "in"], local.Items("rules").Select(r => r.Str("direction")));
        Assert.Equal("10.0.0.0/24", local.Items("rules").ElementAt(1).Str("source"));
        Assert.Equal(["Public"], local.Items("rules").ElementAt(2).Strings("profiles"));
        Assert.Equal(["Domain", "Private", "Public"], local.Items("rules").First().Strings("profiles"));

        var profile = Assert.Single(json.Items("profiles"));
        Assert.Equal(("Domain", true, "block", "allow"),
            (profile.Str("name"), profile.GetProperty("enabled").GetBoolean(), profile.Str("defaultInbound"), profile.Str("defaultOutbound")));
        Assert.Empty(json.Items("notUnderstood"));
    }

    [Fact]
    public void Format_option_reads_a_file_detection_does_not_claim()
    {
        // iptables -L -n -v output is not iptables-save: detection refuses it, naming the format reads it.
        var file = _dir.File("listing.txt",
            "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)",
            " pkts bytes target     prot opt in     out     source               destination",
            "    0     0 DROP       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:445",
            "",
            "Chain FORWARD (policy DROP 0 packets, 0 bytes)",
            " pkts bytes target     prot opt in     out     source               destination",
            "",
            "Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)",
            " pkts bytes target     prot opt in     out     source               destination");
        Cli.AssertBadInput(Cli.Run("rules", "import", file), $"{file}:1:1:", "--format");

        var json = Cli.Ok("rules", "import", file, "--format", "iptables", "--report", "json").Json();
        Assert.Equal("iptables", json.Str("format"));
        var rule = Assert.Single(json.Chain("INPUT").Items("rules"));
        Assert.Equal(("deny", "445", 3), (rule.Str("verdict"), rule.Str("destinationPorts"), rule.GetProperty("line").GetInt32()));
        Assert.Equal("deny", json.Chain("FORWARD").Str("policy"));
    }

    [Fact]
    public void Format_option_overrides_detection()
    {
        // The iptables file read as nft is refused by the nft reader on its first statement, not read as iptables.
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        Cli.AssertBadInput(Cli.Run("rules", "import", file, "--format", "nft"), $"{file}:2:1:", "*filter");
        var ios = _dir.File("wan-router.cfg", RuleFiles.Ios);
        Cli.AssertBadInput(Cli.Run("rules", "import", ios, "--format", "iptables"), $"{ios}:1:1:", "hostname");
        Assert.Equal("ios", Cli.Ok("rules", "import", ios, "--format", "ios", "--report", "json").Json().Str("format"));
    }

    [Fact]
    public void Unknown_format_name_is_one_line_naming_the_option()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        Cli.AssertBadInput(Cli.Run("rules", "import", file, "--format", "pf"), "--format", "pf");
    }

    [Fact]
    public void Output_file_holds_the_json_report()
    {
        var file = _dir.File("router.rules", RuleFiles.Iptables);
        var target = Path.Combine(_dir.Path, "rules.json");
        var result = Cli.Ok("rules", "import", file, "--report", "json", "--output", target);
        Assert.Equal("", result.Out);
        Assert.Equal(Cli.Ok("rules", "import", file, "--report", "json").Out, File.ReadAllText(target));
    }
}
