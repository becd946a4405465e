using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Model;

/// <summary>
/// One host (an address) or a group of alike hosts (a subnet and a count) treated as one, so that a model
/// of 120 PCs costs one evaluation, not 120.
/// </summary>
public sealed record HostGroup(
    string Name,
    string Place,
    AddressSet Addresses,
    int Count,
    ImmutableArray<string> Roles,
    Policy? Firewall,
    SourceLocation? Location)
{
    public bool HasRole(string role) => Roles.Contains(role);
}
