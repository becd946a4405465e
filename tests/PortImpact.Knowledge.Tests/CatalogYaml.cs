using PortImpact.Knowledge;

namespace PortImpact.Knowledge.Tests;

/// <summary>Loads catalogs from inline YAML, the way a user's extension file would arrive.</summary>
internal static class CatalogYaml
{
    public static KnowledgeCatalog Load(string yaml, string name = "test.yaml") =>
        KnowledgeCatalog.Load([(name, new StringReader(yaml))]);

    public static KnowledgeCatalog Extend(KnowledgeCatalog catalog, string yaml, string name = "mine.yaml") =>
        catalog.Extend([(name, new StringReader(yaml))]);
}
