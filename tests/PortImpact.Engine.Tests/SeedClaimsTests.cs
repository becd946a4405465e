using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;

namespace PortImpact.Engine.Tests;

/// <summary>
/// The seed's claims S2–S6 (../shared/design/ARCHITECTURE.md), computed by the engine on the built-in example
/// and on a hub-and-spoke network of another shape. Each assertion is phrased over the model's own hosts and
/// places, so nothing here knows a host name.
/// </summary>
public sealed class SeedClaimsTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    private static AnalysisResult Close(NetworkModel model, PortSelection ports, params Placement[] at) =>
        new ImpactAnalyzer(Models.Catalog).Analyze(model, new Closure(ports, [.. at], null));

    private static AnalysisResult Close(NetworkModel model, PortSelection ports, TrafficDirection direction, params Placement[] at) =>
        new ImpactAnalyzer(Models.Catalog).Analyze(model, new Closure(ports, [.. at], direction));

    private static string PlaceOf(NetworkModel model, string host) => model.FindHost(host)!.Place;

    private static bool IsSite(NetworkModel model, string place) => model.FindPlace(place)!.IsSite;

    private static bool IsExternal(NetworkModel model, string place) => !model.FindPlace(place)!.IsSite;

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void Before_any_change_everything_works_and_the_worms_reach_every_victim(string name)
    {
        var result = Close(Models.Named(name), SeedPorts, new AtPerimeter());
        Assert.NotEmpty(result.Dependencies);
        Assert.All(result.Dependencies, d => Assert.Equal(DependencyState.Works, d.Before));
        Assert.All(result.Threats.Where(t => t.Threat is "blaster" or "sasser" or "wannacry"), t => Assert.Equal(Exposure.Exposed, t.Before));
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void S2_blaster_is_stopped_by_blocking_any_one_of_its_steps(string name)
    {
        var model = Models.Named(name);
        // Step 1 attacker→victim TCP 135 and step 2 TCP 4444 are inbound at the victim's firewall.
        var at135 = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(135)), new AtHosts(null));
        var at4444 = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(4444)), new AtHosts(null));
        // Step 3 is the victim fetching the worm by TFTP: outbound from the victim.
        var at69 = Close(model, PortSelection.Of(Transport.Udp, PortSet.Of(69)), TrafficDirection.Out, new AtHosts(null));
        foreach (var (result, step) in new[] { (at135, 1), (at4444, 2), (at69, 3) })
        {
            var blaster = result.Threats.Where(t => t.Threat == "blaster").ToList();
            Assert.NotEmpty(blaster);
            Assert.All(blaster, t =>
            {
                Assert.Equal(Exposure.Blocked, t.After);
                Assert.Equal(new[] { step }, t.CutSteps.ToArray());
            });
        }
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void S3_the_perimeter_stops_worms_from_outside_breaks_only_outside_parties_and_leaves_the_lan_alone(string name)
    {
        var model = Models.Named(name);
        var result = Close(model, SeedPorts, new AtPerimeter());
        var external = model.Places.Where(p => !p.IsSite).Select(p => p.Name).ToHashSet();

        var fromOutside = result.Threats.Where(t => external.Contains(t.Attacker) && t.Threat is "blaster" or "sasser" or "wannacry" or "conficker").ToList();
        Assert.NotEmpty(fromOutside);
        Assert.All(fromOutside, t => Assert.Equal(Exposure.Blocked, t.After));
        Assert.All(fromOutside.Where(t => t.Threat == "blaster"), t => Assert.Equal(1, t.CutSteps[0]));

        var inside = result.Dependencies.Where(d => IsSite(model, PlaceOf(model, d.Dependency.Client)) && IsSite(model, PlaceOf(model, d.Dependency.Server))).ToList();
        Assert.NotEmpty(inside);
        Assert.All(inside, d => Assert.Equal(DependencyState.Works, d.After));

        var withOutside = result.Dependencies.Where(d => IsExternal(model, PlaceOf(model, d.Dependency.Client))).ToList();
        Assert.Contains(withOutside, d => d.Dependency.Capability == "file-sharing" && d.After == DependencyState.Broken);
        Assert.Contains(withOutside, d => d.Dependency.Capability == "rpc" && d.After == DependencyState.Broken);
        Assert.All(withOutside.Where(d => d.After != DependencyState.Works), d => Assert.Equal(result.ClosedPoints.ToArray(), d.BlockedAt.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void S4_closing_between_sites_cuts_inter_site_traffic_and_breaks_active_directory(string name)
    {
        var model = Models.Named(name);
        var result = Close(model, SeedPorts, new AtInterSite());
        bool CrossesSites(DependencyImpact d) =>
            IsSite(model, PlaceOf(model, d.Dependency.Client)) && IsSite(model, PlaceOf(model, d.Dependency.Server))
            && PlaceOf(model, d.Dependency.Client) != PlaceOf(model, d.Dependency.Server);

        var replication = result.Dependencies.Where(d => d.Dependency.Capability == "ad-replication" && CrossesSites(d)).ToList();
        Assert.NotEmpty(replication);
        Assert.All(replication, d => Assert.Equal(DependencyState.Broken, d.After));
        Assert.Contains(result.Dependencies, d => CrossesSites(d) && d.Dependency.Capability == "file-sharing" && d.After == DependencyState.Broken);
        Assert.All(result.Dependencies.Where(d => !CrossesSites(d) && IsSite(model, PlaceOf(model, d.Dependency.Client))),
            d => Assert.Equal(DependencyState.Works, d.After));
        // Closing only TCP 135 between sites is already enough to break AD replication (MS03-026's warning).
        var only135 = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(135)), new AtInterSite());
        Assert.All(only135.Dependencies.Where(d => d.Dependency.Capability == "ad-replication" && CrossesSites(d)),
            d => Assert.Equal(DependencyState.Broken, d.After));
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void S5_the_perimeter_does_nothing_against_an_infected_laptop_in_the_lan(string name)
    {
        var result = Close(Models.Named(name), SeedPorts, new AtPerimeter());
        var lan = result.Threats.Where(t => t.Attacker == "lan" && t.Threat is "blaster" or "sasser" or "wannacry").ToList();
        Assert.NotEmpty(lan);
        Assert.All(lan, t => Assert.Equal(Exposure.Exposed, t.After));
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void S6_closing_on_every_host_protects_best_but_breaks_rpc_ad_and_sharing_even_inside_a_site(string name)
    {
        var model = Models.Named(name);
        var result = Close(model, SeedPorts, new AtHosts(null));
        var sameSite = result.Dependencies.Where(d => PlaceOf(model, d.Dependency.Client) == PlaceOf(model, d.Dependency.Server)).ToList();
        foreach (var capability in new[] { "ad-logon", "rpc", "file-sharing" })
        {
            Assert.Contains(sameSite, d => d.Dependency.Capability == capability && d.After == DependencyState.Broken);
        }
        Assert.Contains(result.Dependencies, d => d.Dependency.Capability == "printer-sharing" && d.After == DependencyState.Broken);
        var lan = result.Threats.Where(t => t.Attacker == "lan" && t.Threat is "blaster" or "sasser" or "wannacry").ToList();
        Assert.NotEmpty(lan);
        Assert.All(lan, t => Assert.Equal(Exposure.Blocked, t.After));

        // Protects best: it stops at least what the perimeter and the inter-site routers stop together.
        var perimeter = Close(model, SeedPorts, new AtPerimeter());
        var interSite = Close(model, SeedPorts, new AtInterSite());
        Assert.True(result.ThreatsStopped >= Math.Max(perimeter.ThreatsStopped, interSite.ThreatsStopped));
        Assert.True(result.NewlyBroken > interSite.NewlyBroken);
        Assert.True(interSite.NewlyBroken > perimeter.NewlyBroken);
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void Smb_falls_back_to_netbios_when_only_445_is_closed_and_breaks_when_139_goes_too(string name)
    {
        var model = Models.Named(name);
        var only445 = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(445)), new AtHosts(null));
        var sharing = only445.Dependencies.Where(d => d.Dependency.Capability == "file-sharing").ToList();
        Assert.NotEmpty(sharing);
        Assert.All(sharing, d => Assert.Equal(DependencyState.Degraded, d.After));

        var both = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(139, 445)), new AtHosts(null));
        Assert.All(both.Dependencies.Where(d => d.Dependency.Capability == "file-sharing"), d => Assert.Equal(DependencyState.Broken, d.After));
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void Rpc_needs_the_whole_dynamic_range_and_partly_closing_it_degrades(string name)
    {
        var model = Models.Named(name);
        var range = model.RpcDynamicPorts.Ranges[0];
        var half = PortSelection.Of(Transport.Tcp, PortSet.Range(range.First, range.First + range.Count / 2));
        var result = Close(model, half, new AtHosts(null));
        var rpc = result.Dependencies.Where(d => d.Dependency.Capability == "rpc").ToList();
        Assert.NotEmpty(rpc);
        Assert.All(rpc, d => Assert.Equal(DependencyState.Degraded, d.After));
        var whole = Close(model, PortSelection.Of(Transport.Tcp, model.RpcDynamicPorts), new AtHosts(null));
        Assert.All(whole.Dependencies.Where(d => d.Dependency.Capability == "rpc"), d => Assert.Equal(DependencyState.Broken, d.After));
    }
}
