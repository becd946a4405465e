using System.Text;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets.Windows;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>
/// One rule written in each source's own names — rule string keys, gpreport.xml elements, netsh show labels, netsh
/// add tags, New-NetFirewallRule parameters — is one rule: the readers share one table of fields.
/// </summary>
public sealed class WindowsRuleFieldsTests
{
    private const string RuleString =
        "v2.33|Action=Block|Active=TRUE|Dir=In|Protocol=6|Profile=Domain|Profile=Private|LPort=445|LPort=139|RPort=50000|"
        + "LA4=10.0.0.1|RA4=10.2.0.0/16|RA4=LocalSubnet|App=System|Svc=LanmanServer|IFType=Lan|Security=Authenticate|"
        + "Edge=FALSE|Name=SMB|Desc=file sharing|EmbedCtxt=Files|";

    private static string L(string label, string value) => $"{label}:".PadRight(38) + value;

    private static string Describe(ImportedRule rule) => string.Join(" ; ",
        rule.Verdict, rule.Enabled, rule.Direction, rule.Protocols, string.Join(",", rule.Profiles), rule.DestinationPorts, rule.SourcePorts,
        rule.Source, rule.Destination, string.Join(",", rule.Opaque.Select(o => o.Construct)));

    [Fact]
    public void The_same_fields_in_every_source_make_the_same_rule()
    {
        var expected = Describe(WindowsFixtures.Rule(RuleString));
        Assert.Equal("Deny ; True ; In ; tcp ; Domain,Private ; 139,445 ; 50000 ; any ; 10.0.0.1 ; application,service,interface type,ipsec security,address keyword", expected);

        var netsh = string.Join("\r\n",
            L("Rule Name", "SMB"), new string('-', 70), L("Description", "file sharing"), L("Enabled", "Yes"), L("Direction", "In"),
            L("Profiles", "Domain,Private"), L("Grouping", "Files"), L("LocalIP", "10.0.0.1"), L("RemoteIP", "10.2.0.0/16,LocalSubnet"),
            L("Protocol", "TCP"), L("LocalPort", "445,139"), L("RemotePort", "50000"), L("Program", "System"), L("Service", "LanmanServer"),
            L("InterfaceTypes", "Lan"), L("Security", "Authenticate"), L("Rule source", "Local Setting"), L("Edge traversal", "No"),
            L("Action", "Block"), "", "Ok.", "");
        var fromNetsh = WindowsFirewallReader.Read(Encoding.UTF8.GetBytes(netsh), "n.txt", RuleSetFormat.WindowsNetsh);
        Assert.Equal(expected, Describe(fromNetsh.Chains.Single().Rules.Single()));

        var script = string.Join("\r\n",
            "netsh advfirewall firewall add rule name=SMB description=\"file sharing\" grouping=Files dir=in action=block enable=yes profile=domain,private "
            + "localip=10.0.0.1 remoteip=10.2.0.0/16,LocalSubnet protocol=tcp localport=445,139 remoteport=50000 program=System service=LanmanServer "
            + "interfacetype=lan security=authenticate edge=no",
            "New-NetFirewallRule -DisplayName SMB -Description 'file sharing' -Group Files -Direction Inbound -Action Block -Enabled True -Profile Domain,Private "
            + "-LocalAddress 10.0.0.1 -RemoteAddress 10.2.0.0/16,LocalSubnet -Protocol TCP -LocalPort 445,139 -RemotePort 50000 -Program System "
            + "-Service LanmanServer -InterfaceType Wired -Authentication Required -EdgeTraversalPolicy Block", "");
        var fromScript = WindowsFirewallReader.Read(Encoding.UTF8.GetBytes(script), "s.ps1", RuleSetFormat.WindowsScript);
        Assert.All(fromScript.Chains.Single().Rules, rule => Assert.Equal(expected, Describe(rule)));
        Assert.Empty(fromNetsh.NotUnderstood.Concat(fromScript.NotUnderstood));

        var report = "<?xml version=\"1.0\"?><GPO xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Extension xmlns:q=\"w\" xsi:type=\"q:WindowsFirewallSettings\">"
            + "<q:InboundFirewallRules><q:Version>2.33</q:Version>"
            + string.Concat(RuleString.Split('|')[1..^1].Select(f => f.Split('=')).Select(kv => $"<q:{kv[0]}>{kv[1]}</q:{kv[0]}>"))
            + "</q:InboundFirewallRules></Extension></GPO>";
        var fromReport = WindowsFirewallReader.Read(Encoding.UTF8.GetBytes(report), "r.xml", RuleSetFormat.WindowsGpReport);
        Assert.Equal(expected, Describe(fromReport.Chains.Single().Rules.Single()));
    }
}
