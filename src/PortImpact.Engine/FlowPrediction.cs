using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Knowledge;

namespace PortImpact.Engine;

/// <summary>What the engine says happens to one host-to-host flow on given ports, before or after a change.</summary>
public sealed record PortPrediction(Transport Transport, int Port, bool AllowedBefore, bool AllowedAfter);

/// <summary>
/// Port-by-port predictions between two hosts of a model: what live probes compare against, so the engine's
/// answer is checked on the wire, not only against itself. A port whose fate depends on the member of a host
/// group counts as allowed (some member gets through).
/// </summary>
public sealed class FlowPrediction(KnowledgeCatalog catalog)
{
    public IReadOnlyList<PortPrediction> Predict(NetworkModel model, Closure closure, PolicyOverlay? overlay,
        string from, string to, PortSelection ports)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var topology = new Topology(model);
        var compiler = new PolicyCompiler(model.ClientSourcePorts);
        var before = new PathEvaluator(topology, Scenario.Baseline(model, compiler));
        var after = new PathEvaluator(topology, Scenario.Build(model, resolved, overlay, compiler));
        var source = Party.Of(model.FindHost(from) ?? throw new ArgumentException($"no host '{from}' in the model", nameof(from)));
        var destination = Party.Of(model.FindHost(to) ?? throw new ArgumentException($"no host '{to}' in the model", nameof(to)));
        var result = new List<PortPrediction>();
        foreach (var transport in TransportNames.All)
        {
            foreach (var range in ports[transport].Ranges)
            {
                for (var port = range.First; port <= range.Last; port++)
                {
                    var single = PortSet.Of(port);
                    result.Add(new PortPrediction(transport, port,
                        Passes(before.Evaluate(source, destination, transport, single)),
                        Passes(after.Evaluate(source, destination, transport, single))));
                }
            }
        }
        return result;
    }

    private static bool Passes(PathDecision decision) => !decision.Unreachable && (!decision.Allowed.IsEmpty || !decision.Mixed.IsEmpty);
}
