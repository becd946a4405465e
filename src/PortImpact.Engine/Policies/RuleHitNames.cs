using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.Policies;

/// <summary>
/// How a rule that stopped ports is named in a result: a rule the model wrote by its own label and origin, a rule
/// read from a file by its file, line and text, and a default as the model's default action or the file's policy.
/// </summary>
internal static class RuleHitNames
{
    public static FirewallRule Rule(RuleSet ruleSet, ImportedRule rule, TrafficDirection direction, Transport transport, PortSet ports) =>
        rule.WrittenFrom ?? new FirewallRule(RuleAction.Deny, PortSelection.Of(transport, ports), AddressSet.Any, AddressSet.Any, direction,
            $"{Path.GetFileName(ruleSet.File)}:{rule.Location.Line} {rule.Text}", rule.Location);

    /// <param name="defaultName">How the evaluator names the default that decided (the chain's policy, the profile's action).</param>
    public static FirewallRule Default(RuleSet ruleSet, TrafficDirection direction, Transport transport, PortSet ports, string defaultName)
    {
        var origin = direction == TrafficDirection.Out ? RuleOrigin.DefaultOutbound : RuleOrigin.DefaultInbound;
        if (ruleSet.WrittenFrom is not null) return ModelDefault(direction);
        // A file's access list or chain policy is named by the file's own words; Windows' default is the profile's action.
        return new FirewallRule(RuleAction.Deny, PortSelection.Of(transport, ports), AddressSet.Any, AddressSet.Any, direction,
            $"{Path.GetFileName(ruleSet.File)}: {defaultName}", null,
            ruleSet.Semantics == PolicySemantics.WindowsFirewall ? origin : RuleOrigin.Model);
    }

    private static readonly FirewallRule DefaultIn = new(RuleAction.Deny, PortSelection.Everything, AddressSet.Any, AddressSet.Any, TrafficDirection.In,
        "default inbound action", null, RuleOrigin.DefaultInbound);

    private static readonly FirewallRule DefaultOut = new(RuleAction.Deny, PortSelection.Everything, AddressSet.Any, AddressSet.Any, TrafficDirection.Out,
        "default outbound action", null, RuleOrigin.DefaultOutbound);

    private static FirewallRule ModelDefault(TrafficDirection direction) => direction == TrafficDirection.Out ? DefaultOut : DefaultIn;
}
