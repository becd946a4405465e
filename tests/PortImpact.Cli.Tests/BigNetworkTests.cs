using System.Text.RegularExpressions;

namespace PortImpact.Cli.Tests;

/// <summary>
/// A network of many sites: the report stays readable (only what changes, attack paths grouped, said in the output),
/// --all lists everything, --site looks at one site, --summary gives the figures by site, and the figures add up.
/// </summary>
public sealed partial class BigNetworkTests : IDisposable
{
    private const int Sites = 16;
    private readonly TempDir _dir = new();
    private readonly string _model;

    public BigNetworkTests()
    {
        var lines = new List<string> { "name: Many sites", "sites:" };
        for (var s = 0; s < Sites; s++) lines.Add($"  - {{ name: site{s}, subnets: [10.{s}.0.0/16] }}");
        lines.Add("zones:");
        lines.Add("  - { name: internet }");
        lines.Add("links:");
        lines.Add("  - { between: [internet, site0], via: edge-fw }");
        for (var s = 1; s < Sites; s++) lines.Add($"  - {{ between: [site0, site{s}], via: wan{s} }}");
        lines.Add("hosts:");
        for (var s = 0; s < Sites; s++)
        {
            lines.Add($"  - {{ name: dc{s}, site: site{s}, address: 10.{s}.0.10, roles: [domain-controller, dns-server] }}");
            lines.Add($"  - {{ name: fs{s}, site: site{s}, address: 10.{s}.0.20, roles: [file-server] }}");
            for (var g = 2; g < 5; g++) lines.Add($"  - {{ name: ws{s}-{g}, site: site{s}, subnet: 10.{s}.{g}.0/24, count: 20, roles: [workstation] }}");
        }
        _model = _dir.File("many.yaml", [.. lines]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Past_the_row_budget_the_report_lists_what_changes_grouped_and_says_so()
    {
        var report = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en").Out;
        var all = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en", "--all").Out;
        Assert.Contains("Past 200 rows this report lists only what the change changes", report);
        Assert.Contains("Attack paths are grouped by threat and attacker", report);
        Assert.Matches(@"\(\d+ in 15 sites\)", report);
        Assert.Contains("(counted, not listed: they were exposed before the change too; --all lists them)", report);
        Assert.DoesNotContain("Past 200 rows", all);
        Assert.True(Lines(report) * 5 < Lines(all), $"{Lines(report)} lines grouped, {Lines(all)} in full");
        // Grouping changes how paths are shown, never how many there are.
        Assert.Equal(Figure(all, "Attack paths the change stops"), Figure(report, "Attack paths the change stops"));
        Assert.Equal(Figure(all, "Still exposed after the change"), Figure(report, "Still exposed after the change"));
    }

    [Fact]
    public void A_site_shows_its_own_part_and_its_figures_are_the_sites()
    {
        var json = Cli.Ok("analyze", _model, "--at", "inter-site", "--format", "json").Json();
        var site = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en", "--site", "site7", "--all").Out;
        Assert.Contains("Only site site7", site);
        var rows = site.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal) && !l.Contains("capability") && !l.Contains("threat")).ToList();
        Assert.NotEmpty(rows);
        // Every row names the site's machines or the site as attacker.
        Assert.All(rows, row => Assert.Matches(@"(dc7|fs7|ws7-\d|site7)\b", row));
        var stopped = Figure(site, "Attack paths the change stops");
        Assert.True(stopped > 0 && stopped < json.GetProperty("summary").GetProperty("threatPathsStopped").GetInt32());
    }

    [Fact]
    public void Recommend_for_a_site_lists_the_exceptions_that_open_a_way_to_or_from_it()
    {
        var whole = Cli.Ok("recommend", _model, "--at", "inter-site", "--lang", "en").Out;
        var site = Cli.Ok("recommend", _model, "--at", "inter-site", "--lang", "en", "--site", "site7").Out;
        var wholeCount = Figure(whole, "Exceptions needed");
        var siteCount = Figure(site, "Exceptions needed");
        Assert.InRange(siteCount, 1, wholeCount - 1);
        Assert.Contains("Only site site7", site);
        var exceptionRows = site.Split('\n').Where(l => ExceptionRow().IsMatch(l)).ToList();
        Assert.Equal(siteCount, exceptionRows.Count);
        Assert.All(exceptionRows, row => Assert.Matches(@"\b(dc7|fs7|ws7-\d)\b", row));
        Cli.AssertBadInput(Cli.Run("recommend", _model, "--at", "inter-site", "--site", "nowhere"), "--site");
    }

    [Fact]
    public void The_summary_gives_the_figures_by_site_and_they_add_up_to_the_whole()
    {
        var summary = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en", "--summary").Out;
        var json = Cli.Ok("analyze", _model, "--at", "inter-site", "--format", "json").Json();
        Assert.Contains("By site", summary);
        Assert.DoesNotContain("Dependencies that change state", summary);
        var bySite = summary.Split('\n').Where(l => SiteRow().IsMatch(l)).Select(l => SiteRow().Match(l)).ToList();
        // Every site with machines has its row; the Internet zone holds none.
        Assert.Equal(Sites, bySite.Count);
        Assert.Equal(json.GetProperty("summary").GetProperty("threatPathsStopped").GetInt32(), bySite.Sum(m => int.Parse(m.Groups["stopped"].Value)));
        Assert.Equal(json.GetProperty("summary").GetProperty("threatPathsStillExposed").GetInt32(), bySite.Sum(m => int.Parse(m.Groups["exposed"].Value)));
        Assert.Equal(json.GetProperty("summary").GetProperty("newlyBroken").GetInt32(), bySite.Sum(m => int.Parse(m.Groups["broken"].Value)));
    }

    [Fact]
    public void The_html_report_of_a_big_network_says_what_it_groups_and_keeps_the_real_counts()
    {
        var text = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en").Out;
        var html = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en", "--format", "html").Out;
        Assert.Contains("Past 200 rows this report lists only what the change changes", html);
        Assert.Contains($"Still exposed after the change: {Figure(text, "Still exposed after the change")}", html);
        Assert.Contains("(counted, not listed: they were exposed before the change too; --all lists them)", html);
        var summary = Cli.Ok("analyze", _model, "--at", "inter-site", "--lang", "en", "--format", "html", "--summary").Out;
        Assert.Contains("id=\"by-site-table\"", summary);
        Assert.Equal(Sites, Regex.Matches(summary, @"<td[^>]*>site\d+</td>").Count);
        Assert.DoesNotContain("dependencies-table", summary);
    }

    [Fact]
    public void A_misspelled_site_is_refused_with_the_name_meant_and_conflicting_listings_too()
    {
        var refused = Cli.AssertBadInput(Cli.Run("analyze", _model, "--at", "inter-site", "--site", "sitee7"), "--site");
        Assert.Contains("'sitee7' is no site or zone of the model (did you mean 'site7'?)", refused.Err);
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "inter-site", "--changed-only", "--all"), "--all");
    }

    [Fact]
    public void Changed_only_on_a_small_network_counts_the_unchanged_exposures_instead_of_listing_them()
    {
        var full = Cli.Ok("analyze", "--at", "inter-site", "--lang", "en").Out;
        var changed = Cli.Ok("analyze", "--at", "inter-site", "--lang", "en", "--changed-only").Out;
        Assert.Equal(Figure(full, "Still exposed after the change"), Figure(changed, "Still exposed after the change"));
        Assert.True(Lines(changed) < Lines(full));
        Assert.Contains("(counted, not listed", changed);
        Assert.DoesNotContain("(counted, not listed", full);
    }

    [Fact]
    public void The_gate_of_a_site_judges_that_site()
    {
        // Closing between the sites breaks the branch's file sharing, so the whole network and the branch fail the gate;
        // the partner on the Internet reaches headquarters through the perimeter, which the change leaves alone.
        Assert.Equal(1, Cli.Run("analyze", "--at", "inter-site", "--fail-on", "broken").Exit);
        Assert.Equal(1, Cli.Run("analyze", "--at", "inter-site", "--site", "branch", "--fail-on", "broken").Exit);
        var internet = Cli.Run("analyze", "--at", "inter-site", "--site", "internet", "--fail-on", "broken");
        Assert.True(internet.Exit == 0, internet.Err);
    }

    private static int Lines(string text) => text.Count(c => c == '\n');

    private static int Figure(string report, string header) =>
        int.Parse(Regex.Match(report, Regex.Escape(header) + @": (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^│ E\d+ ")]
    private static partial Regex ExceptionRow();

    [GeneratedRegex(@"^│ (site\d+|internet)\s*│\s*(?<broken>\d+) │\s*(?<degraded>\d+) │\s*(?<stopped>\d+) │\s*(?<exposed>\d+) │$")]
    private static partial Regex SiteRow();
}
