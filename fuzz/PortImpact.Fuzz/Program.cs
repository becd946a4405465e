using PortImpact.Core.Diagnostics;
using PortImpact.Fuzz;
using SharpFuzz;

// portimpact-fuzz smoke [--mutations N] [--seed S] [--time-limit SECONDS] [--findings DIR] [TARGET...]
// portimpact-fuzz afl TARGET          (run by afl-fuzz on an instrumented build: fuzz/afl.sh)
// portimpact-fuzz seeds TARGET DIR    (write a target's seeds into DIR, afl-fuzz's -i)
// portimpact-fuzz replay TARGET FILE... (run files and print what each did)
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: portimpact-fuzz smoke|afl|seeds|replay …; targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
    return 2;
}

FuzzTarget Target(string name) => FuzzTargets.Find(name)
    ?? throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");

switch (args[0])
{
    case "afl":
    {
        // Instrumented code may run only inside Run, where afl-fuzz's coverage map exists: the targets (whose
        // initialisers call into the instrumented assemblies) are looked up there, on the first input.
        var name = args[1];
        FuzzTarget? target = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target ??= Target(name);
            try
            {
                target.Run(buffer.ToArray());
            }
            catch (InputException)
            {
            }
        });
        return 0;
    }
    case "seeds":
    {
        var target = Target(args[1]);
        Directory.CreateDirectory(args[2]);
        var index = 0;
        foreach (var (_, bytes) in Seeds.For(target).Concat(Seeds.Findings(target))) File.WriteAllBytes(Path.Combine(args[2], $"seed{index++:D4}"), bytes);
        Console.WriteLine($"{index} seeds for {target.Name} in {args[2]}");
        return index > 0 ? 0 : 1;
    }
    case "replay":
    {
        var target = Target(args[1]);
        var run = new SmokeRun(TimeSpan.FromSeconds(60), Path.GetTempPath(), Console.Out);
        var bad = 0;
        foreach (var file in args.Skip(2))
        {
            var (outcome, detail) = run.RunOne(target, File.ReadAllBytes(file));
            Console.WriteLine($"{file}: {outcome}{(detail is null ? "" : ": " + detail)}");
            if (outcome != Outcome.Handled) bad++;
        }
        return bad == 0 ? 0 : 1;
    }
    case "smoke":
    {
        var mutations = 500;
        var seed = 1;
        var limit = 20.0;
        var findings = Path.Combine(Path.GetTempPath(), "portimpact-fuzz-findings");
        var names = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mutations": mutations = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--time-limit": limit = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--findings": findings = args[++i]; break;
                default: names.Add(args[i]); break;
            }
        }
        var targets = names.Count == 0 ? FuzzTargets.All : [.. names.Select(Target)];
        var smoke = new SmokeRun(TimeSpan.FromSeconds(limit), findings, Console.Out);
        var total = 0;
        var clean = 0;
        foreach (var target in targets)
        {
            var (executions, ok) = smoke.Run(target, mutations, seed);
            total += executions;
            if (ok) clean++;
        }
        // .ci/run counts targets from this line: a target is a test that passed when every input was handled.
        Console.WriteLine($"fuzz smoke: {clean} targets passed, {targets.Count - clean} failed; {total} executions, {smoke.Crashes} crashes, {smoke.Hangs} hangs");
        return clean == targets.Count ? 0 : 1;
    }
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}
