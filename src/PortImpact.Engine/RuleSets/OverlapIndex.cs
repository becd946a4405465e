namespace PortImpact.Engine.RuleSets;

/// <summary>
/// The rules of a chain by what they can overlap, so that lint compares a rule only with the rules that share some
/// packet with it instead of with every rule of the chain. Each of five dimensions of <see cref="MatchBox"/>
/// (protocols, sources, destinations, source ports, destination ports) holds every rule's ranges in it, sorted by where
/// they start, with a tree of the furthest end below each node. Two rules can only overlap if their ranges meet in
/// every dimension, so the rules whose ranges meet the asked box's in one dimension are a superset of those that
/// overlap it; the dimension with the fewest is used, and the caller still tests each candidate exactly.
/// <para>
/// Counting the ranges that meet <c>[a, b]</c> is two binary searches: those starting at or before <c>b</c>, less those
/// ending before <c>a</c> (which all start before <c>a</c> too). A set of many ranges (a complement, a scattered mask) is
/// held as the one range from its lowest to its highest value, a superset that keeps the index as small as the chain.
/// </para>
/// </summary>
internal sealed class OverlapIndex
{
    /// <summary>A set with more ranges than this is indexed (and asked) by the one range spanning it.</summary>
    private const int MaxRangesPerSet = 8;

    private const int Dimensions = 5;

    private readonly Dimension[] _dimensions = new Dimension[Dimensions];

    /// <param name="boxes">Every rule's box, by position in the chain.</param>
    /// <param name="include">The positions to index; the others are never candidates.</param>
    public OverlapIndex(IReadOnlyList<MatchBox> boxes, Func<int, bool> include)
    {
        for (var d = 0; d < Dimensions; d++)
        {
            var ranges = new List<(long First, long Last, int Owner)>();
            var scratch = new List<(long First, long Last)>();
            for (var position = 0; position < boxes.Count; position++)
            {
                if (!include(position) || boxes[position].IsEmpty) continue;
                scratch.Clear();
                Ranges(boxes[position], d, scratch);
                foreach (var (first, last) in scratch) ranges.Add((first, last, position));
            }
            _dimensions[d] = new Dimension(ranges);
        }
    }

    /// <summary>How many indexed ranges the best dimension holds that meet the box: an upper bound on the candidates.</summary>
    public int Estimate(MatchBox box, out int dimension)
    {
        var scratch = new List<(long First, long Last)>();
        var best = int.MaxValue;
        dimension = 0;
        for (var d = 0; d < Dimensions && best > 0; d++)
        {
            scratch.Clear();
            Ranges(box, d, scratch);
            var count = 0L;
            foreach (var (first, last) in scratch) count += _dimensions[d].Count(first, last);
            if (count < best)
            {
                best = (int)Math.Min(count, int.MaxValue);
                dimension = d;
            }
        }
        return best;
    }

    /// <summary>The positions of the rules whose ranges meet the box's in <paramref name="dimension"/>, ascending, each once.</summary>
    public List<int> Candidates(MatchBox box, int dimension)
    {
        var scratch = new List<(long First, long Last)>();
        Ranges(box, dimension, scratch);
        var found = new List<int>();
        foreach (var (first, last) in scratch) _dimensions[dimension].Collect(first, last, found);
        found.Sort();
        var distinct = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (distinct == 0 || found[distinct - 1] != found[i]) found[distinct++] = found[i];
        }
        found.RemoveRange(distinct, found.Count - distinct);
        return found;
    }

    private static void Ranges(MatchBox box, int dimension, List<(long First, long Last)> into)
    {
        switch (dimension)
        {
            case 0: Ports(box.Protocols, into); break;
            case 1: Addresses(box.Sources, into); break;
            case 2: Addresses(box.Destinations, into); break;
            case 3: Ports(box.SourcePorts, into); break;
            default: Ports(box.DestinationPorts, into); break;
        }
    }

    private static void Ports(Core.Ports.PortSet set, List<(long First, long Last)> into)
    {
        var ranges = set.Ranges;
        if (ranges.IsEmpty) return;
        if (ranges.Length > MaxRangesPerSet)
        {
            into.Add((ranges[0].First, ranges[^1].Last));
            return;
        }
        foreach (var range in ranges) into.Add((range.First, range.Last));
    }

    private static void Addresses(Core.Addresses.AddressSet set, List<(long First, long Last)> into)
    {
        var ranges = set.Ranges;
        if (ranges.IsEmpty) return;
        if (ranges.Length > MaxRangesPerSet)
        {
            into.Add((ranges[0].First, ranges[^1].Last));
            return;
        }
        foreach (var range in ranges) into.Add((range.First, range.Last));
    }

    /// <summary>One dimension's ranges sorted by start, their ends sorted apart for counting, and a max-tree of ends for collecting.</summary>
    private sealed class Dimension
    {
        private readonly long[] _firsts;
        private readonly int[] _owners;
        private readonly long[] _lastsSorted;
        private readonly long[] _tree;
        private readonly int _leaves;

        public Dimension(List<(long First, long Last, int Owner)> ranges)
        {
            ranges.Sort((x, y) => x.First.CompareTo(y.First));
            _firsts = [.. ranges.Select(r => r.First)];
            _owners = [.. ranges.Select(r => r.Owner)];
            _lastsSorted = [.. ranges.Select(r => r.Last).Order()];
            _leaves = 1;
            while (_leaves < ranges.Count) _leaves <<= 1;
            _tree = new long[2 * _leaves];
            Array.Fill(_tree, long.MinValue);
            for (var i = 0; i < ranges.Count; i++) _tree[_leaves + i] = ranges[i].Last;
            for (var node = _leaves - 1; node >= 1; node--) _tree[node] = Math.Max(_tree[2 * node], _tree[2 * node + 1]);
        }

        /// <summary>The ranges that meet <c>[first, last]</c>: starting at or before <paramref name="last"/>, not ending before <paramref name="first"/>.</summary>
        public long Count(long first, long last) => StartingAtOrBefore(last) - CountBelow(_lastsSorted, first);

        /// <summary>Adds the owners of the ranges meeting <c>[first, last]</c>, walking only subtrees that hold one (no recursion).</summary>
        public void Collect(long first, long last, List<int> into)
        {
            var limit = StartingAtOrBefore(last);
            if (limit == 0) return;
            var stack = new Stack<(int Node, int Low, int High)>();
            stack.Push((1, 0, _leaves));
            while (stack.Count > 0)
            {
                var (node, low, high) = stack.Pop();
                if (low >= limit || _tree[node] < first) continue;
                if (node >= _leaves)
                {
                    into.Add(_owners[node - _leaves]);
                    continue;
                }
                var middle = (low + high) / 2;
                stack.Push((2 * node + 1, middle, high));
                stack.Push((2 * node, low, middle));
            }
        }

        private int StartingAtOrBefore(long value) => CountBelow(_firsts, value + 1);

        /// <summary>How many of the sorted values are below <paramref name="value"/>.</summary>
        private static int CountBelow(long[] sorted, long value)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (sorted[middle] < value) low = middle + 1;
                else high = middle;
            }
            return low;
        }
    }
}
