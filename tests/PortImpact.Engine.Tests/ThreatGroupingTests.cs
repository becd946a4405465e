using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Engine.Threats;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests;

/// <summary>
/// The analyzer evaluates a threat once per class of victims that no rule tells apart. These tests hold
/// that shortcut to the plain answer: every victim from every position evaluated one by one.
/// </summary>
public sealed class ThreatGroupingTests
{
    /// <summary>The hub-and-spoke model with rules that name single hosts, subnets and sites.</summary>
    private static NetworkModel ModelWithAddressRules() => new ModelReader(Models.Catalog).Parse(Models.HubAndSpokeYaml + """

        policies:
          - at: edge-fw
            default: deny
            rules:
              - { action: permit, protocol: tcp, ports: "135,445,4444,9996", to: files }
              - { action: permit, from: files }
              - { action: permit, protocol: udp, ports: 69, from: erp }
              - { action: permit, protocol: tcp, ports: 3389, to: 172.16.8.0/25 }
          - at: kobe-rtr
            rules:
              - { action: deny, protocol: tcp, ports: 445, from: kyoto, to: kobe-dc }
          - at: hosts:workstation
            rules:
              - { action: block, direction: in, protocol: tcp, ports: 135, from: nara }
              - { action: allow, direction: in, protocol: tcp, ports: "445,4444,9996,3389,135", from: any }
              - { action: allow, direction: in, protocol: udp, ports: "137,1434", from: any }
        """, "grouping.yaml");

    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    /// <summary>
    /// With rules that name addresses, victims and positions split into many classes; without them, spoke
    /// positions against the hub are answered once and copied with the spoke router's name changed.
    /// </summary>
    [Theory]
    [InlineData("address rules", "perimeter")]
    [InlineData("address rules", "inter-site")]
    [InlineData("address rules", "hosts")]
    [InlineData("open", "inter-site")]
    [InlineData("open", "perimeter")]
    public void Grouped_findings_equal_victim_by_victim_evaluation(string rules, string placement)
    {
        var model = rules == "open" ? Models.HubAndSpoke() : ModelWithAddressRules();
        Placement at = placement switch { "perimeter" => new AtPerimeter(), "inter-site" => new AtInterSite(), _ => new AtHosts(null) };
        var closure = new Closure(SeedPorts, [at], null);
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, closure);
        var grouped = result.Threats
            .SelectMany(f => f.Victims.Select(v => ((f.Threat, f.Attacker, v), (f.Before, f.After, string.Join(",", f.CutSteps),
                string.Join(",", f.CutAt.Select(at => at == $"host:{f.Victims[0]}" ? $"host:{v}" : at))))))
            .ToDictionary(x => x.Item1, x => x.Item2);

        var topology = new Topology(model);
        var compiler = new PolicyCompiler();
        var applicability = new ThreatApplicability(Models.Catalog);
        var before = new ThreatEvaluator(new PathEvaluator(topology, Scenario.Baseline(model, compiler)), applicability);
        var after = new ThreatEvaluator(new PathEvaluator(topology, Scenario.Build(model, ClosureResolver.Resolve(model, Models.Catalog, closure), null, compiler)), applicability);
        var positions = new AttackerPositions(model);
        var plain = new Dictionary<(string, string, string), (Exposure, Exposure, string, string)>();
        foreach (var threat in Models.Catalog.Threats)
        {
            foreach (var victim in model.Hosts.Where(h => !model.FindPlace(h.Place)!.External))
            {
                if (!applicability.Applies(threat, victim)) continue;
                foreach (var (position, attacker) in positions.Against(victim.Place, threat.SpreadsFromInternet))
                {
                    var was = before.Evaluate(threat, attacker, Party.Of(victim));
                    var now = after.Evaluate(threat, attacker, Party.Of(victim));
                    plain[(threat.Id, position, victim.Name)] = (was.Exposure, now.Exposure, string.Join(",", now.CutSteps), string.Join(",", now.CutAt));
                }
            }
        }

        Assert.Equal(plain.Count, grouped.Count);
        foreach (var (key, expected) in plain)
        {
            Assert.True(grouped.TryGetValue(key, out var actual), $"missing {key}");
            Assert.Equal(expected, actual);
        }
        // The answers are not all alike, so a wrong grouping would show.
        Assert.True(plain.Values.Distinct().Count() > 1, "every victim got the same answer");
        Assert.Contains(plain.Values, v => v.Item2 == Exposure.Blocked);
    }

    [Fact]
    public void A_rule_that_names_one_host_sets_it_apart_from_its_site()
    {
        var model = ModelWithAddressRules();
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, new Closure(PortSelection.Of(Transport.Tcp, PortSet.Of(4444)), [new AtHosts("file-server")], null));
        List<string> ExposedBefore(string threat) =>
            [.. result.Threats.Where(t => t.Threat == threat && t.Attacker == "outside" && t.Before == Exposure.Exposed).SelectMany(t => t.Victims)];

        Assert.Equal(["files"], ExposedBefore("sasser"));
        Assert.Equal(["files"], ExposedBefore("blaster"));
        var blasterAfter = Assert.Single(result.Threats, t => t.Threat == "blaster" && t.Attacker == "outside" && t.Victims.Contains("files"));
        Assert.Equal(Exposure.Blocked, blasterAfter.After);
        Assert.Equal([2], blasterAfter.CutSteps.ToArray());
    }
}
