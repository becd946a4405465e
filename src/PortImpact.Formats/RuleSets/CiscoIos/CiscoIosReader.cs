using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>
/// Reads Cisco IOS / IOS-XE ACLs (formats.md §4.1-4.3) from a configuration (<c>show running-config</c>, a
/// hand-written or generated file) or from <c>show access-lists</c> / <c>show ip access-lists</c> output.
/// <para>
/// Each IPv4 ACL (numbered <c>access-list N</c>, named <c>ip access-list standard|extended</c>, or a show
/// header) becomes a <see cref="ChainKind.AccessList"/> chain named by its number or name, entries in
/// sequence order, policy Deny (IOS's implicit deny). <c>ip access-group ACL in|out</c> under an interface
/// becomes an <see cref="InterfaceBinding"/>. Every ACL is kept, bound or not: one used only by NAT, a
/// route-map, a class-map or <c>access-class</c> has no binding, which is how a consumer tells it does not
/// filter interface traffic.
/// </para>
/// <para>
/// NotUnderstood, Skipped: IPv6 (<c>ipv6 access-list</c>, <c>IPv6 access list</c>, <c>ipv6 traffic-filter</c>,
/// entries unread: the engine is IPv4-only), non-IP numbered lists (200-1299: protocol type, MAC, IPX …),
/// reflexive lists in show output. ChainUncertain: zone-based firewall <c>zone-pair</c> and
/// <c>policy-map type inspect</c>, CBAC <c>ip inspect NAME in|out</c> on an interface,
/// <c>ip access-list role-based</c>, <c>access-list WORD</c> (not IOS syntax), an ACL with no entries, a
/// binding to an ACL the file does not define, <c>ip access-group</c> outside an interface, an entry pasted
/// after a section's closing <c>!</c> (kept, as IOS appends it) or left outside any list after <c>exit</c>
/// (not kept, as IOS rejects it). Conditions of an entry that cannot become sets are opaque, RuleMayMatch
/// (see <see cref="AccessEntryParser"/>).
/// </para>
/// <para>
/// Ignored without a note because they do not filter forwarded traffic: the rest of a running-config
/// (router, line/vty and <c>access-class</c>, banners, crypto, NAT, QoS and non-inspect class-maps and
/// policy-maps, ZBF class-maps, zones and <c>zone-member</c> (the zone-pairs already flag ZBF),
/// <c>ip inspect name</c> definitions, snmp, logging, remarks). Keywords are matched as IOS prints them, in
/// lower case. Cisco ASA, PIX and FWSM configurations are a different dialect and are refused as bad input.
/// </para>
/// </summary>
public static class CiscoIosReader
{
    public static RuleSet Read(string text, string file)
    {
        var lines = ConfigText.Split(text, file);
        RejectOtherDialects(lines, file);
        var blocks = ConfigBlocks.Split(lines, file);
        var notes = new List<NotUnderstood>();
        var groups = ObjectGroups.Read(blocks, file, notes);
        var interpreter = new ConfigInterpreter(file, groups, notes);
        foreach (var block in blocks)
        {
            interpreter.Apply(block);
        }
        return interpreter.Finish();
    }

    /// <summary>
    /// ASA (and its PIX/FWSM ancestors) look like IOS but mean other things: netmasks where IOS has wildcards,
    /// <c>access-group NAME in interface X</c>, stateful inspection and security levels (formats.md §4.2). Read as
    /// IOS they would give wrong sets silently, so they are refused by their <c>ASA Version</c> line.
    /// </summary>
    private static void RejectOtherDialects(ImmutableArray<ConfigLine> lines, string file)
    {
        foreach (var line in lines)
        {
            if (!line.IsIndented && line.Word(0) is "ASA" or "PIX" or "FWSM" && line.Word(1) == "Version")
            {
                throw new InputException(new SourceLocation(file, line.Number, 1),
                    Messages.Format("IosOtherPlatform", line.Word(0)));
            }
        }
    }
}
