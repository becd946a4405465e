using System.Collections.Immutable;
using System.CommandLine;
using PortImpact.Cli.Input;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Engine;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using PortImpact.Knowledge;
using PortImpact.Core.Change;

namespace PortImpact.Cli.Commands;

/// <summary>
/// <c>--emit DIR</c> of analyze and recommend: the rules that carry out the change (and its exceptions) at
/// every changed point and host, one file per point and target. Every file is written, or none is.
/// </summary>
public static class EmitFiles
{
    public static Option<string?> Directory(Text help) => new("--emit")
    {
        Description = help["HelpEmitDir"],
    };

    public static Option<string[]> Targets(Text help) => new("--target")
    {
        Description = help.Format("HelpEmitTargets", string.Join(", ", RuleFormats.EmitterIds),
            string.Join(", ", Defaults(EmitPlaces.Routers).Select(e => e.Id)), string.Join(", ", Defaults(EmitPlaces.Hosts).Select(e => e.Id))),
        AllowMultipleArgumentsPerToken = false,
    };

    private static IEnumerable<IRuleEmitter> Defaults(EmitPlaces place) => RuleFormats.Emitters.Where(e => e.Capabilities.WrittenByDefault.HasFlag(place));

    public static IReadOnlyList<IRuleEmitter>? ParseTargets(IEnumerable<string> values)
    {
        var targets = new List<IRuleEmitter>();
        var column = 1;
        foreach (var value in values)
        {
            foreach (var item in value.Split(','))
            {
                if (RuleFormats.FindEmitter(item) is not { } target)
                {
                    throw new InputException(new SourceLocation("--target", 1, column), Messages.Format("CliUnknownTarget", InputEcho.Quote(item.Trim()), string.Join(", ", RuleFormats.EmitterIds)));
                }
                if (!targets.Contains(target)) targets.Add(target);
                column += item.Length + 1;
            }
        }
        return targets.Count == 0 ? null : targets;
    }

    /// <summary>The files for every changed point and host, or a refusal naming the point and target (exit 2).</summary>
    public static IReadOnlyList<(string Path, string Content, string What)> Plan(string directory, NetworkModel model, KnowledgeCatalog catalog,
        Closure closure, PolicyOverlay? overlay, IReadOnlyList<IRuleEmitter>? targets)
    {
        var resolved = ClosureResolver.Resolve(model, catalog, closure);
        var files = new List<(string, string, string)>();
        foreach (var change in ChangeAtPoint.AllOf(resolved, overlay))
        {
            EmitOptions options;
            if (change.OnHost)
            {
                var host = model.FindHost(FilterPointId.Parse(change.Point).Name)!;
                options = EmitOptions.ForHost(host.Addresses, host.Firewall);
            }
            else
            {
                options = new EmitOptions(null, model.FindPoint(change.Point)?.Baseline);
            }
            var chosen = targets ?? [.. Defaults(change.OnHost ? EmitPlaces.Hosts : EmitPlaces.Routers)];
            foreach (var target in chosen)
            {
                string content;
                try
                {
                    content = ChangeEmitter.Emit(target, change, options);
                }
                catch (EmitRefusedException refused)
                {
                    throw new InputException(new SourceLocation("--emit", 1, 1), Messages.Format("CliCannotEmitExactly", target.Id, refused.Message));
                }
                var name = change.OnHost ? $"host-{FilterPointId.Parse(change.Point).Name}" : change.Point;
                files.Add((Path.Combine(directory, $"{name}.{target.FileExtension}"), content, Messages.Format("CliWhatRules", target.Id, change.Point)));
            }
        }
        return files;
    }

    public static void Write(string directory, IReadOnlyList<(string Path, string Content, string What)> files)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new SourceLocation(directory, 1, 1), Messages.Format("CliCannotCreateDirectory", e.Message));
        }
        AtomicOutput.WriteAll(files);
    }
}
