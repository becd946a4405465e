using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.CiscoIos;

namespace PortImpact.Formats.Tests.RuleSets.CiscoIos;

/// <summary>Helpers shared by the Cisco IOS reader's tests (split by concern into partial files).</summary>
public sealed partial class CiscoIosReaderTests
{
    private const string File = "r1.cfg";

    private static RuleSet Read(string text) => CiscoIosReader.Read(text, File);

    private static ImportedRule Rule(RuleSet set, string id) => set.Chains.SelectMany(c => c.Rules).Single(r => r.Id == id);

    private static AddressSet Net(params string[] ranges) => AddressSet.From(ranges.Select(AddressRange.Parse));

    private static AddressSet Span(string first, string last) => AddressSet.Of(new AddressRange(AddressRange.Parse(first).First, AddressRange.Parse(last).First));

    /// <summary>"construct: text" per opaque condition of a rule.</summary>
    private static string[] Opaque(ImportedRule rule) => [.. rule.Opaque.Select(o => $"{o.Construct}: {o.Text}")];

    /// <summary>"line:column construct effect" per not-understood entry, in the reader's order.</summary>
    private static string[] Notes(RuleSet set) =>
        [.. set.NotUnderstood.Select(n => $"{n.Location.Line}:{n.Location.Column} {n.Construct} {n.Effect}")];

    private static InputException Fails(string text) => Assert.Throws<InputException>(() => Read(text));

    private static void AssertFails(string text, int line, int column, string problem)
    {
        var error = Fails(text);
        Assert.Equal(new SourceLocation(File, line, column), error.Location);
        Assert.Equal(problem, error.Problem);
    }
}
