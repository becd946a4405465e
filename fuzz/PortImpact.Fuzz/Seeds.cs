namespace PortImpact.Fuzz;

/// <summary>
/// The inputs fuzzing starts from: the project's own small seeds (<c>fuzz/corpus</c>), the real files in
/// <c>../shared/samples</c> when that folder is there (they are read in place, never copied into the repository),
/// the built-in example and catalogs, and the findings kept from earlier runs (<c>fuzz/findings/TARGET</c>).
/// </summary>
public static class Seeds
{
    private const int MaxSeedBytes = 1 << 20;

    public static string RepositoryRoot()
    {
        // A published build (fuzz/afl.sh) runs outside the tree: then the working directory says where it is.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "PortImpact.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException($"cannot find the repository (PortImpact.sln) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }

    public static string FindingsFolder(string target) => Path.Combine(RepositoryRoot(), "fuzz", "findings", target);

    /// <summary>The seeds a target takes, with where each came from, in a stable order.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> For(FuzzTarget target)
    {
        var root = RepositoryRoot();
        var folders = new[]
        {
            Path.Combine(root, "fuzz", "corpus"),
            Path.Combine(root, "..", "shared", "samples"),
            Path.Combine(root, "src", "PortImpact.Formats", "Examples"),
            Path.Combine(root, "src", "PortImpact.Knowledge", "Catalog"),
        };
        var seeds = new List<(string, byte[])>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (path.EndsWith(".md", StringComparison.Ordinal) || new FileInfo(path).Length > MaxSeedBytes) continue;
                var bytes = System.IO.File.ReadAllBytes(path);
                if (target.TakesSeed(path, bytes)) seeds.Add((path, bytes));
            }
        }
        return seeds;
    }

    /// <summary>Inputs that once crashed or hung a reader, kept so that they never do again.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Findings(FuzzTarget target)
    {
        var folder = FindingsFolder(target.Name);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(p => (p, System.IO.File.ReadAllBytes(p)))]
            : [];
    }
}
