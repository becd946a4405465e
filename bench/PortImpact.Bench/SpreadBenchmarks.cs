using BenchmarkDotNet.Attributes;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Threats;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Bench;

/// <summary>
/// spread on the generated enterprise: the blast radius of every threat of the catalog from every attacker position
/// the analysis uses (the Internet, and an unnamed machine in each site), with the seed's ports closed between sites.
/// PORTIMPACT_BENCH_SCALE sets the size as for <see cref="AnalyzeBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class SpreadBenchmarks
{
    private NetworkModel _model = null!;
    private Closure _interSite = null!;
    private List<string> _positions = [];

    [GlobalSetup]
    public void Setup()
    {
        var scale = Environment.GetEnvironmentVariable("PORTIMPACT_BENCH_SCALE")?.Split(',').Select(int.Parse).ToArray() ?? [200, 20_000, 2_000];
        _model = new ModelReader(KnowledgeCatalog.BuiltIn).Parse(EnterpriseModel.Generate(scale[0], scale[1], scale[2], 2), "enterprise.yaml");
        _interSite = new Closure(PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)])), [new AtInterSite()], null);
        _positions = [.. _model.Places.Where(p => !p.IsSite && p.External).Select(p => p.Name), .. _model.Places.Where(p => p.IsSite).Select(p => $"site:{p.Name}")];
    }

    [Benchmark]
    public int BlastRadiusOfEveryThreatFromEveryPosition()
    {
        var simulator = new SpreadSimulator(KnowledgeCatalog.BuiltIn);
        var largest = 0;
        foreach (var threat in KnowledgeCatalog.BuiltIn.Threats)
        {
            foreach (var position in _positions)
            {
                largest = Math.Max(largest, simulator.Spread(_model, threat, position, _interSite).Radius(_model));
            }
        }
        return largest;
    }
}
