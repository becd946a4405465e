using System.Diagnostics;

namespace PortImpact.Formats.Tests.Kernel;

/// <summary>Runs one command to its end with a time limit, and says exactly what failed when it does.</summary>
internal static class ProcessRunner
{
    public static string Run(string tool, IEnumerable<string> arguments, TimeSpan? limit = null)
    {
        var info = new ProcessStartInfo(KernelRequirements.Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit ?? TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(info)} did not finish in time");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Describe(info)} exited with {process.ExitCode}: {errors.Result.Trim()} {output.Result.Trim()}");
        }
        return output.Result;
    }

    public static string Describe(ProcessStartInfo info) => $"{info.FileName} {string.Join(" ", info.ArgumentList)}";
}
