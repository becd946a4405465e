using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;
using Spectre.Console;

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

    public static void Table(IAnsiConsole console, RuleSet ruleSet, LintReport report, Text text)
    {
        var findings = report.Findings;
        console.Write(new Rule(RuleSetWords.Cell(text.Format("LintTitle", ruleSet.File))).LeftJustified());
        if (findings.Length == 0)
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
                    finding.Severity == LintSeverity.Error ? $"[red]{RuleSetWords.Cell(severity)}[/]" : $"[yellow]{RuleSetWords.Cell(severity)}[/]",
                    finding.Rule.Location.Line.ToString(CultureInfo.InvariantCulture),
                    RuleSetWords.Cell(finding.Chain),
                    RuleSetWords.Cell($"{finding.Kind}: {LintMessage(finding, text)}"),
                    RuleSetWords.Cell(RuleSetWords.Describe(finding.Rule)),
                    RuleSetWords.Cell(string.Join(", ", finding.Because.Select(b => $"{ruleSet.File}:{b.Location.Line}"))));
            }
            console.Write(table);
        }
        console.WriteLine(text.Format("LintSummary", findings.Count(f => f.Severity == LintSeverity.Error), findings.Count(f => f.Severity == LintSeverity.Warning)));
        // Rules a work bound cut short (hostile or huge chains) are said, so that "no finding" is never read as "checked".
        foreach (var note in report.Notes) console.WriteLine(RuleSetWords.Cell(text.Format("Warning", note)));
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
}
