using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Engine.Threats;
using PortImpact.Formats.Model;

namespace PortImpact.Cli.Commands;

/// <summary>
/// <c>portimpact spread [MODEL] --threat ID --from HOST|site:NAME|ZONE|lan [--close … --at …] [--policy FILE]</c>:
/// the infection wave of one threat, hop by hop, under the baseline or a change.
/// </summary>
public static class SpreadCommand
{
    public static Command Create(CommandIo io)
    {
        var model = CommonOptions.Model();
        var threat = new Option<string>("--threat") { Description = "The threat: a catalog id, alias, bulletin or CVE (blaster, MS17-010 …).", Required = true };
        threat.CompletionSources.Add(_ => CommonOptions.ThreatNames());
        var from = new Option<string>("--from")
        {
            Description = "Patient zero: a host of the model, site:NAME (an unnamed machine there), a zone, or lan (an unnamed machine in every site).",
            Required = true,
        };
        var close = AnalyzeCommand.Close();
        var at = new Option<string[]>("--at") { Description = "Where the change closes the ports; without it the worm spreads through the network as it is today." };
        var direction = AnalyzeCommand.Direction();
        var policy = new Option<string?>("--policy") { Description = "A policy overlay (recommend --as-policy) laid over the change, e.g. its exceptions." };
        var format = CommonOptions.Format();
        var language = CommonOptions.Language();
        var output = CommonOptions.Output();
        var command = new Command("spread", "How far a worm gets from one infected machine, hop by hop, and what lets it through.")
        {
            model, threat, from, close, at, direction, policy, format, language, output,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse, language);
            var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
            var query = parse.GetValue(threat)!;
            var found = catalog.FindThreat(query) ?? throw new InputException(new SourceLocation("--threat", 1, 1),
                $"unknown threat '{query}'; known: {string.Join(", ", catalog.Threats.Select(t => t.Id))}");
            var origin = parse.GetValue(from)!;
            if (SpreadSimulator.TryOrigins(network, origin) is null)
            {
                throw new InputException(new SourceLocation("--from", 1, 1),
                    $"'{origin}' is no host, site:NAME, zone or lan of the model; hosts: {string.Join(", ", network.Hosts.Select(h => h.Name).Take(20))}");
            }
            var places = parse.GetValue(at) ?? [];
            var closure = places.Length == 0 ? null : ClosureParser.Parse(parse.GetValue(close)!, places, parse.GetValue(direction), catalog);
            var overlay = parse.GetValue(policy) is { } overlayPath ? new OverlayReader(catalog).ReadFile(overlayPath, network) : null;
            var result = new SpreadSimulator(catalog).Spread(network, found, origin, closure, overlay);
            var outputPath = parse.GetValue(output);
            var content = parse.GetValue(format) switch
            {
                "json" => SpreadRenderer.Json(result, network),
                "markdown" => SpreadRenderer.Markdown(result, network, text),
                _ => CommonOptions.Capture(io, outputPath, report => SpreadRenderer.Table(report, result, network, text)),
            };
            CommonOptions.Emit(io, outputPath, content);
            return CliApp.Ok;
        });
        return command;
    }
}
