using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.CiscoIos;

/// <summary>Malformed input is refused with one message naming file, line and column (columns counted by hand).</summary>
public sealed partial class CiscoIosReaderTests
{
    [Theory]
    [InlineData("access-list 101 permit ip 10.0.0.0 0.0.0.256 any", 36, "'0.0.0.256' is not a wildcard mask (four numbers 0-255)")]
    [InlineData("access-list 101 permit ip 10.0.0.0 any any", 36, "'any' is not a wildcard mask: an extended entry's address needs one, as in 10.0.0.0 0.0.0.255")]
    [InlineData("access-list 101 permit tcp any any eq", 38, "the port after 'eq' is missing: the line ends here")]
    [InlineData("access-list 101 permit tcp any eq host 10.1.1.1 any", 35, "'host' is not a port number or an IOS tcp port name")]
    [InlineData("access-list 101 permit udp any any eq 70000", 39, "port 70000 is out of range 0-65535")]
    [InlineData("access-list 101 permit tcp any any eq https", 39, "'https' is not a port number or an IOS tcp port name")]
    [InlineData("access-list 101 allow ip any any", 17, "unknown action 'allow': expected permit, deny, remark, dynamic or evaluate")]
    [InlineData("access-list 101 permit ip any any eq 80", 35, "'eq' compares ports, which only tcp and udp entries have")]
    [InlineData("access-list 101 permit tcpp any any", 24, "unknown protocol 'tcpp': expected ip, tcp, udp, icmp, another IOS protocol keyword, a number 0-255 or object-group NAME")]
    [InlineData("access-list 101 permit 256 any any", 24, "protocol number 256 is out of range 0-255")]
    [InlineData("access-list 101 permit udp any any established", 36, "'established' applies only to tcp entries")]
    [InlineData("access-list 3000 permit any", 13, "access list number 3000 is outside IOS's ranges (1-2699)")]
    [InlineData("access-list 10 permit foo", 23, "'foo' is not a source: expected any, host A.B.C.D or A.B.C.D [WILDCARD]")]
    [InlineData("access-list 10", 15, "the action (permit, deny or remark) is missing: the line ends here")]
    [InlineData("ip access-list extended", 24, "the access list's name is missing: the line ends here")]
    [InlineData("banner motd ^C", 13, "the banner opened here with '^C' never closes: the file ends inside it (truncated?)")]
    public void A_malformed_line_is_refused_at_the_word_that_breaks_it(string line, int column, string problem) =>
        AssertFails(line + "\n", 1, column, problem);

    [Fact]
    public void A_bad_address_inside_a_named_list_names_its_line()
    {
        AssertFails("""
            ip access-list extended EDGE
             permit tcp host 10.1.1.300 any
            """, 2, 18, "'10.1.1.300' is not an IPv4 address (four numbers 0-255)");
    }

    [Fact]
    public void An_unknown_action_inside_a_named_list_is_refused()
    {
        AssertFails("""
            ip access-list extended EDGE
             10 permit ip any any
             allow tcp any any
            """, 3, 2, "unknown action 'allow': expected permit, deny, remark, dynamic or evaluate");
    }

    [Fact]
    public void A_truncated_entry_is_refused_at_the_end_of_its_line()
    {
        AssertFails("""
            ip access-list extended EDGE
             permit tcp any
            """, 2, 16, "the destination address is missing: the line ends here");
    }

    [Fact]
    public void A_sequence_number_used_twice_is_refused()
    {
        AssertFails("""
            ip access-list extended EDGE
             10 permit ip any any
             10 deny ip any any
            """, 3, 2, "sequence number 10 is already used in access list EDGE");
    }

    [Fact]
    public void A_list_cannot_be_both_standard_and_extended()
    {
        AssertFails("""
            access-list 10 permit any
            ip access-list extended 10
            """, 2, 16, "access list 10 is standard (line 1); it cannot also be extended");
    }

    [Fact]
    public void A_binding_direction_must_be_in_or_out()
    {
        AssertFails("""
            interface Gi0/1
             ip access-group EDGE sideways
            """, 2, 23, "'sideways' is not a direction: expected in or out");
    }

    [Fact]
    public void Object_group_errors_name_the_member()
    {
        AssertFails("""
            object-group network BAD
             10.0.0.0 255.0.255.0
            """, 2, 11, "'255.0.255.0' is not a subnet mask (ones, then zeros); object-group network members take subnet masks, not wildcards");
        AssertFails("""
            object-group network A
             group-object B
            object-group network B
             group-object A
            access-list 101 permit ip object-group A any
            """, 4, 2, "object-group A includes itself through group-object");
        AssertFails("""
            object-group network SERVERS
             host 10.1.1.1
            access-list 101 permit object-group SERVERS any any
            """, 3, 37, "object-group SERVERS is a network group; the protocol position needs a service group");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        AssertFails("", 1, 1, "the configuration is empty");
        AssertFails(" \n\n", 1, 1, "the configuration is empty");
    }

    [Fact]
    public void Control_characters_mean_a_binary_file()
    {
        AssertFails("access-list 10 permit any\n\u007fELF\u0002\u0001", 2, 1,
            "control character U+007F where text was expected: this is not an IOS configuration or show output (binary or corrupted file?)");
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_at_their_line_by_the_dispatcher()
    {
        var bytes = Encoding.ASCII.GetBytes("access-list 10 permit any\n").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0x00 }).ToArray();
        var error = Assert.Throws<InputException>(() => RuleSetReader.Read(bytes, File, RuleSetFormat.CiscoIos));
        Assert.Equal(new SourceLocation(File, 2, 1), error.Location);
        Assert.Equal("not UTF-8 text (wrong encoding or a binary file)", error.Problem);
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_refused_as_the_wrong_encoding()
    {
        var bytes = Encoding.Unicode.GetBytes("access-list 10 permit any\n");
        var error = Assert.Throws<InputException>(() => RuleSetReader.Read(bytes, File, RuleSetFormat.CiscoIos));
        Assert.Equal(new SourceLocation(File, 1, 2), error.Location);
        Assert.StartsWith("control character U+0000 where text was expected", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("access-list 10 permit any\r\n")).ToArray();
        var set = RuleSetReader.Read(bytes, File, RuleSetFormat.CiscoIos);
        Assert.True(Rule(set, "10:10").Source.IsAny);
    }

    [Fact]
    public void A_cisco_asa_configuration_is_refused_as_another_dialect()
    {
        AssertFails("""
            : Saved
            !
            ASA Version 9.0(3)
            access-list OUTSIDE extended permit tcp any host 192.0.2.10 eq www
            """, 3, 1, "this is a Cisco ASA configuration, not IOS: its access lists use netmasks and 'access-group … interface', which this reader does not read");
    }
}
