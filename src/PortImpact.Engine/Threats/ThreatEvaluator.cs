using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Whether each step of a chain gets through, and where the failing ones are stopped. <see cref="Exploited"/>: the
/// chain is blocked, but only at a copy step, so the exploit itself still reaches the victim (Blaster still crashes
/// RPCSS and forces a reboot).
/// </summary>
public sealed record ChainOutcome(Exposure Exposure, ImmutableArray<int> CutSteps, ImmutableArray<string> CutAt, ImmutableArray<Blockage> Blockages)
{
    public bool Exploited { get; init; }

    /// <summary>Every step gets through; shared, as most chains on an open network end this way.</summary>
    public static readonly ChainOutcome Passes = new(Exposure.Exposed, [], [], []);
}

/// <summary>
/// A victim is exposed when every step of one of the chain's routes passes; a step passes when any of the ports
/// the victim offers gets through for some attacker address (the attacker chooses). A route whose step this
/// victim offers no way for does not apply to it. All failing steps of the routes that apply are reported. Worms
/// share steps (six of them exploit TCP 445), so each (from, to, ports) is evaluated once per scenario.
/// </summary>
public sealed class ThreatEvaluator(PathEvaluator paths, ThreatApplicability applicability)
{
    private readonly Dictionary<StepKey, (bool Passes, List<Blockage> Blockages)> _steps = new();

    /// <summary>
    /// Forgets remembered steps. The analyzer calls it when it moves to another attacker position: steps are
    /// shared between threats against one victim, and keeping them for every pair would fill memory.
    /// </summary>
    public void Forget() => _steps.Clear();

    public ChainOutcome Evaluate(Threat threat, Party attacker, Party victim)
    {
        SortedSet<int>? cutSteps = null;
        ImmutableArray<Blockage>.Builder? blockages = null;
        var exploited = false;
        foreach (var route in threat.Routes)
        {
            var steps = threat.StepsOf(route).Select(step => (Step: step, Ports: applicability.PortsFor(step, victim.Host))).ToList();
            if (steps.Any(s => s.Ports.IsEmpty)) continue;
            var routeCut = false;
            var exploitCut = false;
            foreach (var (step, ports) in steps)
            {
                var from = step.From == ThreatActor.Attacker ? attacker : victim;
                var to = step.To == ThreatActor.Attacker ? attacker : victim;
                var (passes, stepBlockages) = Step(from, to, ports);
                if (passes) continue;
                routeCut = true;
                if (step.Stage == ThreatStage.Exploit) exploitCut = true;
                if ((cutSteps ??= []).Add(step.Order)) (blockages ??= ImmutableArray.CreateBuilder<Blockage>()).AddRange(stepBlockages);
            }
            if (!routeCut) return ChainOutcome.Passes;
            exploited |= !exploitCut;
        }
        if (cutSteps is null || blockages is null) return ChainOutcome.Passes;
        var cutAt = blockages.Select(b => b.At).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return new ChainOutcome(Exposure.Blocked, [.. cutSteps], cutAt, blockages.ToImmutable()) { Exploited = exploited };
    }

    private (bool Passes, List<Blockage> Blockages) Step(Party from, Party to, PortSelection ports)
    {
        var key = new StepKey(from, to, ports);
        if (_steps.TryGetValue(key, out var known)) return known;
        var blockages = new List<Blockage>();
        var passes = false;
        foreach (var transport in TransportNames.All)
        {
            var set = ports[transport];
            if (set.IsEmpty) continue;
            var decision = paths.Evaluate(from, to, transport, set);
            if (!decision.Allowed.IsEmpty || !decision.Mixed.IsEmpty)
            {
                passes = true;
                break;
            }
            blockages.AddRange(decision.Blockages);
        }
        var result = (passes, passes ? [] : blockages);
        _steps[key] = result;
        return result;
    }

    /// <summary>Parties and port selections are long-lived objects; identity is equality here and cheap to hash.</summary>
    private readonly record struct StepKey(Party From, Party To, PortSelection Ports)
    {
        public bool Equals(StepKey other) => ReferenceEquals(From, other.From) && ReferenceEquals(To, other.To) && ReferenceEquals(Ports, other.Ports);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(From), RuntimeHelpers.GetHashCode(To), RuntimeHelpers.GetHashCode(Ports));
    }
}
