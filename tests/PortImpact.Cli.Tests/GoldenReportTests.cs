namespace PortImpact.Cli.Tests;

/// <summary>
/// Every report on the built-in example is compared byte for byte with its file under <c>Golden/</c>: tables unwrapped
/// (as piped to a file) and at 80 columns, Markdown, JSON and HTML, in English and Japanese. A change to a report is
/// accepted on purpose, never by accident:
/// <c>tools/accept-goldens.sh</c> runs these tests with <c>PORTIMPACT_ACCEPT_GOLDEN=1</c>, which rewrites the files,
/// and the diff is then read and committed.
/// </summary>
public sealed class GoldenReportTests
{
    private static string GoldenFolder() => Repository.Path("tests", "PortImpact.Cli.Tests", "Golden");

    public static TheoryData<string, string[]> Reports => new()
    {
        { "analyze-inter-site.en.txt", ["analyze", "--at", "inter-site", "--lang", "en"] },
        { "analyze-inter-site.ja.txt", ["analyze", "--at", "inter-site", "--lang", "ja"] },
        { "analyze-inter-site.en.md", ["analyze", "--at", "inter-site", "--lang", "en", "--format", "markdown"] },
        { "analyze-inter-site.ja.md", ["analyze", "--at", "inter-site", "--lang", "ja", "--format", "markdown"] },
        { "analyze-inter-site.json", ["analyze", "--at", "inter-site", "--format", "json"] },
        { "analyze-perimeter.en.txt", ["analyze", "--at", "perimeter", "--lang", "en"] },
        { "analyze-hosts.en.txt", ["analyze", "--at", "hosts", "--lang", "en"] },
        { "recommend-inter-site.en.txt", ["recommend", "--at", "inter-site", "--lang", "en"] },
        { "recommend-inter-site.ja.txt", ["recommend", "--at", "inter-site", "--lang", "ja"] },
        { "recommend-inter-site.en.md", ["recommend", "--at", "inter-site", "--lang", "en", "--format", "markdown"] },
        { "recommend-inter-site.json", ["recommend", "--at", "inter-site", "--format", "json"] },
        { "compare.en.txt", ["compare", "--lang", "en"] },
        { "compare.ja.txt", ["compare", "--lang", "ja"] },
        { "compare.en.md", ["compare", "--lang", "en", "--format", "markdown"] },
        { "analyze-inter-site.en.html", ["analyze", "--at", "inter-site", "--lang", "en", "--format", "html"] },
        { "analyze-inter-site.ja.html", ["analyze", "--at", "inter-site", "--lang", "ja", "--format", "html"] },
        { "recommend-inter-site.en.html", ["recommend", "--at", "inter-site", "--lang", "en", "--format", "html"] },
        { "compare.en.html", ["compare", "--lang", "en", "--format", "html"] },
        { "spread-blaster.en.txt", ["spread", "--threat", "blaster", "--from", "branch-pcs", "--lang", "en"] },
        { "spread-blaster.ja.txt", ["spread", "--threat", "blaster", "--from", "branch-pcs", "--lang", "ja"] },
        { "threat-blaster.en.txt", ["threat", "blaster", "--lang", "en"] },
        { "port-445.ja.txt", ["port", "445", "--lang", "ja"] },
        { "list-threats.en.txt", ["list", "threats", "--lang", "en"] },
        // At 80 columns: explanations become notes under the table, compare's matrix turns on its side.
        { "analyze-inter-site.en.80.txt", ["analyze", "--at", "inter-site", "--lang", "en", "--width", "80"] },
        { "analyze-inter-site.ja.80.txt", ["analyze", "--at", "inter-site", "--lang", "ja", "--width", "80"] },
        { "analyze-hosts.en.80.txt", ["analyze", "--at", "hosts", "--lang", "en", "--width", "80"] },
        { "recommend-inter-site.en.80.txt", ["recommend", "--at", "inter-site", "--lang", "en", "--width", "80"] },
        { "recommend-inter-site.ja.80.txt", ["recommend", "--at", "inter-site", "--lang", "ja", "--width", "80"] },
        { "compare.en.80.txt", ["compare", "--lang", "en", "--width", "80"] },
        { "compare.ja.80.txt", ["compare", "--lang", "ja", "--width", "80"] },
        { "spread-blaster.en.80.txt", ["spread", "--threat", "blaster", "--from", "branch-pcs", "--lang", "en", "--width", "80"] },
        { "list-threats.ja.80.txt", ["list", "threats", "--lang", "ja", "--width", "80"] },
        // Help screens: headings, options, examples and exit codes in each language.
        { "help-root.en.txt", ["--help", "--lang", "en"] },
        { "help-root.ja.txt", ["--help", "--lang", "ja"] },
        { "help-analyze.en.txt", ["analyze", "--help", "--lang", "en"] },
        { "help-analyze.ja.txt", ["analyze", "--help", "--lang", "ja"] },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_report_is_the_golden_file_byte_for_byte(string golden, string[] args)
    {
        var actual = Cli.Ok(args).Out;
        var path = Path.Combine(GoldenFolder(), golden);
        if (Environment.GetEnvironmentVariable("PORTIMPACT_ACCEPT_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden file {path}: run tools/accept-goldens.sh, read the new file and commit it");
        var expected = File.ReadAllText(path);
        if (expected == actual) return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
        Assert.Fail($"{golden} differs from line {first + 1}:\n  golden: {(first < expectedLines.Length ? expectedLines[first] : "(end)")}\n  now:    {(first < actualLines.Length ? actualLines[first] : "(end)")}\n"
            + "if the change is intended, run tools/accept-goldens.sh and commit the files it rewrites");
    }
}
