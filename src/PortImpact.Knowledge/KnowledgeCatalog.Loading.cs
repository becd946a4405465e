using System.Collections.Immutable;
using System.Reflection;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Knowledge.Loading;

namespace PortImpact.Knowledge;

public sealed partial class KnowledgeCatalog
{
    private const string ResourcePrefix = "PortImpact.Knowledge.Catalog.";

    // Parsing and checking the embedded catalogs costs tens of milliseconds; do it once, on first use, and
    // let every thread share the immutable result.
    private static readonly Lazy<KnowledgeCatalog> s_builtIn = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The catalog shipped with the tool (Catalog/*.yaml and the IANA table).</summary>
    public static KnowledgeCatalog BuiltIn => s_builtIn.Value;

    /// <summary>
    /// Builds a catalog from YAML documents alone. An id may be defined only once across the documents, and
    /// every name must resolve among them; any problem throws <see cref="InputException"/> at its place.
    /// </summary>
    /// <param name="documents">Each document's name (used in error locations) and its text.</param>
    /// <param name="ianaServices">The IANA table, if port reports should list registered service names.</param>
    public static KnowledgeCatalog Load(IEnumerable<(string Name, TextReader Yaml)> documents, IEnumerable<IanaService>? ianaServices = null)
    {
        var fragments = documents.SelectMany(d => CatalogDocumentReader.Read(d.Name, d.Yaml)).ToList();
        return CatalogAssembler.Assemble(null, fragments, ianaServices?.ToImmutableArray() ?? []);
    }

    /// <summary>Reads an IANA table in the format of tools/iana/derive_iana_tsv.py.</summary>
    public static ImmutableArray<IanaService> ReadIanaTable(string name, TextReader tsv) => IanaServiceTable.Read(name, tsv);

    /// <summary>
    /// This catalog plus the entries of a user's catalog file, or of every *.yaml / *.yml file in a directory.
    /// Entries whose id matches an existing one replace it; new ids are added.
    /// </summary>
    public KnowledgeCatalog Extend(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            return Extend(files.Select(f => (f, (TextReader)new StringReader(InputFiles.ReadText(f, Messages.Format("FileWhatCatalog"))))));
        }
        if (!File.Exists(path))
        {
            throw new InputException(new SourceLocation(path, 1, 1), Messages.Format("CatalogFileMissing"));
        }
        return Extend([(path, new StringReader(InputFiles.ReadText(path, Messages.Format("FileWhatCatalog"))))]);
    }

    /// <summary>
    /// This catalog plus the entries of the given YAML documents (see <see cref="Extend(string)"/>). Within the
    /// documents an id may appear once; against this catalog a repeated id overrides.
    /// </summary>
    public KnowledgeCatalog Extend(IEnumerable<(string Name, TextReader Yaml)> documents)
    {
        var fragments = documents.SelectMany(d => CatalogDocumentReader.Read(d.Name, d.Yaml)).ToList();
        return CatalogAssembler.Assemble(this, fragments, IanaServices);
    }

    private static KnowledgeCatalog LoadBuiltIn()
    {
        var assembly = typeof(KnowledgeCatalog).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var yaml = names.Where(n => n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => (DisplayName(n), (TextReader)new StringReader(ReadResource(assembly, n))));
        var iana = names.Where(n => n.EndsWith(".tsv", StringComparison.Ordinal))
            .SelectMany(n => IanaServiceTable.Read(DisplayName(n), new StringReader(ReadResource(assembly, n))));
        return Load(yaml, iana);
    }

    /// <summary>Errors in the embedded files name them as they sit in the source tree.</summary>
    private static string DisplayName(string resourceName) => "Catalog/" + resourceName[ResourcePrefix.Length..];

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded catalog resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
