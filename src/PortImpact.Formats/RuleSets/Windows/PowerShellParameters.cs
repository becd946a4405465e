using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The parameters of the NetSecurity cmdlets this reader runs, and how PowerShell binds what a command wrote to
/// them: a parameter may be shortened to any unambiguous prefix (<c>-Dir</c> for <c>-Direction</c>), the common
/// parameters and their aliases (<c>-ea</c>, <c>-WhatIf</c>) go with every cmdlet, and a parameter given twice is
/// an error, as PowerShell refuses it.
/// </summary>
internal static class PowerShellParameters
{
    /// <summary>New-NetFirewallRule's parameters, in the order its documentation lists them.</summary>
    public static readonly string[] NewRule =
    [
        "DisplayName", "Name", "Description", "Group", "Enabled", "Profile", "Platform", "Direction", "Action", "EdgeTraversalPolicy",
        "LooseSourceMapping", "LocalOnlyMapping", "Owner", "LocalAddress", "RemoteAddress", "Protocol", "LocalPort", "RemotePort",
        "IcmpType", "DynamicTarget", "Program", "Package", "Service", "InterfaceAlias", "InterfaceType", "LocalUser", "RemoteUser",
        "RemoteMachine", "Authentication", "Encryption", "OverrideBlockRules", "PolicyStore", "GPOSession", "CimSession",
        "ThrottleLimit", "AsJob", "RemoteDynamicKeywordAddresses", "PolicyAppId",
    ];

    public static readonly string[] RemoveRule =
    [
        "All", "Name", "DisplayName", "Group", "DisplayGroup", "PolicyStore", "GPOSession", "CimSession", "ThrottleLimit", "AsJob",
    ];

    public static readonly string[] SetProfile =
    [
        "Name", "Profile", "All", "Enabled", "DefaultInboundAction", "DefaultOutboundAction", "AllowLocalFirewallRules", "AllowInboundRules",
        "AllowLocalIPsecRules", "AllowUserApps", "AllowUserPorts", "AllowUnicastResponseToMulticast", "NotifyOnListen",
        "EnableStealthModeForIPsec", "LogFileName", "LogMaxSizeKilobytes", "LogAllowed", "LogBlocked", "LogIgnored",
        "DisabledInterfaceAliases", "PolicyStore", "GPOSession", "CimSession", "ThrottleLimit", "AsJob", "AllowedInterfaces"
    ];

    /// <summary>PowerShell's common parameters and their aliases; none of them changes which rule is made.</summary>
    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ErrorAction"] = "ErrorAction", ["ea"] = "ErrorAction", ["WarningAction"] = "WarningAction", ["wa"] = "WarningAction",
        ["InformationAction"] = "InformationAction", ["infa"] = "InformationAction", ["ErrorVariable"] = "ErrorVariable", ["ev"] = "ErrorVariable",
        ["WarningVariable"] = "WarningVariable", ["wv"] = "WarningVariable", ["InformationVariable"] = "InformationVariable", ["iv"] = "InformationVariable",
        ["OutVariable"] = "OutVariable", ["ov"] = "OutVariable", ["OutBuffer"] = "OutBuffer", ["ob"] = "OutBuffer",
        ["PipelineVariable"] = "PipelineVariable", ["pv"] = "PipelineVariable", ["Verbose"] = "Verbose", ["vb"] = "Verbose",
        ["Debug"] = "Debug", ["db"] = "Debug", ["ProgressAction"] = "ProgressAction", ["proga"] = "ProgressAction",
        ["WhatIf"] = "WhatIf", ["wi"] = "WhatIf", ["Confirm"] = "Confirm", ["cf"] = "Confirm",
    };

    /// <summary>The switches among them: they take no value.</summary>
    public static readonly HashSet<string> Switches = new(StringComparer.OrdinalIgnoreCase) { "AsJob", "WhatIf", "Confirm", "Verbose", "Debug" };

    public static bool IsCommon(string name) => Common.ContainsValue(name);

    /// <summary>
    /// The command's parameters by their full names. A name none of <paramref name="known"/> starts with is collected
    /// in <paramref name="unknown"/> when <paramref name="unknownAllowed"/>, else the whole binding fails (null).
    /// </summary>
    public static Dictionary<string, ScriptParameter>? Bind(PowerShellCommand command, string[] known, bool unknownAllowed, out List<ScriptParameter> unknown)
    {
        var bound = new Dictionary<string, ScriptParameter>(StringComparer.OrdinalIgnoreCase);
        unknown = [];
        foreach (var parameter in command.Parameters)
        {
            string name;
            if (Common.TryGetValue(parameter.Name, out var common))
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
                        Messages.Format("PsAmbiguousParameter", parameter.Name, command.Name, string.Join(", ", candidates.Select(c => "-" + c))));
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
                throw new InputException(parameter.Location, Messages.Format("PsParameterTwice", name, command.Name));
            }
        }
        return bound;
    }

    /// <summary>True when a switch is given and not turned off (<c>-WhatIf</c>, <c>-WhatIf:$true</c>, but not <c>-WhatIf:$false</c>).</summary>
    public static bool IsOn(Dictionary<string, ScriptParameter> bound, string name) =>
        bound.TryGetValue(name, out var parameter) && (parameter.Values.IsEmpty || parameter.Values.Any(v => v.Dynamic || !v.Text.Equals("False", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The value as one of the <paramref name="allowed"/> words (case-insensitive, spelt as listed); anything else is bad input.</summary>
    public static string Choice(string parameter, ScriptValue value, params string[] allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value.Text, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException(value.Location, Messages.Format("PsBadChoice", parameter, string.Join(", ", allowed.SkipLast(1)), allowed[^1], InputEcho.Escape(value.Text)));

    /// <summary>The entries of a value written as one comma list (<c>'Domain,Private'</c>), each located in the file.</summary>
    public static IEnumerable<ScriptValue> SplitCommas(ScriptValue value) =>
        WindowsValueWords.CommaList(value.Text).Where(e => e.Entry.Length > 0)
            .Select(e => value with { Text = e.Entry, Location = ScriptLine.Shift(value.Location, e.Offset) });
}
