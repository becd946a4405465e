using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Cli.Rendering.Html;
using PortImpact.Engine;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact compare [MODEL] --close PORTS [--at SET]…</c>: the seed's trade-off as a matrix.</summary>
public static class CompareCommand
{
    public static Command Create(CommandIo io)
    {
        var model = CommonOptions.Model();
        var close = AnalyzeCommand.Close();
        var at = new Option<string[]>("--at")
        {
            Description = "An extra placement set to compare (commas join placements into one set); repeat for more sets.",
        };
        var direction = AnalyzeCommand.Direction();
        var format = CommonOptions.ReportFormat();
        var language = CommonOptions.Language();
        var output = CommonOptions.Output();
        var command = new Command("compare", "Compare closing the ports at the perimeter, between sites and on every host firewall.")
        {
            model, close, at, direction, format, language, output,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse, language);
            var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
            var ports = ClosureParser.ParsePorts(parse.GetValue(close)!, catalog);
            var sets = PlacementComparison.StandardPlacements
                .Concat((parse.GetValue(at) ?? []).Select(set => (set, ClosureParser.ParsePlacements([set]))))
                .ToList();
            var rows = new PlacementComparison(catalog).Compare(network, ports, ClosureParser.ParseDirection(parse.GetValue(direction)), sets);
            var outputPath = parse.GetValue(output);
            var content = parse.GetValue(format) switch
            {
                "json" => ComparisonRenderer.Json(network.Name, ports, rows),
                "markdown" => ComparisonRenderer.Markdown(network.Name, ports, rows, text),
                "html" => ComparisonHtml.Render(network.Name, ports, rows, text),
                _ => CommonOptions.Capture(io, outputPath, console => ComparisonRenderer.Table(console, network.Name, ports, rows, text)),
            };
            CommonOptions.Emit(io, outputPath, content);
            return CliApp.Ok;
        });
        return command;
    }
}
