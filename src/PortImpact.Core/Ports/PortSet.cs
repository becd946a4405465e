using System.Collections.Immutable;
using System.Globalization;

namespace PortImpact.Core.Ports;

/// <summary>
/// An immutable set of port numbers kept as sorted, disjoint, non-adjacent ranges, so that equal sets
/// have equal representations and set algebra is linear in the number of ranges.
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

    public static PortSet From(IEnumerable<PortRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.First).ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }
        var builder = ImmutableArray.CreateBuilder<PortRange>();
        var current = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var next = sorted[i];
            if (next.First <= current.Last + 1)
            {
                current = new PortRange(current.First, Math.Max(current.Last, next.Last));
            }
            else
            {
                builder.Add(current);
                current = next;
            }
        }
        builder.Add(current);
        return new PortSet(builder.ToImmutable());
    }

    public bool Contains(int port)
    {
        var lo = 0;
        var hi = Ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var range = Ranges[mid];
            if (port < range.First)
            {
                hi = mid - 1;
            }
            else if (port > range.Last)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        return From(Ranges.Concat(other.Ranges));
    }

    public PortSet Intersect(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return Empty;
        if (ReferenceEquals(this, other)) return this;
        // The engine intersects millions of times, mostly a set with one that holds it whole; answer those
        // without building a new set.
        if (other.Ranges.Length == 1 && other.Ranges[0].First <= Ranges[0].First && Ranges[^1].Last <= other.Ranges[0].Last) return this;
        if (Ranges.Length == 1 && Ranges[0].First <= other.Ranges[0].First && other.Ranges[^1].Last <= Ranges[0].Last) return other;
        var builder = ImmutableArray.CreateBuilder<PortRange>();
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var a = Ranges[i];
            var b = other.Ranges[j];
            var first = Math.Max(a.First, b.First);
            var last = Math.Min(a.Last, b.Last);
            if (first <= last)
            {
                builder.Add(new PortRange(first, last));
            }
            if (a.Last < b.Last) i++; else j++;
        }
        return builder.Count == 0 ? Empty : new PortSet(builder.ToImmutable());
    }

    public PortSet Except(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return this;
        return Intersect(other.Complement());
    }

    public PortSet Complement()
    {
        var builder = ImmutableArray.CreateBuilder<PortRange>();
        var next = 0;
        foreach (var range in Ranges)
        {
            if (range.First > next)
            {
                builder.Add(new PortRange(next, range.First - 1));
            }
            next = range.Last + 1;
        }
        if (next <= PortRange.MaxPort)
        {
            builder.Add(new PortRange(next, PortRange.MaxPort));
        }
        return builder.Count == 0 ? Empty : new PortSet(builder.ToImmutable());
    }

    public bool Overlaps(PortSet other)
    {
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var a = Ranges[i];
            var b = other.Ranges[j];
            if (a.First <= b.Last && b.First <= a.Last) return true;
            if (a.Last < b.Last) i++; else j++;
        }
        return false;
    }

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
                error = $"empty port in '{text}'";
                return false;
            }
            var dash = raw.IndexOf('-');
            var firstText = dash < 0 ? raw : raw[..dash];
            var lastText = dash < 0 ? raw : raw[(dash + 1)..];
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                error = $"'{raw}' is not a port number or range";
                return false;
            }
            if (first > PortRange.MaxPort || last > PortRange.MaxPort)
            {
                error = $"port {(first > PortRange.MaxPort ? first : last)} is out of range 0-{PortRange.MaxPort}";
                return false;
            }
            if (last < first)
            {
                error = $"port range '{raw}' runs backwards";
                return false;
            }
            ranges.Add(new PortRange(first, last));
        }
        set = From(ranges);
        return true;
    }
}
