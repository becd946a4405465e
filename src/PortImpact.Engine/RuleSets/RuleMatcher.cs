using PortImpact.Core.Addresses;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>Whether a rule matches a flow: yes, no, or maybe (the rule has a condition no file can settle).</summary>
public enum Match
{
    No,
    Maybe,
    Yes,
}

public static class RuleMatcher
{
    /// <summary>
    /// Every evaluable condition first: if one of them fails the rule does not match, whatever its opaque
    /// conditions say. Only when all evaluable conditions hold do opaque ones make it a "maybe".
    /// </summary>
    public static Match Matches(ImportedRule rule, Flow flow)
    {
        if (!rule.Enabled || !rule.NewConnections) return Match.No;
        if (!rule.Protocols.Includes(flow.Protocol)) return Match.No;
        if (!rule.Source.Overlaps(AddressRange.Single(flow.Source)) || !rule.Destination.Overlaps(AddressRange.Single(flow.Destination))) return Match.No;
        var hasPorts = flow.Protocol is ProtocolSet.Tcp or ProtocolSet.Udp;
        if (hasPorts && (!rule.SourcePorts.Contains(flow.SourcePort) || !rule.DestinationPorts.Contains(flow.DestinationPort))) return Match.No;
        return rule.Uncertain ? Match.Maybe : Match.Yes;
    }
}
