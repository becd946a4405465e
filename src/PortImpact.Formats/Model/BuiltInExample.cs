using System.Reflection;

namespace PortImpact.Formats.Model;

/// <summary>The example network shipped inside the tool, so that a first run with no model answers the seed's question.</summary>
public static class BuiltInExample
{
    public const string FileName = "built-in:example.yaml";

    public static string Text()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PortImpact.Formats.Examples.example.yaml")
            ?? throw new InvalidOperationException("the built-in example is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string SchemaText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PortImpact.Formats.portimpact-model.schema.json")
            ?? throw new InvalidOperationException("the model schema is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
