using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace PortImpact.Cli.BrowserTests;

// Inside PortImpact.Cli.*, "Cli" alone would name the namespace, not the in-process command line.
using Cli = PortImpact.Cli.Tests.Cli;

/// <summary>
/// The HTML reports opened in headless Chromium: no console or script error, nothing requested from outside, the
/// numbers shown are the JSON report's, a click on a header sorts, typing in a filter hides the rows that do not
/// match, and the page holds together on a phone and on paper. Each test saves a screenshot beside the page it
/// opened, under the test output folder (browser-reports/).
/// </summary>
public sealed class HtmlReportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Html(params string[] args) => Cli.Ok([.. args, "--format", "html"]).Out;

    private static JsonElement Json(params string[] args) => Cli.Ok([.. args, "--format", "json"]).Json();

    private static void Clean(OpenReport report)
    {
        Assert.True(report.Errors.Count == 0, string.Join("\n", report.Errors));
        Assert.True(report.OutsideRequests.Count == 0, "requested: " + string.Join(", ", report.OutsideRequests));
    }

    [ChromiumFact]
    public async Task Analyze_shows_the_json_numbers_and_sorts_and_filters()
    {
        await using var report = await OpenReport.Open(browser.Browser, "analyze-inter-site.en", Html("analyze", "--at", "inter-site", "--lang", "en"));
        var json = Json("analyze", "--at", "inter-site");
        var summary = json.GetProperty("summary");
        var page = report.Page;

        // The numbers as the reader sees them.
        Assert.Equal(summary.GetProperty("newlyBroken").GetInt32(), await Figure(page, "newly-broken"));
        Assert.Equal(summary.GetProperty("resilienceLost").GetInt32(), await Figure(page, "resilience-lost"));
        Assert.Equal(summary.GetProperty("threatPathsStopped").GetInt32(), await Figure(page, "threat-paths-stopped"));
        Assert.Equal(summary.GetProperty("threatPathsStillExposed").GetInt32(), await Figure(page, "threat-paths-still-exposed"));
        Assert.Equal(json.GetProperty("dependencies").EnumerateArray().Count(d => d.GetProperty("changed").GetBoolean()), await report.VisibleRows("dependencies-table"));
        Assert.Equal(summary.GetProperty("threatPathsStopped").GetInt32(), (await report.Column("stopped-table", 2)).Sum(v => v.Split(", ").Length));
        Assert.Equal(summary.GetProperty("threatPathsStillExposed").GetInt32(), (await report.Column("still-exposed-table", 2)).Sum(v => v.Split(", ").Length));

        // A click on "client" sorts the rows by it; a second click turns the order round.
        var clients = await report.Column("dependencies-table", 1);
        var header = page.Locator("#dependencies-table thead th").Nth(1);
        await header.ClickAsync();
        Assert.Equal("ascending", await header.GetAttributeAsync("aria-sort"));
        var ascending = await report.Column("dependencies-table", 1);
        Assert.Equal(clients.Order(StringComparer.OrdinalIgnoreCase), ascending);
        Assert.NotEqual(clients, ascending);
        await header.ClickAsync();
        Assert.Equal("descending", await header.GetAttributeAsync("aria-sort"));
        Assert.Equal(clients.OrderDescending(StringComparer.OrdinalIgnoreCase), await report.Column("dependencies-table", 1));

        // Typing in a table's filter leaves the rows that hold every word typed.
        var threats = await report.Column("stopped-table", 0);
        var filter = page.Locator("[data-table=stopped-table] input");
        await filter.FillAsync("blaster");
        var blaster = threats.Count(t => t == "blaster");
        Assert.InRange(blaster, 1, threats.Length - 1);
        Assert.Equal(blaster, await report.VisibleRows("stopped-table"));
        Assert.All(await report.Column("stopped-table", 0), t => Assert.Equal("blaster", t));
        Assert.Equal($"{blaster} of {threats.Length} rows shown", await page.Locator("[data-table=stopped-table] .row-count").InnerTextAsync());
        await filter.FillAsync("blaster internet");
        Assert.Equal(1, await report.VisibleRows("stopped-table"));
        await filter.FillAsync("");
        Assert.Equal(threats.Length, await report.VisibleRows("stopped-table"));
        // The other tables are not filtered by it.
        Assert.Equal(clients.Length, await report.VisibleRows("dependencies-table"));

        await report.Screenshot();
        Clean(report);
    }

    [ChromiumFact]
    public async Task Compare_draws_the_json_numbers_as_bars_to_one_scale()
    {
        await using var report = await OpenReport.Open(browser.Browser, "compare.en", Html("compare", "--lang", "en"));
        var placements = Json("compare").GetProperty("placements").EnumerateArray().ToList();
        var page = report.Page;

        Assert.Equal(placements.Select(p => p.GetProperty("placement").GetString()), await report.Column("placements-table", 0));
        foreach (var placement in placements)
        {
            var name = placement.GetProperty("placement").GetString()!;
            var stopped = placement.GetProperty("threatPathsStopped");
            var expected = new (string Metric, int Value)[]
            {
                ("stopped-external", stopped.GetProperty("external").GetInt32()),
                ("stopped-sites", stopped.GetProperty("otherSites").GetInt32()),
                ("stopped-lan", stopped.GetProperty("lan").GetInt32()),
                ("still-exposed", placement.GetProperty("threatPathsStillExposed").GetInt32()),
                ("broken", placement.GetProperty("dependenciesBroken").GetInt32()),
                ("degraded", placement.GetProperty("dependenciesDegraded").GetInt32()),
                ("failover-lost", placement.GetProperty("resilienceLost").GetInt32()),
                ("exceptions", placement.GetProperty("exceptionsNeeded").GetInt32()),
            };
            var row = page.Locator("#placements-table tbody tr").Filter(new LocatorFilterOptions { HasText = name }).First;
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal(expected.Select(e => e.Value.ToString(CultureInfo.InvariantCulture)), cells.Skip(1));
            foreach (var (metric, value) in expected)
            {
                var bar = page.Locator($"rect[data-bar='{name}'][data-metric='{metric}']");
                Assert.Equal(value.ToString(CultureInfo.InvariantCulture), await bar.GetAttributeAsync("data-value"));
            }
        }

        // Drawn lengths follow the counts: the stacked bars share one scale, so do the cost bars.
        var perimeterExposed = await Width(page, "perimeter", "still-exposed");
        var interSiteExposed = await Width(page, "inter-site", "still-exposed");
        Assert.True(perimeterExposed > 100, $"the bar of 108 is {perimeterExposed}px wide");
        Assert.InRange(interSiteExposed / perimeterExposed, 82.0 / 108 - 0.01, 82.0 / 108 + 0.01);
        Assert.InRange(await Width(page, "perimeter", "stopped-external") - await Width(page, "hosts", "stopped-external"), -0.5, 0.5);
        Assert.InRange(await Width(page, "inter-site", "broken") / await Width(page, "hosts", "broken"), 12.0 / 26 - 0.01, 12.0 / 26 + 0.01);

        // The numeric columns sort as numbers: 0 < 82 < 108, which as text would be 0, 108, 82.
        var header = page.Locator("#placements-table thead th").Nth(4);
        await header.ClickAsync();
        Assert.Equal(["0", "82", "108"], await report.Column("placements-table", 4));
        await header.ClickAsync();
        Assert.Equal(["108", "82", "0"], await report.Column("placements-table", 4));
        await page.Locator("[data-table=placements-table] input").FillAsync("site");
        Assert.Equal(["inter-site"], await report.Column("placements-table", 0));

        await report.Screenshot();
        Clean(report);
    }

    [ChromiumFact]
    public async Task Recommend_shows_the_json_numbers_and_its_links_lead_somewhere()
    {
        await using var report = await OpenReport.Open(browser.Browser, "recommend-inter-site.en", Html("recommend", "--at", "inter-site", "--lang", "en"));
        var json = Json("recommend", "--at", "inter-site");
        var page = report.Page;
        Assert.Equal(json.GetProperty("exceptions").EnumerateArray().Select(e => e.GetProperty("id").GetString()), await report.Column("exceptions-table", 0));
        Assert.Equal(json.GetProperty("summary").GetProperty("threatPathsThroughExceptions").GetInt32(),
            (await report.Column("residual-table", 2)).Sum(v => v.Split(", ").Length));

        // Sorting the exceptions by where they apply and filtering the residual paths by an exception.
        await page.Locator("#exceptions-table thead th").Nth(2).ClickAsync();
        var directions = await report.Column("exceptions-table", 2);
        Assert.Equal(directions.Order(StringComparer.Ordinal), directions);
        await page.Locator("[data-table=residual-table] input").FillAsync("E1");
        var through = await report.Column("residual-table", 3);
        Assert.NotEmpty(through);
        Assert.All(through, t => Assert.Contains("E1", t));
        await page.Locator("[data-table=residual-table] input").FillAsync("");

        // A mitigation in the table leads to its entry, a threat to its entry with its documents.
        await page.Locator("#residual-table a[href='#mitigation-disable-smbv1']").First.ClickAsync();
        Assert.EndsWith("#mitigation-disable-smbv1", page.Url);
        Assert.Contains("SMBv1", await page.Locator("#mitigation-disable-smbv1").InnerTextAsync());
        var source = page.Locator("#threat-wannacry a", new PageLocatorOptions { HasText = "S8" });
        Assert.StartsWith("https://", await source.GetAttributeAsync("href"));

        await report.Screenshot();
        Clean(report);
    }

    [ChromiumFact]
    public async Task Japanese_report_reads_in_japanese_on_a_phone()
    {
        var phone = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 };
        await using var report = await OpenReport.Open(browser.Browser, "analyze-inter-site.ja.phone", Html("analyze", "--at", "inter-site", "--lang", "ja"), phone);
        var page = report.Page;
        Assert.Equal("ja", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("影響分析", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("16 行中 16 行を表示しています", await page.Locator("[data-table=dependencies-table] .row-count").InnerTextAsync());
        // Wide tables scroll inside their frame; the page itself is no wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone's screen");
        await report.Screenshot(fullPage: false);
        await page.Locator("#stopped").ScrollIntoViewIfNeededAsync();
        await report.Screenshot(".stopped", fullPage: false);
        Clean(report);
    }

    [ChromiumFact]
    public async Task On_paper_the_controls_are_gone_and_the_sources_show_their_addresses()
    {
        await using var report = await OpenReport.Open(browser.Browser, "analyze-inter-site.en.print", Html("analyze", "--at", "inter-site", "--lang", "en"));
        var page = report.Page;
        Assert.True(await page.Locator("[data-table=dependencies-table]").IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("[data-table=dependencies-table]").IsVisibleAsync());
        var after = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#source-S8 a'), '::after').content");
        Assert.Contains("https://", after);
        var pdf = System.IO.Path.ChangeExtension(report.File, ".pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        Assert.True(new FileInfo(pdf).Length > 10_000);
        await report.Screenshot();
        Clean(report);
    }

    private static async Task<int> Figure(IPage page, string id) =>
        int.Parse(await page.Locator($"[data-figure='{id}'] .figure-value").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static async Task<double> Width(IPage page, string placement, string metric) =>
        (await page.Locator($"rect[data-bar='{placement}'][data-metric='{metric}']").BoundingBoxAsync())?.Width
        ?? throw new InvalidOperationException($"the bar {placement} {metric} is not drawn");
}
