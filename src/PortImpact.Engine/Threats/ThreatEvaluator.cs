using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;

namespace PortImpact.Engine.Threats;

/// <summary>Whether each step of a chain gets through, and where the failing ones are stopped.</summary>
public sealed record ChainOutcome(Exposure Exposure, ImmutableArray<int> CutSteps, ImmutableArray<string> CutAt, ImmutableArray<Blockage> Blockages);

/// <summary>
/// A victim is exposed when every step of the chain passes; a step passes when any of its ports gets
/// through for some attacker address (the attacker chooses). The first step that fails is where the
/// chain is cut; all failing steps are reported.
/// </summary>
public static class ThreatEvaluator
{
    public static ChainOutcome Evaluate(Threat threat, Party attacker, Party victim, PathEvaluator paths)
    {
        var cutSteps = ImmutableArray.CreateBuilder<int>();
        var blockages = ImmutableArray.CreateBuilder<Blockage>();
        foreach (var step in threat.Steps)
        {
            var from = step.From == ThreatActor.Attacker ? attacker : victim;
            var to = step.To == ThreatActor.Attacker ? attacker : victim;
            var passes = false;
            var stepBlockages = new List<Blockage>();
            foreach (var transport in TransportNames.All)
            {
                var ports = step.Ports[transport];
                if (ports.IsEmpty) continue;
                var decision = paths.Evaluate(from, to, transport, ports);
                if (!decision.Allowed.IsEmpty || !decision.Mixed.IsEmpty)
                {
                    passes = true;
                    break;
                }
                stepBlockages.AddRange(decision.Blockages);
            }
            if (!passes)
            {
                cutSteps.Add(step.Order);
                blockages.AddRange(stepBlockages);
            }
        }
        var cutAt = blockages.Select(b => b.At).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return new ChainOutcome(cutSteps.Count == 0 ? Exposure.Exposed : Exposure.Blocked, cutSteps.ToImmutable(), cutAt, blockages.ToImmutable());
    }
}
