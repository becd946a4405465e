using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// One Windows block rule: <see cref="Ports"/> (local ports inbound, remote ports outbound) blocked from or to
/// <see cref="RemoteV4"/>, and every IPv6 address too when <see cref="RemoteV6"/>. <see cref="Exempted"/> names
/// the exceptions whose addresses were left out of it.
/// </summary>
internal sealed record WindowsBlockRule(TrafficDirection Direction, Transport Transport, PortSet Ports, AddressSet RemoteV4, bool RemoteV6, ImmutableArray<string> Exempted)
{
    public bool BlocksEveryone => RemoteV4.IsAny && RemoteV6;
}

/// <summary>
/// On Windows a block rule beats every allow rule, so an exception cannot be an allow rule placed ahead of the
/// closure. Instead the change is turned into the exact set it blocks: per port, the remote addresses that the
/// first-match walk of the change layer ends at a deny for. Ports with the same blocked addresses form one cell,
/// and each (direction, transport, cell) becomes one block rule whose remote addresses are that set, i.e. the
/// complement of the exempt addresses. Traffic no block rule matches goes on to the host's existing rules.
/// This needs every rule's local side to hold the whole host or none of it; otherwise the change is refused.
/// </summary>
internal static class WindowsBlockPlan
{
    public static IReadOnlyList<WindowsBlockRule> Of(ChangeAtPoint change, AddressSet host)
    {
        var plan = new List<WindowsBlockRule>();
        foreach (var direction in ChangeLayer.HostDirections(change))
        {
            var rules = ChangeLayer.ForHost(change, direction).Where(r => AppliesToHost(change, r, direction, host)).ToList();
            foreach (var transport in TransportNames.All)
            {
                plan.AddRange(Cells(rules, direction, transport));
            }
        }
        return plan;
    }

    private static bool AppliesToHost(ChangeAtPoint change, LayerRule rule, TrafficDirection direction, AddressSet host)
    {
        var local = direction == TrafficDirection.In ? rule.Destination : rule.Source;
        return local.Cover(host) switch
        {
            Coverage.Full => true,
            Coverage.None => false,
            _ => throw new EmitRefusedException($"{change.Point}: '{rule.Label}' names only some of the host's addresses ({local.Intersect(host)} of {host}) "
                + $"on its {(direction == TrafficDirection.In ? "destination" : "source")} side; Windows block rules carry exceptions out through remote "
                + "addresses alone, so this one cannot be written exactly. Split the host group, or use iptables or nft"),
        };
    }

    private static IEnumerable<WindowsBlockRule> Cells(IReadOnlyList<LayerRule> rules, TrafficDirection direction, Transport transport)
    {
        // Every port between two consecutive boundaries is matched by the same rules, so one walk decides it.
        var boundaries = new SortedSet<int>();
        foreach (var rule in rules)
        {
            foreach (var range in rule.Ports[transport].Ranges)
            {
                boundaries.Add(range.First);
                boundaries.Add(range.Last + 1);
            }
        }
        var cells = new List<(AddressSet V4, bool V6, List<PortRange> Ports, SortedSet<int> Exempting)>();
        var starts = boundaries.ToList();
        for (var i = 0; i + 1 < starts.Count; i++)
        {
            var port = starts[i];
            var (v4, v6, exempting) = Walk(rules, direction, transport, port);
            if (v4.IsEmpty && !v6) continue;
            var segment = new PortRange(port, starts[i + 1] - 1);
            var cell = cells.FindIndex(c => c.V4.Equals(v4) && c.V6 == v6);
            if (cell < 0)
            {
                cells.Add((v4, v6, [segment], exempting));
            }
            else
            {
                cells[cell].Ports.Add(segment);
                cells[cell].Exempting.UnionWith(exempting);
            }
        }
        return cells.Select(c => new WindowsBlockRule(direction, transport, PortSet.From(c.Ports), c.V4, c.V6,
            [.. c.Exempting.Select(index => rules[index].Label)]));
    }

    /// <summary>
    /// The first-match walk for one port: the remote addresses that end at a deny, and the permits that took
    /// addresses away before the deny. A rule that names no address (any) matches IPv6 as well; the model's
    /// addresses are IPv4, so any other rule leaves IPv6 to the rules after it.
    /// </summary>
    private static (AddressSet V4, bool V6, SortedSet<int> Exempting) Walk(IReadOnlyList<LayerRule> rules, TrafficDirection direction, Transport transport, int port)
    {
        var remaining = AddressSet.Any;
        var remainingV6 = true;
        var denied = AddressSet.Empty;
        var deniedV6 = false;
        var exempting = new SortedSet<int>();
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            if (!rule.Ports[transport].Contains(port)) continue;
            var remote = direction == TrafficDirection.In ? rule.Source : rule.Destination;
            var matched = remote.Intersect(remaining);
            var matchedV6 = remote.IsAny && remainingV6;
            if (matched.IsEmpty && !matchedV6) continue;
            if (rule.Action == RuleAction.Deny)
            {
                denied = denied.Union(matched);
                deniedV6 |= matchedV6;
            }
            else
            {
                exempting.Add(index);
            }
            remaining = remaining.Except(matched);
            remainingV6 &= !matchedV6;
        }
        return (denied, deniedV6, exempting);
    }
}
