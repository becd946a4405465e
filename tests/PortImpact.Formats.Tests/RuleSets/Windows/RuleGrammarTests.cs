using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using static PortImpact.Formats.Tests.RuleSets.Windows.WindowsFixtures;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>The [MS-GPFAS] 2.2.2.19 rule grammar, key by key, read through a reg export (the shared interpreter).</summary>
public sealed class RuleGrammarTests
{
    [Theory]
    [InlineData("Allow", RuleVerdict.Permit)]
    [InlineData("Block", RuleVerdict.Deny)]
    [InlineData("ByPass", RuleVerdict.Bypass)]
    [InlineData("block", RuleVerdict.Deny)]
    public void Action_gives_the_verdict(string action, RuleVerdict verdict) =>
        Assert.Equal(verdict, Rule($"v2.30|Action={action}|Active=TRUE|Dir=In|").Verdict);

    [Fact]
    public void Active_absent_means_disabled_and_booleans_ignore_case()
    {
        Assert.False(Rule("v2.30|Action=Allow|Dir=In|").Enabled);
        Assert.False(Rule("v2.30|Action=Allow|Active=FALSE|Dir=In|").Enabled);
        Assert.True(Rule("v2.30|Action=Allow|Active=TRUE|Dir=In|").Enabled);
        Assert.True(Rule("v2.30|Action=Allow|Active=true|Dir=In|").Enabled);
    }

    [Fact]
    public void A_rule_keeps_its_id_text_and_location()
    {
        const string text = "v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|";
        var rule = Rule(text);
        Assert.Equal("r1", rule.Id);
        Assert.Equal(text, rule.Text);
        Assert.Equal(("t.reg", 4, 1), (rule.Location.File, rule.Location.Line, rule.Location.Column));
        Assert.True(rule.NewConnections);
        Assert.Null(rule.Target);
    }

    [Fact]
    public void Inbound_rules_run_from_the_remote_side_to_the_local_side()
    {
        var rule = Rule("v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|RPort=1024-2000|LA4=10.0.0.5|RA4=192.168.1.0/24|");
        Assert.Equal(TrafficDirection.In, rule.Direction);
        Assert.Equal(AddressSet.Of(AddressRange.Parse("192.168.1.0/24")), rule.Source);
        Assert.Equal(AddressSet.Of(AddressRange.Parse("10.0.0.5")), rule.Destination);
        Assert.Equal(PortSet.Range(1024, 2000), rule.SourcePorts);
        Assert.Equal(PortSet.Of(445), rule.DestinationPorts);
        Assert.Empty(rule.Opaque);
    }

    [Fact]
    public void Outbound_rules_run_from_the_local_side_to_the_remote_side()
    {
        var rule = Rule("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=17|LPort=5000|RPort=53|LA4=10.0.0.5|RA4=8.8.8.8|");
        Assert.Equal(TrafficDirection.Out, rule.Direction);
        Assert.Equal(AddressSet.Of(AddressRange.Parse("10.0.0.5")), rule.Source);
        Assert.Equal(AddressSet.Of(AddressRange.Parse("8.8.8.8")), rule.Destination);
        Assert.Equal(PortSet.Of(5000), rule.SourcePorts);
        Assert.Equal(PortSet.Of(53), rule.DestinationPorts);
        Assert.Equal("udp", rule.Protocols.ToString());
    }

    [Fact]
    public void Absent_conditions_match_everything()
    {
        var rule = Rule("v2.30|Action=Allow|Active=TRUE|Dir=In|");
        Assert.True(rule.Protocols.IsAny);
        Assert.True(rule.Source.IsAny);
        Assert.True(rule.Destination.IsAny);
        Assert.Equal(PortSet.All, rule.SourcePorts);
        Assert.Equal(PortSet.All, rule.DestinationPorts);
        Assert.Equal("Domain,Private,Public", string.Join(",", rule.Profiles));
    }

    [Fact]
    public void Profile_repeats_are_a_union_in_canonical_order()
    {
        Assert.Equal("Private,Public", string.Join(",", Rule("v2.30|Action=Allow|Dir=In|Profile=Public|Profile=Private|").Profiles));
        Assert.Equal("Domain", string.Join(",", Rule("v2.30|Action=Allow|Dir=In|Profile=domain|").Profiles));
    }

    [Theory]
    [InlineData("Protocol=6", "tcp")]
    [InlineData("Protocol=17", "udp")]
    [InlineData("Protocol=1", "icmp")]
    [InlineData("Protocol=47", "47")]
    [InlineData("Protocol=tcp", "tcp")]
    [InlineData("Protocol=UDP", "udp")]
    public void Protocol_numbers_and_sloppy_names(string field, string protocols) =>
        Assert.Equal(protocols, Rule($"v2.30|Action=Allow|Dir=In|{field}|").Protocols.ToString());

    [Fact]
    public void Port_repeats_ranges_and_comma_lists_are_unions()
    {
        Assert.Equal("80,443", Rule("v2.30|Action=Allow|Dir=In|Protocol=6|LPort=443|LPort=80|").DestinationPorts.ToString());
        Assert.Equal("135,49152-65535", Rule("v2.30|Action=Allow|Dir=In|Protocol=6|LPort=135|LPort2_10=49152-65535|").DestinationPorts.ToString());
        Assert.Equal("5000-5020", Rule("v2.30|Action=Allow|Dir=Out|Protocol=6|RPort2_10=5000-5020|").DestinationPorts.ToString());
        Assert.Equal("389,3268", Rule("v2.30|Action=Allow|Dir=Out|Protocol=6|RPort=3268,389|").DestinationPorts.ToString());
    }

    [Theory]
    [InlineData("Dir=In|Protocol=6|LPort=RPC", "49152-65535")]
    [InlineData("Dir=In|Protocol=6|LPort=RPC-EPMap", "135")]
    [InlineData("Dir=In|Protocol=6|LPort2_10=IPHTTPSIn", "443")]
    [InlineData("Dir=In|Protocol=6|LPort2_10=IPTLSIn", "443")]
    [InlineData("Dir=Out|Protocol=6|RPort2_10=IPHTTPSOut", "443")]
    [InlineData("Dir=In|Protocol=17|LPort2_20=DHCP", "68")]
    [InlineData("Dir=In|Protocol=17|LPort2_20=mDNS", "5353")]
    public void Port_keywords_with_a_documented_port_are_resolved(string fields, string ports)
    {
        var rule = Rule($"v2.30|Action=Allow|{fields}|");
        Assert.Equal(ports, rule.DestinationPorts.ToString());
        Assert.Empty(rule.Opaque);
    }

    [Theory]
    [InlineData("Dir=In|Protocol=17|LPort=Teredo", "LPort=Teredo")]
    [InlineData("Dir=In|Protocol=17|LPort2_20=Ply2Disc", "LPort2_20=Ply2Disc")]
    [InlineData("Dir=Out|Protocol=6|RPort=CortanaOut", "RPort=CortanaOut")]
    [InlineData("Dir=In|Protocol=6|LPort2_20=TcpCDPSvc", "LPort2_20=TcpCDPSvc")]
    public void Port_keywords_without_a_fixed_port_are_opaque_and_match_any_port(string fields, string opaque)
    {
        var rule = Rule($"v2.30|Action=Allow|{fields}|LPort=80|");
        Assert.Equal(PortSet.All, rule.DestinationPorts);
        Assert.Equal([$"port keyword: {opaque}"], Opaque(rule));
    }

    [Theory]
    [InlineData("RA4=10.1.2.3", "10.1.2.3")]
    [InlineData("RA4=10.1.2.3-10.1.2.9", "10.1.2.3-10.1.2.9")]
    [InlineData("RA4=10.1.0.0/16", "10.1.0.0/16")]
    [InlineData("RA4=127.0.0.128/255.255.255.128", "127.0.0.128/25")]
    [InlineData("RA4=10.1.2.3/24", "10.1.2.0/24")]
    [InlineData("RA4=10.1.2.3/32", "10.1.2.3")]
    [InlineData("RA4=10.0.0.0/8|RA4=192.168.1.1", "10.0.0.0/8,192.168.1.1")]
    public void Ipv4_addresses_ranges_and_subnets(string fields, string source)
    {
        var rule = Rule($"v2.30|Action=Allow|Dir=In|{fields}|");
        Assert.Equal(source, rule.Source.ToString());
        Assert.Empty(rule.Opaque);
    }

    [Theory]
    [InlineData("RA4=LocalSubnet", "address keyword: RA4=LocalSubnet")]
    [InlineData("RA4=DNS", "address keyword: RA4=DNS")]
    [InlineData("RA4=DefaultGateway", "address keyword: RA4=DefaultGateway")]
    [InlineData("RA42=IntrAnet", "address keyword: RA42=IntrAnet")]
    [InlineData("RA4=10.0.0.1|RA42=IntErnet", "address keyword: RA42=IntErnet")]
    public void Address_keywords_depend_on_the_host_so_the_side_is_any_and_opaque(string fields, string opaque)
    {
        var rule = Rule($"v2.30|Action=Allow|Dir=In|{fields}|");
        Assert.True(rule.Source.IsAny);
        Assert.Equal([opaque], Opaque(rule));
    }

    [Fact]
    public void A_side_with_only_ipv6_addresses_matches_no_ipv4_traffic()
    {
        var rule = Rule("v2.30|Action=Allow|Dir=In|RA6=fe80::/64|RA6=ff02::1|");
        Assert.True(rule.Source.IsEmpty);
        Assert.Equal(["ipv6: RA6=fe80::/64|RA6=ff02::1"], Opaque(rule));
        var local = Rule("v2.30|Action=Allow|Dir=Out|LA6=2001:db8::1-2001:db8::9|");
        Assert.True(local.Source.IsEmpty);
        Assert.True(local.Destination.IsAny);
    }

    [Fact]
    public void Ipv6_entries_beside_ipv4_ones_do_not_matter_for_ipv4()
    {
        var rule = Rule("v2.30|Action=Allow|Dir=In|RA4=10.0.0.1|RA6=LocalSubnet|RA62=IntrAnet|");
        Assert.Equal("10.0.0.1", rule.Source.ToString());
        Assert.Empty(rule.Opaque);
    }

    [Fact]
    public void Understood_conditions_that_cannot_be_evaluated_off_the_box_are_opaque_only()
    {
        var set = ReadReg(RegWithRule(
            @"v2.31|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|App=System|Svc=LanmanServer|AppPkgId=S-1-15-2-1|PFN=Pkg_1|LUOwn=S-1-5-21-1|"
            + "LUAuth=O:LSD:(A;;CC;;;S-1-5-1)|RMAuth=O:LSD:(A;;CC;;;S-1-5-2)|RUAuth=O:LSD:(A;;CC;;;S-1-5-3)|Security=Authenticate|"
            + "IF={A1B2}|IFType=Lan|TTK2_22=WFDPrint|Platform=2:6:2|Platform2=GTEQ|NNm=abc|SecurityRealmId=realm|AuthByPassOut=TRUE|"
            + "Edge=TRUE|Defer=App|LSM=TRUE|LOM=FALSE|PCross=TRUE|SkipVer=2.30|Name=@FirewallAPI.dll,-28502|Desc=a=b|EmbedCtxt=Group|"));
        var rule = set.Chains.Single().Rules.Single();
        Assert.Equal(
        [
            @"application: App=System", "service: Svc=LanmanServer", "app package: AppPkgId=S-1-15-2-1", "app package: PFN=Pkg_1",
            "local user owner: LUOwn=S-1-5-21-1", "local user authorization: LUAuth=O:LSD:(A;;CC;;;S-1-5-1)",
            "remote machine authorization: RMAuth=O:LSD:(A;;CC;;;S-1-5-2)", "remote user authorization: RUAuth=O:LSD:(A;;CC;;;S-1-5-3)",
            "ipsec security: Security=Authenticate", "interface: IF={A1B2}", "interface type: IFType=Lan", "trust tuple: TTK2_22=WFDPrint",
            "platform: Platform=2:6:2", "platform: Platform2=GTEQ", "network name: NNm=abc", "security realm: SecurityRealmId=realm",
            "ipsec security: AuthByPassOut=TRUE",
        ], Opaque(rule));
        Assert.True(rule.Uncertain);
        Assert.Equal(PortSet.Of(445), rule.DestinationPorts);
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void Icmp_type_codes_are_opaque_conditions()
    {
        var rule = Rule("v2.20|Action=Allow|Active=TRUE|Dir=In|Protocol=1|ICMP4=3:*|ICMP4=3:4|");
        Assert.Equal("icmp", rule.Protocols.ToString());
        Assert.Equal(["icmp type: ICMP4=3:*", "icmp type: ICMP4=3:4"], Opaque(rule));
        Assert.Equal(["icmp type: ICMP6=128:*"], Opaque(Rule("v2.20|Action=Allow|Dir=Out|Protocol=58|ICMP6=128:*|")));
    }

    [Fact]
    public void Keys_and_values_are_read_case_insensitively_as_in_service_hardening_rules()
    {
        var rule = Rule(@"V2.0|Action=Block|Dir=in|app=%SystemRoot%\system32\svchost.exe|Protocol=tcp|rport=3268,389|LPORT=135|");
        Assert.Equal(RuleVerdict.Deny, rule.Verdict);
        Assert.Equal(TrafficDirection.In, rule.Direction);
        Assert.Equal("389,3268", rule.SourcePorts.ToString());
        Assert.Equal("135", rule.DestinationPorts.ToString());
        Assert.Equal([@"application: app=%SystemRoot%\system32\svchost.exe"], Opaque(rule));
    }

    [Fact]
    public void An_unknown_key_in_a_rule_newer_than_the_known_schema_may_match()
    {
        var set = ReadReg(RegWithRule("v2.40|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=80|Future=1|SkipVer=2.33|"));
        var rule = set.Chains.Single().Rules.Single();
        Assert.Equal(["unknown key: Future=1"], Opaque(rule));
        Assert.Equal(PortSet.Of(80), rule.DestinationPorts);
        var entry = Assert.Single(set.NotUnderstood);
        Assert.Equal(("unknown key Future", "Future=1", NotUnderstoodEffect.RuleMayMatch), (entry.Construct, entry.Text, entry.Effect));
        Assert.Equal((4, ColumnInRule(58)), (entry.Location.Line, entry.Location.Column));
    }

    [Fact]
    public void An_unknown_keyword_in_a_newer_rule_widens_its_side_and_may_match()
    {
        var set = ReadReg(RegWithRule("v2.40|Action=Allow|Dir=In|Protocol=6|LPort=80|LPort2_20=NewThing|RA42=Elsewhere|"));
        var rule = set.Chains.Single().Rules.Single();
        Assert.Equal(PortSet.All, rule.DestinationPorts);
        Assert.True(rule.Source.IsAny);
        Assert.Equal(["LPort2_20 value NewThing", "RA42 value Elsewhere"], set.NotUnderstood.Select(n => n.Construct));
        Assert.All(set.NotUnderstood, n => Assert.Equal(NotUnderstoodEffect.RuleMayMatch, n.Effect));
    }

    [Fact]
    public void An_unknown_key_in_a_known_schema_breaks_the_grammar()
    {
        var error = RuleError("v2.33|Action=Allow|Dir=In|Colour=blue|");
        Assert.Equal(("t.reg", 4, ColumnInRule(26)), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains("unknown key 'Colour' in v2.33 firewall rule 'r1'", error.Message);
    }

    [Fact]
    public void A_field_without_equals_breaks_the_grammar()
    {
        var error = RuleError("v2.30|Action=Allow|Dir=In|Protocol6|");
        Assert.Equal((4, ColumnInRule(26)), (error.Location.Line, error.Location.Column));
        Assert.Contains("field 'Protocol6' of firewall rule 'r1' has no '='", error.Message);
    }

    [Theory]
    [InlineData("2.30|Action=Allow|", 0, "does not start with its version")]
    [InlineData("v2|Action=Allow|", 1, "'2' is not a rule schema version")]
    [InlineData("v2.300|Action=Allow|", 1, "'2.300' is not a rule schema version")]
    [InlineData("v2.30|Action=Allow|Dir=In", 24, "does not end with '|'")]
    [InlineData("v2.30||", 6, "field '' of firewall rule 'r1' has no '='")]
    [InlineData("v2.30|=Allow|", 6, "has no key before '='")]
    public void Broken_rule_strings_are_bad_input(string rule, int index, string message)
    {
        var error = RuleError(rule);
        Assert.Equal((4, ColumnInRule(index)), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_port_out_of_range_is_bad_input_at_that_port()
    {
        var error = RuleError("v2.30|Action=Allow|Dir=In|Protocol=6|LPort=80,70000|");
        Assert.Equal((4, ColumnInRule(46)), (error.Location.Line, error.Location.Column));
        Assert.Contains("port 70000 is out of range 0-65535 in LPort of firewall rule 'r1'", error.Message);
    }

    [Theory]
    [InlineData("v2.30|Action=Allow|Dir=In|RA4=10.0.0.300|", 30, "'10.0.0.300' is not an IPv4 address")]
    [InlineData("v2.30|Action=Allow|Dir=In|RA4=10.0.0.9-10.0.0.1|", 30, "runs backwards")]
    [InlineData("v2.30|Action=Allow|Dir=In|RA4=10.0.0.0/255.0.255.0|", 30, "not a contiguous subnet mask")]
    [InlineData("v2.30|Action=Allow|Dir=In|RA6=fe80::zz|", 30, "not an IPv6 address")]
    [InlineData("v2.30|Action=Allow|Dir=In|Protocol=256|", 35, "protocol 256 is out of range 0-255")]
    [InlineData("v2.30|Action=Allow|Dir=In|ICMP4=3:x|Protocol=1|", 32, "not an ICMP TYPE:CODE")]
    [InlineData("v2.30|Action=Permit|Dir=In|", 13, "'Permit' is not an action")]
    [InlineData("v2.30|Action=Allow|Dir=Both|", 23, "'Both' is not a direction")]
    [InlineData("v2.30|Action=Allow|Dir=In|Active=YES|", 33, "'YES' is not TRUE or FALSE")]
    [InlineData("v2.30|Action=Allow|Dir=In|Profile=Home|", 34, "'Home' is not a profile")]
    [InlineData("v2.30|Action=Allow|Dir=In|RA42=Moon|", 31, "'Moon' is not an address keyword")]
    [InlineData("v2.30|Action=Allow|Dir=In|Protocol=6|LPort=Gopher|", 43, "'Gopher' is not a port, port range or port keyword")]
    public void Malformed_values_are_bad_input_at_the_value(string rule, int index, string message)
    {
        var error = RuleError(rule);
        Assert.Equal((4, ColumnInRule(index)), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("v2.30|Action=Allow|Action=Block|Dir=In|", 19, "Action appears twice")]
    [InlineData("v2.30|Action=Allow|Dir=In|LPort=80|", 26, "LPort needs Protocol=6 (TCP) or 17 (UDP)")]
    [InlineData("v2.30|Action=Allow|Dir=In|Protocol=1|RPort=80|", 37, "RPort needs Protocol=6 (TCP) or 17 (UDP)")]
    [InlineData("v2.30|Action=Allow|Dir=In|Protocol=6|ICMP4=8:*|", 37, "ICMP4 needs Protocol=1")]
    public void Keys_that_break_the_grammar_are_bad_input_at_the_key(string rule, int index, string message)
    {
        var error = RuleError(rule);
        Assert.Equal((4, ColumnInRule(index)), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("v2.30|Dir=In|", "has no Action")]
    [InlineData("v2.30|Action=Allow|", "has no Dir")]
    public void A_rule_without_action_or_direction_is_bad_input_at_the_rule(string rule, string message)
    {
        var error = RuleError(rule);
        Assert.Equal((4, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }
}
