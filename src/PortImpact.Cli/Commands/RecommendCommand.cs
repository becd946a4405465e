using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Html;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Engine.Recommendations;
using PortImpact.Formats.Model;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact recommend [MODEL] --close PORTS --at PLACES</c>: the least a closure must leave open, and what that leaves exposed.</summary>
public static class RecommendCommand
{
    public static Command Create(CommandIo io)
    {
        var help = io.Text;
        var model = CommonOptions.Model(help);
        var close = AnalyzeCommand.Close(help);
        var at = AnalyzeCommand.At(help, model);
        var direction = AnalyzeCommand.Direction(help);
        var format = CommonOptions.ReportFormat(help);
        var output = CommonOptions.Output(help);
        var asPolicy = new Option<string?>("--as-policy")
        {
            Description = help["HelpAsPolicy"],
        };
        var emit = EmitFiles.Directory(help);
        var targets = EmitFiles.Targets(help);
        var failOn = ChangeGate.Option(help);
        var site = new Option<string?>("--site") { Description = help["HelpSiteRecommend"] };
        var command = new Command("recommend", help["HelpRecommend"])
        {
            model, close, at, direction, format, output, asPolicy, emit, targets, failOn, site,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
            var closure = ClosureParser.Parse(parse.GetValue(close)!, CommonOptions.RequireAt(parse.GetValue(at), network, text), parse.GetValue(direction), catalog);
            var recommendation = new LeastOpenRecommender(catalog).Recommend(network, closure);
            var outputPath = parse.GetValue(output);
            var only = ScopeOptions.CheckedSite(parse.GetValue(site), network, text);
            RecommendationView View() => new(recommendation, text, catalog, network, only);
            var content = parse.GetValue(format) switch
            {
                "json" => RecommendationJson.Render(recommendation, text.Language),
                "markdown" => RecommendationRenderer.Markdown(View(), text),
                "html" => RecommendationHtml.Render(View(), text, catalog),
                _ => CommonOptions.Capture(io, outputPath, report => RecommendationRenderer.Table(report, View(), text)),
            };
            var directory = parse.GetValue(emit);
            var policyPath = parse.GetValue(asPolicy);
            // The gate judges what the report is about: the whole network, or the one site asked for.
            var judged = only is null ? recommendation : View().Recommendation;
            int Gate() => ChangeGate.Exit(io, text, ChangeGate.Parse(parse.GetValue(failOn)), condition => ChangeGate.Count(judged, condition));
            if (directory is null && policyPath is null)
            {
                CommonOptions.Emit(io, outputPath, content);
                return Gate();
            }
            // Every file (rules, policy, report) is computed before any is written, then all or none: a policy
            // without its report, or rules without the exceptions they were made with, would mislead.
            var files = new List<(string Path, string Content, string What)>();
            if (directory is not null)
            {
                var overlay = Engine.Recommendations.ExceptionFinder.OverlayOf(recommendation.Exceptions);
                files.AddRange(EmitFiles.Plan(directory, network, catalog, closure, overlay, EmitFiles.ParseTargets(parse.GetValue(targets) ?? [])));
            }
            if (policyPath is not null) files.Add((policyPath, OverlayWriter.Write(recommendation), Messages.Format("CliWhatPolicyOverlay")));
            if (outputPath is not null) files.Add((outputPath, content, Messages.Format("CliWhatReport")));
            if (directory is not null) EmitFiles.Write(directory, files);
            else AtomicOutput.WriteAll(files);
            if (outputPath is null) io.Output.Write(content);
            return Gate();
        });
        return command;
    }
}
