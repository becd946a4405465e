namespace PortImpact.Cli.Tests;

/// <summary>
/// <c>analyze|recommend --emit DIR [--target …]</c> on the built-in example: one rule file per changed point or host
/// and target, all written or none (a refused target leaves no rule file and no report behind).
/// </summary>
public sealed class EmitFilesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Out(string name = "rules") => Path.Combine(_dir.Path, name);

    private static string[] Entries(string directory) =>
        [.. Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order()!];

    [Fact]
    public void Analyze_inter_site_writes_iptables_nft_and_ios_for_the_wan_router_and_still_prints_the_report()
    {
        var directory = Out();
        var result = Cli.Ok("analyze", "--at", "inter-site", "--emit", directory, "--format", "json");
        Assert.Equal(["wan-router.ios", "wan-router.iptables", "wan-router.nft"], Entries(directory));
        Assert.Equal(["wan-router"], result.Json().GetProperty("change").Strings("points"));

        var iptables = File.ReadAllText(Path.Combine(directory, "wan-router.iptables"));
        Assert.Contains("-I FORWARD 1 -j PORTIMPACT", iptables);
        Assert.Contains("--dports 135,137:139,445", iptables);
        Assert.DoesNotContain("exception", iptables);   // analyze without --policy: the closure alone
        Assert.Contains("chain forward {", File.ReadAllText(Path.Combine(directory, "wan-router.nft")));
        Assert.Contains("ip access-list extended PORTIMPACT-WAN-ROUTER", File.ReadAllText(Path.Combine(directory, "wan-router.ios")));
    }

    [Fact]
    public void Analyze_hosts_writes_powershell_and_netsh_for_every_host_group()
    {
        var hosts = Cli.Ok("analyze", "--at", "hosts", "--format", "json").Json().GetProperty("change").Strings("hosts");
        Assert.Contains("fs1", hosts);
        Assert.Contains("branch-pcs", hosts);

        var directory = Out();
        Cli.Ok("analyze", "--at", "hosts", "--emit", directory, "--format", "json");
        Assert.Equal(hosts.SelectMany(h => new[] { $"host-{h}.netsh.cmd", $"host-{h}.ps1" }).Order(), Entries(directory));
        foreach (var host in hosts)
        {
            Assert.Contains($"-Group 'PortImpact host:{host}'", File.ReadAllText(Path.Combine(directory, $"host-{host}.ps1")));
            Assert.Contains("dir=in action=block", File.ReadAllText(Path.Combine(directory, $"host-{host}.netsh.cmd")));
        }
    }

    [Fact]
    public void Recommend_inter_site_files_carry_every_exception_ahead_of_the_closure()
    {
        var directory = Out();
        var report = Cli.Ok("recommend", "--at", "inter-site", "--emit", directory, "--format", "json").Json();
        Assert.Equal(["wan-router.ios", "wan-router.iptables", "wan-router.nft"], Entries(directory));
        var exceptions = report.Items("exceptions").Where(e => e.Str("at") == "wan-router").ToArray();
        Assert.NotEmpty(exceptions);
        Assert.Contains(exceptions, e => e.Str("destinationAddresses") == "10.1.0.20");

        var iptables = File.ReadAllLines(Path.Combine(directory, "wan-router.iptables"));
        var nft = File.ReadAllLines(Path.Combine(directory, "wan-router.nft"));
        var ios = File.ReadAllText(Path.Combine(directory, "wan-router.ios"));
        foreach (var id in exceptions.Select(e => e.Str("id")))
        {
            Assert.Contains(iptables, l => l.Contains($"\"exception {id}\"", StringComparison.Ordinal) && l.EndsWith("-j RETURN", StringComparison.Ordinal));
            Assert.Contains(nft, l => l.Contains($"accept comment \"exception {id}\"", StringComparison.Ordinal));
            Assert.Contains($"remark exception {id}", ios);
        }
        // The file server's address is exempted (RETURN / accept / permit) before the closure's drop.
        var returnToFs1 = Array.FindIndex(iptables, l => l.Contains("-d 10.1.0.20 ", StringComparison.Ordinal) && l.EndsWith("-j RETURN", StringComparison.Ordinal));
        var drop = Array.FindIndex(iptables, l => l.Contains("proposed closure", StringComparison.Ordinal) && l.EndsWith("-j DROP", StringComparison.Ordinal));
        Assert.InRange(returnToFs1, 0, drop - 1);
        Assert.Contains(nft, l => l.Contains("ip daddr 10.1.0.20 ", StringComparison.Ordinal) && l.Contains(" accept", StringComparison.Ordinal));
        Assert.Contains("host 10.1.0.20 eq 445", ios);
    }

    [Theory]
    [InlineData("wan-router.iptables", new string[0])]
    [InlineData("wan-router.nft", new string[0])]
    [InlineData("wan-router.ios", new[] { "--acl", "PORTIMPACT-WAN-ROUTER" })]
    public void Recommended_rules_read_back_let_the_branch_reach_the_file_server_and_stop_the_rest(string name, string[] options)
    {
        var directory = Out();
        Cli.Ok("recommend", "--at", "inter-site", "--emit", directory, "--format", "json");
        var file = Path.Combine(directory, name);
        // branch-pcs (10.2.10.0/24) to fs1 on 445 is an exception; another branch address is not.
        var kept = Cli.Ok(["rules", "explain", file, "--flow", "tcp 10.2.10.5:50123 -> 10.1.0.20:445", "--report", "json", .. options]).Json();
        Assert.Equal("permit", kept.Str("decision"));
        var stopped = Cli.Ok(["rules", "explain", file, "--flow", "tcp 10.2.99.5:50123 -> 10.1.0.20:445", "--report", "json", .. options]).Json();
        Assert.Equal("deny", stopped.Str("decision"));
        var path = stopped.Items("paths").Single();
        Assert.True(path.TryGetProperty("line", out _), "denied by an emitted rule, not by a default");
        Assert.Contains("445", path.Str("text"));
    }

    [Theory]
    [InlineData("nft", new[] { "wan-router.nft" })]
    [InlineData("iptables,ios", new[] { "wan-router.ios", "wan-router.iptables" })]
    public void Target_restricts_the_files(string targets, string[] expected)
    {
        var directory = Out();
        Cli.Ok("recommend", "--at", "inter-site", "--emit", directory, "--target", targets, "--format", "json");
        Assert.Equal(expected, Entries(directory));
    }

    [Fact]
    public void Target_may_be_repeated()
    {
        var directory = Out();
        Cli.Ok("analyze", "--at", "inter-site", "--emit", directory, "--target", "ios", "--target", "nft", "--format", "json");
        Assert.Equal(["wan-router.ios", "wan-router.nft"], Entries(directory));
    }

    [Fact]
    public void Host_targets_on_hosts_only_when_asked()
    {
        var directory = Out();
        Cli.Ok("analyze", "--at", "hosts:file-server", "--emit", directory, "--target", "powershell", "--format", "json");
        Assert.Equal(["host-fs1.ps1"], Entries(directory));
    }

    [Theory]
    [InlineData("analyze", "inter-site", "powershell", "wan-router")]
    [InlineData("recommend", "inter-site", "netsh", "wan-router")]
    [InlineData("analyze", "hosts", "ios", "host:")]
    [InlineData("recommend", "inter-site", "nft,powershell", "powershell")]
    public void Refused_target_writes_no_rule_file_and_no_report(string command, string at, string target, string mention)
    {
        var directory = Out();
        var report = Out("report.json");
        Cli.AssertBadInput(Cli.Run(command, "--at", at, "--emit", directory, "--target", target, "--format", "json", "--output", report),
            "--emit", mention);
        Assert.False(Directory.Exists(directory), "the rules directory is not created");
        Assert.Empty(_dir.Entries());
    }

    [Fact]
    public void Refused_target_leaves_an_existing_directory_and_report_untouched()
    {
        var directory = Out();
        Directory.CreateDirectory(directory);
        var report = Out("report.json");
        File.WriteAllText(report, "old report");
        var policy = Out("policy.yaml");
        Cli.AssertBadInput(Cli.Run("recommend", "--at", "inter-site", "--emit", directory, "--target", "powershell",
            "--output", report, "--as-policy", policy), "powershell");
        Assert.Empty(Entries(directory));
        Assert.Equal("old report", File.ReadAllText(report));
        Assert.False(File.Exists(policy));
        Assert.Equal(["report.json", "rules"], _dir.Entries());
    }

    [Fact]
    public void Inward_only_closure_on_a_router_is_refused_and_writes_nothing()
    {
        var directory = Out();
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "inter-site", "--direction", "in", "--emit", directory), "--emit", "wan-router");
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Unknown_target_names_its_column()
    {
        var directory = Out();
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "inter-site", "--emit", directory, "--target", "nft,bogus"), "--target:1:5:", "bogus");
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Report_file_is_written_with_the_rules()
    {
        var directory = Out();
        var report = Out("report.json");
        var policy = Out("policy.yaml");
        var result = Cli.Ok("recommend", "--at", "inter-site", "--emit", directory, "--format", "json", "--output", report, "--as-policy", policy);
        Assert.Equal("", result.Out);
        Assert.Equal(Cli.Ok("recommend", "--at", "inter-site", "--format", "json").Out, File.ReadAllText(report));
        Assert.Contains("wan-router", File.ReadAllText(policy));
        Assert.Equal(["wan-router.ios", "wan-router.iptables", "wan-router.nft"], Entries(directory));
    }
}
