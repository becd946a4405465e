using System.Text;
using System.Text.Json;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Recommendations;

namespace PortImpact.Formats.Model;

/// <summary>
/// Writes a recommendation's exceptions as a policy overlay that <see cref="OverlayReader"/> (and so
/// <c>analyze --policy</c>) reads back: one entry per point or host firewall, one permit rule per exception
/// and transport, sources and destinations by the model's host names.
/// </summary>
public static class OverlayWriter
{
    public static string Write(Recommendation recommendation)
    {
        var text = new StringBuilder();
        text.Append("# PortImpact policy overlay: the exceptions to a proposed change, for `portimpact analyze --policy FILE`.\n");
        text.Append("# A permit here exempts its traffic from the change; the point's own rules still decide it.\n");
        text.Append("model: ").Append(Quote(recommendation.ModelName)).Append('\n');
        text.Append("change: ").Append(Quote(recommendation.Closure.Describe())).Append('\n');
        if (recommendation.Exceptions.IsEmpty)
        {
            text.Append("policies: []\n");
            return text.ToString();
        }
        text.Append("policies:\n");
        foreach (var group in recommendation.Exceptions.GroupBy(e => e.At, StringComparer.Ordinal))
        {
            text.Append("  - at: ").Append(group.Key).Append('\n');
            text.Append("    rules:\n");
            foreach (var exception in group)
            {
                foreach (var (protocol, ports) in Split(exception.Ports))
                {
                    var name = $"{exception.Id} {string.Join(", ", exception.Keeps.Select(k => k.Capability).Distinct())}";
                    text.Append("      - name: ").Append(Quote(name)).Append('\n');
                    text.Append("        action: permit\n");
                    text.Append("        protocol: ").Append(protocol).Append('\n');
                    text.Append("        ports: ").Append(Quote(ports.ToString())).Append('\n');
                    text.Append("        from: [").Append(string.Join(", ", exception.Sources)).Append("]\n");
                    text.Append("        to: [").Append(string.Join(", ", exception.Destinations)).Append("]\n");
                    text.Append("        direction: ").Append(exception.Direction == TrafficDirection.In ? "in" : exception.Direction == TrafficDirection.Out ? "out" : "both").Append('\n');
                }
            }
        }
        return text.ToString();
    }

    /// <summary>A rule has one protocol; the same ports on both transports make one rule with <c>any</c>.</summary>
    private static IEnumerable<(string Protocol, PortSet Ports)> Split(PortSelection ports)
    {
        if (ports.Tcp.Equals(ports.Udp))
        {
            yield return ("any", ports.Tcp);
            yield break;
        }
        if (!ports.Tcp.IsEmpty) yield return ("tcp", ports.Tcp);
        if (!ports.Udp.IsEmpty) yield return ("udp", ports.Udp);
    }

    /// <summary>A JSON string is a valid YAML double-quoted scalar, escapes and all.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Quote(string value) => JsonSerializer.Serialize(value, Readable);
}
