using BenchmarkDotNet.Attributes;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Recommendations;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Bench;

/// <summary>
/// recommend on the generated enterprise of the what-if issue (same sizes as <see cref="AnalyzeBenchmarks"/>):
/// the exceptions, the what-if with them, and the threats they reopen. Between sites is where most
/// dependencies cross a closed point; on every host firewall is where most exceptions are needed.
/// </summary>
[MemoryDiagnoser]
public class RecommendBenchmarks
{
    private NetworkModel _model = null!;
    private Closure _interSite = null!;
    private Closure _hosts = null!;

    /// <summary>The sizes of <see cref="AnalyzeBenchmarks"/> (PORTIMPACT_BENCH_SCALE), or others for <c>--once</c>.</summary>
    public AnalyzeBenchmarks Size { get; set; } = new();

    [GlobalSetup]
    public void Setup()
    {
        var yaml = EnterpriseModel.Generate(Size.Sites, Size.HostGroups, Size.Rules, 2);
        _model = new ModelReader(KnowledgeCatalog.BuiltIn).Parse(yaml, "enterprise.yaml");
        var ports = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));
        _interSite = new Closure(ports, [new AtInterSite()], null);
        _hosts = new Closure(ports, [new AtHosts(null)], null);
    }

    [Benchmark]
    public int RecommendInterSite() => new LeastOpenRecommender(KnowledgeCatalog.BuiltIn).Recommend(_model, _interSite).Exceptions.Length;

    [Benchmark]
    public int RecommendHosts() => new LeastOpenRecommender(KnowledgeCatalog.BuiltIn).Recommend(_model, _hosts).Exceptions.Length;

    /// <summary>The exceptions alone, as compare counts them per placement.</summary>
    [Benchmark]
    public int FindExceptionsInterSite() => new ExceptionFinder(KnowledgeCatalog.BuiltIn).Find(_model, _interSite).Exceptions.Length;
}
