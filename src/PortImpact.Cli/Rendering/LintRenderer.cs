using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Rendering;

/// <summary>What <c>rules lint</c> prints: shadowed, conflicting and redundant rules.</summary>
public static class LintRenderer
{
    private static string LintMessage(LintFinding finding, Text text) => text[finding.Kind switch
    {
        "conflict" => "LintConflict",
        "shadowed" => "LintShadowed",
        _ => "LintRedundant",
    }];

    public static void Table(ReportWriter output, RuleSet ruleSet, LintReport report, Text text)
    {
        var findings = report.Findings;
        output.Heading(RuleSetWords.Shown(text.Format("LintTitle", ruleSet.File)));
        if (findings.Length == 0)
        {
            output.Line(text["LintNone"]);
        }
        else
        {
            var table = new ReportTable(new[] { "ColSeverity", "ColLine", "ColChain", "ColFinding", "ColRule", "ColBecause" }.Select(key => text[key]), notesColumn: 3);
            foreach (var finding in findings)
            {
                var error = finding.Severity == LintSeverity.Error;
                table.Row(
                    new ReportCell(text[error ? "SeverityError" : "SeverityWarning"], error ? "red" : "yellow"),
                    finding.Rule.Location.Line.ToString(CultureInfo.InvariantCulture),
                    RuleSetWords.Shown(finding.Chain),
                    RuleSetWords.Shown($"{finding.Kind}: {LintMessage(finding, text)}"),
                    RuleSetWords.Shown(RuleSetWords.Describe(finding.Rule)),
                    Lines(finding, text));
            }
            output.Table(table);
        }
        output.Line(text.Format("LintSummary", findings.Count(f => f.Severity == LintSeverity.Error), findings.Count(f => f.Severity == LintSeverity.Warning)));
        // Rules a work bound cut short (hostile or huge chains) are said, so that "no finding" is never read as "checked".
        foreach (var note in report.Notes) output.Line(RuleSetWords.Shown(text.Format("Warning", note)));
    }

    public static string Json(RuleSet ruleSet, LintReport report) => JsonOutput.Write(json =>
    {
        var findings = report.Findings;
        json.WriteStartObject();
        json.WriteString("file", ruleSet.File);
        json.WriteString("format", RuleSetWords.FormatId(ruleSet.Format));
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
        json.WriteStartArray("notes");
        foreach (var note in report.Notes) json.WriteStringValue(note);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>The lines of the rules that cause a finding; the file is the one the title names, so it is not repeated.</summary>
    private static string Lines(LintFinding finding, Text text)
    {
        var lines = finding.Because.Select(b => b.Location.Line).Distinct().Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList();
        return lines.Count == 0 ? "" : text.Format(lines.Count == 1 ? "LintBecauseLine" : "LintBecauseLines", string.Join(", ", lines));
    }
}
