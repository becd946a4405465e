using PortImpact.Core.Addresses;

namespace PortImpact.Core.Tests;

public sealed class AddressSetTests
{
    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.0", "10.1.255.255")]
    [InlineData("10.1.0.10", "10.1.0.10", "10.1.0.10")]
    [InlineData("0.0.0.0/0", "0.0.0.0", "255.255.255.255")]
    public void Prefixes_parse_to_their_first_and_last_address(string text, string first, string last)
    {
        var range = AddressRange.Parse(text);
        Assert.Equal(first, AddressRange.FormatAddress(range.First));
        Assert.Equal(last, AddressRange.FormatAddress(range.Last));
    }

    [Theory]
    [InlineData("10.1.0.1/16", "host bits")]
    [InlineData("10.1.0.0/33", "prefix length")]
    [InlineData("10.1.0", "not an IPv4")]
    [InlineData("fe80::1", "not an IPv4")]
    public void Bad_prefixes_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(AddressRange.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Coverage_tells_whole_part_or_nothing()
    {
        var site = AddressSet.Of(AddressRange.Parse("10.1.0.0/16"));
        Assert.Equal(Coverage.Full, site.Cover(AddressSet.Of(AddressRange.Parse("10.1.10.0/24"))));
        Assert.Equal(Coverage.Partial, AddressSet.Of(AddressRange.Parse("10.1.10.0/25")).Cover(AddressSet.Of(AddressRange.Parse("10.1.10.0/24"))));
        Assert.Equal(Coverage.None, site.Cover(AddressSet.Of(AddressRange.Parse("10.2.0.0/16"))));
        Assert.Equal(Coverage.Full, AddressSet.Any.Cover(site));
    }

    [Fact]
    public void Complement_and_except_are_exact()
    {
        var site = AddressSet.Of(AddressRange.Parse("10.0.0.0/8"));
        var outside = site.Complement();
        Assert.Equal(2, outside.Ranges.Length);
        Assert.True(outside.Intersect(site).IsEmpty);
        Assert.Equal(AddressSet.Any, outside.Union(site));
        Assert.Equal("10.0.0.0/9", site.Except(AddressSet.Of(AddressRange.Parse("10.128.0.0/9"))).ToString());
    }
}
