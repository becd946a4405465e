namespace PortImpact.Cli.Commands;

/// <summary>An example in <c>--help</c>: a command line as typed after <c>portimpact</c>, and the resource that says what it does.</summary>
public sealed record HelpExample(string CommandLine, string Key);

/// <summary>
/// The examples each command's help shows, by command path ("" for the root). Every one runs as written on the
/// built-in example or on a model named my-network.yaml; a test runs those that need no file of the user's.
/// </summary>
public static class HelpExamples
{
    private static readonly Dictionary<string, HelpExample[]> ByCommand = new(StringComparer.Ordinal)
    {
        [""] =
        [
            new("compare", "ExRootCompare"),
            new("analyze --at inter-site", "ExRootAnalyze"),
            new("--help --lang ja", "ExRootHelpJa"),
        ],
        ["analyze"] =
        [
            new("analyze --at inter-site", "ExAnalyzeInterSite"),
            new("analyze my-network.yaml --close 135,445 --at perimeter-fw --format markdown", "ExAnalyzePoint"),
            new("analyze my-network.yaml --at hosts --fail-on broken,exposed", "ExAnalyzeGate"),
            new("analyze my-network.yaml --at inter-site --emit rules/", "ExAnalyzeEmit"),
        ],
        ["recommend"] =
        [
            new("recommend --at inter-site", "ExRecommend"),
            new("recommend my-network.yaml --close 1-65535 --at inter-site --as-policy exceptions.yaml", "ExRecommendPolicy"),
        ],
        ["compare"] =
        [
            new("compare", "ExCompare"),
            new("compare my-network.yaml --at wan-router --format json", "ExCompareExtra"),
        ],
        ["spread"] =
        [
            new("spread --threat blaster --from branch-pcs", "ExSpread"),
            new("spread --threat blaster --from branch-pcs --close 135 --at hosts", "ExSpreadClosed"),
        ],
        ["rules import"] = [new("rules import firewall.reg", "ExRulesImport")],
        ["rules explain"] = [new("rules explain rules.v4 --flow 'tcp 10.0.0.5:50123 -> 10.1.0.20:445'", "ExRulesExplain")],
        ["rules lint"] = [new("rules lint rules.nft --fail-on error", "ExRulesLint")],
        ["rules emit"] = [new("rules emit --target nft", "ExRulesEmit")],
        ["model check"] = [new("model check my-network.yaml", "ExModelCheck")],
        ["model example"] = [new("model example > my-network.yaml", "ExModelExample")],
        ["port"] = [new("port 445", "ExPort")],
        ["threat"] = [new("threat MS17-010", "ExThreat")],
        ["list"] = [new("list threats", "ExList")],
    };

    public static IReadOnlyList<HelpExample> For(string commandPath) => ByCommand.TryGetValue(commandPath, out var examples) ? examples : [];

    public static IEnumerable<(string Command, HelpExample Example)> All => ByCommand.SelectMany(pair => pair.Value.Select(e => (pair.Key, e)));
}
