using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary><c>compare</c>: the perimeter / inter-site / hosts trade-off.</summary>
public class CompareTests
{
    private static int Stopped(JsonElement row) =>
        row.GetProperty("threatPathsStopped").EnumerateObject().Sum(p => p.Value.GetInt32());

    [Fact]
    public void Table_prints_the_three_standard_placements()
    {
        var lines = Cli.Ok("compare", "--lang", "en").Out.Split('\n');
        foreach (var placement in new[] { "perimeter", "inter-site", "hosts" })
        {
            Assert.Single(lines, l => l.TrimStart('│', ' ').StartsWith(placement + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Json_shows_perimeter_stops_only_external_and_hosts_stops_and_breaks_the_most()
    {
        var rows = Cli.Ok("compare", "--format", "json").Json().Items("placements").ToList();
        Assert.Equal(["perimeter", "inter-site", "hosts"], rows.Select(r => r.Str("placement")));

        var perimeter = rows[0].GetProperty("threatPathsStopped");
        Assert.True(perimeter.GetProperty("external").GetInt32() > 0);
        Assert.Equal(0, perimeter.GetProperty("otherSites").GetInt32());
        Assert.Equal(0, perimeter.GetProperty("lan").GetInt32());

        var hosts = rows[2];
        Assert.All(rows.Take(2), r =>
        {
            Assert.True(Stopped(hosts) > Stopped(r), $"hosts stops {Stopped(hosts)}, {r.Str("placement")} {Stopped(r)}");
            Assert.True(hosts.GetProperty("dependenciesBroken").GetInt32() > r.GetProperty("dependenciesBroken").GetInt32());
        });
        Assert.True(hosts.GetProperty("threatPathsStopped").GetProperty("lan").GetInt32() > 0);
    }

    [Fact]
    public void An_extra_at_set_adds_a_row()
    {
        var rows = Cli.Ok("compare", "--format", "json", "--at", "wan-router").Json().Items("placements").ToList();
        Assert.Equal(["perimeter", "inter-site", "hosts", "wan-router"], rows.Select(r => r.Str("placement")));
        Assert.Equal(["wan-router"], rows[3].Strings("points"));

        var table = Cli.Ok("compare", "--lang", "en", "--at", "wan-router").Out;
        Assert.Contains("wan-router", table);
    }

    [Fact]
    public void Compare_with_an_unknown_point_is_bad_input()
    {
        Cli.AssertBadInput(Cli.Run("compare", "--at", "nowhere"), "--at", "nowhere");
    }

    [Fact]
    public void Json_counts_the_exceptions_each_placement_needs_as_recommend_does()
    {
        var rows = Cli.Ok("compare", "--format", "json", "--at", "hosts:workstation").Json().Items("placements").ToList();
        Assert.Equal(["perimeter", "inter-site", "hosts", "hosts:workstation"], rows.Select(r => r.Str("placement")));
        foreach (var row in rows)
        {
            var recommended = Cli.Ok("recommend", "--at", row.Str("placement"), "--format", "json").Json();
            Assert.Equal(recommended.Items("exceptions").Count(), row.GetProperty("exceptionsNeeded").GetInt32());
        }
        Assert.All(rows.Take(3), r => Assert.True(r.GetProperty("exceptionsNeeded").GetInt32() > 0, r.Str("placement")));

        // Closing the seed's ports on workstations alone breaks only what connects to them: the print server's change
        // notifications back to each client's spooler over SMB (MS-RPRN), one exception per workstation group.
        var workstations = rows[3];
        var analysis = Cli.Ok("analyze", "--at", "hosts:workstation", "--format", "json").Json();
        var broken = analysis.Items("dependencies").Where(d => d.Str("after") == "broken").ToList();
        Assert.NotEmpty(broken);
        Assert.All(broken, d => Assert.Equal("print-notifications", d.Str("capability")));
        Assert.Equal(broken.Count, workstations.GetProperty("dependenciesBroken").GetInt32());
        Assert.Equal(0, workstations.GetProperty("dependenciesDegraded").GetInt32());
        Assert.Equal(broken.Count, workstations.GetProperty("exceptionsNeeded").GetInt32());
    }

    [Fact]
    public void Exceptions_needed_on_another_model_match_recommend_for_the_same_closure_and_direction()
    {
        using var dir = new TempDir();
        var model = TestModels.Args(dir, "hub")[0];
        var rows = Cli.Ok("compare", model, "--close", "445", "--direction", "in", "--format", "json").Json().Items("placements").ToList();
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var recommended = Cli.Ok("recommend", model, "--close", "445", "--direction", "in", "--at", row.Str("placement"), "--format", "json").Json();
            Assert.Equal(recommended.Items("exceptions").Count(), row.GetProperty("exceptionsNeeded").GetInt32());
        }
        Assert.All(rows, r => Assert.True(r.GetProperty("exceptionsNeeded").GetInt32() > 0, r.Str("placement")));
    }

    [Fact]
    public void Table_and_markdown_show_the_exceptions_needed_column_in_the_readers_language()
    {
        var en = Cli.Ok("compare", "--lang", "en").Out;
        Assert.Contains("exceptions needed", en);
        var md = Cli.Ok("compare", "--lang", "ja", "--format", "markdown").Out.Replace("\r\n", "\n").Split('\n');
        var header = Assert.Single(md, l => l.StartsWith("| 適用場所 |", StringComparison.Ordinal));
        Assert.EndsWith("| 必要な例外 |", header);
        Assert.Contains("| フェイルオーバー喪失 |", header);
        // perimeter: the partner's file sharing and RPC break (no failover is lost), so two exceptions are needed.
        var perimeter = Assert.Single(md, l => l.StartsWith("| perimeter |", StringComparison.Ordinal));
        Assert.EndsWith("| 2 | 0 | 0 | 2 |", perimeter);
        // between the sites each site's members lose their failover to the other site's DC.
        var interSite = Assert.Single(md, l => l.StartsWith("| inter-site |", StringComparison.Ordinal));
        Assert.EndsWith("| 4 | 6 |", interSite);
    }
}
