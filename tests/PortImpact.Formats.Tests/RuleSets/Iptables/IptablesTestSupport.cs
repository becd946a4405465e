using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.Iptables;

namespace PortImpact.Formats.Tests.RuleSets.Iptables;

/// <summary>Small helpers shared by the iptables reader tests.</summary>
internal static class IptablesTestSupport
{
    public const string TestFile = "test.rules";

    public static RuleSet Read(string text) => IptablesSaveReader.Read(text, TestFile);

    /// <summary>A filter table holding one INPUT rule written after <c>-A INPUT </c>.</summary>
    public static ImportedRule OneRule(string options)
    {
        var set = Read(FilterTable(options));
        return Assert.Single(set.FindChain("INPUT", "filter")!.Rules);
    }

    public static string FilterTable(string options) => $"*filter\n:INPUT ACCEPT [0:0]\n-A INPUT {options}\nCOMMIT\n";

    public static AddressSet Addresses(params string[] prefixes) => AddressSet.From(prefixes.Select(AddressRange.Parse));

    public static AddressSet Span(string first, string last) =>
        AddressSet.Of(new AddressRange(AddressRange.Parse(first).First, AddressRange.Parse(last).First));

    public static PortSet Ports(string text) => PortSet.TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    public static InputException Fails(string text) => Assert.Throws<InputException>(() => Read(text));

    public static void AssertLocation(InputException error, int line, int column, string problemPart)
    {
        Assert.Equal(new SourceLocation(TestFile, line, column), error.Location);
        Assert.Contains(problemPart, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{TestFile}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The not-understood entries as "construct@line:column effect" lines, easy to compare and to read in a failure.</summary>
    public static string[] Entries(RuleSet set) =>
        [.. set.NotUnderstood.Select(n => $"{n.Construct}@{n.Location.Line}:{n.Location.Column} {n.Effect}")];
}
