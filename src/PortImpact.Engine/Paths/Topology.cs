using System.Collections.Concurrent;
using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;

namespace PortImpact.Engine.Paths;

/// <summary>One link crossed by a flow, and whether the flow enters the link's inside end.</summary>
public readonly record struct LinkCrossing(Link Link, TrafficDirection Direction);

/// <summary>
/// The graph of places joined by links. Paths are shortest by number of links (breadth-first, ties broken
/// by the order links appear in the model, so results are deterministic).
/// </summary>
public sealed class Topology
{
    private readonly Dictionary<string, List<Link>> _adjacent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), ImmutableArray<LinkCrossing>?> _paths = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, int>> _distances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<string, Link>> _trees = new(StringComparer.Ordinal);

    /// <summary>The model file the topology was read from, for a message about the model as a whole.</summary>
    public string SourceFile { get; }

    private readonly long _crossingLimit;

    public Topology(NetworkModel model, long crossingLimit = CrossingLimit)
    {
        _crossingLimit = crossingLimit;
        SourceFile = model.SourceFile;
        foreach (var place in model.Places)
        {
            _adjacent[place.Name] = [];
        }
        foreach (var link in model.Links)
        {
            _adjacent[link.A].Add(link);
            _adjacent[link.B].Add(link);
        }
    }

    /// <summary>
    /// How many link crossings the paths kept for reuse may hold together. The generated enterprise of the benchmarks
    /// (200 sites) keeps 80,000; every pair of sites along a chain of thousands keeps billions, which is
    /// refused here before it fills the machine's memory.
    /// </summary>
    public const long CrossingLimit = 5_000_000;

    private long _crossingsKept;

    /// <summary>The links from <paramref name="from"/> to <paramref name="to"/>; null when they are not connected.</summary>
    public ImmutableArray<LinkCrossing>? PathBetween(string from, string to)
    {
        if (from == to) return ImmutableArray<LinkCrossing>.Empty;
        return _paths.GetOrAdd((from, to), key =>
        {
            var path = Search(key.Item1, key.Item2);
            if (Interlocked.Add(ref _crossingsKept, path?.Length ?? 0) > _crossingLimit)
            {
                throw new InputException(new SourceLocation(SourceFile, 1, 1), Messages.Format("EngineTooManyCrossings", _crossingLimit));
            }
            return path;
        });
    }

    /// <summary>Links from <paramref name="from"/> to every reachable place.</summary>
    public IReadOnlyDictionary<string, int> DistancesFrom(string from) => _distances.GetOrAdd(from, Distances);

    /// <summary>
    /// Links between two places, or null when they are not connected. Links join places both ways, so one search
    /// answers both directions; it is made from <paramref name="to"/> unless one from <paramref name="from"/> is
    /// at hand. Callers pass the server second: a model has few server places and many client places, and 5,000
    /// sites asking for their domain controller then cost one search, not 5,000 (25 million distances).
    /// </summary>
    public int? Distance(string from, string to)
    {
        if (from == to) return 0;
        var distances = _distances.TryGetValue(from, out var known) ? known : DistancesFrom(to);
        var other = ReferenceEquals(distances, known) ? to : from;
        return distances.TryGetValue(other, out var links) ? links : null;
    }

    private Dictionary<string, int> Distances(string from)
    {
        var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [from] = 0 };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var place = queue.Dequeue();
            foreach (var link in _adjacent[place])
            {
                var next = link.Other(place);
                if (distance.TryAdd(next, distance[place] + 1)) queue.Enqueue(next);
            }
        }
        return distance;
    }

    private ImmutableArray<LinkCrossing>? Search(string from, string to)
    {
        var cameBy = _trees.GetOrAdd(from, Tree);
        if (!cameBy.ContainsKey(to)) return null;
        var crossings = new List<LinkCrossing>();
        var current = to;
        while (current != from)
        {
            var link = cameBy[current];
            crossings.Add(new LinkCrossing(link, link.Inside == current ? TrafficDirection.In : TrafficDirection.Out));
            current = link.Other(current);
        }
        crossings.Reverse();
        return crossings.ToImmutableArray();
    }

    /// <summary>
    /// One breadth-first search from a place gives the shortest path to every other place: the link each
    /// place was first reached by. Searching once per source instead of once per pair is what keeps a
    /// 200-site model's 40,000 place pairs cheap.
    /// </summary>
    private Dictionary<string, Link> Tree(string from)
    {
        var cameBy = new Dictionary<string, Link>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var place = queue.Dequeue();
            foreach (var link in _adjacent[place])
            {
                var next = link.Other(place);
                if (seen.Add(next))
                {
                    cameBy[next] = link;
                    queue.Enqueue(next);
                }
            }
        }
        return cameBy;
    }
}
