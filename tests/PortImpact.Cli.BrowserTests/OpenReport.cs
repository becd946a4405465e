using Microsoft.Playwright;

namespace PortImpact.Cli.BrowserTests;

/// <summary>
/// A report written by the command line to a file under the test output folder and opened from there, as a reader
/// opens a report sent to them. It records every console error and uncaught script error, and every request for
/// anything but the file itself (the report must fetch nothing; such requests are refused).
/// </summary>
public sealed class OpenReport : IAsyncDisposable
{
    private OpenReport(IBrowserContext context, IPage page, string file)
    {
        Context = context;
        Page = page;
        File = file;
    }

    public static string OutputFolder { get; } = Directory.CreateDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "browser-reports")).FullName;

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Where the page was written; its screenshot and PDF go beside it.</summary>
    public string File { get; }

    public List<string> Errors { get; } = [];

    public List<string> OutsideRequests { get; } = [];

    public static async Task<OpenReport> Open(IBrowser browser, string name, string html, BrowserNewContextOptions? options = null)
    {
        var file = System.IO.Path.Combine(OutputFolder, name + ".html");
        await System.IO.File.WriteAllTextAsync(file, html);
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var report = new OpenReport(context, page, file);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") report.Errors.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) => report.Errors.Add($"page error: {error}");
        var own = new Uri(file).AbsoluteUri;
        page.Request += (_, request) =>
        {
            if (request.Url != own) report.OutsideRequests.Add(request.Url);
        };
        // Should the page ask for anything on the network, the request is refused (and recorded above).
        await context.RouteAsync("**/*", route => route.Request.Url == own ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(own, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return report;
    }

    /// <param name="fullPage">The whole page, or what the first screen shows (a phone's full page is too long to look at).</param>
    public async Task<string> Screenshot(string suffix = "", bool fullPage = true)
    {
        var path = System.IO.Path.ChangeExtension(File, null) + suffix + ".png";
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>The texts of one column of a table's rows as shown, in the order shown, hidden rows left out.</summary>
    public Task<string[]> Column(string table, int column) => Page.EvalOnSelectorAllAsync<string[]>(
        $"#{table} tbody tr:not([hidden]) td:nth-child({column + 1})", "cells => cells.map(c => c.innerText.trim())");

    public Task<int> VisibleRows(string table) => Page.Locator($"#{table} tbody tr:visible").CountAsync();

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
