using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Model;

/// <summary>A site of the company (a LAN behind its routers) or a zone outside it such as the Internet.</summary>
public sealed record Place(string Name, bool IsSite, bool External, AddressSet Subnets, SourceLocation? Location)
{
    public ImmutableArray<AddressRange> SubnetRanges => Subnets.Ranges;

    /// <summary>
    /// Whether members of this site may log on at domain controllers of other sites when their own are unreachable
    /// (the DC locator's default); a model turns it off with <c>dcFailover: false</c> for a site that must not.
    /// </summary>
    public bool DcFailover { get; init; } = true;
}
