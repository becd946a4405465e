using System.Text.Json;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Paths;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// The stable JSON contract of <c>analyze --format json</c> (README, "JSON contract"): every dependency and
/// every threat × attacker × victim, changed or not, with lower-case ids. Fields are only ever added.
/// </summary>
public static class AnalysisJson
{
    /// <param name="explain">For rows still exposed: the way that passes (their <c>reasons</c>, each with <c>passes: true</c>).</param>
    public static string Render(AnalysisResult result, Func<string, string, string, IEnumerable<Engine.Threats.PassingStep>>? explain = null)
    {
        return JsonOutput.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", result.ModelName);
            WriteChange(json, result);
            json.WriteStartObject("summary");
            json.WriteNumber("dependencies", result.Dependencies.Length);
            json.WriteNumber("newlyBroken", result.NewlyBroken);
            json.WriteNumber("newlyDegraded", result.NewlyDegraded);
            json.WriteNumber("resilienceLost", result.ResilienceLost);
            json.WriteNumber("alreadyBroken", result.AlreadyBroken);
            json.WriteNumber("threatPaths", result.ThreatPaths);
            json.WriteNumber("threatPathsStopped", result.ThreatsStopped);
            json.WriteNumber("threatPathsStillExposed", result.StillExposed);
            json.WriteNumber("threatPathsExploitedOnly", result.ExploitedOnly);
            json.WriteEndObject();

            json.WriteStartArray("dependencies");
            foreach (var impact in result.Dependencies)
            {
                json.WriteStartObject();
                json.WriteString("capability", impact.Dependency.Capability);
                json.WriteString("client", impact.Dependency.Client);
                json.WriteString("server", impact.Dependency.Server);
                json.WriteString("origin", impact.Dependency.Origin);
                WriteShape(json, impact);
                json.WriteString("before", impact.Before.ToId());
                json.WriteString("after", impact.After.ToId());
                json.WriteBoolean("changed", impact.Changed);
                json.WriteBoolean("uncertain", impact.Uncertain);
                WriteStrings(json, "blockedAt", impact.BlockedAt);
                WriteReasons(json, impact.After == DependencyState.Works ? [] : impact.Blockages);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("threats");
            foreach (var finding in result.Threats)
            {
                // A finding covers victims no rule tells apart; its host-firewall hops are named after the first.
                var representative = FilterPointId.HostKey(finding.Victims[0]);
                foreach (var victim in finding.Victims)
                {
                    string Own(string at) => at == representative ? FilterPointId.HostKey(victim) : at;
                    json.WriteStartObject();
                    json.WriteString("threat", finding.Threat);
                    json.WriteString("attacker", finding.Attacker);
                    json.WriteString("victim", victim);
                    json.WriteString("before", finding.Before.ToId());
                    json.WriteString("after", finding.After.ToId());
                    json.WriteBoolean("changed", finding.Changed);
                    json.WriteBoolean("exploited", finding.ExploitedAfter);
                    WriteStrings(json, "cutAt", finding.CutAt.Select(Own));
                    json.WriteStartArray("cutSteps");
                    foreach (var step in finding.CutSteps) json.WriteNumberValue(step);
                    json.WriteEndArray();
                    if (finding.After == Exposure.Exposed && explain is not null)
                    {
                        WritePassing(json, explain(finding.Threat, finding.Attacker, victim));
                    }
                    else
                    {
                        WriteReasons(json, finding.Blockages.Select(b => b with { At = Own(b.At) }));
                    }
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
            WriteStrings(json, "warnings", result.Warnings);
            JsonOutput.WorstCases(json, result.WorstCases, "radiusBefore");
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// What kind of dependency a row is: <c>kind</c> required or failover, <c>servers</c> (a failover's candidates, a
    /// replication dependency's preferred partners), <c>replication</c> inbound or outbound, and <c>unreached</c>.
    /// </summary>
    internal static void WriteShape(Utf8JsonWriter json, DependencyImpact impact)
    {
        var dependency = impact.Dependency;
        json.WriteString("kind", dependency.Kind == Engine.Dependencies.DependencyKind.Failover ? "failover" : "required");
        WriteStrings(json, "servers", dependency.Servers);
        if (dependency.Replication is { } way)
        {
            json.WriteString("replication", way == Engine.Dependencies.ReplicationWay.Inbound ? "inbound" : "outbound");
            WriteStrings(json, "unreached", impact.Unreached);
        }
    }

    internal static void WriteChange(Utf8JsonWriter json, AnalysisResult result)
    {
        json.WriteStartObject("change");
        json.WriteString("close", result.Closure.Ports.ToString());
        json.WriteString("tcp", result.Closure.Ports.Tcp.IsEmpty ? "" : result.Closure.Ports.Tcp.ToString());
        json.WriteString("udp", result.Closure.Ports.Udp.IsEmpty ? "" : result.Closure.Ports.Udp.ToString());
        WriteStrings(json, "at", result.Closure.At.Select(a => a.Id));
        if (result.Closure.Direction is { } direction) json.WriteString("direction", direction.ToString().ToLowerInvariant());
        WriteStrings(json, "points", result.ClosedPoints);
        WriteStrings(json, "hosts", result.ClosedHosts);
        json.WriteEndObject();
    }

    private static void WriteReasons(Utf8JsonWriter json, IEnumerable<Blockage> blockages)
    {
        json.WriteStartArray("reasons");
        foreach (var blockage in blockages)
        {
            json.WriteStartObject();
            json.WriteString("at", blockage.At);
            json.WriteString("transport", blockage.Transport.ToId());
            json.WriteString("ports", blockage.Ports.ToString());
            json.WriteString("rule", blockage.Rule);
            if (blockage.RuleLocation is not null) json.WriteString("ruleLocation", blockage.RuleLocation);
            json.WriteString("ruleOrigin", blockage.Origin switch
            {
                RuleOrigin.ProposedChange => "proposed-change",
                RuleOrigin.DefaultInbound => "default-inbound",
                RuleOrigin.DefaultOutbound => "default-outbound",
                _ => "model",
            });
            json.WriteBoolean("partial", blockage.Partial);
            json.WriteBoolean("uncertain", blockage.Uncertain);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The reasons of an exposed row: each step of the route that gets through, its passing ports and where they cross.</summary>
    private static void WritePassing(Utf8JsonWriter json, IEnumerable<Engine.Threats.PassingStep> steps)
    {
        json.WriteStartArray("reasons");
        foreach (var step in steps)
        {
            json.WriteStartObject();
            json.WriteString("at", step.Through.IsEmpty ? "" : step.Through[^1]);
            json.WriteString("transport", step.Transport.ToId());
            json.WriteString("ports", step.Ports.ToString());
            json.WriteBoolean("passes", true);
            json.WriteNumber("step", step.Step);
            if (step.Route is not null) json.WriteString("route", step.Route);
            WriteStrings(json, "through", step.Through);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values) => JsonOutput.Strings(json, name, values);
}
