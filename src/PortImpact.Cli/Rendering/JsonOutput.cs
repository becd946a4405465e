using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// One way to write JSON for every report: indented, UTF-8, with '+' and non-ASCII text left readable
/// (the output is data for scripts, never embedded in HTML).
/// </summary>
public static class JsonOutput
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>
    /// <c>worstCases</c> of analyze and recommend; <paramref name="comparedName"/> says what the second radius is
    /// measured against (today's network, or the closure without its exceptions).
    /// </summary>
    public static void WorstCases(Utf8JsonWriter json, IEnumerable<Engine.Threats.WorstSpread> worstCases, string comparedName)
    {
        json.WriteStartArray("worstCases");
        foreach (var worst in worstCases)
        {
            json.WriteStartObject();
            json.WriteString("threat", worst.Threat);
            json.WriteString("from", worst.From);
            json.WriteNumber("radius", worst.Radius);
            json.WriteNumber("hops", worst.Hops);
            json.WriteNumber(comparedName, worst.RadiusCompared);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
