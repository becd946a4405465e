using PortImpact.Core.Addresses;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>
/// The packets a rule matches, as a box: protocols × sources × destinations × source ports × destination
/// ports × Windows profiles. Protocols and profiles are held as
/// small <see cref="PortSet"/>s of numbers so every dimension is a set with intersection and difference.
/// </summary>
public sealed record MatchBox(PortSet Protocols, AddressSet Sources, AddressSet Destinations, PortSet SourcePorts, PortSet DestinationPorts, PortSet Profiles)
{
    public bool IsEmpty => Protocols.IsEmpty || Sources.IsEmpty || Destinations.IsEmpty || SourcePorts.IsEmpty || DestinationPorts.IsEmpty || Profiles.IsEmpty;

    public static MatchBox Of(ImportedRule rule)
    {
        var protocols = rule.Protocols.IsAny ? PortSet.Range(0, 255) : PortSet.Of([.. rule.Protocols.Numbers]);
        // Ports are only looked at for TCP and UDP; a rule on other protocols matches whatever "port" they have.
        var onlyPorted = !rule.Protocols.IsAny && rule.Protocols.Numbers.All(n => n is ProtocolSet.Tcp or ProtocolSet.Udp or 33 or 132 or 136); // DCCP, SCTP, UDP-Lite have ports too
        var profiles = rule.Profiles.IsEmpty
            ? PortSet.Range(0, FirewallProfile.All.Count - 1)
            : PortSet.Of([.. rule.Profiles.Select(p => p.Index)]);
        return new MatchBox(protocols, rule.Source, rule.Destination,
            onlyPorted ? rule.SourcePorts : PortSet.All, onlyPorted ? rule.DestinationPorts : PortSet.All, profiles);
    }

    /// <summary>Dimension by dimension, cheapest first, allocating nothing: lint asks this for every pair of rules.</summary>
    public bool Overlaps(MatchBox other) =>
        Protocols.Overlaps(other.Protocols) && DestinationPorts.Overlaps(other.DestinationPorts) && Destinations.Overlaps(other.Destinations)
        && Sources.Overlaps(other.Sources) && SourcePorts.Overlaps(other.SourcePorts) && Profiles.Overlaps(other.Profiles);

    public MatchBox Intersect(MatchBox other) => new(
        Protocols.Intersect(other.Protocols), Sources.Intersect(other.Sources), Destinations.Intersect(other.Destinations),
        SourcePorts.Intersect(other.SourcePorts), DestinationPorts.Intersect(other.DestinationPorts), Profiles.Intersect(other.Profiles));

    /// <summary>
    /// This box minus another, as disjoint boxes: for each dimension in turn, the part outside the other box
    /// in that dimension and inside it in the dimensions before. Lint takes boxes away from each other millions of
    /// times, and in most dimensions one box lies inside the other: those are passed over without building a set.
    /// </summary>
    public IEnumerable<MatchBox> Except(MatchBox other)
    {
        if (!Overlaps(other))
        {
            yield return this;
            yield break;
        }
        var inside = this;
        if (!Within(inside.Protocols, other.Protocols))
        {
            var piece = inside with { Protocols = inside.Protocols.Except(other.Protocols) };
            if (!piece.IsEmpty) yield return piece;
            inside = inside with { Protocols = inside.Protocols.Intersect(other.Protocols) };
        }
        if (!Within(inside.Sources, other.Sources))
        {
            var piece = inside with { Sources = inside.Sources.Except(other.Sources) };
            if (!piece.IsEmpty) yield return piece;
            inside = inside with { Sources = inside.Sources.Intersect(other.Sources) };
        }
        if (!Within(inside.Destinations, other.Destinations))
        {
            var piece = inside with { Destinations = inside.Destinations.Except(other.Destinations) };
            if (!piece.IsEmpty) yield return piece;
            inside = inside with { Destinations = inside.Destinations.Intersect(other.Destinations) };
        }
        if (!Within(inside.SourcePorts, other.SourcePorts))
        {
            var piece = inside with { SourcePorts = inside.SourcePorts.Except(other.SourcePorts) };
            if (!piece.IsEmpty) yield return piece;
            inside = inside with { SourcePorts = inside.SourcePorts.Intersect(other.SourcePorts) };
        }
        if (!Within(inside.DestinationPorts, other.DestinationPorts))
        {
            var piece = inside with { DestinationPorts = inside.DestinationPorts.Except(other.DestinationPorts) };
            if (!piece.IsEmpty) yield return piece;
            inside = inside with { DestinationPorts = inside.DestinationPorts.Intersect(other.DestinationPorts) };
        }
        if (!Within(inside.Profiles, other.Profiles))
        {
            var piece = inside with { Profiles = inside.Profiles.Except(other.Profiles) };
            if (!piece.IsEmpty) yield return piece;
        }
    }

    /// <summary>Whether every port of <paramref name="inner"/> is in <paramref name="outer"/>: one walk over both, no set built.</summary>
    private static bool Within(PortSet inner, PortSet outer)
    {
        var j = 0;
        foreach (var range in inner.Ranges)
        {
            while (j < outer.Ranges.Length && outer.Ranges[j].Last < range.First) j++;
            if (j == outer.Ranges.Length || outer.Ranges[j].First > range.First || outer.Ranges[j].Last < range.Last) return false;
        }
        return true;
    }

    /// <summary>Whether every address of <paramref name="inner"/> is in <paramref name="outer"/>: one walk over both, no set built.</summary>
    private static bool Within(AddressSet inner, AddressSet outer)
    {
        var j = 0;
        foreach (var range in inner.Ranges)
        {
            while (j < outer.Ranges.Length && outer.Ranges[j].Last < range.First) j++;
            if (j == outer.Ranges.Length || !outer.Ranges[j].Contains(range)) return false;
        }
        return true;
    }
}
