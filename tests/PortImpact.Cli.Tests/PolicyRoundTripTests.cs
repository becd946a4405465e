using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary>
/// <c>recommend --as-policy P.yaml</c>, then <c>analyze --policy P.yaml</c>: with the recommended exceptions in
/// place the closure breaks and degrades nothing, on the built-in example and on models of other shapes.
/// </summary>
public sealed class PolicyRoundTripTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Seed = "135,137-139,445";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "built-in", "perimeter", Seed },
        { "built-in", "inter-site", Seed },
        { "built-in", "hosts", Seed },
        { "chain", "perimeter", Seed },
        { "chain", "inter-site", Seed },
        { "chain", "hosts", Seed },
        // The RPC dynamic range closed too: exceptions open it per server (dc-s hands out only 50000-50010).
        { "chain", "inter-site", Seed + ",49152-65535" },
        { "chain", "hosts", Seed + ",49152-65535" },
        { "hub", "perimeter", Seed },
        { "hub", "inter-site", Seed },
        { "hub", "hosts", Seed },
        // SMB direct closed alone degrades file sharing to NetBIOS: the exceptions must keep it working.
        { "hub", "inter-site", "445" },
        { "hub", "hosts", "445" },
        // Close everything, as the README's example does: the exceptions are all that stays open.
        { "built-in", "perimeter", "1-65535" },
        { "built-in", "inter-site", "1-65535" },
        { "built-in", "hosts", "1-65535" },
        { "chain", "inter-site", "1-65535" },
        { "hub", "perimeter", "1-65535" },
        { "hub", "hosts", "1-65535" },
    };

    private static JsonElement Summary(CliResult result) => result.Json().GetProperty("summary");

    private static int Count(JsonElement summary, string field) => summary.GetProperty(field).GetInt32();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_with_the_recommended_policy_breaks_and_degrades_nothing(string model, string at, string close)
    {
        var modelArgs = TestModels.Args(_dir, model);
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        string[] change = [.. modelArgs, "--at", at, "--close", close];

        var recommendation = Cli.Ok(["recommend", .. change, "--format", "json", "--as-policy", policy]).Json();
        Assert.True(File.Exists(policy));
        Assert.Equal(0, Count(recommendation.GetProperty("summary"), "dependenciesNotKept"));

        var without = Summary(Cli.Ok(["analyze", .. change, "--format", "json"]));
        Assert.True(Count(without, "newlyBroken") + Count(without, "newlyDegraded") > 0, $"the closure alone changes nothing at {at}: the test would prove nothing");
        if (close == Seed) Assert.True(Count(without, "newlyBroken") > 0, $"the seed's closure at {at} breaks nothing");

        var with = Summary(Cli.Ok(["analyze", .. change, "--policy", policy, "--format", "json"]));
        Assert.Equal(0, Count(with, "newlyBroken"));
        Assert.Equal(0, Count(with, "newlyDegraded"));
        Assert.Equal(Count(without, "dependencies"), Count(with, "dependencies"));
        // The analysis with the policy is the one recommend reports.
        Assert.Equal(Count(recommendation.GetProperty("summary"), "threatPathsStopped"), Count(with, "threatPathsStopped"));
        Assert.Equal(Count(recommendation.GetProperty("summary"), "threatPathsStillExposed"), Count(with, "threatPathsStillExposed"));
    }

    [Theory]
    [InlineData("in")]
    [InlineData("out")]
    [InlineData("both")]
    public void The_round_trip_holds_for_each_direction(string direction)
    {
        var policy = Path.Combine(_dir.Path, $"policy-{direction}.yaml");
        string[] change = [.. TestModels.Args(_dir, "chain"), "--at", "hosts", "--direction", direction];
        var recommendation = Cli.Ok(["recommend", .. change, "--format", "json", "--as-policy", policy]).Json();
        Assert.NotEmpty(recommendation.Items("exceptions"));
        if (direction != "both") Assert.All(recommendation.Items("exceptions"), e => Assert.Equal(direction, e.Str("direction")));

        Assert.True(Count(Summary(Cli.Ok(["analyze", .. change, "--format", "json"])), "newlyBroken") > 0);
        var with = Summary(Cli.Ok(["analyze", .. change, "--policy", policy, "--format", "json"]));
        Assert.Equal(0, Count(with, "newlyBroken"));
        Assert.Equal(0, Count(with, "newlyDegraded"));
    }

    [Fact]
    public void A_policy_with_no_exceptions_reads_back_and_changes_nothing()
    {
        var policy = Path.Combine(_dir.Path, "empty.yaml");
        Cli.Ok("recommend", "--close", "tcp/4444", "--at", "hosts:workstation", "--as-policy", policy, "--format", "json");
        Assert.Contains("policies: []", File.ReadAllText(policy));
        var without = Cli.Ok("analyze", "--close", "tcp/4444", "--at", "hosts:workstation", "--format", "json").Out;
        var with = Cli.Ok("analyze", "--close", "tcp/4444", "--at", "hosts:workstation", "--policy", policy, "--format", "json").Out;
        Assert.Equal(without, with);
    }

    [Fact]
    public void The_policy_file_names_each_exception_and_its_hosts()
    {
        var policy = Path.Combine(_dir.Path, "policy.yaml");
        var json = Cli.Ok("recommend", "--at", "inter-site", "--format", "json", "--as-policy", policy).Json();
        var text = File.ReadAllText(policy);
        Assert.Contains("model: \"Example Trading Co.\"", text);
        Assert.Contains("  - at: wan-router", text);
        foreach (var e in json.Items("exceptions"))
        {
            Assert.Contains($"name: \"{e.Str("id")} ", text);
            Assert.Contains($"from: [{string.Join(", ", e.Strings("sources"))}]", text);
            Assert.Contains($"to: [{string.Join(", ", e.Strings("destinations"))}]", text);
        }
        var addressLines = text.Split('\n').Where(l => l.TrimStart().StartsWith("from:", StringComparison.Ordinal) || l.TrimStart().StartsWith("to:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * json.Items("exceptions").Count(), addressLines.Count);
        Assert.All(addressLines, l => Assert.DoesNotContain("any", l));
    }

    [Fact]
    public void A_deny_in_a_policy_closes_more_and_is_named_with_its_place_in_the_file()
    {
        var policy = _dir.File("deny.yaml",
            "policies:",
            "  - at: wan-router",
            "    rules:",
            "      - { name: cut-fs, action: deny, from: branch-pcs, to: fs1, direction: in }");
        var json = Cli.Ok("analyze", "--at", "perimeter", "--policy", policy, "--format", "json").Json();
        var d = Assert.Single(json.Items("dependencies"),
            d => d.Str("capability") == "file-sharing" && d.Str("client") == "branch-pcs" && d.Str("server") == "fs1");
        Assert.Equal("works", d.Str("before"));
        Assert.Equal("broken", d.Str("after"));
        Assert.Equal(["wan-router"], d.Strings("blockedAt"));
        Assert.All(d.Items("reasons"), r =>
        {
            Assert.Equal("cut-fs", r.Str("rule"));
            Assert.Equal("model", r.Str("ruleOrigin"));
            Assert.Equal($"{policy}:4:9", r.Str("ruleLocation"));
        });
    }

    [Fact]
    public void A_permit_in_a_policy_exempts_from_the_change_but_never_opens_what_the_model_denies()
    {
        // The baseline lets the branch reach fs1 on SMB direct only, so printer sharing from a Windows 10 client (named
        // pipes on SMB, and RPC only optionally) is degraded.
        var example = Cli.Ok("model", "example").Out.Replace("\r\n", "\n").TrimEnd('\n').Split('\n')
            .Select(l => l.Replace("name: branch-pcs,", "name: branch-pcs, os: windows-10,", StringComparison.Ordinal)).ToArray();
        var model = _dir.File("baseline.yaml", [.. example,
            "policies:",
            "  - at: wan-router",
            "    default: deny",
            "    rules:",
            "      - { action: permit, protocol: tcp, ports: 445, from: branch-pcs, to: fs1 }"]);
        var policy = _dir.File("open.yaml",
            "policies:",
            "  - at: wan-router",
            "    rules:",
            "      - { name: open-all, action: permit, from: branch-pcs, to: fs1 }");

        (string Before, string After) State(CliResult result, string capability)
        {
            var d = Assert.Single(result.Json().Items("dependencies"),
                d => d.Str("capability") == capability && d.Str("client") == "branch-pcs" && d.Str("server") == "fs1");
            return (d.Str("before"), d.Str("after"));
        }

        var without = Cli.Ok("analyze", model, "--close", "445", "--at", "inter-site", "--format", "json");
        Assert.Equal(("works", "broken"), State(without, "file-sharing"));
        Assert.Equal(("degraded", "broken"), State(without, "printer-sharing"));

        var with = Cli.Ok("analyze", model, "--close", "445", "--at", "inter-site", "--policy", policy, "--format", "json");
        Assert.Equal(("works", "works"), State(with, "file-sharing"));
        Assert.Equal(("degraded", "degraded"), State(with, "printer-sharing"));
    }
}
