using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Html;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Engine;
using PortImpact.Engine.Threats;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact analyze [MODEL] --close PORTS --at PLACES</c>: the what-if.</summary>
public static class AnalyzeCommand
{
    /// <summary>Defaults to the seed's list, TCP/UDP 135, 137-139 and 445.</summary>
    public static Option<string> Close(Text help) => new("--close")
    {
        Description = help["HelpClose"],
        DefaultValueFactory = _ => "135,137-139,445",
    };

    public static Option<string?> Direction(Text help) => new Option<string?>("--direction")
    {
        Description = help["HelpDirection"],
    }.AcceptOnlyFromAmong("in", "out", "both");

    public static Option<string[]> At(Text help, Argument<string?> model)
    {
        var at = new Option<string[]>("--at")
        {
            Description = help["HelpAt"],
            AllowMultipleArgumentsPerToken = false,
        };
        // Shell completion offers the places of the model on the command line (or of the built-in example).
        // Help asks for completions too, with no model argument parsed: the argument itself is asked, never its name.
        at.CompletionSources.Add(context => CommonOptions.Places(context.ParseResult.GetResult(model) is null ? null : context.ParseResult.GetValue(model)));
        return at;
    }

    public static Command Create(CommandIo io)
    {
        var help = io.Text;
        var model = CommonOptions.Model(help);
        var close = Close(help);
        var at = At(help, model);
        var direction = Direction(help);
        var policy = new Option<string?>("--policy")
        {
            Description = help["HelpPolicy"],
        };
        var format = CommonOptions.ReportFormat(help);
        var output = CommonOptions.Output(help);
        var emit = EmitFiles.Directory(help);
        var targets = EmitFiles.Targets(help);
        var failOn = ChangeGate.Option(help);
        var scope = new ScopeOptions(help);
        var command = new Command("analyze", help["HelpAnalyze"])
        {
            model, close, at, direction, policy, format, output, emit, targets, failOn,
        };
        foreach (var option in scope.Options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
            var closure = ClosureParser.Parse(parse.GetValue(close)!, CommonOptions.RequireAt(parse.GetValue(at), network, text), parse.GetValue(direction), catalog);
            var overlay = parse.GetValue(policy) is { } overlayPath ? new OverlayReader(catalog).ReadFile(overlayPath, network) : null;
            var analyzer = new ImpactAnalyzer(catalog);
            var analysis = analyzer.Analyze(network, closure, overlay);
            ReportSize.Check(analysis, network.SourceFile);
            var result = analyzer.WithWorstCases(network, analysis, overlay);
            var outputPath = parse.GetValue(output);
            var reportScope = scope.Read(parse, network, text);
            AnalysisView View() => new(result, text, catalog, reportScope, network);
            var content = parse.GetValue(format) switch
            {
                "json" => AnalysisJson.Render(result, Explainer(catalog, network, closure, overlay)),
                "markdown" => AnalysisMarkdown.Render(View(), text),
                "html" => AnalysisHtml.Render(View(), text, catalog),
                _ => CommonOptions.Capture(io, outputPath, report => AnalysisTable.Render(report, View(), text)),
            };
            // The gate judges what the report is about: the whole network, or the one site asked for.
            var judged = reportScope.Site is null ? result : View().Result;
            int Gate() => ChangeGate.Exit(io, text, ChangeGate.Parse(parse.GetValue(failOn)), condition => ChangeGate.Count(judged, condition));
            if (parse.GetValue(emit) is not { } directory)
            {
                CommonOptions.Emit(io, outputPath, content);
                return Gate();
            }
            // Every rule file is planned (a refusal stops here) before anything is written; then all files or none.
            var files = EmitFiles.Plan(directory, network, catalog, closure, overlay, EmitFiles.ParseTargets(parse.GetValue(targets) ?? [])).ToList();
            if (outputPath is not null) files.Add((outputPath, content, Messages.Format("CliWhatReport")));
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
