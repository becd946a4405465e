using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;
using Spectre.Console;

namespace PortImpact.Cli.Rendering;

/// <summary>What <c>rules import</c> and <c>rules explain</c> print: tables for people, JSON for scripts.</summary>
public static class RuleSetRenderer
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

    private static string Effect(NotUnderstoodEffect effect, Text text) => text[effect switch
    {
        NotUnderstoodEffect.RuleMayMatch => "EffectRuleMayMatch",
        NotUnderstoodEffect.ChainUncertain => "EffectChainUncertain",
        _ => "EffectSkipped",
    }];

    private static string EffectId(NotUnderstoodEffect effect) => effect switch
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

    private static string Side(string addresses, Core.Ports.PortSet ports) =>
        ports.Equals(Core.Ports.PortSet.All) ? addresses : $"{addresses}:{ports}";

    public static void Table(IAnsiConsole console, RuleSet ruleSet, Text text)
    {
        console.Write(new Rule(Cell(text.Format("RulesTitle", ruleSet.File, FormatId(ruleSet.Format)))).LeftJustified());
        var chains = new Table().Border(TableBorder.Rounded);
        foreach (var key in new[] { "ColChain", "ColTable", "ColKind", "ColHook", "ColPriority", "ColPolicy", "ColRules" }) chains.AddColumn(text[key]);
        foreach (var chain in ruleSet.Chains)
        {
            chains.AddRow(Cell(chain.Name), Cell(chain.Table ?? ""), chain.Kind.ToString().ToLowerInvariant(),
                Cell(chain.Hook ?? ""), chain.Kind == ChainKind.Base ? chain.Priority.ToString(CultureInfo.InvariantCulture) : "",
                chain.Kind is ChainKind.User or ChainKind.WindowsRules ? "" : Verdict(chain.Policy),
                chain.Rules.Length.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(chains);
        if (!ruleSet.Bindings.IsEmpty)
        {
            var bindings = new Table().Border(TableBorder.Rounded);
            foreach (var key in new[] { "ColInterface", "ColAccessList", "ColDirection", "ColLine" }) bindings.AddColumn(text[key]);
            foreach (var binding in ruleSet.Bindings)
            {
                bindings.AddRow(Cell(binding.Interface), Cell(binding.AccessList), binding.Direction == TrafficDirection.Out ? "out" : "in",
                    binding.Location.Line.ToString(CultureInfo.InvariantCulture));
            }
            console.Write(bindings);
        }
        if (!ruleSet.Profiles.IsEmpty)
        {
            var profiles = new Table().Border(TableBorder.Rounded);
            foreach (var key in new[] { "ColProfile", "ColEnabled", "ColDefaultIn", "ColDefaultOut", "ColLocalMerge" }) profiles.AddColumn(text[key]);
            string Flag(bool? value) => value is null ? text["NotStated"] : value.Value ? "yes" : "no";
            string Action(RuleAction? value) => value is null ? text["NotStated"] : value == RuleAction.Permit ? "allow" : "block";
            foreach (var profile in ruleSet.Profiles)
            {
                profiles.AddRow(Cell(profile.Name), Flag(profile.Enabled), Action(profile.DefaultInbound), Action(profile.DefaultOutbound), Flag(profile.AllowLocalPolicyMerge));
            }
            console.Write(profiles);
        }
        if (!ruleSet.NotUnderstood.IsEmpty)
        {
            console.WriteLine(text.Format("NotUnderstoodHeader", ruleSet.NotUnderstood.Length));
            var unknown = new Table().Border(TableBorder.Rounded);
            foreach (var key in new[] { "ColLine", "ColConstruct", "ColText", "ColEffect" }) unknown.AddColumn(text[key]);
            foreach (var item in ruleSet.NotUnderstood)
            {
                unknown.AddRow(item.Location.Line.ToString(CultureInfo.InvariantCulture), Cell(item.Construct),
                    Cell(InputEcho.Escape(item.Text)), Cell(Effect(item.Effect, text)));
            }
            console.Write(unknown);
        }
        console.WriteLine(text.Format("RulesSummary", ruleSet.Chains.Length, ruleSet.RuleCount, ruleSet.NotUnderstood.Length));
    }

    public static string Json(RuleSet ruleSet) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("file", ruleSet.File);
        json.WriteString("format", FormatId(ruleSet.Format));
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
            if (chain.Policy is not null) json.WriteString("policy", Verdict(chain.Policy));
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
            json.WriteString("name", profile.Name);
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
            json.WriteString("effect", EffectId(item.Effect));
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
        json.WriteString("verdict", Verdict(rule.Verdict));
        if (rule.Target is not null) json.WriteString("target", rule.Target);
        json.WriteString("protocols", rule.Protocols.ToString());
        json.WriteString("source", rule.Source.IsAny ? "any" : rule.Source.ToString());
        json.WriteString("sourcePorts", rule.SourcePorts.Equals(Core.Ports.PortSet.All) ? "any" : rule.SourcePorts.ToString());
        json.WriteString("destination", rule.Destination.IsAny ? "any" : rule.Destination.ToString());
        json.WriteString("destinationPorts", rule.DestinationPorts.Equals(Core.Ports.PortSet.All) ? "any" : rule.DestinationPorts.ToString());
        json.WriteBoolean("newConnections", rule.NewConnections);
        if (rule.Direction is { } direction) json.WriteString("direction", direction == TrafficDirection.Out ? "out" : "in");
        json.WriteBoolean("enabled", rule.Enabled);
        JsonOutput.Strings(json, "profiles", rule.Profiles);
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

    private static string Where(RuleSet ruleSet, FlowContext context) => ruleSet.Semantics == PolicySemantics.WindowsFirewall
        ? $"{(context.Direction == TrafficDirection.Out ? "out" : "in")}, {context.Profile}"
        : ruleSet.Format == RuleSetFormat.CiscoIos ? $"access list {context.AccessList}"
        : ruleSet.Format == RuleSetFormat.Model ? $"the model's policy, {context.AccessList}bound" : $"hook {context.Hook}";

    private static string DecisionText(FlowDecision decision, Text text) => text[decision switch
    {
        FlowDecision.Permit => "DecisionPermit",
        FlowDecision.Deny => "DecisionDeny",
        _ => "DecisionUncertain",
    }];

    /// <summary>
    /// A table cell of text read from a rule file: Spectre markup escaped, and control bytes shown as <c>\xNN</c> so that
    /// a chain name or rule holding an ESC cannot drive the terminal.
    /// </summary>
    private static string Cell(string text) => Markup.Escape(InputEcho.Escape(text, int.MaxValue));

    public static string ExplanationText(RuleSet ruleSet, Flow flow, FlowContext context, FlowExplanation explanation, Text text)
    {
        var output = new StringBuilder();
        output.AppendLine(text.Format("ExplainFlow", flow));
        output.AppendLine(text.Format("ExplainAt", $"{ruleSet.File} ({FormatId(ruleSet.Format)}, {Where(ruleSet, context)})"));
        output.AppendLine(text.Format("ExplainDecision", DecisionText(explanation.Decision, text)));
        for (var i = 0; i < explanation.Paths.Length; i++)
        {
            var path = explanation.Paths[i];
            var decided = path.DecidedBy is { } rule
                ? text.Format("ExplainDecidedBy", $"{ruleSet.File}:{rule.Location.Line}", rule.Text)
                : text.Format("ExplainDecidedByDefault", path.Default);
            output.AppendLine(text.Format("ExplainPath", i + 1, $"{(path.Outcome == RuleAction.Permit ? text["DecisionPermit"] : text["DecisionDeny"])}, {decided}"));
            foreach (var step in path.Steps)
            {
                output.Append("    ").AppendLine(text.Format(step.Certain ? "ExplainMatched" : "ExplainMaybe",
                    $"{step.Chain} {ruleSet.File}:{step.Rule.Location.Line}  {Describe(step.Rule)}"));
            }
        }
        foreach (var note in explanation.Notes) output.AppendLine(text.Format("Warning", note));
        // Rule text, chain names and notes come from the file: each line is printed with its control bytes escaped.
        return string.Join('\n', output.ToString().Split('\n').Select(line => InputEcho.Escape(line.TrimEnd('\r'), int.MaxValue))).TrimEnd('\n') + Environment.NewLine;
    }

    public static string ExplanationJson(RuleSet ruleSet, Flow flow, FlowContext context, FlowExplanation explanation) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("file", ruleSet.File);
        json.WriteString("format", FormatId(ruleSet.Format));
        json.WriteString("flow", flow.ToString());
        json.WriteString("at", Where(ruleSet, context));
        json.WriteString("decision", explanation.Decision.ToString().ToLowerInvariant());
        json.WriteStartArray("paths");
        foreach (var path in explanation.Paths)
        {
            json.WriteStartObject();
            json.WriteString("outcome", path.Outcome == RuleAction.Permit ? "permit" : "deny");
            if (path.DecidedBy is { } rule)
            {
                json.WriteString("decidedBy", rule.Id);
                json.WriteNumber("line", rule.Location.Line);
                json.WriteString("text", rule.Text);
            }
            else
            {
                json.WriteString("default", path.Default);
            }
            json.WriteStartArray("steps");
            foreach (var step in path.Steps)
            {
                json.WriteStartObject();
                json.WriteString("chain", step.Chain);
                json.WriteString("rule", step.Rule.Id);
                json.WriteNumber("line", step.Rule.Location.Line);
                json.WriteBoolean("certain", step.Certain);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        JsonOutput.Strings(json, "notes", explanation.Notes);
        json.WriteEndObject();
    });

    private static string LintMessage(LintFinding finding, Text text) => text[finding.Kind switch
    {
        "conflict" => "LintConflict",
        "shadowed" => "LintShadowed",
        _ => "LintRedundant",
    }];

    public static void LintTable(IAnsiConsole console, RuleSet ruleSet, IReadOnlyList<LintFinding> findings, Text text)
    {
        console.Write(new Rule(Cell(text.Format("LintTitle", ruleSet.File))).LeftJustified());
        if (findings.Count == 0)
        {
            console.WriteLine(text["LintNone"]);
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var key in new[] { "ColSeverity", "ColLine", "ColChain", "ColFinding", "ColRule", "ColBecause" }) table.AddColumn(text[key]);
            foreach (var finding in findings)
            {
                var severity = text[finding.Severity == LintSeverity.Error ? "SeverityError" : "SeverityWarning"];
                table.AddRow(
                    finding.Severity == LintSeverity.Error ? $"[red]{Cell(severity)}[/]" : $"[yellow]{Cell(severity)}[/]",
                    finding.Rule.Location.Line.ToString(CultureInfo.InvariantCulture),
                    Cell(finding.Chain),
                    Cell($"{finding.Kind}: {LintMessage(finding, text)}"),
                    Cell(Describe(finding.Rule)),
                    Cell(string.Join(", ", finding.Because.Select(b => $"{ruleSet.File}:{b.Location.Line}"))));
            }
            console.Write(table);
        }
        console.WriteLine(text.Format("LintSummary", findings.Count(f => f.Severity == LintSeverity.Error), findings.Count(f => f.Severity == LintSeverity.Warning)));
    }

    public static string LintJson(RuleSet ruleSet, IReadOnlyList<LintFinding> findings) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("file", ruleSet.File);
        json.WriteString("format", FormatId(ruleSet.Format));
        json.WriteNumber("errors", findings.Count(f => f.Severity == LintSeverity.Error));
        json.WriteNumber("warnings", findings.Count(f => f.Severity == LintSeverity.Warning));
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("kind", finding.Kind);
            json.WriteString("severity", finding.Severity == LintSeverity.Error ? "error" : "warning");
            json.WriteString("chain", finding.Chain);
            json.WriteString("rule", finding.Rule.Id);
            json.WriteNumber("line", finding.Rule.Location.Line);
            json.WriteString("text", finding.Rule.Text);
            json.WriteString("message", finding.Message);
            json.WriteStartArray("because");
            foreach (var other in finding.Because)
            {
                json.WriteStartObject();
                json.WriteString("rule", other.Id);
                json.WriteNumber("line", other.Location.Line);
                json.WriteString("text", other.Text);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });
}
