using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;

namespace PortImpact.Core.Model;

public enum RuleAction
{
    Permit,
    Deny,
}

/// <summary>Which way traffic flows through a point: into the protected side, out of it, or either.</summary>
public enum TrafficDirection
{
    In,
    Out,
    Both,
}

/// <summary>How a point decides among its rules.</summary>
public enum PolicySemantics
{
    /// <summary>Routers and Linux firewalls: the first matching rule in order decides, then the default.</summary>
    OrderedAcl,
    /// <summary>Windows Defender Firewall: a matching block rule beats any allow rule; order is ignored.</summary>
    WindowsFirewall,
}

/// <summary>Where a rule comes from, so reports can name it in the reader's language.</summary>
public enum RuleOrigin
{
    /// <summary>Written in the model or read from a rule file; its label is the user's own text.</summary>
    Model,
    /// <summary>Added by the proposed closure.</summary>
    ProposedChange,
    /// <summary>The default action for inbound traffic when no rule matches.</summary>
    DefaultInbound,
    /// <summary>The default action for outbound traffic when no rule matches.</summary>
    DefaultOutbound,
}

/// <summary>A rule in vendor-neutral form; <see cref="Label"/> names it in explanations.</summary>
public sealed record FirewallRule(
    RuleAction Action,
    PortSelection Ports,
    AddressSet Source,
    AddressSet Destination,
    TrafficDirection Direction,
    string Label,
    SourceLocation? Location,
    RuleOrigin Origin = RuleOrigin.Model)
{
    public bool AppliesTo(TrafficDirection flowDirection) => Direction == TrafficDirection.Both || Direction == flowDirection;
}

public sealed record Policy(
    PolicySemantics Semantics,
    ImmutableArray<FirewallRule> Rules,
    RuleAction DefaultIn,
    RuleAction DefaultOut)
{
    /// <summary>No baseline: everything passes, as the issue asks when a model gives no policy.</summary>
    public static Policy OpenAcl { get; } = new(PolicySemantics.OrderedAcl, [], RuleAction.Permit, RuleAction.Permit);

    public static Policy OpenHostFirewall { get; } = new(PolicySemantics.WindowsFirewall, [], RuleAction.Permit, RuleAction.Permit);

    public RuleAction DefaultFor(TrafficDirection direction) => direction == TrafficDirection.Out ? DefaultOut : DefaultIn;

    /// <summary>The real rules this policy stands for, when it was read from a rule file; they decide, not <see cref="Rules"/>.</summary>
    public RuleSets.ImportedPolicy? Imported { get; init; }

    /// <summary>A policy that is a real rule file's.</summary>
    public static Policy FromRules(RuleSets.ImportedPolicy imported) =>
        new(imported.RuleSet.Semantics, [], RuleAction.Permit, RuleAction.Permit) { Imported = imported };
}
