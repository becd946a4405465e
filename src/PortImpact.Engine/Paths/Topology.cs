using System.Collections.Concurrent;
using System.Collections.Immutable;
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

    public Topology(NetworkModel model)
    {
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

    /// <summary>The links from <paramref name="from"/> to <paramref name="to"/>; null when they are not connected.</summary>
    public ImmutableArray<LinkCrossing>? PathBetween(string from, string to)
    {
        if (from == to) return ImmutableArray<LinkCrossing>.Empty;
        return _paths.GetOrAdd((from, to), key => Search(key.Item1, key.Item2));
    }

    /// <summary>Links from <paramref name="from"/> to every reachable place.</summary>
    public IReadOnlyDictionary<string, int> DistancesFrom(string from) => _distances.GetOrAdd(from, Distances);

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
