namespace PortImpact.Cli.Tests;

/// <summary>
/// <c>--fail-on</c> gates a firewall change in CI: the report is written in full either way, and the exit code is 1
/// exactly when the change would do what was named, with one line on standard error per condition met whose count
/// is the report's own.
/// </summary>
public sealed class GateTests
{
    [Fact]
    public void Analyze_fails_on_what_the_change_breaks_and_leaves_exposed_and_still_writes_the_report()
    {
        var result = Cli.Run("analyze", "--at", "inter-site", "--format", "json", "--fail-on", "broken,exposed");

        Assert.Equal(1, result.Exit);
        var summary = result.Json().GetProperty("summary");
        var broken = summary.GetProperty("newlyBroken").GetInt32();
        var exposed = summary.GetProperty("threatPathsStillExposed").GetInt32();
        Assert.True(broken > 0 && exposed > 0, "the built-in example's inter-site closure breaks AD between the sites");
        Assert.Equal([$"fail-on broken: {broken} required dependencies that work today would be broken", $"fail-on exposed: {exposed} threat paths would still be exposed"],
            result.ErrLines);
    }

    [Fact]
    public void A_condition_the_change_does_not_meet_passes_and_without_a_gate_the_exit_is_zero()
    {
        // The built-in example has no rule file, so nothing rests on a rule that may match.
        Assert.Equal(0, Cli.Run("analyze", "--at", "inter-site", "--format", "json", "--fail-on", "uncertain").Exit);
        var ungated = Cli.Run("analyze", "--at", "inter-site", "--format", "json");
        Assert.Equal((0, ""), (ungated.Exit, ungated.Err));
    }

    [Fact]
    public void Recommend_passes_broken_and_degraded_because_its_exceptions_keep_everything_but_fails_on_exposed()
    {
        var kept = Cli.Run("recommend", "--at", "inter-site", "--format", "json", "--fail-on", "broken", "--fail-on", "degraded");
        Assert.Equal((0, ""), (kept.Exit, kept.Err));
        Assert.Equal(0, kept.Json().GetProperty("summary").GetProperty("dependenciesNotKept").GetInt32());

        var exposed = Cli.Run("recommend", "--at", "inter-site", "--format", "json", "--fail-on", "exposed", "--lang", "ja");
        Assert.Equal(1, exposed.Exit);
        var count = exposed.Json().GetProperty("summary").GetProperty("threatPathsStillExposed").GetInt32();
        Assert.Equal([$"fail-on exposed: 攻撃経路 {count} 件がまだ防げません"], exposed.ErrLines);
    }

    [Fact]
    public void An_unknown_condition_is_bad_input_naming_the_ones_known()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "inter-site", "--fail-on", "brokn"), "--fail-on", "'brokn'", "broken, degraded, exposed, uncertain");
    }
}
