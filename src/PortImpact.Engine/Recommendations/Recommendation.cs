using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Engine.Results;

namespace PortImpact.Engine.Recommendations;

/// <summary>
/// The least-open version of a change: the closure, the exceptions that keep every dependency as it was,
/// and the exposure those exceptions keep. <see cref="WithExceptions"/> is the what-if of the closure with
/// the exceptions in place, against the baseline, so it can be checked like any analysis.
/// </summary>
public sealed record Recommendation(
    string ModelName,
    Closure Closure,
    ImmutableArray<string> ClosedPoints,
    ImmutableArray<string> ClosedHosts,
    ImmutableArray<AllowException> Exceptions,
    int DependenciesKept,
    ImmutableArray<ResidualExposure> Residual,
    AnalysisResult WithExceptions)
{
    /// <summary>Dependencies still worse than before with the exceptions in place; empty unless the model makes one impossible to keep.</summary>
    public ImmutableArray<DependencyImpact> NotKept =>
        [.. WithExceptions.Dependencies.Where(d => d.After > d.Before)];

    /// <summary>Threat paths (one per victim) that the exceptions leave open.</summary>
    public int ResidualPaths => Residual.Sum(r => r.Victims.Length);
}
