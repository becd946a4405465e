using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Policies;

/// <summary>
/// Answers the engine's question (these host groups, these ports) from a real rule file, by the file's own
/// semantics (<see cref="RuleSetEvaluator"/>). Addresses between the same rule boundaries, and ports between
/// the same port boundaries, are treated alike by every rule, so one flow per such piece decides for all of
/// it: a /24 host group named by no rule costs one evaluation per port piece. Pieces that disagree make the
/// ports "mixed"; a decision that depends on a rule that may match is reported as uncertain.
/// <para>
/// A connection's source port is the client's (<see cref="ClientSourcePorts"/>): a port of the dynamic range, or
/// the fixed port its protocol sends from. Rules that test source ports cut that set into pieces too, one flow
/// each; a rule that lets only part of the dynamic range through makes the ports mixed, since which source port
/// a client draws is chance.
/// </para>
/// </summary>
internal sealed class ImportedDecider
{
    private readonly ImportedPolicy _imported;
    private readonly uint[] _addressBoundaries;
    private readonly ClientSourcePorts _clientPorts;
    private readonly Dictionary<Transport, int[]> _portBoundaries = new();
    private readonly Dictionary<Transport, int[]> _sourcePortBoundaries = new();
    private readonly Dictionary<(Transport, PortSet), List<int>> _sourcePortPieces = new();

    public ImportedDecider(ImportedPolicy imported, uint[] addressBoundaries, ClientSourcePorts clientPorts)
    {
        _imported = imported;
        _addressBoundaries = addressBoundaries;
        _clientPorts = clientPorts;
        foreach (var transport in TransportNames.All)
        {
            var protocol = transport == Transport.Tcp ? ProtocolSet.Tcp : ProtocolSet.Udp;
            var points = new SortedSet<int>();
            var sourcePoints = new SortedSet<int>();
            void Cut(SortedSet<int> set, PortRange range)
            {
                set.Add(range.First);
                if (range.Last < PortRange.MaxPort) set.Add(range.Last + 1);
            }
            foreach (var rule in imported.RuleSet.Chains.SelectMany(c => c.Rules).Where(r => r.Protocols.Includes(protocol)))
            {
                foreach (var range in rule.DestinationPorts.Ranges) Cut(points, range);
                foreach (var range in rule.SourcePorts.Ranges) Cut(sourcePoints, range);
            }
            // A port whose clients send from a fixed port is a piece of its own, asked with that source port.
            foreach (var port in clientPorts.FixedDestinations(transport)) Cut(points, PortRange.Single(port));
            _portBoundaries[transport] = [.. points];
            _sourcePortBoundaries[transport] = [.. sourcePoints];
        }
    }

    public static IEnumerable<AddressRange> AddressRanges(ImportedPolicy imported) =>
        imported.RuleSet.Chains.SelectMany(c => c.Rules).SelectMany(r => r.Source.Ranges.Concat(r.Destination.Ranges));

    public HopDecision Decide(TrafficDirection direction, AddressSet source, AddressSet destination, Transport transport, PortSet ports)
    {
        var context = FlowContext.Of(_imported, direction);
        var protocol = transport == Transport.Tcp ? ProtocolSet.Tcp : ProtocolSet.Udp;
        var sources = Representatives(source);
        var destinations = Representatives(destination);
        PortSet allowed = PortSet.Empty, denied = PortSet.Empty, mixed = PortSet.Empty;
        var hits = ImmutableArray.CreateBuilder<RuleHit>();
        foreach (var piece in PortPieces(transport, ports))
        {
            var sourcePorts = SourcePortRepresentatives(transport, _clientPorts.For(transport, piece.Ranges[0].First));
            var permits = 0;
            var denies = 0;
            var uncertain = false;
            ExplainedPath? denying = null;
            foreach (var from in sources)
            {
                foreach (var to in destinations)
                {
                    foreach (var sourcePort in sourcePorts)
                    {
                        var explanation = RuleSetEvaluator.Explain(_imported.RuleSet, new Flow(protocol, from, sourcePort, to, piece.Ranges[0].First), context);
                        if (explanation.Decision == FlowDecision.Uncertain) uncertain = true;
                        foreach (var path in explanation.Paths)
                        {
                            if (path.Outcome == RuleAction.Permit) permits++;
                            else
                            {
                                denies++;
                                denying ??= path;
                            }
                        }
                    }
                }
            }
            if (denies == 0 && !uncertain)
            {
                allowed = allowed.Union(piece);
                continue;
            }
            if (permits == 0 && !uncertain) denied = denied.Union(piece);
            else mixed = mixed.Union(piece);
            hits.Add(denying is null
                ? new RuleHit(new FirewallRule(RuleAction.Deny, PortSelection.Of(transport, piece), AddressSet.Any, AddressSet.Any, direction,
                    $"{Path.GetFileName(_imported.RuleSet.File)}: more ways through the rules than were followed", null), piece, false) { Uncertain = true }
                : Hit(denying, piece, transport, direction, uncertain));
        }
        return new HopDecision(allowed, denied, mixed, hits.ToImmutable());
    }

    private RuleHit Hit(ExplainedPath path, PortSet ports, Transport transport, TrafficDirection direction, bool uncertain)
    {
        var rule = path.DecidedBy is { } decided
            ? RuleHitNames.Rule(_imported.RuleSet, decided, direction, transport, ports)
            : RuleHitNames.Default(_imported.RuleSet, direction, transport, ports, path.Default ?? "");
        return new RuleHit(rule, ports, path.DecidedBy is null) { Uncertain = uncertain };
    }

    /// <summary>One address per piece of the set between the rules' boundaries: all addresses of a piece are matched alike.</summary>
    private List<uint> Representatives(AddressSet addresses)
    {
        var result = new List<uint>();
        var seenGaps = new HashSet<int>();
        foreach (var range in addresses.Ranges)
        {
            var start = range.First;
            while (true)
            {
                var gap = Gap(start);
                if (seenGaps.Add(gap)) result.Add(start);
                // The next boundary after start, if it lies inside the range, starts the next piece.
                if (gap >= _addressBoundaries.Length) break;
                var next = _addressBoundaries[gap];
                if (next > range.Last || next <= start) break;
                start = next;
            }
        }
        return result;
    }

    private int Gap(uint address)
    {
        var index = Array.BinarySearch(_addressBoundaries, address);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>One source port per piece of the client's source ports between the rules' source port boundaries.</summary>
    private List<int> SourcePortRepresentatives(Transport transport, PortSet clientPorts)
    {
        if (_sourcePortPieces.TryGetValue((transport, clientPorts), out var known)) return known;
        var boundaries = _sourcePortBoundaries[transport];
        var result = new List<int>();
        _sourcePortPieces[(transport, clientPorts)] = result;
        foreach (var range in clientPorts.Ranges)
        {
            result.Add(range.First);
            var index = Array.BinarySearch(boundaries, range.First + 1);
            for (var i = index >= 0 ? index : ~index; i < boundaries.Length && boundaries[i] <= range.Last; i++) result.Add(boundaries[i]);
        }
        return result;
    }

    /// <summary>The asked ports cut at the rules' port boundaries: every rule matches all or none of a piece.</summary>
    private IEnumerable<PortSet> PortPieces(Transport transport, PortSet ports)
    {
        var boundaries = _portBoundaries[transport];
        foreach (var range in ports.Ranges)
        {
            var start = range.First;
            while (start <= range.Last)
            {
                var index = Array.BinarySearch(boundaries, start + 1);
                var nextBoundary = index >= 0 ? boundaries[index] : ~index < boundaries.Length ? boundaries[~index] : int.MaxValue;
                var end = Math.Min(range.Last, nextBoundary - 1);
                yield return PortSet.Range(start, end);
                start = end + 1;
            }
        }
    }
}
