using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Tests.RuleSets;

// The linter as it was before issue 10 made it sub-quadratic: every rule against every earlier (and later) rule.
// Kept unchanged, as the oracle the indexed linter must agree with finding for finding.
/// <summary>
/// Finds rules that never match, never take effect or change nothing, by set arithmetic on what each rule
/// matches (<see cref="MatchBox"/>). Rules with a connection-state condition are left out of the comparison. Ordered chains: a rule is hidden when the terminal rules before it
/// (permit, deny; not jumps, and not rules with conditions that may not match) cover everything it matches.
/// Windows: order does not count, so an allow rule covered by block rules never takes effect, and a rule
/// covered by rules of its own kind earlier in the file is redundant. Rules with conditions PortImpact cannot evaluate are
/// never reported as hidden, and never counted as hiding others: a finding is only made when it is certain.
/// </summary>
internal static class ReferenceLinter
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
        // Each rule's box once: the pairwise questions below are asked n² / 2 times on a 20,000-rule chain.
        var boxes = rules.Select(MatchBox.Of).ToArray();
        // Each rule's question is independent of the others', so they are asked in parallel and reported in order.
        var found = new LintFinding?[rules.Length];
        Parallel.For(0, rules.Length, j => found[j] = LintOne(chain, boxes, j));
        foreach (var finding in found)
        {
            if (finding is not null) findings.Add(finding);
        }
    }

    private static LintFinding? LintOne(RuleChain chain, MatchBox[] boxes, int j)
    {
        var rules = chain.Rules;
        var rule = rules[j];
        if (!Comparable(rule)) return null;
        var box = boxes[j];
        if (box.IsEmpty) return null;
        var remaining = new List<MatchBox> { box };
        var hiders = new List<ImportedRule>();
        var followed = true;
        for (var i = 0; i < j && remaining.Count > 0; i++)
        {
            var earlier = rules[i];
            if (!Terminal(earlier)) continue;
            var earlierBox = boxes[i];
            if (!AnyOverlaps(remaining, earlierBox)) continue;
            hiders.Add(earlier);
            remaining = [.. remaining.SelectMany(r => r.Except(earlierBox))];
            if (remaining.Count > MaxPieces)
            {
                followed = false;
                break;
            }
        }
        if (!followed) return null;
        if (remaining.Count == 0)
        {
            var opposite = hiders.Where(h => h.Verdict != rule.Verdict).ToImmutableArray();
            if (Terminal(rule) && !opposite.IsEmpty)
            {
                return new LintFinding("conflict", LintSeverity.Error, chain.Name, rule, [.. hiders],
                    $"never takes effect: earlier rules cover everything it matches, and the first of them to match some of it {Verb(opposite[0].Verdict)}s it");
            }
            return new LintFinding("shadowed", LintSeverity.Warning, chain.Name, rule, [.. hiders],
                "never matches: earlier rules cover everything it matches");
        }
        if (Terminal(rule) && RedundantAfter(chain, boxes, j, remaining, rule.Verdict) is { } later)
        {
            return new LintFinding("redundant", LintSeverity.Warning, chain.Name, rule, later,
                $"removing it changes nothing: what it matches would be {(rule.Verdict == RuleVerdict.Permit ? "permitted" : "denied")} anyway");
        }
        return null;
    }

    /// <summary>
    /// The later rules (and the chain's policy) that would decide what rule <paramref name="index"/> decides,
    /// the same way; null when some of it would be decided differently, or by something uncertain.
    /// </summary>
    private static ImmutableArray<ImportedRule>? RedundantAfter(RuleChain chain, MatchBox[] boxes, int index, List<MatchBox> remaining, RuleVerdict verdict)
    {
        var deciders = new List<ImportedRule>();
        for (var k = index + 1; k < chain.Rules.Length && remaining.Count > 0; k++)
        {
            var later = chain.Rules[k];
            if (!later.Enabled) continue;
            if (!Comparable(later)) return null;
            var laterBox = boxes[k];
            if (!AnyOverlaps(remaining, laterBox)) continue;
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

    private static bool AnyOverlaps(List<MatchBox> pieces, MatchBox box)
    {
        foreach (var piece in pieces)
        {
            if (piece.Overlaps(box)) return true;
        }
        return false;
    }

    private static void LintWindows(RuleChain chain, ImmutableArray<LintFinding>.Builder findings)
    {
        var rules = chain.Rules.Where(r => r.Enabled).ToList();
        var positions = new Dictionary<ImportedRule, int>(ReferenceEqualityComparer.Instance);
        var boxes = new Dictionary<ImportedRule, MatchBox>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < chain.Rules.Length; i++)
        {
            positions[chain.Rules[i]] = i;
            boxes[chain.Rules[i]] = MatchBox.Of(chain.Rules[i]);
        }
        var byDirection = rules.Where(Comparable).GroupBy(r => r.Direction).ToDictionary(g => g.Key ?? TrafficDirection.Both, g => g.ToList());
        foreach (var rule in rules)
        {
            if (!Comparable(rule) || rule.Verdict is not (RuleVerdict.Permit or RuleVerdict.Deny)) continue;
            var box = boxes[rule];
            var sameDirection = byDirection[rule.Direction ?? TrafficDirection.Both].Where(r => !ReferenceEquals(r, rule));
            // An allow rule under block rules never takes effect (a block always beats an allow; bypass aside).
            if (rule.Verdict == RuleVerdict.Permit && Covered(box, sameDirection.Where(r => r.Verdict == RuleVerdict.Deny), boxes) is { } blockers)
            {
                findings.Add(new LintFinding("conflict", LintSeverity.Error, chain.Name, rule, blockers,
                    "never takes effect: block rules cover everything it allows, and a block beats an allow"));
                continue;
            }
            // Covered by rules of its own kind earlier in the file: the earlier ones are kept, so removing every
            // rule reported here together still changes nothing.
            var own = sameDirection.Where(r => r.Verdict == rule.Verdict && positions[r] < positions[rule]);
            if (Covered(box, own, boxes) is { } same)
            {
                findings.Add(new LintFinding("redundant", LintSeverity.Warning, chain.Name, rule, same,
                    $"removing it changes nothing: other {(rule.Verdict == RuleVerdict.Permit ? "allow" : "block")} rules cover everything it matches"));
            }
        }
    }

    private static ImmutableArray<ImportedRule>? Covered(MatchBox box, IEnumerable<ImportedRule> by, Dictionary<ImportedRule, MatchBox> boxes)
    {
        var remaining = new List<MatchBox> { box };
        var used = new List<ImportedRule>();
        foreach (var rule in by)
        {
            var other = boxes[rule];
            if (!AnyOverlaps(remaining, other)) continue;
            used.Add(rule);
            remaining = [.. remaining.SelectMany(r => r.Except(other))];
            if (remaining.Count == 0) return [.. used];
            if (remaining.Count > MaxPieces) return null;
        }
        return null;
    }

    private static string Verb(RuleVerdict verdict) => verdict == RuleVerdict.Permit ? "permit" : "deny";
}
