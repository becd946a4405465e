using System.Text;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>English <c>netsh advfirewall firewall show rule name=all [verbose]</c> text.</summary>
public sealed class NetshTests
{
    private static readonly string Dashes = new('-', 70);

    /// <summary>A label line as netsh pads it: the value starts at column 39.</summary>
    private static string L(string label, string value) => $"{label}:".PadRight(38) + value;

    private static byte[] Text(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static RuleSet Read(byte[] bytes) => WindowsFirewallReader.Read(bytes, "n.txt", RuleSetFormat.WindowsNetsh);

    private static readonly string[] Sample =
    [
        "",
        L("Rule Name", "Remote Desktop - User Mode (TCP-In)"),
        Dashes,
        L("Enabled", "Yes"),
        L("Direction", "In"),
        L("Profiles", "Domain,Private,Public"),
        L("Grouping", "Remote Desktop"),
        L("LocalIP", "Any"),
        L("RemoteIP", "Any"),
        L("Protocol", "TCP"),
        L("LocalPort", "3389"),
        L("RemotePort", "Any"),
        L("Edge traversal", "No"),
        L("Action", "Allow"),
        "",
        L("Rule Name", "File and Printer Sharing (Echo Request - ICMPv4-In)"),
        Dashes,
        L("Enabled", "No"),
        L("Direction", "In"),
        L("Profiles", "Domain"),
        L("Grouping", ""),
        L("LocalIP", "Any"),
        L("RemoteIP", "LocalSubnet"),
        L("Protocol", "ICMPv4"),
        "".PadRight(38) + "Type    Code",
        "".PadRight(38) + "8       Any",
        L("Edge traversal", "No"),
        L("Action", "Allow"),
        "",
        L("Rule Name", "Block SMB out"),
        Dashes,
        L("Description", "no worms: 445"),
        L("Enabled", "Yes"),
        L("Direction", "Out"),
        L("Profiles", "Private, Public"),
        L("LocalIP", "10.0.0.0/255.0.0.0"),
        L("RemoteIP", "192.168.1.1-192.168.1.9,fe80::1,10.1.0.0/16"),
        L("Protocol", "TCP"),
        L("LocalPort", "Any"),
        L("RemotePort", "139,445,5000-5010"),
        L("Edge traversal", "No"),
        L("Program", @"C:\Windows\System32\svchost.exe"),
        L("Service", "Any"),
        L("InterfaceTypes", "Lan"),
        L("Security", "NotRequired"),
        L("Rule source", "Local Setting"),
        L("Action", "Block"),
        "",
        L("Rule Name", "RPC"),
        Dashes,
        L("Enabled", "Yes"),
        L("Direction", "In"),
        L("Profiles", "Domain"),
        L("RemoteIP", "Intranet"),
        L("Protocol", "TCP"),
        L("LocalPort", "RPC,RPC-EPMap,IPHTTPS"),
        L("RemotePort", "Any"),
        L("RemoteComputerGroup", "O:LSD:(A;;CC;;;S-1-5-1)"),
        L("Action", "Bypass"),
        "Ok.",
        "",
    ];

    [Fact]
    public void Blocks_become_rules_of_the_active_chain()
    {
        var set = Read(Text(Sample));
        Assert.Equal((RuleSetFormat.WindowsNetsh, PolicySemantics.WindowsFirewall), (set.Format, set.Semantics));
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("active", ChainKind.WindowsRules, 2), (chain.Name, chain.Kind, chain.Location.Line));
        Assert.Empty(set.Profiles);
        Assert.Equal(
            ["Remote Desktop - User Mode (TCP-In)", "File and Printer Sharing (Echo Request - ICMPv4-In)", "Block SMB out", "RPC"],
            chain.Rules.Select(r => r.Id));
        Assert.Equal([2, 16, 30, 49], chain.Rules.Select(r => r.Location.Line));

        var rdp = chain.Rules[0];
        Assert.Equal((RuleVerdict.Permit, TrafficDirection.In, true, "tcp", "3389"), (rdp.Verdict, rdp.Direction!.Value, rdp.Enabled, rdp.Protocols.ToString(), rdp.DestinationPorts.ToString()));
        Assert.True(rdp.Source.IsAny);
        Assert.Empty(rdp.Opaque);
        Assert.StartsWith("Rule Name: Remote Desktop - User Mode (TCP-In); Enabled: Yes; Direction: In;", rdp.Text, StringComparison.Ordinal);

        var echo = chain.Rules[1];
        Assert.Equal((false, "icmp", "Domain"), (echo.Enabled, echo.Protocols.ToString(), string.Join(",", echo.Profiles)));
        Assert.Equal(["icmp type: ICMP4=8:*", "address keyword: RA4=LocalSubnet"], WindowsFixtures.Opaque(echo));

        var smb = chain.Rules[2];
        Assert.Equal((RuleVerdict.Deny, TrafficDirection.Out, "Private,Public"), (smb.Verdict, smb.Direction!.Value, string.Join(",", smb.Profiles)));
        Assert.Equal("10.0.0.0/8", smb.Source.ToString());
        Assert.Equal("10.1.0.0/16,192.168.1.1-192.168.1.9", smb.Destination.ToString());
        Assert.Equal("139,445,5000-5010", smb.DestinationPorts.ToString());
        Assert.Equal(PortSet.All, smb.SourcePorts);
        Assert.Equal([@"application: App=C:\Windows\System32\svchost.exe", "interface type: IFType=Lan"], WindowsFixtures.Opaque(smb));

        var rpc = chain.Rules[3];
        Assert.Equal((RuleVerdict.Bypass, "135,443,49152-65535"), (rpc.Verdict, rpc.DestinationPorts.ToString()));
        Assert.Equal(["unknown key: RemoteComputerGroup=O:LSD:(A;;CC;;;S-1-5-1)", "address keyword: RA42=IntrAnet"], WindowsFixtures.Opaque(rpc));
        var entry = Assert.Single(set.NotUnderstood);
        Assert.Equal((58, 1, "unknown key RemoteComputerGroup", NotUnderstoodEffect.RuleMayMatch), (entry.Location.Line, entry.Location.Column, entry.Construct, entry.Effect));
    }

    [Fact]
    public void Detection_finds_netsh_text()
    {
        Assert.Equal(RuleSetFormat.WindowsNetsh, RuleSetReader.Detect(Text(Sample), "n.txt"));
    }

    [Fact]
    public void Rules_sharing_a_name_get_numbered_ids()
    {
        string[] block = [L("Rule Name", "Same"), Dashes, L("Enabled", "Yes"), L("Direction", "Out"), L("Action", "Allow"), ""];
        var set = Read(Text([.. block, .. block, "Ok."]));
        Assert.Equal(["Same #1", "Same #2"], set.Chains.Single().Rules.Select(r => r.Id));
    }

    [Fact]
    public void No_rules_is_an_empty_chain()
    {
        var set = Read(Text("", "No rules match the specified criteria.", ""));
        Assert.Empty(set.Chains.Single().Rules);
    }

    [Fact]
    public void Output_in_another_language_is_refused_clearly()
    {
        var error = Assert.Throws<InputException>(() => Read(Text("", L("Regelname", "Remotedesktop"), Dashes, L("Aktiviert", "Ja"), "OK.")));
        Assert.Equal(("n.txt", 2, 1), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains("not English netsh output: the first label is 'Regelname:'", error.Message);
    }

    [Fact]
    public void Text_that_is_not_netsh_output_is_refused()
    {
        var error = Assert.Throws<InputException>(() => Read([0x00, 0xFF, 0x10, 0x80, 0x81]));
        Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
        Assert.Contains("not netsh output", error.Message);
    }

    [Fact]
    public void Powershell_format_list_is_refused_whatever_the_format_asked()
    {
        var text = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("\r\n\r\nDisplayName : Core Networking\r\nDirection   : Inbound\r\n")).ToArray();
        foreach (var format in new[] { RuleSetFormat.WindowsNetsh, RuleSetFormat.WindowsRegistry, RuleSetFormat.WindowsGpReport })
        {
            var error = Assert.Throws<InputException>(() => WindowsFirewallReader.Read(text, "p.txt", format));
            Assert.Equal((1, 1), (error.Location.Line, error.Location.Column));
            Assert.Contains("this is PowerShell Format-List output (Get-NetFirewallRule), not the format asked for", error.Message);
        }
    }

    [Fact]
    public void Output_without_ok_is_cut_short()
    {
        var error = Assert.Throws<InputException>(() => Read(Text(Sample[..^2])));
        Assert.Equal(Sample.Length - 1, error.Location.Line);
        Assert.Contains("does not end with 'Ok.': it is cut short", error.Message);
    }

    [Theory]
    [InlineData(3, "Rule Name only", "expected the line of dashes under 'Rule Name: RDP'")]
    [InlineData(4, "bad enabled", "Enabled is 'Maybe', not Yes or No")]
    [InlineData(5, "port", "port 70000 is out of range 0-65535 in LPort")]
    [InlineData(6, "indent", "unexpected indented line 'stray'")]
    [InlineData(7, "no label", "expected 'Label: value' in rule 'RDP'")]
    [InlineData(9, "after ok", "text after the final 'Ok.'")]
    public void Broken_blocks_are_bad_input(int line, string what, string message)
    {
        string[] lines = what switch
        {
            "Rule Name only" => ["", L("Rule Name", "RDP"), L("Enabled", "Yes"), "Ok."],
            "bad enabled" => ["", L("Rule Name", "RDP"), Dashes, L("Enabled", "Maybe"), "Ok."],
            "port" => ["", L("Rule Name", "RDP"), Dashes, L("Enabled", "Yes"), L("LocalPort", "80,70000"), L("Protocol", "TCP"), L("Direction", "In"), L("Action", "Allow"), "Ok."],
            "indent" => ["", L("Rule Name", "RDP"), Dashes, L("Enabled", "Yes"), L("Direction", "In"), "      stray", "Ok."],
            "no label" => ["", L("Rule Name", "RDP"), Dashes, L("Enabled", "Yes"), L("Direction", "In"), L("Action", "Allow"), "garbage", "Ok."],
            _ => ["", L("Rule Name", "RDP"), Dashes, L("Enabled", "Yes"), L("Direction", "In"), L("Action", "Allow"), "", "Ok.", "more"],
        };
        var error = Assert.Throws<InputException>(() => Read(Text(lines)));
        var column = what switch { "bad enabled" => 39, "port" => 42, "indent" => 7, _ => 1 };
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }
}
