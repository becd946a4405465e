using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary><c>analyze --format json</c> on the built-in example: the JSON contract and the seed's answers.</summary>
public class AnalyzeJsonTests
{
    /// <summary>Where each host of the built-in example (<c>portimpact model example</c>) lives; partner is outside.</summary>
    internal static readonly Dictionary<string, string> SiteOf = new()
    {
        ["dc1"] = "hq", ["fs1"] = "hq", ["app1"] = "hq", ["hq-pcs"] = "hq",
        ["dc2"] = "branch", ["branch-pcs"] = "branch",
    };

    private static readonly string[] DependencyStates = ["works", "degraded", "broken"];
    private static readonly string[] Exposures = ["exposed", "blocked"];

    private static readonly Lazy<JsonElement> Perimeter = new(() => Cli.Ok("analyze", "--at", "perimeter", "--format", "json").Json());

    [Fact]
    public void Perimeter_json_has_the_contract_fields_with_known_state_values()
    {
        var json = Perimeter.Value;
        Assert.Equal(JsonValueKind.Array, json.GetProperty("dependencies").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("threats").ValueKind);
        Assert.NotEmpty(json.Items("dependencies"));
        Assert.NotEmpty(json.Items("threats"));
        foreach (var d in json.Items("dependencies"))
        {
            foreach (var field in new[] { "capability", "client", "server" }) Assert.False(string.IsNullOrEmpty(d.Str(field)), field);
            Assert.Contains(d.Str("before"), DependencyStates);
            Assert.Contains(d.Str("after"), DependencyStates);
            Assert.Equal(JsonValueKind.Array, d.GetProperty("blockedAt").ValueKind);
        }
        foreach (var t in json.Items("threats"))
        {
            foreach (var field in new[] { "threat", "attacker", "victim" }) Assert.False(string.IsNullOrEmpty(t.Str(field)), field);
            Assert.Contains(t.Str("before"), Exposures);
            Assert.Contains(t.Str("after"), Exposures);
            Assert.Equal(JsonValueKind.Array, t.GetProperty("cutAt").ValueKind);
        }
    }

    [Fact]
    public void Perimeter_breaks_the_partners_file_sharing_and_rpc_at_the_perimeter_firewall()
    {
        var partner = Perimeter.Value.Items("dependencies").Where(d => d.Str("client") == "partner").ToList();
        foreach (var capability in new[] { "file-sharing", "rpc" })
        {
            var d = Assert.Single(partner, d => d.Str("capability") == capability);
            Assert.Equal("works", d.Str("before"));
            Assert.Equal("broken", d.Str("after"));
            Assert.Equal(["perimeter-fw"], d.Strings("blockedAt"));
        }
    }

    [Fact]
    public void Perimeter_changes_no_dependency_between_two_hosts_inside_sites()
    {
        var dependencies = Perimeter.Value.Items("dependencies").ToList();
        foreach (var d in dependencies)
        {
            // Guard the example's shape: every host is either in a site or the outside partner.
            Assert.True(SiteOf.ContainsKey(d.Str("client")) || d.Str("client") == "partner", d.Str("client"));
            Assert.True(SiteOf.ContainsKey(d.Str("server")) || d.Str("server") == "partner", d.Str("server"));
        }
        var inside = dependencies.Where(d => SiteOf.ContainsKey(d.Str("client")) && SiteOf.ContainsKey(d.Str("server"))).ToList();
        Assert.NotEmpty(inside);
        Assert.All(inside, d =>
        {
            Assert.Equal(d.Str("before"), d.Str("after"));
            Assert.Empty(d.Strings("blockedAt"));
        });
    }

    [Fact]
    public void Perimeter_blocks_blaster_from_the_internet_for_every_victim_but_not_from_the_lan()
    {
        var blaster = Perimeter.Value.Items("threats").Where(t => t.Str("threat") == "blaster").ToList();
        var fromInternet = blaster.Where(t => t.Str("attacker") == "internet").ToList();
        var fromLan = blaster.Where(t => t.Str("attacker") == "lan").ToList();
        Assert.Equal(SiteOf.Keys.Order(), fromInternet.Select(t => t.Str("victim")).Order());
        Assert.All(fromInternet, t =>
        {
            Assert.Equal("exposed", t.Str("before"));
            Assert.Equal("blocked", t.Str("after"));
            Assert.Contains("perimeter-fw", t.Strings("cutAt"));
        });
        Assert.NotEmpty(fromLan);
        Assert.All(fromLan, t => Assert.Equal("exposed", t.Str("after")));
    }

    [Fact]
    public void Perimeter_json_ids_are_lower_case()
    {
        var json = Perimeter.Value;
        var ids = new List<string>();
        foreach (var d in json.Items("dependencies"))
        {
            ids.AddRange([d.Str("capability"), d.Str("client"), d.Str("server"), d.Str("before"), d.Str("after")]);
            ids.AddRange(d.Strings("blockedAt"));
        }
        foreach (var t in json.Items("threats"))
        {
            ids.AddRange([t.Str("threat"), t.Str("attacker"), t.Str("victim"), t.Str("before"), t.Str("after")]);
            ids.AddRange(t.Strings("cutAt"));
        }
        var change = json.GetProperty("change");
        ids.AddRange(change.Strings("at"));
        ids.AddRange(change.Strings("points"));
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Equal(id.ToLowerInvariant(), id));
    }

    [Fact]
    public void Hosts_breaks_ad_logon_inside_a_site()
    {
        var json = Cli.Ok("analyze", "--at", "hosts", "--format", "json").Json();
        var logons = json.Items("dependencies")
            .Where(d => d.Str("capability") == "ad-logon"
                && SiteOf.TryGetValue(d.Str("client"), out var a) && SiteOf.TryGetValue(d.Str("server"), out var b) && a == b)
            .ToList();
        Assert.NotEmpty(logons);
        Assert.Contains(logons, d => d.Str("client") == "hq-pcs" && d.Str("server") == "dc1");
        Assert.All(logons, d =>
        {
            Assert.Equal("works", d.Str("before"));
            Assert.Equal("broken", d.Str("after"));
            Assert.Equal([$"host:{d.Str("server")}"], d.Strings("blockedAt"));
        });
    }

    [Fact]
    public void Inter_site_breaks_ad_replication_between_dc1_and_dc2_at_the_wan_router()
    {
        var json = Cli.Ok("analyze", "--at", "inter-site", "--format", "json").Json();
        Assert.Equal(["wan-router"], json.GetProperty("change").Strings("points"));
        foreach (var (client, server) in new[] { ("dc1", "dc2"), ("dc2", "dc1") })
        {
            var d = Assert.Single(json.Items("dependencies"),
                d => d.Str("capability") == "ad-replication" && d.Str("client") == client && d.Str("server") == server && d.Str("replication") == "inbound");
            Assert.Equal("works", d.Str("before"));
            Assert.Equal("broken", d.Str("after"));
            Assert.Equal(["wan-router"], d.Strings("blockedAt"));
        }
    }

    [Fact]
    public void Each_threats_worst_case_is_a_real_start_whose_wave_a_closure_can_only_shrink()
    {
        var json = Perimeter.Value;
        var worst = json.Items("worstCases").ToList();
        var threats = json.Items("threats").Select(t => t.Str("threat")).Distinct().ToList();
        Assert.Equal(threats.Order(), worst.Select(w => w.Str("threat")).Order());
        foreach (var w in worst)
        {
            // Closing ports only removes ways, so the same start can never get further than today.
            Assert.InRange(w.GetProperty("radius").GetInt32(), 0, w.GetProperty("radiusBefore").GetInt32());
            var spread = Cli.Ok("spread", "--threat", w.Str("threat"), "--from", w.Str("from"), "--at", "perimeter", "--format", "json").Json();
            Assert.Equal(w.GetProperty("radius").GetInt32(), spread.GetProperty("radius").GetInt32());
        }
    }

    [Fact]
    public void A_row_still_exposed_names_the_way_that_passes_step_by_step()
    {
        var exposed = Perimeter.Value.Items("threats").Where(t => t.Str("after") == "exposed").ToList();
        Assert.NotEmpty(exposed);
        foreach (var row in exposed)
        {
            var reasons = row.Items("reasons").ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r.GetProperty("passes").GetBoolean()));
            Assert.All(reasons, r => Assert.Contains($"host:{row.Str("victim")}", r.Strings("through")));
        }
        // Blaster's three steps (CERT CA-2003-20): the exploit on 135, the shell on 4444, the TFTP pull back on 69.
        var blaster = exposed.First(t => t.Str("threat") == "blaster");
        Assert.Equal(["tcp/135", "tcp/4444", "udp/69"], blaster.Items("reasons").Select(r => $"{r.Str("transport")}/{r.Str("ports")}"));
    }
}
