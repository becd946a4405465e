using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Runs the netsh commands of a firewall script: <c>netsh advfirewall firewall add rule</c> (its tags turned into
/// the rule grammar's keys; netsh requires name, dir and action), <c>delete rule name=… [dir=…]</c> and
/// <c>netsh advfirewall set allprofiles|domainprofile|… state|firewallpolicy|settings localfirewallrules</c>.
/// A value cmd or PowerShell computes (<c>%VAR%</c>, <c>$var</c>) in a filter makes the rule "may match"; in the
/// name, direction, action or switch, or in a netsh command that changes filtering and is not read here
/// (<c>set rule</c>, <c>reset</c>, <c>import</c>), it makes every result uncertain.
/// </summary>
internal static partial class NetshFirewallCommands
{
    public static void Run(ScriptRun run, ScriptLine line, ImmutableArray<NetshWord> words)
    {
        var verbs = words.TakeWhile(w => !w.IsTag).Select(w => w.Text.ToLowerInvariant()).ToList();
        verbs[0] = verbs[0].TrimStart('@');
        if (verbs[0] == "netsh.exe") verbs[0] = "netsh";
        var location = words[0].Location;
        var text = line.Text.Trim().TrimStart('@');
        // A computed name, direction, action or switch leaves unknown what the command does at all; a computed filter
        // makes only that rule "may match" (AddRule), and a program or service path is opaque anyway.
        if (verbs.Count >= 2 && verbs[1] == "advfirewall"
            && words.Any(w => IsComputed(w.Text) && (!w.IsTag || w.Key!.ToLowerInvariant() is "name" or "dir" or "action" or "enable" or "protocol")))
        {
            run.FirewallCommand();
            run.Uncertain(location, "netsh", text, "a value is computed when the script runs (%VAR%, $var)");
            return;
        }
        switch (verbs)
        {
            case ["netsh", "advfirewall", "firewall", "add", "rule"]:
                run.FirewallCommand();
                AddRule(run, words.Skip(verbs.Count).ToList(), location, text);
                break;
            case ["netsh", "advfirewall", "firewall", "delete", "rule"]:
                run.FirewallCommand();
                DeleteRule(run, words.Skip(verbs.Count).ToList(), location, text);
                break;
            case ["netsh", "advfirewall", "set", var which, ..]:
                run.FirewallCommand();
                SetProfile(run, which, verbs, words.Skip(verbs.Count).ToList(), location, text);
                break;
            default:
                run.Other(location, string.Join(" ", verbs.Take(4)), text, ChangesFirewall(verbs));
                break;
        }
    }

    private static void AddRule(ScriptRun run, List<NetshWord> tags, SourceLocation location, string text)
    {
        var seen = new Dictionary<string, NetshWord>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in tags)
        {
            if (!tag.IsTag) throw new InputException(tag.Location, Messages.Format("NetshExpectedKeyValue", InputEcho.Escape(tag.Text)));
            if (!seen.TryAdd(tag.Key!, tag)) throw new InputException(tag.Location, Messages.Format("NetshKeyTwice", InputEcho.Escape(tag.Key!)));
        }
        NetshWord Required(string key) => seen.TryGetValue(key, out var found) ? found
            : throw new InputException(location, Messages.Format("NetshAddNeeds", key));
        var name = Required(Tag(RuleKeys.Name));
        var dir = Required(Tag(RuleKeys.Dir));
        var action = Required(Tag(RuleKeys.Action));
        var fields = ImmutableArray.CreateBuilder<RuleField>();
        void Add(NetshWord tag, string key, string value, int offset = 0) =>
            fields.Add(new RuleField(key, value, tag.Location, index => ScriptLine.Shift(tag.ValueLocation, offset + index)));
        void AddEach(NetshWord tag, Func<string, (string Key, string Value)> map)
        {
            foreach (var (token, offset) in WindowsValueWords.CommaList(tag.Value))
            {
                var (key, value) = map(token);
                Add(tag, key, value, offset);
            }
        }
        Add(dir, RuleKeys.Dir, dir.Value);
        Add(action, RuleKeys.Action, action.Value);
        var enabled = "TRUE";
        var computed = new List<OpaqueCondition>();
        foreach (var tag in tags)
        {
            var any = tag.Value.Equals("any", StringComparison.OrdinalIgnoreCase);
            if (IsComputed(tag.Value) && tag.Key!.ToLowerInvariant() is not ("program" or "service" or "description" or "name"))
            {
                run.NotUnderstood.Add(new NotUnderstood(tag.Location, $"computed {tag.Key}", tag.Text, NotUnderstoodEffect.RuleMayMatch));
                computed.Add(new OpaqueCondition("computed value", tag.Text));
                continue;
            }
            if (WindowsRuleFields.FromNetshAdd(tag.Key!) is not { NetshAdd: { } spelling } field)
            {
                // Unknown to this reader: the lenient interpreter reports it and the rule may match.
                Add(tag, tag.Key!, tag.Value);
                continue;
            }
            if (any && spelling.AnyIsNoCondition && spelling.Form != ValueForm.Own) continue;
            switch (spelling.Form)
            {
                case ValueForm.Verbatim:
                    Add(tag, field.Key, tag.Value);
                    break;
                case ValueForm.List:
                    AddEach(tag, p => (field.Key, p));
                    break;
                case ValueForm.LocalPorts or ValueForm.RemotePorts:
                    AddEach(tag, p => WindowsValueWords.Port(p, local: spelling.Form == ValueForm.LocalPorts));
                    break;
                case ValueForm.LocalAddresses or ValueForm.RemoteAddresses:
                    AddEach(tag, a => WindowsValueWords.Address(a, remote: spelling.Form == ValueForm.RemoteAddresses));
                    break;
                case ValueForm.Protocol:
                    Add(tag, field.Key, WindowsValueWords.Protocol(tag.Value));
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Active:
                    enabled = tag.Value.ToLowerInvariant() switch
                    {
                        "yes" => "TRUE",
                        "no" => "FALSE",
                        _ => throw new InputException(tag.ValueLocation, Messages.Format("NetshBadEnable", InputEcho.Escape(tag.Value))),
                    };
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Protocol:
                    if (any) break;
                    var colon = tag.Value.IndexOf(':');
                    var protocol = colon < 0 ? tag.Value : tag.Value[..colon];
                    Add(tag, field.Key, WindowsValueWords.Protocol(protocol));
                    if (colon >= 0)
                    {
                        // icmpv4:type,code
                        var icmp = WindowsValueWords.Protocol(protocol) == "58" ? RuleKeys.Icmp6 : RuleKeys.Icmp4;
                        var typeCode = tag.Value[(colon + 1)..].Split(',');
                        var code = typeCode.Length > 1 && !typeCode[1].Equals("any", StringComparison.OrdinalIgnoreCase) ? typeCode[1] : "*";
                        if (!typeCode[0].Equals("any", StringComparison.OrdinalIgnoreCase)) Add(tag, icmp, $"{typeCode[0]}:{code}", colon + 1);
                    }
                    break;
                case ValueForm.Own when field.Key == RuleKeys.InterfaceType:
                    if (!any) AddEach(tag, t => (field.Key, t.ToLowerInvariant() switch { "lan" => "Lan", "wireless" => "Wireless", "ras" => "RemoteAccess", _ => t }));
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Security:
                    if (!tag.Value.Equals("notrequired", StringComparison.OrdinalIgnoreCase))
                    {
                        Add(tag, field.Key, tag.Value.ToLowerInvariant() is "authenc" or "authdynenc" ? "AuthenticateEncrypt" : "Authenticate");
                    }
                    break;
                // dir= and action= are read above, as netsh requires them; name=, description=, edge= and grouping= are ignored.
            }
        }
        fields.Add(new RuleField(RuleKeys.Active, enabled, location, _ => location));
        var definition = new RuleDefinition(name.Value, location, text, RuleSchemaVersion.Newest, Lenient: true, fields.ToImmutable());
        var rule = RuleInterpreter.Interpret(definition, run.NotUnderstood, run.RpcDynamicPorts);
        if (computed.Count > 0) rule = rule with { Opaque = rule.Opaque.AddRange(computed) };
        // netsh's name= is the display name; the rule's Name is a GUID Windows makes up.
        run.Rules.Add(new ScriptRule(rule, run.GeneratedName(), name.Value, null, Gpo: false));
    }

    private static void DeleteRule(ScriptRun run, List<NetshWord> tags, SourceLocation location, string text)
    {
        var name = tags.FirstOrDefault(t => t.Key?.Equals("name", StringComparison.OrdinalIgnoreCase) == true)
            ?? throw new InputException(location, Messages.Format("NetshDeleteNeedsName"));
        var dir = tags.FirstOrDefault(t => t.Key?.Equals("dir", StringComparison.OrdinalIgnoreCase) == true);
        if (tags.Any(t => !t.IsTag || t.Key is not { } key || !(key.Equals("name", StringComparison.OrdinalIgnoreCase) || key.Equals("dir", StringComparison.OrdinalIgnoreCase))))
        {
            run.Uncertain(location, "netsh delete rule", text, "a deletion by filters PortImpact does not follow: it may remove any rule");
            return;
        }
        TrafficDirection? direction = dir?.Value.ToLowerInvariant() switch
        {
            null => null,
            "in" => TrafficDirection.In,
            "out" => TrafficDirection.Out,
            _ => throw new InputException(dir.ValueLocation, Messages.Format("NetshBadDir", InputEcho.Escape(dir.Value))),
        };
        var all = name.Value.Equals("all", StringComparison.OrdinalIgnoreCase);
        IReadOnlyList<(RuleSelector, IReadOnlyList<PowerShellWildcard>)> selectors = all ? [] : [(RuleSelector.DisplayName, [PowerShellWildcard.Literal(name.Value)])];
        run.Rules.RemoveWhere(selectors, made => direction is null || made.Rule.Direction == direction);
    }

    private static void SetProfile(ScriptRun run, string which, List<string> verbs, List<NetshWord> rest, SourceLocation location, string text)
    {
        FirewallProfile[]? names = which switch
        {
            "allprofiles" => [.. FirewallProfile.All],
            "domainprofile" => [FirewallProfile.Domain],
            "privateprofile" => [FirewallProfile.Private],
            "publicprofile" => [FirewallProfile.Public],
            _ => null,
        };
        if (names is null || verbs.Count < 5 || rest.Count > 0)
        {
            run.Uncertain(location, $"netsh advfirewall set {which}", text, "a profile setting PortImpact cannot read: it may change any decision");
            return;
        }
        var setting = verbs[4];
        var values = verbs.Skip(5).ToList();
        if (setting == "logging")
        {
            run.Skipped(location, "netsh advfirewall set logging", text);
            return;
        }
        foreach (var name in names)
        {
            var profile = run.Profile(name, location);
            switch (setting, values)
            {
                case ("state", ["on"]):
                    profile.Enabled = true;
                    break;
                case ("state", ["off"]):
                    profile.Enabled = false;
                    break;
                case ("state", ["notconfigured"]):
                    profile.Enabled = null;
                    break;
                case ("firewallpolicy", [var policy]):
                    foreach (var part in policy.Split(','))
                    {
                        switch (part)
                        {
                            case "blockinbound":
                                profile.DefaultInbound = RuleAction.Deny;
                                profile.BlockAllInbound = false;
                                break;
                            case "blockinboundalways":
                                profile.DefaultInbound = RuleAction.Deny;
                                profile.BlockAllInbound = true;
                                break;
                            case "allowinbound":
                                profile.DefaultInbound = RuleAction.Permit;
                                profile.BlockAllInbound = false;
                                break;
                            case "allowoutbound":
                                profile.DefaultOutbound = RuleAction.Permit;
                                break;
                            case "blockoutbound":
                                profile.DefaultOutbound = RuleAction.Deny;
                                break;
                            case "notconfigured":
                                break;
                            default:
                                throw new InputException(location, Messages.Format("NetshBadFirewallPolicy", InputEcho.Escape(part)));
                        }
                    }
                    break;
                case ("settings", ["localfirewallrules", var merge]):
                    profile.AllowLocalPolicyMerge = merge switch { "enable" => true, "disable" => false, _ => null };
                    break;
                default:
                    run.Uncertain(location, $"netsh advfirewall set {which} {setting}", text, "a profile setting PortImpact cannot read: it may change any decision");
                    return;
            }
        }
    }

    /// <summary>The add rule tag of a field.</summary>
    private static string Tag(string key) => WindowsRuleFields.Key(key).NetshAdd!.Name;

    /// <summary>A netsh value that cmd (<c>%VAR%</c>) or PowerShell (<c>$var</c>, <c>$( … )</c>) fills in when the script runs.</summary>
    private static bool IsComputed(string value) => ComputedValue().IsMatch(value);

    /// <summary>
    /// netsh commands that change filtering and are not read here: <c>netsh advfirewall firewall set rule</c>,
    /// <c>netsh advfirewall reset|import</c>, the legacy <c>netsh firewall</c> context's changes. <c>show</c>,
    /// <c>dump</c>, <c>export</c>, <c>help</c>, IPsec (<c>consec</c>, <c>mainmode</c>: they negotiate, they do not
    /// filter) and other contexts (<c>netsh interface …</c>) do not.
    /// </summary>
    private static bool ChangesFirewall(IReadOnlyList<string> verbs) => verbs switch
    {
        [_, "advfirewall", "firewall", var verb, ..] => verb is not ("show" or "help" or "?" or "dump"),
        [_, "advfirewall", var verb, ..] => verb is "reset" or "import" or "set",
        [_, "firewall", var verb, ..] => verb is "set" or "add" or "delete" or "reset",
        _ => false,
    };

    [GeneratedRegex(@"%[^%\s]+%|\$[A-Za-z_({]", RegexOptions.None)]
    private static partial Regex ComputedValue();
}
