using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.Emit;

namespace PortImpact.Formats.Tests.Emit;

/// <summary>A flow the round trip asks about, where it is asked (netfilter hook) and which way the engine sees it cross.</summary>
internal sealed record RoundTripFlow(Flow Flow, TrafficDirection Direction, string Hook)
{
    public Transport Transport => Flow.Protocol == ProtocolSet.Tcp ? Transport.Tcp : Transport.Udp;

    public override string ToString() => $"{Flow} ({Hook}, engine direction {Direction})";
}

/// <summary>
/// Random changes, baselines and flows for <see cref="EmitImportRoundTripTests"/>, all drawn from one seeded
/// <see cref="Random"/> so that a seed reproduces a case exactly.
/// </summary>
internal sealed class RoundTripGenerator
{
    private static readonly PortSet Worm = PortSet.From([new PortRange(135, 135), new PortRange(137, 139), new PortRange(445, 445)]);

    private static readonly string[] Labels =
    [
        "E1", "allow DC replication", "exception \"quoted\" it's", "back\\slash 100% `tick`", "semi; colon # hash { brace } ! bang",
        "remark-like: permit ip any any", "日本語のラベル", "  padded  ", new string('x', 140),
    ];

    private static readonly string[] PointNames = ["router", "wan-fw", "hq_branch", "Edge1", "site2.fw"];

    private readonly Random _rng;
    private readonly List<uint> _anchors = [];

    public RoundTripGenerator(int seed)
    {
        _rng = new Random(seed);
        for (var i = 0; i < 3; i++) _anchors.Add(0x0A000000u | (uint)_rng.Next(0, 1 << 24));
        _anchors.Add(RandomAddress());
    }

    private bool Chance(double p) => _rng.NextDouble() < p;

    private uint RandomAddress() => (uint)_rng.NextInt64(0, 1L << 32);

    /// <summary>Mostly near addresses already used, so that prefixes nest and overlap.</summary>
    private uint Address()
    {
        var roll = _rng.NextDouble();
        if (roll < 0.6)
        {
            var anchor = _anchors[_rng.Next(_anchors.Count)];
            var bits = _rng.Next(0, 17);
            return anchor ^ (uint)_rng.NextInt64(0, 1L << bits);
        }
        return roll < 0.8 ? 0x0A000000u | (uint)_rng.Next(0, 1 << 24) : RandomAddress();
    }

    private static AddressRange PrefixAround(uint address, int length)
    {
        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        return new AddressRange(address & mask, (address & mask) | ~mask);
    }

    private AddressRange RandomPrefix() => PrefixAround(Address(), _rng.Next(8, 33));

    private AddressSet Addresses()
    {
        var roll = _rng.NextDouble();
        var set = roll switch
        {
            < 0.15 => AddressSet.Any,
            < 0.50 => AddressSet.Of(RandomPrefix()),
            < 0.68 => AddressSet.Of(AddressRange.Single(Address())),
            < 0.82 => AddressSet.Of(RandomPrefix(), RandomPrefix(), AddressRange.Single(Address())),
            < 0.94 => ArbitraryRange(),
            _ => Chance(0.5)
                ? AddressSet.Of(new AddressRange(0, (uint)_rng.NextInt64(0, 1L << 32)))
                : AddressSet.Of(new AddressRange((uint)_rng.NextInt64(0, 1L << 32), uint.MaxValue)),
        };
        foreach (var range in set.Ranges) _anchors.Add(range.First);
        return set;
    }

    /// <summary>A range that is no prefix, which the emitters split into prefixes (iptables, IOS) or write as a range (nft).</summary>
    private AddressSet ArbitraryRange()
    {
        var first = Address();
        var last = (uint)Math.Min(uint.MaxValue, (ulong)first + (ulong)_rng.Next(1, 5000));
        return AddressSet.Of(new AddressRange(first, last));
    }

    private int Port()
    {
        var roll = _rng.NextDouble();
        return roll switch
        {
            < 0.05 => 0,
            < 0.10 => PortRange.MaxPort,
            < 0.45 => _rng.Next(1, 1024),
            < 0.70 => _rng.Next(49152, 65536),
            _ => _rng.Next(0, 65536),
        };
    }

    private PortRange PortRangeOrSingle()
    {
        var first = Port();
        if (Chance(0.5)) return PortRange.Single(first);
        var last = Math.Min(PortRange.MaxPort, first + (Chance(0.5) ? _rng.Next(1, 10) : _rng.Next(1, 20000)));
        return new PortRange(first, last);
    }

    private PortSet Ports()
    {
        var roll = _rng.NextDouble();
        return roll switch
        {
            < 0.15 => Worm,
            < 0.25 => PortSet.Range(1, PortRange.MaxPort),
            < 0.30 => PortSet.All,
            // More than one multiport match holds (fifteen ports, a range counting two).
            < 0.40 => PortSet.From(Enumerable.Range(0, _rng.Next(14, 26)).Select(_ => Chance(0.3) ? PortRangeOrSingle() : PortRange.Single(Port()))),
            _ => PortSet.From(Enumerable.Range(0, _rng.Next(1, 5)).Select(_ => PortRangeOrSingle())),
        };
    }

    /// <summary>A piece of <paramref name="of"/>: one sub-range of one of its ranges, or some of its ranges.</summary>
    private PortSet SubsetOf(PortSet of)
    {
        if (of.IsEmpty) return Ports();
        if (Chance(0.5))
        {
            var range = of.Ranges[_rng.Next(of.Ranges.Length)];
            var first = _rng.Next(range.First, range.Last + 1);
            var last = Chance(0.4) ? first : _rng.Next(first, Math.Min(range.Last, first + 3000) + 1);
            return PortSet.Range(first, last);
        }
        var kept = of.Ranges.Where(_ => Chance(0.5)).ToList();
        return kept.Count == 0 ? PortSet.From([of.Ranges[0]]) : PortSet.From(kept);
    }

    public PortSelection Closure()
    {
        var roll = _rng.NextDouble();
        return roll switch
        {
            < 0.40 => PortSelection.Both(Ports()),
            < 0.60 => PortSelection.Of(Transport.Tcp, Ports()),
            < 0.80 => PortSelection.Of(Transport.Udp, Ports()),
            < 0.95 => new PortSelection(Ports(), Ports()),
            _ => PortSelection.None,
        };
    }

    private PortSelection ExceptionPorts(PortSelection closed)
    {
        PortSet Pick(Transport transport) => Chance(0.1) ? PortSet.All : Chance(0.55) ? SubsetOf(closed[transport]) : Ports();
        var roll = _rng.NextDouble();
        return roll switch
        {
            < 0.35 => PortSelection.Of(Transport.Tcp, Pick(Transport.Tcp)),
            < 0.60 => PortSelection.Of(Transport.Udp, Pick(Transport.Udp)),
            < 0.80 => PortSelection.Both(Pick(Chance(0.5) ? Transport.Tcp : Transport.Udp)),
            _ => new PortSelection(Pick(Transport.Tcp), Pick(Transport.Udp)),
        };
    }

    private FirewallRule Exception(int index, PortSelection closed, AddressSet source, AddressSet destination, TrafficDirection direction)
    {
        var action = Chance(0.8) ? RuleAction.Permit : RuleAction.Deny;
        var label = Chance(0.6) ? $"exception {index + 1}" : Labels[_rng.Next(Labels.Length)];
        return new FirewallRule(action, ExceptionPorts(closed), source, destination, direction, label, null);
    }

    /// <summary>An enforcement point on a link: closed both ways, exceptions of any addresses.</summary>
    public ChangeAtPoint RouterChange()
    {
        var closed = Closure();
        var exceptions = Enumerable.Range(0, _rng.Next(0, 6))
            .Select(i => Exception(i, closed, Addresses(), Addresses(), TrafficDirection.Both))
            .ToImmutableArray();
        return new ChangeAtPoint(PointNames[_rng.Next(PointNames.Length)], closed, TrafficDirection.Both, exceptions);
    }

    /// <summary>
    /// A host firewall closed inbound (sometimes both ways), its exceptions mostly inbound with a destination that
    /// covers (some of) the host's addresses, some both ways or outbound with the host on their source side.
    /// </summary>
    public (ChangeAtPoint Change, AddressSet Host) HostChange()
    {
        var first = Address();
        _anchors.Add(first);
        var host = _rng.NextDouble() switch
        {
            < 0.7 => AddressSet.Of(AddressRange.Single(first)),
            < 0.85 => AddressSet.Of(new AddressRange(first, (uint)Math.Min(uint.MaxValue, (ulong)first + (ulong)_rng.Next(1, 4)))),
            _ => AddressSet.Of(AddressRange.Single(first), AddressRange.Single(Address())),
        };
        AddressSet Covering()
        {
            if (Chance(0.25)) return AddressSet.Any;
            var member = host.Ranges[_rng.Next(host.Ranges.Length)];
            return AddressSet.Of(PrefixAround(member.First, _rng.Next(8, 33)));
        }
        var closed = Closure();
        var exceptions = Enumerable.Range(0, _rng.Next(0, 6)).Select(i =>
        {
            var roll = _rng.NextDouble();
            return roll < 0.70 ? Exception(i, closed, Addresses(), Covering(), TrafficDirection.In)
                : roll < 0.85 ? Exception(i, closed, Addresses(), Covering(), TrafficDirection.Both)
                : Exception(i, closed, Covering(), Addresses(), TrafficDirection.Out);
        }).ToImmutableArray();
        var direction = Chance(0.8) ? TrafficDirection.In : TrafficDirection.Both;
        return (new ChangeAtPoint($"host:{(Chance(0.5) ? "server" : "ws-01")}", closed, direction, exceptions), host);
    }

    /// <summary>A device's own ordered ACL (rules both ways), for IOS's check that no exception skips its denies.</summary>
    public Policy Baseline()
    {
        var rules = Enumerable.Range(0, _rng.Next(1, 5)).Select(i =>
        {
            var action = Chance(0.5) ? RuleAction.Deny : RuleAction.Permit;
            var ports = Chance(0.5) ? PortSelection.Of(Chance(0.5) ? Transport.Tcp : Transport.Udp, Ports()) : PortSelection.Both(Ports());
            return new FirewallRule(action, ports, Addresses(), Addresses(), TrafficDirection.Both, $"baseline {i + 1}", null);
        }).ToImmutableArray();
        var fallback = Chance(0.85) ? RuleAction.Permit : RuleAction.Deny;
        return new Policy(PolicySemantics.OrderedAcl, rules, fallback, fallback);
    }

    /// <summary>Addresses at, just inside and just outside every range the change names, and some elsewhere.</summary>
    private List<uint> AddressPool(ChangeAtPoint change, Policy? baseline)
    {
        var pool = new List<uint>();
        var rules = change.Exceptions.Concat(baseline?.Rules ?? []);
        foreach (var range in rules.SelectMany(r => r.Source.Ranges.Concat(r.Destination.Ranges)))
        {
            pool.Add(range.First);
            pool.Add(range.Last);
            if (range.First > 0) pool.Add(range.First - 1);
            if (range.Last < uint.MaxValue) pool.Add(range.Last + 1);
            pool.Add((uint)_rng.NextInt64(range.First, (long)range.Last + 1));
        }
        for (var i = 0; i < 6; i++) pool.Add(Address());
        return pool;
    }

    /// <summary>Ports at the edges of every range of the closure and the exceptions (either transport), inside, outside and elsewhere.</summary>
    private List<int> PortPool(ChangeAtPoint change, Policy? baseline)
    {
        var sets = new List<PortSet> { change.Closed.Tcp, change.Closed.Udp };
        sets.AddRange(change.Exceptions.Concat(baseline?.Rules ?? []).SelectMany(r => new[] { r.Ports.Tcp, r.Ports.Udp }));
        var pool = new List<int> { 0, 1, PortRange.MaxPort, 135, 445 };
        foreach (var range in sets.SelectMany(s => s.Ranges))
        {
            pool.Add(range.First);
            pool.Add(range.Last);
            if (range.First > 0) pool.Add(range.First - 1);
            if (range.Last < PortRange.MaxPort) pool.Add(range.Last + 1);
            pool.Add(_rng.Next(range.First, range.Last + 1));
        }
        for (var i = 0; i < 4; i++) pool.Add(_rng.Next(0, 65536));
        return pool;
    }

    private Flow NewFlow(uint source, uint destination, List<int> ports) =>
        new(Chance(0.5) ? ProtocolSet.Tcp : ProtocolSet.Udp, source, _rng.Next(1024, 65536), destination, ports[_rng.Next(ports.Count)]);

    /// <summary>New connections through a router, either way (the change and its exceptions apply both ways there).</summary>
    public List<RoundTripFlow> RouterFlows(ChangeAtPoint change, int count, Policy? baseline = null)
    {
        var addresses = AddressPool(change, baseline);
        var ports = PortPool(change, baseline);
        return [.. Enumerable.Range(0, count).Select(_ => new RoundTripFlow(
            NewFlow(addresses[_rng.Next(addresses.Count)], addresses[_rng.Next(addresses.Count)], ports),
            Chance(0.5) ? TrafficDirection.In : TrafficDirection.Out, "forward"))];
    }

    /// <summary>New connections to the host (input hook, engine direction In) and from it (output hook, Out).</summary>
    public List<RoundTripFlow> HostFlows(ChangeAtPoint change, AddressSet host, int count)
    {
        var addresses = AddressPool(change, null);
        var ports = PortPool(change, null);
        var own = host.Ranges.SelectMany(r => new[] { r.First, r.Last, (uint)_rng.NextInt64(r.First, (long)r.Last + 1) }).ToList();
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var local = own[_rng.Next(own.Count)];
            var remote = addresses[_rng.Next(addresses.Count)];
            return Chance(0.75)
                ? new RoundTripFlow(NewFlow(remote, local, ports), TrafficDirection.In, "input")
                : new RoundTripFlow(NewFlow(local, remote, ports), TrafficDirection.Out, "output");
        })];
    }

    public static string Describe(ChangeAtPoint change, EmitOptions options, Policy? baseline = null)
    {
        var text = new StringBuilder();
        text.Append($"change at {change.Point}: close {change.Closed} {change.Direction}");
        if (options.Host is { } host) text.Append($" on host {host}");
        text.AppendLine();
        foreach (var e in change.Exceptions)
        {
            text.AppendLine($"  {e.Action} {e.Ports} {e.Source} -> {e.Destination} {e.Direction} '{e.Label}'");
        }
        if (baseline is not null)
        {
            text.AppendLine($"baseline (default {baseline.DefaultIn}):");
            foreach (var r in baseline.Rules) text.AppendLine($"  {r.Action} {r.Ports} {r.Source} -> {r.Destination}");
        }
        return text.ToString();
    }

    /// <summary>The exact CIDR blocks of a set (as the emitters split them), for writing the baseline as IOS lines.</summary>
    public static IEnumerable<(uint Network, int Length)> Prefixes(AddressSet addresses)
    {
        foreach (var range in addresses.Ranges)
        {
            ulong first = range.First;
            ulong last = range.Last;
            while (first <= last)
            {
                var size = first == 0 ? 1UL << 32 : 1UL << BitOperations.TrailingZeroCount(first);
                while (first + size - 1 > last) size >>= 1;
                yield return ((uint)first, 32 - BitOperations.Log2(size));
                first += size;
            }
        }
    }
}
