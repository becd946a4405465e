using System.Diagnostics;
using System.Security.Cryptography;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Fuzz;

/// <summary>What one input did to a reader.</summary>
public enum Outcome
{
    /// <summary>Read, or refused with a clear <see cref="InputException"/>.</summary>
    Handled,
    /// <summary>Any other exception: a bug.</summary>
    Crashed,
    /// <summary>Still running after the time allowed.</summary>
    Hung,
}

/// <summary>
/// Runs inputs through a target in this process, each on its own thread with a time limit: the seeds, the
/// findings kept from earlier runs, then mutations of the seeds. This is the mode CI runs (no AFL needed);
/// long coverage-guided runs use <c>fuzz/afl.sh</c>. A crash or hang is saved under the findings folder given
/// and reported with its exception; the process's heap is capped (runtimeconfig) so that a runaway allocation
/// surfaces as an <see cref="OutOfMemoryException"/>, a crash, rather than a machine swapping.
/// </summary>
public sealed class SmokeRun(TimeSpan timeLimit, string findingsOut, TextWriter log)
{
    public int Crashes { get; private set; }

    public int Hangs { get; private set; }

    public (Outcome Outcome, string? Detail) RunOne(FuzzTarget target, byte[] input)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                target.Run(input);
            }
            catch (InputException)
            {
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 16 << 20) { IsBackground = true };
        // The limit is on processor time, not the clock: on a loaded machine (CI, two cores shared with builds) a
        // slow wall clock is not a hang, and a reader spinning in a loop uses the processor all along.
        var process = Process.GetCurrentProcess();
        var cpuAtStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        thread.Start();
        while (!thread.Join(TimeSpan.FromMilliseconds(50)))
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuAtStart;
            if (cpu > timeLimit || clock.Elapsed > timeLimit * 10)
            {
                return (Outcome.Hung, $"still running after {cpu.TotalSeconds:0.0} s of processor time ({clock.Elapsed.TotalSeconds:0.0} s on the clock)");
            }
        }
        return failure is null ? (Outcome.Handled, null) : (Outcome.Crashed, $"{failure.GetType().Name}: {failure.Message}\n{failure.StackTrace}");
    }

    /// <summary>Seeds and kept findings, then <paramref name="mutations"/> mutated inputs; the executions made and whether all were handled.</summary>
    public (int Executions, bool Clean) Run(FuzzTarget target, int mutations, int seed)
    {
        var (crashesBefore, hangsBefore) = (Crashes, Hangs);
        var seeds = Seeds.For(target);
        var findings = Seeds.Findings(target);
        var executions = 0;
        var watch = Stopwatch.StartNew();
        foreach (var (path, bytes) in seeds.Concat(findings))
        {
            executions++;
            if (!Record(target, bytes, path)) return (executions, false);
        }
        if (seeds.Count > 0)
        {
            var mutator = new Mutator(seed);
            var pool = seeds.Select(s => s.Bytes).ToList();
            var random = new Random(seed);
            for (var i = 0; i < mutations; i++)
            {
                var input = mutator.Mutate(pool[random.Next(pool.Count)], pool);
                executions++;
                if (!Record(target, input, $"mutation {i}")) return (executions, false);
            }
        }
        var (crashes, hangs) = (Crashes - crashesBefore, Hangs - hangsBefore);
        log.WriteLine($"{target.Name}: {executions} executions ({seeds.Count} seeds, {findings.Count} kept findings) in {watch.Elapsed.TotalSeconds:0.0} s, {crashes} crashes, {hangs} hangs");
        return (executions, crashes + hangs == 0);
    }

    /// <summary>False when the input hung the reader: its thread cannot be stopped, so the run ends there.</summary>
    private bool Record(FuzzTarget target, byte[] input, string origin)
    {
        var (outcome, detail) = RunOne(target, input);
        if (outcome == Outcome.Handled) return true;
        var name = Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant();
        var folder = Path.Combine(findingsOut, target.Name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), input);
        log.WriteLine($"{target.Name}: {outcome} on {origin} (saved as {Path.Combine(folder, name)}): {detail}");
        if (outcome == Outcome.Crashed) Crashes++;
        else Hangs++;
        return outcome != Outcome.Hung;
    }
}
