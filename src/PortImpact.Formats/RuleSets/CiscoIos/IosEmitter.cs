using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Policies;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>
/// A Cisco IOS extended named ACL: exceptions <c>permit</c>, the closure <c>deny</c>, then <c>permit ip any any</c>.
/// An IOS permit is final and an interface takes one ACL per direction, so where the interface already has
/// an ACL these lines go at its top and each exception also skips that ACL's later denies. That would open
/// what the device denies today, so an exception that overlaps anything the baseline denies is refused.
/// </summary>
internal static class IosEmitter
{
    public static string Emit(ChangeAtPoint change, EmitOptions options)
    {
        if (options.Baseline is { } baseline) RefuseExceptionsOverDenies(change, baseline);
        var name = $"PORTIMPACT-{change.Point.ToUpperInvariant()}";
        var text = new ScriptText("!");
        text.Comment(ChangeEmitter.Summary(change, options));
        text.Comment($"Apply inbound on every interface of {change.Point} by which the link's traffic enters:");
        text.Comment($"  interface NAME / ip access-group {name} in");
        text.Comment("An IOS permit is final: it skips every later line. An interface takes one ACL per direction, so if it already");
        text.Comment("has one, put these lines at its top instead, without the last \"permit ip any any\": each permit below then also");
        text.Comment("skips that ACL's own denies. " + (options.Baseline is null
            ? "No baseline was given, so that was not checked: check it before merging."
            : "The baseline given was checked: no exception below overlaps what it denies."));
        text.Comment($"To load it again, remove the old list first: no ip access-list extended {name}");
        if (change.Closed.Tcp.Ranges.Concat(change.Closed.Udp.Ranges).Any(r => r.Last >= 1024))
        {
            text.Comment("IOS ACLs are stateless: a closed port from 1024 up also drops replies to clients that use it as their source");
            text.Comment("port (Windows clients use 49152-65535). Consider a zone-based firewall, or closing those ports on the hosts.");
        }
        text.Line($"ip access-list extended {name}");
        foreach (var rule in ChangeLayer.ForRouter(change))
        {
            if (!rule.IsClosure) text.Line($" remark {ScriptText.Safe(rule.Label)}");
            WriteRule(text, rule);
        }
        text.Line(" permit ip any any");
        return text.ToString();
    }

    private static void WriteRule(ScriptText text, LayerRule rule)
    {
        var verdict = rule.Action == RuleAction.Permit ? "permit" : "deny";
        var sources = Endpoints(rule.Source);
        var destinations = Endpoints(rule.Destination);
        foreach (var transport in TransportNames.All)
        {
            var ports = rule.Ports[transport];
            if (ports.IsEmpty) continue;
            var portClauses = ports.Equals(PortSet.All) ? [""] : ports.Ranges.Select(PortClause).ToList();
            foreach (var source in sources)
            {
                foreach (var destination in destinations)
                {
                    foreach (var port in portClauses)
                    {
                        text.Line($" {verdict} {transport.ToId()} {source} {destination}{port}");
                    }
                }
            }
        }
    }

    /// <summary><c>any</c>, <c>host A.B.C.D</c> or <c>A.B.C.D WILDCARD</c>, one per CIDR block of the set.</summary>
    private static IReadOnlyList<string> Endpoints(AddressSet addresses) => addresses.IsAny
        ? ["any"]
        : [.. AddressPrefixes.Of(addresses).Select(p => p.Length == 32
            ? $"host {AddressRange.FormatAddress(p.Network)}"
            : $"{AddressRange.FormatAddress(p.Network)} {AddressRange.FormatAddress(p.Wildcard)}")];

    private static string PortClause(PortRange range) => range.First == range.Last ? $" eq {range.First}" : $" range {range.First} {range.Last}";

    /// <summary>
    /// Refuses when some traffic an exception exempts is denied by the device's own policy, evaluated with the
    /// engine's own first-match semantics in every direction the exception applies to.
    /// </summary>
    private static void RefuseExceptionsOverDenies(ChangeAtPoint change, Policy baseline)
    {
        var compiled = new CompiledPolicy(baseline);
        foreach (var exception in change.Exceptions.Where(e => e.Action == RuleAction.Permit))
        {
            var directions = exception.Direction == TrafficDirection.Both ? new[] { TrafficDirection.In, TrafficDirection.Out } : [exception.Direction];
            foreach (var direction in directions)
            {
                foreach (var transport in TransportNames.All)
                {
                    var ports = exception.Ports[transport];
                    if (ports.IsEmpty || exception.Source.IsEmpty || exception.Destination.IsEmpty) continue;
                    var decision = compiled.Decide(direction, exception.Source, exception.Destination, transport, ports);
                    var denied = decision.Denied.Union(decision.Mixed);
                    if (denied.IsEmpty) continue;
                    throw new EmitRefusedException($"{change.Point}: exception '{exception.Label}' ({transport.ToId()}/{ports} from {exception.Source} to {exception.Destination}) "
                        + $"overlaps what {change.Point}'s own rules deny ({transport.ToId()}/{denied}, {ChangeEmitter.Describe(direction)}); an IOS permit is final, "
                        + "so merged ahead of that ACL it would open what the device denies today. Narrow the exception, or carry the change out with iptables or nft, "
                        + "whose exceptions hand traffic on to the existing rules");
                }
            }
        }
    }
}
