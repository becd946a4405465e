using Microsoft.Playwright;

namespace PortImpact.Cli.BrowserTests;

/// <summary>
/// Debian's Chromium, driven by Playwright; nothing is downloaded. Without it a developer's run skips these tests
/// with the reason; where CI is set they run and fail, so a CI machine without the browser cannot pass quietly.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string? SkipReason => File.Exists(Path) || InCi
        ? null
        : $"needs Debian's chromium at {Path} (apt-get install chromium); skipped because CI is not set, and with CI set it fails";

    public static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        if (!File.Exists(Path)) throw new InvalidOperationException($"{Path} is missing: apt-get install chromium (.ci/run installs it)");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }
}

/// <summary>A test that opens a report in Chromium: skipped where the browser is absent and CI is not set.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>One browser for all the tests of a class: starting Chromium takes longer than a test.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.SkipReason ?? "the browser did not start");

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null) return;
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.Launch(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
