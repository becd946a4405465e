using PortImpact.Core.Addresses;

namespace PortImpact.Core.Tests;

/// <summary>One strict reading of dotted-quad addresses for the model and every rule file reader.</summary>
public sealed class AddressRangeTests
{
    [Theory]
    [InlineData("10.1.0.20", 0x0A010014u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("010.0.0.1", 0x0A000001u)] // decimal, as firewalls print it; not octal 8.0.0.1
    public void Dotted_quads_are_read_as_four_decimal_octets(string text, uint expected)
    {
        Assert.True(AddressRange.TryParseAddress(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1000.0.0.1")]
    public void Anything_else_is_not_an_address(string text)
    {
        Assert.False(AddressRange.TryParseAddress(text, out _));
        Assert.False(AddressRange.TryParse(text, out _, out _));
    }
}
