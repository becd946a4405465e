using PortImpact.Core.Model;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Tests.Fixtures;

namespace PortImpact.Engine.Tests;

public sealed class TopologyTests
{
    [Fact]
    public void A_path_between_spokes_crosses_both_spoke_routers_through_the_hub()
    {
        var topology = new Topology(Models.HubAndSpoke());
        var path = topology.PathBetween("kobe", "nara")!.Value;
        Assert.Equal(["kobe-rtr", "nara-rtr"], path.Select(c => c.Link.Via));
        Assert.Empty(topology.PathBetween("kobe", "kobe")!.Value);
    }

    [Fact]
    public void Traffic_from_the_outside_zone_enters_the_perimeter_inbound()
    {
        var topology = new Topology(Models.HubAndSpoke());
        var inbound = Assert.Single(topology.PathBetween("outside", "osaka-hub")!.Value);
        Assert.Equal(TrafficDirection.In, inbound.Direction);
        Assert.Equal(TrafficDirection.Out, Assert.Single(topology.PathBetween("osaka-hub", "outside")!.Value).Direction);
    }
}
