using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.Iptables;

/// <summary>
/// <c>iptables-restore --noflush</c> input. The change is a user chain of its own that the built-in chain
/// jumps to first: exceptions <c>-j RETURN</c> (back to the existing rules), the closure <c>-j DROP</c>, and
/// whatever reaches the end of the chain returns to the existing rules as well. Exactly the engine's layer.
/// </summary>
internal static class IptablesEmitter
{
    /// <summary>The multiport match takes at most 15 ports, and a range counts as two.</summary>
    internal const int MultiportCapacity = 15;

    private sealed record Chain(string Name, string BuiltIn, IReadOnlyList<LayerRule> Rules);

    public static string Emit(ChangeAtPoint change, EmitOptions options)
    {
        var chains = options.OnHost
            ? ChangeLayer.HostDirections(change).Select(d => d == TrafficDirection.In
                ? new Chain("PORTIMPACT-IN", "INPUT", ChangeLayer.ForHost(change, d))
                : new Chain("PORTIMPACT-OUT", "OUTPUT", ChangeLayer.ForHost(change, d))).ToList()
            : [new Chain("PORTIMPACT", "FORWARD", ChangeLayer.ForRouter(change))];

        var text = new ScriptText("#");
        text.Comment(ChangeEmitter.Summary(change, options));
        text.Comment("Load with: iptables-restore --noflush < FILE. IPv4 only: ip6tables filters IPv6, which the model does not describe.");
        text.Comment("The change is a chain of its own that is jumped to first. -j RETURN exempts traffic from the change and hands it");
        text.Comment("to the existing rules, -j DROP carries out the closure, and what reaches the end of the chain returns to them too.");
        text.Comment("Packets of connections already established pass on: the change stops new connections, as the engine evaluates flows.");
        if (options.OnHost) text.Comment("Loopback passes on too: the change is about traffic between hosts, which never crosses lo.");
        if (chains.Count == 0)
        {
            text.Comment("Nothing to do: no part of this change drops traffic on this host.");
            // An empty table section: iptables-restore --noflush accepts it and changes nothing, and the file still reads as rules.
            text.Line("*filter");
            text.Line("COMMIT");
            return text.ToString();
        }
        text.Comment("Loading again empties and refills the chains but adds another (harmless) jump. To remove the change:");
        foreach (var chain in chains)
        {
            text.Comment($"  iptables -D {chain.BuiltIn} -j {chain.Name}; iptables -F {chain.Name}; iptables -X {chain.Name}");
        }
        text.Line("*filter");
        foreach (var chain in chains) text.Line($":{chain.Name} - [0:0]");
        foreach (var chain in chains) text.Line($"-I {chain.BuiltIn} 1 -j {chain.Name}");
        foreach (var chain in chains)
        {
            text.Line($"-A {chain.Name} -m conntrack --ctstate ESTABLISHED -j RETURN");
            if (options.OnHost) text.Line($"-A {chain.Name} {(chain.BuiltIn == "INPUT" ? "-i" : "-o")} lo -j RETURN");
            foreach (var rule in chain.Rules) WriteRule(text, chain.Name, rule);
        }
        text.Line("COMMIT");
        return text.ToString();
    }

    private static void WriteRule(ScriptText text, string chain, LayerRule rule)
    {
        var addresses = (rule.Source.IsAny ? "" : $" -s {string.Join(",", AddressPrefixes.Of(rule.Source))}")
            + (rule.Destination.IsAny ? "" : $" -d {string.Join(",", AddressPrefixes.Of(rule.Destination))}");
        var verdict = rule.Action == RuleAction.Permit ? "RETURN" : "DROP";
        var comment = $" -m comment --comment \"{ScriptText.Safe(rule.Label)}\"";
        foreach (var transport in TransportNames.All)
        {
            var ports = rule.Ports[transport];
            if (ports.IsEmpty) continue;
            foreach (var match in PortMatches(ports))
            {
                text.Line($"-A {chain}{addresses} -p {transport.ToId()}{match}{comment} -j {verdict}");
            }
        }
    }

    /// <summary>
    /// The port matches whose union is exactly <paramref name="ports"/>: none for every port, <c>--dport</c>
    /// for one port or range, otherwise multiport matches filled up to <see cref="MultiportCapacity"/>.
    /// </summary>
    internal static IEnumerable<string> PortMatches(PortSet ports)
    {
        if (ports.Equals(PortSet.All))
        {
            yield return "";
            yield break;
        }
        foreach (var chunk in Chunks(ports))
        {
            yield return chunk.Count == 1
                ? $" --dport {Format(chunk[0])}"
                : $" -m multiport --dports {string.Join(",", chunk.Select(Format))}";
        }
    }

    internal static IEnumerable<IReadOnlyList<PortRange>> Chunks(PortSet ports)
    {
        var chunk = new List<PortRange>();
        var used = 0;
        foreach (var range in ports.Ranges)
        {
            var cost = range.First == range.Last ? 1 : 2;
            if (used + cost > MultiportCapacity)
            {
                yield return chunk;
                chunk = [];
                used = 0;
            }
            chunk.Add(range);
            used += cost;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private static string Format(PortRange range) => range.First == range.Last ? $"{range.First}" : $"{range.First}:{range.Last}";
}
