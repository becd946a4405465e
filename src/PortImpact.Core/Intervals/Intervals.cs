using System.Collections.Immutable;
using System.Numerics;

namespace PortImpact.Core.Intervals;

/// <summary>An inclusive range of a bounded integer domain: a port range (0–65535) or an IPv4 address range.</summary>
public interface IInterval<TSelf, TValue>
    where TSelf : struct, IInterval<TSelf, TValue>
    where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
{
    TValue First { get; }

    TValue Last { get; }

    /// <summary>The largest value of the domain (65535 for ports, 255.255.255.255 for addresses).</summary>
    static abstract TValue DomainMax { get; }

    static abstract TSelf Create(TValue first, TValue last);
}

/// <summary>
/// The set algebra behind <see cref="Ports.PortSet"/> and <see cref="Addresses.AddressSet"/>, written once: sets are
/// sorted, disjoint, non-adjacent ranges, so equal sets have equal representations and every operation is one linear
/// walk over both range lists (a union merges the two sorted lists rather than sorting their concatenation again,
/// which made a reader that adds 100,000 elements one by one quadratic).
/// </summary>
public static class Intervals
{
    /// <summary>Any ranges, in any order, overlapping or not, as a normalised list.</summary>
    public static ImmutableArray<TRange> Normalize<TRange, TValue>(IEnumerable<TRange> ranges)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        var sorted = ranges.ToArray();
        if (sorted.Length == 0) return [];
        Array.Sort(sorted, (a, b) => a.First.CompareTo(b.First));
        return Merge<TRange, TValue>(sorted);
    }

    /// <summary>Both sets' ranges, merged in one walk.</summary>
    public static ImmutableArray<TRange> Union<TRange, TValue>(ImmutableArray<TRange> left, ImmutableArray<TRange> right)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        if (right.IsEmpty) return left;
        if (left.IsEmpty) return right;
        var merged = new TRange[left.Length + right.Length];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length) merged[k++] = left[i].First <= right[j].First ? left[i++] : right[j++];
        while (i < left.Length) merged[k++] = left[i++];
        while (j < right.Length) merged[k++] = right[j++];
        return Merge<TRange, TValue>(merged);
    }

    public static ImmutableArray<TRange> Intersect<TRange, TValue>(ImmutableArray<TRange> left, ImmutableArray<TRange> right)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        var builder = ImmutableArray.CreateBuilder<TRange>();
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            var a = left[i];
            var b = right[j];
            var first = TValue.Max(a.First, b.First);
            var last = TValue.Min(a.Last, b.Last);
            if (first <= last) builder.Add(TRange.Create(first, last));
            if (a.Last < b.Last) i++; else j++;
        }
        return builder.ToImmutable();
    }

    /// <summary>Every value of the domain the set does not hold.</summary>
    public static ImmutableArray<TRange> Complement<TRange, TValue>(ImmutableArray<TRange> ranges)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        var builder = ImmutableArray.CreateBuilder<TRange>();
        var next = TValue.Zero;
        var reachedEnd = false;
        foreach (var range in ranges)
        {
            if (range.First > next) builder.Add(TRange.Create(next, range.First - TValue.One));
            if (range.Last == TRange.DomainMax)
            {
                reachedEnd = true;
                break;
            }
            next = range.Last + TValue.One;
        }
        if (!reachedEnd) builder.Add(TRange.Create(next, TRange.DomainMax));
        return builder.ToImmutable();
    }

    /// <summary>Whether the sets share a value; one walk, no allocation.</summary>
    public static bool Overlaps<TRange, TValue>(ImmutableArray<TRange> left, ImmutableArray<TRange> right)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            var a = left[i];
            var b = right[j];
            if (a.First <= b.Last && b.First <= a.Last) return true;
            if (a.Last < b.Last) i++; else j++;
        }
        return false;
    }

    /// <summary>Whether a value is in the set: a binary search over the ranges.</summary>
    public static bool Contains<TRange, TValue>(ImmutableArray<TRange> ranges, TValue value)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var range = ranges[mid];
            if (value < range.First) hi = mid - 1;
            else if (value > range.Last) lo = mid + 1;
            else return true;
        }
        return false;
    }

    /// <summary>Ranges sorted by their start, joined where they overlap or touch.</summary>
    private static ImmutableArray<TRange> Merge<TRange, TValue>(TRange[] sorted)
        where TRange : struct, IInterval<TRange, TValue>
        where TValue : IBinaryInteger<TValue>, IMinMaxValue<TValue>
    {
        var builder = ImmutableArray.CreateBuilder<TRange>(sorted.Length);
        var current = sorted[0];
        for (var i = 1; i < sorted.Length; i++)
        {
            var next = sorted[i];
            // Touching counts as joined; a range that ends at the domain's top swallows every later one.
            if (current.Last == TRange.DomainMax || next.First <= current.Last + TValue.One)
            {
                if (next.Last > current.Last) current = TRange.Create(current.First, next.Last);
            }
            else
            {
                builder.Add(current);
                current = next;
            }
        }
        builder.Add(current);
        return builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable();
    }
}
