namespace PortImpact.Formats.Tests.Kernel;

/// <summary>
/// A test that needs a real Linux kernel: root, <c>ip netns</c>, iptables, nft and python3. On a developer's
/// machine without them it is skipped with the reason; where the environment variable CI is set it always
/// runs, so a CI machine that lacks them fails instead of passing quietly.
/// </summary>
public sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute()
    {
        if (KernelRequirements.Missing() is { } reason && !KernelRequirements.InCi) Skip = reason;
    }
}

internal static class KernelRequirements
{
    public static readonly string[] Tools = ["ip", "iptables-restore", "iptables", "nft", "python3"];

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Why the kernel tests cannot run here, or null when they can.</summary>
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux()) return "needs Linux network namespaces";
        if (!IsRoot()) return "needs root to create network namespaces";
        var missing = Tools.Where(t => Find(t) is null).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)} (Debian: apt-get install iproute2 iptables nftables python3)";
    }

    /// <summary>The effective user id is the second number of the Uid line; reading it needs no native call.</summary>
    private static bool IsRoot()
    {
        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uid?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && fields[2] == "0";
    }

    /// <summary>
    /// The tool's path: PATH first, then the sbin folders that a non-login PATH may lack. Debian's own python3
    /// comes first, as a version manager's shim on PATH starts slower and may not be there under CI.
    /// </summary>
    public static string? Find(string tool)
    {
        if (tool == "python3" && File.Exists("/usr/bin/python3")) return "/usr/bin/python3";
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return folders.Select(f => Path.Combine(f, tool)).FirstOrDefault(File.Exists);
    }
}
