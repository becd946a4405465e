using System.Collections.Immutable;

namespace PortImpact.Core.Knowledge;

/// <summary>How a client picks, among the hosts that have a server role, the ones it depends on.</summary>
public enum ServerSelection
{
    /// <summary>Those in the client's own site; if none, those the fewest links away.</summary>
    Nearest,
    /// <summary>Domain-controller style: every other server in the same site and in sites one link away; if none, the nearest.</summary>
    ReplicationPartners,
    /// <summary>Every host with the role.</summary>
    All,
}

/// <summary>A dependency a role implies: "a workstation logs on to a domain controller".</summary>
public sealed record ImpliedDependency(string Capability, string ServerRole, ServerSelection Selection);

public sealed record Role(string Id, LocalizedText Name, ImmutableArray<ImpliedDependency> Implies, ImmutableArray<string> Sources);
