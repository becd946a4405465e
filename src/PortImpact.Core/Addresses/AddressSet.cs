using System.Collections.Immutable;

namespace PortImpact.Core.Addresses;

/// <summary>How a rule's address set relates to the addresses a flow may come from or go to.</summary>
public enum Coverage
{
    /// <summary>No address of the flow's side matches.</summary>
    None,
    /// <summary>Some addresses match and some do not: the outcome depends on which member sends.</summary>
    Partial,
    /// <summary>Every address of the flow's side matches.</summary>
    Full,
}

/// <summary>A normalised set of IPv4 addresses (sorted, disjoint, non-adjacent ranges).</summary>
public sealed class AddressSet : IEquatable<AddressSet>
{
    public static readonly AddressSet Empty = new([]);
    public static readonly AddressSet Any = new([AddressRange.All]);

    private int _hash;

    private AddressSet(ImmutableArray<AddressRange> ranges) => Ranges = ranges;

    public ImmutableArray<AddressRange> Ranges { get; }

    public bool IsEmpty => Ranges.Length == 0;

    public bool IsAny => Ranges.Length == 1 && Ranges[0] == AddressRange.All;

    public static AddressSet Of(params AddressRange[] ranges) => From(ranges);

    public static AddressSet From(IEnumerable<AddressRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.First).ToList();
        if (sorted.Count == 0) return Empty;
        var builder = ImmutableArray.CreateBuilder<AddressRange>();
        var current = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var next = sorted[i];
            if (current.Last == uint.MaxValue || next.First <= current.Last + 1)
            {
                current = new AddressRange(current.First, Math.Max(current.Last, next.Last));
            }
            else
            {
                builder.Add(current);
                current = next;
            }
        }
        builder.Add(current);
        return new AddressSet(builder.ToImmutable());
    }

    public AddressSet Union(AddressSet other) => other.IsEmpty ? this : IsEmpty ? other : From(Ranges.Concat(other.Ranges));

    public AddressSet Complement()
    {
        var builder = ImmutableArray.CreateBuilder<AddressRange>();
        ulong next = 0;
        foreach (var range in Ranges)
        {
            if (range.First > next) builder.Add(new AddressRange((uint)next, range.First - 1));
            next = (ulong)range.Last + 1;
        }
        if (next <= uint.MaxValue) builder.Add(new AddressRange((uint)next, uint.MaxValue));
        return new AddressSet(builder.ToImmutable());
    }

    public AddressSet Intersect(AddressSet other)
    {
        var builder = ImmutableArray.CreateBuilder<AddressRange>();
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var a = Ranges[i];
            var b = other.Ranges[j];
            var first = Math.Max(a.First, b.First);
            var last = Math.Min(a.Last, b.Last);
            if (first <= last) builder.Add(new AddressRange(first, last));
            if (a.Last < b.Last) i++; else j++;
        }
        return builder.Count == 0 ? Empty : new AddressSet(builder.ToImmutable());
    }

    public AddressSet Except(AddressSet other) => other.IsEmpty ? this : Intersect(other.Complement());

    /// <summary>Whether the two sets share an address; walks both sorted range lists once, allocating nothing.</summary>
    public bool Overlaps(AddressSet other)
    {
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var a = Ranges[i];
            var b = other.Ranges[j];
            if (a.Overlaps(b)) return true;
            if (a.Last < b.Last) i++; else j++;
        }
        return false;
    }

    public bool Overlaps(AddressRange range)
    {
        foreach (var own in Ranges)
        {
            if (own.Overlaps(range)) return true;
        }
        return false;
    }

    /// <summary>How much of <paramref name="flowSide"/> this set matches.</summary>
    public Coverage Cover(AddressSet flowSide)
    {
        if (IsAny) return Coverage.Full;
        var common = Intersect(flowSide);
        if (common.IsEmpty) return Coverage.None;
        return common.Equals(flowSide) ? Coverage.Full : Coverage.Partial;
    }

    public override string ToString() => IsEmpty ? "none" : string.Join(",", Ranges.Select(r => r.ToString()));

    public bool Equals(AddressSet? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan()));

    public override bool Equals(object? obj) => obj is AddressSet other && Equals(other);

    /// <summary>Computed once: sets are dictionary keys on the engine's hot path, and some hold hundreds of ranges.</summary>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = new HashCode();
        foreach (var range in Ranges) hash.Add(range);
        var value = hash.ToHashCode();
        _hash = value == 0 ? 1 : value;
        return _hash;
    }
}
