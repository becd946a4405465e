using System.Globalization;
using System.Text;
using System.Text.Json;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Cli.Rendering;

/// <summary>Renders catalog lookups (<c>port</c>, <c>threat</c>) as text, Markdown or JSON.</summary>
public static class KnowledgeRenderer
{
    public static string PortsText(IEnumerable<PortReport> reports, Text text, bool markdown)
    {
        var output = new StringBuilder();
        foreach (var report in reports)
        {
            var transports = string.Join("+", report.Transports.Select(t => t.ToId()));
            Heading(output, text.Format("PortTitle", $"{transports}/{report.Port}"), markdown, 1);
            output.AppendLine(text.Format("PortClass", text[report.Class switch
            {
                IanaPortClass.WellKnown => "ClassWellKnown",
                IanaPortClass.Registered => "ClassRegistered",
                _ => "ClassDynamic",
            }]));
            output.AppendLine();
            Section(output, text["PortIana"], markdown, report.IanaServices.Select(s => $"{s.Name} ({s.Transport.ToId()}/{s.Ports}) — {s.Description}"), text);
            Section(output, text["PortCapabilities"], markdown, report.Capabilities.Select(c =>
            {
                var usage = text[c.Usage switch
                {
                    PortUsage.Required => "UseRequired",
                    PortUsage.Preferred => "UsePreferred",
                    PortUsage.Fallback => "UseFallback",
                    _ => "UseOptional",
                }];
                var via = c.Via.IsEmpty ? "" : $" [{string.Join(" → ", c.Via)}]";
                var dynamic = c.ViaRpcDynamicRange ? $", {text["UseRpcDynamic"]}" : "";
                return $"{c.Capability.Id} — {c.Capability.Name.In(text.Language)} ({c.Transport.ToId()}, {usage}{dynamic}){via}";
            }).Distinct(), text);
            Section(output, text["PortThreats"], markdown, report.Threats.Select(t =>
                $"{t.Threat.Id} — {t.Threat.Name.In(text.Language)}: {t.Step.Order}. {t.Step.Purpose.In(text.Language)} ({t.Transport.ToId()})"), text);
            Section(output, text["PortBulletins"], markdown, report.Bulletins.Select(b =>
                $"{b.Bulletin.Id} — {b.Bulletin.Title.In(text.Language)} ({b.Transport.ToId()}{(b.Exploited ? ", " + text["BulletinExploited"] : "")}{(b.RecommendedBlock ? ", " + text["BulletinBlock"] : "")})").Distinct(), text);
            Section(output, text["PortNotes"], markdown, report.Notes.Select(n => $"{n.Transport.ToId()}/{n.Ports}: {n.Text.In(text.Language)} [{string.Join(", ", n.Sources)}]"), text);
        }
        return output.ToString();
    }

    public static string PortsJson(IEnumerable<PortReport> reports) => JsonOutput.Write(json =>
    {
        json.WriteStartArray();
        foreach (var report in reports)
        {
            json.WriteStartObject();
            json.WriteNumber("port", report.Port);
            Strings(json, "transports", report.Transports.Select(t => t.ToId()));
            json.WriteString("ianaClass", report.ClassId);
            json.WriteStartArray("ianaServices");
            foreach (var s in report.IanaServices)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("transport", s.Transport.ToId());
                json.WriteString("description", s.Description);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("capabilities");
            foreach (var c in report.Capabilities)
            {
                json.WriteStartObject();
                json.WriteString("capability", c.Capability.Id);
                json.WriteString("transport", c.Transport.ToId());
                json.WriteString("usage", c.Usage.ToString().ToLowerInvariant());
                json.WriteBoolean("rpcDynamicRange", c.ViaRpcDynamicRange);
                Strings(json, "via", c.Via);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("threats");
            foreach (var t in report.Threats)
            {
                json.WriteStartObject();
                json.WriteString("threat", t.Threat.Id);
                json.WriteNumber("step", t.Step.Order);
                json.WriteString("transport", t.Transport.ToId());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("bulletins");
            foreach (var b in report.Bulletins)
            {
                json.WriteStartObject();
                json.WriteString("bulletin", b.Bulletin.Id);
                json.WriteString("transport", b.Transport.ToId());
                json.WriteBoolean("exploited", b.Exploited);
                json.WriteBoolean("recommendedBlock", b.RecommendedBlock);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static string ThreatsText(IEnumerable<Threat> threats, KnowledgeCatalog catalog, Text text, bool markdown)
    {
        var output = new StringBuilder();
        foreach (var threat in threats)
        {
            Heading(output, text.Format("ThreatTitle", threat.Name.In(text.Language), threat.Id, threat.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), markdown, 1);
            output.AppendLine(threat.Summary.In(text.Language));
            if (!threat.Aliases.IsEmpty) output.AppendLine(text.Format("ThreatAliases", string.Join(", ", threat.Aliases)));
            output.AppendLine(text.Format("ThreatBulletins", string.Join(", ", threat.Bulletins.Concat(threat.Cves))));
            if (!threat.VictimRoles.IsEmpty) output.AppendLine(text.Format("ThreatVictims", string.Join(", ", threat.VictimRoles)));
            if (!threat.VictimOs.IsEmpty) output.AppendLine(text.Format("ThreatVictimOs", string.Join(", ", threat.VictimOs)));
            if (!threat.SpreadsFromInternet) output.AppendLine(text["ThreatNoInternet"]);
            output.AppendLine();
            Section(output, text["ThreatChain"], markdown, threat.Steps.Select(s =>
                text.Format("ThreatStep", s.Order, Actor(s.From, text), Actor(s.To, text), s.Ports, s.Purpose.In(text.Language))
                + (s.Route is null ? "" : " " + text.Format("ThreatRoute", s.Route))
                + (s.Stage == Core.Knowledge.ThreatStage.Copy ? " " + text["ThreatCopyStage"] : "")
                + string.Concat(s.Conditional.Select(c => " " + text.Format("ThreatOnlyOn", c.Ports,
                    string.Join(", ", c.When.Os.Concat(c.When.Roles)))))
                + (s.Uncertain ? " " + text["ThreatUncertain"] : "")), text, numbered: true);
            Section(output, text["ThreatBlocks"], markdown, threat.Bulletins
                .Where(catalog.Bulletins.ContainsKey)
                .Select(id => catalog.Bulletins[id])
                .Select(b => $"{b.Id} ({text.Format("Published", b.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}): {b.RecommendedBlock}"
                    + (b.BlockNote.En.Length > 0 ? $" — {b.BlockNote.In(text.Language)}" : "")), text);
            Section(output, text["ThreatMitigations"], markdown, threat.Mitigations.Select(m => $"{m.Id}: {m.Text.In(text.Language)}"), text);
            Section(output, text["ThreatSources"], markdown, threat.Sources.Select(id =>
                catalog.Sources.TryGetValue(id, out var source) ? $"{id}: {source.Title}{(source.Url is null ? "" : $" <{source.Url}>")}" : id), text);
        }
        return output.ToString();
    }

    public static string ThreatsJson(IEnumerable<Threat> threats, KnowledgeCatalog catalog) => JsonOutput.Write(json =>
    {
        json.WriteStartArray();
        foreach (var threat in threats)
        {
            json.WriteStartObject();
            json.WriteString("threat", threat.Id);
            json.WriteString("name", threat.Name.En);
            json.WriteString("kind", threat.Kind);
            json.WriteString("firstSeen", threat.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Strings(json, "aliases", threat.Aliases);
            Strings(json, "bulletins", threat.Bulletins);
            Strings(json, "cves", threat.Cves);
            json.WriteBoolean("spreadsFromInternet", threat.SpreadsFromInternet);
            json.WriteStartArray("steps");
            foreach (var step in threat.Steps)
            {
                json.WriteStartObject();
                json.WriteNumber("order", step.Order);
                json.WriteString("from", step.From.ToString().ToLowerInvariant());
                json.WriteString("to", step.To.ToString().ToLowerInvariant());
                json.WriteString("tcp", step.Ports.Tcp.IsEmpty ? "" : step.Ports.Tcp.ToString());
                json.WriteString("udp", step.Ports.Udp.IsEmpty ? "" : step.Ports.Udp.ToString());
                json.WriteString("purpose", step.Purpose.En);
                json.WriteBoolean("uncertain", step.Uncertain);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("recommendedBlocks");
            foreach (var bulletin in threat.Bulletins.Where(catalog.Bulletins.ContainsKey).Select(id => catalog.Bulletins[id]))
            {
                json.WriteStartObject();
                json.WriteString("bulletin", bulletin.Id);
                json.WriteString("published", bulletin.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("tcp", bulletin.RecommendedBlock.Tcp.IsEmpty ? "" : bulletin.RecommendedBlock.Tcp.ToString());
                json.WriteString("udp", bulletin.RecommendedBlock.Udp.IsEmpty ? "" : bulletin.RecommendedBlock.Udp.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Strings(json, "mitigations", threat.Mitigations.Select(m => m.Id));
            Strings(json, "sources", threat.Sources);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    private static string Actor(ThreatActor actor, Text text) => text[actor == ThreatActor.Attacker ? "ActorAttacker" : "ActorVictim"];

    private static void Heading(StringBuilder output, string title, bool markdown, int level)
    {
        output.AppendLine(markdown ? $"{new string('#', level)} {title}" : title);
        if (!markdown) output.AppendLine(new string('=', Math.Min(Layout.LineBreaker.Width(title), 60)));
        if (markdown) output.AppendLine();
    }

    private static void Section(StringBuilder output, string title, bool markdown, IEnumerable<string> lines, Text text, bool numbered = false)
    {
        output.AppendLine(markdown ? $"## {title}" : $"{title}:");
        if (markdown) output.AppendLine();
        var any = false;
        foreach (var line in lines)
        {
            any = true;
            output.AppendLine(numbered ? $"  {line}" : $"  - {line}");
        }
        if (!any) output.AppendLine($"  {text["PortUnused"]}");
        output.AppendLine();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values) => JsonOutput.Strings(json, name, values);
}
