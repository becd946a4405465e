using System.Text;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests;

/// <summary>
/// An analysis whose answer no machine can hold (every attacker position × every victim along a chain of sites,
/// each with every point that stops it) stops with one message naming the model, never runs out of memory; the
/// same bound holds for the work of deciding hops.
/// </summary>
public sealed class AnalysisBoundsTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    /// <summary>Sites one after another, each behind a router from the last, each with a server and a group of PCs.</summary>
    private static NetworkModel Chain(int sites)
    {
        var yaml = new StringBuilder("name: chain\nsites:\n");
        for (var i = 0; i < sites; i++) yaml.Append($"  - {{ name: s{i}, subnets: [10.{i / 250}.{i % 250}.0/24] }}\n");
        yaml.Append("zones:\n  - { name: internet, external: true }\nlinks:\n  - { between: [internet, s0], via: fw }\n");
        for (var i = 0; i + 1 < sites; i++) yaml.Append($"  - {{ between: [s{i}, s{i + 1}], via: r{i} }}\n");
        yaml.Append("hosts:\n");
        for (var i = 0; i < sites; i++)
        {
            var roles = i % 2 == 0 ? "[domain-controller, dns-server]" : "[file-server]";
            yaml.Append($"  - {{ name: h{i}, site: s{i}, address: 10.{i / 250}.{i % 250}.10, roles: {roles} }}\n");
            yaml.Append($"  - {{ name: pcs{i}, site: s{i}, subnet: 10.{i / 250}.{i % 250}.128/25, count: 20, roles: [workstation] }}\n");
        }
        return new ModelReader(Models.Catalog).Parse(yaml.ToString(), "chain.yaml");
    }

    [Fact]
    public void An_analysis_past_its_finding_limit_stops_with_the_model_named()
    {
        var closure = new Closure(SeedPorts, [Placement.Parse("inter-site")], null);
        var model = Chain(20);
        var full = new ImpactAnalyzer(Models.Catalog).Analyze(model, closure);
        var held = full.Threats.Sum(t => 1L + t.Blockages.Length);

        // The same question with a limit just under what its answer holds stops; at the limit it is answered in full.
        var error = Assert.Throws<InputException>(() => new ImpactAnalyzer(Models.Catalog, findingLimit: held - 1).Analyze(model, closure));
        var answered = new ImpactAnalyzer(Models.Catalog, findingLimit: held).Analyze(model, closure);

        Assert.Equal(new SourceLocation("chain.yaml", 1, 1), error.Location);
        Assert.Contains($"passes {held - 1:N0} threat findings and reasons", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(full.ThreatPaths, answered.ThreatPaths);
        Assert.True(held < ImpactAnalyzer.FindingLimit);
        // Every router between the sites is changed, so every path from the Internet to the last site's server is stopped.
        Assert.Contains(full.Threats, t => t.Attacker == "internet" && t.Victims.Contains("h19") && t.After == Exposure.Blocked);
    }

    [Fact]
    public void An_evaluator_past_its_hop_limit_stops_with_the_model_named()
    {
        var model = Chain(10);
        var topology = new Topology(model);
        var paths = new PathEvaluator(topology, Scenario.Baseline(model, new PolicyCompiler(model.ClientSourcePorts)), hopLimit: 100);
        var from = Party.Of(model.FindHost("pcs0")!);
        var to = Party.Of(model.FindHost("h9")!);

        // A route of nine routers and two host firewalls: eleven hops a question, so the tenth question passes 100.
        for (var i = 0; i < 9; i++) paths.Evaluate(from, to, Transport.Tcp, PortSet.Of(445));
        Assert.Equal(99, paths.HopsDecided);
        var error = Assert.Throws<InputException>(() => paths.Evaluate(from, to, Transport.Tcp, PortSet.Of(445)));

        Assert.Equal("chain.yaml", error.Location.File);
        Assert.Contains("more than 100 hop decisions", error.Message);
    }

    [Fact]
    public void Paths_past_the_crossing_limit_stop_with_the_model_named()
    {
        var topology = new Topology(Chain(10), crossingLimit: 20);

        // s0 to s9 crosses nine routers; kept paths are counted once, however often they are asked.
        Assert.Equal(9, topology.PathBetween("s0", "s9")!.Value.Length);
        Assert.Equal(9, topology.PathBetween("s0", "s9")!.Value.Length);
        Assert.Equal(8, topology.PathBetween("s1", "s9")!.Value.Length);
        var error = Assert.Throws<InputException>(() => topology.PathBetween("s2", "s9"));

        Assert.Equal(new SourceLocation("chain.yaml", 1, 1), error.Location);
        Assert.Contains("pass 20 link crossings", error.Message);
    }
}
