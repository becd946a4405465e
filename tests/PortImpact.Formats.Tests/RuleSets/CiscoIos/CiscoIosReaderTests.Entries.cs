using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.CiscoIos;

/// <summary>One ACE at a time: actions, protocols, addresses, wildcards, ports, options.</summary>
public sealed partial class CiscoIosReaderTests
{
    [Fact]
    public void Numbered_standard_entries_match_the_source_only()
    {
        var set = Read("""
            access-list 10 permit 10.1.1.0 0.0.0.255
            access-list 10 permit 10.2.2.2
            access-list 10 deny host 10.3.3.3 log
            access-list 1300 permit any
            """);
        var chain = Assert.Single(set.Chains, c => c.Name == "10");
        Assert.Equal(ChainKind.AccessList, chain.Kind);
        Assert.Equal(RuleVerdict.Deny, chain.Policy);
        Assert.Equal(new SourceLocation(File, 1, 1), chain.Location);
        Assert.Equal(["10:10", "10:20", "10:30"], chain.Rules.Select(r => r.Id));
        var subnet = Rule(set, "10:10");
        Assert.Equal(RuleVerdict.Permit, subnet.Verdict);
        Assert.Equal(Net("10.1.1.0/24"), subnet.Source);
        Assert.True(subnet.Destination.IsAny);
        Assert.True(subnet.Protocols.IsAny);
        Assert.Equal(PortSet.All, subnet.DestinationPorts);
        Assert.Equal("access-list 10 permit 10.1.1.0 0.0.0.255", subnet.Text);
        Assert.Equal(Net("10.2.2.2"), Rule(set, "10:20").Source);
        var host = Rule(set, "10:30");
        Assert.Equal(RuleVerdict.Deny, host.Verdict);
        Assert.Equal(Net("10.3.3.3"), host.Source);
        Assert.Empty(host.Opaque);
        Assert.True(Rule(set, "1300:10").Source.IsAny);
        Assert.Empty(set.NotUnderstood);
        Assert.Equal(PolicySemantics.OrderedAcl, set.Semantics);
        Assert.Equal(RuleSetFormat.CiscoIos, set.Format);
    }

    [Fact]
    public void Numbered_extended_entries_read_protocol_addresses_and_ports()
    {
        var set = Read("""
            access-list 101 permit tcp 10.0.0.0 0.255.255.255 host 10.1.1.1 eq 22 log
            access-list 101 permit udp any eq domain any
            access-list 101 deny ip any any
            access-list 2000 permit gre any any
            """);
        var ssh = Rule(set, "101:10");
        Assert.Equal(ProtocolSet.Of(ProtocolSet.Tcp).ToString(), ssh.Protocols.ToString());
        Assert.Equal(Net("10.0.0.0/8"), ssh.Source);
        Assert.Equal(Net("10.1.1.1"), ssh.Destination);
        Assert.Equal(PortSet.All, ssh.SourcePorts);
        Assert.Equal(PortSet.Of(22), ssh.DestinationPorts);
        Assert.True(ssh.NewConnections);
        var dns = Rule(set, "101:20");
        Assert.Equal("udp", dns.Protocols.ToString());
        Assert.Equal(PortSet.Of(53), dns.SourcePorts);
        Assert.Equal(PortSet.All, dns.DestinationPorts);
        Assert.True(Rule(set, "101:30").Protocols.IsAny);
        Assert.Equal(RuleVerdict.Deny, Rule(set, "101:30").Verdict);
        Assert.Equal("47", Rule(set, "2000:10").Protocols.ToString());
    }

    [Theory]
    [InlineData("ip", "any")]
    [InlineData("tcp", "tcp")]
    [InlineData("udp", "udp")]
    [InlineData("icmp", "icmp")]
    [InlineData("igmp", "2")]
    [InlineData("ipinip", "4")]
    [InlineData("gre", "47")]
    [InlineData("esp", "50")]
    [InlineData("ahp", "51")]
    [InlineData("eigrp", "88")]
    [InlineData("ospf", "89")]
    [InlineData("nos", "94")]
    [InlineData("pim", "103")]
    [InlineData("pcp", "108")]
    [InlineData("0", "0")]
    [InlineData("255", "255")]
    public void Protocol_keywords_and_numbers_become_protocol_numbers(string keyword, string expected)
    {
        var set = Read($"access-list 100 permit {keyword} any any\n");
        Assert.Equal(expected, Rule(set, "100:10").Protocols.ToString());
    }

    [Fact]
    public void Named_extended_lists_sort_by_sequence_and_number_the_rest_after_the_highest()
    {
        var set = Read("""
            ip access-list extended EDGE-IN
             remark allow web
             20 permit tcp any host 192.0.2.10 eq www 443
             10 deny ip host 198.51.100.7 any
             permit udp any 10.1.1.0 0.0.0.255 range 16384 32767
             35 remark numbered remark
             deny ip any any log-input
            """);
        var chain = Assert.Single(set.Chains);
        Assert.Equal("EDGE-IN", chain.Name);
        Assert.Equal(["EDGE-IN:10", "EDGE-IN:20", "EDGE-IN:30", "EDGE-IN:40"], chain.Rules.Select(r => r.Id));
        var web = Rule(set, "EDGE-IN:20");
        Assert.Equal(PortSet.Of(80, 443), web.DestinationPorts);
        Assert.Equal(new SourceLocation(File, 3, 2), web.Location);
        Assert.Equal("20 permit tcp any host 192.0.2.10 eq www 443", web.Text);
        Assert.Equal(PortSet.Range(16384, 32767), Rule(set, "EDGE-IN:30").DestinationPorts);
        Assert.Equal(Net("10.1.1.0/24"), Rule(set, "EDGE-IN:30").Destination);
        Assert.Empty(Rule(set, "EDGE-IN:40").Opaque);
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void Named_standard_lists_take_a_bare_address_as_a_host()
    {
        var set = Read("""
            ip access-list standard MGMT
             permit 10.9.0.0 0.0.255.255
             permit 172.16.0.1
             deny any log
            """);
        Assert.Equal(Net("10.9.0.0/16"), Rule(set, "MGMT:10").Source);
        Assert.Equal(Net("172.16.0.1"), Rule(set, "MGMT:20").Source);
        Assert.True(Rule(set, "MGMT:30").Source.IsAny);
        Assert.Equal(RuleVerdict.Deny, Rule(set, "MGMT:30").Verdict);
    }

    [Theory]
    [InlineData("eq 80", "80")]
    [InlineData("eq 80 443 8080", "80,443,8080")]
    [InlineData("neq 23", "0-22,24-65535")]
    [InlineData("neq telnet ssh", "0-21,24-65535")]
    [InlineData("lt 1024", "0-1023")]
    [InlineData("lt 0", "-")]
    [InlineData("gt 1023", "1024-65535")]
    [InlineData("gt 65535", "-")]
    [InlineData("range 135 139", "135-139")]
    [InlineData("range ftp-data ftp", "20-21")]
    [InlineData("eq msrpc", "135")]
    [InlineData("eq www http", "80")]
    [InlineData("eq bgp", "179")]
    [InlineData("eq cmd exec login", "512-514")]
    [InlineData("eq smtp pop3 telnet ssh", "22-23,25,110")]
    public void Tcp_port_operators_and_names_select_ports(string ports, string expected)
    {
        var set = Read($"access-list 101 permit tcp any any {ports}\n");
        Assert.Equal(expected, Rule(set, "101:10").DestinationPorts.ToString());
    }

    [Theory]
    [InlineData("netbios-ns", 137)]
    [InlineData("netbios-dgm", 138)]
    [InlineData("netbios-ss", 139)]
    [InlineData("bootps", 67)]
    [InlineData("bootpc", 68)]
    [InlineData("tftp", 69)]
    [InlineData("ntp", 123)]
    [InlineData("snmp", 161)]
    [InlineData("snmptrap", 162)]
    [InlineData("isakmp", 500)]
    [InlineData("non500-isakmp", 4500)]
    [InlineData("syslog", 514)]
    [InlineData("sunrpc", 111)]
    [InlineData("domain", 53)]
    [InlineData("echo", 7)]
    [InlineData("discard", 9)]
    [InlineData("who", 513)]
    [InlineData("xdmcp", 177)]
    public void Udp_port_names_are_cisco_keywords(string name, int port)
    {
        var set = Read($"access-list 101 permit udp any eq {name} any eq {name}\n");
        Assert.Equal(PortSet.Of(port), Rule(set, "101:10").SourcePorts);
        Assert.Equal(PortSet.Of(port), Rule(set, "101:10").DestinationPorts);
    }

    [Fact]
    public void Source_and_destination_port_lists_end_at_the_next_address()
    {
        var set = Read("access-list 101 permit tcp 10.0.0.0 0.255.255.255 eq telnet ssh http 8080 host 10.1.0.0 neq telnet ssh\n");
        var rule = Rule(set, "101:10");
        Assert.Equal(PortSet.Of(22, 23, 80, 8080), rule.SourcePorts);
        Assert.Equal(Net("10.1.0.0"), rule.Destination);
        Assert.Equal(PortSet.Of(22, 23).Complement(), rule.DestinationPorts);
    }

    [Fact]
    public void A_backwards_port_range_keeps_its_span_and_is_opaque()
    {
        var set = Read("access-list 101 deny tcp any range www domain any\n");
        var rule = Rule(set, "101:10");
        Assert.Equal(PortSet.Range(53, 80), rule.SourcePorts);
        Assert.Equal(["port-range: range www domain (runs backwards)"], Opaque(rule));
        Assert.Equal(["1:30 port-range RuleMayMatch"], Notes(set));
    }

    [Fact]
    public void Contiguous_wildcards_are_prefixes_and_ignore_address_bits_under_the_mask()
    {
        var set = Read("""
            access-list 101 permit ip 10.1.1.77 0.0.0.255 any
            access-list 101 permit ip 200.1.1.4 0.0.0.1 any
            access-list 101 permit ip 0.0.0.0 255.255.255.255 any
            access-list 101 permit ip 192.0.2.1 0.0.0.0 any
            """);
        Assert.Equal(Net("10.1.1.0/24"), Rule(set, "101:10").Source);
        Assert.Equal(Net("200.1.1.4/31"), Rule(set, "101:20").Source);
        Assert.True(Rule(set, "101:30").Source.IsAny);
        Assert.Equal(Net("192.0.2.1"), Rule(set, "101:40").Source);
    }

    [Fact]
    public void Non_contiguous_wildcards_expand_into_the_exact_ranges()
    {
        var set = Read("""
            access-list 101 permit ip 10.1.1.0 0.0.0.2 any
            access-list 101 permit ip 10.0.10.0 0.255.0.255 any
            access-list 101 permit ip 10.0.0.1 0.0.3.0 any
            """);
        Assert.Equal(Net("10.1.1.0", "10.1.1.2"), Rule(set, "101:10").Source);
        var everyTenth = Rule(set, "101:20").Source;
        Assert.Equal(256, everyTenth.Ranges.Length);
        Assert.Equal(Net("10.0.10.0/24"), AddressSet.Of(everyTenth.Ranges[0]));
        Assert.Equal(Net("10.255.10.0/24"), AddressSet.Of(everyTenth.Ranges[^1]));
        Assert.Equal(Net("10.0.0.1", "10.0.1.1", "10.0.2.1", "10.0.3.1"), Rule(set, "101:30").Source);
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void A_wildcard_with_too_many_scattered_bits_gives_its_smallest_block_and_an_opaque_condition()
    {
        // 0.0.15.254: the lowest bit is fixed, so 11 scattered bits (2,048 ranges) is one over the limit.
        var set = Read("access-list 101 permit ip 10.0.0.1 0.0.15.254 any\n");
        var rule = Rule(set, "101:10");
        Assert.Equal(Net("10.0.0.0/20"), rule.Source);
        Assert.Equal(["wildcard: 10.0.0.1 0.0.15.254 (2048 separate ranges; the smallest block holding them is used)"], Opaque(rule));
        Assert.Equal(["1:27 wildcard RuleMayMatch"], Notes(set));

        var atLimit = Rule(Read("access-list 101 permit ip 10.0.0.1 0.0.7.254 any\n"), "101:10");
        Assert.Equal(1024, atLimit.Source.Ranges.Length);
        Assert.Empty(atLimit.Opaque);
    }

    [Fact]
    public void Established_and_ack_or_rst_flags_exclude_new_connections()
    {
        var set = Read("""
            ip access-list extended RETURN
             permit tcp any any established
             permit tcp any any match-all +ack -fin
             permit tcp any any match-any +ack +rst
             permit tcp any any syn
             permit tcp any any established psh
             permit tcp any any rst
             permit tcp any any match-any +ack +syn
            """);
        var established = Rule(set, "RETURN:10");
        Assert.False(established.NewConnections);
        Assert.Empty(established.Opaque);
        Assert.False(Rule(set, "RETURN:20").NewConnections);
        Assert.Equal(["tcp-flags: match-all +ack -fin"], Opaque(Rule(set, "RETURN:20")));
        Assert.False(Rule(set, "RETURN:30").NewConnections);
        Assert.True(Rule(set, "RETURN:40").NewConnections);
        Assert.Equal(["tcp-flags: syn"], Opaque(Rule(set, "RETURN:40")));
        Assert.False(Rule(set, "RETURN:50").NewConnections);
        Assert.False(Rule(set, "RETURN:60").NewConnections);
        Assert.True(Rule(set, "RETURN:70").NewConnections);
        Assert.Equal(
            ["3:21 tcp-flags RuleMayMatch", "4:21 tcp-flags RuleMayMatch", "5:21 tcp-flags RuleMayMatch", "6:33 tcp-flags RuleMayMatch",
             "7:21 tcp-flags RuleMayMatch", "8:21 tcp-flags RuleMayMatch"],
            Notes(set));
    }

    [Fact]
    public void Log_options_change_nothing_and_conditions_the_engine_cannot_see_are_opaque()
    {
        var set = Read("""
            ip access-list extended OPTS
             10 permit tcp any any eq 80 log
             20 permit tcp any any eq 80 log-input WEBLOG
             30 permit ip any any time-range WORKHOURS
             40 deny ip any any fragments
             50 permit ip any any dscp ef
             60 permit icmp any any echo-reply
             70 permit icmp any any 3 4
             80 permit igmp any any host-query
             90 permit ip any any precedence critical tos 4
             100 permit ip any any ttl range 1 5
             110 permit tcp any any eq 80 nbar http
            """);
        Assert.Empty(Rule(set, "OPTS:10").Opaque);
        Assert.Empty(Rule(set, "OPTS:20").Opaque);
        Assert.Equal(["time-range: time-range WORKHOURS"], Opaque(Rule(set, "OPTS:30")));
        Assert.Equal(["fragments: fragments"], Opaque(Rule(set, "OPTS:40")));
        Assert.Equal(["dscp: dscp ef"], Opaque(Rule(set, "OPTS:50")));
        Assert.Equal(["icmp-type: echo-reply"], Opaque(Rule(set, "OPTS:60")));
        Assert.Equal("icmp", Rule(set, "OPTS:60").Protocols.ToString());
        Assert.Equal(["icmp-type: 3 4"], Opaque(Rule(set, "OPTS:70")));
        Assert.Equal(["igmp-type: host-query"], Opaque(Rule(set, "OPTS:80")));
        Assert.Equal(["precedence: precedence critical", "tos: tos 4"], Opaque(Rule(set, "OPTS:90")));
        Assert.Equal(["ttl: ttl range 1 5"], Opaque(Rule(set, "OPTS:100")));
        Assert.Equal(["unrecognised-option: nbar http"], Opaque(Rule(set, "OPTS:110")));
        Assert.Equal(
            ["4:23 time-range RuleMayMatch", "5:21 fragments RuleMayMatch", "6:23 dscp RuleMayMatch", "7:25 icmp-type RuleMayMatch",
             "8:25 icmp-type RuleMayMatch", "9:25 igmp-type RuleMayMatch", "10:23 precedence RuleMayMatch", "10:43 tos RuleMayMatch",
             "11:24 ttl RuleMayMatch", "12:31 unrecognised-option RuleMayMatch"],
            Notes(set));
        Assert.All(set.NotUnderstood, n => Assert.Equal(NotUnderstoodEffect.RuleMayMatch, n.Effect));
    }

    [Fact]
    public void Dynamic_reflect_and_evaluate_entries()
    {
        var set = Read("""
            ip access-list extended OUTBOUND
             permit tcp any any reflect MIRROR timeout 300
            ip access-list extended INBOUND
             evaluate MIRROR
             dynamic LOCKKEY timeout 10 permit ip any host 10.1.1.1
            """);
        // reflect's side effect lives where evaluate stands: the entry itself permits like any other.
        var reflect = Rule(set, "OUTBOUND:10");
        Assert.Empty(reflect.Opaque);
        Assert.True(reflect.NewConnections);
        var evaluate = Rule(set, "INBOUND:10");
        Assert.Equal(RuleVerdict.Permit, evaluate.Verdict);
        Assert.False(evaluate.NewConnections);
        Assert.True(evaluate.Protocols.IsAny && evaluate.Source.IsAny && evaluate.Destination.IsAny);
        Assert.Equal(["reflexive-evaluate: evaluate MIRROR"], Opaque(evaluate));
        var dynamic = Rule(set, "INBOUND:20");
        Assert.Equal(Net("10.1.1.1"), dynamic.Destination);
        Assert.True(dynamic.NewConnections);
        Assert.Equal(["dynamic: dynamic LOCKKEY timeout 10"], Opaque(dynamic));
        Assert.Equal(["4:2 reflexive-evaluate RuleMayMatch", "5:2 dynamic RuleMayMatch"], Notes(set));
    }

    [Fact]
    public void A_host_name_after_host_is_opaque_because_ios_resolves_it_when_typed()
    {
        var set = Read("""
            ip access-list extended EXT_IN
             permit esp host any any
             permit tcp host fileserver.example.com host 10.1.1.1 eq 445
            """);
        var esp = Rule(set, "EXT_IN:10");
        Assert.True(esp.Source.IsAny);
        Assert.True(esp.Destination.IsAny);
        Assert.Equal(["hostname: host any"], Opaque(esp));
        Assert.Equal(PortSet.Of(445), Rule(set, "EXT_IN:20").DestinationPorts);
        Assert.Equal(["hostname: host fileserver.example.com"], Opaque(Rule(set, "EXT_IN:20")));
        Assert.Equal(["2:13 hostname RuleMayMatch", "3:13 hostname RuleMayMatch"], Notes(set));
    }
}
