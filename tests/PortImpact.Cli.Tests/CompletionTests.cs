namespace PortImpact.Cli.Tests;

/// <summary>
/// Shell completion through dotnet-suggest's directive (<c>portimpact [suggest:POSITION] "command line"</c>): commands,
/// options, the places of the model named on the line, threat ids and aliases.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[] Complete(string line) =>
        Cli.Ok($"[suggest:{line.Length}]", line).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Commands_and_options_complete_from_what_was_typed()
    {
        Assert.Equal(["analyze"], Complete("ana"));
        Assert.Contains("list", Complete("li"));
        Assert.Equal(["--all", "--at"], Complete("analyze --a"));
        Assert.Contains("--fail-on", Complete("recommend --f"));
    }

    [Fact]
    public void At_completes_with_the_places_of_the_model_on_the_line()
    {
        var model = _dir.File("plants.yaml", TestModels.TwoPlants);

        Assert.Equal(["hosts", "hosts:domain-controller", "hosts:workstation", "inter-site", "mpls-ce", "perimeter"], Complete($"analyze {model} --at ").Order(StringComparer.Ordinal));
        Assert.Equal(["mpls-ce"], Complete($"analyze {model} --at mp"));
        // Without a model, the built-in example's points.
        Assert.Contains("wan-router", Complete("analyze --at "));
    }

    [Fact]
    public void Threats_complete_by_id_and_alias()
    {
        // The parser offers every known name holding what was typed, in any case.
        var offered = Complete("threat bl");
        Assert.Contains("blaster", offered);
        Assert.Contains("bluekeep", offered);
        Assert.All(offered, name => Assert.Contains("bl", name, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("nimda", offered);
        Assert.Contains("wannacry", Complete("spread --threat wa"));
        Assert.Contains("WannaCrypt", Complete("spread --threat Wa"));
    }
}
