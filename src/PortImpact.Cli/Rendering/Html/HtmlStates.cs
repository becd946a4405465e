using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>A dependency's state as a coloured badge that sorts by severity (works, degraded, broken), not by its word.</summary>
public static class HtmlStates
{
    public static HtmlCell Badge(DependencyState state, Text text) => new(
        HtmlFragment.Element("span", text.State(state), ("class", $"state state-{state.ToId()}")),
        Severity(state).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static int Severity(DependencyState state) => state switch
    {
        DependencyState.Works => 0,
        DependencyState.Degraded => 1,
        _ => 2,
    };
}
