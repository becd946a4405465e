using BenchmarkDotNet.Attributes;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Layout;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine;
using PortImpact.Engine.Results;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Bench;

/// <summary>
/// The reports for people of analyze on a 40-site enterprise closing the seed's ports between sites: what laying
/// out the tables (line breaking, column fitting, grouping past the row budget) costs next to the analysis itself.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private AnalysisResult _result = null!;
    private NetworkModel _model = null!;
    private readonly Text _text = new("en");

    [Params(40)]
    public int Sites { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new ModelReader(KnowledgeCatalog.BuiltIn).Parse(EnterpriseModel.Generate(Sites, Sites * 5, 20, 1), "enterprise.yaml");
        var ports = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));
        var analyzer = new ImpactAnalyzer(KnowledgeCatalog.BuiltIn);
        _result = analyzer.WithWorstCases(_model, analyzer.Analyze(_model, new Closure(ports, [new AtInterSite()], null)), null);
    }

    private AnalysisView View(ListingMode listing) => new(_result, _text, KnowledgeCatalog.BuiltIn, new ReportScope(Listing: listing), _model);

    private string Table(int? width, ListingMode listing)
    {
        var writer = new StringWriter();
        AnalysisTable.Render(new ReportWriter(ConsoleFactory.Create(writer, interactive: false), width), View(listing), _text);
        return writer.ToString();
    }

    [Benchmark(Baseline = true)]
    public int TableGroupedUnwrapped() => Table(null, ListingMode.Auto).Length;

    [Benchmark]
    public int TableGroupedAt100Columns() => Table(100, ListingMode.Auto).Length;

    [Benchmark]
    public int TableEveryRowAt100Columns() => Table(100, ListingMode.All).Length;

    [Benchmark]
    public int Markdown() => AnalysisMarkdown.Render(View(ListingMode.Auto), _text).Length;

    [Benchmark]
    public int Html() => PortImpact.Cli.Rendering.Html.AnalysisHtml.Render(View(ListingMode.Auto), _text, KnowledgeCatalog.BuiltIn).Length;
}
