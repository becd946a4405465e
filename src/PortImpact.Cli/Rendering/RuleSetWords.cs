using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Cli.Rendering;

/// <summary>The words every rule-set report shares: format names, verdicts, a rule in one line, where a flow was asked.</summary>
internal static class RuleSetWords
{
    public static string FormatId(RuleSetFormat format) => RuleFormats.IdOf(format);

    public static string Verdict(RuleVerdict? verdict) => verdict switch
    {
        null => "return",
        RuleVerdict.Permit => "permit",
        RuleVerdict.Deny => "deny",
        RuleVerdict.Jump => "jump",
        RuleVerdict.Goto => "goto",
        RuleVerdict.Return => "return",
        RuleVerdict.Continue => "continue",
        RuleVerdict.Unknown => "unknown",
        _ => "bypass",
    };

    internal static string Effect(NotUnderstoodEffect effect, Text text) => text[effect switch
    {
        NotUnderstoodEffect.RuleMayMatch => "EffectRuleMayMatch",
        NotUnderstoodEffect.ChainUncertain => "EffectChainUncertain",
        _ => "EffectSkipped",
    }];

    internal static string EffectId(NotUnderstoodEffect effect) => effect switch
    {
        NotUnderstoodEffect.RuleMayMatch => "rule-may-match",
        NotUnderstoodEffect.ChainUncertain => "chain-uncertain",
        _ => "skipped",
    };

    /// <summary>A rule in one line, the same for every format: <c>deny tcp 10.0.0.0/8:any -> any:445 (new)</c>.</summary>
    public static string Describe(ImportedRule rule)
    {
        var text = new StringBuilder(Verdict(rule.Verdict));
        if (rule.Target is not null) text.Append(' ').Append(rule.Target);
        if (rule.Direction is { } direction) text.Append(direction == TrafficDirection.Out ? " out" : " in");
        text.Append(' ').Append(rule.Protocols);
        text.Append(' ').Append(Side(rule.Source.IsAny ? "any" : rule.Source.ToString(), rule.SourcePorts));
        text.Append(" -> ").Append(Side(rule.Destination.IsAny ? "any" : rule.Destination.ToString(), rule.DestinationPorts));
        if (!rule.NewConnections) text.Append(" (established only)");
        if (!rule.Enabled) text.Append(" (disabled)");
        if (!rule.Profiles.IsEmpty) text.Append(" [").Append(string.Join(",", rule.Profiles)).Append(']');
        foreach (var opaque in rule.Opaque) text.Append(" ?").Append(opaque.Construct);
        return text.ToString();
    }

    internal static string Side(string addresses, Core.Ports.PortSet ports) =>
        ports.Equals(Core.Ports.PortSet.All) ? addresses : $"{addresses}:{ports}";

    internal static string Where(RuleSet ruleSet, FlowContext context) => ruleSet.Semantics == PolicySemantics.WindowsFirewall
        ? $"{(context.Direction == TrafficDirection.Out ? "out" : "in")}, {context.Profile}"
        : ruleSet.Format == RuleSetFormat.CiscoIos ? $"access list {context.AccessList}"
        : ruleSet.Format == RuleSetFormat.Model ? $"the model's policy, {context.AccessList}bound" : $"hook {context.Hook}";

    internal static string DecisionText(FlowDecision decision, Text text) => text[decision switch
    {
        FlowDecision.Permit => "DecisionPermit",
        FlowDecision.Deny => "DecisionDeny",
        _ => "DecisionUncertain",
    }];

    /// <summary>
    /// Text read from a rule file as a report shows it: control bytes as <c>\xNN</c>, so that
    /// a chain name or rule holding an ESC cannot drive the terminal.
    /// </summary>
    internal static string Shown(string text) => InputEcho.Escape(text, int.MaxValue);
}
