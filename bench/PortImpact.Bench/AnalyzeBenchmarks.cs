using BenchmarkDotNet.Attributes;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Bench;

/// <summary>
/// analyze on the generated enterprise of the what-if issue: 200 sites, 20,000 host groups and 2,000 ACL
/// rules on each perimeter, closing the seed's ports between sites (the placement that touches most flows).
/// </summary>
[MemoryDiagnoser]
public class AnalyzeBenchmarks
{
    private string _yaml = "";
    private NetworkModel _model = null!;
    private Closure _interSite = null!;
    private Closure _perimeter = null!;

    [Params(2)]
    public int Perimeters { get; set; }

    /// <summary>The size; PORTIMPACT_BENCH_SCALE=SITES,GROUPS,RULES measures another (BenchmarkDotNet's child process inherits it).</summary>
    public int Sites { get; set; } = Scale(0, 200);

    public int HostGroups { get; set; } = Scale(1, 20_000);

    public int Rules { get; set; } = Scale(2, 2_000);

    private static int Scale(int index, int fallback) =>
        Environment.GetEnvironmentVariable("PORTIMPACT_BENCH_SCALE") is { } scale ? int.Parse(scale.Split(',')[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

    [GlobalSetup]
    public void Setup()
    {
        _yaml = EnterpriseModel.Generate(Sites, HostGroups, Rules, Perimeters);
        _model = new ModelReader(KnowledgeCatalog.BuiltIn).Parse(_yaml, "enterprise.yaml");
        var ports = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));
        _interSite = new Closure(ports, [new AtInterSite()], null);
        _perimeter = new Closure(ports, [new AtPerimeter()], null);
    }

    [Benchmark]
    public NetworkModel ReadModel() => new ModelReader(KnowledgeCatalog.BuiltIn).Parse(_yaml, "enterprise.yaml");

    [Benchmark]
    public int AnalyzeInterSite() => new ImpactAnalyzer(KnowledgeCatalog.BuiltIn).Analyze(_model, _interSite).NewlyBroken;

    [Benchmark]
    public int AnalyzePerimeter() => new ImpactAnalyzer(KnowledgeCatalog.BuiltIn).Analyze(_model, _perimeter).ThreatsStopped;
}
