using System.Numerics;
using PortImpact.Core.Addresses;

namespace PortImpact.Formats.Emit;

/// <summary>A CIDR block: <see cref="Network"/> with <see cref="Length"/> leading bits fixed.</summary>
internal readonly record struct Prefix(uint Network, int Length)
{
    public uint Wildcard => Length == 0 ? uint.MaxValue : (1u << (32 - Length)) - 1;

    /// <summary><c>10.1.0.0/16</c>, a single address without <c>/32</c>.</summary>
    public override string ToString() =>
        Length == 32 ? AddressRange.FormatAddress(Network) : $"{AddressRange.FormatAddress(Network)}/{Length}";
}

/// <summary>Address sets as the exact list of CIDR blocks whose union they are, for syntaxes that take prefixes only.</summary>
internal static class AddressPrefixes
{
    public static IReadOnlyList<Prefix> Of(AddressSet addresses)
    {
        var prefixes = new List<Prefix>();
        foreach (var range in addresses.Ranges)
        {
            ulong first = range.First;
            ulong last = range.Last;
            while (first <= last)
            {
                // The largest block that starts at first (its alignment) and does not run past last.
                var size = first == 0 ? 1UL << 32 : 1UL << BitOperations.TrailingZeroCount(first);
                while (first + size - 1 > last) size >>= 1;
                prefixes.Add(new Prefix((uint)first, 32 - BitOperations.Log2(size)));
                first += size;
            }
        }
        return prefixes;
    }
}
