namespace PortImpact.Tests.Shared;

/// <summary>
/// The real files by others in ../shared/samples (beside the repository), for every test project (linked, not
/// copied, into each). Tests that need them are skipped
/// with a clear message when the folder is absent on a developer's machine, and fail when CI is set.
/// </summary>
public static class SharedSamples
{
    public static string? Root { get; } = Locate();

    public static string Path(string relative)
    {
        if (Root is null) throw new InvalidOperationException("../shared/samples is missing; CI must provide it");
        return System.IO.Path.Combine(Root, relative);
    }

    public static string? SkipReason =>
        Root is not null || Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
            ? null
            : "../shared/samples is absent: the real-file tests are skipped (they fail when CI is set)";

    private static string? Locate()
    {
        if (Repository.Root is not { } root) return null;
        var samples = System.IO.Path.Combine(root, "..", "shared", "samples");
        return Directory.Exists(samples) ? System.IO.Path.GetFullPath(samples) : null;
    }
}

/// <summary>The repository the tests run from (the folder holding PortImpact.sln), for tests that read its own files.</summary>
public static class Repository
{
    public static string? Root { get; } = Locate();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException("the repository (PortImpact.sln) is not above the test's folder"), .. parts]);

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "PortImpact.sln"))) return directory.FullName;
        }
        return null;
    }
}

/// <summary>A fact that reads ../shared/samples: skipped when they are absent outside CI.</summary>
public sealed class SampleFactAttribute : FactAttribute
{
    public SampleFactAttribute()
    {
        if (SharedSamples.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that reads ../shared/samples: skipped when they are absent outside CI.</summary>
public sealed class SampleTheoryAttribute : TheoryAttribute
{
    public SampleTheoryAttribute()
    {
        if (SharedSamples.SkipReason is { } reason) Skip = reason;
    }
}
