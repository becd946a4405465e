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
        var help = io.Text;
        var model = CommonOptions.Model(help);
        var close = AnalyzeCommand.Close(help);
        var at = new Option<string[]>("--at")
        {
            Description = help["HelpCompareAt"],
        };
        var direction = AnalyzeCommand.Direction(help);
        var format = CommonOptions.ReportFormat(help);
        var output = CommonOptions.Output(help);
        var command = new Command("compare", help["HelpCompare"])
        {
            model, close, at, direction, format, output,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
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
                _ => CommonOptions.Capture(io, outputPath, report => ComparisonRenderer.Table(report, network.Name, ports, rows, text)),
            };
            CommonOptions.Emit(io, outputPath, content);
            return CliApp.Ok;
        });
        return command;
    }
}
