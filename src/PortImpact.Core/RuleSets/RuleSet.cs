using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;

namespace PortImpact.Core.RuleSets;

/// <summary>
/// The format a rule set was read from, by the name users write (<c>--format</c>) and reports print. A value, not an
/// enumeration: a new format names itself in its own folder (<c>new RuleSetFormat("pf")</c>) without touching Core;
/// the members below are the formats shipped, kept here because tests and the model's own policies name them.
/// </summary>
public readonly record struct RuleSetFormat
{
    public RuleSetFormat(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentException($"a format id is lower-case letters, digits and '-', not '{id}'", nameof(id));
        }
        Id = id;
    }

    public string Id { get; }

    /// <summary>A <c>reg export</c> of the firewall policy keys (UTF-16LE), rule strings of the [MS-GPFAS] grammar.</summary>
    public static RuleSetFormat WindowsRegistry { get; } = new("reg");

    /// <summary>A GPO's <c>Registry.pol</c> (PReg binary) holding the same rule strings and profile settings.</summary>
    public static RuleSetFormat WindowsRegistryPol { get; } = new("pol");

    /// <summary>A GPMC <c>gpreport.xml</c>: the same rules as XML elements named after the grammar's keys.</summary>
    public static RuleSetFormat WindowsGpReport { get; } = new("gpreport");

    /// <summary><c>netsh advfirewall firewall show rule name=all [verbose]</c> text (English).</summary>
    public static RuleSetFormat WindowsNetsh { get; } = new("netsh");

    /// <summary>PowerShell <c>Get-NetFirewallRule | Format-List</c> text: names, directions, actions, profiles, but no filters.</summary>
    public static RuleSetFormat WindowsPowerShell { get; } = new("powershell");

    /// <summary>A PowerShell or cmd script of firewall commands: <c>New-NetFirewallRule</c>, <c>netsh advfirewall firewall add rule</c> ….</summary>
    public static RuleSetFormat WindowsScript { get; } = new("windows-script");

    /// <summary><c>iptables-save</c> / <c>ip6tables-save</c> output.</summary>
    public static RuleSetFormat Iptables { get; } = new("iptables");

    /// <summary><c>nft list ruleset</c> output or an <c>nft -f</c> script such as <c>/etc/nftables.conf</c>.</summary>
    public static RuleSetFormat Nftables { get; } = new("nft");

    /// <summary>Cisco IOS / IOS-XE configuration: numbered and named ACLs, object-groups, <c>ip access-group</c>.</summary>
    public static RuleSetFormat CiscoIos { get; } = new("ios");

    /// <summary>A policy written in the model itself (<c>policies:</c>), shown as a rule set to explain it; never read from a file.</summary>
    public static RuleSetFormat Model { get; } = new("model");

    public override string ToString() => Id;
}

/// <summary>
/// A rule set as read from a file, vendor-neutral but faithful: chains in their order with their
/// defaults, rules with their file line, and everything the reader did not understand listed, never dropped.
/// <see cref="Semantics"/> says how rules decide: first match through chains (iptables, nftables, IOS) or
/// Windows Defender Firewall's order-free precedence (bypass, then block, then allow, then the default).
/// </summary>
public sealed record RuleSet(
    RuleSetFormat Format,
    string File,
    PolicySemantics Semantics,
    ImmutableArray<RuleChain> Chains,
    ImmutableArray<InterfaceBinding> Bindings,
    ImmutableArray<WindowsProfile> Profiles,
    ImmutableArray<NotUnderstood> NotUnderstood)
{
    public int RuleCount => Chains.Sum(c => c.Rules.Length);

    /// <summary>The model policy this rule set was written from; null for one read from a file. Reports then name its defaults as the model's.</summary>
    public Policy? WrittenFrom { get; init; }

    public RuleChain? FindChain(string name, string? table = null) =>
        Chains.FirstOrDefault(c => c.Name == name && (table is null || c.Table == table));
}

/// <summary>What a chain is: where packets enter it.</summary>
public enum ChainKind
{
    /// <summary>An iptables built-in chain or an nftables base chain: packets enter at its hook.</summary>
    Base,
    /// <summary>A chain entered only by jump or goto; falling off its end returns to the caller.</summary>
    User,
    /// <summary>A Cisco access list: entered where an interface binds it, implicit deny at its end.</summary>
    AccessList,
    /// <summary>The rules of a Windows Defender Firewall policy store: no order, per-rule direction and profiles.</summary>
    WindowsRules,
}

/// <summary>
/// An ordered list of rules. <see cref="Hook"/> is <c>input</c>, <c>forward</c>, <c>output</c> (or another
/// netfilter hook) for base chains; <see cref="Table"/> the iptables table or the nftables <c>family name</c>;
/// <see cref="Policy"/> what happens when no rule decides: the chain policy, IOS's implicit deny, or null for
/// a chain that returns to its caller.
/// </summary>
public sealed record RuleChain(
    string Name,
    string? Table,
    ChainKind Kind,
    string? Hook,
    int Priority,
    RuleVerdict? Policy,
    ImmutableArray<ImportedRule> Rules,
    SourceLocation Location)
{
    /// <summary>A base chain's type (<c>filter</c>, <c>nat</c>, <c>route</c>): only filter chains decide whether a packet passes. Null: filter.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// Whether IPv4 packets meet this base chain: false for ip6tables' tables and for nftables' ip6, bridge, arp and
    /// netdev families. With <see cref="Hook"/>, <see cref="Priority"/> and <see cref="Type"/> it is how a reader says
    /// which chains a packet enters where, so that the evaluator never asks which format the file was.
    /// </summary>
    public bool SeesIpv4 { get; init; } = true;

    /// <summary>How a report names what happens when no rule decides, where the format has its own words for it (a model's defaults).</summary>
    public string? DefaultLabel { get; init; }
}

/// <summary>A Cisco <c>ip access-group ACL in|out</c> under an interface.</summary>
public sealed record InterfaceBinding(string Interface, string AccessList, TrafficDirection Direction, SourceLocation Location);

/// <summary>
/// A Windows firewall profile's settings as the file states them (null: not stated, Windows' default applies):
/// on or off, the default actions, whether local rules merge with Group Policy's, and "block all inbound".
/// </summary>
public sealed record WindowsProfile(
    FirewallProfile Profile,
    bool? Enabled,
    RuleAction? DefaultInbound,
    RuleAction? DefaultOutbound,
    bool? AllowLocalPolicyMerge,
    bool? BlockAllInbound,
    SourceLocation Location);

/// <summary>
/// A construct the reader did not understand, with where it is and what was done about it (<see cref="Effect"/>:
/// the rule "may match" and its results are uncertain, or a line that was not a filtering rule was skipped).
/// </summary>
public sealed record NotUnderstood(SourceLocation Location, string Construct, string Text, NotUnderstoodEffect Effect);

public enum NotUnderstoodEffect
{
    /// <summary>A condition of a rule that could not be evaluated: the rule may or may not match.</summary>
    RuleMayMatch,
    /// <summary>A whole statement that may filter traffic was not read: results for that chain are uncertain.</summary>
    ChainUncertain,
    /// <summary>A statement that does not filter traffic (NAT, logging settings, comments of a kind) was skipped.</summary>
    Skipped,
}
