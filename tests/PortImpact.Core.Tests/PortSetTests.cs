using PortImpact.Core.Ports;

namespace PortImpact.Core.Tests;

public sealed class PortSetTests
{
    [Fact]
    public void Parsing_normalises_overlapping_and_adjacent_ranges()
    {
        Assert.True(PortSet.TryParse("445, 137-139,135,136", out var set, out _));
        Assert.Equal("135-139,445", set.ToString());
        Assert.Equal(6, set.Count);
    }

    [Theory]
    [InlineData("70000", "port 70000 is out of range")]
    [InlineData("70000-70001", "port 70000 is out of range")]
    [InlineData("100-70001", "port 70001 is out of range")]
    [InlineData("139-137", "backwards")]
    [InlineData("13a", "not a port")]
    [InlineData("135,,445", "empty")]
    public void Parsing_rejects_bad_ports_with_a_reason(string text, string reason)
    {
        Assert.False(PortSet.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Set_algebra_matches_membership()
    {
        var a = PortSet.Range(100, 200);
        var b = PortSet.From([new PortRange(150, 250), PortRange.Single(90)]);
        var union = a.Union(b);
        var intersection = a.Intersect(b);
        var difference = a.Except(b);
        for (var port = 0; port < 300; port++)
        {
            Assert.Equal(a.Contains(port) || b.Contains(port), union.Contains(port));
            Assert.Equal(a.Contains(port) && b.Contains(port), intersection.Contains(port));
            Assert.Equal(a.Contains(port) && !b.Contains(port), difference.Contains(port));
        }
        Assert.True(PortSet.All.Complement().IsEmpty);
        Assert.Equal(PortSet.All, PortSet.Empty.Complement());
    }

    [Fact]
    public void A_range_outside_the_port_space_cannot_be_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(0, 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(10, 9));
    }

    [Fact]
    public void Selections_print_shared_ports_once()
    {
        Assert.Equal("tcp+udp/135", PortSelection.Both(PortSet.Of(135)).ToString());
        Assert.Equal("tcp/445 udp/137", new PortSelection(PortSet.Of(445), PortSet.Of(137)).ToString());
    }
}
