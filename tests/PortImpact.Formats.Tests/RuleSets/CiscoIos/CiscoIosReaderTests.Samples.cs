using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.CiscoIos;

/// <summary>
/// The real files in ../shared/samples/cisco-ios. Counts were taken by reading each file and checked with
/// grep, as each test says; not-understood entries are "line construct effect".
/// </summary>
public sealed partial class CiscoIosReaderTests
{
    private static RuleSet ReadSample(string name) => RuleSetReader.ReadFile(SharedSamples.Path($"cisco-ios/{name}"), RuleSetFormat.CiscoIos);

    private static string[] ChainSizes(RuleSet set) => [.. set.Chains.Select(c => $"{c.Name}={c.Rules.Length}")];

    private static string[] NoteLines(RuleSet set) => [.. set.NotUnderstood.Select(n => $"{n.Location.Line} {n.Construct} {n.Effect}")];

    [SampleFact]
    public void Capirca_sample_reads_two_ipv4_lists_and_skips_the_ipv6_ones()
    {
        var set = ReadSample("capirca_sample_multitarget.acl");
        // sed -n 5,71p | grep -cE '^ (permit|deny)' = 34; sed -n 102,126p | grep -cE '^ (permit|deny)' = 14.
        Assert.Equal(["edge-inbound=34", "edge-outbound=14"], ChainSizes(set));
        Assert.Equal(48, set.RuleCount);
        Assert.Empty(set.Bindings);
        // grep -n '^ipv6 access-list' = lines 74 and 129.
        Assert.Equal(["74 ipv6 access-list Skipped", "129 ipv6 access-list Skipped"], NoteLines(set));
        Assert.Equal(Net("198.18.0.0/15"), Rule(set, "edge-inbound:40").Source);
        var mail = Rule(set, "edge-inbound:200");
        Assert.Equal(Net("200.1.1.4/31"), mail.Destination);
        Assert.Equal(PortSet.Of(25), mail.DestinationPorts);
        var established = Rule(set, "edge-inbound:280");
        Assert.False(established.NewConnections);
        Assert.Equal(Net("200.1.1.1"), established.Destination);
        var udpReturn = Rule(set, "edge-inbound:310");
        Assert.Equal(PortSet.Range(1024, 65535), udpReturn.SourcePorts);
        Assert.True(udpReturn.NewConnections);
        Assert.Equal(RuleVerdict.Permit, set.Chains[1].Rules[^1].Verdict);
        Assert.True(set.Chains[1].Rules[^1].Protocols.IsAny);
    }

    [SampleFact]
    public void Ciscoconfparse_sample_reads_ten_lists_four_bindings_and_flags_cbac_a_host_name_and_icmp_types()
    {
        var set = ReadSample("ciscoconfparse_sample_01.ios");
        // Entries per list counted with grep -cE '^ (permit|deny)' over each list's lines (299-302, 303-305,
        // 306-333, 334-340, 341-360, 361-363, 364-367) and grep '^access-list' (11 has one remark, one entry).
        Assert.Equal(
            ["INTERNAL_NETWORKS=3", "PERMIT_ANY=1", "BLACKHOLE=27", "ETH0_0_IN=3", "EXT_IN=12", "EXT_OUT=1", "TEMPORARY=1", "11=1", "12=1", "99=1"],
            ChainSizes(set));
        Assert.Equal(51, set.RuleCount);
        Assert.Equal(
            ["FastEthernet0/0 ETH0_0_IN In 220", "FastEthernet0/0 BLACKHOLE Out 221", "Dialer1 EXT_IN In 250", "Dialer1 EXT_OUT Out 251"],
            set.Bindings.Select(b => $"{b.Interface} {b.AccessList} {b.Direction} {b.Location.Line}"));
        // 256: ip inspect EXT_OUT out (CBAC); 348: permit esp host any any; 352-353: icmp unreachable, time-exceeded.
        Assert.Equal(["256 ip inspect ChainUncertain", "348 hostname RuleMayMatch", "352 icmp-type RuleMayMatch", "353 icmp-type RuleMayMatch"], NoteLines(set));
        var ntp = Rule(set, "EXT_IN:40");
        Assert.Equal(Net("1.1.1.1"), ntp.Source);
        Assert.Equal(PortSet.Of(123), ntp.SourcePorts);
        Assert.Equal(Net("207.46.248.0/24"), Rule(set, "ETH0_0_IN:10").Destination);
        Assert.Equal(PortSet.Of(80), Rule(set, "ETH0_0_IN:10").DestinationPorts);
        Assert.Equal(Net("172.16.1.0/24"), Rule(set, "99:10").Source);
    }

    [SampleFact]
    public void Batfish_as2dept1_reads_route_map_lists_as_unbound_chains()
    {
        var set = ReadSample("pybatfish_example_as2dept1.cfg");
        // sed -n 110,113p and 114,117p | grep -cE '^ (permit|deny)' = 3 and 3; grep -c '^access-list 102' = 2, '^access-list 105' = 4.
        Assert.Equal(["RESTRICT_HOST_TRAFFIC_IN=3", "RESTRICT_HOST_TRAFFIC_OUT=3", "102=2", "105=4"], ChainSizes(set));
        Assert.Equal(
            ["GigabitEthernet2/0 RESTRICT_HOST_TRAFFIC_IN In", "GigabitEthernet3/0 RESTRICT_HOST_TRAFFIC_IN In"],
            set.Bindings.Select(b => $"{b.Interface} {b.AccessList} {b.Direction}"));
        Assert.Empty(set.NotUnderstood);
        Assert.Equal(Net("2.128.0.0/16"), Rule(set, "RESTRICT_HOST_TRAFFIC_IN:10").Source);
        // The route-map prefix trick "host 255.255.255.0" is just a destination host to the ACL.
        Assert.Equal(Net("255.255.255.0"), Rule(set, "102:10").Destination);
    }

    [SampleFact]
    public void Batfish_zone_based_firewall_reads_object_group_lists_and_flags_zone_pairs_and_inspect_policies()
    {
        var set = ReadSample("pybatfish_example-filters_firewall_zbf.cfg");
        // grep -c '^ip access-list extended' = 81, grep -cE '^ (permit|deny)' = 81: one entry each, and every
        // service group holds one protocol, so each entry is one rule.
        Assert.Equal(81, set.Chains.Length);
        Assert.All(set.Chains, c => Assert.Single(c.Rules));
        Assert.Empty(set.Bindings);
        // grep -n '^zone-pair\|^policy-map type inspect'.
        Assert.Equal(
            ["14 zone-pair ChainUncertain", "16 zone-pair ChainUncertain", "18 zone-pair ChainUncertain", "20 zone-pair ChainUncertain",
             "595 policy-map type inspect ChainUncertain", "634 policy-map type inspect ChainUncertain",
             "647 policy-map type inspect ChainUncertain", "691 policy-map type inspect ChainUncertain"],
            NoteLines(set));
        var syslog = Rule(set, "acl-admin-z2-tcp-syslog:10");
        Assert.Equal("tcp", syslog.Protocols.ToString());
        Assert.Equal(Net("101.164.100.0/23"), syslog.Source);
        Assert.Equal(Net("101.164.8.0/22"), syslog.Destination);
        Assert.Equal(PortSet.Of(514, 2020, 2021), syslog.DestinationPorts);
        var databases = Rule(set, "acl-fw-fwvmem01-databases-tcp-databases:10");
        Assert.Equal(Net("101.165.245.107"), databases.Source);
        Assert.Equal(Net("101.164.8.156", "101.164.8.158", "101.164.8.159"), databases.Destination);
        Assert.Equal(PortSet.Of(1521, 1522, 5510, 5511, 5512, 5513, 5514, 5515), databases.DestinationPorts);
        Assert.True(Rule(set, "acl-fw-admin-to-fw2-admin:10").Protocols.IsAny);
    }

    [SampleFact]
    public void Ntc_show_access_list_output_reads_seven_lists()
    {
        var set = ReadSample("ntc_cisco_ios_show_access-list.raw");
        // grep -n 'access list' gives the seven headers; grep -cE '^ +[0-9]+ (permit|deny)' = 19 entries, of which
        // lines 25 and 26 are extended entries under "Standard IP access list 10" and become no rule.
        Assert.Equal(["Virtual-Access1.1#1=3", "Virtual-Access1.1#2=2", "102=2", "VLAN-TEST=2", "1=4", "ciao=3", "10=1"], ChainSizes(set));
        Assert.Equal(17, set.RuleCount);
        Assert.Equal(
            ["20 tos RuleMayMatch", "22 port-range RuleMayMatch", "25 extended-entry-in-standard-list ChainUncertain", "26 extended-entry-in-standard-list ChainUncertain"],
            NoteLines(set));
        Assert.Equal(PortSet.Of(43, 53, 80, 113, 540), Rule(set, "ciao:10").SourcePorts);
        Assert.Equal(PortSet.Range(1025, 65535), Rule(set, "102:20").DestinationPorts);
        Assert.Equal(Net("192.168.1.0/24"), Rule(set, "1:30").Source);
        Assert.Equal("2", Rule(set, "Virtual-Access1.1#2:10").Protocols.ToString());
    }

    [SampleFact]
    public void Ntc_show_ip_access_lists_output_reads_six_lists_two_of_them_empty()
    {
        var set = ReadSample("ntc_cisco_ios_show_ip_access-lists.raw");
        // grep -n 'access list' gives six headers; grep -cE '^ +[0-9]+ (permit|deny)' = 81 (99: 3, stdacl: 1, 101: 11, sample: 66).
        Assert.Equal(["99=3", "stdacl=1", "test=0", "101=11", "sample=66", "test2=0"], ChainSizes(set));
        Assert.Equal(81, set.RuleCount);
        // grep -n 'time-range\|match-all\|psh' and the two empty headers (lines 7 and 87).
        Assert.Equal(
            ["7 empty-access-list ChainUncertain", "12 time-range RuleMayMatch", "13 time-range RuleMayMatch", "17 tcp-flags RuleMayMatch",
             "19 tcp-flags RuleMayMatch", "79 time-range RuleMayMatch", "86 time-range RuleMayMatch", "87 empty-access-list ChainUncertain"],
            NoteLines(set));
        Assert.Equal(256, Rule(set, "99:30").Source.Ranges.Length);
        Assert.False(Rule(set, "101:90").NewConnections);
        Assert.False(Rule(set, "101:100").NewConnections);
        Assert.Equal(PortSet.Of(68, 161), Rule(set, "101:70").SourcePorts);
        Assert.Equal(PortSet.Range(9821, 9823), Rule(set, "sample:600").DestinationPorts);
        Assert.Equal("103", Rule(set, "sample:660").Protocols.ToString());
    }

    [SampleFact]
    public void Configuration_samples_are_detected_as_cisco_ios()
    {
        foreach (var name in new[] { "capirca_sample_multitarget.acl", "ciscoconfparse_sample_01.ios", "pybatfish_example_as2dept1.cfg", "pybatfish_example-filters_firewall_zbf.cfg" })
        {
            Assert.Equal(RuleSetFormat.CiscoIos, RuleSetReader.ReadFile(SharedSamples.Path($"cisco-ios/{name}")).Format);
        }
    }

    [SampleFact]
    public void The_asa_bonus_sample_is_refused_as_another_dialect()
    {
        var path = SharedSamples.Path("cisco-asa-bonus/ciscoconfparse_sample_01.asa");
        var error = Assert.Throws<InputException>(() => RuleSetReader.ReadFile(path, RuleSetFormat.CiscoIos));
        Assert.Equal(new SourceLocation(path, 4, 1), error.Location);
        Assert.StartsWith("this is a Cisco ASA configuration, not IOS", error.Problem, StringComparison.Ordinal);
    }
}
