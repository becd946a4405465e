using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// An <c>nft -f</c> script: a table of its own whose base chains hook in at priority -10, ahead of the
/// existing rules. Exceptions <c>accept</c>, which in nftables ends only this base chain: the packet goes on
/// to the next base chain on the hook, the existing rules, exactly as the engine's layer hands it on.
/// </summary>
internal static class NftEmitter
{
    private const string Table = "inet portimpact";

    public static string Emit(ChangeAtPoint change, EmitOptions options)
    {
        var chains = options.OnHost
            ? ChangeLayer.HostDirections(change).Select(d => d == TrafficDirection.In
                ? (Name: "input", Rules: ChangeLayer.ForHost(change, d))
                : (Name: "output", Rules: ChangeLayer.ForHost(change, d))).ToList()
            : [(Name: "forward", Rules: ChangeLayer.ForRouter(change))];

        var text = new ScriptText("#");
        text.Line("#!/usr/sbin/nft -f");
        text.Comment(ChangeEmitter.Summary(change, options));
        text.Comment($"Load with: nft -f FILE. Loading again replaces the table. Remove the change with: nft delete table {Table}");
        text.Comment("The change is a table of its own whose base chains run at priority -10, ahead of the existing rules (priority filter, 0).");
        text.Comment("In nftables an accept ends only the base chain it is in: the packet then goes on to the next base chain on the same");
        text.Comment("hook, i.e. to the existing rules. So an exception (accept) exempts traffic from the change and never opens what the");
        text.Comment("existing rules deny, while a drop is final. Packets of connections already established pass on: the change stops");
        text.Comment("new connections, as the engine evaluates flows. The closure drops IPv6 too; exceptions name the model's IPv4 addresses.");
        if (options.OnHost) text.Comment("Loopback passes on too: the change is about traffic between hosts, which never crosses lo.");
        if (chains.Count == 0) text.Comment("Nothing to drop on this host: the table stays empty.");
        // Declaring the table first makes the delete succeed when it does not exist yet, so the file reloads.
        text.Line($"table {Table} {{}}");
        text.Line($"delete table {Table}");
        text.Line($"table {Table} {{");
        foreach (var (name, rules) in chains)
        {
            text.Line($"\tchain {name} {{");
            text.Line($"\t\ttype filter hook {name} priority -10; policy accept;");
            text.Line("\t\tct state established accept");
            if (options.OnHost) text.Line($"\t\t{(name == "input" ? "iifname" : "oifname")} \"lo\" accept");
            foreach (var rule in rules) WriteRule(text, rule);
            text.Line("\t}");
        }
        text.Line("}");
        return text.ToString();
    }

    private static void WriteRule(ScriptText text, LayerRule rule)
    {
        var addresses = (rule.Source.IsAny ? "" : $"ip saddr {Set(rule.Source)} ")
            + (rule.Destination.IsAny ? "" : $"ip daddr {Set(rule.Destination)} ");
        var verdict = rule.Action == RuleAction.Permit ? "accept" : "drop";
        foreach (var transport in TransportNames.All)
        {
            var ports = rule.Ports[transport];
            if (ports.IsEmpty) continue;
            var match = ports.Equals(PortSet.All) ? $"meta l4proto {transport.ToId()}" : $"{transport.ToId()} dport {Set(ports)}";
            text.Line($"\t\t{addresses}{match} {verdict} comment \"{ScriptText.Safe(rule.Label)}\"");
        }
    }

    /// <summary>One element bare, several as an anonymous set; nftables takes prefixes and ranges in both.</summary>
    private static string Set(AddressSet addresses) => Set(addresses.Ranges.Select(r => r.ToString()).ToList());

    private static string Set(PortSet ports) => Set(ports.Ranges.Select(r => r.ToString()).ToList());

    private static string Set(IReadOnlyList<string> elements) => elements.Count == 1 ? elements[0] : $"{{ {string.Join(", ", elements)} }}";
}
