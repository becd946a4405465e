using System.Diagnostics;
using BenchmarkDotNet.Running;

namespace PortImpact.Bench;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/PortImpact.Bench -- --filter '*'</c> runs BenchmarkDotNet;
    /// <c>-- --once</c> runs each scenario once with a stopwatch, to look before a long measurement;
    /// <c>-- --once-spread</c> only the worst-case spreads; <c>-- --model SITES GROUPS RULES</c> writes the generated enterprise.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["--model", var sites, var groups, var perimeterRules])
        {
            // The generated enterprise as YAML, to try the commands on it by hand.
            Console.Write(EnterpriseModel.Generate(int.Parse(sites), int.Parse(groups), int.Parse(perimeterRules), 2));
            return;
        }
        if (args is ["--once-spread"])
        {
            // Only the worst cases over every position and host, at PORTIMPACT_BENCH_SCALE: the part analyze adds.
            var spreadOnly = new SpreadBenchmarks();
            var watch = Stopwatch.StartNew();
            spreadOnly.Setup();
            Console.WriteLine($"generate + read: {watch.ElapsedMilliseconds} ms");
            var before = GC.GetTotalAllocatedBytes();
            watch.Restart();
            var largest = spreadOnly.BlastRadiusOfEveryThreatFromEveryPosition();
            Console.WriteLine($"spread: every threat from every position: {watch.ElapsedMilliseconds} ms (result {largest}); allocated {(GC.GetTotalAllocatedBytes() - before) >> 20} MiB");
            return;
        }
        if (args is ["--once-rules", ..])
        {
            var rules = new RuleSetBenchmarks();
            var clock = Stopwatch.StartNew();
            rules.Setup();
            Console.WriteLine($"generate + first import: {clock.ElapsedMilliseconds} ms");
            foreach (var (name, run) in new (string, Func<object>)[]
            {
                ("import iptables 20,000", rules.ImportIptables),
                ("lint iptables 20,000", () => rules.LintIptables()),
                ("import windows 5,000", rules.ImportWindows),
                ("lint windows 5,000", () => rules.LintWindows()),
                ("import windows script 5,000", rules.ImportWindowsScript),
            })
            {
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                clock.Restart();
                var value = run();
                Console.WriteLine($"{name}: {clock.ElapsedMilliseconds} ms (result {value}); allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) >> 20} MiB");
            }
            return;
        }
        if (args is ["--once", ..])
        {
            var sizes = args.Skip(1).Select(int.Parse).ToArray();
            var benchmarks = new AnalyzeBenchmarks { Perimeters = 2 };
            if (sizes.Length == 3) (benchmarks.Sites, benchmarks.HostGroups, benchmarks.Rules) = (sizes[0], sizes[1], sizes[2]);
            var clock = Stopwatch.StartNew();
            benchmarks.Setup();
            Console.WriteLine($"generate + read: {clock.ElapsedMilliseconds} ms");
            var recommend = new RecommendBenchmarks { Size = benchmarks };
            recommend.Setup();
            var spread = new SpreadBenchmarks();
            spread.Setup();
            foreach (var (name, run) in new (string, Func<int>)[]
            {
                ("analyze perimeter", benchmarks.AnalyzePerimeter),
                ("analyze inter-site", benchmarks.AnalyzeInterSite),
                ("find exceptions inter-site", recommend.FindExceptionsInterSite),
                ("recommend inter-site", recommend.RecommendInterSite),
                ("recommend hosts", recommend.RecommendHosts),
                ("spread: every threat from every position", spread.BlastRadiusOfEveryThreatFromEveryPosition),
            })
            {
                var pausedBefore = GC.GetTotalPauseDuration();
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                clock.Restart();
                var value = run();
                Console.WriteLine($"{name}: {clock.ElapsedMilliseconds} ms (result {value}); " +
                    $"GC pauses {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) >> 20} MiB");
            }
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
