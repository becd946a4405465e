using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;

namespace PortImpact.Engine.Policies;

/// <summary>A rule that decided some of the asked ports, and which ones.</summary>
public sealed record RuleHit(FirewallRule Rule, PortSet Ports, bool IsDefault)
{
    /// <summary>True when a rule that may match (a condition no file settles) makes the outcome uncertain.</summary>
    public bool Uncertain { get; init; }
}

/// <summary>
/// What one policy does to a set of ports of one flow: ports allowed for every member of the source and
/// destination groups, ports denied for all, and ports whose fate depends on the member ("mixed").
/// </summary>
public sealed record HopDecision(PortSet Allowed, PortSet Denied, PortSet Mixed, ImmutableArray<RuleHit> DenyingRules)
{
    public static HopDecision AllowAll(PortSet ports) => new(ports, PortSet.Empty, PortSet.Empty, []);
}
