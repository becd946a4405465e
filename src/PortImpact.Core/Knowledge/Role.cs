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
    /// <summary>
    /// Every host with the role that <see cref="Nearest"/> does not pick, nearest first, as one dependency that
    /// any one of them keeps: the DC locator's fallback to domain controllers of other sites. Losing it is a
    /// loss of resilience, not a break; a site with <c>dcFailover: false</c> gets none.
    /// </summary>
    Failover,
    /// <summary>
    /// Multi-master replication among every host with the role (the KCC bridges all site links by default, so
    /// partners are found however many hops away): the client must receive the changes of every one of them,
    /// and they must receive the client's.
    /// </summary>
    ReplicateBothWays,
    /// <summary>As <see cref="ReplicateBothWays"/>, inbound only: a read-only domain controller.</summary>
    ReplicateInbound,
}

/// <summary>
/// A dependency a role implies: "a workstation logs on to a domain controller". <see cref="AlsoServedBy"/> names
/// further roles whose hosts serve it too (a read-only DC answers logons as a writable one does); replication
/// never takes its sources from them.
/// </summary>
public sealed record ImpliedDependency(string Capability, string ServerRole, ServerSelection Selection)
{
    public ImmutableArray<string> AlsoServedBy { get; init; } = [];

    /// <summary>The roles whose hosts may serve this dependency, the main one first.</summary>
    public IEnumerable<string> ServerRoles => AlsoServedBy.IsDefaultOrEmpty ? [ServerRole] : [ServerRole, .. AlsoServedBy];

    public bool Equals(ImpliedDependency? other) =>
        other is not null && Capability == other.Capability && ServerRole == other.ServerRole && Selection == other.Selection
        && ServerRoles.SequenceEqual(other.ServerRoles);

    public override int GetHashCode() => HashCode.Combine(Capability, ServerRole, Selection);
}

public sealed record Role(string Id, LocalizedText Name, ImmutableArray<ImpliedDependency> Implies, ImmutableArray<string> Sources);
