using System.Collections.Immutable;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Model;

/// <summary>
/// The source port a client's new connection comes from, which a real rule file may test (<c>--sport</c>,
/// <c>RPort</c> of an inbound Windows rule, an IOS source port operator): a port of the operating system's dynamic
/// range, except for protocols whose clients send from a fixed port (the catalog's port notes say which, e.g. the
/// NetBIOS name service sends from UDP 137). The same holds for a worm's connection, made through the same sockets.
/// </summary>
public sealed record ClientSourcePorts(PortSet Ephemeral, ImmutableDictionary<(Transport Transport, int Port), PortSet> Fixed)
{
    /// <summary>Windows' dynamic port range since Vista / Server 2008 (KB 929851), from which clients pick source ports.</summary>
    public static readonly PortSet WindowsDynamicRange = PortSet.Range(49152, 65535);

    public static readonly ClientSourcePorts Default = new(WindowsDynamicRange, ImmutableDictionary<(Transport, int), PortSet>.Empty);

    /// <summary>The source ports of a new connection to <paramref name="destinationPort"/>.</summary>
    public PortSet For(Transport transport, int destinationPort) =>
        Fixed.TryGetValue((transport, destinationPort), out var ports) ? ports : Ephemeral;

    /// <summary>The destination ports of <paramref name="transport"/> whose clients send from a fixed port.</summary>
    public IEnumerable<int> FixedDestinations(Transport transport) => Fixed.Keys.Where(k => k.Transport == transport).Select(k => k.Port);
}
