namespace PortImpact.Cli.Tests;

/// <summary>Bad rule files: exit 2, nothing on stdout, one line naming file:line:col, whatever the rules command.</summary>
public sealed class RulesBadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every rules command that reads a file, so a bad file is refused the same way by each.</summary>
    private static IEnumerable<CliResult> EveryCommand(string file) =>
    [
        Cli.Run("rules", "import", file),
        Cli.Run("rules", "import", file, "--report", "json"),
        Cli.Run("rules", "explain", file, "--flow", "tcp 10.0.0.5:50123 -> 10.1.0.20:445"),
        Cli.Run("rules", "lint", file, "--fail-on", "warning"),
    ];

    private static void AssertRefusedEverywhere(string file, params string[] mentions)
    {
        foreach (var result in EveryCommand(file)) Cli.AssertBadInput(result, mentions);
    }

    [Fact]
    public void Garbage_bytes_are_not_a_rule_file()
    {
        var file = _dir.Bytes("garbage.bin", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x81, 0x1B, 0x7F, 0x00, 0xC3, 0x28, 0x0A, 0x00, 0x9F]);
        AssertRefusedEverywhere(file, $"{file}:1:1:", "not a rule file");
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_named_text_format_name_their_line()
    {
        var file = _dir.Bytes("latin1.rules",
        [
            .. "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \""u8, 0xE9, .. "t\" -j DROP\nCOMMIT\n"u8,
        ]);
        Cli.AssertBadInput(Cli.Run("rules", "import", file), $"{file}:3:", "UTF-8");
    }

    [Fact]
    public void Empty_file_is_named()
    {
        var file = _dir.Bytes("empty.rules", []);
        AssertRefusedEverywhere(file, $"{file}:1:1:", "empty");
        // Naming the format does not make an empty file a rule set either.
        Cli.AssertBadInput(Cli.Run("rules", "import", file, "--format", "iptables"), $"{file}:1:1:");
    }

    [Fact]
    public void Windows_script_with_a_bad_port_names_the_physical_line_and_column()
    {
        var file = _dir.File("deploy.ps1",
            "# continued over three lines",
            "New-NetFirewallRule -DisplayName 'SMB' -Direction Inbound `",
            "    -Action Block -Protocol TCP -LocalPort 139,44500000");
        AssertRefusedEverywhere(file, $"{file}:3:48:", "out of range");
    }

    [Fact]
    public void Iptables_save_without_commit_is_truncated()
    {
        var file = _dir.File("truncated.rules",
            "*filter",
            ":INPUT ACCEPT [0:0]",
            "-A INPUT -p tcp --dport 445 -j DROP");
        AssertRefusedEverywhere(file, $"{file}:3:36:", "COMMIT", "line 1");
    }

    [Fact]
    public void Nft_with_an_unclosed_brace_names_the_end_and_the_opening_brace()
    {
        var file = _dir.File("unclosed.nft",
            "table inet filter {",
            "\tchain input {",
            "\t\ttype filter hook input priority 0; policy accept;",
            "\t\ttcp dport 445 drop",
            "\t}");
        AssertRefusedEverywhere(file, $"{file}:6:1:", "line 1 column 19");
    }

    [Fact]
    public void Windows_rule_string_with_an_unknown_key_names_its_column()
    {
        const string line = "\"r1\"=\"v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Frob=1|LPort=445|\"";
        var file = _dir.RegFile("frob.reg", "Windows Registry Editor Version 5.00", "", $"[{RuleFiles.RulesKey}]", line);
        AssertRefusedEverywhere(file, $"{file}:4:{line.IndexOf("Frob=", StringComparison.Ordinal) + 1}:", "Frob", "r1");
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var file = Path.Combine(_dir.Path, "no-such.rules");
        AssertRefusedEverywhere(file, $"{file}:1:1:", "cannot read");
        Assert.Empty(_dir.Entries());
    }

    [Fact]
    public void Directory_instead_of_a_file_is_named()
    {
        var directory = Path.Combine(_dir.Path, "a-directory");
        Directory.CreateDirectory(directory);
        Cli.AssertBadInput(Cli.Run("rules", "import", directory), directory);
    }

    [Fact]
    public void Cisco_asa_configuration_is_refused_rather_than_read_as_ios()
    {
        var file = _dir.File("asa.cfg",
            ": Saved",
            "ASA Version 9.8(4)",
            "hostname fw",
            "access-list outside_in extended permit tcp any host 192.0.2.10 eq 445",
            "access-group outside_in in interface outside");
        Cli.AssertBadInput(Cli.Run("rules", "import", file, "--format", "ios"), $"{file}:2:1:", "ASA");
    }

    [Fact]
    public void Bad_file_with_output_writes_no_report()
    {
        var file = _dir.File("truncated.rules", "*filter", ":INPUT ACCEPT [0:0]");
        var report = Path.Combine(_dir.Path, "report.json");
        Cli.AssertBadInput(Cli.Run("rules", "import", file, "--report", "json", "--output", report), file);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void A_file_read_as_ios_that_holds_nothing_of_ios_is_refused()
    {
        var file = _dir.File("rules.v4", string.Join("\n", RuleFiles.Iptables) + "\n");
        Cli.AssertBadInput(Cli.Run("rules", "import", file, "--format", "ios"), $"{file}:1:1:", "nothing of a Cisco IOS configuration");
        Cli.AssertBadInput(Cli.Run("rules", "lint", file, "--format", "ios", "--fail-on", "warning"), $"{file}:1:1:");
    }

    [Fact]
    public void The_file_may_follow_the_flow()
    {
        var file = _dir.File("rules.v4", string.Join("\n", RuleFiles.Iptables) + "\n");
        var before = Cli.Ok("rules", "explain", file, "--flow", "tcp 10.0.0.5:50123 -> 10.1.0.20:445");
        var after = Cli.Ok("rules", "explain", "--flow", "tcp 10.0.0.5:50123 -> 10.1.0.20:445", file);
        Assert.Equal(before.Out, after.Out);
    }
}
