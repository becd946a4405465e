namespace PortImpact.Engine.Results;

/// <summary>Whether a dependency works; ordered from best to worst so the worst part of an all-of wins.</summary>
public enum DependencyState
{
    Works,
    Degraded,
    Broken,
}

public enum Exposure
{
    Exposed,
    Blocked,
}

public static class StateNames
{
    public static string ToId(this DependencyState state) => state switch
    {
        DependencyState.Works => "works",
        DependencyState.Degraded => "degraded",
        _ => "broken",
    };

    public static string ToId(this Exposure exposure) => exposure == Exposure.Exposed ? "exposed" : "blocked";
}
