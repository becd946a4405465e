using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Formats.Tests.RuleSets.Windows;

/// <summary>
/// The real files in ../shared/samples/windows-firewall-registry and windows-firewall-powershell. Counts were
/// taken from the files themselves: the reg exports converted with <c>iconv -f UTF-16LE -t UTF-8</c> and
/// counted with grep, the Registry.pol records walked with a short script that prints key, value and data
/// (PROVENANCE.md's 93 and 70 rules), gpreport.xml with <c>grep -c '&lt;q2:InboundFirewallRules&gt;'</c> (11)
/// and <c>'&lt;q2:OutboundFirewallRules&gt;'</c> (82).
/// </summary>
public sealed class WindowsSampleTests
{
    private const string Folder = "windows-firewall-registry/";

    private static RuleSet ReadSample(string name, RuleSetFormat expected)
    {
        var path = SharedSamples.Path(Folder + name);
        Assert.Equal(expected, RuleSetReader.Detect(File.ReadAllBytes(path), path));
        var set = RuleSetReader.ReadFile(path);
        Assert.Equal((expected, PolicySemantics.WindowsFirewall), (set.Format, set.Semantics));
        Assert.All(set.Chains, c => Assert.Equal((ChainKind.WindowsRules, (RuleVerdict?)null), (c.Kind, c.Policy)));
        return set;
    }

    private static string[] Describe(RuleSet set) => WindowsFixtures.Describe(set.NotUnderstood);

    [SampleFact]
    public void Alatnicar_local_store_export()
    {
        var set = ReadSample("alatnicar_SharedAccess_Parameters_FirewallPolicy.reg", RuleSetFormat.WindowsRegistry);
        // FirewallRules is lines 58-377: 318 value lines (sed -n 59,376p | grep -c '^"'); the 319th rule string of
        // PROVENANCE.md's count is the connection security rule "auth" on line 20 (grep -c '="[vV]2\.' = 319).
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("local", 318, 58), (chain.Name, chain.Rules.Length, chain.Location.Line));
        Assert.Equal(157, chain.Rules.Count(r => r.Enabled));                          // grep -c 'Active=TRUE' in the section
        Assert.Equal(166, chain.Rules.Count(r => r.Verdict == RuleVerdict.Permit));     // grep -o '|Action=Allow' | wc -l
        Assert.Equal(152, chain.Rules.Count(r => r.Verdict == RuleVerdict.Deny));       // grep -o '|Action=Block' | wc -l
        Assert.Equal(187, chain.Rules.Count(r => r.Direction == TrafficDirection.In));
        // Only the 12 custom "Block …" rules at lines 357-376 without App/Svc/keywords are exact.
        Assert.Equal(306, chain.Rules.Count(r => r.Uncertain));
        Assert.Equal(["19:1 ConSecRules [Skipped]", "394:1 PrivateProfile [Skipped]"], Describe(set));
        Assert.Equal("1 connection security rule (IPsec): they negotiate IPsec, they do not permit or block traffic", set.NotUnderstood[0].Text);
        Assert.Equal(["Domain:True@22", "Private:True@439", "Public:True@411"], set.Profiles.Select(p => $"{p.Profile.Name}:{p.Enabled}@{p.Location.Line}"));
        Assert.All(set.Profiles, p => Assert.Equal((null, null, null, null), (p.DefaultInbound, p.DefaultOutbound, p.AllowLocalPolicyMerge, p.BlockAllInbound)));

        var smb = chain.Rules.Single(r => r.Id == "FPS-SMB-In-TCP");
        Assert.Equal((199, RuleVerdict.Permit, false, "445", "Private,Public"), (smb.Location.Line, smb.Verdict, smb.Enabled, smb.DestinationPorts.ToString(), string.Join(",", smb.Profiles)));
        Assert.Equal(["application: App=System", "address keyword: RA4=LocalSubnet"], WindowsFixtures.Opaque(smb));

        var teredo = chain.Rules.Single(r => r.Id == "CoreNet-Teredo-In");
        Assert.Equal((PortSet.All, "udp"), (teredo.DestinationPorts, teredo.Protocols.ToString()));
        Assert.Contains("port keyword: LPort=Teredo", WindowsFixtures.Opaque(teredo));

        Assert.Equal("443", chain.Rules.Single(r => r.Id == "CoreNet-IPHTTPS-In").DestinationPorts.ToString());

        var ldap = chain.Rules.Single(r => r.Id == "{f408f81d-c94c-470f-98ec-0b758178b959}");
        Assert.Equal((376, RuleVerdict.Deny, TrafficDirection.Out, true, "tcp", "636"),
            (ldap.Location.Line, ldap.Verdict, ldap.Direction!.Value, ldap.Enabled, ldap.Protocols.ToString(), ldap.DestinationPorts.ToString()));
        Assert.Empty(ldap.Opaque);
        Assert.Equal("v2.33|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=636|Name=Block LDAP Port 636|", ldap.Text);
    }

    [SampleFact]
    public void Yossidoctor_custom_block_rules()
    {
        var set = ReadSample("yossidoctor_FirewallRules.reg", RuleSetFormat.WindowsRegistry);
        // 31 value lines under the one key (grep -c '^"'), all Block and Active=TRUE, each scoped to an App or AppPkgId.
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("local", 31, 3), (chain.Name, chain.Rules.Length, chain.Location.Line));
        Assert.All(chain.Rules, r => Assert.Equal((RuleVerdict.Deny, true, true), (r.Verdict, r.Enabled, r.Uncertain)));
        Assert.Empty(set.NotUnderstood);
        Assert.Empty(set.Profiles);
        var telemetry = chain.Rules.Single(r => r.Id == "Microsoft-Windows-Unified-Telemetry-Client");
        Assert.Equal((8, "443"), (telemetry.Location.Line, telemetry.DestinationPorts.ToString()));
        Assert.Equal([@"application: App=%SystemRoot%\system32\svchost.exe", "service: Svc=DiagTrack"], WindowsFixtures.Opaque(telemetry));
        var search = chain.Rules.Single(r => r.Id == "{7AA57A2D-5082-4D0F-9E03-34295978F247}");
        Assert.Equal(
            ["app package: AppPkgId=S-1-15-2-536077884-713174666-1066051701-3219990555-339840825-1966734348-1611281757", "platform: Platform=2:6:2", "platform: Platform2=GTEQ"],
            WindowsFixtures.Opaque(search));
    }

    [SampleFact]
    public void Sn_domain_registry_pol()
    {
        var set = ReadSample("SN-Domain_Firewall_Baseline_registry.pol", RuleSetFormat.WindowsRegistryPol);
        // Records: PolicyVersion (140 bytes at offset 8), then 93 FirewallRules values; nothing else.
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("gpo", 93, 1, 149), (chain.Name, chain.Rules.Length, chain.Location.Line, chain.Location.Column));
        Assert.All(chain.Rules, r => Assert.Equal((RuleVerdict.Permit, true, true), (r.Verdict, r.Enabled, r.Uncertain)));
        Assert.Equal(11, chain.Rules.Count(r => r.Direction == TrafficDirection.In));
        Assert.Empty(set.NotUnderstood);
        Assert.Empty(set.Profiles);
        var backup = chain.Rules[0];
        Assert.Equal(("{C245295B-F872-4582-8D46-4D16FC51C59C}", 149), (backup.Id, backup.Location.Column));
        Assert.Equal(("49152-65535", "127.0.0.1", "Domain"), (backup.DestinationPorts.ToString(), backup.Source.ToString(), string.Join(",", backup.Profiles)));
        Assert.Contains("Name=Microsoft\u00AE Block Level Backup Engine Service EXE (TCP-In)|", backup.Text, StringComparison.Ordinal);
    }

    [SampleFact]
    public void Sn_tier_x_registry_pol_with_profiles()
    {
        var set = ReadSample("SN-Tier_X_Firewall_Baseline_registry.pol", RuleSetFormat.WindowsRegistryPol);
        // 70 FirewallRules values; each profile key holds AllowLocalPolicyMerge=0, AllowLocalIPsecPolicyMerge=0
        // (ignored: IPsec), DefaultOutboundAction=1, and a Logging subkey (ignored). PROVENANCE.md also names
        // EnableFirewall, which the file does not hold.
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("gpo", 70), (chain.Name, chain.Rules.Length));
        Assert.All(chain.Rules, r => Assert.Equal((RuleVerdict.Permit, true, true), (r.Verdict, r.Enabled, r.Uncertain)));
        Assert.Equal(20, chain.Rules.Count(r => r.Direction == TrafficDirection.In));
        Assert.Empty(set.NotUnderstood);
        Assert.Equal(["Domain", "Private", "Public"], set.Profiles.Select(p => p.Profile.Name));
        Assert.All(set.Profiles, p => Assert.Equal(((bool?)null, (RuleAction?)null, (RuleAction?)RuleAction.Deny, (bool?)false, (bool?)null),
            (p.Enabled, p.DefaultInbound, p.DefaultOutbound, p.AllowLocalPolicyMerge, p.BlockAllInbound)));
        Assert.Equal([1, 1, 1], set.Profiles.Select(p => p.Location.Line));
    }

    [SampleFact]
    public void Sn_domain_gpreport()
    {
        var set = ReadSample("SN-Domain_Firewall_Baseline_gpreport.xml", RuleSetFormat.WindowsGpReport);
        var chain = Assert.Single(set.Chains);
        Assert.Equal(("gpo", 93, 151, 9), (chain.Name, chain.Rules.Length, chain.Location.Line, chain.Location.Column));
        Assert.Equal(11, chain.Rules.Count(r => r.Direction == TrafficDirection.In));
        // GlobalSettings (policy version) is ignored; the Advanced Audit extension is not the firewall's.
        Assert.Empty(set.NotUnderstood);
        Assert.Empty(set.Profiles);
        // 'Windows Problem Reporting (TCP-Out)' is the name of 7 rules (grep -c).
        Assert.Equal(7, chain.Rules.Count(r => r.Id.StartsWith("Windows Problem Reporting (TCP-Out) #", StringComparison.Ordinal)));
        Assert.Equal("Microsoft\u00AE Block Level Backup Engine Service EXE (TCP-In)", chain.Rules[0].Id);
    }

    /// <summary>
    /// The report and the Registry.pol of the same GPO give the same rules in the same order. GPMC leaves
    /// RA42/RA62 out of the report (36 rules of the .pol have RA42=IntrAnet, all beside RA4=LocalSubnet), so
    /// those opaque conditions are the only difference; the report also writes the keys in another order.
    /// </summary>
    [SampleFact]
    public void The_gpreport_holds_the_same_rules_as_the_registry_pol()
    {
        var pol = ReadSample("SN-Domain_Firewall_Baseline_registry.pol", RuleSetFormat.WindowsRegistryPol).Chains.Single().Rules;
        var xml = ReadSample("SN-Domain_Firewall_Baseline_gpreport.xml", RuleSetFormat.WindowsGpReport).Chains.Single().Rules;
        Assert.Equal(pol.Length, xml.Length);
        static string Meaning(ImportedRule r, bool dropAppContainerKeywords) => string.Join(" ",
            r.Verdict, r.Direction, r.Enabled, r.Protocols, r.Source, r.Destination, r.SourcePorts, r.DestinationPorts,
            string.Join(",", r.Profiles),
            string.Join(";", r.Opaque.Where(o => !dropAppContainerKeywords || !o.Text.StartsWith("RA42=", StringComparison.Ordinal)).Select(o => $"{o.Construct}:{o.Text}").Order(StringComparer.Ordinal)));
        for (var i = 0; i < pol.Length; i++)
        {
            Assert.Contains($"|Name={xml[i].Id.Split(" #")[0]}|", pol[i].Text, StringComparison.Ordinal);
            Assert.Equal(Meaning(pol[i], dropAppContainerKeywords: true), Meaning(xml[i], dropAppContainerKeywords: false));
        }
        Assert.Equal(36, pol.Count(r => r.Opaque.Any(o => o.Text == "RA42=IntrAnet")));
        Assert.DoesNotContain(xml, r => r.Opaque.Any(o => o.Text.StartsWith("RA42=", StringComparison.Ordinal)));
    }

    [SampleFact]
    public void Powershell_format_list_reads_every_rule_as_may_match()
    {
        var path = SharedSamples.Path("windows-firewall-powershell/vishalni-j_Get-NetFirewallRule_Format-List.txt");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(RuleSetFormat.WindowsPowerShell, RuleSetReader.Detect(bytes, path));
        var set = RuleSetReader.Read(bytes, path);
        // 522 blocks: `iconv -f UTF-16LE -t UTF-8 FILE | grep -c '^DisplayName'`; enabled, blocking and inbound counted
        // with awk over the blank-line separated blocks.
        var rules = Assert.Single(set.Chains).Rules;
        Assert.Equal(522, rules.Length);
        Assert.All(rules, r => Assert.True(r.Uncertain));
        // Names repeat in the listing; ids do not (a repeated name is numbered " #1", " #2" …).
        Assert.Equal(rules.Length, rules.Select(r => r.Id).Distinct().Count());
        Assert.Contains(rules, r => r.Id.EndsWith(" #2", StringComparison.Ordinal));
        Assert.Equal(280, rules.Count(r => r.Enabled));
        Assert.Equal(1, rules.Count(r => r.Verdict == RuleVerdict.Deny));
        Assert.Equal(282, rules.Count(r => r.Direction == Core.Model.TrafficDirection.In));
        var note = Assert.Single(set.NotUnderstood);
        Assert.Equal(("filters not exported", NotUnderstoodEffect.ChainUncertain, 1), (note.Construct, note.Effect, note.Location.Line));
        // Asked as another Windows format, it is refused with the way to read it.
        var error = Assert.Throws<InputException>(() => RuleSetReader.ReadFile(path, RuleSetFormat.WindowsNetsh));
        Assert.Contains("--format powershell", error.Message);
    }
}
