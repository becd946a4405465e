namespace PortImpact.Core.Ports;

/// <summary>An inclusive range of port numbers, 0–65535.</summary>
public readonly record struct PortRange : Intervals.IInterval<PortRange, int>
{
    static int Intervals.IInterval<PortRange, int>.DomainMax => MaxPort;

    static PortRange Intervals.IInterval<PortRange, int>.Create(int first, int last) => new(first, last);

    public const int MaxPort = 65535;

    public int First { get; }
    public int Last { get; }

    public PortRange(int first, int last)
    {
        if (first < 0 || first > MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(first), first, $"port {first} is outside 0-{MaxPort}");
        }
        if (last < first || last > MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, $"port range {first}-{last} is not within 0-{MaxPort} in ascending order");
        }
        First = first;
        Last = last;
    }

    public static PortRange Single(int port) => new(port, port);

    public int Count => Last - First + 1;

    public bool Contains(int port) => port >= First && port <= Last;

    public override string ToString() => First == Last ? First.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{First}-{Last}";
}
