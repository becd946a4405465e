using System.CommandLine;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Commands;

/// <summary>What a change may not do for <c>--fail-on</c> to let it through a pipeline.</summary>
public enum GateCondition
{
    /// <summary>A required dependency that works today would be broken.</summary>
    Broken,
    /// <summary>A required dependency that works today would be broken or degraded (a fallback, a partly closed range).</summary>
    Degraded,
    /// <summary>A threat path (threat × attacker position × victim) would still be exposed.</summary>
    Exposed,
    /// <summary>A result would rest on a rule that may or may not match (a condition no file settles).</summary>
    Uncertain,
}

/// <summary>
/// <c>analyze|recommend --fail-on broken,degraded,exposed,uncertain</c>: the report is written in full, then the command
/// exits with <see cref="Failed"/> when the change would do one of the named things, with one line on standard error
/// per condition met, so that a firewall change request can be checked in CI.
/// </summary>
public static class ChangeGate
{
    /// <summary>The exit code of a change that fails its gate: distinct from 2 (bad input) so CI can tell them apart.</summary>
    public const int Failed = 1;

    private static readonly string[] Names = [.. Enum.GetValues<GateCondition>().Select(c => c.ToString().ToLowerInvariant())];

    public static Option<string[]> Option(Text help) => new Option<string[]>("--fail-on")
    {
        Description = help["HelpFailOn"],
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            var words = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
            foreach (var word in words.Where(w => !Names.Contains(w)))
            {
                result.AddError(help.Format("ErrFailOn", InputEcho.Escape(word, 40), string.Join(", ", Names)));
            }
            return words;
        },
    };

    public static IReadOnlyList<GateCondition> Parse(IEnumerable<string>? words) =>
        [.. (words ?? []).Select(w => Enum.Parse<GateCondition>(w, ignoreCase: true)).Distinct().Order()];

    /// <summary>How many dependencies or threat paths meet each condition in an analysis.</summary>
    public static int Count(AnalysisResult result, GateCondition condition) => condition switch
    {
        GateCondition.Broken => result.NewlyBroken,
        GateCondition.Degraded => result.NewlyBroken + result.NewlyDegraded,
        GateCondition.Exposed => result.StillExposed,
        _ => result.Dependencies.Count(d => d.Uncertain) + result.Threats.Where(t => t.Blockages.Any(b => b.Uncertain)).Sum(t => t.Victims.Length),
    };

    /// <summary>The same, with the recommended exceptions in place.</summary>
    public static int Count(Recommendation recommendation, GateCondition condition) => condition switch
    {
        GateCondition.Broken => recommendation.NotKept.Count(d => d.Dependency.Kind == DependencyKind.Required && d.After == DependencyState.Broken),
        GateCondition.Degraded => recommendation.NotKept.Count(d => d.Dependency.Kind == DependencyKind.Required),
        GateCondition.Exposed => recommendation.StillExposed,
        _ => recommendation.Dependencies.Count(d => d.Uncertain)
            + recommendation.ClosureAlone.Threats.Where(t => t.Blockages.Any(b => b.Uncertain)).Sum(t => t.Victims.Length),
    };

    /// <summary>Says on standard error which conditions are met and returns the exit code.</summary>
    public static int Exit(CommandIo io, Text text, IReadOnlyList<GateCondition> conditions, Func<GateCondition, int> count)
    {
        var failed = false;
        foreach (var condition in conditions)
        {
            var met = count(condition);
            if (met == 0) continue;
            failed = true;
            io.Error.WriteLine(text.Format("GateFailed", condition.ToString().ToLowerInvariant(), text.Format("Gate" + condition, met)));
        }
        return failed ? Failed : CliApp.Ok;
    }
}
