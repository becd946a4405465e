using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads a script that creates Windows Defender Firewall rules — PowerShell (<c>New-NetFirewallRule</c>,
/// <c>Remove-NetFirewallRule</c>, <c>Set-NetFirewallProfile</c>) or cmd (<c>netsh advfirewall firewall add rule</c>,
/// <c>delete rule</c>, <c>netsh advfirewall set … state|firewallpolicy</c>), or both mixed, such as
/// <c>rules emit --target powershell|netsh</c> writes or admins keep to deploy rules. The commands are run in
/// order against an empty store: the result is the rules and profile settings the script leaves behind; rules
/// already on a machine are not in it.
/// <para>
/// Each command is turned into the rule grammar's keys and read by <see cref="RuleInterpreter"/>, leniently, so
/// a rule means what it means in a <c>reg export</c>. Defaults are the commands' own: New-NetFirewallRule makes an
/// enabled inbound allow rule for every profile, netsh requires name, dir and action. What is computed when the
/// script runs (a variable, <c>%VAR%</c>) cannot be known here: in a filter it makes the rule "may match"; in the
/// direction, action or enabled flag, or in a firewall command this reader does not know (Set-NetFirewallRule,
/// Disable-NetFirewallRule, netsh … set rule), it makes every result uncertain — the command is kept as rules
/// that may allow (over blocks) or may block anything, both ways. Other statements are skipped and listed.
/// </para>
/// </summary>
internal static partial class FirewallScriptReader
{
    private static readonly string[] NewRuleParameters =
    [
        "DisplayName", "Name", "Description", "Group", "Enabled", "Profile", "Platform", "Direction", "Action", "EdgeTraversalPolicy",
        "LooseSourceMapping", "LocalOnlyMapping", "Owner", "LocalAddress", "RemoteAddress", "Protocol", "LocalPort", "RemotePort",
        "IcmpType", "DynamicTarget", "Program", "Package", "Service", "InterfaceAlias", "InterfaceType", "LocalUser", "RemoteUser",
        "RemoteMachine", "Authentication", "Encryption", "OverrideBlockRules", "PolicyStore", "GPOSession", "CimSession",
        "ThrottleLimit", "AsJob", "RemoteDynamicKeywordAddresses", "PolicyAppId",
    ];

    private static readonly string[] RemoveRuleParameters =
    [
        "All", "Name", "DisplayName", "Group", "DisplayGroup", "PolicyStore", "GPOSession", "CimSession", "ThrottleLimit", "AsJob",
    ];

    private static readonly string[] ProfileParameters =
    [
        "Name", "Profile", "All", "Enabled", "DefaultInboundAction", "DefaultOutboundAction", "AllowLocalFirewallRules", "AllowInboundRules",
        "AllowLocalIPsecRules", "AllowUserApps", "AllowUserPorts", "AllowUnicastResponseToMulticast", "NotifyOnListen",
        "EnableStealthModeForIPsec", "LogFileName", "LogMaxSizeKilobytes", "LogAllowed", "LogBlocked", "LogIgnored",
        "DisabledInterfaceAliases", "PolicyStore", "GPOSession", "CimSession", "ThrottleLimit", "AsJob", "AllowedInterfaces"
    ];

    /// <summary>New-NetFirewallRule's parameters that do not change what the rule matches.</summary>
    private static readonly HashSet<string> InformationalParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "DisplayName", "Name", "Description", "Group", "EdgeTraversalPolicy", "LooseSourceMapping", "LocalOnlyMapping", "PolicyStore",
        "GPOSession", "CimSession", "ThrottleLimit", "AsJob", "Platform",
    };

    /// <summary>PowerShell's common parameters and their aliases; none of them changes which rule is made.</summary>
    private static readonly Dictionary<string, string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ErrorAction"] = "ErrorAction", ["ea"] = "ErrorAction", ["WarningAction"] = "WarningAction", ["wa"] = "WarningAction",
        ["InformationAction"] = "InformationAction", ["infa"] = "InformationAction", ["ErrorVariable"] = "ErrorVariable", ["ev"] = "ErrorVariable",
        ["WarningVariable"] = "WarningVariable", ["wv"] = "WarningVariable", ["InformationVariable"] = "InformationVariable", ["iv"] = "InformationVariable",
        ["OutVariable"] = "OutVariable", ["ov"] = "OutVariable", ["OutBuffer"] = "OutBuffer", ["ob"] = "OutBuffer",
        ["PipelineVariable"] = "PipelineVariable", ["pv"] = "PipelineVariable", ["Verbose"] = "Verbose", ["vb"] = "Verbose",
        ["Debug"] = "Debug", ["db"] = "Debug", ["ProgressAction"] = "ProgressAction", ["proga"] = "ProgressAction",
        ["WhatIf"] = "WhatIf", ["wi"] = "WhatIf", ["Confirm"] = "Confirm", ["cf"] = "Confirm",
    };

    /// <summary>A rule made so far, with the names a later removal may select it by.</summary>
    private sealed record Made(ImportedRule Rule, string Name, string DisplayName, string? Group, bool Gpo);

    private sealed class Profile(string name, SourceLocation location)
    {
        public string Name { get; } = name;
        public SourceLocation Location { get; set; } = location;
        public bool? Enabled { get; set; }
        public RuleAction? DefaultInbound { get; set; }
        public RuleAction? DefaultOutbound { get; set; }
        public bool? AllowLocalPolicyMerge { get; set; }
        public bool? BlockAllInbound { get; set; }

        public WindowsProfile ToRecord() => new(Name, Enabled, DefaultInbound, DefaultOutbound, AllowLocalPolicyMerge, BlockAllInbound, Location);
    }

    /// <summary>True when one of the text's first command lines is a firewall command of PowerShell or netsh.</summary>
    internal static bool LooksLikeScript(string text)
    {
        foreach (var raw in text.Split('\n').Take(200))
        {
            var line = raw.Trim().TrimStart('@');
            if (line.Length == 0 || ScriptLine.IsComment(line)) continue;
            if (FirewallCommandStart().IsMatch(line)) return true;
        }
        return false;
    }

    public static RuleSet Read(byte[] bytes, string file, PortSet? rpcDynamicPorts = null)
    {
        var reader = new Run(file, rpcDynamicPorts);
        foreach (var line in ScriptLine.Split(TextDecoding.Utf8(bytes, file), file))
        {
            if (line.Text.Trim().Length == 0 || ScriptLine.IsComment(line.Text)) continue;
            var rest = line;
            if (ScriptLine.IsNetsh(line.Text))
            {
                var netsh = NetshCommandParser.Parse(line);
                reader.Netsh(line, netsh.Words);
                if (netsh.NextStatement is not { } next) continue;
                rest = line.Rest(next);
            }
            foreach (var command in PowerShellCommandParser.Parse(rest)) reader.PowerShell(command);
        }
        return reader.Finish();
    }

    private sealed class Run(string file, PortSet? rpcDynamicPorts)
    {
        private readonly List<Made> _rules = [];
        private readonly List<NotUnderstood> _notUnderstood = [];
        private readonly Dictionary<string, Profile> _profiles = new(StringComparer.OrdinalIgnoreCase);
        private int _firewallCommands;

        public RuleSet Finish()
        {
            if (_firewallCommands == 0)
            {
                throw new InputException(new SourceLocation(file, 1, 1),
                    "no firewall command (New-NetFirewallRule, Remove-NetFirewallRule, Set-NetFirewallProfile, netsh advfirewall …) in this script");
            }
            var ids = RuleIds.Numbered([.. _rules.Select(r => r.Rule.Id)]);
            var chains = ImmutableArray.CreateBuilder<RuleChain>();
            foreach (var gpo in new[] { false, true })
            {
                var rules = _rules.Select((made, index) => (made, index)).Where(x => x.made.Gpo == gpo)
                    .Select(x => x.made.Rule with { Id = ids[x.index] }).ToImmutableArray();
                if (rules.IsEmpty && (gpo || _rules.Count > 0)) continue;
                var location = rules.IsEmpty ? new SourceLocation(file, 1, 1) : rules[0].Location;
                chains.Add(new RuleChain(gpo ? "gpo" : "local", null, ChainKind.WindowsRules, null, 0, null, rules, location));
            }
            var profiles = WindowsProfile.Names.Where(_profiles.ContainsKey).Select(p => _profiles[p].ToRecord()).ToImmutableArray();
            return new RuleSet(RuleSetFormat.WindowsScript, file, PolicySemantics.WindowsFirewall, chains.ToImmutable(), [], profiles,
                [.. _notUnderstood.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
        }

        public void PowerShell(PowerShellCommand command)
        {
            // "Get-NetFirewallRule -Group X | Remove-NetFirewallRule": what the pipeline changes is not followed.
            if (command.PipedTo.FirstOrDefault(ChangesFirewall) is { } piped)
            {
                _firewallCommands++;
                Uncertain(command.Location, piped, command.Text, "rules piped into a firewall command PortImpact does not follow: it may change any rule");
                return;
            }
            switch (command.Name.ToLowerInvariant())
            {
                case "new-netfirewallrule":
                    _firewallCommands++;
                    NewRule(command);
                    break;
                case "remove-netfirewallrule":
                    _firewallCommands++;
                    RemoveRules(command);
                    break;
                case "set-netfirewallprofile":
                    _firewallCommands++;
                    SetProfile(command);
                    break;
                default:
                    // A statement that is no command call ($x = …, if, braces) may still call one inside.
                    // Its text counts too: "if (…) { Remove-NetFirewallRule … }", "& netsh advfirewall reset", "cmd /c netsh …".
                    var changes = ChangesFirewall(command.Name) || ChangingCmdlet().IsMatch(command.Text) || NetshChangeInText().IsMatch(command.Text);
                    Other(command.Location, command.Name.Length > 0 ? command.Name : "statement", command.Text, changes);
                    break;
            }
        }

        /// <summary>
        /// A statement this reader does not run: one that changes the firewall makes results uncertain; anything else
        /// (Get-NetFirewallRule, Write-Host "configuring the firewall", echo, if) is skipped and listed.
        /// </summary>
        private void Other(SourceLocation location, string construct, string text, bool changesFirewall)
        {
            if (!changesFirewall)
            {
                _notUnderstood.Add(new NotUnderstood(location, construct, text, NotUnderstoodEffect.Skipped));
                return;
            }
            _firewallCommands++;
            Uncertain(location, construct, text, "a firewall command PortImpact does not run: it may change any rule");
        }

        /// <summary>Rules standing for a command whose effect is unknown: it may allow (even over a block) or block anything, either way.</summary>
        private void Uncertain(SourceLocation location, string construct, string text, string why)
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
                        Profiles = WindowsProfile.Names,
                        Opaque = [opaque],
                    };
                    _rules.Add(new Made(rule, id, id, null, Gpo: false));
                }
            }
        }

        private Dictionary<string, ScriptParameter>? Bind(PowerShellCommand command, string[] known, bool unknownAllowed, out List<ScriptParameter> unknown)
        {
            var bound = new Dictionary<string, ScriptParameter>(StringComparer.OrdinalIgnoreCase);
            unknown = [];
            foreach (var parameter in command.Parameters)
            {
                string name;
                if (CommonParameters.TryGetValue(parameter.Name, out var common))
                {
                    name = common;
                }
                else
                {
                    var exact = known.FirstOrDefault(k => k.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase));
                    var candidates = exact is not null ? [exact] : known.Where(k => k.StartsWith(parameter.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (candidates.Count > 1)
                    {
                        throw new InputException(parameter.Location,
                            $"-{parameter.Name} is ambiguous in {command.Name}: it could be {string.Join(", ", candidates.Select(c => "-" + c))}");
                    }
                    if (candidates.Count == 0)
                    {
                        if (!unknownAllowed) return null;
                        unknown.Add(parameter);
                        continue;
                    }
                    name = candidates[0];
                }
                if (!bound.TryAdd(name, parameter with { Name = name }))
                {
                    throw new InputException(parameter.Location, $"-{name} is given twice in {command.Name}");
                }
            }
            return bound;
        }

        private void NewRule(PowerShellCommand command)
        {
            var bound = Bind(command, NewRuleParameters, unknownAllowed: true, out var unknown)!;
            if (IsOn(bound, "WhatIf"))
            {
                _notUnderstood.Add(new NotUnderstood(command.Location, command.Name, $"{command.Text} (-WhatIf: nothing is created)", NotUnderstoodEffect.Skipped));
                return;
            }
            if (!command.Positional.IsEmpty)
            {
                throw new InputException(command.Positional[0].Location, $"New-NetFirewallRule takes no positional value; '{command.Positional[0].Text}' needs a -Parameter before it");
            }
            ScriptValue? Single(string name)
            {
                if (!bound.TryGetValue(name, out var parameter)) return null;
                if (parameter.Values.Length != 1) throw new InputException(parameter.Location, $"-{name} takes one value in New-NetFirewallRule");
                return parameter.Values[0];
            }
            var display = Single("DisplayName") ?? throw new InputException(command.Location, "New-NetFirewallRule needs -DisplayName");
            var name = Single("Name");
            foreach (var key in new[] { "Direction", "Action", "Enabled", "OverrideBlockRules", "Protocol" })
            {
                if (bound.TryGetValue(key, out var p) && p.Values.Any(v => v.Dynamic))
                {
                    Uncertain(p.Location, command.Name, command.Text, $"-{key} is computed when the script runs");
                    return;
                }
            }
            var fields = ImmutableArray.CreateBuilder<RuleField>();
            var opaque = new List<OpaqueCondition>();
            void Add(string key, ScriptValue value, SourceLocation keyLocation, string? text = null) =>
                fields.Add(new RuleField(key, text ?? value.Text, keyLocation, index => Shift(value.Location, index)));

            var direction = Single("Direction") is { } d ? Choice("Direction", d, "Inbound", "Outbound") : "Inbound";
            fields.Add(new RuleField("Dir", direction == "Inbound" ? "In" : "Out", command.Location, _ => command.Location));
            var action = Single("Action") is { } a ? Choice("Action", a, "Allow", "Block", "NotConfigured") : "Allow";
            if (action == "NotConfigured") throw new InputException(Single("Action")!.Location, "-Action NotConfigured makes no rule that filters; use Allow or Block");
            if (Single("OverrideBlockRules") is { } o && Choice("OverrideBlockRules", o, "True", "False") == "True")
            {
                if (action != "Allow") throw new InputException(o.Location, "-OverrideBlockRules needs -Action Allow");
                action = "ByPass";
            }
            fields.Add(new RuleField("Action", action, command.Location, _ => command.Location));
            var enabled = Single("Enabled") is { } e ? Choice("Enabled", e, "True", "False") : "True";
            fields.Add(new RuleField("Active", enabled.ToUpperInvariant(), command.Location, _ => command.Location));

            foreach (var (key, parameter) in bound)
            {
                var values = parameter.Values;
                if (values.IsEmpty && !Switches.Contains(key))
                {
                    throw new InputException(parameter.Location, $"-{key} needs a value in New-NetFirewallRule");
                }
                // A computed name, group or description changes nothing a packet meets; a computed filter may.
                if (values.Any(v => v.Dynamic) && !InformationalParameters.Contains(key) && !CommonParameters.ContainsValue(key))
                {
                    var shown = string.Join(",", values.Select(v => v.Text));
                    _notUnderstood.Add(new NotUnderstood(parameter.Location, $"computed -{key}", $"-{key} {shown}", NotUnderstoodEffect.RuleMayMatch));
                    opaque.Add(new OpaqueCondition("computed value", $"-{key} {shown}"));
                    continue;
                }
                var any = values.Length == 1 && values[0].Text.Equals("Any", StringComparison.OrdinalIgnoreCase);
                switch (key)
                {
                    case "Profile":
                        foreach (var value in values.SelectMany(SplitCommas))
                        {
                            if (value.Text.Equals("Any", StringComparison.OrdinalIgnoreCase)) continue;
                            Add("Profile", value, parameter.Location, Choice("Profile", value, "Any", "Domain", "Private", "Public", "NotApplicable"));
                        }
                        break;
                    case "Protocol":
                        if (!any) Add("Protocol", values[0], parameter.Location, WindowsValueWords.Protocol(values[0].Text));
                        break;
                    case "LocalPort" or "RemotePort":
                        if (any) break;
                        foreach (var value in values.SelectMany(SplitCommas))
                        {
                            var (portKey, portValue) = WindowsValueWords.Port(value.Text, local: key == "LocalPort");
                            Add(portKey, value, parameter.Location, portValue);
                        }
                        break;
                    case "LocalAddress" or "RemoteAddress":
                        if (any) break;
                        foreach (var value in values.SelectMany(SplitCommas))
                        {
                            var (addressKey, addressValue) = WindowsValueWords.Address(value.Text, remote: key == "RemoteAddress");
                            Add(addressKey, value, parameter.Location, addressValue);
                        }
                        break;
                    case "IcmpType":
                        if (any) break;
                        var icmp = bound.TryGetValue("Protocol", out var protocol) && WindowsValueWords.Protocol(protocol.Values[0].Text) == "58" ? "ICMP6" : "ICMP4";
                        foreach (var value in values.SelectMany(SplitCommas))
                        {
                            Add(icmp, value, parameter.Location, value.Text.Contains(':') ? value.Text : value.Text + ":*");
                        }
                        break;
                    case "Program":
                        if (!any) Add("App", values[0], parameter.Location);
                        break;
                    case "Service":
                        if (!any) Add("Svc", values[0], parameter.Location);
                        break;
                    case "Package":
                        Add("AppPkgId", values[0], parameter.Location);
                        break;
                    case "Owner":
                        Add("LUOwn", values[0], parameter.Location);
                        break;
                    case "LocalUser":
                        if (!any) Add("LUAuth", values[0], parameter.Location);
                        break;
                    case "RemoteUser":
                        if (!any) Add("RUAuth", values[0], parameter.Location);
                        break;
                    case "RemoteMachine":
                        if (!any) Add("RMAuth", values[0], parameter.Location);
                        break;
                    case "InterfaceAlias":
                        if (!any) Add("IF", values[0], parameter.Location);
                        break;
                    case "InterfaceType":
                        foreach (var value in values.SelectMany(SplitCommas))
                        {
                            var type = Choice("InterfaceType", value, "Any", "Wired", "Wireless", "RemoteAccess");
                            if (type != "Any") Add("IFType", value, parameter.Location, type == "Wired" ? "Lan" : type);
                        }
                        break;
                    case "Authentication":
                        var authentication = Choice("Authentication", values[0], "NotRequired", "Required", "NoEncap");
                        if (authentication != "NotRequired") Add("Security", values[0], parameter.Location, "Authenticate");
                        break;
                    case "Encryption":
                        var encryption = Choice("Encryption", values[0], "NotRequired", "Required", "Dynamic");
                        if (encryption != "NotRequired") Add("Security", values[0], parameter.Location, "AuthenticateEncrypt");
                        break;
                    case "DynamicTarget" or "RemoteDynamicKeywordAddresses" or "PolicyAppId":
                        if (!any) Add(key, values[0], parameter.Location);
                        break;
                }
            }
            foreach (var parameter in unknown)
            {
                // The lenient interpreter reports a key it does not know and lets the rule "may match".
                fields.Add(new RuleField($"-{parameter.Name}", string.Join(",", parameter.Values.Select(v => v.Text)), parameter.Location,
                    index => parameter.Values.IsEmpty ? parameter.Location : Shift(parameter.Values[0].Location, index)));
            }
            // Without -Name, Windows names the rule with a new GUID: a removal by -Name never finds it.
            var id = name?.Text ?? $"{{generated name of rule {_rules.Count + 1}}}";
            var definition = new RuleDefinition(display.Text, command.Location, command.Text, RuleSchemaVersion.Newest, Lenient: true, fields.ToImmutable());
            var rule = RuleInterpreter.Interpret(definition, _notUnderstood, rpcDynamicPorts);
            if (opaque.Count > 0) rule = rule with { Opaque = rule.Opaque.AddRange(opaque) };
            var store = Single("PolicyStore")?.Text ?? Single("GPOSession")?.Text;
            _rules.Add(new Made(rule, id, display.Text, Single("Group")?.Text, Gpo: store is not null && IsGpoStore(store)));
        }

        private void RemoveRules(PowerShellCommand command)
        {
            var bound = Bind(command, RemoveRuleParameters, unknownAllowed: false, out _);
            if (bound is null || !command.Positional.IsEmpty || bound.Values.Any(p => p.Values.Any(v => v.Dynamic)))
            {
                Uncertain(command.Location, command.Name, command.Text, "a removal PortImpact cannot follow: it may remove any rule");
                return;
            }
            if (IsOn(bound, "WhatIf")) return;
            if (bound.ContainsKey("All"))
            {
                _rules.Clear();
                return;
            }
            var selectors = new (string Parameter, Func<Made, string?> Of)[]
            {
                ("Name", m => m.Name), ("DisplayName", m => m.DisplayName), ("Group", m => m.Group), ("DisplayGroup", m => m.Group),
            };
            var used = selectors.Where(s => bound.ContainsKey(s.Parameter)).ToList();
            if (used.Count == 0) throw new InputException(command.Location, "Remove-NetFirewallRule needs -Name, -DisplayName, -Group, -DisplayGroup or -All");
            var patterns = used.Select(s => (s.Of, Patterns: bound[s.Parameter].Values.Select(v => Wildcard(v.Text)).ToList())).ToList();
            _rules.RemoveAll(made => patterns.All(p => p.Of(made) is { } text && p.Patterns.Any(pattern => pattern.IsMatch(text))));
        }

        private void SetProfile(PowerShellCommand command)
        {
            var bound = Bind(command, ProfileParameters, unknownAllowed: false, out _);
            if (bound is null || bound.Values.Any(p => p.Values.Any(v => v.Dynamic)))
            {
                Uncertain(command.Location, command.Name, command.Text, "a profile setting PortImpact cannot read: it may change any decision");
                return;
            }
            if (IsOn(bound, "WhatIf")) return;
            // -Name, its alias -Profile, or the names given first without a parameter.
            var written = bound.GetValueOrDefault("Name") ?? bound.GetValueOrDefault("Profile");
            List<string> names = bound.ContainsKey("All") ? [.. WindowsProfile.Names]
                : [.. (written?.Values ?? command.Positional).SelectMany(SplitCommas).Select(v => Choice(written?.Name ?? "Name", v, [.. WindowsProfile.Names]))];
            if (names.Count == 0) throw new InputException(command.Location, "Set-NetFirewallProfile needs -Name (Domain, Private, Public) or -All");
            foreach (var name in names)
            {
                var profile = ProfileNamed(name, command.Location);
                foreach (var (key, parameter) in bound)
                {
                    var value = parameter.Values.IsEmpty ? null : parameter.Values[0];
                    bool? Flag() => Choice(key, value!, "True", "False", "NotConfigured") switch { "True" => true, "False" => false, _ => null };
                    RuleAction? Act() => Choice(key, value!, "Allow", "Block", "NotConfigured") switch { "Allow" => RuleAction.Permit, "Block" => RuleAction.Deny, _ => null };
                    if (value is null && key is not ("All" or "AsJob" or "WhatIf" or "Confirm" or "Verbose" or "Debug"))
                    {
                        throw new InputException(parameter.Location, $"-{key} needs a value in Set-NetFirewallProfile");
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
                            _notUnderstood.Add(new NotUnderstood(parameter.Location, $"-{key}", $"{command.Text} (interfaces the profile does not filter on: not known here)",
                                NotUnderstoodEffect.ChainUncertain));
                            break;
                    }
                }
            }
        }

        private Profile ProfileNamed(string name, SourceLocation location)
        {
            if (!_profiles.TryGetValue(name, out var profile)) _profiles[name] = profile = new Profile(name, location);
            profile.Location = location;
            return profile;
        }

        private static string Choice(string parameter, ScriptValue value, params string[] allowed) =>
            allowed.FirstOrDefault(a => a.Equals(value.Text, StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException(value.Location, $"-{parameter} must be {string.Join(", ", allowed.SkipLast(1))} or {allowed[^1]}, not '{value.Text}'");

        public void Netsh(ScriptLine line, ImmutableArray<NetshWord> words)
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
                _firewallCommands++;
                Uncertain(location, "netsh", text, "a value is computed when the script runs (%VAR%, $var)");
                return;
            }
            switch (verbs)
            {
                case ["netsh", "advfirewall", "firewall", "add", "rule"]:
                    _firewallCommands++;
                    AddRule(words.Skip(verbs.Count).ToList(), location, text);
                    break;
                case ["netsh", "advfirewall", "firewall", "delete", "rule"]:
                    _firewallCommands++;
                    DeleteRule(words.Skip(verbs.Count).ToList(), location, text);
                    break;
                case ["netsh", "advfirewall", "set", var which, ..]:
                    _firewallCommands++;
                    SetNetshProfile(which, verbs, words.Skip(verbs.Count).ToList(), location, text);
                    break;
                default:
                    Other(location, string.Join(" ", verbs.Take(4)), text, NetshChangesFirewall(verbs));
                    break;
            }
        }

        private void AddRule(List<NetshWord> tags, SourceLocation location, string text)
        {
            var seen = new Dictionary<string, NetshWord>(StringComparer.OrdinalIgnoreCase);
            foreach (var tag in tags)
            {
                if (!tag.IsTag) throw new InputException(tag.Location, $"expected key=value in 'add rule', found '{tag.Text}'");
                if (!seen.TryAdd(tag.Key!, tag)) throw new InputException(tag.Location, $"{tag.Key} is given twice in 'add rule'");
            }
            NetshWord Required(string key) => seen.TryGetValue(key, out var found) ? found
                : throw new InputException(location, $"'netsh advfirewall firewall add rule' needs {key}=");
            var name = Required("name");
            var dir = Required("dir");
            var action = Required("action");
            var fields = ImmutableArray.CreateBuilder<RuleField>();
            void Add(NetshWord tag, string key, string value, int offset = 0) =>
                fields.Add(new RuleField(key, value, tag.Location, index => Shift(tag.ValueLocation, offset + index)));
            void AddEach(NetshWord tag, Func<string, (string Key, string Value)> map)
            {
                foreach (var (token, offset) in WindowsValueWords.CommaList(tag.Value))
                {
                    var (key, value) = map(token);
                    Add(tag, key, value, offset);
                }
            }
            Add(dir, "Dir", dir.Value);
            Add(action, "Action", action.Value);
            var enabled = "TRUE";
            var computed = new List<OpaqueCondition>();
            foreach (var tag in tags)
            {
                var any = tag.Value.Equals("any", StringComparison.OrdinalIgnoreCase);
                if (IsComputed(tag.Value) && tag.Key!.ToLowerInvariant() is not ("program" or "service" or "description" or "name"))
                {
                    _notUnderstood.Add(new NotUnderstood(tag.Location, $"computed {tag.Key}", tag.Text, NotUnderstoodEffect.RuleMayMatch));
                    computed.Add(new OpaqueCondition("computed value", tag.Text));
                    continue;
                }
                switch (tag.Key!.ToLowerInvariant())
                {
                    case "name" or "dir" or "action" or "description" or "edge" or "grouping":
                        break;
                    case "enable":
                        enabled = tag.Value.ToLowerInvariant() switch
                        {
                            "yes" => "TRUE",
                            "no" => "FALSE",
                            _ => throw new InputException(tag.ValueLocation, $"enable must be yes or no, not '{tag.Value}'"),
                        };
                        break;
                    case "profile":
                        if (!any) AddEach(tag, p => ("Profile", p));
                        break;
                    case "protocol":
                        if (any) break;
                        var colon = tag.Value.IndexOf(':');
                        var protocol = colon < 0 ? tag.Value : tag.Value[..colon];
                        Add(tag, "Protocol", WindowsValueWords.Protocol(protocol));
                        if (colon >= 0)
                        {
                            // icmpv4:type,code
                            var icmp = WindowsValueWords.Protocol(protocol) == "58" ? "ICMP6" : "ICMP4";
                            var typeCode = tag.Value[(colon + 1)..].Split(',');
                            var code = typeCode.Length > 1 && !typeCode[1].Equals("any", StringComparison.OrdinalIgnoreCase) ? typeCode[1] : "*";
                            if (!typeCode[0].Equals("any", StringComparison.OrdinalIgnoreCase)) Add(tag, icmp, $"{typeCode[0]}:{code}", colon + 1);
                        }
                        break;
                    case "localport" or "remoteport":
                        if (!any) AddEach(tag, p => WindowsValueWords.Port(p, local: tag.Key.Equals("localport", StringComparison.OrdinalIgnoreCase)));
                        break;
                    case "localip" or "remoteip":
                        if (!any) AddEach(tag, a => WindowsValueWords.Address(a, remote: tag.Key.Equals("remoteip", StringComparison.OrdinalIgnoreCase)));
                        break;
                    case "program":
                        Add(tag, "App", tag.Value);
                        break;
                    case "service":
                        if (!any) Add(tag, "Svc", tag.Value);
                        break;
                    case "interfacetype":
                        if (!any) AddEach(tag, t => ("IFType", t.ToLowerInvariant() switch { "lan" => "Lan", "wireless" => "Wireless", "ras" => "RemoteAccess", _ => t }));
                        break;
                    case "security":
                        if (!tag.Value.Equals("notrequired", StringComparison.OrdinalIgnoreCase))
                        {
                            Add(tag, "Security", tag.Value.ToLowerInvariant() is "authenc" or "authdynenc" ? "AuthenticateEncrypt" : "Authenticate");
                        }
                        break;
                    case "rmtcomputergrp":
                        Add(tag, "RMAuth", tag.Value);
                        break;
                    case "rmtusrgrp":
                        Add(tag, "RUAuth", tag.Value);
                        break;
                    default:
                        // Unknown to this reader: the lenient interpreter reports it and the rule may match.
                        Add(tag, tag.Key, tag.Value);
                        break;
                }
            }
            fields.Add(new RuleField("Active", enabled, location, _ => location));
            var definition = new RuleDefinition(name.Value, location, text, RuleSchemaVersion.Newest, Lenient: true, fields.ToImmutable());
            var rule = RuleInterpreter.Interpret(definition, _notUnderstood, rpcDynamicPorts);
            if (computed.Count > 0) rule = rule with { Opaque = rule.Opaque.AddRange(computed) };
            // netsh's name= is the display name; the rule's Name is a GUID Windows makes up.
            _rules.Add(new Made(rule, $"{{generated name of rule {_rules.Count + 1}}}", name.Value, null, Gpo: false));
        }

        private void DeleteRule(List<NetshWord> tags, SourceLocation location, string text)
        {
            var name = tags.FirstOrDefault(t => t.Key?.Equals("name", StringComparison.OrdinalIgnoreCase) == true)
                ?? throw new InputException(location, "'netsh advfirewall firewall delete rule' needs name=");
            var dir = tags.FirstOrDefault(t => t.Key?.Equals("dir", StringComparison.OrdinalIgnoreCase) == true);
            if (tags.Any(t => !t.IsTag || t.Key is not { } key || !(key.Equals("name", StringComparison.OrdinalIgnoreCase) || key.Equals("dir", StringComparison.OrdinalIgnoreCase))))
            {
                Uncertain(location, "netsh delete rule", text, "a deletion by filters PortImpact does not follow: it may remove any rule");
                return;
            }
            TrafficDirection? direction = dir?.Value.ToLowerInvariant() switch
            {
                null => null,
                "in" => TrafficDirection.In,
                "out" => TrafficDirection.Out,
                _ => throw new InputException(dir.ValueLocation, $"dir must be in or out, not '{dir.Value}'"),
            };
            var all = name.Value.Equals("all", StringComparison.OrdinalIgnoreCase);
            _rules.RemoveAll(made => (all || made.DisplayName.Equals(name.Value, StringComparison.OrdinalIgnoreCase))
                && (direction is null || made.Rule.Direction == direction));
        }

        private void SetNetshProfile(string which, List<string> verbs, List<NetshWord> rest, SourceLocation location, string text)
        {
            string[]? names = which switch
            {
                "allprofiles" => [.. WindowsProfile.Names],
                "domainprofile" => ["Domain"],
                "privateprofile" => ["Private"],
                "publicprofile" => ["Public"],
                _ => null,
            };
            if (names is null || verbs.Count < 5 || rest.Count > 0)
            {
                Uncertain(location, $"netsh advfirewall set {which}", text, "a profile setting PortImpact cannot read: it may change any decision");
                return;
            }
            var setting = verbs[4];
            var values = verbs.Skip(5).ToList();
            if (setting == "logging")
            {
                _notUnderstood.Add(new NotUnderstood(location, "netsh advfirewall set logging", text, NotUnderstoodEffect.Skipped));
                return;
            }
            foreach (var name in names)
            {
                var profile = ProfileNamed(name, location);
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
                                    throw new InputException(location, $"'{part}' is not a firewall policy (blockinbound, blockinboundalways, allowinbound, allowoutbound, blockoutbound, notconfigured)");
                            }
                        }
                        break;
                    case ("settings", ["localfirewallrules", var merge]):
                        profile.AllowLocalPolicyMerge = merge switch { "enable" => true, "disable" => false, _ => null };
                        break;
                    default:
                        Uncertain(location, $"netsh advfirewall set {which} {setting}", text, "a profile setting PortImpact cannot read: it may change any decision");
                        return;
                }
            }
        }
    }

    /// <summary>New-NetFirewallRule's switches: they take no value.</summary>
    private static readonly HashSet<string> Switches = new(StringComparer.OrdinalIgnoreCase) { "AsJob", "WhatIf", "Confirm", "Verbose", "Debug" };

    /// <summary>True when a switch is given and not turned off (<c>-WhatIf</c>, <c>-WhatIf:$true</c>, but not <c>-WhatIf:$false</c>).</summary>
    private static bool IsOn(Dictionary<string, ScriptParameter> bound, string name) =>
        bound.TryGetValue(name, out var parameter) && (parameter.Values.IsEmpty || parameter.Values.Any(v => v.Dynamic || !v.Text.Equals("False", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A netsh value that cmd (<c>%VAR%</c>) or PowerShell (<c>$var</c>, <c>$( … )</c>) fills in when the script runs.</summary>
    private static bool IsComputed(string value) => ComputedValue().IsMatch(value);

    /// <summary>A NetSecurity cmdlet that changes rules, profiles or settings (not Get-, Show-, Test-, Find-).</summary>
    private static bool ChangesFirewall(string command) => ChangingCmdlet().Match(command) is { Success: true, Index: 0 } match && match.Length == command.Length;

    /// <summary>
    /// netsh commands that change filtering and are not read here: <c>netsh advfirewall firewall set rule</c>,
    /// <c>netsh advfirewall reset|import</c>, the legacy <c>netsh firewall</c> context's changes. <c>show</c>,
    /// <c>dump</c>, <c>export</c>, <c>help</c>, IPsec (<c>consec</c>, <c>mainmode</c>: they negotiate, they do not
    /// filter) and other contexts (<c>netsh interface …</c>) do not.
    /// </summary>
    private static bool NetshChangesFirewall(IReadOnlyList<string> verbs) => verbs switch
    {
        [_, "advfirewall", "firewall", var verb, ..] => verb is not ("show" or "help" or "?" or "dump"),
        [_, "advfirewall", var verb, ..] => verb is "reset" or "import" or "set",
        [_, "firewall", var verb, ..] => verb is "set" or "add" or "delete" or "reset",
        _ => false,
    };

    private static IEnumerable<ScriptValue> SplitCommas(ScriptValue value) =>
        WindowsValueWords.CommaList(value.Text).Where(e => e.Entry.Length > 0)
            .Select(e => value with { Text = e.Entry, Location = Shift(value.Location, e.Offset) });

    private static SourceLocation Shift(SourceLocation location, int by) => location with { Column = location.Column + by };

    /// <summary>A GPO store: <c>domain\GPO name</c>, or a GPO session opened with Open-NetGPO; not the local ones.</summary>
    private static bool IsGpoStore(string store) =>
        !(store.Equals("PersistentStore", StringComparison.OrdinalIgnoreCase) || store.Equals("localhost", StringComparison.OrdinalIgnoreCase)
          || store.Equals("ActiveStore", StringComparison.OrdinalIgnoreCase) || store.Equals("ConfigurableServiceStore", StringComparison.OrdinalIgnoreCase)
          || store.Equals("StaticServiceStore", StringComparison.OrdinalIgnoreCase) || store.Equals("SystemDefaults", StringComparison.OrdinalIgnoreCase));

    /// <summary>PowerShell's <c>-like</c> wildcards (<c>*</c>, <c>?</c>, <c>[abc]</c>), case-insensitive.</summary>
    private static Regex Wildcard(string pattern)
    {
        var text = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    text.Append(".*");
                    break;
                case '?':
                    text.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) goto default;
                    text.Append('[').Append(Regex.Escape(pattern[(i + 1)..close]).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '`' when i + 1 < pattern.Length:
                    text.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    text.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"^(\$\w+\s*=\s*)?(New-NetFirewallRule|Remove-NetFirewallRule|Set-NetFirewallProfile|netsh(\.exe)?\s+advfirewall)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirewallCommandStart();

    [GeneratedRegex(@"%[^%\s]+%|\$[A-Za-z_({]", RegexOptions.None)]
    private static partial Regex ComputedValue();

    [GeneratedRegex(@"\bnetsh(\.exe)?\b.*\b(advfirewall|firewall)\b.*\b(add|delete|set|reset|import)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NetshChangeInText();


    [GeneratedRegex(@"\b(New|Set|Remove|Enable|Disable|Copy|Rename|Import|Restore|Open|Save|Sync|Update)-Net(Firewall|IPsec)[A-Za-z]*", RegexOptions.IgnoreCase)]
    private static partial Regex ChangingCmdlet();
}
