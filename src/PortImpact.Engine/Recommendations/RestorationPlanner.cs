using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Recommendations;

/// <summary>A connection a dependency must keep: who opens it to whom, and the ports that passed before the change.</summary>
public sealed record NeededFlow(Party From, Party To, Transport Transport, PortSet Ports, bool RpcDynamicRange);

/// <summary>
/// The connections that give a dependency back the state it had before the change, and no more: of an
/// any-of, only the alternative that was in use (so a fallback such as NetBIOS is not reopened when SMB
/// direct is kept); an optional part only if it worked; a port only if it passed before (a port the
/// baseline already stops needs no exception).
/// </summary>
public sealed class RestorationPlanner(KnowledgeCatalog catalog, RequirementEvaluator requirements, PathEvaluator before)
{
    public void Collect(Requirement requirement, Party client, Party server, List<NeededFlow> into)
    {
        switch (requirement)
        {
            case PortNeed need:
            {
                var (from, to, ports) = requirements.Flow(need, client, server);
                var decision = before.Evaluate(from, to, need.Transport, ports);
                var passed = decision.Allowed.Union(decision.Mixed);
                if (!passed.IsEmpty) into.Add(new NeededFlow(from, to, need.Transport, passed, need.UsesRpcDynamicRange));
                break;
            }
            case AllOf all:
                foreach (var part in all.Parts) Collect(part, client, server, into);
                break;
            case AnyOf any:
            {
                var state = requirements.Evaluate(any, client, server, before).State;
                if (state == DependencyState.Broken) break;
                for (var i = 0; i < any.Alternatives.Length; i++)
                {
                    var alternative = requirements.Evaluate(any.Alternatives[i], client, server, before).State;
                    // The same reading as the evaluator: a later alternative at best degrades.
                    var counted = i == 0 ? alternative : alternative == DependencyState.Broken ? DependencyState.Broken : DependencyState.Degraded;
                    if (counted != state) continue;
                    Collect(any.Alternatives[i], client, server, into);
                    break;
                }
                break;
            }
            case Optional optional:
                if (requirements.Evaluate(optional.Part, client, server, before).State != DependencyState.Broken)
                {
                    Collect(optional.Part, client, server, into);
                }
                break;
            case CapabilityReference reference:
                Collect(catalog.Capabilities[reference.CapabilityId].Requirement, client, server, into);
                break;
            case WhenOs condition:
                Collect(requirements.Holds(condition, client, server) ? condition.Then : condition.Else, client, server, into);
                break;
            default:
                throw new InvalidOperationException($"unknown requirement node {requirement.GetType().Name}");
        }
    }
}
