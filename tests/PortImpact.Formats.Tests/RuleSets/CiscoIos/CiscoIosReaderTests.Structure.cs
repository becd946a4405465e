using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.CiscoIos;

/// <summary>Whole configurations: object-groups, bindings, show output, removals, and what is skipped or uncertain.</summary>
public sealed partial class CiscoIosReaderTests
{
    [Fact]
    public void Network_object_groups_resolve_hosts_subnet_masks_ranges_and_nested_groups()
    {
        var set = Read("""
            ip access-list extended USES-GROUPS
             permit ip object-group SERVERS object-group ADMINS
            object-group network SERVERS
             description file servers
             host 10.1.1.10
             10.1.2.0 255.255.255.0
             range 10.1.3.5 10.1.3.9
             10.1.4.0/30
             group-object MORE
            object-group network MORE
             host 10.9.9.9
            object-group network ADMINS
             101.164.101.254 255.255.254.0
            """);
        var rule = Rule(set, "USES-GROUPS:10");
        Assert.Equal(Net("10.1.1.10", "10.1.2.0/24", "10.1.4.0/30", "10.9.9.9").Union(Span("10.1.3.5", "10.1.3.9")), rule.Source);
        // Host bits under a subnet mask are ignored, as the mask match ignores them.
        Assert.Equal(Net("101.164.100.0/23"), rule.Destination);
        Assert.Empty(rule.Opaque);
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void Service_object_groups_become_one_rule_per_protocol_with_their_ports_united()
    {
        var set = Read("""
            object-group service WEB-AND-DNS
             tcp eq www
             tcp eq 443
             udp eq domain
             tcp source range 1024 65535 eq 8080
             tcp-udp eq 88
             esp
             icmp echo
            object-group network WEB
             host 10.1.1.1
            ip access-list extended IN
             10 permit object-group WEB-AND-DNS any object-group WEB
            """);
        var chain = Assert.Single(set.Chains);
        Assert.Equal(["IN:10.1", "IN:10.2", "IN:10.3", "IN:10.4", "IN:10.5", "IN:10.6"], chain.Rules.Select(r => r.Id));
        Assert.Equal(("tcp", "0-65535", "80,443"), Service(Rule(set, "IN:10.1")));
        Assert.Equal(("udp", "0-65535", "53"), Service(Rule(set, "IN:10.2")));
        Assert.Equal(("tcp", "1024-65535", "8080"), Service(Rule(set, "IN:10.3")));
        Assert.Equal(("tcp,udp", "0-65535", "88"), Service(Rule(set, "IN:10.4")));
        Assert.Equal(("50", "0-65535", "0-65535"), Service(Rule(set, "IN:10.5")));
        Assert.Equal(("icmp", "0-65535", "0-65535"), Service(Rule(set, "IN:10.6")));
        Assert.Equal(["icmp-type: icmp echo"], Opaque(Rule(set, "IN:10.6")));
        Assert.Empty(Rule(set, "IN:10.1").Opaque);
        Assert.All(chain.Rules, r => Assert.Equal(Net("10.1.1.1"), r.Destination));
        Assert.Equal(["12:2 icmp-type RuleMayMatch"], Notes(set));
    }

    /// <summary>
    /// A service group's members may be written at the left margin (pasted configs); a global command that starts
    /// with a protocol's name — "ip access-list", "ip domain-name" — still ends the group rather than being read as a member.
    /// </summary>
    [Fact]
    public void A_global_ip_command_after_a_service_group_ends_the_group()
    {
        var set = Read("""
            object-group service SMB
             tcp eq 445
            !
            ip domain-name example.com
            object-group service NB
            udp range 137 138
            gre
            ip access-list extended IN
             10 permit object-group SMB any host 10.1.1.1
             20 permit object-group NB any any
            """);
        var chain = Assert.Single(set.Chains);
        Assert.Equal(["IN:10", "IN:20.1", "IN:20.2"], chain.Rules.Select(r => r.Id));
        Assert.Equal(("tcp", "0-65535", "445"), Service(Rule(set, "IN:10")));
        Assert.Equal(("udp", "0-65535", "137-138"), Service(Rule(set, "IN:20.1")));
        Assert.Equal(("47", "0-65535", "0-65535"), Service(Rule(set, "IN:20.2")));
        Assert.Empty(Notes(set));
    }

    private static (string Protocols, string SourcePorts, string DestinationPorts) Service(ImportedRule rule) =>
        (rule.Protocols.ToString(), rule.SourcePorts.ToString(), rule.DestinationPorts.ToString());

    [Fact]
    public void An_undefined_object_group_matches_anything_it_could_and_is_opaque()
    {
        var set = Read("""
            object-group network PARTIAL
             host 10.1.1.1
             group-object ELSEWHERE
            ip access-list extended IN
             permit tcp object-group NOWHERE any eq 22
             permit object-group NO-SERVICE any any
             permit ip object-group PARTIAL any
            """);
        var undefinedNetwork = Rule(set, "IN:10");
        Assert.True(undefinedNetwork.Source.IsAny);
        Assert.Equal(PortSet.Of(22), undefinedNetwork.DestinationPorts);
        Assert.Equal(["object-group: object-group NOWHERE (not defined in this file)"], Opaque(undefinedNetwork));
        var undefinedService = Rule(set, "IN:20");
        Assert.True(undefinedService.Protocols.IsAny);
        Assert.Equal(["object-group: object-group NO-SERVICE (not defined in this file)"], Opaque(undefinedService));
        Assert.True(Rule(set, "IN:30").Source.IsAny);
        Assert.Equal(["object-group: object-group PARTIAL includes ELSEWHERE (not defined in this file)"], Opaque(Rule(set, "IN:30")));
        Assert.Equal(["5:13 object-group RuleMayMatch", "6:9 object-group RuleMayMatch", "7:12 object-group RuleMayMatch"], Notes(set));
    }

    [Fact]
    public void Interface_access_groups_become_bindings_and_default_to_out()
    {
        var set = Read("""
            interface GigabitEthernet0/1
             description uplink
             ip address 192.0.2.1 255.255.255.0
             ip access-group EDGE-IN in
             ip access-group 101 out
            !
            interface ATM0/0.32 point-to-point
             ip access-group 101
            !
            ip access-list extended EDGE-IN
             permit ip any any
            access-list 101 deny ip any any
            """);
        Assert.Equal(
            new[]
            {
                new InterfaceBinding("GigabitEthernet0/1", "EDGE-IN", TrafficDirection.In, new SourceLocation(File, 4, 2)),
                new InterfaceBinding("GigabitEthernet0/1", "101", TrafficDirection.Out, new SourceLocation(File, 5, 2)),
                new InterfaceBinding("ATM0/0.32", "101", TrafficDirection.Out, new SourceLocation(File, 8, 2)),
            },
            set.Bindings.ToArray());
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void A_binding_to_an_undefined_list_is_kept_and_marked_uncertain()
    {
        var set = Read("""
            interface FastEthernet0/0
             ip access-group GHOST in
            """);
        Assert.Equal("GHOST", Assert.Single(set.Bindings).AccessList);
        Assert.Empty(set.Chains);
        var note = Assert.Single(set.NotUnderstood);
        Assert.Equal(new NotUnderstood(new SourceLocation(File, 2, 18), "undefined-access-list", "ip access-group GHOST in", NotUnderstoodEffect.ChainUncertain), note);
    }

    [Fact]
    public void Unindented_entries_and_bindings_belong_to_the_mode_above_them_as_when_pasted()
    {
        var set = Read("""
            ip access-list extended FLAT
            permit tcp any any eq 22
            deny ip any any
            interface Vlan10
            ip access-group FLAT in
            hostname r1
            """);
        Assert.Equal(2, Assert.Single(set.Chains).Rules.Length);
        Assert.Equal("Vlan10", Assert.Single(set.Bindings).Interface);
    }

    [Fact]
    public void Lists_are_reopened_by_name_and_deleted_by_no_commands()
    {
        var set = Read("""
            ip access-list extended EDGE
             10 permit tcp any any eq 22
             20 permit tcp any any eq 23
             30 permit tcp any any eq 80
            ip access-list extended EDGE
             no 20
             no permit tcp any any eq 80
             15 deny udp any any
            no ip access-list extended OLD
            ip access-list extended OLD
             permit ip any any
            no ip access-list extended OLD
            access-list 5 permit any
            no access-list 5
            access-list 5 deny any
            """);
        Assert.Equal(["EDGE", "5"], set.Chains.Select(c => c.Name));
        Assert.Equal(["EDGE:10", "EDGE:15"], set.Chains[0].Rules.Select(r => r.Id));
        Assert.Equal(RuleVerdict.Deny, Assert.Single(set.Chains[1].Rules).Verdict);
        Assert.Equal(new SourceLocation(File, 15, 1), set.Chains[1].Location);
    }

    [Fact]
    public void Ipv6_lists_and_filters_are_listed_as_skipped()
    {
        var set = Read("""
            ipv6 access-list V6-IN
             permit tcp any host 2001:DB8::1 eq 22 sequence 10
             deny ipv6 any any
            interface GigabitEthernet0/1
             ipv6 traffic-filter V6-IN in
            """);
        Assert.Empty(set.Chains);
        Assert.Empty(set.Bindings);
        Assert.Equal(["1:1 ipv6 access-list Skipped", "5:2 ipv6 traffic-filter Skipped"], Notes(set));
    }

    [Fact]
    public void Zone_based_firewall_and_cbac_filtering_are_uncertain_and_the_rest_of_a_config_is_ignored()
    {
        var set = Read("""
            version 15.2
            hostname fw
            banner motd ^C
            access-list 199 permit ip any any
            ^C
            zone security inside
            zone-pair security in-out source inside destination outside
             service-policy type inspect INSPECT-OUT
            class-map type inspect match-any WEB
             match protocol http
            policy-map type inspect INSPECT-OUT
             class type inspect WEB
              inspect
             class class-default
              drop log
            interface Dialer1
             zone-member security inside
             ip inspect EXT_OUT out
             ip nat outside
             crypto map VPN
            router bgp 65001
             neighbor 192.0.2.2 remote-as 65002
             distribute-list 10 in
            ip nat inside source list 10 interface Dialer1 overload
            line vty 0 4
             access-class 10 in
            snmp-server community public RO 10
            access-list 10 permit 10.0.0.0 0.255.255.255
            end
            """);
        Assert.Equal(["10"], set.Chains.Select(c => c.Name));
        Assert.Empty(set.Bindings);
        Assert.Equal(
            ["7:1 zone-pair ChainUncertain", "11:1 policy-map type inspect ChainUncertain", "18:2 ip inspect ChainUncertain"],
            Notes(set));
    }

    [Fact]
    public void Empty_lists_and_entries_pasted_after_a_section_end_are_uncertain()
    {
        var set = Read("""
            ip access-list extended ONLY-REMARKS
             remark nothing here yet
            ip access-list extended DDOS
             deny ip host 198.51.100.1 any
             permit ip any any
            !
             deny ip host 198.51.100.2 any
            """);
        Assert.Empty(set.FindChain("ONLY-REMARKS")!.Rules);
        Assert.Equal(RuleVerdict.Deny, set.FindChain("ONLY-REMARKS")!.Policy);
        Assert.Equal(["DDOS:10", "DDOS:20", "DDOS:30"], set.FindChain("DDOS")!.Rules.Select(r => r.Id));
        Assert.Equal(["1:1 empty-access-list ChainUncertain", "7:2 entry-after-comment ChainUncertain"], Notes(set));
    }

    [Fact]
    public void Entries_left_outside_any_list_and_odd_access_list_forms_are_reported()
    {
        var set = Read("""
            ip access-list extended A
             permit ip any any
            exit
             deny ip any any
            access-list 200 permit 0x0800 0x0000
            access-list 200 deny 0x0000 0xFFFF
            access-list 700 permit 0000.0c00.0000 0000.00ff.ffff
            access-list OUTSIDE extended permit tcp any any eq 80
            access-list compiled
            ip access-group A in
            ip access-list role-based SGACL
             permit tcp dst eq 80
            """);
        Assert.Equal(["A"], set.Chains.Select(c => c.Name));
        Assert.Equal(
            ["4:2 entry-outside-access-list ChainUncertain", "5:1 non-IP access-list Skipped", "7:1 non-IP access-list Skipped",
             "8:1 access-list OUTSIDE ChainUncertain", "10:1 ip access-group outside an interface ChainUncertain",
             "11:1 ip access-list role-based ChainUncertain"],
            Notes(set));
    }

    [Fact]
    public void Show_access_lists_output_is_read_into_chains()
    {
        var set = Read("""
            Standard IP access list 99
                10 permit 172.16.191.199
                20 deny   any log (3 matches)
                30 permit 10.0.10.0, wildcard bits 0.0.0.255 (20 matches)
            Extended IP access list 101
                10 permit tcp any host 10.1.1.1 eq www (5177 matches)
                40 permit ahp any any log-input time-range test (active)
            Extended IP access list empty
            Reflexive IP access list MIRROR
                 permit tcp host 10.1.1.2 eq 1234 host 10.2.2.2 eq www (3 matches) (time left 280)
            IPv6 access list V6
                permit ipv6 any any sequence 10
            """);
        Assert.Equal(["99", "101", "empty"], set.Chains.Select(c => c.Name));
        Assert.Equal(Net("172.16.191.199"), Rule(set, "99:10").Source);
        Assert.True(Rule(set, "99:20").Source.IsAny);
        Assert.Equal(Net("10.0.10.0/24"), Rule(set, "99:30").Source);
        Assert.Empty(Rule(set, "99:30").Opaque);
        Assert.Equal(PortSet.Of(80), Rule(set, "101:10").DestinationPorts);
        Assert.Equal("51", Rule(set, "101:40").Protocols.ToString());
        Assert.Equal(["time-range: time-range test (active)"], Opaque(Rule(set, "101:40")));
        Assert.Equal(
            ["7:37 time-range RuleMayMatch", "8:1 empty-access-list ChainUncertain", "9:1 Reflexive IP access list Skipped", "11:1 IPv6 access list Skipped"],
            Notes(set));
    }

    [Fact]
    public void An_extended_entry_under_a_standard_show_header_is_not_turned_into_a_rule()
    {
        var set = Read("""
            Standard IP access list 10
                10 permit 192.168.1.0, wildcard bits 0.0.0.255
                16 deny udp host 192.168.1.3 host 192.168.2.12 range 12 15
            """);
        Assert.Equal(["10:10"], Assert.Single(set.Chains).Rules.Select(r => r.Id));
        Assert.Equal(["3:5 extended-entry-in-standard-list ChainUncertain"], Notes(set));
    }

    [Fact]
    public void Not_understood_entries_carry_the_line_text()
    {
        var set = Read("access-list 101 permit ip any any fragments\n");
        Assert.Equal(new NotUnderstood(new SourceLocation(File, 1, 35), "fragments", "fragments", NotUnderstoodEffect.RuleMayMatch), Assert.Single(set.NotUnderstood));
        Assert.Equal("access-list 101 permit ip any any fragments", Rule(set, "101:10").Text);
    }
}
