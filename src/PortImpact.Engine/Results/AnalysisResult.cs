using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Engine.Dependencies;

namespace PortImpact.Engine.Results;

/// <summary>
/// Everything an analysis found, as a value: renderers (table, JSON, Markdown, Japanese) only read it.
/// </summary>
public sealed record AnalysisResult(
    string ModelName,
    Closure Closure,
    ImmutableArray<string> ClosedPoints,
    ImmutableArray<string> ClosedHosts,
    ImmutableArray<DependencyImpact> Dependencies,
    ImmutableArray<ThreatFinding> Threats,
    ImmutableArray<string> Warnings)
{
    /// <summary>Required dependencies the change breaks; a lost failover is counted in <see cref="ResilienceLost"/> instead.</summary>
    public int NewlyBroken => Dependencies.Count(d => d.Dependency.Kind == DependencyKind.Required && d.After == DependencyState.Broken && d.Before != DependencyState.Broken);

    public int NewlyDegraded => Dependencies.Count(d => d.Dependency.Kind == DependencyKind.Required && d.After == DependencyState.Degraded && d.Before == DependencyState.Works);

    /// <summary>Failover dependencies the change makes worse: the function works, but no longer survives the loss of its own servers.</summary>
    public int ResilienceLost => Dependencies.Count(d => d.ResilienceLost);

    /// <summary>Required dependencies that do not work even before the change (the baseline already breaks or degrades them).</summary>
    public int AlreadyBroken => Dependencies.Count(d => d.Dependency.Kind == DependencyKind.Required && d.Before != DependencyState.Works);

    /// <summary>Threat × attacker position × victim paths, counting each victim of a group.</summary>
    public int ThreatPaths => Threats.Sum(t => t.Victims.Length);

    public int ThreatsStopped => Threats.Where(t => t.Before == Exposure.Exposed && t.After == Exposure.Blocked).Sum(t => t.Victims.Length);

    public int StillExposed => Threats.Where(t => t.After == Exposure.Exposed).Sum(t => t.Victims.Length);

    /// <summary>Blocked paths whose exploit still reaches the victim, only the copy being cut (Blaster still crashes RPCSS).</summary>
    public int ExploitedOnly => Threats.Where(t => t.After == Exposure.Blocked && t.ExploitedAfter).Sum(t => t.Victims.Length);

    /// <summary>
    /// Each threat's worst case under the change, spreading hop by hop from every position and host, compared with the
    /// same start before the change; empty unless asked for (<see cref="ImpactAnalyzer.WithWorstCases"/>).
    /// </summary>
    public ImmutableArray<Threats.WorstSpread> WorstCases { get; init; } = [];
}
