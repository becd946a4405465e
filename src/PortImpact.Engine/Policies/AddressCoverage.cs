using PortImpact.Core.Addresses;

namespace PortImpact.Engine.Policies;

/// <summary>
/// How much of a flow's address set a rule's address set matches, without allocating: this runs for
/// every candidate rule of every question.
/// </summary>
public static class AddressCoverage
{
    public static Coverage Of(AddressSet rule, AddressSet flow)
    {
        if (rule.IsAny) return Coverage.Full;
        var anyOverlap = false;
        var allCovered = true;
        var ruleRanges = rule.Ranges;
        foreach (var part in flow.Ranges)
        {
            var covered = false;
            var i = FirstEndingAtOrAfter(ruleRanges, part.First);
            for (; i < ruleRanges.Length && ruleRanges[i].First <= part.Last; i++)
            {
                anyOverlap = true;
                // Normalised ranges are never adjacent, so a contiguous part is covered only by a single range.
                if (ruleRanges[i].Contains(part)) covered = true;
            }
            if (!covered) allCovered = false;
        }
        return !anyOverlap ? Coverage.None : allCovered ? Coverage.Full : Coverage.Partial;
    }

    private static int FirstEndingAtOrAfter(System.Collections.Immutable.ImmutableArray<AddressRange> ranges, uint address)
    {
        int lo = 0, hi = ranges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (ranges[mid].Last < address) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
