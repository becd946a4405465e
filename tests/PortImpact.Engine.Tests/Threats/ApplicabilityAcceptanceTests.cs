using PortImpact.Core.Change;
using PortImpact.Core.Ports;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Engine.Threats;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests.Threats;

/// <summary>
/// Nothing is reported exposed that the catalog says does not apply: BlueKeep needs Windows XP to 2008 R2 (CVE-2019-0708
/// advisory), SMBGhost Windows 10 1903/1909 (ADV200005), and every victim of every row and wave is one the threat's
/// bulletin names — on the built-in example and the two AD shapes, whose hosts run current Windows unless they say.
/// </summary>
public sealed class ApplicabilityAcceptanceTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    public static TheoryData<string, string> Shapes => new()
    {
        { "built-in", "perimeter" }, { "built-in", "inter-site" }, { "branch-chain", "inter-site" }, { "branch-chain", "hosts" },
        { "dmz", "perimeter" }, { "dmz", "hosts" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_exposed_victim_and_every_wave_is_one_the_threat_applies_to(string name, string at)
    {
        var model = name switch { "built-in" => Models.BuiltIn(), "branch-chain" => AdModels.BranchChain(), _ => AdModels.Dmz() };
        Placement placement = at switch { "inter-site" => new AtInterSite(), "perimeter" => new AtPerimeter(), _ => new AtHosts(null) };
        var closure = new Closure(SeedPorts, [placement], null);
        var analyzer = new ImpactAnalyzer(Models.Catalog);
        var result = analyzer.WithWorstCases(model, analyzer.Analyze(model, closure), null);
        var applicability = new ThreatApplicability(Models.Catalog);

        foreach (var finding in result.Threats.Where(t => t.Before == Exposure.Exposed || t.After == Exposure.Exposed))
        {
            var threat = Models.Catalog.Threats.Single(t => t.Id == finding.Threat);
            Assert.All(finding.Victims, v => Assert.True(applicability.Applies(threat, model.FindHost(v)!), $"{threat.Id} on {v}"));
        }
        Assert.DoesNotContain(result.Threats, t => t.Threat is "bluekeep" or "smbghost");
        Assert.DoesNotContain(result.WorstCases, w => w.Threat is "bluekeep" or "smbghost" && w.Radius > 0);
    }

    [Fact]
    public void A_windows_7_rdp_server_is_bluekeeps_victim_and_its_current_neighbour_is_not()
    {
        var model = new ModelReader(Models.Catalog).Parse("""
            name: Old and new
            sites:
              - { name: hq, subnets: [10.0.0.0/16] }
            zones:
              - { name: internet }
            links:
              - { between: [internet, hq], via: edge }
            hosts:
              - { name: old, site: hq, address: 10.0.0.7, roles: [rdp-server], os: windows-7 }
              - { name: new, site: hq, address: 10.0.0.8, roles: [rdp-server] }
            """, "old-and-new.yaml");
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, new Closure(SeedPorts, [new AtPerimeter()], null));

        var bluekeep = result.Threats.Where(t => t.Threat == "bluekeep").SelectMany(t => t.Victims).Distinct().ToList();
        Assert.Equal(["old"], bluekeep);
    }
}
