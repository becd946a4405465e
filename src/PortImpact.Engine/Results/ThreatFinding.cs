using System.Collections.Immutable;
using PortImpact.Engine.Paths;

namespace PortImpact.Engine.Results;

/// <summary>
/// One threat and attacker position against victims that no rule tells apart (same site, same host
/// firewall, same place in every rule's address ranges), before and after the change. Reports expand it
/// to one row per victim; keeping the group is what lets a 20,000-group model fit in memory.
/// </summary>
public sealed record ThreatFinding(
    string Threat,
    string Attacker,
    ImmutableArray<string> Victims,
    Exposure Before,
    Exposure After,
    ImmutableArray<int> CutStepsBefore,
    ImmutableArray<int> CutSteps,
    ImmutableArray<string> CutAt,
    ImmutableArray<Blockage> Blockages)
{
    public bool Changed => Before != After;

    /// <summary>Blocked after the change, but only at a copy step: the exploit still reaches the victim (a crash, a reboot), the worm does not.</summary>
    public bool ExploitedAfter { get; init; }
}
