namespace PortImpact.Core.RuleSets;

/// <summary>
/// A point's or host's policy taken from a real rule file rather than written in the model. How a flow meets
/// it: on a router through the forward path (iptables FORWARD, nftables forward hook) or the access list named
/// by <see cref="AccessList"/> (Cisco, both directions); on a host through input and output, and for Windows
/// in the network <see cref="Profile"/> the host is in.
/// </summary>
public sealed record ImportedPolicy(RuleSet RuleSet, bool OnHost, string? AccessList = null, string Profile = "Domain");
