using System.Collections.Immutable;
using PortImpact.Core.Change;

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
    public int NewlyBroken => Dependencies.Count(d => d.After == DependencyState.Broken && d.Before != DependencyState.Broken);

    public int NewlyDegraded => Dependencies.Count(d => d.After == DependencyState.Degraded && d.Before == DependencyState.Works);

    /// <summary>Threat × attacker position × victim paths, counting each victim of a group.</summary>
    public int ThreatPaths => Threats.Sum(t => t.Victims.Length);

    public int ThreatsStopped => Threats.Where(t => t.Before == Exposure.Exposed && t.After == Exposure.Blocked).Sum(t => t.Victims.Length);

    public int StillExposed => Threats.Where(t => t.After == Exposure.Exposed).Sum(t => t.Victims.Length);
}
