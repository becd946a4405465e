using System.Collections.Immutable;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Paths;

namespace PortImpact.Engine.Results;

/// <summary>A dependency before and after the change; <see cref="BlockedAt"/> lists where it is stopped after.</summary>
public sealed record DependencyImpact(
    Dependency Dependency,
    DependencyState Before,
    DependencyState After,
    ImmutableArray<string> BlockedAt,
    ImmutableArray<Blockage> Blockages)
{
    public bool Changed => Before != After;

    /// <summary>True when what stops it is a rule that may or may not match: the state after is uncertain.</summary>
    public bool Uncertain => After != DependencyState.Works && !Blockages.IsEmpty && Blockages.All(b => b.Uncertain);
}
