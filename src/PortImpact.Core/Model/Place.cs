using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Model;

/// <summary>A site of the company (a LAN behind its routers) or a zone outside it such as the Internet.</summary>
public sealed record Place(string Name, bool IsSite, bool External, AddressSet Subnets, SourceLocation? Location)
{
    public ImmutableArray<AddressRange> SubnetRanges => Subnets.Ranges;
}
