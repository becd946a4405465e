using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact rules import|explain</c>: real rule files read, shown and asked about.</summary>
public static class RulesCommand
{
    public static Command Create(CommandIo io)
    {
        var help = io.Text;
        var command = new Command("rules", help["HelpRules"]);
        command.Subcommands.Add(Import(io));
        command.Subcommands.Add(Explain(io));
        command.Subcommands.Add(Lint(io));
        command.Subcommands.Add(Emit(io));
        return command;
    }

    public static Option<string?> InputFormat(Text help) => new Option<string?>("--format")
    {
        Description = help.Format("HelpRulesFormat", string.Join(", ", RuleFormats.Ids)),
    }.AcceptOnlyFromAmong([.. RuleFormats.Ids]);

    public static Option<string> Report(Text help) => new Option<string>("--report")
    {
        Description = help["HelpRulesOutputFormat"],
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    public static RuleSet Load(string path, string? format)
    {
        CommonOptions.RefuseUnknownOption(path);
        return RuleSetReader.ReadFile(path, format is null ? null : RuleFormats.Find(format)?.Format);
    }

    private static Command Import(CommandIo io)
    {
        var help = io.Text;
        var file = new Argument<string>("file") { Description = help["HelpRuleFile"] };
        var format = InputFormat(help);
        var report = Report(help);
        var output = CommonOptions.Output(help);
        var command = new Command("import", help["HelpRulesImport"])
        {
            file, format, report, output,
        };
        command.SetAction(parse =>
        {
            var (_, text) = CommonOptions.Start(io, parse);
            var ruleSet = Load(parse.GetValue(file)!, parse.GetValue(format));
            var outputPath = parse.GetValue(output);
            var content = parse.GetValue(report) == "json"
                ? RuleSetJson.Write(ruleSet)
                : CommonOptions.Capture(io, outputPath, report => RuleSetTable.Render(report, ruleSet, text));
            CommonOptions.Emit(io, outputPath, content);
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Explain(CommandIo io)
    {
        var help = io.Text;
        var file = new Argument<string?>("file") { Description = help["HelpExplainFile"], Arity = ArgumentArity.ZeroOrOne };
        var format = InputFormat(help);
        var model = new Option<string?>("--model") { Description = help["HelpExplainModel"] };
        var point = new Option<string?>("--point") { Description = help["HelpExplainPoint"] };
        var flow = new Option<string[]>("--flow")
        {
            Description = help["HelpExplainFlow"],
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var hook = new Option<string?>("--hook")
        {
            Description = help["HelpExplainHook"],
        }.AcceptOnlyFromAmong([.. NetfilterHook.All.Take(5).Select(h => h.Name)]);
        var acl = new Option<string?>("--acl") { Description = help["HelpExplainAcl"] };
        var direction = new Option<string?>("--direction")
        {
            Description = help["HelpExplainDirection"],
        }.AcceptOnlyFromAmong("in", "out");
        var profile = new Option<string?>("--profile")
        {
            Description = help["HelpExplainProfile"],
        }.AcceptOnlyFromAmong([.. FirewallProfile.All.Select(p => p.Name.ToLowerInvariant())]);
        var report = Report(help);
        var command = new Command("explain", help["HelpExplain"])
        {
            file, format, model, point, flow, hook, acl, direction, profile, report,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            // --flow takes several words, so a file named after it lands among them: a last word that is not part of
            // a flow is the file.
            var words = parse.GetValue(flow) ?? [];
            var fileAfterFlow = words.Length > 1 && parse.GetValue(file) is null && !FlowParser.TryParse(string.Join(" ", words), out _)
                && FlowParser.TryParse(string.Join(" ", words[..^1]), out _) ? words[^1] : null;
            var asked = FlowParser.Parse(string.Join(" ", fileAfterFlow is null ? words : words[..^1]), catalog.ClientSourcePorts());
            var outbound = parse.GetValue(direction) == "out";
            RuleSet ruleSet;
            FlowContext context;
            if (parse.GetValue(point) is { } pointName)
            {
                if ((parse.GetValue(file) ?? fileAfterFlow) is not null) throw new InputException(new SourceLocation("--point", 1, 1), Messages.Format("CliRuleFileOrPoint"));
                var network = CommonOptions.LoadModel(parse.GetValue(model), catalog);
                var policy = PolicyAt(network, pointName);
                // The point's rule file, or its own policy from the model (or none: everything passes), met as the engine meets it.
                var enforced = ModelPolicyRuleSet.Enforced(policy, network.SourceFile);
                ruleSet = enforced.RuleSet;
                context = FlowContext.Of(enforced, outbound ? TrafficDirection.Out : TrafficDirection.In);
            }
            else
            {
                var path = parse.GetValue(file) ?? fileAfterFlow ?? throw new InputException(new SourceLocation("file", 1, 1), Messages.Format("CliRuleFileNeeded"));
                ruleSet = Load(path, parse.GetValue(format));
                context = new FlowContext(
                    Hook: NetfilterHook.Parse(parse.GetValue(hook) ?? "forward"),
                    AccessList: ruleSet.Format == RuleSetFormat.CiscoIos ? AccessList(ruleSet, parse.GetValue(acl)) : null,
                    Direction: outbound ? TrafficDirection.Out : TrafficDirection.In,
                    Profile: FirewallProfile.Parse(parse.GetValue(profile) ?? FirewallProfile.Domain.Name));
            }
            var explanation = RuleSetEvaluator.Explain(ruleSet, asked, context);
            io.Output.Write(parse.GetValue(report) == "json"
                ? FlowExplanationRenderer.Json(ruleSet, asked, context, explanation)
                : CommonOptions.Wrap(io, null, FlowExplanationRenderer.Text(ruleSet, asked, context, explanation, text)));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// The baseline policy at a model's point or host (<c>host:NAME</c>): its rule file, its <c>policies:</c> entry, or,
    /// as the engine takes a host the model says nothing about, an open host firewall.
    /// </summary>
    private static Policy PolicyAt(NetworkModel network, string name)
    {
        var at = new SourceLocation("--point", 1, 1);
        if (FilterPointId.Parse(name) is { IsHost: true } hostFirewall)
        {
            var host = network.FindHost(hostFirewall.Name) ?? throw new InputException(at, Messages.Format("CliNoHost", InputEcho.Escape(hostFirewall.Name), network.SourceFile));
            return host.Firewall ?? Policy.OpenHostFirewall;
        }
        var found = network.FindPoint(name)
            ?? throw new InputException(at, Messages.Format("CliNoPoint", name, network.SourceFile, string.Join(", ", network.Points.Select(p => p.Name))));
        return found.Baseline;
    }

    /// <summary>Exit code when findings reach --fail-on: distinct from 2 (bad input) so CI can tell them apart.</summary>
    public const int LintFailed = 1;

    private static Command Lint(CommandIo io)
    {
        var help = io.Text;
        var file = new Argument<string>("file") { Description = help["HelpRuleFile"] };
        var format = InputFormat(help);
        var failOn = new Option<string?>("--fail-on")
        {
            Description = help["HelpLintFailOn"],
        }.AcceptOnlyFromAmong("warning", "error");
        var report = Report(help);
        var output = CommonOptions.Output(help);
        var command = new Command("lint", help["HelpLint"])
        {
            file, format, failOn, report, output,
        };
        command.SetAction(parse =>
        {
            var (_, text) = CommonOptions.Start(io, parse);
            var ruleSet = Load(parse.GetValue(file)!, parse.GetValue(format));
            var lint = RuleSetLinter.Check(ruleSet);
            var findings = lint.Findings;
            var outputPath = parse.GetValue(output);
            var content = parse.GetValue(report) == "json"
                ? LintRenderer.Json(ruleSet, lint)
                : CommonOptions.Capture(io, outputPath, report => LintRenderer.Table(report, ruleSet, lint, text));
            CommonOptions.Emit(io, outputPath, content);
            var threshold = parse.GetValue(failOn) switch
            {
                "warning" => LintSeverity.Warning,
                "error" => LintSeverity.Error,
                _ => (LintSeverity?)null,
            };
            return threshold is { } level && findings.Any(f => f.Severity >= level) ? LintFailed : CliApp.Ok;
        });
        return command;
    }

    private static Command Emit(CommandIo io)
    {
        var help = io.Text;
        var close = AnalyzeCommand.Close(help);
        var target = new Option<string>("--target")
        {
            Description = help.Format("HelpEmitTarget", string.Join(", ", RuleFormats.EmitterIds)),
            Required = true,
        }.AcceptOnlyFromAmong([.. RuleFormats.EmitterIds]);
        var host = new Option<bool>("--host")
        {
            Description = help["HelpEmitHost"],
        };
        var direction = AnalyzeCommand.Direction(help);
        var output = CommonOptions.Output(help);
        var command = new Command("emit", help["HelpEmit"])
        {
            close, target, host, direction, output,
        };
        command.SetAction(parse =>
        {
            var (catalog, _) = CommonOptions.Start(io, parse);
            var ports = ClosureParser.ParsePorts(parse.GetValue(close)!, catalog);
            var onHost = parse.GetValue(host);
            var chosen = RuleFormats.Emitter(parse.GetValue(target)!);
            var way = ClosureParser.ParseDirection(parse.GetValue(direction)) ?? (onHost ? TrafficDirection.In : TrafficDirection.Both);
            var change = new ChangeAtPoint(onHost ? FilterPointId.HostKey("this-host") : "this-router", ports, way, []);
            string content;
            try
            {
                content = ChangeEmitter.Emit(chosen, change, onHost ? EmitOptions.ForHost(Core.Addresses.AddressSet.Any) : EmitOptions.Router);
            }
            catch (EmitRefusedException refused)
            {
                throw new InputException(new SourceLocation("--target", 1, 1), Messages.Format("CliCannotEmitExactly", chosen.Id, refused.Message));
            }
            CommonOptions.Emit(io, parse.GetValue(output), content);
            return CliApp.Ok;
        });
        return command;
    }

    private static string AccessList(RuleSet ruleSet, string? requested)
    {
        var lists = ruleSet.Chains.Where(c => c.Kind == ChainKind.AccessList).Select(c => c.Name).ToList();
        if (requested is not null)
        {
            return lists.Contains(requested) ? requested
                : throw new InputException(new SourceLocation("--acl", 1, 1), Messages.Format("CliNoAccessList", requested, ruleSet.File, string.Join(", ", lists)));
        }
        return lists.Count == 1 ? lists[0]
            : throw new InputException(new SourceLocation("--acl", 1, 1), Messages.Format("CliWhichAccessList", ruleSet.File, lists.Count, string.Join(", ", lists)));
    }

}
