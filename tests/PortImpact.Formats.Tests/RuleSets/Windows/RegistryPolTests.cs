using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using static PortImpact.Formats.Tests.RuleSets.Windows.WindowsFixtures;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>GPO Registry.pol (PReg) files: records, byte-offset locations, profiles, directives and truncation.</summary>
public sealed class RegistryPolTests
{
    private const string Rules = GpoKey + @"\FirewallRules";

    /// <summary>Where a record's data starts: '[' key NUL ';' name NUL ';' type ';' size ';'.</summary>
    private static int DataOffset(int recordStart, string key, string name) => recordStart + 2 + (key.Length + 1) * 2 + 2 + (name.Length + 1) * 2 + 2 + 4 + 2 + 4 + 2;

    [Fact]
    public void Rules_and_profile_settings_are_read_with_byte_offset_locations()
    {
        var version = PolDword(GpoKey, "PolicyVersion", 0x216);
        var rule = PolString(Rules, "{C245295B}", "v2.20|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|LPort=RPC|RA4=127.0.0.1|");
        var inbound = PolDword(GpoKey + @"\DomainProfile", "DefaultInboundAction", 1);
        var merge = PolDword(GpoKey + @"\DomainProfile", "AllowLocalPolicyMerge", 0);
        var ipsecMerge = PolDword(GpoKey + @"\DomainProfile", "AllowLocalIPsecPolicyMerge", 0);
        var logging = PolDword(GpoKey + @"\DomainProfile\Logging", "LogDroppedPackets", 1);
        var other = PolDword(@"SOFTWARE\Policies\Microsoft\Windows\System", "EnableSmartScreen", 1);
        var set = ReadPol(Pol(version, rule, inbound, merge, ipsecMerge, logging, other));
        Assert.Equal(RuleSetFormat.WindowsRegistryPol, set.Format);
        Assert.Equal(PolicySemantics.WindowsFirewall, set.Semantics);
        var chain = Assert.Single(set.Chains);
        Assert.Equal("gpo", chain.Name);
        var read = Assert.Single(chain.Rules);
        var ruleStart = 8 + version.Length;
        Assert.Equal(("{C245295B}", "t.pol", 1, ruleStart + 1), (read.Id, read.Location.File, read.Location.Line, read.Location.Column));
        Assert.Equal(chain.Location, read.Location);
        Assert.Equal(("49152-65535", "127.0.0.1", "Domain", RuleVerdict.Permit), (read.DestinationPorts.ToString(), read.Source.ToString(), string.Join(",", read.Profiles), read.Verdict));
        var domain = Assert.Single(set.Profiles);
        Assert.Equal(new WindowsProfile(FirewallProfile.Domain, null, RuleAction.Deny, null, false, null, new SourceLocation("t.pol", 1, ruleStart + rule.Length + 1)), domain);
        Assert.Empty(set.NotUnderstood);
    }

    [Fact]
    public void A_bad_field_is_located_at_its_byte_offset()
    {
        const string text = "v2.20|Action=Allow|Dir=In|Colour=blue|";
        var error = Assert.Throws<InputException>(() => ReadPol(Pol(PolString(Rules, "r", text))));
        Assert.Equal((1, DataOffset(8, Rules, "r") + 2 * text.IndexOf("Colour", StringComparison.Ordinal) + 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("unknown key 'Colour'", error.Message);
    }

    [Fact]
    public void A_standard_profile_alone_sets_private_and_public()
    {
        var set = ReadPol(Pol(
            PolDword(GpoKey + @"\DomainProfile", "EnableFirewall", 1),
            PolDword(GpoKey + @"\StandardProfile", "EnableFirewall", 0),
            PolDword(GpoKey + @"\StandardProfile", "DoNotAllowExceptions", 1)));
        Assert.Equal(["Domain:True:", "Private:False:True", "Public:False:True"], set.Profiles.Select(p => $"{p.Profile.Name}:{p.Enabled}:{p.BlockAllInbound}"));
        Assert.Equal("gpo", set.Chains.Single().Name);
        Assert.Empty(set.Chains.Single().Rules);
    }

    [Fact]
    public void Deletion_directives_apply_to_this_file_and_are_reported_as_skipped()
    {
        var keep = PolString(Rules, "keep", "v2.20|Action=Allow|Dir=In|");
        var gone = PolString(Rules, "gone", "v2.20|Action=Allow|Dir=In|");
        var del = PolString(Rules, "**del.gone", " ");
        var soft = PolString(Rules, "**soft.maybe", "v2.20|Action=Allow|Dir=In|");
        var delvals = PolString(GpoKey + @"\ConSecRules", "**delvals.", " ");
        var foreign = PolString(@"SOFTWARE\Policies\Microsoft\Windows\System", "**delvals.", " ");
        var set = ReadPol(Pol(keep, gone, del, soft, delvals, foreign));
        Assert.Equal(["keep"], set.Chains.Single().Rules.Select(r => r.Id));
        var delAt = 8 + keep.Length + gone.Length;
        Assert.Equal(
        [
            $"1:{delAt + 1} registry deletion [Skipped]",
            $"1:{delAt + del.Length + 1} conditional value (**soft.) [ChainUncertain]",
            $"1:{delAt + del.Length + soft.Length + 1} registry deletion [Skipped]",
        ], Describe(set.NotUnderstood));
        Assert.Equal(Rules + ": **del.gone =  ", set.NotUnderstood[0].Text);
    }

    [Fact]
    public void Delete_values_and_delete_keys_lists_are_applied()
    {
        var set = ReadPol(Pol(
            PolString(Rules, "a", "v2.20|Action=Allow|Dir=In|"),
            PolString(Rules, "b", "v2.20|Action=Allow|Dir=In|"),
            PolString(Rules, "c", "v2.20|Action=Allow|Dir=In|"),
            PolString(Rules, "**DeleteValues", "a;c")));
        Assert.Equal(["b"], set.Chains.Single().Rules.Select(r => r.Id));
        var keys = ReadPol(Pol(PolString(Rules, "a", "v2.20|Action=Allow|Dir=In|"), PolString(GpoKey, "**DeleteKeys", "FirewallRules")));
        Assert.Empty(keys.Chains.Single().Rules);
    }

    [Fact]
    public void A_record_cut_in_half_is_bad_input_at_the_cut()
    {
        var first = PolString(Rules, "r1", "v2.20|Action=Allow|Dir=In|");
        var second = PolString(Rules, "r2", "v2.20|Action=Block|Dir=In|");
        var bytes = Pol(first, second);
        var secondStart = 8 + first.Length;

        var inKey = Assert.Throws<InputException>(() => ReadPol(bytes[..(secondStart + 20)]));
        Assert.Equal((1, secondStart + 3), (inKey.Location.Line, inKey.Location.Column));
        Assert.Contains("record cut short: the key name has no terminating NUL", inKey.Message);

        var dataStart = DataOffset(secondStart, Rules, "r2");
        var inData = Assert.Throws<InputException>(() => ReadPol(bytes[..(dataStart + 10)]));
        Assert.Equal((1, dataStart - 6 + 1), (inData.Location.Line, inData.Location.Column));
        Assert.Contains("declares 54 bytes of data, only 10 remain", inData.Message);

        var noBracket = Assert.Throws<InputException>(() => ReadPol(bytes[..^2]));
        Assert.Equal((1, bytes.Length - 1), (noBracket.Location.Line, noBracket.Location.Column));
        Assert.Contains("the file ends where ']' closing the record should be", noBracket.Message);
    }

    [Fact]
    public void Garbage_between_records_is_bad_input()
    {
        var first = PolString(Rules, "r1", "v2.20|Action=Allow|Dir=In|");
        var error = Assert.Throws<InputException>(() => ReadPol([.. Pol(first), 0x41, 0x42, 0x43, 0x44]));
        Assert.Equal((1, 8 + first.Length + 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("expected '[' opening a record", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x52, 0x45, 0x47, 1, 0, 0, 0 }, 1, "does not start with the signature 'PReg'")]
    [InlineData(new byte[] { 0x50, 0x52, 0x65, 0x67, 2, 0, 0, 0 }, 5, "Registry.pol version 2")]
    [InlineData(new byte[] { 0x50, 0x52, 0x65, 0x67, 1, 0 }, 7, "cut short inside its header")]
    public void A_bad_header_is_bad_input(byte[] bytes, int column, string message)
    {
        var error = Assert.Throws<InputException>(() => ReadPol(bytes));
        Assert.Equal((1, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Odd_string_data_and_non_string_rules_are_bad_input()
    {
        var odd = Assert.Throws<InputException>(() => ReadPol(Pol(PolRecord(Rules, "r", 1, [0x76, 0x00, 0x32]))));
        Assert.Equal((1, 9), (odd.Location.Line, odd.Location.Column));
        Assert.Contains("odd number of bytes", odd.Message);
        var dword = Assert.Throws<InputException>(() => ReadPol(Pol(PolDword(Rules, "r", 1))));
        Assert.Equal((1, 9), (dword.Location.Line, dword.Location.Column));
        Assert.Contains("a rule is a string (REG_SZ)", dword.Message);
        var shortDword = Assert.Throws<InputException>(() => ReadPol(Pol(PolRecord(GpoKey + @"\DomainProfile", "EnableFirewall", 4, [1, 0]))));
        Assert.Contains("has 2 bytes, not the size of its number type", shortDword.Message);
    }

    [Fact]
    public void A_registry_pol_without_firewall_settings_is_refused()
    {
        var error = Assert.Throws<InputException>(() => ReadPol(Pol(PolDword(@"SOFTWARE\Policies\Microsoft\Windows\System", "EnableSmartScreen", 1))));
        Assert.Contains("no Windows Firewall policy in this file", error.Message);
        Assert.Equal(Encoding.ASCII.GetBytes("PReg"), Pol()[..4]);
    }
}
