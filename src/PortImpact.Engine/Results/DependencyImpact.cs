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
}
