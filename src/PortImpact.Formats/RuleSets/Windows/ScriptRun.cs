using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>A rule a script has made, with the names a later removal may select it by.</summary>
internal sealed record ScriptRule(ImportedRule Rule, string Name, string DisplayName, string? Group, bool Gpo);

/// <summary>A profile's settings as the script has left them so far (null: not set by the script).</summary>
internal sealed class ScriptProfile(FirewallProfile name, SourceLocation location)
{
    public FirewallProfile Name { get; } = name;
    public SourceLocation Location { get; set; } = location;
    public bool? Enabled { get; set; }
    public RuleAction? DefaultInbound { get; set; }
    public RuleAction? DefaultOutbound { get; set; }
    public bool? AllowLocalPolicyMerge { get; set; }
    public bool? BlockAllInbound { get; set; }

    public WindowsProfile ToRecord() => new(Name, Enabled, DefaultInbound, DefaultOutbound, AllowLocalPolicyMerge, BlockAllInbound, Location);
}

/// <summary>
/// What a firewall script has done so far, as its commands run in order against an empty store: the rules made
/// and not removed, the profiles' settings, what was not understood, and whether any firewall command ran at all
/// (a script without one is not a firewall script). The PowerShell and netsh commands change it; <see cref="Finish"/>
/// turns it into the rule set.
/// </summary>
internal sealed class ScriptRun(string file, PortSet? rpcDynamicPorts)
{
    private readonly List<NotUnderstood> _notUnderstood = [];
    private readonly Dictionary<FirewallProfile, ScriptProfile> _profiles = [];
    private int _firewallCommands;

    public string File { get; } = file;

    /// <summary>What the <c>RPC</c> port keyword means on the host; null for Windows' default range.</summary>
    public PortSet? RpcDynamicPorts { get; } = rpcDynamicPorts;

    /// <summary>The rules made so far and not removed, in the order they were made.</summary>
    public ScriptRuleStore Rules { get; } = new();

    /// <summary>Where the rule interpreter and the commands report what they do not understand.</summary>
    public ICollection<NotUnderstood> NotUnderstood => _notUnderstood;

    /// <summary>Counts a command that changes the firewall (read or not): the script is a firewall script.</summary>
    public void FirewallCommand() => _firewallCommands++;

    public void Skipped(SourceLocation location, string construct, string text) =>
        _notUnderstood.Add(new NotUnderstood(location, construct, text, NotUnderstoodEffect.Skipped));

    /// <summary>
    /// A statement this reader does not run: one that changes the firewall makes results uncertain; anything else
    /// (Get-NetFirewallRule, Write-Host "configuring the firewall", echo, if) is skipped and listed.
    /// </summary>
    public void Other(SourceLocation location, string construct, string text, bool changesFirewall)
    {
        if (!changesFirewall)
        {
            Skipped(location, construct, text);
            return;
        }
        _firewallCommands++;
        Uncertain(location, construct, text, "a firewall command PortImpact does not run: it may change any rule");
    }

    /// <summary>Rules standing for a command whose effect is unknown: it may allow (even over a block) or block anything, either way.</summary>
    public void Uncertain(SourceLocation location, string construct, string text, string why)
    {
        _notUnderstood.Add(new NotUnderstood(location, construct, $"{text} ({why})", NotUnderstoodEffect.ChainUncertain));
        var opaque = new OpaqueCondition("command not understood", text);
        foreach (var direction in new[] { TrafficDirection.In, TrafficDirection.Out })
        {
            foreach (var verdict in new[] { RuleVerdict.Bypass, RuleVerdict.Deny })
            {
                var id = $"line {location.Line}: {construct} (may {(verdict == RuleVerdict.Deny ? "block" : "allow")} {(direction == TrafficDirection.In ? "in" : "out")})";
                var rule = ImportedRule.Everything(id, location, text, verdict) with
                {
                    Direction = direction,
                    Profiles = [.. FirewallProfile.All],
                    Opaque = [opaque],
                };
                Rules.Add(new ScriptRule(rule, id, id, null, Gpo: false));
            }
        }
    }

    /// <summary>The profile the script is setting, created on first use; its location becomes the latest command's.</summary>
    public ScriptProfile Profile(FirewallProfile name, SourceLocation location)
    {
        if (!_profiles.TryGetValue(name, out var profile)) _profiles[name] = profile = new ScriptProfile(name, location);
        profile.Location = location;
        return profile;
    }

    /// <summary>The name Windows gives a rule made without one (a new GUID): a removal by name never finds it.</summary>
    public string GeneratedName() => $"{{generated name of rule {Rules.Count + 1}}}";

    public RuleSet Finish()
    {
        if (_firewallCommands == 0)
        {
            throw new InputException(new SourceLocation(File, 1, 1),
                Messages.Format("ScriptNoFirewallCommand"));
        }
        var made = Rules.InOrder().ToList();
        var ids = RuleIds.Numbered([.. made.Select(r => r.Rule.Id)]);
        var chains = ImmutableArray.CreateBuilder<RuleChain>();
        foreach (var gpo in new[] { false, true })
        {
            var rules = made.Select((rule, index) => (rule, index)).Where(x => x.rule.Gpo == gpo)
                .Select(x => x.rule.Rule with { Id = ids[x.index] }).ToImmutableArray();
            if (rules.IsEmpty && (gpo || made.Count > 0)) continue;
            var location = rules.IsEmpty ? new SourceLocation(File, 1, 1) : rules[0].Location;
            chains.Add(new RuleChain(gpo ? "gpo" : "local", null, ChainKind.WindowsRules, null, 0, null, rules, location));
        }
        var profiles = FirewallProfile.All.Where(_profiles.ContainsKey).Select(p => _profiles[p].ToRecord()).ToImmutableArray();
        return new RuleSet(RuleSetFormat.WindowsScript, File, PolicySemantics.WindowsFirewall, chains.ToImmutable(), [], profiles,
            [.. _notUnderstood.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
    }
}
