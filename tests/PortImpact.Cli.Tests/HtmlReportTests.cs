using System.Text.RegularExpressions;

namespace PortImpact.Cli.Tests;

/// <summary>
/// <c>--format html</c> without a browser: one self-contained page (nothing fetched from anywhere), markup that needs
/// no repair, model text escaped, the reader's language, and the same numbers as the JSON report.
/// (tests/PortImpact.Cli.BrowserTests opens the same pages in Chromium.)
/// </summary>
public sealed class HtmlReportTests
{
    public static TheoryData<string, string[]> Reports => new()
    {
        { "en", ["analyze", "--at", "inter-site", "--lang", "en"] },
        { "ja", ["analyze", "--at", "hosts", "--lang", "ja"] },
        { "en", ["recommend", "--at", "inter-site", "--lang", "en"] },
        { "ja", ["recommend", "--at", "perimeter", "--lang", "ja"] },
        { "en", ["compare", "--lang", "en"] },
        { "ja", ["compare", "--lang", "ja", "--at", "wan-router"] },
    };

    private static string Html(params string[] args) => Cli.Ok([.. args, "--format", "html"]).Out;

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_page_parses_and_fetches_nothing(string language, string[] args)
    {
        var html = Html(args);
        var page = HtmlTree.Parse(html);
        var root = Assert.Single(page.Elements);
        Assert.Equal("html", root.Tag);
        Assert.Equal(language, root.Attr("lang"));
        Assert.Contains(root.All("meta"), m => m.Attr("charset") == "utf-8");
        Assert.Contains(root.All("meta"), m => m.Attr("name") == "viewport" && m.Attr("content")!.Contains("width=device-width"));

        // Nothing is loaded from outside: no element with src, no link element, no import or url() in the style sheet.
        Assert.DoesNotContain(root.Descendants(), e => e.Attributes.ContainsKey("src"));
        Assert.Empty(root.All("link"));
        Assert.Empty(root.All("iframe").Concat(root.All("object")).Concat(root.All("embed")).Concat(root.All("img")));
        var style = Assert.Single(root.All("style")).Text();
        Assert.DoesNotContain("@import", style);
        Assert.DoesNotContain("url(", style);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("url(http", html);
        // The only addresses are links to the documents the catalog cites, opened by the reader's click.
        Assert.All(root.Descendants().Where(e => e.Attr("href") is { } href && !href.StartsWith('#')), e =>
        {
            Assert.Equal("a", e.Tag);
            Assert.StartsWith("http", e.Attr("href"));
        });
        Assert.Equal(Regex.Matches(html, "href=\"http").Count, root.All("a").Count(a => a.Attr("href")!.StartsWith("http", StringComparison.Ordinal)));
        var script = Assert.Single(root.All("script"));
        Assert.Empty(script.Attributes);
        Assert.DoesNotContain("fetch(", script.Text());
        Assert.DoesNotContain("XMLHttpRequest", script.Text());

        // Every internal link lands on an element of the page.
        var ids = root.Descendants().Select(e => e.Attr("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(root.Descendants().Select(e => e.Attr("href")).OfType<string>().Where(h => h.StartsWith('#')), href => Assert.Contains(href[1..], ids));
        Assert.All(root.All("table"), table => Assert.Contains(root.Descendants(), e => e.Attr("data-table") == table.Attr("id")));
    }

    [Theory]
    [InlineData(nameof(TestModels.Chain))]
    [InlineData(nameof(TestModels.Hub))]
    [InlineData(nameof(TestModels.TwoPlants))]
    public void Pages_of_other_models_parse_and_agree_with_the_json(string name)
    {
        using var dir = new TempDir();
        var lines = (string[])typeof(TestModels).GetField(name)!.GetValue(null)!;
        var model = dir.File(name + ".yaml", lines);
        foreach (var at in new[] { "hosts", "inter-site,perimeter" })
        {
            var page = HtmlTree.Parse(Html("analyze", model, "--at", at, "--lang", "ja"));
            var summary = Cli.Ok("analyze", model, "--at", at, "--format", "json").Json().GetProperty("summary");
            Assert.Equal(summary.GetProperty("threatPathsStopped").GetInt32(), Figure(page, "threat-paths-stopped"));
            Assert.Equal(summary.GetProperty("newlyBroken").GetInt32(), Figure(page, "newly-broken"));
            HtmlTree.Parse(Html("recommend", model, "--at", at, "--lang", "en"));
        }
        HtmlTree.Parse(Html("compare", model, "--at", "hosts:workstation"));
    }

    [Fact]
    public void The_page_is_the_same_every_time()
    {
        Assert.Equal(Html("analyze", "--at", "inter-site", "--lang", "en"), Html("analyze", "--at", "inter-site", "--lang", "en"));
    }

    [Fact]
    public void Japanese_pages_say_lang_ja_and_have_japanese_headings()
    {
        var analyze = HtmlTree.Parse(Html("analyze", "--at", "inter-site", "--lang", "ja"));
        Assert.Equal("ja", analyze.All("html").Single().Attr("lang"));
        Assert.Contains("影響分析", analyze.All("h1").Single().Text());
        var headings = analyze.All("h2").Select(h => h.Text()).ToList();
        Assert.Contains(headings, h => h.StartsWith("状態が変わる依存関係", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.StartsWith("この変更で阻止される攻撃経路", StringComparison.Ordinal));
        Assert.Contains("脅威・機能と出典", headings);
        Assert.DoesNotContain(headings, h => h.Contains("Dependencies", StringComparison.Ordinal) || h.Contains("Attack paths", StringComparison.Ordinal));
        Assert.Contains(analyze.All("td"), td => td.Text() == "利用不可");
        Assert.Contains("絞り込み", analyze.All("label").First().Text());

        var compare = HtmlTree.Parse(Html("compare", "--lang", "ja"));
        Assert.Equal("ja", compare.All("html").Single().Attr("lang"));
        Assert.Contains(compare.All("h2"), h => h.Text() == "適用場所ごとの影響");
        Assert.Contains(compare.All("th"), th => th.Text() == "阻止: 外部");
    }

    [Fact]
    public void Names_from_the_model_are_escaped()
    {
        using var dir = new TempDir();
        var example = File.ReadAllText(Repository.Path("src", "PortImpact.Formats", "Examples", "example.yaml"));
        var hostile = example.Replace("name: Example Trading Co.", "name: \"<script>alert('x')</script> & \\\"Co\\\" <b>\"", StringComparison.Ordinal);
        Assert.NotEqual(example, hostile);
        var model = dir.File("hostile.yaml", hostile.Split('\n'));
        foreach (var command in new[] { "analyze", "recommend", "compare" })
        {
            string[] args = command == "compare" ? [command, model] : [command, model, "--at", "inter-site"];
            var html = Html(args);
            var page = HtmlTree.Parse(html);
            Assert.Single(page.All("script"));
            Assert.Empty(page.All("b"));
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"Co\" &lt;b&gt;</h1>", html);
            Assert.Contains("<script>alert('x')</script> & \"Co\" <b>", page.All("h1").Single().Text());
            Assert.Contains("<script>alert('x')</script> & \"Co\" <b>", page.All("head").Single().All("title").Single().Text());
        }
    }

    [Fact]
    public void Analyze_shows_the_numbers_of_the_json_report()
    {
        var json = Cli.Ok("analyze", "--at", "inter-site", "--format", "json").Json();
        var page = HtmlTree.Parse(Html("analyze", "--at", "inter-site", "--lang", "en"));
        var summary = json.GetProperty("summary");
        Assert.Equal(summary.GetProperty("newlyBroken").GetInt32(), Figure(page, "newly-broken"));
        Assert.Equal(summary.GetProperty("newlyDegraded").GetInt32(), Figure(page, "newly-degraded"));
        Assert.Equal(summary.GetProperty("resilienceLost").GetInt32(), Figure(page, "resilience-lost"));
        Assert.Equal(summary.GetProperty("threatPathsStopped").GetInt32(), Figure(page, "threat-paths-stopped"));
        Assert.Equal(summary.GetProperty("threatPathsStillExposed").GetInt32(), Figure(page, "threat-paths-still-exposed"));

        var changed = json.Items("dependencies").Count(d => d.GetProperty("changed").GetBoolean());
        Assert.Equal(changed, Rows(page, "dependencies-table").Count);
        Assert.Equal(summary.GetProperty("threatPathsStopped").GetInt32(), Victims(page, "stopped-table"));
        Assert.Equal(summary.GetProperty("threatPathsStillExposed").GetInt32(), Victims(page, "still-exposed-table"));
    }

    [Fact]
    public void Recommend_shows_the_numbers_of_the_json_report()
    {
        var json = Cli.Ok("recommend", "--at", "inter-site", "--format", "json").Json();
        var page = HtmlTree.Parse(Html("recommend", "--at", "inter-site", "--lang", "en"));
        var summary = json.GetProperty("summary");
        Assert.Equal(summary.GetProperty("exceptions").GetInt32(), Figure(page, "exceptions"));
        Assert.Equal(summary.GetProperty("exceptions").GetInt32(), Rows(page, "exceptions-table").Count);
        Assert.Equal(json.Items("exceptions").Select(e => e.Str("id")), Rows(page, "exceptions-table").Select(r => r[0]));
        Assert.Equal(summary.GetProperty("dependenciesKept").GetInt32(), Figure(page, "dependencies-kept"));
        Assert.Equal(summary.GetProperty("threatPathsStopped").GetInt32(), Figure(page, "threat-paths-stopped"));
        Assert.Equal(summary.GetProperty("threatPathsThroughExceptions").GetInt32(), Figure(page, "threat-paths-through-exceptions"));
        Assert.Equal(summary.GetProperty("threatPathsThroughExceptions").GetInt32(), Victims(page, "residual-table"));
    }

    [Fact]
    public void Compare_shows_the_numbers_of_the_json_report_in_the_table_and_the_chart()
    {
        var json = Cli.Ok("compare", "--format", "json").Json();
        var page = HtmlTree.Parse(Html("compare", "--lang", "en"));
        var rows = Rows(page, "placements-table");
        var placements = json.Items("placements").ToList();
        Assert.Equal(placements.Select(p => p.Str("placement")), rows.Select(r => r[0]));
        var bars = page.All("rect").Where(r => r.Attr("data-metric") is not null).ToList();
        foreach (var (placement, row) in placements.Zip(rows))
        {
            var name = placement.Str("placement");
            var stopped = placement.GetProperty("threatPathsStopped");
            var expected = new Dictionary<string, int>
            {
                ["stopped-external"] = stopped.GetProperty("external").GetInt32(),
                ["stopped-sites"] = stopped.GetProperty("otherSites").GetInt32(),
                ["stopped-lan"] = stopped.GetProperty("lan").GetInt32(),
                ["still-exposed"] = placement.GetProperty("threatPathsStillExposed").GetInt32(),
                ["broken"] = placement.GetProperty("dependenciesBroken").GetInt32(),
                ["degraded"] = placement.GetProperty("dependenciesDegraded").GetInt32(),
                ["failover-lost"] = placement.GetProperty("resilienceLost").GetInt32(),
                ["exceptions"] = placement.GetProperty("exceptionsNeeded").GetInt32(),
            };
            Assert.Equal(expected.Values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), row.Skip(1));
            foreach (var (metric, value) in expected)
            {
                var bar = Assert.Single(bars, b => b.Attr("data-bar") == name && b.Attr("data-metric") == metric);
                Assert.Equal(value, int.Parse(bar.Attr("data-value")!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        // Bars of one chart share a scale: equal counts draw equal lengths.
        var external = bars.Where(b => b.Attr("data-metric") == "stopped-external").ToList();
        Assert.Equal(external[0].Attr("width"), external[2].Attr("width"));
    }

    [Fact]
    public void Threat_bulletins_and_sources_link_to_their_documents()
    {
        var page = HtmlTree.Parse(Html("analyze", "--at", "inter-site", "--lang", "en"));
        var blaster = page.ById("threat-blaster");
        Assert.Contains(page.All("a"), a => a.Attr("href") == "#threat-blaster");
        var links = blaster.All("a").ToList();
        Assert.Contains(links, a => a.Text() == "MS03-026" && a.Attr("href")!.StartsWith("https://", StringComparison.Ordinal));
        Assert.Contains(links, a => a.Text() == "S8" && a.Attr("href")!.StartsWith("https://github.com/", StringComparison.Ordinal));
        // A source the catalog gives no address is named, with its title, but not linked.
        Assert.Contains(blaster.All("span"), s => s.Text() == "S16" && s.Attr("title")!.StartsWith("Worm write-ups", StringComparison.Ordinal));
        var sources = page.ById("references").All("ol").Single().All("li").ToList();
        Assert.Contains(sources, li => li.Attr("id") == "source-S8" && li.All("a").Single().Attr("href")!.StartsWith("https://", StringComparison.Ordinal));
        Assert.Contains(page.All("a"), a => a.Attr("href") == "#capability-file-sharing");
        Assert.Contains("SMB", page.ById("capability-file-sharing").Text());
    }

    [Fact]
    public void The_output_file_holds_the_page()
    {
        using var dir = new TempDir();
        var path = System.IO.Path.Combine(dir.Path, "report.html");
        var result = Cli.Ok("compare", "--lang", "en", "--format", "html", "--output", path);
        Assert.Equal("", result.Out);
        Assert.Equal(Html("compare", "--lang", "en"), File.ReadAllText(path));
    }

    [Fact]
    public void Only_the_three_reports_offer_html()
    {
        Cli.AssertBadInput(Cli.Run("spread", "--threat", "blaster", "--from", "branch-pcs", "--format", "html"), "--format", "html");
        foreach (var command in new[] { "analyze", "recommend" }) Assert.StartsWith("<!DOCTYPE html>", Html(command, "--at", "perimeter"));
    }

    private static int Figure(HtmlElement page, string id) =>
        int.Parse(page.Descendants().Single(e => e.Attr("data-figure") == id).Attr("data-value")!, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string[]> Rows(HtmlElement page, string table) =>
        page.ById(table).All("tbody").Single().All("tr").Select(tr => tr.All("td").Select(td => td.Text()).ToArray()).ToList();

    /// <summary>A threat table's attack paths: each row names its victims, one path each.</summary>
    private static int Victims(HtmlElement page, string table)
    {
        var header = page.ById(table).All("th").Select(th => th.Text()).ToList();
        var column = header.IndexOf("victims");
        return Rows(page, table).Sum(r => r[column].Split(", ").Length);
    }
}
