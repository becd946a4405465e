using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Engine.Threats;

namespace PortImpact.Engine.Tests.Threats;

/// <summary>
/// A worm attacks from every victim it compromises (the write-ups of Blaster, Sasser, Conficker and WannaCry all
/// describe infected hosts scanning on), so a closure is judged by how far the wave gets, not by the first hop.
/// </summary>
public sealed class SpreadSimulatorTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    private static Core.Knowledge.Threat Threat(string id) => Models.Catalog.Threats.Single(t => t.Id == id);

    private static SpreadResult Spread(NetworkModel model, string threat, string from, Closure? closure = null,
        PolicyOverlay? overlay = null) =>
        new SpreadSimulator(Models.Catalog).Spread(model, Threat(threat), from, closure, overlay);

    [Fact]
    public void On_an_open_network_one_infected_pc_reaches_every_host_the_worm_applies_to_at_once()
    {
        var model = Models.BuiltIn();
        var result = Spread(model, "blaster", "hq-pcs");

        // Patient zero is one PC of the group: the group itself is reached too, for its other members.
        var sites = model.Hosts.Where(h => model.FindPlace(h.Place)!.IsSite).ToList();
        Assert.Equal(sites.Select(h => h.Name).Order(), result.Reached.Select(r => r.Victim).Order());
        Assert.All(result.Reached, r => Assert.Equal((1, "hq-pcs"), (r.Hop, r.From)));
        Assert.Empty(result.NotReached);
        Assert.Equal(sites.Sum(h => h.Count) - 1, result.Radius);
    }

    [Fact]
    public void Patient_zeros_own_group_falls_unless_its_host_firewall_stops_its_peers()
    {
        var model = Models.BuiltIn();
        var closed = new Closure(PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)])), [new AtHosts("workstation")], null);

        Assert.Contains(Spread(model, "blaster", "hq-pcs").Reached, r => r.Victim == "hq-pcs");
        Assert.DoesNotContain(Spread(model, "blaster", "hq-pcs", closed).Reached, r => r.Victim == "hq-pcs");
    }

    [Fact]
    public void A_worm_in_a_branch_reaches_the_head_office_dc_through_the_dc_to_dc_exception_in_two_hops()
    {
        var model = Models.BuiltIn();
        var closure = new Closure(SeedPorts, [new AtInterSite()], null);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);
        var overlay = new ExceptionSet(null!, recommendation.Exceptions, 0).Overlay();

        var alone = Spread(model, "blaster", "branch-pcs", closure);
        Assert.DoesNotContain(alone.Reached, r => model.FindHost(r.Victim)!.Place == "hq");

        var withExceptions = Spread(model, "blaster", "branch-pcs", closure, overlay);
        // The exceptions the branch's PCs need (RPC to app1, failover logon at dc1, SMB to fs1) let the worm into hq's
        // servers across the WAN router at the first hop; from there it reaches hq's PCs, which no exception names.
        var first = withExceptions.Reached.Where(r => r.Hop == 1 && model.FindHost(r.Victim)!.Place == "hq").ToList();
        Assert.NotEmpty(first);
        Assert.All(first, r => Assert.Contains("wan-router", r.Through));
        var second = Assert.Single(withExceptions.Reached, r => r.Victim == "hq-pcs");
        Assert.Equal(2, second.Hop);
        Assert.Contains(first, r => r.Victim == second.From);
        Assert.True(withExceptions.Radius > alone.Radius);
    }

    [Fact]
    public void Every_later_hop_starts_from_a_host_an_earlier_hop_infected()
    {
        var model = AdModels.BranchChain();
        // Between sites only the recommended exceptions are open; the DC-to-DC ones carry the worm along the chain.
        var closure = new Closure(SeedPorts, [new AtInterSite()], null);
        var overlay = new ExceptionSet(null!, new LeastOpenRecommender(Models.Catalog).Recommend(model, closure).Exceptions, 0).Overlay();
        var result = Spread(model, "wannacry", "site:b5", closure, overlay);

        var hops = result.Reached.ToDictionary(r => r.Victim, r => r.Hop);
        Assert.True(result.Reached.Max(r => r.Hop) >= 3, string.Join("; ", result.Reached.Select(r => $"{r.Hop} {r.Victim} from {r.From}")));
        Assert.All(result.Reached.Where(r => r.Hop > 1), r => Assert.True(hops.TryGetValue(r.From, out var earlier) && earlier == r.Hop - 1, $"{r.Victim} from {r.From}"));
        Assert.Contains(result.Reached, r => r.Victim == "dc-hq");
    }

    [Fact]
    public void A_host_the_model_names_can_be_patient_zero_and_a_threat_that_does_not_scan_the_internet_stays_out()
    {
        var model = Models.BuiltIn();
        var fromPartner = Spread(model, "wannacry", "partner");
        Assert.NotEmpty(fromPartner.Reached);
        Assert.All(fromPartner.Reached, r => Assert.Contains("perimeter-fw", r.Through));
        Assert.Empty(Spread(model, "wannacry", "partner", new Closure(SeedPorts, [new AtPerimeter()], null)).Reached);

        Assert.Empty(Spread(model, "notpetya", "internet").Reached);
        Assert.NotEmpty(Spread(model, "notpetya", "site:branch").Reached);
    }

    [Fact]
    public void Cutting_only_the_copy_steps_leaves_the_victims_exploited_but_not_infected()
    {
        var model = Models.BuiltIn();
        // Blaster's shell (TCP 4444) and TFTP (UDP 69) are cut on every host; its exploit on TCP 135 still arrives.
        var closure = new Closure(PortSelection.Of(Transport.Tcp, PortSet.Of(4444)), [new AtHosts(null)], TrafficDirection.In);
        var result = Spread(model, "blaster", "site:branch", closure);

        Assert.Empty(result.Reached);
        Assert.Contains("dc2", result.Exploited);
        Assert.Contains("branch-pcs", result.Exploited);
    }

    [Fact]
    public void Closing_135_alone_leaves_notpetya_its_psexec_route_and_closing_445_stops_every_route()
    {
        var model = Models.BuiltIn();
        Closure Close(int port) => new(PortSelection.Of(Transport.Tcp, PortSet.Of(port)), [new AtHosts(null)], null);

        Assert.NotEmpty(Spread(model, "notpetya", "site:branch", Close(135)).Reached);
        Assert.Empty(Spread(model, "notpetya", "site:branch", Close(445)).Reached);
    }
}
