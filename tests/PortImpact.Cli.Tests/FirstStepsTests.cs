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
        var model = _dir.File("m.yaml", TestModels.TwoPlants);

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

    [Fact]
    public void An_overlay_given_as_the_model_and_a_model_given_as_the_overlay_are_named_with_the_command_that_takes_them()
    {
        var overlay = Path.Combine(_dir.Path, "exceptions.yaml");
        Cli.Ok("recommend", "--at", "inter-site", "--as-policy", overlay);
        var model = _dir.File("model.yaml", [.. Cli.Ok("model", "example").Out.Split('\n')]);

        Cli.AssertBadInput(Cli.Run("analyze", overlay, "--at", "inter-site"), $"{overlay}:", "looks like a policy overlay", "analyze MODEL --policy FILE");
        Cli.AssertBadInput(Cli.Run("analyze", model, "--at", "inter-site", "--policy", model), $"{model}:", "looks like a PortImpact model", "model check");
        Cli.AssertBadInput(Cli.Run("rules", "import", model), $"{model}:1:1:", "looks like a PortImpact model");
    }

    [SampleFact]
    public void A_rule_file_given_as_a_model_and_a_traffic_log_given_as_a_rule_file_say_what_they_are()
    {
        var rules = SharedSamples.Path("linux-iptables/diekmann_medium-sized-company.iptables-save");
        var log = SharedSamples.Path("windows-firewall-log/plaso_test_data_firewall.log");
        var zeek = SharedSamples.Path("zeek-conn/sbibek_zeek-process_conn.log");

        Cli.AssertBadInput(Cli.Run("model", "check", rules), $"{rules}:", "looks like iptables-save rules", "rules import FILE");
        Cli.AssertBadInput(Cli.Run("rules", "import", log), $"{log}:1:1:", "looks like a Windows Firewall log");
        Cli.AssertBadInput(Cli.Run("model", "check", zeek), $"{zeek}:", "looks like a Zeek log");
    }
}
