using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>GPMC gpreport.xml: rules as elements named after the grammar's keys, profiles, prefixes, bad XML.</summary>
public sealed class GpReportTests
{
    /// <summary>A report whose firewall extension (prefix <c>q7</c>) holds <paramref name="body"/>, from line 5 on.</summary>
    private static byte[] Report(string body, string prefix = "q7")
    {
        var text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n"
            + "<GPO xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.microsoft.com/GroupPolicy/Settings\">\r\n"
            + "  <Computer><ExtensionData>\r\n"
            + $"    <Extension xmlns:{prefix}=\"http://www.microsoft.com/GroupPolicy/Settings/WindowsFirewall\" xsi:type=\"{prefix}:WindowsFirewallSettings\">\r\n"
            + body.Replace("q:", prefix + ":", StringComparison.Ordinal) + "\r\n"
            + "    </Extension>\r\n  </ExtensionData></Computer>\r\n</GPO>\r\n";
        return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
    }

    private static RuleSet Read(byte[] bytes) => WindowsFirewallReader.Read(bytes, "r.xml", RuleSetFormat.WindowsGpReport);

    private const string SmbRule =
        "<q:InboundFirewallRules><q:Version>2.20</q:Version><q:Action>Allow</q:Action><q:Name>SMB</q:Name><q:Dir>In</q:Dir>"
        + "<q:App>System</q:App><q:Profile>Domain</q:Profile><q:Profile>Private</q:Profile><q:RA4>10.0.0.0/8</q:RA4>"
        + "<q:LPort>445</q:LPort><q:LPort>139</q:LPort><q:Protocol>6</q:Protocol><q:Active>true</q:Active></q:InboundFirewallRules>";

    [Fact]
    public void Rule_elements_are_the_grammar_keys_and_repeated_elements_repeat_keys()
    {
        var set = Read(Report("      " + SmbRule));
        Assert.Equal((RuleSetFormat.WindowsGpReport, PolicySemantics.WindowsFirewall), (set.Format, set.Semantics));
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("gpo", ChainKind.WindowsRules, 5, 7), (chain.Name, chain.Kind, chain.Location.Line, chain.Location.Column));
        var rule = Assert.Single(chain.Rules);
        Assert.Equal(("SMB", RuleVerdict.Permit, TrafficDirection.In, true), (rule.Id, rule.Verdict, rule.Direction, rule.Enabled));
        Assert.Equal(PortSet.Of(139, 445), rule.DestinationPorts);
        Assert.Equal("10.0.0.0/8", rule.Source.ToString());
        Assert.Equal("Domain,Private", string.Join(",", rule.Profiles));
        Assert.Equal(["application: App=System"], WindowsFixtures.Opaque(rule));
        Assert.Equal("v2.20|Action=Allow|Name=SMB|Dir=In|App=System|Profile=Domain|Profile=Private|RA4=10.0.0.0/8|LPort=445|LPort=139|Protocol=6|Active=true|", rule.Text);
        Assert.Equal((5, 7), (rule.Location.Line, rule.Location.Column));
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void The_namespace_prefix_does_not_matter()
    {
        Assert.Equal(PortSet.Of(139, 445), Read(Report(SmbRule, "q2")).Chains.Single().Rules.Single().DestinationPorts);
        Assert.Equal(PortSet.Of(139, 445), Read(Report(SmbRule, "abc")).Chains.Single().Rules.Single().DestinationPorts);
    }

    [Fact]
    public void Outbound_elements_give_outbound_rules_and_a_missing_dir_comes_from_the_element()
    {
        var set = Read(Report(
            "<q:OutboundFirewallRules><q:Version>2.20</q:Version><q:Action>Block</q:Action><q:Name>Web</q:Name>"
            + "<q:RPort>80</q:RPort><q:RPort>49152-65535</q:RPort><q:Protocol>6</q:Protocol><q:Active>false</q:Active></q:OutboundFirewallRules>"));
        var rule = set.Chains.Single().Rules.Single();
        Assert.Equal((TrafficDirection.Out, RuleVerdict.Deny, false), (rule.Direction!.Value, rule.Verdict, rule.Enabled));
        Assert.Equal("80,49152-65535", rule.DestinationPorts.ToString());
        Assert.EndsWith("|Dir=Out|", rule.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_sharing_a_name_get_numbered_ids()
    {
        var rule = "<q:OutboundFirewallRules><q:Version>2.20</q:Version><q:Action>Allow</q:Action><q:Name>Same</q:Name><q:Dir>Out</q:Dir></q:OutboundFirewallRules>";
        var unnamed = "<q:OutboundFirewallRules><q:Version>2.20</q:Version><q:Action>Allow</q:Action><q:Dir>Out</q:Dir></q:OutboundFirewallRules>";
        var set = Read(Report(rule + "\r\n" + rule + "\r\n" + SmbRule + "\r\n" + unnamed));
        Assert.Equal(["Same #1", "Same #2", "SMB", "rule 4"], set.Chains.Single().Rules.Select(r => r.Id));
    }

    [Fact]
    public void Profile_settings_are_read_from_their_value_elements()
    {
        var set = Read(Report(
            "<q:GlobalSettings><q:PolicyVersion><q:Value>534</q:Value></q:PolicyVersion></q:GlobalSettings>\r\n"
            + "<q:DomainProfile><q:EnableFirewall><q:Value>true</q:Value></q:EnableFirewall>"
            + "<q:DefaultInboundAction><q:Value>true</q:Value></q:DefaultInboundAction>"
            + "<q:DefaultOutboundAction><q:Value>false</q:Value></q:DefaultOutboundAction>"
            + "<q:AllowLocalPolicyMerge><q:Value>false</q:Value></q:AllowLocalPolicyMerge>"
            + "<q:DisableNotifications><q:Value>true</q:Value></q:DisableNotifications></q:DomainProfile>\r\n"
            + "<q:PublicProfile><q:DoNotAllowExceptions><q:Value>true</q:Value></q:DoNotAllowExceptions>"
            + "<q:DisableUnicastResponsesToMulticastBroadcast><q:Value>true</q:Value></q:DisableUnicastResponsesToMulticastBroadcast>"
            + "<q:Mystery><q:Value>1</q:Value></q:Mystery></q:PublicProfile>\r\n"
            + "<q:ConnectionSecurityRules><q:Name>x</q:Name></q:ConnectionSecurityRules>\r\n"
            + "<q:SomethingNew />"));
        Assert.Equal(
        [
            new WindowsProfile(FirewallProfile.Domain, true, RuleAction.Deny, RuleAction.Permit, false, null, new SourceLocation("r.xml", 6, 1)),
            new WindowsProfile(FirewallProfile.Public, null, null, null, null, true, new SourceLocation("r.xml", 7, 1)),
        ], set.Profiles.ToArray());
        Assert.Equal(
        [
            "7:217 PublicProfile Mystery [ChainUncertain]",
            "8:1 ConnectionSecurityRules [Skipped]",
            "9:1 SomethingNew [ChainUncertain]",
        ], WindowsFixtures.Describe(set.NotUnderstood));
        Assert.Empty(set.Chains.Single().Rules);
    }

    [Fact]
    public void A_rule_string_error_points_at_the_element()
    {
        var error = Assert.Throws<InputException>(() => Read(Report(
            "<q:InboundFirewallRules><q:Version>2.20</q:Version><q:Action>Allow</q:Action><q:Dir>In</q:Dir>\r\n"
            + "  <q:Protocol>6</q:Protocol><q:LPort>70000</q:LPort></q:InboundFirewallRules>")));
        Assert.Equal(("r.xml", 6, 31), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains("port 70000 is out of range", error.Message);
    }

    [Theory]
    [InlineData("<q:InboundFirewallRules><q:Action>Allow</q:Action></q:InboundFirewallRules>", 1, "has no Version element")]
    [InlineData("<q:InboundFirewallRules><q:Version>two</q:Version><q:Action>Allow</q:Action></q:InboundFirewallRules>", 26, "'two' is not a rule schema version")]
    [InlineData("<q:InboundFirewallRules><q:Version>2.20</q:Version><q:Dir>Out</q:Dir><q:Action>Allow</q:Action></q:InboundFirewallRules>", 55, "Dir 'Out' in an InboundFirewallRules element")]
    [InlineData("<q:InboundFirewallRules><q:Version>2.20</q:Version><q:Dir>In</q:Dir><q:Action>Allow</q:Action><q:Color>red</q:Color></q:InboundFirewallRules>", 102, "unknown key 'Color'")]
    public void Broken_rule_elements_are_bad_input(string body, int column, string message)
    {
        var error = Assert.Throws<InputException>(() => Read(Report(body)));
        Assert.Equal((5, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Malformed_xml_is_bad_input_where_the_parser_stopped()
    {
        var error = Assert.Throws<InputException>(() => Read(Report("<q:InboundFirewallRules><q:Version>2.20</q:Version>\r\n<q:Action>Allow</q:Dir></q:InboundFirewallRules>")));
        Assert.Equal(("r.xml", 6, 19), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.StartsWith("r.xml:6:19: malformed XML:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_report_is_bad_input()
    {
        var bytes = Report(SmbRule);
        var error = Assert.Throws<InputException>(() => Read(bytes[..(bytes.Length / 2 & ~1)]));
        Assert.Contains("malformed XML", error.Message);
        Assert.True(error.Location.Line >= 5);
    }

    [Fact]
    public void A_report_without_firewall_settings_is_refused()
    {
        var xml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><GPO><Computer><Enabled>true</Enabled></Computer></GPO>");
        var error = Assert.Throws<InputException>(() => Read(xml));
        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("no Windows Firewall settings in this gpreport.xml", error.Message);
    }

    [Fact]
    public void Elements_nested_past_the_limit_are_bad_input_at_the_element_too_deep()
    {
        // A hundred thousand levels took 42 s and the whole tree in memory before anything was said.
        var deep = "<?xml version=\"1.0\"?><GPO>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</GPO>";
        var error = Assert.Throws<InputException>(() => Read(Encoding.UTF8.GetBytes(deep)));
        // <GPO> is level 0; the <a> at level 256 starts after 21 + 5 + 255 * 3 characters.
        Assert.Equal((1, 792), (error.Location.Line, error.Location.Column));
        Assert.Equal("XML elements nested more than 256 deep (element 'a'); a gpreport.xml nests about ten", error.Problem);

        // 255 levels under the root are read (and then found to hold no firewall settings).
        var deepest = "<GPO>" + string.Concat(Enumerable.Repeat("<a>", 255)) + string.Concat(Enumerable.Repeat("</a>", 255)) + "</GPO>";
        Assert.StartsWith("no Windows Firewall settings", Assert.Throws<InputException>(() => Read(Encoding.UTF8.GetBytes(deepest))).Problem, StringComparison.Ordinal);
    }

    [Theory]
    // An external entity (XXE) would read a file of the machine; nested entities (a "billion laughs") would expand without end.
    [InlineData("<!DOCTYPE GPO [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><GPO>&x;</GPO>")]
    [InlineData("<!DOCTYPE GPO [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><GPO>&c;</GPO>")]
    public void A_document_type_declaration_is_refused_before_any_entity_is_read(string body)
    {
        var error = Assert.Throws<InputException>(() => Read(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n" + body)));
        Assert.Equal((2, 1), (error.Location.Line, error.Location.Column));
        Assert.StartsWith("malformed XML: For security reasons DTD is prohibited in this XML document.", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_name_or_attribute_is_read_and_quoted_back_shortened()
    {
        var name = "a\nb" + new string('n', 5_000_000);
        var attribute = new string('v', 5_000_000);
        var body = $"<q:InboundFirewallRules x=\"{attribute}\"><q:Version>2.20</q:Version><q:Name>{name}</q:Name><q:Dir>In</q:Dir></q:InboundFirewallRules>";
        var error = Assert.Throws<InputException>(() => Read(Report(body)));
        Assert.Equal($"firewall rule 'a\\nb{new string('n', 77)}…' has no Action", error.Problem);
        var many = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"<q:Unknown{i % 7}/>"));
        var set = Read(Report(SmbRule + many));
        Assert.Equal((1, 200_000), (set.RuleCount, set.NotUnderstood.Length));
    }

    [Fact]
    public void A_byte_order_mark_the_xml_reader_cannot_honour_is_bad_input_not_an_xml_exception()
    {
        // Found by AFL (fuzz/findings/gpreport/utf32-mark-without-text): XmlReader.Create itself threw on these bytes.
        byte[] bytes = [0xFE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x97, 0x06, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x24, 0x00];
        var error = Assert.Throws<InputException>(() => Read(bytes));
        Assert.Equal(("r.xml", 1), (error.Location.File, error.Location.Line));
        Assert.StartsWith("malformed XML", error.Problem);
    }
}
