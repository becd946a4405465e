using System.Text.Json;
using PortImpact.Core.Model;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// The JSON contract of <c>recommend --format json</c> (README): the exceptions, the dependencies each
/// keeps, and every threat × attacker × victim that gets through them. Fields are only ever added.
/// </summary>
public static class RecommendationJson
{
    public static string Render(Recommendation recommendation, string language)
    {
        return JsonOutput.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", recommendation.ModelName);
            AnalysisJson.WriteChange(json, recommendation.ClosureAlone);
            json.WriteStartObject("summary");
            json.WriteNumber("exceptions", recommendation.Exceptions.Length);
            json.WriteNumber("dependenciesKept", recommendation.DependenciesKept);
            json.WriteNumber("dependenciesNotKept", recommendation.NotKept.Length);
            json.WriteNumber("failoverOnlyExceptions", recommendation.FailoverOnlyExceptions);
            json.WriteNumber("threatPathsStopped", recommendation.ThreatsStopped);
            json.WriteNumber("threatPathsThroughExceptions", recommendation.ResidualPaths);
            json.WriteNumber("threatPathsStillExposed", recommendation.StillExposed);
            json.WriteEndObject();

            json.WriteStartArray("exceptions");
            foreach (var exception in recommendation.Exceptions)
            {
                json.WriteStartObject();
                json.WriteString("id", exception.Id);
                json.WriteString("at", exception.At);
                json.WriteString("direction", exception.Direction switch
                {
                    TrafficDirection.In => "in",
                    TrafficDirection.Out => "out",
                    _ => "both",
                });
                json.WriteString("ports", exception.Ports.ToString());
                json.WriteString("tcp", exception.Ports.Tcp.IsEmpty ? "" : exception.Ports.Tcp.ToString());
                json.WriteString("udp", exception.Ports.Udp.IsEmpty ? "" : exception.Ports.Udp.ToString());
                JsonOutput.Strings(json, "sources", exception.Sources);
                json.WriteString("sourceAddresses", exception.SourceAddresses.ToString());
                JsonOutput.Strings(json, "destinations", exception.Destinations);
                json.WriteString("destinationAddresses", exception.DestinationAddresses.ToString());
                json.WriteString("rpcDynamicPorts", exception.RpcDynamicPorts.IsEmpty ? "" : exception.RpcDynamicPorts.ToString());
                json.WriteStartArray("keeps");
                foreach (var dependency in exception.Keeps.Distinct())
                {
                    json.WriteStartObject();
                    json.WriteString("capability", dependency.Capability);
                    json.WriteString("client", dependency.Client);
                    json.WriteString("server", dependency.Server);
                    json.WriteString("kind", dependency.Kind == Engine.Dependencies.DependencyKind.Failover ? "failover" : "required");
                    if (dependency.Replication is { } way) json.WriteString("replication", way == Engine.Dependencies.ReplicationWay.Inbound ? "inbound" : "outbound");
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("residual");
            foreach (var residual in recommendation.Residual)
            {
                foreach (var victim in residual.Victims)
                {
                    json.WriteStartObject();
                    json.WriteString("threat", residual.Threat);
                    json.WriteString("attacker", residual.Attacker);
                    json.WriteString("victim", victim);
                    JsonOutput.Strings(json, "through", residual.Through);
                    json.WriteStartArray("mitigations");
                    foreach (var mitigation in residual.Mitigations)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", mitigation.Id);
                        json.WriteString("text", mitigation.Text.In(language));
                        JsonOutput.Strings(json, "sources", mitigation.Sources);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();

            JsonOutput.WorstCases(json, recommendation.WorstCases, "radiusWithoutExceptions");

            json.WriteStartArray("notKept");
            foreach (var impact in recommendation.NotKept)
            {
                json.WriteStartObject();
                json.WriteString("capability", impact.Dependency.Capability);
                json.WriteString("client", impact.Dependency.Client);
                json.WriteString("server", impact.Dependency.Server);
                json.WriteString("before", impact.Before.ToId());
                json.WriteString("after", impact.After.ToId());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            JsonOutput.Strings(json, "warnings", recommendation.ClosureAlone.Warnings);
            json.WriteEndObject();
        });
    }
}
