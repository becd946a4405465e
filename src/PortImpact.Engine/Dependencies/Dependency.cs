using System.Collections.Immutable;

namespace PortImpact.Engine.Dependencies;

/// <summary>Whether losing a dependency breaks the function or only takes away a fallback.</summary>
public enum DependencyKind
{
    /// <summary>The function needs it.</summary>
    Required,
    /// <summary>
    /// A fallback the function uses only when its required servers are unreachable (the DC locator's domain
    /// controllers of other sites): losing it is a loss of resilience, reported as such.
    /// </summary>
    Failover,
}

/// <summary>Which way a replication dependency looks at the replication topology.</summary>
public enum ReplicationWay
{
    /// <summary>The client must receive the changes of every writable server of the topology.</summary>
    Inbound,
    /// <summary>Every other writable server of the topology must receive the client's changes.</summary>
    Outbound,
}

/// <summary>
/// A client relying on a server for a capability; <see cref="Origin"/> says why the tool thinks so
/// (<c>role:workstation</c> or <c>uses</c>). A failover dependency is kept by any one of <see cref="Servers"/>
/// (nearest first; <see cref="Server"/> is the first). A replication dependency (<see cref="Replication"/> set) is
/// about the whole topology of its capability: <see cref="Servers"/> are then the client's preferred partners (its
/// site and the sites next to it, as the KCC connects them), and changes may also travel through any other
/// server, however many hops away, since the KCC bridges all site links by default.
/// </summary>
public sealed record Dependency(string Capability, string Client, string Server, string Origin)
{
    public DependencyKind Kind { get; init; } = DependencyKind.Required;

    public ReplicationWay? Replication { get; init; }

    private readonly ImmutableArray<string> _servers = [];

    public ImmutableArray<string> Servers
    {
        get => _servers.IsDefaultOrEmpty ? [Server] : _servers;
        init => _servers = value;
    }

    /// <summary>Identity is capability, client, server, kind and way: a resolver lists each once.</summary>
    public bool Equals(Dependency? other) =>
        other is not null && Capability == other.Capability && Client == other.Client && Server == other.Server
        && Origin == other.Origin && Kind == other.Kind && Replication == other.Replication;

    public override int GetHashCode() => HashCode.Combine(Capability, Client, Server, Kind, Replication);
}
