using System.Collections.Immutable;
using PortImpact.Engine.Paths;

namespace PortImpact.Engine.Results;

/// <summary>One threat, attacker position and victim, before and after the change.</summary>
public sealed record ThreatFinding(
    string Threat,
    string Attacker,
    string Victim,
    Exposure Before,
    Exposure After,
    ImmutableArray<int> CutStepsBefore,
    ImmutableArray<int> CutSteps,
    ImmutableArray<string> CutAt,
    ImmutableArray<Blockage> Blockages)
{
    public bool Changed => Before != After;
}
