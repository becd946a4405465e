using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Cli.Rendering;

/// <summary>What <c>rules explain</c> prints: every way the flow can be decided, with the rules that decide it.</summary>
public static class FlowExplanationRenderer
{
    public static string Text(RuleSet ruleSet, Flow flow, FlowContext context, FlowExplanation explanation, Text text)
    {
        var output = new StringBuilder();
        output.AppendLine(text.Format("ExplainFlow", flow));
        output.AppendLine(text.Format("ExplainAt", $"{ruleSet.File} ({RuleSetWords.FormatId(ruleSet.Format)}, {RuleSetWords.Where(ruleSet, context)})"));
        output.AppendLine(text.Format("ExplainDecision", RuleSetWords.DecisionText(explanation.Decision, text)));
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
                    $"{step.Chain} {ruleSet.File}:{step.Rule.Location.Line}  {RuleSetWords.Describe(step.Rule)}"));
            }
        }
        foreach (var note in explanation.Notes) output.AppendLine(text.Format("Warning", note));
        // Rule text, chain names and notes come from the file: each line is printed with its control bytes escaped.
        return string.Join('\n', output.ToString().Split('\n').Select(line => InputEcho.Escape(line.TrimEnd('\r'), int.MaxValue))).TrimEnd('\n') + Environment.NewLine;
    }

    public static string Json(RuleSet ruleSet, Flow flow, FlowContext context, FlowExplanation explanation) => JsonOutput.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("file", ruleSet.File);
        json.WriteString("format", RuleSetWords.FormatId(ruleSet.Format));
        json.WriteString("flow", flow.ToString());
        json.WriteString("at", RuleSetWords.Where(ruleSet, context));
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
}
