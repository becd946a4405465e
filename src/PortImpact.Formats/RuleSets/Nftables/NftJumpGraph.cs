using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Finds the loops of <c>jump</c> and <c>goto</c> between chains: a chain that jumps to itself, or
/// <c>a → b → a</c>. The kernel refuses to load a ruleset whose jumps loop, so a file with one is not what a
/// host runs; each loop is listed on the rule whose jump closes it, as leaving that chain uncertain.
/// <para>
/// Works on finished chains (a jump may name a chain defined further down), by the chain's table and name,
/// so it suits any format whose rules jump (iptables too). A depth-first walk with an explicit stack: a chain
/// of 50,000 jumps is walked without recursion, every chain and rule once.
/// </para>
/// </summary>
internal static class NftJumpGraph
{
    /// <summary>Chains named of a long loop before it is shortened to its length.</summary>
    private const int NamesShown = 4;

    private enum Visit : byte
    {
        NotYet,
        OnPath,
        Done,
    }

    public static List<NotUnderstood> FindCycles(IReadOnlyList<RuleChain> chains)
    {
        var byName = new Dictionary<(string? Table, string Name), int>();
        for (var index = 0; index < chains.Count; index++) byName.TryAdd((chains[index].Table, chains[index].Name), index);
        var visit = new Visit[chains.Count];
        // Where each chain on the current path stands on it, to read a loop off the path when a jump meets it.
        var positionOnPath = new int[chains.Count];
        var path = new List<int>();
        var nextRule = new List<int>();
        var cycles = new List<NotUnderstood>();
        // A verdict map's elements, or th dport's two rules, share the rule's line: one report per line and target.
        var reported = new HashSet<(SourceLocation, int)>();
        for (var start = 0; start < chains.Count; start++)
        {
            if (visit[start] != Visit.NotYet) continue;
            Enter(start);
            while (path.Count > 0)
            {
                var current = path[^1];
                var rules = chains[current].Rules;
                if (nextRule[^1] >= rules.Length)
                {
                    visit[current] = Visit.Done;
                    path.RemoveAt(path.Count - 1);
                    nextRule.RemoveAt(nextRule.Count - 1);
                    continue;
                }
                var rule = rules[nextRule[^1]++];
                if (rule.Verdict is not (RuleVerdict.Jump or RuleVerdict.Goto) || rule.Target is null) continue;
                if (!byName.TryGetValue((chains[current].Table, rule.Target), out var target)) continue;
                if (visit[target] == Visit.NotYet) Enter(target);
                else if (visit[target] == Visit.OnPath && reported.Add((rule.Location, target)))
                {
                    cycles.Add(new NotUnderstood(rule.Location, "jump cycle",
                        $"{Describe(chains, path, positionOnPath[target])}; the kernel refuses a ruleset whose jumps loop", NotUnderstoodEffect.ChainUncertain));
                }
            }
        }
        return cycles;

        void Enter(int chain)
        {
            visit[chain] = Visit.OnPath;
            positionOnPath[chain] = path.Count;
            path.Add(chain);
            nextRule.Add(0);
        }
    }

    /// <summary>
    /// <c>a -> b -> a</c>: the path from where the loop starts, back to its start. A long loop is shown as its
    /// first chains, its length and its last chain, built in constant time: a file may hold many long loops.
    /// </summary>
    private static string Describe(IReadOnlyList<RuleChain> chains, List<int> path, int from)
    {
        var length = path.Count - from;
        var text = new StringBuilder();
        if (length <= NamesShown + 1)
        {
            for (var index = from; index < path.Count; index++) text.Append(Name(chains[path[index]])).Append(" -> ");
        }
        else
        {
            for (var index = from; index < from + NamesShown; index++) text.Append(Name(chains[path[index]])).Append(" -> ");
            text.Append(CultureInfo.InvariantCulture, $"… ({length:N0} chains in all) … -> ").Append(Name(chains[path[^1]])).Append(" -> ");
        }
        return text.Append(Name(chains[path[from]])).ToString();
    }

    private static string Name(RuleChain chain) => InputEcho.Escape(chain.Name);
}
