using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Engine.Paths;

namespace PortImpact.Engine.Threats;

/// <summary>
/// Where an attacker can stand: in an external zone (named after the zone, e.g. <c>internet</c>), in
/// another site (<c>site:NAME</c>), or inside the victim's own site (<c>lan</c>: the infected laptop
/// carried past the perimeter, seed claim S5). An attacker's address is any address of its place that
/// the model does not give to a named host, so rules naming a partner do not let the attacker through.
/// </summary>
public sealed class AttackerPositions
{
    private readonly Dictionary<string, Party> _byPlace = new(StringComparer.Ordinal);

    public AttackerPositions(NetworkModel model)
    {
        var named = AddressSet.From(model.Hosts.Where(h => h.Count == 1).SelectMany(h => h.Addresses.Ranges));
        var allKnown = AddressSet.From(model.Places.SelectMany(p => p.Subnets.Ranges)).Union(named);
        foreach (var place in model.Places)
        {
            AddressSet addresses;
            if (!place.Subnets.IsEmpty)
            {
                addresses = place.Subnets.Except(named);
                if (addresses.IsEmpty) addresses = place.Subnets;
            }
            else if (!place.IsSite && place.External)
            {
                addresses = allKnown.Complement();
            }
            else
            {
                addresses = AddressSet.From(model.Hosts.Where(h => h.Place == place.Name).SelectMany(h => h.Addresses.Ranges));
            }
            _byPlace[place.Name] = new Party($"attacker@{place.Name}", place.Name, addresses, null);
        }
        External = model.Places.Where(p => !p.IsSite && p.External).Select(p => p.Name).ToList();
        Sites = model.Places.Where(p => p.IsSite).Select(p => p.Name).ToList();
        InternalZones = model.Places.Where(p => !p.IsSite && !p.External).Select(p => p.Name).ToList();
    }

    /// <summary>Zones that are not external (a DMZ): their hosts are victims, and each is an attacker position named after it.</summary>
    public IReadOnlyList<string> InternalZones { get; }

    public IReadOnlyList<string> External { get; }

    /// <summary>The attacker of a position id (<c>lan</c> stands in the victim's site).</summary>
    public Party Of(string position, string victimSite) => _byPlace[AttackerPosition.Parse(position).PlaceAgainst(victimSite)];

    public IReadOnlyList<string> Sites { get; }

    /// <summary>Positions against a victim in <paramref name="victimSite"/> (a site or an internal zone), in report order.</summary>
    public IEnumerable<(string Id, Party Attacker)> Against(string victimSite, bool fromInternet)
    {
        if (fromInternet)
        {
            foreach (var zone in External) yield return (zone, _byPlace[zone]);
        }
        yield return (AttackerPosition.Lan.ToString(), _byPlace[victimSite]);
        foreach (var site in Sites)
        {
            if (site != victimSite) yield return (AttackerPosition.Site(site).ToString(), _byPlace[site]);
        }
        foreach (var zone in InternalZones)
        {
            if (zone != victimSite) yield return (zone, _byPlace[zone]);
        }
    }
}
