using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

public enum LintSeverity
{
    Warning,
    Error,
}

/// <summary>
/// What is wrong with one rule: <c>shadowed</c> (it never matches; the earlier rules that hide it all do the
/// same thing), <c>conflict</c> (it never takes effect because rules doing the opposite hide it: what the
/// admin wrote is not what happens), <c>redundant</c> (it matches, but removing it changes no decision).
/// </summary>
public sealed record LintFinding(string Kind, LintSeverity Severity, string Chain, ImportedRule Rule, ImmutableArray<ImportedRule> Because, string Message);

/// <summary>
/// Finds rules that never match, never take effect or change nothing, by set arithmetic on what each rule
/// matches (<see cref="MatchBox"/>). Rules with a connection-state condition are left out of the comparison. Ordered chains: a rule is hidden when the terminal rules before it
/// (permit, deny; not jumps, and not rules with conditions that may not match) cover everything it matches.
/// Windows: order does not count, so an allow rule covered by block rules never takes effect, and a rule
/// covered by rules of its own kind earlier in the file is redundant. Rules with conditions PortImpact cannot evaluate are
/// never reported as hidden, and never counted as hiding others: a finding is only made when it is certain.
/// </summary>
public static class RuleSetLinter
{
    /// <summary>Beyond this many pieces the remaining space of a rule is not followed (no finding is made).</summary>
    private const int MaxPieces = 4096;

    public static ImmutableArray<LintFinding> Lint(RuleSet ruleSet)
    {
        var findings = ImmutableArray.CreateBuilder<LintFinding>();
        foreach (var chain in ruleSet.Chains)
        {
            if (chain.Kind == ChainKind.WindowsRules) LintWindows(chain, findings);
            else LintOrdered(chain, findings);
        }
        return findings.ToImmutable();
    }

    /// <summary>Rules lint can reason about: every condition evaluable and no connection-state condition.</summary>
    private static bool Comparable(ImportedRule rule) => rule.Enabled && !rule.Uncertain && !rule.StateLimited && rule.NewConnections;

    private static bool Terminal(ImportedRule rule) => rule.Verdict is RuleVerdict.Permit or RuleVerdict.Deny && Comparable(rule);

    private static void LintOrdered(RuleChain chain, ImmutableArray<LintFinding>.Builder findings)
    {
        var rules = chain.Rules;
        for (var j = 0; j < rules.Length; j++)
        {
            var rule = rules[j];
            if (!Comparable(rule)) continue;
            var box = MatchBox.Of(rule);
            if (box.IsEmpty) continue;
            var remaining = new List<MatchBox> { box };
            var hiders = new List<ImportedRule>();
            var followed = true;
            for (var i = 0; i < j && remaining.Count > 0; i++)
            {
                var earlier = rules[i];
                if (!Terminal(earlier)) continue;
                var earlierBox = MatchBox.Of(earlier);
                if (!remaining.Any(r => r.Overlaps(earlierBox))) continue;
                hiders.Add(earlier);
                remaining = [.. remaining.SelectMany(r => r.Except(earlierBox))];
                if (remaining.Count > MaxPieces)
                {
                    followed = false;
                    break;
                }
            }
            if (!followed) continue;
            if (remaining.Count == 0)
            {
                var opposite = hiders.Where(h => h.Verdict != rule.Verdict).ToImmutableArray();
                if (Terminal(rule) && !opposite.IsEmpty)
                {
                    findings.Add(new LintFinding("conflict", LintSeverity.Error, chain.Name, rule, [.. hiders],
                        $"never takes effect: earlier rules that {Verb(opposite[0].Verdict)} cover everything it matches"));
                }
                else
                {
                    findings.Add(new LintFinding("shadowed", LintSeverity.Warning, chain.Name, rule, [.. hiders],
                        "never matches: earlier rules cover everything it matches"));
                }
                continue;
            }
            if (Terminal(rule) && RedundantAfter(chain, j, remaining, rule.Verdict) is { } later)
            {
                findings.Add(new LintFinding("redundant", LintSeverity.Warning, chain.Name, rule, later,
                    $"removing it changes nothing: what it matches would be {(rule.Verdict == RuleVerdict.Permit ? "permitted" : "denied")} anyway"));
            }
        }
    }

    /// <summary>
    /// The later rules (and the chain's policy) that would decide what rule <paramref name="index"/> decides,
    /// the same way; null when some of it would be decided differently, or by something uncertain.
    /// </summary>
    private static ImmutableArray<ImportedRule>? RedundantAfter(RuleChain chain, int index, List<MatchBox> remaining, RuleVerdict verdict)
    {
        var deciders = new List<ImportedRule>();
        for (var k = index + 1; k < chain.Rules.Length && remaining.Count > 0; k++)
        {
            var later = chain.Rules[k];
            if (!later.Enabled) continue;
            if (!Comparable(later)) return null;
            var laterBox = MatchBox.Of(later);
            if (!remaining.Any(r => r.Overlaps(laterBox))) continue;
            // A jump, a return or an uncertain rule in the way makes the outcome depend on more than this chain.
            if (!Terminal(later) || later.Verdict != verdict) return null;
            deciders.Add(later);
            remaining = [.. remaining.SelectMany(r => r.Except(laterBox))];
            if (remaining.Count > MaxPieces) return null;
        }
        // What falls through to the chain's policy is not counted as redundant: a final "deny all" before a
        // deny policy is usually deliberate (a REJECT rather than a silent drop, or a logged catch-all).
        return remaining.Count == 0 ? [.. deciders] : null;
    }

    private static void LintWindows(RuleChain chain, ImmutableArray<LintFinding>.Builder findings)
    {
        var rules = chain.Rules.Where(r => r.Enabled).ToList();
        var positions = new Dictionary<ImportedRule, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < chain.Rules.Length; i++) positions[chain.Rules[i]] = i;
        foreach (var rule in rules)
        {
            if (!Comparable(rule) || rule.Verdict is not (RuleVerdict.Permit or RuleVerdict.Deny)) continue;
            var box = MatchBox.Of(rule);
            var sameDirection = rules.Where(r => !ReferenceEquals(r, rule) && r.Direction == rule.Direction && Comparable(r)).ToList();
            // An allow rule under block rules never takes effect (a block always beats an allow; bypass aside).
            if (rule.Verdict == RuleVerdict.Permit && Covered(box, sameDirection.Where(r => r.Verdict == RuleVerdict.Deny)) is { } blockers)
            {
                findings.Add(new LintFinding("conflict", LintSeverity.Error, chain.Name, rule, blockers,
                    "never takes effect: block rules cover everything it allows, and a block beats an allow"));
                continue;
            }
            // Covered by rules of its own kind earlier in the file: the earlier ones are kept, so removing every
            // rule reported here together still changes nothing.
            var own = sameDirection.Where(r => r.Verdict == rule.Verdict && positions[r] < positions[rule]);
            if (Covered(box, own) is { } same)
            {
                findings.Add(new LintFinding("redundant", LintSeverity.Warning, chain.Name, rule, same,
                    $"removing it changes nothing: other {(rule.Verdict == RuleVerdict.Permit ? "allow" : "block")} rules cover everything it matches"));
            }
        }
    }

    private static ImmutableArray<ImportedRule>? Covered(MatchBox box, IEnumerable<ImportedRule> by)
    {
        var remaining = new List<MatchBox> { box };
        var used = new List<ImportedRule>();
        foreach (var rule in by)
        {
            var other = MatchBox.Of(rule);
            if (!remaining.Any(r => r.Overlaps(other))) continue;
            used.Add(rule);
            remaining = [.. remaining.SelectMany(r => r.Except(other))];
            if (remaining.Count == 0) return [.. used];
            if (remaining.Count > MaxPieces) return null;
        }
        return null;
    }

    private static string Verb(RuleVerdict verdict) => verdict == RuleVerdict.Permit ? "permit" : "deny";
}
