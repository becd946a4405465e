using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Ports;

/// <summary>
/// An immutable set of port numbers kept as sorted, disjoint, non-adjacent ranges, so that equal sets
/// have equal representations and set algebra is linear in the number of ranges (<see cref="Intervals.Intervals"/>,
/// shared with <see cref="Addresses.AddressSet"/>).
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    public static readonly PortSet Empty = new([]);
    public static readonly PortSet All = new([new PortRange(0, PortRange.MaxPort)]);

    private int _hash;

    private PortSet(ImmutableArray<PortRange> ranges) => Ranges = ranges;

    public ImmutableArray<PortRange> Ranges { get; }

    public bool IsEmpty => Ranges.Length == 0;

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var range in Ranges)
            {
                count += range.Count;
            }
            return count;
        }
    }

    public static PortSet Of(params int[] ports) => From(ports.Select(PortRange.Single));

    public static PortSet Range(int first, int last) => From([new PortRange(first, last)]);

    public static PortSet From(IEnumerable<PortRange> ranges) => Of(Intervals.Intervals.Normalize<PortRange, int>(ranges));

    private static PortSet Of(ImmutableArray<PortRange> normalized) => normalized.IsEmpty ? Empty : new PortSet(normalized);

    public bool Contains(int port) => Intervals.Intervals.Contains<PortRange, int>(Ranges, port);

    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        return Of(Intervals.Intervals.Union<PortRange, int>(Ranges, other.Ranges));
    }

    public PortSet Intersect(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return Empty;
        if (ReferenceEquals(this, other)) return this;
        // The engine intersects millions of times, mostly a set with one that holds it whole; answer those
        // without building a new set.
        if (other.Ranges.Length == 1 && other.Ranges[0].First <= Ranges[0].First && Ranges[^1].Last <= other.Ranges[0].Last) return this;
        if (Ranges.Length == 1 && Ranges[0].First <= other.Ranges[0].First && other.Ranges[^1].Last <= Ranges[0].Last) return other;
        return Of(Intervals.Intervals.Intersect<PortRange, int>(Ranges, other.Ranges));
    }

    public PortSet Except(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return this;
        return Intersect(other.Complement());
    }

    public PortSet Complement() => Of(Intervals.Intervals.Complement<PortRange, int>(Ranges));

    public bool Overlaps(PortSet other) => Intervals.Intervals.Overlaps<PortRange, int>(Ranges, other.Ranges);

    public bool IsSubsetOf(PortSet other) => Except(other).IsEmpty;

    /// <summary>Ports written as the tool prints them: <c>135,137-139,445</c>.</summary>
    public override string ToString() => IsEmpty ? "-" : string.Join(",", Ranges.Select(r => r.ToString()));

    public bool Equals(PortSet? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan()));

    public override bool Equals(object? obj) => obj is PortSet other && Equals(other);

    /// <summary>Computed once: port sets are dictionary keys on the engine's hot path.</summary>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = new HashCode();
        foreach (var range in Ranges)
        {
            hash.Add(range);
        }
        var value = hash.ToHashCode();
        _hash = value == 0 ? 1 : value;
        return _hash;
    }

    /// <summary>Parses <c>135,137-139,445</c>. Returns an error text instead of throwing so callers can add a location.</summary>
    public static bool TryParse(string text, out PortSet set, out string? error)
    {
        var ranges = new List<PortRange>();
        set = Empty;
        error = null;
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
            {
                error = Messages.Format("PortEmpty", text);
                return false;
            }
            var dash = raw.IndexOf('-');
            var firstText = dash < 0 ? raw : raw[..dash];
            var lastText = dash < 0 ? raw : raw[(dash + 1)..];
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                error = Messages.Format("PortNotNumberOrRange", raw);
                return false;
            }
            if (first > PortRange.MaxPort || last > PortRange.MaxPort)
            {
                error = Messages.Format("PortOutOfRange", first > PortRange.MaxPort ? first : last, PortRange.MaxPort);
                return false;
            }
            if (last < first)
            {
                error = Messages.Format("PortRangeBackwards", raw);
                return false;
            }
            ranges.Add(new PortRange(first, last));
        }
        set = From(ranges);
        return true;
    }
}
