namespace PortImpact.Cli.Tests;

/// <summary><c>rules lint FILE</c>: shadowed, conflicting and redundant rules with their lines, and <c>--fail-on</c> for CI.</summary>
public sealed class RulesLintTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Head = ["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"];

    /// <summary>Line 6 shadowed by 5, line 7 in conflict with 5, line 8 redundant because of 9.</summary>
    private string AllThree() => _dir.File("all.rules",
    [
        .. Head,
        "-A FORWARD -p tcp --dport 445 -j DROP",                     // 5
        "-A FORWARD -p tcp -s 10.0.0.0/24 --dport 445 -j DROP",      // 6: never matches
        "-A FORWARD -p tcp -s 10.0.0.0/24 --dport 445 -j ACCEPT",    // 7: meant to allow, denied by 5
        "-A FORWARD -p tcp -s 10.0.0.0/24 --dport 135 -j DROP",      // 8: 9 denies it anyway
        "-A FORWARD -p tcp --dport 135 -j DROP",                     // 9
        "COMMIT",
    ]);

    /// <summary>Only a redundant rule (line 5, because of 6): a warning and no error.</summary>
    private string WarningOnly() => _dir.File("warning.rules",
    [
        .. Head,
        "-A FORWARD -p tcp -s 10.0.0.0/24 --dport 445 -j DROP",
        "-A FORWARD -p tcp --dport 445 -j DROP",
        "COMMIT",
    ]);

    /// <summary>An exception before a deny: nothing to report.</summary>
    private string Clean() => _dir.File("clean.rules",
    [
        .. Head,
        "-A FORWARD -p tcp -s 10.0.0.0/24 --dport 445 -j ACCEPT",
        "-A FORWARD -p tcp --dport 445 -j DROP",
        "COMMIT",
    ]);

    [Fact]
    public void Table_lists_shadowed_conflict_and_redundant_rules_with_their_lines_and_causes()
    {
        var file = AllThree();
        var result = Cli.Ok("rules", "lint", file, "--lang", "en");
        var rows = RuleFiles.Rows(result.Out).Where(r => r[0] is "warning" or "error").ToArray();
        Assert.Equal(
            [("warning", "6", "shadowed", "line 5"), ("error", "7", "conflict", "line 5"), ("warning", "8", "redundant", "line 9")],
            rows.Select(r => (r[0], r[1], r[3].Split(':')[0], r[5])));
        Assert.All(rows, r => Assert.Equal("FORWARD", r[2]));
        Assert.Contains("1 error, 2 warnings.", result.Out);
    }

    [Fact]
    public void Json_has_kind_severity_line_and_the_rules_that_cause_each_finding()
    {
        var json = Cli.Ok("rules", "lint", AllThree(), "--report", "json").Json();
        Assert.Equal(("iptables", 1, 2), (json.Str("format"), json.GetProperty("errors").GetInt32(), json.GetProperty("warnings").GetInt32()));
        var findings = json.Items("findings").ToArray();
        Assert.Equal(
            [("shadowed", "warning", 6, "filter/FORWARD#2"), ("conflict", "error", 7, "filter/FORWARD#3"), ("redundant", "warning", 8, "filter/FORWARD#4")],
            findings.Select(f => (f.Str("kind"), f.Str("severity"), f.GetProperty("line").GetInt32(), f.Str("rule"))));
        int[][] causes = [[5], [5], [9]];
        Assert.Equal(causes, findings.Select(f => f.Lines("because")));
        Assert.Equal("-A FORWARD -p tcp -s 10.0.0.0/24 --dport 445 -j ACCEPT", findings[1].Str("text"));
        Assert.Equal("-A FORWARD -p tcp --dport 445 -j DROP", findings[1].Items("because").Single().Str("text"));
        Assert.All(findings, f => Assert.Equal("FORWARD", f.Str("chain")));
        Assert.All(findings, f => Assert.NotEmpty(f.Str("message")));
        // Every rule was checked in full: no work bound cut one short.
        Assert.Empty(json.Items("notes"));
    }

    [Fact]
    public void Without_fail_on_findings_do_not_change_the_exit_code()
    {
        Assert.Equal(0, Cli.Run("rules", "lint", AllThree()).Exit);
    }

    [Fact]
    public void Fail_on_warning_exits_1_when_a_warning_exists_and_0_when_clean()
    {
        var warning = Cli.Run("rules", "lint", WarningOnly(), "--fail-on", "warning", "--report", "json");
        Assert.Equal(1, warning.Exit);
        Assert.Equal("", warning.Err);
        Assert.Equal(1, warning.Json().GetProperty("warnings").GetInt32());
        Assert.Equal(1, Cli.Run("rules", "lint", AllThree(), "--fail-on", "warning").Exit);

        var clean = Cli.Run("rules", "lint", Clean(), "--fail-on", "warning", "--lang", "en");
        Assert.Equal(0, clean.Exit);
        Assert.Contains("No shadowed, conflicting or redundant rules found.", clean.Out);
        Assert.Contains("0 errors, 0 warnings.", clean.Out);
    }

    [Fact]
    public void Fail_on_error_ignores_warnings_and_fails_on_a_conflict()
    {
        Assert.Equal(0, Cli.Run("rules", "lint", WarningOnly(), "--fail-on", "error").Exit);
        Assert.Equal(1, Cli.Run("rules", "lint", AllThree(), "--fail-on", "error").Exit);
        Assert.Equal(0, Cli.Run("rules", "lint", Clean(), "--fail-on", "error").Exit);
    }

    [Fact]
    public void Fail_on_with_output_writes_the_report_and_still_exits_1()
    {
        var target = Path.Combine(_dir.Path, "lint.json");
        var result = Cli.Run("rules", "lint", AllThree(), "--fail-on", "error", "--report", "json", "--output", target);
        Assert.Equal((1, "", ""), (result.Exit, result.Out, result.Err));
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(File.ReadAllText(target)).RootElement.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Bad_rule_file_is_exit_2_even_with_fail_on()
    {
        var file = _dir.File("bad.rules", "*filter", ":INPUT ACCEPT [0:0]");
        Cli.AssertBadInput(Cli.Run("rules", "lint", file, "--fail-on", "warning"), $"{file}:");
    }

    [Fact]
    public void Windows_allow_covered_by_a_block_is_a_conflict_whatever_the_order()
    {
        var file = _dir.RegFile("conflict.reg",
            "Windows Registry Editor Version 5.00",
            "",
            $"[{RuleFiles.RulesKey}]",
            "\"allow-branch\"=\"v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|RA4=10.0.0.0/255.255.255.0|\"",  // 4
            "\"block-smb\"=\"v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=445|\"");                              // 5
        var result = Cli.Run("rules", "lint", file, "--report", "json", "--fail-on", "error");
        Assert.Equal(1, result.Exit);
        var finding = Assert.Single(result.Json().Items("findings"));
        Assert.Equal(("conflict", "error", "allow-branch", 4), (finding.Str("kind"), finding.Str("severity"), finding.Str("rule"), finding.GetProperty("line").GetInt32()));
        Assert.Equal([5], finding.Lines("because"));

        // The Windows rule set of the explain tests: the block does not cover the allow, nothing to report.
        Assert.Equal(0, Cli.Run("rules", "lint", _dir.RegFile("firewall.reg", RuleFiles.Reg), "--fail-on", "warning").Exit);
    }

    [Fact]
    public void Rule_that_may_not_match_is_neither_reported_nor_counted_as_hiding_another()
    {
        var file = _dir.File("iface.rules",
        [
            .. Head,
            "-A FORWARD -i eth0 -p tcp --dport 445 -j DROP",
            "-A FORWARD -p tcp -s 10.0.0.0/24 --dport 445 -j ACCEPT",
            "COMMIT",
        ]);
        var json = Cli.Ok("rules", "lint", file, "--report", "json").Json();
        Assert.Empty(json.Items("findings"));
    }
}
