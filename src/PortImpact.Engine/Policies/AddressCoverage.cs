using System.Collections.Immutable;
using PortImpact.Core.Addresses;

namespace PortImpact.Engine.Policies;

/// <summary>
/// How much of a flow's address set a rule's address set matches, without allocating: this runs for
/// every candidate rule of every question. An attacker "anywhere on the Internet" is the complement of
/// every modelled subnet, hundreds of ranges, so the common case of a rule with a single range is
/// answered from the flow's bounds and one binary search, not by walking the flow's ranges.
/// </summary>
public static class AddressCoverage
{
    public static Coverage Of(AddressSet rule, AddressSet flow)
    {
        if (rule.IsAny) return Coverage.Full;
        var ruleRanges = rule.Ranges;
        var flowRanges = flow.Ranges;
        if (flowRanges.Length == 0 || ruleRanges.Length == 0) return Coverage.None;
        if (ruleRanges.Length == 1) return OfSingle(ruleRanges[0], flowRanges);

        var anyOverlap = false;
        var allCovered = true;
        foreach (var part in flowRanges)
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

    private static Coverage OfSingle(AddressRange rule, ImmutableArray<AddressRange> flow)
    {
        if (rule.First <= flow[0].First && flow[^1].Last <= rule.Last) return Coverage.Full;
        var i = FirstEndingAtOrAfter(flow, rule.First);
        return i < flow.Length && flow[i].First <= rule.Last ? Coverage.Partial : Coverage.None;
    }

    private static int FirstEndingAtOrAfter(ImmutableArray<AddressRange> ranges, uint address)
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
