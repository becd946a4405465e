using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Cli.Rendering;

/// <summary>What <c>rules import --report json</c> prints for scripts: the rule set as read.</summary>
public static class RuleSetJson
{
    public static string Write(RuleSet ruleSet) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("file", ruleSet.File);
        json.WriteString("format", RuleSetWords.FormatId(ruleSet.Format));
        json.WriteString("semantics", ruleSet.Semantics == PolicySemantics.WindowsFirewall ? "windows-firewall" : "first-match");
        json.WriteNumber("rules", ruleSet.RuleCount);
        json.WriteStartArray("chains");
        foreach (var chain in ruleSet.Chains)
        {
            json.WriteStartObject();
            json.WriteString("name", chain.Name);
            if (chain.Table is not null) json.WriteString("table", chain.Table);
            json.WriteString("kind", chain.Kind.ToString().ToLowerInvariant());
            if (chain.Hook is not null) json.WriteString("hook", chain.Hook);
            if (chain.Type is not null) json.WriteString("type", chain.Type);
            json.WriteNumber("priority", chain.Priority);
            if (chain.Policy is not null) json.WriteString("policy", RuleSetWords.Verdict(chain.Policy));
            json.WriteNumber("line", chain.Location.Line);
            json.WriteStartArray("rules");
            foreach (var rule in chain.Rules) WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("bindings");
        foreach (var binding in ruleSet.Bindings)
        {
            json.WriteStartObject();
            json.WriteString("interface", binding.Interface);
            json.WriteString("accessList", binding.AccessList);
            json.WriteString("direction", binding.Direction == TrafficDirection.Out ? "out" : "in");
            json.WriteNumber("line", binding.Location.Line);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("profiles");
        foreach (var profile in ruleSet.Profiles)
        {
            json.WriteStartObject();
            json.WriteString("name", profile.Profile.Name);
            if (profile.Enabled is { } enabled) json.WriteBoolean("enabled", enabled);
            if (profile.DefaultInbound is { } inbound) json.WriteString("defaultInbound", inbound == RuleAction.Permit ? "allow" : "block");
            if (profile.DefaultOutbound is { } outbound) json.WriteString("defaultOutbound", outbound == RuleAction.Permit ? "allow" : "block");
            if (profile.AllowLocalPolicyMerge is { } merge) json.WriteBoolean("allowLocalPolicyMerge", merge);
            if (profile.BlockAllInbound is { } shields) json.WriteBoolean("blockAllInbound", shields);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("notUnderstood");
        foreach (var item in ruleSet.NotUnderstood)
        {
            json.WriteStartObject();
            json.WriteNumber("line", item.Location.Line);
            json.WriteNumber("column", item.Location.Column);
            json.WriteString("construct", item.Construct);
            json.WriteString("text", item.Text);
            json.WriteString("effect", RuleSetWords.EffectId(item.Effect));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteRule(System.Text.Json.Utf8JsonWriter json, ImportedRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteNumber("line", rule.Location.Line);
        json.WriteString("verdict", RuleSetWords.Verdict(rule.Verdict));
        if (rule.Target is not null) json.WriteString("target", rule.Target);
        json.WriteString("protocols", rule.Protocols.ToString());
        json.WriteString("source", rule.Source.IsAny ? "any" : rule.Source.ToString());
        json.WriteString("sourcePorts", rule.SourcePorts.Equals(Core.Ports.PortSet.All) ? "any" : rule.SourcePorts.ToString());
        json.WriteString("destination", rule.Destination.IsAny ? "any" : rule.Destination.ToString());
        json.WriteString("destinationPorts", rule.DestinationPorts.Equals(Core.Ports.PortSet.All) ? "any" : rule.DestinationPorts.ToString());
        json.WriteBoolean("newConnections", rule.NewConnections);
        if (rule.Direction is { } direction) json.WriteString("direction", direction == TrafficDirection.Out ? "out" : "in");
        json.WriteBoolean("enabled", rule.Enabled);
        JsonOutput.Strings(json, "profiles", rule.Profiles.Select(p => p.Name));
        json.WriteStartArray("opaque");
        foreach (var opaque in rule.Opaque)
        {
            json.WriteStartObject();
            json.WriteString("construct", opaque.Construct);
            json.WriteString("text", opaque.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("text", rule.Text);
        json.WriteEndObject();
    }
}
