using System.Collections.Immutable;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Queries;

/// <summary>
/// Finds where a requirement tree needs one port, following capability references, and grades each place by
/// the weakest link on the way down: an <c>optional</c> makes everything below it optional, a later
/// alternative of an <c>any</c> is a fallback, the first alternative is the preferred way.
/// </summary>
internal sealed class PortUseFinder(
    ImmutableDictionary<string, Capability> capabilities,
    Transport transport,
    int port,
    PortSet rpcDynamicPorts)
{
    public IEnumerable<CapabilityPortUse> Find(Capability capability)
    {
        var found = new List<CapabilityPortUse>();
        Walk(capability, capability.Requirement, PortUsage.Required, [], found);
        return found.Distinct();
    }

    private void Walk(Capability root, Requirement requirement, PortUsage usage, ImmutableArray<string> via, List<CapabilityPortUse> found)
    {
        switch (requirement)
        {
            case PortNeed need when need.Transport == transport && need.Resolve(rpcDynamicPorts).Contains(port):
                found.Add(new CapabilityPortUse(root, transport, need, usage, via));
                break;
            case AllOf all:
                foreach (var part in all.Parts)
                {
                    Walk(root, part, usage, via, found);
                }
                break;
            // One alternative is no choice at all: it is as needed as the any-of itself.
            case AnyOf { Alternatives.Length: 1 } single:
                Walk(root, single.Alternatives[0], usage, via, found);
                break;
            case AnyOf any:
                for (var i = 0; i < any.Alternatives.Length; i++)
                {
                    Walk(root, any.Alternatives[i], Weaker(usage, i == 0 ? PortUsage.Preferred : PortUsage.Fallback), via, found);
                }
                break;
            case Optional optional:
                Walk(root, optional.Part, Weaker(usage, PortUsage.Optional), via, found);
                break;
            // Each branch is what hosts of some operating systems need, so both are listed as they stand.
            case WhenOs condition:
                Walk(root, condition.Then, usage, via, found);
                Walk(root, condition.Else, usage, via, found);
                break;
            // The loader rejects cycles; the check on `via` keeps a hand-built catalog from looping forever.
            case CapabilityReference reference
                when capabilities.TryGetValue(reference.CapabilityId, out var next) && !via.Contains(next.Id) && next.Id != root.Id:
                Walk(root, next.Requirement, usage, via.Add(next.Id), found);
                break;
        }
    }

    private static PortUsage Weaker(PortUsage a, PortUsage b) => (PortUsage)Math.Max((int)a, (int)b);
}
