using PortImpact.Core.Addresses;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.Nftables;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>Small helpers for the nftables tests: read a script, find a chain, wrap rules in a base chain.</summary>
internal static class Nft
{
    public const string File = "test.nft";

    public static RuleSet Read(string text) => NftablesReader.Read(text, File);

    public static RuleChain Chain(RuleSet ruleset, string name, string? table = null) =>
        ruleset.FindChain(name, table) ?? throw new Xunit.Sdk.XunitException($"no chain {table} {name}");

    /// <summary>The rules given, inside <c>table inet t { chain c { type filter hook input priority 0; … } }</c> with optional extra table statements.</summary>
    public static RuleSet InInput(string rules, string tableStatements = "") =>
        Read($"table inet t {{\n{tableStatements}\nchain other {{ }}\nchain c {{\ntype filter hook input priority 0; policy drop;\n{rules}\n}}\n}}\n");

    public static IReadOnlyList<ImportedRule> RulesOf(string rules, string tableStatements = "") => Chain(InInput(rules, tableStatements), "c").Rules;

    public static ImportedRule Only(string rule, string tableStatements = "") => Assert.Single(RulesOf(rule, tableStatements));

    public static AddressSet Addresses(params string[] prefixes) => AddressSet.From(prefixes.Select(AddressRange.Parse));

    public static PortSet Ports(string text) => PortSet.TryParse(text, out var set, out var error) ? set : throw new ArgumentException(error);

    /// <summary>(construct, line, effect) of every not-understood entry, for exact comparison.</summary>
    public static (string Construct, int Line, NotUnderstoodEffect Effect)[] Notes(RuleSet ruleset) =>
        [.. ruleset.NotUnderstood.Select(n => (n.Construct, n.Location.Line, n.Effect))];
}
