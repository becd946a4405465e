using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using static PortImpact.Formats.RuleSets.Windows.PowerShellParameters;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Runs the PowerShell statements of a firewall script: <c>New-NetFirewallRule</c> (<see cref="NewNetFirewallRuleCommand"/>),
/// <c>Remove-NetFirewallRule</c> by name, display name or group (with wildcards) and <c>Set-NetFirewallProfile</c>.
/// Another NetSecurity cmdlet that changes the firewall (<c>Set-</c>, <c>Enable-</c>, <c>Disable-NetFirewallRule</c> …),
/// a pipeline into one, or a statement whose text calls one, is not followed: it makes every result uncertain.
/// Anything else is skipped and listed.
/// </summary>
internal static partial class PowerShellFirewallCommands
{
    public static void Run(ScriptRun run, PowerShellCommand command)
    {
        // "Get-NetFirewallRule -Group X | Remove-NetFirewallRule": what the pipeline changes is not followed.
        if (command.PipedTo.FirstOrDefault(ChangesFirewall) is { } piped)
        {
            run.FirewallCommand();
            run.Uncertain(command.Location, piped, command.Text, "rules piped into a firewall command PortImpact does not follow: it may change any rule");
            return;
        }
        switch (command.Name.ToLowerInvariant())
        {
            case "new-netfirewallrule":
                run.FirewallCommand();
                NewNetFirewallRuleCommand.Run(run, command);
                break;
            case "remove-netfirewallrule":
                run.FirewallCommand();
                RemoveRules(run, command);
                break;
            case "set-netfirewallprofile":
                run.FirewallCommand();
                SetProfile(run, command);
                break;
            default:
                // A statement that is no command call ($x = …, if, braces) may still call one inside.
                // Its text counts too: "if (…) { Remove-NetFirewallRule … }", "& netsh advfirewall reset", "cmd /c netsh …".
                var changes = ChangesFirewall(command.Name) || ChangingCmdlet().IsMatch(command.Text) || NetshChangeInText().IsMatch(command.Text);
                run.Other(command.Location, command.Name.Length > 0 ? command.Name : "statement", command.Text, changes);
                break;
        }
    }

    private static void RemoveRules(ScriptRun run, PowerShellCommand command)
    {
        var bound = Bind(command, RemoveRule, unknownAllowed: false, out _);
        if (bound is null || !command.Positional.IsEmpty || bound.Values.Any(p => p.Values.Any(v => v.Dynamic)))
        {
            run.Uncertain(command.Location, command.Name, command.Text, "a removal PortImpact cannot follow: it may remove any rule");
            return;
        }
        if (IsOn(bound, "WhatIf")) return;
        if (bound.ContainsKey("All"))
        {
            run.Rules.Clear();
            return;
        }
        var selectors = new (string Parameter, RuleSelector By)[]
        {
            ("Name", RuleSelector.Name), ("DisplayName", RuleSelector.DisplayName), ("Group", RuleSelector.Group), ("DisplayGroup", RuleSelector.Group),
        };
        var used = selectors.Where(s => bound.ContainsKey(s.Parameter))
            .Select(s => (s.By, (IReadOnlyList<PowerShellWildcard>)[.. bound[s.Parameter].Values.Select(v => PowerShellWildcard.Parse(v.Text, v.Location))]))
            .ToList();
        if (used.Count == 0) throw new InputException(command.Location, Messages.Format("PsRemoveNeedsSelector"));
        run.Rules.RemoveWhere(used, _ => true);
    }

    private static void SetProfile(ScriptRun run, PowerShellCommand command)
    {
        var bound = Bind(command, PowerShellParameters.SetProfile, unknownAllowed: false, out _);
        if (bound is null || bound.Values.Any(p => p.Values.Any(v => v.Dynamic)))
        {
            run.Uncertain(command.Location, command.Name, command.Text, "a profile setting PortImpact cannot read: it may change any decision");
            return;
        }
        if (IsOn(bound, "WhatIf")) return;
        // -Name, its alias -Profile, or the names given first without a parameter.
        var written = bound.GetValueOrDefault("Name") ?? bound.GetValueOrDefault("Profile");
        List<FirewallProfile> names = bound.ContainsKey("All") ? [.. FirewallProfile.All]
            : [.. (written?.Values ?? command.Positional).SelectMany(SplitCommas)
                .Select(v => FirewallProfile.Parse(Choice(written?.Name ?? "Name", v, [.. FirewallProfile.All.Select(p => p.Name)])))];
        if (names.Count == 0) throw new InputException(command.Location, Messages.Format("PsSetProfileNeedsName"));
        foreach (var name in names)
        {
            var profile = run.Profile(name, command.Location);
            foreach (var (key, parameter) in bound)
            {
                var value = parameter.Values.IsEmpty ? null : parameter.Values[0];
                bool? Flag() => Choice(key, value!, "True", "False", "NotConfigured") switch { "True" => true, "False" => false, _ => null };
                RuleAction? Act() => Choice(key, value!, "Allow", "Block", "NotConfigured") switch { "Allow" => RuleAction.Permit, "Block" => RuleAction.Deny, _ => null };
                if (value is null && key is not ("All" or "AsJob" or "WhatIf" or "Confirm" or "Verbose" or "Debug"))
                {
                    throw new InputException(parameter.Location, Messages.Format("PsSetProfileNeedsValue", key));
                }
                switch (key)
                {
                    case "Enabled":
                        profile.Enabled = Flag();
                        break;
                    case "DefaultInboundAction":
                        profile.DefaultInbound = Act();
                        break;
                    case "DefaultOutboundAction":
                        profile.DefaultOutbound = Act();
                        break;
                    case "AllowLocalFirewallRules":
                        profile.AllowLocalPolicyMerge = Flag();
                        break;
                    case "AllowInboundRules":
                        profile.BlockAllInbound = Flag() is { } allow ? !allow : null;
                        break;
                    case "DisabledInterfaceAliases" or "AllowedInterfaces":
                        run.NotUnderstood.Add(new NotUnderstood(parameter.Location, $"-{key}", $"{command.Text} (interfaces the profile does not filter on: not known here)",
                            NotUnderstoodEffect.ChainUncertain));
                        break;
                }
            }
        }
    }

    /// <summary>A NetSecurity cmdlet that changes rules, profiles or settings (not Get-, Show-, Test-, Find-).</summary>
    private static bool ChangesFirewall(string command) => ChangingCmdlet().Match(command) is { Success: true, Index: 0 } match && match.Length == command.Length;

    // Without backtracking: two ".*" over a long statement of "netsh firewall" words took longer than any timeout.
    [GeneratedRegex(@"\bnetsh(\.exe)?\b.*\b(advfirewall|firewall)\b.*\b(add|delete|set|reset|import)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NetshChangeInText();

    [GeneratedRegex(@"\b(New|Set|Remove|Enable|Disable|Copy|Rename|Import|Restore|Open|Save|Sync|Update)-Net(Firewall|IPsec)[A-Za-z]*", RegexOptions.IgnoreCase)]
    private static partial Regex ChangingCmdlet();
}
