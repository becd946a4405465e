using System.Collections.Immutable;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>The [MS-GPFAS] 2.2.2.19 keys the readers name in code; every other key is only in <see cref="WindowsRuleFields.All"/>.</summary>
internal static class RuleKeys
{
    public const string Action = "Action";
    public const string Active = "Active";
    public const string Dir = "Dir";
    public const string Profile = "Profile";
    public const string Protocol = "Protocol";
    public const string Security = "Security";
    public const string InterfaceType = "IFType";
    public const string Icmp4 = "ICMP4";
    public const string Icmp6 = "ICMP6";
    public const string Name = "Name";
}

/// <summary>What a key means to <see cref="RuleInterpreter"/>.</summary>
internal enum KeyKind
{
    Action, Active, Dir, Profile, Protocol, LocalPort, RemotePort, LocalV4, RemoteV4, LocalV6, RemoteV6,
    RemoteV4Keyword, RemoteV6Keyword, Opaque, Flag, BypassOutbound, Defer, SkipVer, Platform, Display, Icmp4, Icmp6,
}

/// <summary>How a source's value becomes the key's value.</summary>
internal enum ValueForm
{
    /// <summary>The source's reader translates it itself: its words are not the grammar's, or it checks them.</summary>
    Own,
    /// <summary>The value as written.</summary>
    Verbatim,
    /// <summary>A comma list: the key once per entry.</summary>
    List,
    /// <summary>A comma list of ports and port keywords (<see cref="WindowsValueWords.Port"/>), local or remote.</summary>
    LocalPorts,
    RemotePorts,
    /// <summary>A comma list of addresses and address keywords (<see cref="WindowsValueWords.Address"/>: LA4/LA6, RA4/RA6/RA42).</summary>
    LocalAddresses,
    RemoteAddresses,
    /// <summary>A protocol name or number (<see cref="WindowsValueWords.Protocol"/>).</summary>
    Protocol,
    /// <summary>Read and ignored: it does not change what the rule matches.</summary>
    Ignored,
}

/// <summary>
/// How one source writes a field: the name there, how its value becomes the key's, and whether <c>Any</c> is that
/// source's word for "no condition" (it is not for a program path or an SDDL string, nor for a direction).
/// </summary>
internal sealed record FieldSpelling(string Name, ValueForm Form, bool AnyIsNoCondition = true);

/// <summary>
/// One field of a Windows Defender Firewall rule, wherever it is written: its [MS-GPFAS] 2.2.2.19 rule-string key
/// (<c>Key=Value</c> in a reg export and a Registry.pol; gpreport.xml names its element after the key), what the key
/// means to the interpreter (<see cref="Kind"/>, whether it may repeat, the opaque condition it makes and the
/// keyword values it takes), and its name in <c>netsh advfirewall firewall show rule</c> output
/// (<see cref="NetshShow"/>), in <c>netsh advfirewall firewall add rule</c> (<see cref="NetshAdd"/>) and as a
/// New-NetFirewallRule parameter, also the property of Get-NetFirewallRule (<see cref="PowerShell"/>).
/// </summary>
internal sealed record WindowsRuleField(string Key, KeyKind Kind, bool Repeats, string? Construct = null, string[]? Values = null)
{
    public FieldSpelling? NetshShow { get; init; }
    public FieldSpelling? NetshAdd { get; init; }
    public FieldSpelling? PowerShell { get; init; }
}

/// <summary>
/// The fields of a Windows firewall rule, one row each: the one place a field is added. A source spelling is
/// given only where the source writes that same field; what a source writes differently stays with its reader —
/// PowerShell's <c>-Authentication</c> and <c>-Encryption</c> both make <c>Security</c>, netsh writes the ICMP type
/// in <c>protocol=icmpv4:8,any</c>, and the address and port keys with a suffix (LA6, RA42, LPort2_10) are chosen
/// by the value, not named by any source.
/// </summary>
internal static class WindowsRuleFields
{
    private static FieldSpelling S(string name, ValueForm form, bool anyIsNoCondition = true) => new(name, form, anyIsNoCondition);

    public static readonly ImmutableArray<WindowsRuleField> All =
    [
        new(RuleKeys.Action, KeyKind.Action, false)
        {
            NetshShow = S("Action", ValueForm.Verbatim, false), NetshAdd = S("action", ValueForm.Own), PowerShell = S("Action", ValueForm.Own),
        },
        new(RuleKeys.Active, KeyKind.Active, false)
        {
            NetshShow = S("Enabled", ValueForm.Own), NetshAdd = S("enable", ValueForm.Own), PowerShell = S("Enabled", ValueForm.Own),
        },
        new(RuleKeys.Dir, KeyKind.Dir, false)
        {
            NetshShow = S("Direction", ValueForm.Verbatim, false), NetshAdd = S("dir", ValueForm.Own), PowerShell = S("Direction", ValueForm.Own),
        },
        new(RuleKeys.Profile, KeyKind.Profile, true)
        {
            NetshShow = S("Profiles", ValueForm.List), NetshAdd = S("profile", ValueForm.List), PowerShell = S("Profile", ValueForm.Own),
        },
        new(RuleKeys.Protocol, KeyKind.Protocol, false)
        {
            NetshShow = S("Protocol", ValueForm.Protocol), NetshAdd = S("protocol", ValueForm.Own), PowerShell = S("Protocol", ValueForm.Protocol),
        },
        new("LPort", KeyKind.LocalPort, true)
        {
            NetshShow = S("LocalPort", ValueForm.LocalPorts), NetshAdd = S("localport", ValueForm.LocalPorts), PowerShell = S("LocalPort", ValueForm.LocalPorts),
        },
        new("LPort2_10", KeyKind.LocalPort, true),
        new("LPort2_20", KeyKind.LocalPort, true),
        new("RPort", KeyKind.RemotePort, true)
        {
            NetshShow = S("RemotePort", ValueForm.RemotePorts), NetshAdd = S("remoteport", ValueForm.RemotePorts), PowerShell = S("RemotePort", ValueForm.RemotePorts),
        },
        new("RPort2_10", KeyKind.RemotePort, true),
        new("LA4", KeyKind.LocalV4, true)
        {
            NetshShow = S("LocalIP", ValueForm.LocalAddresses), NetshAdd = S("localip", ValueForm.LocalAddresses), PowerShell = S("LocalAddress", ValueForm.LocalAddresses),
        },
        new("RA4", KeyKind.RemoteV4, true)
        {
            NetshShow = S("RemoteIP", ValueForm.RemoteAddresses), NetshAdd = S("remoteip", ValueForm.RemoteAddresses), PowerShell = S("RemoteAddress", ValueForm.RemoteAddresses),
        },
        new("LA6", KeyKind.LocalV6, true),
        new("RA6", KeyKind.RemoteV6, true),
        new("RA42", KeyKind.RemoteV4Keyword, true),
        new("RA62", KeyKind.RemoteV6Keyword, true),
        new("App", KeyKind.Opaque, false, "application")
        {
            NetshShow = S("Program", ValueForm.Verbatim), NetshAdd = S("program", ValueForm.Verbatim, false), PowerShell = S("Program", ValueForm.Verbatim),
        },
        new("Svc", KeyKind.Opaque, false, "service")
        {
            NetshShow = S("Service", ValueForm.Verbatim), NetshAdd = S("service", ValueForm.Verbatim), PowerShell = S("Service", ValueForm.Verbatim),
        },
        new("AppPkgId", KeyKind.Opaque, false, "app package") { PowerShell = S("Package", ValueForm.Verbatim, false) },
        // PFN (package family name) is outside the spec but written by Windows into AppIso rules (formats.md §1.4).
        new("PFN", KeyKind.Opaque, false, "app package"),
        new("LUOwn", KeyKind.Opaque, false, "local user owner") { PowerShell = S("Owner", ValueForm.Verbatim, false) },
        new("LUAuth", KeyKind.Opaque, false, "local user authorization") { PowerShell = S("LocalUser", ValueForm.Verbatim) },
        new("LUAuth2_24", KeyKind.Opaque, false, "local user authorization"),
        new("RMAuth", KeyKind.Opaque, false, "remote machine authorization")
        {
            NetshAdd = S("rmtcomputergrp", ValueForm.Verbatim, false), PowerShell = S("RemoteMachine", ValueForm.Verbatim),
        },
        new("RUAuth", KeyKind.Opaque, false, "remote user authorization")
        {
            NetshAdd = S("rmtusrgrp", ValueForm.Verbatim, false), PowerShell = S("RemoteUser", ValueForm.Verbatim),
        },
        new(RuleKeys.Security, KeyKind.Opaque, false, "ipsec security", ["Authenticate", "AuthenticateEncrypt"])
        {
            NetshShow = S("Security", ValueForm.Own), NetshAdd = S("security", ValueForm.Own),
        },
        new("Security2_9", KeyKind.Opaque, false, "ipsec security", ["An-NoEncap"]),
        new("Security2", KeyKind.Opaque, false, "ipsec security", ["AnE-Nego"]),
        new("IF", KeyKind.Opaque, true, "interface") { PowerShell = S("InterfaceAlias", ValueForm.Verbatim) },
        new(RuleKeys.InterfaceType, KeyKind.Opaque, true, "interface type", ["Lan", "Wireless", "RemoteAccess"])
        {
            NetshShow = S("InterfaceTypes", ValueForm.List), NetshAdd = S("interfacetype", ValueForm.Own), PowerShell = S("InterfaceType", ValueForm.Own),
        },
        new("TTK", KeyKind.Opaque, true, "trust tuple", ["Proximity", "ProxSharing"]),
        new("TTK2_22", KeyKind.Opaque, true, "trust tuple", ["WFDPrint", "WFDDisplay", "WFDDevices"]),
        new("TTK2_27", KeyKind.Opaque, true, "trust tuple", ["WFDKmDriver", "UPnP"]),
        new("TTK2_28", KeyKind.Opaque, true, "trust tuple", ["WFDCDPSvc"]),
        new("NNm", KeyKind.Opaque, false, "network name"),
        new("SecurityRealmId", KeyKind.Opaque, false, "security realm"),
        // New-NetFirewallRule's -Platform is informational there: it is not the grammar's PLATFORM:MAJOR:MINOR.
        new("Platform", KeyKind.Platform, true) { PowerShell = S("Platform", ValueForm.Ignored) },
        new("Platform2", KeyKind.Opaque, false, "platform", ["GTEQ"]),
        // Edge traversal lets Teredo traffic reach the rule; it widens no port or address of an IPv4 connection.
        new("Edge", KeyKind.Flag, false)
        {
            NetshShow = S("Edge traversal", ValueForm.Ignored), NetshAdd = S("edge", ValueForm.Ignored), PowerShell = S("EdgeTraversalPolicy", ValueForm.Ignored),
        },
        new("LSM", KeyKind.Flag, false) { PowerShell = S("LooseSourceMapping", ValueForm.Ignored) },
        new("LOM", KeyKind.Flag, false) { PowerShell = S("LocalOnlyMapping", ValueForm.Ignored) },
        new("PCross", KeyKind.Flag, false),
        new("AuthByPassOut", KeyKind.BypassOutbound, false),
        new("Defer", KeyKind.Defer, false),
        new("SkipVer", KeyKind.SkipVer, false),
        // netsh show opens each rule with "Rule Name:", which its reader takes as the rule's ID.
        new(RuleKeys.Name, KeyKind.Display, false)
        {
            NetshShow = S("Rule Name", ValueForm.Ignored), NetshAdd = S("name", ValueForm.Ignored), PowerShell = S("DisplayName", ValueForm.Ignored),
        },
        new("Desc", KeyKind.Display, false)
        {
            NetshShow = S("Description", ValueForm.Ignored), NetshAdd = S("description", ValueForm.Ignored), PowerShell = S("Description", ValueForm.Ignored),
        },
        new("EmbedCtxt", KeyKind.Display, false)
        {
            NetshShow = S("Grouping", ValueForm.Ignored), NetshAdd = S("grouping", ValueForm.Ignored), PowerShell = S("Group", ValueForm.Ignored),
        },
        // netsh show lists ICMP types in Type/Code rows under Protocol, which its reader turns into "ICMP" entries;
        // -IcmpType is ICMP4 or ICMP6 by -Protocol.
        new(RuleKeys.Icmp4, KeyKind.Icmp4, true) { NetshShow = S("ICMP", ValueForm.Own), PowerShell = S("IcmpType", ValueForm.Own) },
        new(RuleKeys.Icmp6, KeyKind.Icmp6, true),
    ];

    private static readonly Dictionary<string, WindowsRuleField> ByKey = All.ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);

    // netsh prints its labels in one spelling; netsh's tags and PowerShell's parameters are read in any case.
    private static readonly Dictionary<string, WindowsRuleField> ByNetshShow = Index(f => f.NetshShow, StringComparer.Ordinal);
    private static readonly Dictionary<string, WindowsRuleField> ByNetshAdd = Index(f => f.NetshAdd, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, WindowsRuleField> ByPowerShell = Index(f => f.PowerShell, StringComparer.OrdinalIgnoreCase);

    public static bool TryGetKey(string key, out WindowsRuleField field) => ByKey.TryGetValue(key, out field!);

    public static WindowsRuleField Key(string key) => ByKey[key];

    /// <summary>The field a <c>netsh … show rule</c> label writes, or null for a label of no rule field.</summary>
    public static WindowsRuleField? FromNetshShow(string label) => ByNetshShow.GetValueOrDefault(label);

    /// <summary>The field a <c>netsh … add rule</c> tag sets, or null for a tag of no rule field.</summary>
    public static WindowsRuleField? FromNetshAdd(string tag) => ByNetshAdd.GetValueOrDefault(tag);

    /// <summary>The field a New-NetFirewallRule parameter (by its full name) sets, or null for a parameter of no rule field.</summary>
    public static WindowsRuleField? FromPowerShell(string parameter) => ByPowerShell.GetValueOrDefault(parameter);

    private static Dictionary<string, WindowsRuleField> Index(Func<WindowsRuleField, FieldSpelling?> spelling, StringComparer comparer) =>
        All.Where(f => spelling(f) is not null).ToDictionary(f => spelling(f)!.Name, comparer);
}
