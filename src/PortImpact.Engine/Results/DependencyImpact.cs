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

    /// <summary>For a replication dependency after the change: the servers whose changes do not reach the client (inbound) or that miss its changes (outbound).</summary>
    public ImmutableArray<string> Unreached { get; init; } = [];

    /// <summary>A failover dependency that got worse: the function still works, with less resilience.</summary>
    public bool ResilienceLost => Dependency.Kind == DependencyKind.Failover && After > Before;

    /// <summary>True when what stops it is a rule that may or may not match: the state after is uncertain.</summary>
    public bool Uncertain => After != DependencyState.Works && !Blockages.IsEmpty && Blockages.All(b => b.Uncertain);
}
