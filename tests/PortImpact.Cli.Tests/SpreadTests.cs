namespace PortImpact.Cli.Tests;

/// <summary><c>portimpact spread</c>: the infection wave, as JSON and tables, and its input errors.</summary>
public sealed class SpreadTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Json_lists_each_victim_with_its_hop_its_source_and_what_let_it_through()
    {
        var policy = Path.Combine(_dir.Path, "exceptions.yaml");
        Cli.Ok("recommend", "--at", "inter-site", "--as-policy", policy, "--format", "json");
        var json = Cli.Ok("spread", "--threat", "MS03-026", "--from", "branch-pcs", "--at", "inter-site", "--policy", policy, "--format", "json").Json();

        Assert.Equal("blaster", json.Str("threat"));
        Assert.Equal("branch-pcs", json.Str("from"));
        var reached = json.Items("reached").ToList();
        Assert.NotEmpty(reached);
        var hops = reached.ToDictionary(r => r.Str("victim"), r => r.GetProperty("hop").GetInt32());
        foreach (var victim in reached)
        {
            var hop = victim.GetProperty("hop").GetInt32();
            Assert.True(hop == 1 ? victim.Str("from") == "branch-pcs" : hops[victim.Str("from")] == hop - 1);
            Assert.NotEmpty(victim.Strings("through"));
        }
        Assert.Contains(reached, r => r.GetProperty("hop").GetInt32() == 2);
        Assert.True(json.GetProperty("radius").GetInt32() >= reached.Count);
        Assert.NotNull(json.Strings("notReached"));

        var withoutExceptions = Cli.Ok("spread", "--threat", "blaster", "--from", "branch-pcs", "--at", "inter-site", "--format", "json").Json();
        Assert.True(withoutExceptions.Items("reached").Count() < reached.Count);
    }

    [Fact]
    public void The_table_says_the_blast_radius_in_the_readers_language()
    {
        Assert.Contains("Blast radius:", Cli.Ok("spread", "--threat", "wannacry", "--from", "partner", "--lang", "en").Out);
        Assert.Contains("被害範囲:", Cli.Ok("spread", "--threat", "wannacry", "--from", "partner", "--lang", "ja").Out);
        Assert.Contains("| hop | victim | infected by | through |", Cli.Ok("spread", "--threat", "wannacry", "--from", "partner", "--lang", "en", "--format", "markdown").Out);
    }

    [Theory]
    [InlineData("--threat", "nosuch", "--from", "dc1", "--threat:1:1: unknown threat 'nosuch'")]
    [InlineData("--threat", "blaster", "--from", "site:internet", "--from:1:1: 'site:internet' is no host")]
    [InlineData("--threat", "blaster", "--from", "nowhere", "--from:1:1: 'nowhere' is no host")]
    public void A_bad_threat_or_origin_is_named_and_exits_2(string a, string b, string c, string d, string message)
    {
        var result = Cli.Run("spread", a, b, c, d);
        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Err);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Analyze_tells_an_exploited_victim_from_a_blocked_one()
    {
        // Closing Blaster's shell port on every host cuts its copy step; its exploit on TCP 135 still arrives.
        var json = Cli.Ok("analyze", "--close", "tcp/4444", "--at", "hosts", "--format", "json").Json();
        var blaster = json.Items("threats").Where(t => t.Str("threat") == "blaster").ToList();
        Assert.NotEmpty(blaster);
        Assert.All(blaster, t => Assert.True(t.Str("after") == "blocked" && t.GetProperty("exploited").GetBoolean()));
        Assert.Equal(blaster.Count, json.GetProperty("summary").GetProperty("threatPathsExploitedOnly").GetInt32()
            - json.Items("threats").Count(t => t.Str("threat") != "blaster" && t.GetProperty("exploited").GetBoolean()));
        var cut135 = Cli.Ok("analyze", "--close", "tcp/135", "--at", "hosts", "--format", "json").Json();
        Assert.All(cut135.Items("threats").Where(t => t.Str("threat") == "blaster"), t => Assert.False(t.GetProperty("exploited").GetBoolean()));
    }

    [Fact]
    public void Recommend_reports_each_residual_threats_worst_wave_through_the_exceptions()
    {
        var json = Cli.Ok("recommend", "--at", "inter-site", "--format", "json").Json();
        var residual = json.Items("residual").Select(r => r.Str("threat")).ToHashSet();
        var worst = json.Items("worstCases").ToList();
        Assert.Equal(residual.Order(), worst.Select(w => w.Str("threat")).Order());
        foreach (var w in worst)
        {
            // The same wave, run by spread with the recommended exceptions, reaches exactly as far.
            Assert.True(w.GetProperty("radius").GetInt32() > w.GetProperty("radiusWithoutExceptions").GetInt32(), w.Str("threat"));
        }
        var blaster = worst.Single(w => w.Str("threat") == "blaster");
        var policy = Path.Combine(_dir.Path, "e.yaml");
        Cli.Ok("recommend", "--at", "inter-site", "--as-policy", policy, "--format", "json");
        var spread = Cli.Ok("spread", "--threat", "blaster", "--from", blaster.Str("from"), "--at", "inter-site", "--policy", policy, "--format", "json").Json();
        Assert.Equal(blaster.GetProperty("radius").GetInt32(), spread.GetProperty("radius").GetInt32());
        Assert.Equal(blaster.GetProperty("hops").GetInt32(), spread.Items("reached").Max(r => r.GetProperty("hop").GetInt32()));
    }
}
