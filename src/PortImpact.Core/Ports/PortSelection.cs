namespace PortImpact.Core.Ports;

/// <summary>Ports per transport: what a closure closes, what a rule matches, what a step needs.</summary>
public sealed record PortSelection(PortSet Tcp, PortSet Udp)
{
    public static readonly PortSelection None = new(PortSet.Empty, PortSet.Empty);
    public static readonly PortSelection Everything = new(PortSet.All, PortSet.All);

    public static PortSelection Of(Transport transport, PortSet ports) =>
        transport == Transport.Tcp ? new(ports, PortSet.Empty) : new(PortSet.Empty, ports);

    public static PortSelection Both(PortSet ports) => new(ports, ports);

    public PortSet this[Transport transport] => transport == Transport.Tcp ? Tcp : Udp;

    public bool IsEmpty => Tcp.IsEmpty && Udp.IsEmpty;

    public PortSelection Union(PortSelection other) => new(Tcp.Union(other.Tcp), Udp.Union(other.Udp));

    public PortSelection Intersect(PortSelection other) => new(Tcp.Intersect(other.Tcp), Udp.Intersect(other.Udp));

    public PortSelection Except(PortSelection other) => new(Tcp.Except(other.Tcp), Udp.Except(other.Udp));

    public bool Overlaps(PortSelection other) => Tcp.Overlaps(other.Tcp) || Udp.Overlaps(other.Udp);

    /// <summary><c>tcp/135,445 udp/137-138</c>; the same ports on both transports print once as <c>tcp+udp/…</c>.</summary>
    public override string ToString()
    {
        if (IsEmpty) return "-";
        if (Tcp.Equals(Udp)) return $"tcp+udp/{Tcp}";
        var parts = new List<string>(2);
        if (!Tcp.IsEmpty) parts.Add($"tcp/{Tcp}");
        if (!Udp.IsEmpty) parts.Add($"udp/{Udp}");
        return string.Join(" ", parts);
    }
}
