using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;
using Spectre.Console;

namespace PortImpact.Cli.Rendering;

/// <summary>What <c>rules import</c> prints for people: chains, bindings, profiles and what was not understood.</summary>
public static class RuleSetTable
{
    public static void Render(IAnsiConsole console, RuleSet ruleSet, Text text)
    {
        console.Write(new Rule(RuleSetWords.Cell(text.Format("RulesTitle", ruleSet.File, RuleSetWords.FormatId(ruleSet.Format)))).LeftJustified());
        var chains = new Table().Border(TableBorder.Rounded);
        foreach (var key in new[] { "ColChain", "ColTable", "ColKind", "ColHook", "ColPriority", "ColPolicy", "ColRules" }) chains.AddColumn(text[key]);
        foreach (var chain in ruleSet.Chains)
        {
            chains.AddRow(RuleSetWords.Cell(chain.Name), RuleSetWords.Cell(chain.Table ?? ""), chain.Kind.ToString().ToLowerInvariant(),
                RuleSetWords.Cell(chain.Hook ?? ""), chain.Kind == ChainKind.Base ? chain.Priority.ToString(CultureInfo.InvariantCulture) : "",
                chain.Kind is ChainKind.User or ChainKind.WindowsRules ? "" : RuleSetWords.Verdict(chain.Policy),
                chain.Rules.Length.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(chains);
        if (!ruleSet.Bindings.IsEmpty)
        {
            var bindings = new Table().Border(TableBorder.Rounded);
            foreach (var key in new[] { "ColInterface", "ColAccessList", "ColDirection", "ColLine" }) bindings.AddColumn(text[key]);
            foreach (var binding in ruleSet.Bindings)
            {
                bindings.AddRow(RuleSetWords.Cell(binding.Interface), RuleSetWords.Cell(binding.AccessList), binding.Direction == TrafficDirection.Out ? "out" : "in",
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
                profiles.AddRow(RuleSetWords.Cell(profile.Profile.Name), Flag(profile.Enabled), Action(profile.DefaultInbound), Action(profile.DefaultOutbound), Flag(profile.AllowLocalPolicyMerge));
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
                unknown.AddRow(item.Location.Line.ToString(CultureInfo.InvariantCulture), RuleSetWords.Cell(item.Construct),
                    RuleSetWords.Cell(InputEcho.Escape(item.Text)), RuleSetWords.Cell(RuleSetWords.Effect(item.Effect, text)));
            }
            console.Write(unknown);
        }
        console.WriteLine(text.Format("RulesSummary", ruleSet.Chains.Length, ruleSet.RuleCount, ruleSet.NotUnderstood.Length));
    }
}
