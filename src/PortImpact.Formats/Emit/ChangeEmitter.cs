using PortImpact.Core.Model;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Formats.Emit;

/// <summary>
/// Writes a <see cref="ChangeAtPoint"/> as rule text for one target, or refuses with
/// <see cref="EmitRefusedException"/> when the target cannot carry it out exactly (see <see cref="EmitCapabilities"/>).
/// Pure and deterministic: the same change gives the same text.
/// </summary>
public static class ChangeEmitter
{
    public static string Emit(IRuleEmitter target, ChangeAtPoint change, EmitOptions? options = null)
    {
        options ??= EmitOptions.Router;
        var can = target.Capabilities;
        var where = options.OnHost ? "a host firewall" : "a router";
        if (options.OnHost && !can.OnHost)
        {
            throw new EmitRefusedException($"{change.Point}: {target.Id} rules belong on a router interface, not on a host firewall; use {Names(RuleFormats.Emitters.Where(e => e.Capabilities.OnHost))} for {where}");
        }
        if (!options.OnHost && !can.OnRouter)
        {
            throw new EmitRefusedException($"{change.Point}: {target.Id} writes Windows host firewall rules and needs the host (--host); use {Names(RuleFormats.Emitters.Where(e => e.Capabilities.OnRouter))} for {where}");
        }
        if (change.OnHost != options.OnHost)
        {
            // A host's change written into a router's forwarding path, or a point's change into one machine's own
            // input, would filter other traffic than the engine evaluated.
            throw new EmitRefusedException(change.OnHost
                ? $"{change.Point} is a host firewall: give the host's addresses (--host) to write its rules"
                : $"{change.Point} is an enforcement point on a link: its rules filter traffic passing through, not a host's own (leave out --host)");
        }
        if (!options.OnHost && change.Direction != TrafficDirection.Both && !change.Closed.IsEmpty)
        {
            throw new EmitRefusedException($"{change.Point}: the change closes {change.Closed} only {Describe(change.Direction)}, and a router rule "
                + "cannot tell which way a packet crosses without the interface names, which the model does not have; close both ways (--direction both) or apply it by hand per interface");
        }
        if (!options.OnHost && change.Exceptions.FirstOrDefault(e => e.Direction != TrafficDirection.Both && (e.Source.IsAny || e.Destination.IsAny)) is { } oneWay)
        {
            // Between two named address sets a router exception is crossed one way only; with "any" on a side it
            // would also apply the other way, which the engine did not evaluate.
            throw new EmitRefusedException($"{change.Point}: the overlay rule '{oneWay.Label}' applies only {Describe(oneWay.Direction)} and names no addresses on one side; "
                + "a router rule cannot tell the direction without interface names: give it both directions or name both sides");
        }
        return target.Write(change, options);
    }

    private static string Names(IEnumerable<IRuleEmitter> emitters) => string.Join(", ", emitters.Select(e => e.Id));

    /// <summary>The first comment line of every emitted file: what the change is and where.</summary>
    internal static string Summary(ChangeAtPoint change, EmitOptions options)
    {
        var closes = change.Closed.IsEmpty ? "closes no port" : $"close {change.Closed} {Describe(change.Direction, options.OnHost)}";
        var count = change.Exceptions.Length;
        return $"PortImpact: change at {change.Point}: {closes}; {count} overlay rule{(count == 1 ? "" : "s")} ahead of it.";
    }

    internal static string Describe(TrafficDirection direction, bool onHost = false) => direction switch
    {
        TrafficDirection.In => onHost ? "inbound" : "inward",
        TrafficDirection.Out => onHost ? "outbound" : "outward",
        _ => "both ways",
    };
}
