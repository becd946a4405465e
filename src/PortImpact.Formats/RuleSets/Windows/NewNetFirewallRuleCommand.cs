using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using static PortImpact.Formats.RuleSets.Windows.PowerShellParameters;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// <c>New-NetFirewallRule</c>: its parameters turned into the rule grammar's keys and read by
/// <see cref="RuleInterpreter"/>, leniently, with the cmdlet's own defaults (an enabled inbound allow rule for
/// every profile). A computed filter (<c>-LocalPort $port</c>) makes the rule "may match"; a computed direction,
/// action, enabled flag or protocol leaves unknown what the command makes at all.
/// </summary>
internal static class NewNetFirewallRuleCommand
{
    /// <summary>New-NetFirewallRule's parameters of no rule field: the rule's ID and where and how it is made.</summary>
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Name", "PolicyStore", "GPOSession", "CimSession", "ThrottleLimit", "AsJob",
    };

    public static void Run(ScriptRun run, PowerShellCommand command)
    {
        var bound = Bind(command, NewRule, unknownAllowed: true, out var unknown)!;
        if (IsOn(bound, "WhatIf"))
        {
            run.Skipped(command.Location, command.Name, $"{command.Text} (-WhatIf: nothing is created)");
            return;
        }
        if (!command.Positional.IsEmpty)
        {
            throw new InputException(command.Positional[0].Location, Messages.Format("PsPositional", InputEcho.Escape(command.Positional[0].Text)));
        }
        ScriptValue? Single(string name)
        {
            if (!bound.TryGetValue(name, out var parameter)) return null;
            if (parameter.Values.Length != 1) throw new InputException(parameter.Location, Messages.Format("PsNewRuleOneValue", name));
            return parameter.Values[0];
        }
        var display = Single("DisplayName") ?? throw new InputException(command.Location, Messages.Format("PsNewRuleNeedsDisplayName"));
        var name = Single("Name");
        foreach (var key in new[] { "Direction", "Action", "Enabled", "OverrideBlockRules", "Protocol" })
        {
            if (bound.TryGetValue(key, out var p) && p.Values.Any(v => v.Dynamic))
            {
                run.Uncertain(p.Location, command.Name, command.Text, $"-{key} is computed when the script runs");
                return;
            }
        }
        var fields = ImmutableArray.CreateBuilder<RuleField>();
        var opaque = new List<OpaqueCondition>();
        void Add(string key, ScriptValue value, SourceLocation keyLocation, string? text = null) =>
            fields.Add(new RuleField(key, text ?? value.Text, keyLocation, index => ScriptLine.Shift(value.Location, index)));

        var direction = Single("Direction") is { } d ? Choice("Direction", d, "Inbound", "Outbound") : "Inbound";
        fields.Add(new RuleField(RuleKeys.Dir, direction == "Inbound" ? "In" : "Out", command.Location, _ => command.Location));
        var action = Single("Action") is { } a ? Choice("Action", a, "Allow", "Block", "NotConfigured") : "Allow";
        if (action == "NotConfigured") throw new InputException(Single("Action")!.Location, Messages.Format("PsActionNotConfigured"));
        if (Single("OverrideBlockRules") is { } o && Choice("OverrideBlockRules", o, "True", "False") == "True")
        {
            if (action != "Allow") throw new InputException(o.Location, Messages.Format("PsOverrideNeedsAllow"));
            action = "ByPass";
        }
        fields.Add(new RuleField(RuleKeys.Action, action, command.Location, _ => command.Location));
        var enabled = Single("Enabled") is { } e ? Choice("Enabled", e, "True", "False") : "True";
        fields.Add(new RuleField(RuleKeys.Active, enabled.ToUpperInvariant(), command.Location, _ => command.Location));

        foreach (var (key, parameter) in bound)
        {
            var values = parameter.Values;
            if (values.IsEmpty && !Switches.Contains(key))
            {
                throw new InputException(parameter.Location, Messages.Format("PsNewRuleNeedsValue", key));
            }
            var field = WindowsRuleFields.FromPowerShell(key);
            var spelling = field?.PowerShell;
            // A computed name, group or description changes nothing a packet meets; a computed filter may.
            if (values.Any(v => v.Dynamic) && spelling?.Form != ValueForm.Ignored && !NotFields.Contains(key) && !IsCommon(key))
            {
                var shown = string.Join(",", values.Select(v => v.Text));
                run.NotUnderstood.Add(new NotUnderstood(parameter.Location, $"computed -{key}", $"-{key} {shown}", NotUnderstoodEffect.RuleMayMatch));
                opaque.Add(new OpaqueCondition("computed value", $"-{key} {shown}"));
                continue;
            }
            var any = values.Length == 1 && values[0].Text.Equals("Any", StringComparison.OrdinalIgnoreCase);
            if (field is null || spelling is null)
            {
                OtherParameter(key, values, any, parameter.Location, Add);
                continue;
            }
            if (any && spelling.AnyIsNoCondition && spelling.Form != ValueForm.Own) continue;
            switch (spelling.Form)
            {
                case ValueForm.Verbatim:
                    Add(field.Key, values[0], parameter.Location);
                    break;
                case ValueForm.Protocol:
                    // A string parameter: PowerShell would join a list into one word no protocol is named.
                    if (values.Length != 1) throw new InputException(parameter.Location, Messages.Format("PsNewRuleOneValue", key));
                    Add(field.Key, values[0], parameter.Location, WindowsValueWords.Protocol(values[0].Text));
                    break;
                case ValueForm.List:
                    foreach (var value in values.SelectMany(SplitCommas)) Add(field.Key, value, parameter.Location);
                    break;
                case ValueForm.LocalPorts or ValueForm.RemotePorts:
                    foreach (var value in values.SelectMany(SplitCommas))
                    {
                        var (portKey, portValue) = WindowsValueWords.Port(value.Text, local: spelling.Form == ValueForm.LocalPorts);
                        Add(portKey, value, parameter.Location, portValue);
                    }
                    break;
                case ValueForm.LocalAddresses or ValueForm.RemoteAddresses:
                    foreach (var value in values.SelectMany(SplitCommas))
                    {
                        var (addressKey, addressValue) = WindowsValueWords.Address(value.Text, remote: spelling.Form == ValueForm.RemoteAddresses);
                        Add(addressKey, value, parameter.Location, addressValue);
                    }
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Profile:
                    foreach (var value in values.SelectMany(SplitCommas))
                    {
                        if (value.Text.Equals("Any", StringComparison.OrdinalIgnoreCase)) continue;
                        Add(field.Key, value, parameter.Location, Choice(key, value, ["Any", .. FirewallProfile.All.Select(p => p.Name), "NotApplicable"]));
                    }
                    break;
                case ValueForm.Own when field.Key == RuleKeys.Icmp4:
                    if (any) break;
                    // -Protocol may come later and be refused there (no value, several): only one value can make ICMPv6.
                    var icmp = bound.TryGetValue(PowerShellName(RuleKeys.Protocol), out var protocol)
                        && protocol.Values is [var only] && WindowsValueWords.Protocol(only.Text) == "58" ? RuleKeys.Icmp6 : RuleKeys.Icmp4;
                    foreach (var value in values.SelectMany(SplitCommas))
                    {
                        Add(icmp, value, parameter.Location, value.Text.Contains(':') ? value.Text : value.Text + ":*");
                    }
                    break;
                case ValueForm.Own when field.Key == RuleKeys.InterfaceType:
                    foreach (var value in values.SelectMany(SplitCommas))
                    {
                        var type = Choice(key, value, "Any", "Wired", "Wireless", "RemoteAccess");
                        if (type != "Any") Add(field.Key, value, parameter.Location, type == "Wired" ? "Lan" : type);
                    }
                    break;
                // -Direction, -Action and -Enabled are read above, with the cmdlet's defaults; Ignored ones do not filter.
            }
        }
        foreach (var parameter in unknown)
        {
            // The lenient interpreter reports a key it does not know and lets the rule "may match".
            fields.Add(new RuleField($"-{parameter.Name}", string.Join(",", parameter.Values.Select(v => v.Text)), parameter.Location,
                index => parameter.Values.IsEmpty ? parameter.Location : ScriptLine.Shift(parameter.Values[0].Location, index)));
        }
        // Without -Name, Windows names the rule with a new GUID: a removal by -Name never finds it.
        var id = name?.Text ?? run.GeneratedName();
        var definition = new RuleDefinition(display.Text, command.Location, command.Text, RuleSchemaVersion.Newest, Lenient: true, fields.ToImmutable());
        var rule = RuleInterpreter.Interpret(definition, run.NotUnderstood, run.RpcDynamicPorts);
        if (opaque.Count > 0) rule = rule with { Opaque = rule.Opaque.AddRange(opaque) };
        var store = Single("PolicyStore")?.Text ?? Single("GPOSession")?.Text;
        run.Rules.Add(new ScriptRule(rule, id, display.Text, Single("Group")?.Text, Gpo: store is not null && IsGpoStore(store)));
    }

    /// <summary>
    /// A parameter that is no one rule field: <c>-Authentication</c> and <c>-Encryption</c> both make the grammar's
    /// Security; the dynamic keyword and app ID parameters have no key PortImpact knows, so the lenient interpreter
    /// reports them and the rule may match. The rest (-Name, -PolicyStore, -OverrideBlockRules, the common
    /// parameters) are read elsewhere or do not filter.
    /// </summary>
    private static void OtherParameter(string key, ImmutableArray<ScriptValue> values, bool any, SourceLocation location, Action<string, ScriptValue, SourceLocation, string?> add)
    {
        switch (key)
        {
            case "Authentication":
                var authentication = Choice(key, values[0], "NotRequired", "Required", "NoEncap");
                if (authentication != "NotRequired") add(RuleKeys.Security, values[0], location, "Authenticate");
                break;
            case "Encryption":
                var encryption = Choice(key, values[0], "NotRequired", "Required", "Dynamic");
                if (encryption != "NotRequired") add(RuleKeys.Security, values[0], location, "AuthenticateEncrypt");
                break;
            case "DynamicTarget" or "RemoteDynamicKeywordAddresses" or "PolicyAppId":
                if (!any) add(key, values[0], location, null);
                break;
        }
    }

    private static string PowerShellName(string key) => WindowsRuleFields.Key(key).PowerShell!.Name;

    /// <summary>A GPO store: <c>domain\GPO name</c>, or a GPO session opened with Open-NetGPO; not the local ones.</summary>
    private static bool IsGpoStore(string store) =>
        !(store.Equals("PersistentStore", StringComparison.OrdinalIgnoreCase) || store.Equals("localhost", StringComparison.OrdinalIgnoreCase)
          || store.Equals("ActiveStore", StringComparison.OrdinalIgnoreCase) || store.Equals("ConfigurableServiceStore", StringComparison.OrdinalIgnoreCase)
          || store.Equals("StaticServiceStore", StringComparison.OrdinalIgnoreCase) || store.Equals("SystemDefaults", StringComparison.OrdinalIgnoreCase));
}
