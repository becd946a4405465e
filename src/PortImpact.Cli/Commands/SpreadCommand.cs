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
        var help = io.Text;
        var model = CommonOptions.Model(help);
        var threat = new Option<string>("--threat") { Description = help["HelpSpreadThreat"], Required = true };
        threat.CompletionSources.Add(_ => CommonOptions.ThreatNames());
        var from = new Option<string>("--from")
        {
            Description = help["HelpSpreadFrom"],
            Required = true,
        };
        var close = AnalyzeCommand.Close(help);
        var at = new Option<string[]>("--at") { Description = help["HelpSpreadAt"] };
        var direction = AnalyzeCommand.Direction(help);
        var policy = new Option<string?>("--policy") { Description = help["HelpSpreadPolicy"] };
        var format = CommonOptions.Format(help);
        var output = CommonOptions.Output(help);
        var command = new Command("spread", help["HelpSpread"])
        {
            model, threat, from, close, at, direction, policy, format, output,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
            var query = parse.GetValue(threat)!;
            var found = catalog.FindThreat(query) ?? throw new InputException(new SourceLocation("--threat", 1, 1),
                Messages.Format("CliSpreadUnknownThreat", InputEcho.Escape(query), string.Join(", ", catalog.Threats.Select(t => t.Id))));
            var origin = parse.GetValue(from)!;
            if (SpreadSimulator.TryOrigins(network, origin) is null)
            {
                throw new InputException(new SourceLocation("--from", 1, 1),
                    Messages.Format("CliSpreadUnknownOrigin", InputEcho.Escape(origin), string.Join(", ", network.Hosts.Select(h => h.Name).Take(20))));
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
