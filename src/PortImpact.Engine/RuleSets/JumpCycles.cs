using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>
/// Finds the loops among a rule set's jumps and gotos (<see cref="RuleVerdict.Jump"/>, <see cref="RuleVerdict.Goto"/>
/// with a <see cref="ImportedRule.Target"/>), which netfilter refuses to load: <c>iptables-restore</c> and <c>nft -f</c>
/// fail with a loop error, so a file holding one was never the ruleset a kernel ran. A reader calls this once its rule
/// set is finished and lists what it returns; the walk itself (<see cref="RuleSetEvaluator"/>) stops a path that
/// comes back into a chain it is in, whether or not the reader reported the loop.
/// <para>
/// A jump's target is the chain of that name in the jumping chain's own table (<see cref="RuleChain.Table"/>; the first
/// such chain, as the evaluator takes it); a target the rule set does not hold is no edge. The search is Tarjan's
/// strongly connected components with an explicit stack (a chain of 50,000 nested jumps must not exhaust the thread's
/// stack) and linear in chains plus rules. Each group of chains that can reach each other again (and each chain that
/// jumps to itself) gives one entry, at the jump in that group that comes first in the file, naming one loop through
/// it and how many other chains share the loop.
/// </para>
/// </summary>
public static class JumpCycles
{
    /// <summary>The construct of the entries <see cref="Find"/> returns.</summary>
    public const string Construct = "jump cycle";

    /// <summary>Chains named in full in a loop's text; a longer loop shows its start and end around a count.</summary>
    private const int MaxNamed = 8;

    /// <summary>
    /// One <see cref="NotUnderstood"/> (construct <see cref="Construct"/>, effect <see cref="NotUnderstoodEffect.ChainUncertain"/>)
    /// per loop of jumps, at the jump's location, in file order; empty when the jumps form no loop.
    /// </summary>
    public static ImmutableArray<NotUnderstood> Find(RuleSet ruleSet)
    {
        var chains = ruleSet.Chains;
        var byName = new Dictionary<(string Name, string? Table), int>();
        for (var i = 0; i < chains.Length; i++)
        {
            byName.TryAdd((chains[i].Name, chains[i].Table), i);
        }
        // The edges of chain i: (target chain, the rule that jumps), in rule order.
        var edges = new List<(int Target, ImportedRule Rule)>[chains.Length];
        for (var i = 0; i < chains.Length; i++)
        {
            edges[i] = [];
            foreach (var rule in chains[i].Rules)
            {
                if (rule.Verdict is RuleVerdict.Jump or RuleVerdict.Goto && rule.Target is { } target
                    && byName.TryGetValue((target, chains[i].Table), out var to))
                {
                    edges[i].Add((to, rule));
                }
            }
        }
        var components = StronglyConnected(edges);
        var found = new List<NotUnderstood>();
        foreach (var component in components)
        {
            if (Loop(chains, edges, component) is { } entry) found.Add(entry);
        }
        return [.. found.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)];
    }

    /// <summary>The rule set with <see cref="Find"/>'s entries added to its not-understood list, kept in line order.</summary>
    public static RuleSet Annotate(RuleSet ruleSet)
    {
        var loops = Find(ruleSet);
        if (loops.IsEmpty) return ruleSet;
        return ruleSet with
        {
            NotUnderstood = [.. ruleSet.NotUnderstood.Concat(loops).OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)],
        };
    }

    /// <summary>The entry for one component, or null when it holds no loop (one chain that does not jump to itself).</summary>
    private static NotUnderstood? Loop(ImmutableArray<RuleChain> chains, List<(int Target, ImportedRule Rule)>[] edges, List<int> component)
    {
        var members = component.ToHashSet();
        // The jump inside the component that comes first in the file: where a reader of the file meets the loop.
        (int From, int To, ImportedRule Rule)? first = null;
        foreach (var from in component)
        {
            foreach (var (to, rule) in edges[from])
            {
                if (!members.Contains(to)) continue;
                if (first is null || Before(rule.Location, first.Value.Rule.Location)) first = (from, to, rule);
            }
        }
        if (first is not { } start) return null;
        var path = PathWithin(edges, members, start.To, start.From);
        var loop = new List<int> { start.From };
        loop.AddRange(path);
        loop.Add(start.From);
        var others = members.Count - (loop.Count - 1);
        var text = new StringBuilder(Names(chains, loop));
        text.Append("; the kernel refuses a ruleset whose jumps loop");
        if (others > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({others} more chain{(others == 1 ? "" : "s")} jump{(others == 1 ? "s" : "")} in the same loop)");
        }
        return new NotUnderstood(start.Rule.Location, Construct, text.ToString(), NotUnderstoodEffect.ChainUncertain);
    }

    private static bool Before(SourceLocation a, SourceLocation b) => a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);

    /// <summary>The shortest way from <paramref name="from"/> to <paramref name="to"/> inside the component (breadth first), both ends included.</summary>
    private static List<int> PathWithin(List<(int Target, ImportedRule Rule)>[] edges, HashSet<int> members, int from, int to)
    {
        var previous = new Dictionary<int, int> { [from] = from };
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.Count > 0 && !previous.ContainsKey(to))
        {
            var at = queue.Dequeue();
            foreach (var (next, _) in edges[at])
            {
                if (members.Contains(next) && previous.TryAdd(next, at)) queue.Enqueue(next);
            }
        }
        var path = new List<int>();
        // In a strongly connected component every member reaches every other: the walk back always ends at "from".
        for (var at = to; ; at = previous[at])
        {
            path.Add(at);
            if (at == from) break;
        }
        path.Reverse();
        // "from" is the first chain after the loop's start; "to" is the start itself, which the caller adds.
        path.RemoveAt(path.Count - 1);
        return path;
    }

    private static string Names(ImmutableArray<RuleChain> chains, List<int> loop)
    {
        IEnumerable<string> Escaped(IEnumerable<int> indices) => indices.Select(i => InputEcho.Escape(chains[i].Name));
        if (loop.Count <= MaxNamed) return string.Join(" -> ", Escaped(loop));
        var head = Escaped(loop.Take(MaxNamed / 2));
        var tail = Escaped(loop.Skip(loop.Count - MaxNamed / 2));
        var skipped = loop.Count - MaxNamed;
        return $"{string.Join(" -> ", head)} -> … ({skipped.ToString("N0", CultureInfo.InvariantCulture)} more) … -> {string.Join(" -> ", tail)}";
    }

    /// <summary>Tarjan's algorithm without recursion: each frame is a chain and how far through its edges the search is.</summary>
    private static List<List<int>> StronglyConnected(List<(int Target, ImportedRule Rule)>[] edges)
    {
        var count = edges.Length;
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<List<int>>();
        var next = 0;
        var frames = new Stack<(int Node, int Edge)>();
        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0) continue;
            frames.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack[root] = true;
            while (frames.Count > 0)
            {
                var (node, edge) = frames.Pop();
                if (edge < edges[node].Count)
                {
                    frames.Push((node, edge + 1));
                    var target = edges[node][edge].Target;
                    if (index[target] < 0)
                    {
                        index[target] = low[target] = next++;
                        stack.Push(target);
                        onStack[target] = true;
                        frames.Push((target, 0));
                    }
                    else if (onStack[target])
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }
                    continue;
                }
                // Every edge followed: pass the low link up to the caller, and close the component at its root.
                if (frames.Count > 0)
                {
                    var caller = frames.Peek().Node;
                    low[caller] = Math.Min(low[caller], low[node]);
                }
                if (low[node] != index[node]) continue;
                var component = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }
        return components;
    }
}
