using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Html;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Engine;
using PortImpact.Engine.Threats;
using PortImpact.Knowledge;
using PortImpact.Formats.Model;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact analyze [MODEL] --close PORTS --at PLACES</c>: the what-if.</summary>
public static class AnalyzeCommand
{
    /// <summary>Defaults to the seed's list, TCP/UDP 135, 137-139 and 445.</summary>
    public static Option<string> Close() => new("--close")
    {
        Description = "Ports to close: 135,137-139,445 (a bare port is TCP and UDP), tcp/135, udp/137-138, or service names. Default: 135,137-139,445.",
        DefaultValueFactory = _ => "135,137-139,445",
    };

    public static Option<string?> Direction() => new Option<string?>("--direction")
    {
        Description = "in, out or both (default: both on links, in on host firewalls)",
    }.AcceptOnlyFromAmong("in", "out", "both");

    public static Option<string[]> At()
    {
        var at = new Option<string[]>("--at")
        {
            Description = "Where to close: a point from the model's links, perimeter, inter-site, hosts or hosts:ROLE. Repeat or separate with commas. Without it, the places this model offers are listed.",
            AllowMultipleArgumentsPerToken = false,
        };
        // Shell completion offers the places of the model on the command line (or of the built-in example).
        at.CompletionSources.Add(context => CommonOptions.Places(context.ParseResult.GetValue<string?>("model")));
        return at;
    }

    public static Command Create(CommandIo io)
    {
        var model = CommonOptions.Model();
        var close = Close();
        var at = At();
        var direction = Direction();
        var policy = new Option<string?>("--policy")
        {
            Description = "A policy overlay (YAML, as written by recommend --as-policy): rules laid over the change, e.g. its exceptions.",
        };
        var format = CommonOptions.ReportFormat();
        var language = CommonOptions.Language();
        var output = CommonOptions.Output();
        var emit = EmitFiles.Directory();
        var targets = EmitFiles.Targets();
        var failOn = ChangeGate.Option();
        var command = new Command("analyze", "What breaks and which attacks are stopped if these ports are closed there.")
        {
            model, close, at, direction, policy, format, language, output, emit, targets, failOn,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse, language);
            var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
            var closure = ClosureParser.Parse(parse.GetValue(close)!, CommonOptions.RequireAt(parse.GetValue(at), network, text), parse.GetValue(direction), catalog);
            var overlay = parse.GetValue(policy) is { } overlayPath ? new OverlayReader(catalog).ReadFile(overlayPath, network) : null;
            var analyzer = new ImpactAnalyzer(catalog);
            var analysis = analyzer.Analyze(network, closure, overlay);
            ReportSize.Check(analysis, network.SourceFile);
            var result = analyzer.WithWorstCases(network, analysis, overlay);
            var outputPath = parse.GetValue(output);
            var content = parse.GetValue(format) switch
            {
                "json" => AnalysisJson.Render(result, Explainer(catalog, network, closure, overlay)),
                "markdown" => AnalysisMarkdown.Render(new AnalysisView(result, text, catalog), text),
                "html" => AnalysisHtml.Render(new AnalysisView(result, text, catalog), text, catalog),
                _ => CommonOptions.Capture(io, outputPath, console => AnalysisTable.Render(console, new AnalysisView(result, text, catalog), text)),
            };
            int Gate() => ChangeGate.Exit(io, text, ChangeGate.Parse(parse.GetValue(failOn)), condition => ChangeGate.Count(result, condition));
            if (parse.GetValue(emit) is not { } directory)
            {
                CommonOptions.Emit(io, outputPath, content);
                return Gate();
            }
            // Every rule file is planned (a refusal stops here) before anything is written; then all files or none.
            var files = EmitFiles.Plan(directory, network, catalog, closure, overlay, EmitFiles.ParseTargets(parse.GetValue(targets) ?? [])).ToList();
            if (outputPath is not null) files.Add((outputPath, content, "the report"));
            EmitFiles.Write(directory, files);
            if (outputPath is null) io.Output.Write(content);
            return Gate();
        });
        return command;
    }

    /// <summary>What explains each exposed row: the route that passes, evaluated on the same change and overlay.</summary>
    private static Func<string, string, string, IEnumerable<PassingStep>> Explainer(KnowledgeCatalog catalog, NetworkModel network, Closure closure,
        PolicyOverlay? overlay)
    {
        var explainer = new ExposureExplainer(catalog, network, closure, overlay);
        return (threat, attacker, victim) => explainer.Explain(catalog.Threats.Single(t => t.Id == threat), attacker, victim);
    }
}
