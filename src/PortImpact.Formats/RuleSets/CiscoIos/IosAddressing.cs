using System.Numerics;
using PortImpact.Core.Addresses;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>The addresses a wildcard entry matches: exactly, or (too many ranges) a superset to be marked opaque.</summary>
internal sealed record WildcardExpansion(AddressSet Addresses, bool Exact, long RangeCount);

/// <summary>
/// IPv4 as IOS writes it: dotted quads, wildcard masks (inverted, possibly non-contiguous) in ACL entries and
/// subnet masks in object-groups.
/// </summary>
internal static class IosAddressing
{
    /// <summary>
    /// A non-contiguous wildcard such as <c>0.0.0.2</c> matches several separate ranges, 2 to the number of
    /// "scattered" wildcard bits (those above the lowest block of ones). Up to 10 such bits (1,024 ranges) are
    /// expanded exactly; beyond that the set would burden every evaluation, so the entry gets the smallest
    /// block holding all matches plus an opaque condition saying it matches only part of it.
    /// </summary>
    public const int MaxScatteredWildcardBits = 10;

    public static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>Digits and dots only: meant as an address, so a bad one is an error rather than a name.</summary>
    public static bool LooksNumeric(string text) => text.Length > 0 && char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiDigit(c) || c == '.');

    /// <summary>
    /// Every address whose bits outside the wildcard equal the entry's: <c>(a &amp; ~w) == (addr &amp; ~w)</c>; the smallest
    /// block holding them (not exact) when that would be more than <paramref name="maxRanges"/> ranges.
    /// </summary>
    public static WildcardExpansion ExpandWildcard(uint address, uint wildcard, long maxRanges = long.MaxValue)
    {
        var fixedBits = address & ~wildcard;
        if ((wildcard & (wildcard + 1)) == 0)
        {
            return new WildcardExpansion(AddressSet.Of(new AddressRange(fixedBits, fixedBits | wildcard)), true, 1);
        }
        var lowOnes = BitOperations.TrailingZeroCount(~wildcard);
        var lowBlock = lowOnes == 0 ? 0u : (1u << lowOnes) - 1;
        var scattered = wildcard & ~lowBlock;
        var scatteredCount = BitOperations.PopCount(scattered);
        var rangeCount = 1L << scatteredCount;
        if (scatteredCount > MaxScatteredWildcardBits || rangeCount > maxRanges)
        {
            var highest = 31 - BitOperations.LeadingZeroCount(wildcard);
            var span = highest == 31 ? uint.MaxValue : (2u << highest) - 1;
            var first = address & ~span;
            return new WildcardExpansion(AddressSet.Of(new AddressRange(first, first | span)), false, rangeCount);
        }
        var ranges = new List<AddressRange>((int)rangeCount);
        var subset = 0u;
        do
        {
            // Walks every combination of the scattered bits in increasing order (the classic subset-enumeration step).
            ranges.Add(new AddressRange(fixedBits | subset, fixedBits | subset | lowBlock));
            subset = (subset - scattered) & scattered;
        }
        while (subset != 0);
        return new WildcardExpansion(AddressSet.From(ranges), true, rangeCount);
    }

    /// <summary>A subnet mask (ones then zeros) as a range around <paramref name="address"/>; false when not contiguous.</summary>
    public static bool TryApplySubnetMask(uint address, uint mask, out AddressRange range)
    {
        var hostBits = ~mask;
        range = default;
        if ((hostBits & (hostBits + 1)) != 0) return false;
        range = new AddressRange(address & mask, (address & mask) | hostBits);
        return true;
    }
}
