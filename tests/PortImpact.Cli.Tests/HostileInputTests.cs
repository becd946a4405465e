namespace PortImpact.Cli.Tests;

/// <summary>
/// Findings of black-box fuzzing of the command line (issue 10), each kept: the process died of a stack
/// overflow, waited forever, or printed input raw. Each is now one line of bad input with its place, exit 2.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_response_file_that_includes_itself_is_bad_input_at_the_line_that_does()
    {
        var self = _dir.File("self.rsp", "model", "@" + System.IO.Path.Combine(_dir.Path, "self.rsp"));
        Cli.AssertBadInput(Cli.Run("@" + self), $"{self}:2:1:", "includes itself");
    }

    [Fact]
    public void Response_files_that_include_each_other_are_bad_input()
    {
        var a = System.IO.Path.Combine(_dir.Path, "a.rsp");
        var b = _dir.File("b.rsp", "check", "@" + a);
        _dir.File("a.rsp", "model", "@" + b);
        Cli.AssertBadInput(Cli.Run("@" + a), $"{b}:2:1:", "includes itself");
    }

    [Fact]
    public void A_response_file_is_read_word_by_word_and_line_by_line()
    {
        var model = _dir.File("m.yaml", "sites:", "  - { name: a, subnets: [10.1.0.0/16] }");
        var rsp = _dir.File("args.rsp", "# comments are skipped", "model check", $"\"{model}\"");
        var result = Cli.Run("@" + rsp);
        Assert.True(result.Exit == 0, result.Err);
    }

    [Fact]
    public void A_missing_response_file_is_named_with_a_place()
    {
        var missing = System.IO.Path.Combine(_dir.Path, "missing.rsp");
        Cli.AssertBadInput(Cli.Run("@" + missing), $"{missing}:1:1:", "no response file");
    }

    [Fact]
    public void A_bare_command_says_which_commands_there_are()
    {
        Cli.AssertBadInput(Cli.Run(), "portimpact:1:1:", "no command given", "analyze", "rules");
    }

    [Fact]
    public void Control_bytes_and_newlines_in_a_name_are_escaped_in_the_error()
    {
        var model = _dir.File("esc.yaml", "sites:", "  - { name: \"a\\e[31mred\\nline\", subnets: [10.1.0.0/16] }");
        var result = Cli.AssertBadInput(Cli.Run("model", "check", model), $"{model}:2:");
        Assert.Contains("a\\x1B[31mred\\nline", result.Err);
        Assert.DoesNotContain('\u001b', result.Err);
    }

    [Fact]
    public void An_unknown_word_with_an_escape_sequence_is_escaped_too()
    {
        var result = Cli.AssertBadInput(Cli.Run("model", "check", "--b\u001b[2Jad"));
        Assert.DoesNotContain('\u001b', result.Err);
        Assert.Contains("\\x1B[2J", result.Err);
    }

    /// <summary>A hundred sites one after another: every attacker position × every victim, each with the routers that stop it.</summary>
    private string ChainOfSites(int sites)
    {
        var lines = new List<string> { "name: chain", "sites:" };
        lines.AddRange(Enumerable.Range(0, sites).Select(i => $"  - {{ name: s{i}, subnets: [10.{i / 250}.{i % 250}.0/24] }}"));
        lines.AddRange(["zones:", "  - { name: internet, external: true }", "links:", "  - { between: [internet, s0], via: fw }"]);
        lines.AddRange(Enumerable.Range(0, sites - 1).Select(i => $"  - {{ between: [s{i}, s{i + 1}], via: r{i} }}"));
        lines.Add("hosts:");
        foreach (var i in Enumerable.Range(0, sites))
        {
            lines.Add($"  - {{ name: h{i}, site: s{i}, address: 10.{i / 250}.{i % 250}.10, roles: [{(i % 2 == 0 ? "domain-controller, dns-server" : "file-server")}] }}");
            lines.Add($"  - {{ name: pcs{i}, site: s{i}, subnet: 10.{i / 250}.{i % 250}.128/25, count: 20, roles: [workstation] }}");
        }
        return _dir.File("chain.yaml", [.. lines]);
    }

    [Fact]
    public void A_report_too_large_to_read_is_refused_before_anything_is_written()
    {
        var model = ChainOfSites(100);
        var report = Path.Combine(_dir.Path, "report.json");

        var result = Cli.AssertBadInput(Cli.Run("analyze", model, "--at", "inter-site", "--format", "json", "-o", report), $"{model}:1:1:", "rows and reasons");

        Assert.Contains($"more than the {PortImpact.Cli.Rendering.ReportSize.Limit:N0} a report may", result.Err);
        Assert.False(File.Exists(report));
        Assert.Empty(Directory.GetFiles(_dir.Path, "report*"));
    }

    [Fact]
    public void A_model_nested_thousands_deep_is_bad_input_not_a_dead_process()
    {
        var model = _dir.File("deep.yaml", "sites:", "  - { name: a, subnets: [10.1.0.0/16] }", "zones: " + new string('[', 100_000) + new string(']', 100_000));
        Cli.AssertBadInput(Cli.Run("model", "check", model), $"{model}:3:", "nest deeper than 256 levels");
    }

    [Fact]
    public void A_catalog_nested_thousands_deep_is_bad_input_too()
    {
        var catalog = _dir.File("deep-catalog.yaml", "ports: " + new string('{', 50_000));
        Cli.AssertBadInput(Cli.Run("port", "445", "--catalog", catalog), $"{catalog}:1:", "nest deeper");
    }

    [Fact]
    public void A_device_given_as_the_model_is_refused()
    {
        Cli.AssertBadInput(Cli.Run("model", "check", "/dev/zero"), "/dev/zero:1:1:", "not a regular file");
    }

    [Fact]
    public void A_device_given_as_a_rule_file_is_refused()
    {
        Cli.AssertBadInput(Cli.Run("rules", "import", "/dev/urandom"), "/dev/urandom:1:1:", "not a regular file");
    }

    [Fact]
    public void A_rule_name_holding_an_escape_sequence_is_printed_escaped_in_explain_and_lint()
    {
        var rules = _dir.File("esc-netsh.txt",
            "Rule Name:                            Block\u001b[2JNetBIOS",
            "----------------------------------------------------------------------",
            "Enabled:                              Yes",
            "Direction:                            In",
            "Profiles:                             Public",
            "LocalIP:                              Any",
            "RemoteIP:                             Any",
            "Protocol:                             UDP",
            "LocalPort:                            137-138",
            "RemotePort:                           Any",
            "Action:                               Block",
            "Ok.");
        var explained = Cli.Ok("rules", "explain", rules, "--direction", "in", "--profile", "public", "--flow", "udp 10.0.0.1:1 -> 10.0.0.2:137");
        Assert.Contains("Block\\x1B[2JNetBIOS", explained.Out);
        Assert.DoesNotContain('\u001b', explained.Out);
        Assert.DoesNotContain('\u001b', Cli.Ok("rules", "import", rules).Out);
    }
}
