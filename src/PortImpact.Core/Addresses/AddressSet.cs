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

/// <summary>A normalised set of IPv4 addresses (sorted, disjoint, non-adjacent ranges; the algebra is <see cref="Intervals.Intervals"/>, shared with <see cref="Ports.PortSet"/>).</summary>
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

    public static AddressSet From(IEnumerable<AddressRange> ranges) => Of(Intervals.Intervals.Normalize<AddressRange, uint>(ranges));

    private static AddressSet Of(ImmutableArray<AddressRange> normalized) => normalized.IsEmpty ? Empty : new AddressSet(normalized);

    public AddressSet Union(AddressSet other) => other.IsEmpty ? this : IsEmpty ? other : Of(Intervals.Intervals.Union<AddressRange, uint>(Ranges, other.Ranges));

    public AddressSet Complement() => Of(Intervals.Intervals.Complement<AddressRange, uint>(Ranges));

    public AddressSet Intersect(AddressSet other) => Of(Intervals.Intervals.Intersect<AddressRange, uint>(Ranges, other.Ranges));

    public AddressSet Except(AddressSet other) => other.IsEmpty ? this : Intersect(other.Complement());

    /// <summary>Whether the two sets share an address; walks both sorted range lists once, allocating nothing.</summary>
    public bool Overlaps(AddressSet other) => Intervals.Intervals.Overlaps<AddressRange, uint>(Ranges, other.Ranges);

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
