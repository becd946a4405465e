using System.Text.Json;
using System.Text.Json.Nodes;

namespace PortImpact.Cli.Tests;

/// <summary><c>recommend</c>: the least a closure must leave open, what that keeps and what it lets through.</summary>
public sealed class RecommendTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Lazy<JsonElement> InterSite = new(() => Cli.Ok("recommend", "--at", "inter-site", "--format", "json").Json());

    /// <summary>A dependency's identity: a replication dependency has an inbound and an outbound row for one pair.</summary>
    private static (string Capability, string Client, string Server, string Way) Key(JsonElement d) =>
        (d.Str("capability"), d.Str("client"), d.Str("server"), d.TryGetProperty("replication", out var way) ? way.GetString()! : "");

    [Fact]
    public void Inter_site_exceptions_are_at_the_wan_router_between_named_hosts_and_each_keeps_something()
    {
        var json = InterSite.Value;
        var exceptions = json.Items("exceptions").ToList();
        Assert.NotEmpty(exceptions);
        Assert.Equal(exceptions.Count, json.GetProperty("summary").GetProperty("exceptions").GetInt32());
        Assert.Equal(0, json.GetProperty("summary").GetProperty("dependenciesNotKept").GetInt32());
        Assert.Empty(json.Items("notKept"));
        Assert.Equal(exceptions.Count, exceptions.Select(e => e.Str("id")).Distinct().Count());
        foreach (var e in exceptions)
        {
            Assert.Equal("wan-router", e.Str("at"));
            Assert.Contains(e.Str("direction"), new[] { "in", "out" });
            foreach (var side in new[] { "sources", "destinations" })
            {
                var names = e.Strings(side);
                Assert.NotEmpty(names);
                Assert.DoesNotContain("any", names);
                Assert.All(names, n => Assert.True(AnalyzeJsonTests.SiteOf.ContainsKey(n), $"{e.Str("id")} {side}: {n} is not a host in a site"));
            }
            Assert.NotEmpty(e.Items("keeps"));
            Assert.NotEqual("", e.Str("ports"));
        }
    }

    [Fact]
    public void Inter_site_keeps_ad_replication_both_ways_on_tcp_135_and_445_only()
    {
        var exceptions = InterSite.Value.Items("exceptions").ToList();
        foreach (var (client, server, direction) in new[] { ("dc1", "dc2", "out"), ("dc2", "dc1", "in") })
        {
            var e = Assert.Single(exceptions, e => e.Items("keeps").Any(k => Key(k) == ("ad-replication", client, server, "inbound")));
            Assert.Equal([client], e.Strings("sources"));
            Assert.Equal([server], e.Strings("destinations"));
            Assert.Equal(direction, e.Str("direction"));
            Assert.Equal("135,445", e.Str("tcp"));
            Assert.Equal("", e.Str("udp"));
        }
    }

    [Fact]
    public void Residual_paths_name_existing_exceptions_and_patches_that_close_no_port()
    {
        var json = InterSite.Value;
        var ids = json.Items("exceptions").Select(e => e.Str("id")).ToHashSet();
        var residual = json.Items("residual").ToList();
        Assert.NotEmpty(residual);
        Assert.Equal(residual.Count, json.GetProperty("summary").GetProperty("threatPathsThroughExceptions").GetInt32());
        foreach (var r in residual)
        {
            var through = r.Strings("through");
            Assert.NotEmpty(through);
            Assert.All(through, id => Assert.Contains(id, ids));
            Assert.NotEmpty(r.Items("mitigations"));
            Assert.All(r.Items("mitigations"), m =>
            {
                Assert.False(string.IsNullOrWhiteSpace(m.Str("id")));
                Assert.False(string.IsNullOrWhiteSpace(m.Str("text")));
            });
        }
        var wannacry = residual.Where(r => r.Str("threat") == "wannacry").ToList();
        Assert.NotEmpty(wannacry);
        Assert.All(wannacry, r => Assert.Contains("patch:MS17-010", r.Items("mitigations").Select(m => m.Str("id"))));
        var blaster = residual.Where(r => r.Str("threat") == "blaster").ToList();
        Assert.NotEmpty(blaster);
        Assert.All(blaster, r => Assert.Contains("patch:MS03-026", r.Items("mitigations").Select(m => m.Str("id"))));
    }

    [Theory]
    [InlineData("built-in", "perimeter")]
    [InlineData("built-in", "inter-site")]
    [InlineData("built-in", "hosts")]
    [InlineData("chain", "inter-site")]
    [InlineData("hub", "hosts")]
    public void The_exceptions_keep_exactly_the_dependencies_the_closure_alone_makes_worse(string model, string at)
    {
        string[] args = [.. TestModels.Args(_dir, model), "--at", at, "--format", "json"];
        var recommendation = Cli.Ok(["recommend", .. args]).Json();
        var analysis = Cli.Ok(["analyze", .. args]).Json();

        var worse = analysis.Items("dependencies").Where(d => d.Str("before") != d.Str("after")).Select(Key).ToHashSet();
        Assert.NotEmpty(worse);
        var kept = recommendation.Items("exceptions").SelectMany(e => e.Items("keeps")).Select(Key).ToHashSet();
        Assert.Equal(worse.Order(), kept.Order());
        Assert.Equal(worse.Count, recommendation.GetProperty("summary").GetProperty("dependenciesKept").GetInt32());
    }

    [Theory]
    [InlineData("built-in", "inter-site")]
    [InlineData("built-in", "hosts")]
    [InlineData("chain", "hosts")]
    public void Attack_paths_the_closure_stops_are_either_still_stopped_or_listed_as_residual(string model, string at)
    {
        string[] args = [.. TestModels.Args(_dir, model), "--at", at, "--format", "json"];
        var recommendation = Cli.Ok(["recommend", .. args]).Json();
        var alone = Cli.Ok(["analyze", .. args]).Json();

        var stoppedAlone = alone.Items("threats").Where(t => t.Str("before") == "exposed" && t.Str("after") == "blocked")
            .Select(t => (t.Str("threat"), t.Str("attacker"), t.Str("victim"))).ToHashSet();
        var residual = recommendation.Items("residual").Select(r => (r.Str("threat"), r.Str("attacker"), r.Str("victim"))).ToList();
        Assert.NotEmpty(residual);
        Assert.Equal(residual.Count, residual.Distinct().Count());
        Assert.All(residual, r => Assert.Contains(r, stoppedAlone));
        var summary = recommendation.GetProperty("summary");
        Assert.Equal(stoppedAlone.Count, summary.GetProperty("threatPathsStopped").GetInt32() + summary.GetProperty("threatPathsThroughExceptions").GetInt32());
    }

    [Fact]
    public void A_closure_that_breaks_nothing_needs_no_exception_and_says_so()
    {
        // Nothing connects to a workstation's TCP 4444, Blaster's shell port: closing it stops Blaster and breaks nothing.
        var json = Cli.Ok("recommend", "--close", "tcp/4444", "--at", "hosts:workstation", "--format", "json").Json();
        Assert.Empty(json.Items("exceptions"));
        Assert.Empty(json.Items("residual"));
        Assert.Equal(0, json.GetProperty("summary").GetProperty("exceptions").GetInt32());
        Assert.True(json.GetProperty("summary").GetProperty("threatPathsStopped").GetInt32() > 0);

        var table = Cli.Ok("recommend", "--close", "tcp/4444", "--at", "hosts:workstation", "--lang", "en").Out;
        Assert.Contains("No exception is needed", table);
    }

    [Fact]
    public void Closing_the_rpc_dynamic_range_opens_it_only_as_far_as_each_server_hands_it_out()
    {
        // dc2 hands out only 50000-50010 (KB 154596): the exception toward it opens those, not the model's range.
        var model = _dir.File("narrow.yaml", BuiltInWith(
            "  - { name: dc2, site: branch, address: 10.2.0.10, roles: [domain-controller, dns-server] }",
            "  - { name: dc2, site: branch, address: 10.2.0.10, roles: [domain-controller, dns-server], rpcDynamicPorts: 50000-50010 }"));
        var json = Cli.Ok("recommend", model, "--at", "inter-site", "--close", "135,445,49152-65535", "--format", "json").Json();
        var exceptions = json.Items("exceptions").ToList();
        bool Replicates(JsonElement e) => e.Items("keeps").Any(k => k.Str("capability") == "ad-replication");
        var toDc2 = Assert.Single(exceptions, e => e.Strings("destinations").SequenceEqual(["dc2"]) && Replicates(e));
        Assert.Equal("135,445,50000-50010", toDc2.Str("tcp"));
        Assert.Equal("tcp/50000-50010", toDc2.Str("rpcDynamicPorts"));
        var toDc1 = Assert.Single(exceptions, e => e.Strings("destinations").SequenceEqual(["dc1"]) && Replicates(e));
        Assert.Equal("135,445,49152-65535", toDc1.Str("tcp"));
        Assert.Equal("tcp/49152-65535", toDc1.Str("rpcDynamicPorts"));

        // The report tells how to narrow each exception that opens a dynamic range.
        var table = Cli.Ok("recommend", model, "--at", "inter-site", "--close", "135,445,49152-65535", "--lang", "en").Out;
        Assert.Contains($"{toDc1.Str("id")} opens the RPC dynamic range tcp/49152-65535 toward dc1", table);
        Assert.Contains("KB 154596", table);
        // …and does not tell to restrict what the model says is restricted already.
        var flat = string.Join(" ", table.Split('\n').Select(l => l.Trim()));
        Assert.Contains($"{toDc2.Str("id")} opens the RPC dynamic ports tcp/50000-50010 toward dc2, the range the model says is handed out there", flat);
        Assert.DoesNotContain($"{toDc2.Str("id")} opens the RPC dynamic range", flat);
    }

    private static string[] BuiltInWith(string line, string replacement)
    {
        var lines = Cli.Ok("model", "example").Out.Replace("\r\n", "\n").Split('\n');
        Assert.Single(lines, l => l == line);
        return lines.Select(l => l == line ? replacement : l).ToArray();
    }

    public static TheoryData<string[]> Formats => new()
    {
        new[] { "--format", "json" },
        new[] { "--format", "markdown", "--lang", "en" },
        new[] { "--format", "table", "--lang", "en" },
        new[] { "--format", "table", "--lang", "ja" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Two_runs_give_byte_identical_reports_and_policy_files(string[] format)
    {
        var first = Path.Combine(_dir.Path, "first.yaml");
        var second = Path.Combine(_dir.Path, "second.yaml");
        var a = Cli.Ok(["recommend", "--at", "hosts", .. format, "--as-policy", first]).Out;
        var b = Cli.Ok(["recommend", "--at", "hosts", .. format, "--as-policy", second]).Out;
        Assert.Contains("E1", a);
        Assert.Equal(a, b);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Contains("rules:", File.ReadAllText(first));
    }

    [Fact]
    public void Two_runs_on_another_model_give_identical_output()
    {
        var model = TestModels.Args(_dir, "chain")[0];
        var a = Cli.Ok("recommend", model, "--at", "inter-site", "--format", "json").Out;
        var b = Cli.Ok("recommend", model, "--at", "inter-site", "--format", "json").Out;
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    public void Japanese_reports_have_japanese_headers(string format)
    {
        var ja = Cli.Ok("recommend", "--at", "inter-site", "--format", format, "--lang", "ja").Out;
        foreach (var header in new[] { "必要な例外", "維持する依存関係", "送信元", "宛先", "通る例外", "対策", "例外を通って残る攻撃経路", "まとめ" })
        {
            Assert.Contains(header, ja);
        }
        Assert.DoesNotContain("Exceptions needed", ja);
        Assert.DoesNotContain("Still exposed through the exceptions", ja);

        var en = Cli.Ok("recommend", "--at", "inter-site", "--format", format, "--lang", "en").Out;
        Assert.Contains("Exceptions needed", en);
        Assert.DoesNotContain("必要な例外", en);
    }

    [Fact]
    public void Json_is_the_same_in_every_language_except_the_mitigation_texts()
    {
        var en = JsonNode.Parse(Cli.Ok("recommend", "--at", "hosts", "--format", "json", "--lang", "en").Out)!;
        var ja = JsonNode.Parse(Cli.Ok("recommend", "--at", "hosts", "--format", "json", "--lang", "ja").Out)!;
        var enTexts = StripMitigationTexts(en);
        var jaTexts = StripMitigationTexts(ja);
        Assert.NotEmpty(enTexts);
        Assert.NotEqual(enTexts, jaTexts);
        Assert.True(JsonNode.DeepEquals(en, ja), "the JSON differs between --lang en and --lang ja beyond the mitigation texts");
        Assert.All(en["exceptions"]!.AsArray(), e => Assert.Contains((string)e!["direction"]!, new[] { "in", "out", "both" }));
    }

    /// <summary>Removes every mitigation's <c>text</c>, returning the texts removed.</summary>
    private static List<string> StripMitigationTexts(JsonNode root)
    {
        var texts = new List<string>();
        foreach (var row in root["residual"]!.AsArray())
        {
            foreach (var mitigation in row!["mitigations"]!.AsArray())
            {
                var obj = mitigation!.AsObject();
                texts.Add((string)obj["text"]!);
                obj.Remove("text");
            }
        }
        return texts;
    }

    [Fact]
    public void Markdown_has_a_section_and_a_table_per_part()
    {
        var md = Cli.Ok("recommend", "--at", "inter-site", "--format", "markdown", "--lang", "en").Out.Replace("\r\n", "\n");
        var lines = md.Split('\n');
        Assert.StartsWith("# Least-open change for Example Trading Co.", lines[0]);
        // Replication both ways, SMB and RPC from the branch, the print server's notifications back to the branch, and
        // each site's failover logon at the other site's DC (which lets Blaster from hq reach dc2 as well); Welchia
        // counts since its WebDAV way needs IIS 5.0, PrintNightmare and Nimda's shares since they ride on 135 and 445.
        Assert.Contains("## Exceptions needed: 6", md);
        Assert.Contains("## Still exposed through the exceptions: 18 attack paths", md);
        Assert.Contains("### Mitigations that close no port", md);
        Assert.Contains("| id | at | direction | ports | from | to | keeps |", lines);
        Assert.Contains("| threat | attacker | victims | through | mitigations |", lines);
        // Each header row is followed by its separator row, then one row per exception.
        var header = Array.IndexOf(lines, "| id | at | direction | ports | from | to | keeps |");
        Assert.Equal("| --- | --- | --- | --- | --- | --- | --- |", lines[header + 1]);
        Assert.Equal(6, lines.Skip(header + 2).TakeWhile(l => l.StartsWith("| E", StringComparison.Ordinal)).Count());
        Assert.Contains(lines, l => l.StartsWith("| E2 | wan-router | in | tcp/135,445 | dc2 | dc1 |", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_of_host_firewall_exceptions_names_the_host_in_the_readers_language()
    {
        var en = Cli.Ok("recommend", "--at", "hosts", "--format", "markdown", "--lang", "en").Out;
        Assert.Contains("| host firewall of dc1 | in |", en);
        var ja = Cli.Ok("recommend", "--at", "hosts", "--format", "markdown", "--lang", "ja").Out;
        Assert.Contains("| dc1 のホスト ファイアウォール | 受信 |", ja);
    }

    [Fact]
    public void Recommend_output_file_holds_the_report_and_nothing_goes_to_stdout()
    {
        var report = Path.Combine(_dir.Path, "report.json");
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        var result = Cli.Ok("recommend", "--at", "inter-site", "--format", "json", "--output", report, "--as-policy", policy);
        Assert.Equal("", result.Out);
        Assert.Equal(Cli.Ok("recommend", "--at", "inter-site", "--format", "json").Out, File.ReadAllText(report));
        Assert.StartsWith("#", File.ReadAllText(policy));
        Assert.Equal(["policy.yaml", "report.json"], _dir.Entries());
    }
}
