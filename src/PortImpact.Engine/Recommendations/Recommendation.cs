using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Engine.Results;

namespace PortImpact.Engine.Recommendations;

/// <summary>
/// The least-open version of a change: the closure, the exceptions that keep every dependency as it was,
/// and the exposure those exceptions keep. <see cref="ClosureAlone"/> is the plain what-if of the closure;
/// <see cref="Dependencies"/> are evaluated with the exceptions in place, against the baseline. Threat
/// paths with the exceptions are those of the closure alone plus <see cref="Residual"/>: exceptions never
/// open what the baseline stops, so every residual path is one the closure alone would have stopped.
/// </summary>
public sealed record Recommendation(
    string ModelName,
    Closure Closure,
    ImmutableArray<string> ClosedPoints,
    ImmutableArray<string> ClosedHosts,
    ImmutableArray<AllowException> Exceptions,
    int DependenciesKept,
    ImmutableArray<ResidualExposure> Residual,
    AnalysisResult ClosureAlone,
    ImmutableArray<DependencyImpact> Dependencies)
{
    /// <summary>Dependencies still worse than before with the exceptions in place; empty unless the model makes one impossible to keep.</summary>
    public ImmutableArray<DependencyImpact> NotKept => [.. Dependencies.Where(d => d.After > d.Before)];

    /// <summary>Threat paths (one per victim) the closure with its exceptions stops.</summary>
    public int ThreatsStopped => ClosureAlone.ThreatsStopped - ResidualPaths;

    /// <summary>Threat paths (one per victim) still open with the closure and its exceptions.</summary>
    public int StillExposed => ClosureAlone.StillExposed + ResidualPaths;

    /// <summary>
    /// Exceptions that keep nothing but failover dependencies (members logging on at other sites' domain
    /// controllers when their own are down): what keeping failover costs.
    /// </summary>
    public int FailoverOnlyExceptions => Exceptions.Count(e => e.Keeps.All(k => k.Kind == Engine.Dependencies.DependencyKind.Failover));

    /// <summary>For each threat that gets through an exception, its largest blast radius and where it starts.</summary>
    public ImmutableArray<Threats.WorstSpread> WorstCases { get; init; } = [];

    /// <summary>Threat paths (one per victim) that the exceptions leave open.</summary>
    public int ResidualPaths => Residual.Sum(r => r.Victims.Length);
}
