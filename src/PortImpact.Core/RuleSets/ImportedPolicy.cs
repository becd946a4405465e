namespace PortImpact.Core.RuleSets;

/// <summary>
/// A point's or host's policy taken from a real rule file rather than written in the model. How a flow meets
/// it: on a router through the forward path (iptables FORWARD, nftables forward hook) or a Cisco access list —
/// <see cref="AccessList"/> for traffic flowing in (toward the link's inside end) and <see cref="AccessListOut"/>
/// for traffic flowing out; null for a direction no list filters. On a host through input and output, and for
/// Windows in the network <see cref="Profile"/> the host is in (Domain unless the model says).
/// </summary>
public sealed record ImportedPolicy(RuleSet RuleSet, bool OnHost, string? AccessList = null, FirewallProfile Profile = default)
{
    /// <summary>The Cisco access list for traffic flowing out; the same as <see cref="AccessList"/> when the model names one list for both ways.</summary>
    public string? AccessListOut { get; init; } = AccessList;
}
