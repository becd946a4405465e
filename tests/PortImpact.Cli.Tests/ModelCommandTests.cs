namespace PortImpact.Cli.Tests;

/// <summary><c>model example</c> and <c>model check</c>.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_example_written_to_a_file_checks_valid_and_analyzes_like_the_built_in()
    {
        var example = Cli.Ok("model", "example").Out;
        Assert.Contains("sites:", example);
        var path = Path.Combine(_dir.Path, "example.yaml");
        File.WriteAllText(path, example);

        var check = Cli.Ok("model", "check", path, "--lang", "en");
        Assert.Contains("valid", check.Out);
        Assert.Contains(path, check.Out);

        var fromFile = Cli.Ok("analyze", path, "--at", "perimeter", "--format", "json").Json();
        var builtIn = Cli.Ok("analyze", "--at", "perimeter", "--format", "json").Json();
        Assert.Equal(builtIn.GetProperty("dependencies").GetRawText(), fromFile.GetProperty("dependencies").GetRawText());
        Assert.Equal(builtIn.GetProperty("threats").GetRawText(), fromFile.GetProperty("threats").GetRawText());
    }

    [Fact]
    public void A_bad_file_fails_the_check()
    {
        var path = _dir.File("bad.yaml",
            "name: x",
            "sites:",
            "  - { name: a, subnets: [10.1.0.0/16] }",
            "hosts:",
            "  - { name: h1, site: a, address: 10.1.0.1, roles: [toaster] }");
        Cli.AssertBadInput(Cli.Run("model", "check", path), $"{path}:5:53:", "toaster");
        Cli.AssertBadInput(Cli.Run("model", "check", Path.Combine(_dir.Path, "missing.yaml")), "missing.yaml");
    }
}
