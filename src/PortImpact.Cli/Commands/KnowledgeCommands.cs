using System.CommandLine;
using System.Globalization;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Cli.Commands;

/// <summary><c>portimpact port 445|microsoft-ds|udp/137</c> and <c>portimpact threat blaster|MS03-026|CVE-…</c>.</summary>
public static class KnowledgeCommands
{
    public static Command Port(CommandIo io) => Lookup(io, "port", "services", completions: null,
        io.Text["HelpPort"],
        io.Text["HelpPortQuery"],
        (asked, catalog, text, format) =>
        {
            var reports = Resolve(asked, catalog, text)
                .Select(p => catalog.DescribePort(p.Transport, p.Port, NetworkModel.DefaultRpcDynamicPorts))
                .ToList();
            return format == "json" ? KnowledgeRenderer.PortsJson(reports) : KnowledgeRenderer.PortsText(reports, text, markdown: format == "markdown");
        });

    public static Command Threat(CommandIo io) => Lookup(io, "threat", "threats", CommonOptions.ThreatNames,
        io.Text["HelpThreat"],
        io.Text["HelpThreatQuery"],
        (asked, catalog, text, format) =>
        {
            var threats = catalog.FindThreats(asked);
            if (threats.Count == 0)
            {
                throw new InputException(new SourceLocation("threat", 1, 1), text.Format("UnknownThreat", asked, string.Join(", ", catalog.Threats.Select(t => t.Id)))
                    + (Suggestions.Closest(asked, catalog.Threats.SelectMany(t => t.Aliases.Prepend(t.Id))) is { } near ? text.Format("DidYouMean", near) : ""));
            }
            return format == "json" ? KnowledgeRenderer.ThreatsJson(threats, catalog) : KnowledgeRenderer.ThreatsText(threats, catalog, text, markdown: format == "markdown");
        });

    /// <summary><c>portimpact list threats|roles|capabilities|services|os</c>: what the catalogs know, one row per entry.</summary>
    public static Command List(CommandIo io)
    {
        var help = io.Text;
        var kind = new Argument<string>("catalog") { Description = help.Format("HelpListKind", string.Join(", ", CatalogListing.Kinds)) }
            .AcceptOnlyFromAmong([.. CatalogListing.Kinds]);
        var format = CommonOptions.Format(help);
        var output = CommonOptions.Output(help);
        var command = new Command("list", help["HelpList"])
        {
            kind, format, output,
        };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            var outputPath = parse.GetValue(output);
            var which = parse.GetValue(kind)!;
            var content = parse.GetValue(format) switch
            {
                "json" => CatalogListing.Json(which, catalog, text),
                "markdown" => CatalogListing.Markdown(which, catalog, text),
                _ => CommonOptions.Capture(io, outputPath, report => CatalogListing.Table(report, which, catalog, text)),
            };
            CommonOptions.Emit(io, outputPath, content);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// A catalog lookup: one query argument, a format and a language, and a renderer. Without a query it lists what
    /// can be asked (<paramref name="listed"/>, as <c>list</c> does), so a bare <c>threat</c> shows the threats known.
    /// </summary>
    private static Command Lookup(CommandIo io, string name, string listed, Func<IEnumerable<string>>? completions, string description,
        string queryDescription, Func<string, KnowledgeCatalog, Text, string, string> render)
    {
        var help = io.Text;
        var query = new Argument<string?>(name) { Description = help.Format("HelpLookupListed", queryDescription, listed), Arity = ArgumentArity.ZeroOrOne };
        if (completions is not null) query.CompletionSources.Add(_ => completions());
        var format = CommonOptions.Format(help);
        var command = new Command(name, description) { query, format };
        command.SetAction(parse =>
        {
            var (catalog, text) = CommonOptions.Start(io, parse);
            var asked = parse.GetValue(query);
            var chosen = parse.GetValue(format)!;
            io.Output.Write(asked is not null ? (chosen == "table" ? CommonOptions.Wrap(io, null, render(asked, catalog, text, chosen)) : render(asked, catalog, text, chosen))
                : chosen == "json" ? CatalogListing.Json(listed, catalog, text)
                : chosen == "markdown" ? CatalogListing.Markdown(listed, catalog, text)
                : CommonOptions.Capture(io, null, report => CatalogListing.Table(report, listed, catalog, text)));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>A port query becomes one or more (transport, port) pairs; a name stands for every port it maps to.</summary>
    private static IReadOnlyList<(Transport? Transport, int Port)> Resolve(string query, KnowledgeCatalog catalog, Text text)
    {
        var at = new SourceLocation("port", 1, 1);
        var trimmed = query.Trim();
        Transport? transport = null;
        var slash = trimmed.IndexOf('/');
        if (slash >= 0)
        {
            if (!TransportNames.TryParse(trimmed[..slash], out var parsed)) throw new InputException(at, text.Format("UnknownPort", query));
            transport = parsed;
            trimmed = trimmed[(slash + 1)..];
        }
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            if (port > PortRange.MaxPort) throw new InputException(at, Messages.Format("CliPortOutOfRange", port, PortRange.MaxPort));
            return [(transport, port)];
        }
        if (!catalog.TryResolveServiceName(trimmed, out var selection)) throw new InputException(at, text.Format("UnknownPort", query));
        // A name may stand for a wide range (the RPC dynamic range); describe at most the first ports of it.
        var pairs = new SortedSet<int>();
        foreach (var t in TransportNames.All)
        {
            if (transport is { } only && only != t) continue;
            foreach (var range in selection[t].Ranges.Take(4))
            {
                for (var p = range.First; p <= Math.Min(range.Last, range.First + 15); p++) pairs.Add(p);
            }
        }
        return pairs.Select(p => (transport, p)).ToList();
    }
}
