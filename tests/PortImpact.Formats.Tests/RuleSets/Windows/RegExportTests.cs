using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using static PortImpact.Formats.Tests.RuleSets.Windows.WindowsFixtures;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>reg export files: encodings, escapes, continuation lines, stores, profiles and the keys that are not rules.</summary>
public sealed class RegExportTests
{
    private const string Hklm = @"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess";
    private const string Policy = Hklm + @"\Parameters\FirewallPolicy";
    private const string GpoPolicy = @"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\WindowsFirewall";

    [Fact]
    public void A_rule_set_has_windows_semantics_and_one_local_chain()
    {
        var set = ReadReg(Reg($"[{Policy}\\FirewallRules]", RegString("FPS-SMB-In-TCP", @"v2.33|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|App=System|")));
        Assert.Equal(RuleSetFormat.WindowsRegistry, set.Format);
        Assert.Equal(PolicySemantics.WindowsFirewall, set.Semantics);
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("local", ChainKind.WindowsRules, (RuleVerdict?)null, null, (string?)null), (chain.Name, chain.Kind, chain.Policy, chain.Table, chain.Hook));
        Assert.Equal((3, 1), (chain.Location.Line, chain.Location.Column));
        Assert.Equal("FPS-SMB-In-TCP", chain.Rules.Single().Id);
        Assert.Empty(set.Bindings);
        Assert.Empty(set.NotUnderstood);
    }

    /// <summary>A whole SYSTEM hive holds a copy of the policy per control set; only the one in use counts.</summary>
    [Theory]
    [InlineData(true, "new", "ControlSet001", 3)]
    [InlineData(false, "old", "ControlSet002", 6)]
    public void Of_several_control_sets_only_the_one_in_use_is_read(bool withSelect, string expectedRule, string skipped, int skippedLine)
    {
        string Rules(string set) => $@"[HKEY_LOCAL_MACHINE\SYSTEM\{set}\Services\SharedAccess\Parameters\FirewallPolicy\FirewallRules]";
        string[] lines =
        [
            Rules("ControlSet001"),
            RegString("old", "v2.33|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=445|"),
            "",
            Rules("ControlSet002"),
            RegString("new", "v2.33|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|"),
            "",
            .. withSelect ? new[] { @"[HKEY_LOCAL_MACHINE\SYSTEM\Select]", "\"Current\"=dword:00000002" } : [],
        ];
        var set = ReadReg(Reg(lines));
        Assert.Equal([expectedRule], set.Chains.Single().Rules.Select(r => r.Id));
        var note = Assert.Single(set.NotUnderstood);
        Assert.Equal((skipped, NotUnderstoodEffect.Skipped), (note.Construct, note.Effect));
        Assert.Equal(skippedLine, note.Location.Line);
    }

    [Fact]
    public void Escaped_backslashes_and_quotes_are_undone_and_fields_are_located_in_the_raw_line()
    {
        var line = RegString("id \"quoted\"", @"v2.30|Action=Allow|Dir=In|App=C:\x\y.exe|Desc=say ""hi""|Bad=1|");
        var error = Assert.Throws<InputException>(() => ReadReg(Reg($"[{Policy}\\FirewallRules]", line)));
        Assert.Equal((4, line.IndexOf("Bad=", StringComparison.Ordinal) + 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("firewall rule 'id \"quoted\"'", error.Message);

        var rule = ReadReg(Reg($"[{Policy}\\FirewallRules]", RegString("a\\b", @"v2.30|Action=Allow|Dir=In|App=C:\x\y.exe|Desc=say ""hi""|"))).Chains[0].Rules[0];
        Assert.Equal("a\\b", rule.Id);
        Assert.Equal(@"v2.30|Action=Allow|Dir=In|App=C:\x\y.exe|Desc=say ""hi""|", rule.Text);
        Assert.Equal([@"application: App=C:\x\y.exe"], Opaque(rule));
    }

    [Fact]
    public void Hex_values_continued_over_lines_are_parsed_and_do_not_stop_the_rules()
    {
        var set = ReadReg(Reg(
            $"[{Policy}\\DomainProfile]",
            "\"DisabledInterfaces\"=hex(7):7b,00,41,00,7d,00,00,00,7b,00,\\",
            "  42,00,7d,00,00,00,00,00",
            "\"EnableFirewall\"=dword:00000001",
            "",
            $"[{Policy}\\DomainProfile\\Logging]",
            "\"LogFilePath\"=hex(2):25,00,73,00,79,00,73,00,74,00,65,00,6d,00,72,00,6f,00,6f,\\",
            "  00,74,00,25,00,00,00",
            "\"Blob\"=hex:01,02,03",
            "\"Big\"=hex(b):01,00,00,00,00,00,00,00",
            "",
            $"[{Policy}\\FirewallRules]",
            RegString("r1", "v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=135|")));
        Assert.Equal("135", set.Chains.Single().Rules.Single().DestinationPorts.ToString());
        var profile = Assert.Single(set.Profiles);
        Assert.Equal(("Domain", (bool?)true), (profile.Profile.Name, profile.Enabled));
        var entry = Assert.Single(set.NotUnderstood);
        Assert.Equal(("DomainProfile DisabledInterfaces", NotUnderstoodEffect.ChainUncertain, 4), (entry.Construct, entry.Effect, entry.Location.Line));
        Assert.Equal("DisabledInterfaces={A},{B}: the profile is off on these interfaces", entry.Text);
    }

    [Fact]
    public void Regedit4_files_are_ansi()
    {
        var text = "REGEDIT4\r\n\r\n[" + Policy + "\\FirewallRules]\r\n\"r1\"=\"v2.20|Action=Allow|Dir=In|Name=Microsoft\u00AE Backup|\"\r\n";
        var bytes = Encoding.Latin1.GetBytes(text);
        Assert.Equal(0xAE, bytes[text.IndexOf('\u00AE', StringComparison.Ordinal)]);
        var rule = ReadReg(bytes).Chains.Single().Rules.Single();
        Assert.Equal("v2.20|Action=Allow|Dir=In|Name=Microsoft\u00AE Backup|", rule.Text);
    }

    [Fact]
    public void Utf8_and_bomless_utf16_exports_are_read_too()
    {
        var text = "Windows Registry Editor Version 5.00\n\n[" + Policy + "\\FirewallRules]\n\"r1\"=\"v2.30|Action=Allow|Dir=In|\"\n";
        Assert.Single(ReadReg(Encoding.UTF8.GetBytes(text)).Chains.Single().Rules);
        Assert.Single(ReadReg(Encoding.Unicode.GetBytes(text)).Chains.Single().Rules);
    }

    [Fact]
    public void Local_profiles_read_standard_profile_as_private()
    {
        var set = ReadReg(Reg(
            $"[{Policy}\\DomainProfile]",
            "\"EnableFirewall\"=dword:00000001",
            "\"DefaultInboundAction\"=dword:00000001",
            "\"DefaultOutboundAction\"=dword:00000000",
            "\"DoNotAllowExceptions\"=dword:00000001",
            "\"DisableNotifications\"=dword:00000001",
            $"[{Policy}\\PrivateProfile]",
            "\"EnableFirewall\"=dword:00000000",
            $"[{Policy}\\PublicProfile]",
            "\"EnableFirewall\"=dword:00000000",
            $"[{Policy}\\StandardProfile]",
            "\"AllowLocalPolicyMerge\"=dword:00000000"));
        Assert.Equal(
        [
            new WindowsProfile(FirewallProfile.Domain, true, RuleAction.Deny, RuleAction.Permit, null, true, new SourceLocation("t.reg", 3, 1)),
            new WindowsProfile(FirewallProfile.Private, null, null, null, false, null, new SourceLocation("t.reg", 13, 1)),
            new WindowsProfile(FirewallProfile.Public, false, null, null, null, null, new SourceLocation("t.reg", 11, 1)),
        ], set.Profiles.ToArray());
        Assert.Equal(["9:1 PrivateProfile [Skipped]"], Describe(set.NotUnderstood));
        Assert.Equal("local", set.Chains.Single().Name);
        Assert.Empty(set.Chains.Single().Rules);
    }

    [Theory]
    [InlineData("\"EnableFirewall\"=dword:00000002", "must be a dword 0 or 1, not dword:00000002")]
    [InlineData("\"DefaultInboundAction\"=\"1\"", "must be a dword 0 or 1, not \"1\"")]
    public void A_profile_setting_out_of_its_range_is_bad_input(string line, string message)
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Reg($"[{Policy}\\DomainProfile]", line)));
        Assert.Equal((4, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Keys_that_hold_no_active_filtering_rule_are_reported_with_their_count()
    {
        var set = ReadReg(Reg(
            $"[{Hklm}\\Parameters]",
            "\"ServiceDll\"=\"ipnathlp.dll\"",
            $"[{Policy}]",
            "\"PolicyVersion\"=dword:00000221",
            $"[{Policy}\\ConSecRules]",
            RegString("auth", "v2.33|Action=SecureServer|Name=Auth|Desc=|Active=TRUE|Auth1Set={E5A5D32A-4BCE-4e4d-B07F-4AB1BA7E5FE3}|"),
            $"[{Policy}\\RestrictedServices\\Static\\System]",
            RegString("s1", @"V2.0|Action=Block|Dir=in|LPORT=|app=%SystemRoot%\system32\svchost.exe|Protocol=tcp|rport=3268,389|"),
            RegString("s2", "v2.10|Action=Allow|Dir=In|Svc=x|"),
            $"[{Policy}\\DomainProfile\\Services\\FileAndPrint]",
            "\"Enabled\"=dword:00000000",
            $"[{Policy}\\PublicProfile\\Services\\RemoteDesktop]",
            "\"Enabled\"=dword:00000001",
            $"[{Policy}\\DomainProfile\\Logging]",
            "\"LogDroppedPackets\"=dword:00000001",
            $"[{Policy}\\Mdm\\FirewallRules]",
            RegString("m1", "v2.30|Action=Allow|Dir=In|"),
            $"[{Policy}\\DynamicKeywords]",
            $"[{Hklm}\\Defaults\\FirewallPolicy\\FirewallRules]",
            RegString("d1", "v2.30|Action=Allow|Dir=In|"),
            RegString("d2", "v2.30|Action=Allow|Dir=In|"),
            RegString("d3", "v2.30|Action=Allow|Dir=In|")));
        Assert.Equal(
        [
            "7:1 ConSecRules [Skipped]",
            @"9:1 RestrictedServices\Static\System [ChainUncertain]",
            @"15:1 PublicProfile\Services\RemoteDesktop Enabled [ChainUncertain]",
            @"18:1 Mdm\FirewallRules [ChainUncertain]",
            @"21:1 Defaults\FirewallPolicy\FirewallRules [Skipped]",
        ], Describe(set.NotUnderstood));
        Assert.Equal("1 connection security rule (IPsec): they negotiate IPsec, they do not permit or block traffic", set.NotUnderstood[0].Text);
        Assert.StartsWith("2 service hardening or app isolation rules not read", set.NotUnderstood[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("3 values of the factory-default copy", set.NotUnderstood[4].Text, StringComparison.Ordinal);
        Assert.Empty(set.Chains.Single().Rules);
    }

    [Fact]
    public void Both_stores_give_two_chains_and_group_policy_settings_win()
    {
        var set = ReadReg(Reg(
            $"[{GpoPolicy}\\DomainProfile]",
            "\"DefaultOutboundAction\"=dword:00000001",
            "\"AllowLocalPolicyMerge\"=dword:00000000",
            $"[{GpoPolicy}\\FirewallRules]",
            RegString("g1", "v2.20|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=445|"),
            $"[{Policy}\\DomainProfile]",
            "\"EnableFirewall\"=dword:00000001",
            "\"DefaultOutboundAction\"=dword:00000000",
            $"[{Policy}\\FirewallRules]",
            RegString("l1", "v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|"),
            RegString("l2", "v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=139|")));
        Assert.Equal(["gpo:g1@6", "local:l1,l2@11"], set.Chains.Select(c => $"{c.Name}:{string.Join(",", c.Rules.Select(r => r.Id))}@{c.Location.Line}"));
        var domain = Assert.Single(set.Profiles);
        Assert.Equal(new WindowsProfile(FirewallProfile.Domain, true, null, RuleAction.Deny, false, null, new SourceLocation("t.reg", 3, 1)), domain);
    }

    [Fact]
    public void A_gpo_standard_profile_applies_to_private_and_public_only_without_their_keys()
    {
        var alone = ReadReg(Reg($"[{GpoPolicy}\\StandardProfile]", "\"EnableFirewall\"=dword:00000000"));
        Assert.Equal(["Private:False", "Public:False"], alone.Profiles.Select(p => $"{p.Profile.Name}:{p.Enabled}"));
        Assert.Empty(alone.NotUnderstood);

        var overridden = ReadReg(Reg(
            $"[{GpoPolicy}\\StandardProfile]", "\"EnableFirewall\"=dword:00000000",
            $"[{GpoPolicy}\\PublicProfile]", "\"EnableFirewall\"=dword:00000001"));
        Assert.Equal(["Public:True"], overridden.Profiles.Select(p => $"{p.Profile.Name}:{p.Enabled}"));
        Assert.Equal(["3:1 StandardProfile [Skipped]"], Describe(overridden.NotUnderstood));
    }

    [Fact]
    public void Deletions_are_applied_to_the_file_and_reported()
    {
        var set = ReadReg(Reg(
            $"[{Policy}\\FirewallRules]",
            RegString("r1", "v2.30|Action=Allow|Dir=In|"),
            RegString("r2", "v2.30|Action=Allow|Dir=In|"),
            "\"r1\"=-",
            $"[-{Policy}\\ConSecRules]"));
        Assert.Equal(["r2"], set.Chains.Single().Rules.Select(r => r.Id));
        Assert.Equal(["6:1 registry deletion [Skipped]", "7:1 registry deletion [Skipped]"], Describe(set.NotUnderstood));
    }

    [Fact]
    public void Comments_and_default_values_are_read()
    {
        var set = ReadReg(Reg($"[{Policy}\\FirewallRules]", "; a comment", "@=\"v2.30|Action=Allow|Dir=Out|\""));
        Assert.Equal("", set.Chains.Single().Rules.Single().Id);
    }

    [Fact]
    public void Invalid_utf8_is_bad_input_at_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"Windows Registry Editor Version 5.00\n\n[{Policy}\\FirewallRules]\n\"r1\"=\"v2.30|Action=Allow|Dir=In|Name=")
            .Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("|\"\n")).ToArray();
        var error = Assert.Throws<InputException>(() => ReadReg(bytes));
        // Column 38: the first bad byte, after the 37 characters of the value so far.
        Assert.Equal(("t.reg", 4, 38), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains("not UTF-8 text", error.Message);
    }

    [Fact]
    public void Binary_garbage_is_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ReadReg([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]));
        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("not UTF-8 text", error.Message);
    }

    [Fact]
    public void Text_that_is_not_a_reg_export_is_refused_at_its_first_line()
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Encoding.UTF8.GetBytes("hello firewall\nAction=Allow\n")));
        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("not a reg export: the first line is 'hello firewall'", error.Message);
    }

    [Fact]
    public void A_utf16_file_cut_in_the_middle_of_a_character_is_bad_input()
    {
        var bytes = Reg($"[{Policy}\\FirewallRules]", RegString("r1", "v2.30|Action=Allow|Dir=In|"));
        var error = Assert.Throws<InputException>(() => ReadReg(bytes[..^3]));
        Assert.Equal((4, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("odd number of bytes", error.Message);
    }

    [Fact]
    public void A_rule_cut_short_is_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Reg($"[{Policy}\\FirewallRules]", "\"r1\"=\"v2.30|Action=Allow|Dir=In|Prot")));
        Assert.Equal((4, 37), (error.Location.Line, error.Location.Column));
        Assert.Contains("a quoted string is not closed", error.Message);
    }

    [Theory]
    [InlineData("\"x\"=hex(2):41,00,zz,00", 4, 18, "'zz' is not a hex byte")]
    [InlineData("\"x\"=hex(2):41,00,\\", 5, 1, "cut short")]
    [InlineData("\"x\"=dword:123456789", 4, 11, "is not a dword")]
    [InlineData("\"x\"=qword:1", 4, 5, "is not a value")]
    [InlineData("\"x\" \"y\"", 4, 5, "expected '='")]
    [InlineData("\"x\"=\"a\\b\"", 4, 7, "a backslash in a quoted string must be written")]
    [InlineData("Enabled=1", 4, 1, "unexpected line")]
    public void Broken_value_lines_are_bad_input(string line, int lineNumber, int column, string message)
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Reg($"[{Policy}]", line)));
        Assert.Equal((lineNumber, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_value_before_any_key_is_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Reg("\"x\"=dword:00000001")));
        Assert.Equal((3, 1), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_rule_that_is_not_a_string_is_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Reg($"[{Policy}\\FirewallRules]", "\"r1\"=dword:00000001")));
        Assert.Equal((4, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("firewall rule 'r1'", error.Message);
    }

    [Fact]
    public void A_reg_export_without_firewall_keys_is_refused()
    {
        var error = Assert.Throws<InputException>(() => ReadReg(Reg(@"[HKEY_CURRENT_USER\Software\Vendor]", "\"x\"=dword:00000001")));
        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("no Windows Firewall policy in this file", error.Message);
    }
}
