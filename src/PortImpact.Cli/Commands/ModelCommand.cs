using System.CommandLine;
using PortImpact.Cli.Rendering;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Paths;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact model check MODEL</c> and <c>portimpact model example</c>.</summary>
public static class ModelCommand
{
    public static Command Create(CommandIo io)
    {
        var help = io.Text;
        var command = new Command("model", help["HelpModelCommand"]);
        var file = new Argument<string>("model") { Description = help["HelpModelCheckFile"] };
        var check = new Command("check", help["HelpModelCheck"]) { file };
        check.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            var model = CommonOptions.LoadModel(parse.GetValue(file), catalog);
            var dependencies = new DependencyResolver(model, catalog, new Topology(model)).Resolve();
            io.Output.WriteLine(text.Format("ModelValid", model.SourceFile,
                model.Places.Count(p => p.IsSite), model.Places.Count(p => !p.IsSite), model.Links.Length, model.Points.Length,
                model.Hosts.Length, model.Hosts.Sum(h => (long)h.Count), dependencies.Count));
            return CliApp.Ok;
        });
        var example = new Command("example", help["HelpModelExample"]);
        example.SetAction(_ =>
        {
            io.Output.Write(PortImpact.Formats.Model.BuiltInExample.Text());
            return CliApp.Ok;
        });
        command.Subcommands.Add(check);
        command.Subcommands.Add(example);
        return command;
    }
}
