namespace PortImpact.Cli.Tests;

/// <summary><c>rules emit --target T [--host]</c>: the closure in one device's own language, or a one-line refusal.</summary>
public sealed class EmitCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Emit(params string[] options) => Cli.Ok(["rules", "emit", .. options]).Out;

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    [Fact]
    public void Iptables_router_closes_every_default_port_in_a_chain_jumped_to_from_forward()
    {
        var lines = Lines(Emit("--target", "iptables"));
        Assert.Contains("*filter", lines);
        Assert.Contains(":PORTIMPACT - [0:0]", lines);
        Assert.Contains("-I FORWARD 1 -j PORTIMPACT", lines);
        Assert.Contains(lines, l => l.StartsWith("-A PORTIMPACT -p tcp -m multiport --dports 135,137:139,445 ", StringComparison.Ordinal) && l.EndsWith("-j DROP", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("-A PORTIMPACT -p udp -m multiport --dports 135,137:139,445 ", StringComparison.Ordinal) && l.EndsWith("-j DROP", StringComparison.Ordinal));
        Assert.Equal("COMMIT", lines.Last(l => l.Length > 0));
        Assert.DoesNotContain(lines, l => l.Contains("INPUT", StringComparison.Ordinal) && !l.StartsWith('#'));
    }

    [Fact]
    public void Iptables_host_uses_input_and_out_uses_output()
    {
        var input = Lines(Emit("--target", "iptables", "--host"));
        Assert.Contains(":PORTIMPACT-IN - [0:0]", input);
        Assert.Contains("-I INPUT 1 -j PORTIMPACT-IN", input);
        Assert.DoesNotContain(input, l => l.Contains("FORWARD", StringComparison.Ordinal) && !l.StartsWith('#'));

        var output = Lines(Emit("--target", "iptables", "--host", "--direction", "out", "--close", "tcp/445"));
        Assert.Contains("-I OUTPUT 1 -j PORTIMPACT-OUT", output);
        Assert.Contains(output, l => l.StartsWith("-A PORTIMPACT-OUT -p tcp --dport 445 ", StringComparison.Ordinal) && l.EndsWith("-j DROP", StringComparison.Ordinal));
        Assert.DoesNotContain(output, l => l.Contains("-p udp", StringComparison.Ordinal) || l.Contains("135", StringComparison.Ordinal));
    }

    [Fact]
    public void Nft_router_and_host_use_their_own_table_and_hook()
    {
        var router = Emit("--target", "nft");
        Assert.Contains("table inet portimpact {", router);
        Assert.Contains("type filter hook forward priority -10; policy accept;", router);
        Assert.Contains("tcp dport { 135, 137-139, 445 } drop", router);
        Assert.Contains("udp dport { 135, 137-139, 445 } drop", router);

        var host = Emit("--target", "nft", "--host", "--close", "smb");
        Assert.Contains("type filter hook input priority -10; policy accept;", host);
        Assert.DoesNotContain("hook forward", host);
        Assert.Contains("445", host);
    }

    [Fact]
    public void Ios_router_acl_denies_each_port_then_permits_the_rest()
    {
        var lines = Lines(Emit("--target", "ios")).Where(l => l.Length > 0 && !l.StartsWith('!')).ToArray();
        Assert.Equal(
        [
            "ip access-list extended PORTIMPACT-THIS-ROUTER",
            " deny tcp any any eq 135",
            " deny tcp any any range 137 139",
            " deny tcp any any eq 445",
            " deny udp any any eq 135",
            " deny udp any any range 137 139",
            " deny udp any any eq 445",
            " permit ip any any",
        ], lines);
    }

    [Fact]
    public void Close_option_chooses_the_ports()
    {
        var lines = Lines(Emit("--target", "ios", "--close", "tcp/445")).Where(l => l.StartsWith(' ')).ToArray();
        Assert.Equal([" deny tcp any any eq 445", " permit ip any any"], lines);
    }

    [Fact]
    public void Powershell_host_blocks_inbound_tcp_and_udp()
    {
        var text = Emit("--target", "powershell", "--host");
        var rules = Lines(text).Where(l => l.StartsWith("New-NetFirewallRule", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rules.Length);
        Assert.All(rules, r => Assert.Contains("-Direction Inbound -Action Block", r));
        Assert.Contains(rules, r => r.Contains("-Protocol TCP -LocalPort '135','137-139','445'", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("-Protocol UDP -LocalPort '135','137-139','445'", StringComparison.Ordinal));
        Assert.Contains("Remove-NetFirewallRule -Group", text);
    }

    [Fact]
    public void Netsh_host_adds_block_rules_each_deleted_first()
    {
        var lines = Lines(Emit("--target", "netsh", "--host"));
        var adds = lines.Where(l => l.StartsWith("netsh advfirewall firewall add rule", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, adds.Length);
        Assert.Contains(adds, a => a.Contains("dir=in action=block protocol=TCP localport=135,137-139,445", StringComparison.Ordinal));
        Assert.Contains(adds, a => a.Contains("dir=in action=block protocol=UDP localport=135,137-139,445", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("netsh advfirewall firewall delete rule", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("powershell")]
    [InlineData("netsh")]
    public void Windows_targets_without_host_are_refused_in_one_line(string target)
    {
        Cli.AssertBadInput(Cli.Run("rules", "emit", "--target", target), "--target", target, "--host");
    }

    [Fact]
    public void Ios_on_a_host_is_refused_in_one_line()
    {
        Cli.AssertBadInput(Cli.Run("rules", "emit", "--target", "ios", "--host"), "--target", "ios", "host");
    }

    [Theory]
    [InlineData("iptables")]
    [InlineData("nft")]
    [InlineData("ios")]
    public void Inward_only_on_a_router_is_refused_in_one_line(string target)
    {
        Cli.AssertBadInput(Cli.Run("rules", "emit", "--target", target, "--direction", "in"), "--target", target, "--direction both");
    }

    [Fact]
    public void Unknown_target_and_missing_target_are_one_line()
    {
        Cli.AssertBadInput(Cli.Run("rules", "emit", "--target", "pf"), "--target", "pf");
        Cli.AssertBadInput(Cli.Run("rules", "emit"), "--target");
    }

    [Fact]
    public void Output_option_writes_the_rules_to_the_file()
    {
        var target = Path.Combine(_dir.Path, "close.nft");
        var result = Cli.Ok("rules", "emit", "--target", "nft", "--output", target);
        Assert.Equal("", result.Out);
        Assert.Equal(Emit("--target", "nft"), File.ReadAllText(target));
    }

    [Theory]
    [InlineData("iptables", "close.rules", new string[0])]
    [InlineData("nft", "close.nft", new string[0])]
    [InlineData("ios", "close.ios", new[] { "--acl", "PORTIMPACT-THIS-ROUTER" })]
    public void Emitted_router_rules_read_back_deny_the_closed_ports_and_pass_the_others(string target, string name, string[] options)
    {
        var file = Path.Combine(_dir.Path, name);
        Cli.Ok("rules", "emit", "--target", target, "--output", file);

        var imported = Cli.Ok("rules", "import", file, "--report", "json").Json();
        Assert.Equal(target, imported.Str("format"));

        foreach (var port in new[] { 135, 137, 139, 445 })
        {
            foreach (var protocol in new[] { "tcp", "udp" })
            {
                var closed = Cli.Ok(["rules", "explain", file, "--flow", $"{protocol} 10.2.10.5:50123 -> 10.1.0.20:{port}", "--report", "json", .. options]).Json();
                Assert.Equal("deny", closed.Str("decision"));
                Assert.True(closed.Items("paths").Single().TryGetProperty("line", out _), $"{protocol}/{port} is denied by an emitted rule");
            }
        }
        var open = Cli.Ok(["rules", "explain", file, "--flow", "tcp 10.2.10.5:50123 -> 10.1.0.20:80", "--report", "json", .. options]).Json();
        Assert.Equal("permit", open.Str("decision"));
    }
}
