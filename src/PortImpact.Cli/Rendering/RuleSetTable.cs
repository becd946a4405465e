using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.RuleSets;
using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Rendering;

/// <summary>What <c>rules import</c> prints for people: chains, bindings, profiles and what was not understood.</summary>
public static class RuleSetTable
{
    public static void Render(ReportWriter report, RuleSet ruleSet, Text text)
    {
        report.Heading(RuleSetWords.Shown(text.Format("RulesTitle", ruleSet.File, RuleSetWords.FormatId(ruleSet.Format))));
        var chains = new ReportTable(new[] { "ColChain", "ColTable", "ColKind", "ColHook", "ColPriority", "ColPolicy", "ColRules" }.Select(key => text[key]));
        foreach (var chain in ruleSet.Chains)
        {
            chains.Row(RuleSetWords.Shown(chain.Name), RuleSetWords.Shown(chain.Table ?? ""), chain.Kind.ToString().ToLowerInvariant(),
                RuleSetWords.Shown(chain.Hook ?? ""), chain.Kind == ChainKind.Base ? chain.Priority.ToString(CultureInfo.InvariantCulture) : "",
                chain.Kind is ChainKind.User or ChainKind.WindowsRules ? "" : RuleSetWords.Verdict(chain.Policy),
                chain.Rules.Length.ToString(CultureInfo.InvariantCulture));
        }
        report.Table(chains);
        if (!ruleSet.Bindings.IsEmpty)
        {
            var bindings = new ReportTable(new[] { "ColInterface", "ColAccessList", "ColDirection", "ColLine" }.Select(key => text[key]));
            foreach (var binding in ruleSet.Bindings)
            {
                bindings.Row(RuleSetWords.Shown(binding.Interface), RuleSetWords.Shown(binding.AccessList), binding.Direction == TrafficDirection.Out ? "out" : "in",
                    binding.Location.Line.ToString(CultureInfo.InvariantCulture));
            }
            report.Table(bindings);
        }
        if (!ruleSet.Profiles.IsEmpty)
        {
            var profiles = new ReportTable(new[] { "ColProfile", "ColEnabled", "ColDefaultIn", "ColDefaultOut", "ColLocalMerge" }.Select(key => text[key]));
            string Flag(bool? value) => value is null ? text["NotStated"] : value.Value ? "yes" : "no";
            string Action(RuleAction? value) => value is null ? text["NotStated"] : value == RuleAction.Permit ? "allow" : "block";
            foreach (var profile in ruleSet.Profiles)
            {
                profiles.Row(RuleSetWords.Shown(profile.Profile.Name), Flag(profile.Enabled), Action(profile.DefaultInbound), Action(profile.DefaultOutbound), Flag(profile.AllowLocalPolicyMerge));
            }
            report.Table(profiles);
        }
        if (!ruleSet.NotUnderstood.IsEmpty)
        {
            report.Line(text.Format("NotUnderstoodHeader", ruleSet.NotUnderstood.Length));
            var unknown = new ReportTable(new[] { "ColLine", "ColConstruct", "ColText", "ColEffect" }.Select(key => text[key]));
            foreach (var item in ruleSet.NotUnderstood)
            {
                unknown.Row(item.Location.Line.ToString(CultureInfo.InvariantCulture), RuleSetWords.Shown(item.Construct),
                    RuleSetWords.Shown(InputEcho.Escape(item.Text)), RuleSetWords.Shown(RuleSetWords.Effect(item.Effect, text)));
            }
            report.Table(unknown);
        }
        report.Line(text.Format("RulesSummary", ruleSet.Chains.Length, ruleSet.RuleCount, ruleSet.NotUnderstood.Length));
    }
}
