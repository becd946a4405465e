using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Dependencies;

/// <summary>The state of a requirement for one client and server, and the blockages that made it so.</summary>
public sealed record RequirementOutcome(DependencyState State, ImmutableArray<Blockage> Blockages)
{
    /// <summary>The usual answer, shared rather than built a million times on a large model.</summary>
    public static readonly RequirementOutcome Works = new(DependencyState.Works, []);
}

/// <summary>
/// Walks a capability's requirement expression. A need of the RPC dynamic range that is only partly open
/// degrades (the server may hand out a port that is closed); any other need is broken by any closed port.
/// <paramref name="rpcDynamicPorts"/> is the model's range, used for hosts that state no range of their own.
/// </summary>
public sealed class RequirementEvaluator(KnowledgeCatalog catalog, PortSet rpcDynamicPorts)
{
    public RequirementOutcome Evaluate(Requirement requirement, Party client, Party server, PathEvaluator paths)
    {
        switch (requirement)
        {
            case PortNeed need:
                return EvaluateNeed(need, client, server, paths);
            case AllOf all:
            {
                var state = DependencyState.Works;
                ImmutableArray<Blockage>.Builder? blockages = null;
                foreach (var part in all.Parts)
                {
                    var outcome = Evaluate(part, client, server, paths);
                    if (outcome.State > state) state = outcome.State;
                    if (!outcome.Blockages.IsEmpty) (blockages ??= ImmutableArray.CreateBuilder<Blockage>()).AddRange(outcome.Blockages);
                }
                return state == DependencyState.Works && blockages is null ? RequirementOutcome.Works
                    : new RequirementOutcome(state, blockages?.ToImmutable() ?? []);
            }
            case AnyOf any:
            {
                ImmutableArray<Blockage>.Builder? blockages = null;
                var best = DependencyState.Broken;
                for (var i = 0; i < any.Alternatives.Length; i++)
                {
                    var outcome = Evaluate(any.Alternatives[i], client, server, paths);
                    // Only the normal way counts as working; a fallback keeps the function alive, degraded.
                    var state = i == 0 ? outcome.State : outcome.State == DependencyState.Broken ? DependencyState.Broken : DependencyState.Degraded;
                    if (state < best) best = state;
                    if (best == DependencyState.Works) return RequirementOutcome.Works;
                    if (!outcome.Blockages.IsEmpty) (blockages ??= ImmutableArray.CreateBuilder<Blockage>()).AddRange(outcome.Blockages);
                }
                return new RequirementOutcome(best, blockages?.ToImmutable() ?? []);
            }
            case Optional optional:
            {
                var outcome = Evaluate(optional.Part, client, server, paths);
                return outcome.State == DependencyState.Broken ? outcome with { State = DependencyState.Degraded } : outcome;
            }
            case CapabilityReference reference:
                return Evaluate(catalog.Capabilities[reference.CapabilityId].Requirement, client, server, paths);
            case WhenOs condition:
                return Evaluate(Holds(condition, client, server) ? condition.Then : condition.Else, client, server, paths);
            default:
                throw new InvalidOperationException($"unknown requirement node {requirement.GetType().Name}");
        }
    }

    /// <summary>Who connects to whom for a need, and on which ports.</summary>
    public (Party From, Party To, PortSet Ports) Flow(PortNeed need, Party client, Party server)
    {
        var (from, to) = need.Orientation == FlowOrientation.ClientToServer ? (client, server) : (server, client);
        // The host that receives the connection hands out the RPC endpoint, so its own pinned port or restricted
        // range (KB 154596 / KB 224196, dfsrdiag StaticRPC) is the one that must be open, not the model's.
        if (!need.UsesRpcDynamicRange) return (from, to, need.Ports);
        return (from, to, to.Host?.RpcPortsFor(need.RpcService, rpcDynamicPorts) ?? rpcDynamicPorts);
    }

    /// <summary>Whether the host a condition looks at runs an operating system with the trait; an attacker's machine has none.</summary>
    public bool Holds(WhenOs when, Party client, Party server)
    {
        var host = (when.Side == DependencySide.Client ? client : server).Host;
        return host is not null && catalog.OsOf(host)?.Has(when.Trait) == true;
    }

    private RequirementOutcome EvaluateNeed(PortNeed need, Party client, Party server, PathEvaluator paths)
    {
        var (from, to, ports) = Flow(need, client, server);
        var decision = paths.Evaluate(from, to, need.Transport, ports);
        if (decision.Allowed.Equals(ports)) return RequirementOutcome.Works;
        DependencyState state;
        if (need.UsesRpcDynamicRange)
        {
            state = decision.Denied.Equals(ports) ? DependencyState.Broken : DependencyState.Degraded;
        }
        else
        {
            state = decision.Denied.IsEmpty ? DependencyState.Degraded : DependencyState.Broken;
        }
        return new RequirementOutcome(state, decision.Blockages);
    }
}
