using BenchmarkDotNet.Attributes;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Threats;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Bench;

/// <summary>
/// spread on the generated enterprise: the worst blast radius of every threat of the catalog over every starting position
/// (the Internet, an unnamed machine in each site, every host), with the seed's ports closed between sites.
/// PORTIMPACT_BENCH_SCALE sets the size as for <see cref="AnalyzeBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class SpreadBenchmarks
{
    private NetworkModel _model = null!;
    private Closure _interSite = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scale = Environment.GetEnvironmentVariable("PORTIMPACT_BENCH_SCALE")?.Split(',').Select(int.Parse).ToArray() ?? [200, 20_000, 2_000];
        _model = new ModelReader(KnowledgeCatalog.BuiltIn).Parse(EnterpriseModel.Generate(scale[0], scale[1], scale[2], 2), "enterprise.yaml");
        _interSite = new Closure(PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)])), [new AtInterSite()], null);
    }

    /// <summary>What <c>analyze</c> adds for the worst cases: every threat from every position and host, change and baseline.</summary>
    [Benchmark]
    public int BlastRadiusOfEveryThreatFromEveryPosition()
    {
        var simulator = new SpreadSimulator(KnowledgeCatalog.BuiltIn);
        var worst = WorstCaseFinder.Find(_model, simulator.Prepare(_model, _interSite), simulator.Prepare(_model, null),
            KnowledgeCatalog.BuiltIn.Threats, new ThreatApplicability(KnowledgeCatalog.BuiltIn));
        return worst.Max(w => w.Radius);
    }
}
