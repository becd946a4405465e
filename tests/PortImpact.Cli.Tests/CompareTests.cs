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
}
