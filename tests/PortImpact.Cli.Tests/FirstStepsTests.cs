namespace PortImpact.Cli.Tests;

/// <summary>A new user's first commands say what to do next instead of failing on a missing option.</summary>
public sealed class FirstStepsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("analyze")]
    [InlineData("recommend")]
    public void Without_at_the_places_of_the_model_are_listed(string command)
    {
        // A model of another shape than the built-in example: the list must come from the model, not from a text.
        var model = _dir.File("m.yaml",
            "name: Two plants",
            "sites:",
            "  - { name: plant-a, subnets: [10.1.0.0/16] }",
            "  - { name: plant-b, subnets: [10.2.0.0/16] }",
            "links:",
            "  - { between: [plant-a, plant-b], via: mpls-ce }",
            "hosts:",
            "  - { name: dc-a, site: plant-a, address: 10.1.0.5, roles: [domain-controller] }",
            "  - { name: hmi, site: plant-b, subnet: 10.2.5.0/24, count: 10, roles: [workstation] }");

        var result = Cli.AssertBadInput(Cli.Run(command, model), "--at:1:1:", "perimeter, inter-site, hosts, hosts:domain-controller, hosts:workstation", "mpls-ce");

        Assert.DoesNotContain("wan-router", result.Err);
    }

    [Fact]
    public void The_list_is_in_japanese_when_asked()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--lang", "ja"), "--at:1:1:", "閉じる場所を --at で指定してください", "perimeter-fw, wan-router");
    }

    [Theory]
    [InlineData(new[] { "analyse", "--at", "perimeter" }, "analyse:1:1:", "unknown command 'analyse' (did you mean 'analyze'?)")]
    [InlineData(new[] { "analyze", "--att", "perimeter" }, "--att:1:1:", "(did you mean '--at'?)")]
    [InlineData(new[] { "analyze", "--at", "wan-routr" }, "--at:1:1:", "(did you mean 'wan-router'?)")]
    [InlineData(new[] { "analyze", "--at", "hosts:workstaton" }, "--at:1:1:", "(did you mean 'workstation'?)")]
    [InlineData(new[] { "threat", "balster" }, "threat:1:1:", "did you mean 'blaster'?")]
    public void A_misspelled_name_is_blamed_with_the_name_meant(string[] args, string place, string hint)
    {
        Cli.AssertBadInput(Cli.Run(args), place, hint);
    }
}
