using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Threats;

/// <summary>One step of the way a threat gets through: which ports of it pass and the host firewalls and points crossed.</summary>
public sealed record PassingStep(int Step, string? Route, Transport Transport, PortSet Ports, ImmutableArray<string> Through);

/// <summary>
/// Why a victim is still exposed: the first route of the chain whose every step gets through, with the ports that
/// pass each step and where they cross. A blocked row names its blockages; an exposed one names this, so that no
/// answer an admin reads comes without its reason.
/// </summary>
public sealed class ExposureExplainer
{
    private readonly NetworkModel _model;
    private readonly PathEvaluator _paths;
    private readonly ThreatApplicability _applicability;
    private readonly AttackerPositions _positions;

    public ExposureExplainer(KnowledgeCatalog catalog, NetworkModel model, Closure closure, PolicyOverlay? overlay)
    {
        _model = model;
        _paths = new PathEvaluator(new Topology(model), Scenario.Build(model, ClosureResolver.Resolve(model, catalog, closure), overlay));
        _applicability = new ThreatApplicability(catalog);
        _positions = new AttackerPositions(model);
    }

    /// <summary>The passing steps for the attacker position (as in a finding) against the victim; empty when none passes.</summary>
    public ImmutableArray<PassingStep> Explain(Threat threat, string position, string victimName)
    {
        var host = _model.FindHost(victimName) ?? throw new KeyNotFoundException(victimName);
        var victim = Party.Of(host);
        var attacker = _positions.Of(position, host.Place);
        foreach (var route in threat.Routes)
        {
            var passing = ImmutableArray.CreateBuilder<PassingStep>();
            foreach (var step in threat.StepsOf(route))
            {
                var ports = _applicability.PortsFor(step, host);
                var from = step.From == ThreatActor.Attacker ? attacker : victim;
                var to = step.To == ThreatActor.Attacker ? attacker : victim;
                var found = Passing(from, to, ports);
                if (found is not { } pass) break;
                passing.Add(new PassingStep(step.Order, route, pass.Transport, pass.Ports, _paths.Crossings(from, to)));
            }
            if (passing.Count == threat.StepsOf(route).Count()) return passing.ToImmutable();
        }
        return [];
    }

    private (Transport Transport, PortSet Ports)? Passing(Party from, Party to, PortSelection ports)
    {
        foreach (var transport in TransportNames.All)
        {
            var set = ports[transport];
            if (set.IsEmpty) continue;
            var decision = _paths.Evaluate(from, to, transport, set);
            var passes = decision.Allowed.Union(decision.Mixed);
            if (!passes.IsEmpty) return (transport, passes);
        }
        return null;
    }
}
