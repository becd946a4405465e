using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;
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
/// What lint found, and what it could not check: <see cref="Notes"/> names the rules it compared only in part (a bound
/// was reached), about which it therefore says nothing. Empty on files of ordinary size.
/// </summary>
public sealed record LintReport(ImmutableArray<LintFinding> Findings, ImmutableArray<string> Notes);

/// <summary>
/// Finds rules that never match, never take effect or change nothing, by set arithmetic on what each rule
/// matches (<see cref="MatchBox"/>). Rules with a connection-state condition are left out of the comparison. Ordered chains: a rule is hidden when the terminal rules before it
/// (permit, deny; not jumps, and not rules with conditions that may not match) cover everything it matches.
/// Windows: order does not count, so an allow rule covered by block rules never takes effect, and a rule
/// covered by rules of its own kind earlier in the file is redundant. Rules with conditions PortImpact cannot evaluate are
/// never reported as hidden, and never counted as hiding others: a finding is only made when it is certain.
/// <para>
/// The question is pairwise, but a rule need only be compared with the rules that share a packet with it: an
/// <see cref="OverlapIndex"/> of the chain gives those, in chain order, so that a chain of 100,000 rules that mostly
/// do not overlap costs about as many comparisons as it has rules. Where the index would give most of the chain the
/// rules are walked in order, as before. The comparisons and their order are the same either way, and so are the
/// findings. Two bounds keep a hostile chain (every rule overlapping every other, none covering another) from taking
/// hours: what is left of a rule is not followed past <see cref="MaxPieces"/> disjoint pieces, and no rule is given
/// more than <see cref="ChainWork"/> / (comparable rules in the chain), at least <see cref="MinRuleWork"/>, units of
/// work (a piece compared with a rule is one, a piece split <see cref="SplitCost"/>). A rule cut short by either gets no finding and is named in <see cref="LintReport.Notes"/>.
/// </para>
/// </summary>
public static class RuleSetLinter
{
    /// <summary>Beyond this many pieces the remaining space of a rule is not followed (no finding is made).</summary>
    private const int MaxPieces = 4096;

    /// <summary>
    /// Work (piece comparisons, <see cref="SplitCost"/> for a split) shared out among a chain's rules. Measured on two
    /// shared cores, a hostile chain of 100,000 rules that all overlap spends it in about half a minute. A chain of a
    /// few hundred rules gives each rule millions, far more than real files use: every sample and test file gets the
    /// same findings as with no bound at all.
    /// </summary>
    private const long ChainWork = 1L << 30;

    /// <summary>The least a rule is given however long its chain: some five hundred neighbours split once each.</summary>
    private const long MinRuleWork = 1L << 13;

    /// <summary>The work of splitting a piece, in piece comparisons (measured: building the pieces' sets costs about that many).</summary>
    private const int SplitCost = 16;

    /// <summary>Rules listed by line in a note; the rest are counted.</summary>
    private const int MaxNamedLines = 10;

    public static ImmutableArray<LintFinding> Lint(RuleSet ruleSet) => Check(ruleSet).Findings;

    /// <summary>The findings, and a note for every chain where a bound stopped some comparisons.</summary>
    public static LintReport Check(RuleSet ruleSet)
    {
        var findings = ImmutableArray.CreateBuilder<LintFinding>();
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var chain in ruleSet.Chains)
        {
            var outcomes = chain.Kind == ChainKind.WindowsRules ? LintWindows(chain, out var budget) : LintOrdered(chain, out budget);
            foreach (var outcome in outcomes)
            {
                if (outcome.Finding is { } finding) findings.Add(finding);
            }
            if (Note(chain, outcomes, budget) is { } note) notes.Add(note);
        }
        return new LintReport(findings.ToImmutable(), notes.ToImmutable());
    }

    /// <summary>Why a rule's comparison stopped before it was settled.</summary>
    private enum Cut
    {
        None,
        Pieces,
        Work,
    }

    private readonly record struct Outcome(LintFinding? Finding, Cut Cut, int Line);

    /// <summary>Rules lint can reason about: every condition evaluable and no connection-state condition.</summary>
    private static bool Comparable(ImportedRule rule) => rule.Enabled && !rule.Uncertain && !rule.StateLimited && rule.NewConnections;

    private static bool Terminal(ImportedRule rule) => rule.Verdict is RuleVerdict.Permit or RuleVerdict.Deny && Comparable(rule);

    private static long Budget(int comparable) => Math.Max(MinRuleWork, ChainWork / Math.Max(1, comparable));

    private static Outcome[] LintOrdered(RuleChain chain, out long budget)
    {
        var rules = chain.Rules;
        // Each rule's box once: the questions below compare it with many others.
        var boxes = rules.Select(MatchBox.Of).ToArray();
        var comparable = rules.Select(Comparable).ToArray();
        var terminal = rules.Select(Terminal).ToArray();
        // Where the later rules stop being comparable: a rule that may not match after a rule makes its redundancy unknowable.
        var nextUncomparable = new int[rules.Length];
        var next = rules.Length;
        for (var i = rules.Length - 1; i >= 0; i--)
        {
            nextUncomparable[i] = next;
            if (rules[i].Enabled && !comparable[i]) next = i;
        }
        var index = new OverlapIndex(boxes, i => comparable[i]);
        var perRule = budget = Budget(comparable.Count(c => c));
        // Each rule's question is independent of the others', so they are asked in parallel and reported in order.
        var outcomes = new Outcome[rules.Length];
        Parallel.For(0, rules.Length, j => outcomes[j] = LintOne(chain, boxes, terminal, nextUncomparable[j], new Neighbours(index, boxes[j]), j, perRule));
        return outcomes;
    }

    private static Outcome LintOne(RuleChain chain, MatchBox[] boxes, bool[] terminal, int uncomparable, Neighbours neighbours, int j, long budget)
    {
        var rules = chain.Rules;
        var rule = rules[j];
        var line = rule.Location.Line;
        if (!Comparable(rule)) return default;
        var box = boxes[j];
        if (box.IsEmpty) return default;
        var space = new Space(box, budget);
        var hiders = new List<ImportedRule>();
        foreach (var i in neighbours.Between(0, j))
        {
            if (space.IsEmpty) break;
            if (!terminal[i]) continue;
            if (!space.Overlaps(boxes[i]))
            {
                if (space.Cut != Cut.None) return new Outcome(null, space.Cut, line);
                continue;
            }
            hiders.Add(rules[i]);
            if (!space.Subtract(boxes[i])) return new Outcome(null, space.Cut, line);
        }
        if (space.IsEmpty)
        {
            var opposite = hiders.Where(h => h.Verdict != rule.Verdict).ToImmutableArray();
            if (Terminal(rule) && !opposite.IsEmpty)
            {
                return new Outcome(new LintFinding("conflict", LintSeverity.Error, chain.Name, rule, [.. hiders],
                    $"never takes effect: earlier rules cover everything it matches, and the first of them to match some of it {Verb(opposite[0].Verdict)}s it"), Cut.None, line);
            }
            return new Outcome(new LintFinding("shadowed", LintSeverity.Warning, chain.Name, rule, [.. hiders],
                "never matches: earlier rules cover everything it matches"), Cut.None, line);
        }
        if (!Terminal(rule)) return default;
        var later = RedundantAfter(chain, boxes, terminal, neighbours.Between(j + 1, uncomparable), space, rule.Verdict);
        if (later is { } deciders)
        {
            return new Outcome(new LintFinding("redundant", LintSeverity.Warning, chain.Name, rule, deciders,
                $"removing it changes nothing: what it matches would be {(rule.Verdict == RuleVerdict.Permit ? "permitted" : "denied")} anyway"), Cut.None, line);
        }
        return new Outcome(null, space.Cut, line);
    }

    /// <summary>
    /// The later rules (and the chain's policy) that would decide what is left of the rule, the same way; null when
    /// some of it would be decided differently, or by something uncertain. <paramref name="candidates"/> are the later
    /// rules up to the first that is not comparable: that one, or the end of the chain, leaves the rest undecided here.
    /// </summary>
    private static ImmutableArray<ImportedRule>? RedundantAfter(RuleChain chain, MatchBox[] boxes, bool[] terminal, IEnumerable<int> candidates, Space space, RuleVerdict verdict)
    {
        var deciders = new List<ImportedRule>();
        foreach (var k in candidates)
        {
            if (space.IsEmpty) break;
            var later = chain.Rules[k];
            if (!later.Enabled) continue;
            if (!space.Overlaps(boxes[k]))
            {
                if (space.Cut != Cut.None) return null;
                continue;
            }
            // A jump, a return or an uncertain rule in the way makes the outcome depend on more than this chain.
            if (!terminal[k] || later.Verdict != verdict) return null;
            deciders.Add(later);
            if (!space.Subtract(boxes[k])) return null;
        }
        // What falls through to the chain's policy is not counted as redundant: a final "deny all" before a
        // deny policy is usually deliberate (a REJECT rather than a silent drop, or a logged catch-all).
        return space.IsEmpty ? [.. deciders] : null;
    }

    private static Outcome[] LintWindows(RuleChain chain, out long budget)
    {
        var rules = chain.Rules;
        // By reference, the last place a rule stands: "earlier in the file" as the rule set holds it.
        var positions = new Dictionary<ImportedRule, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < rules.Length; i++) positions[rules[i]] = i;
        var boxes = rules.Select(MatchBox.Of).ToArray();
        var comparable = rules.Select(Comparable).ToArray();
        var index = new OverlapIndex(boxes, i => comparable[i]);
        var perRule = budget = Budget(comparable.Count(c => c));
        var outcomes = new Outcome[rules.Length];
        Parallel.For(0, rules.Length, i => outcomes[i] = LintWindowsOne(chain, boxes, comparable, positions, new Neighbours(index, boxes[i]), i, perRule));
        return outcomes;
    }

    private static Outcome LintWindowsOne(RuleChain chain, MatchBox[] boxes, bool[] comparable, Dictionary<ImportedRule, int> positions, Neighbours neighbours, int at, long budget)
    {
        var rules = chain.Rules;
        var rule = rules[at];
        var line = rule.Location.Line;
        if (!comparable[at] || rule.Verdict is not (RuleVerdict.Permit or RuleVerdict.Deny)) return default;
        var direction = rule.Direction ?? TrafficDirection.Both;
        var box = boxes[at];
        // Nothing overlaps an empty box, so nothing covers it either.
        if (box.IsEmpty) return default;
        var cut = Cut.None;
        // The other comparable rules of its direction, in file order.
        IEnumerable<int> SameDirection(int high) => neighbours.Between(0, high)
            .Where(i => comparable[i] && (rules[i].Direction ?? TrafficDirection.Both) == direction && !ReferenceEquals(rules[i], rule));
        // An allow rule under block rules never takes effect (a block always beats an allow; bypass aside).
        if (rule.Verdict == RuleVerdict.Permit)
        {
            var blockers = Covered(box, SameDirection(rules.Length).Where(i => rules[i].Verdict == RuleVerdict.Deny), rules, boxes, budget, ref cut);
            if (blockers is { } found)
            {
                return new Outcome(new LintFinding("conflict", LintSeverity.Error, chain.Name, rule, found,
                    "never takes effect: block rules cover everything it allows, and a block beats an allow"), Cut.None, line);
            }
        }
        // Covered by rules of its own kind earlier in the file: the earlier ones are kept, so removing every
        // rule reported here together still changes nothing.
        var own = SameDirection(rules.Length).Where(i => rules[i].Verdict == rule.Verdict && positions[rules[i]] < positions[rule]);
        if (Covered(box, own, rules, boxes, budget, ref cut) is { } same)
        {
            return new Outcome(new LintFinding("redundant", LintSeverity.Warning, chain.Name, rule, same,
                $"removing it changes nothing: other {(rule.Verdict == RuleVerdict.Permit ? "allow" : "block")} rules cover everything it matches"), cut, line);
        }
        return new Outcome(null, cut, line);
    }

    private static ImmutableArray<ImportedRule>? Covered(MatchBox box, IEnumerable<int> by, ImmutableArray<ImportedRule> rules, MatchBox[] boxes, long budget, ref Cut cut)
    {
        var space = new Space(box, budget);
        var used = new List<ImportedRule>();
        foreach (var i in by)
        {
            if (!space.Overlaps(boxes[i]))
            {
                if (space.Cut != Cut.None) break;
                continue;
            }
            used.Add(rules[i]);
            var followed = space.Subtract(boxes[i]);
            if (space.IsEmpty) return [.. used];
            if (!followed) break;
        }
        if (space.Cut != Cut.None) cut = space.Cut;
        return null;
    }

    /// <summary>
    /// What is left of one rule's box as the rules around it are taken away, and what that has cost: each piece compared
    /// with a rule's box is one unit of <see cref="Work"/>.
    /// </summary>
    private sealed class Space(MatchBox box, long budget)
    {
        private List<MatchBox> _remaining = [box];

        public long Work { get; private set; }

        public Cut Cut { get; private set; }

        public bool IsEmpty => _remaining.Count == 0;

        /// <summary>Whether some piece meets the box; false, with <see cref="Cut"/> set, once the budget is spent.</summary>
        /// <remarks>The budget is checked before the comparisons, so a rule may go over it by one rule's pieces, never more.</remarks>
        public bool Overlaps(MatchBox other)
        {
            if (Work > budget)
            {
                Cut = Cut.Work;
                return false;
            }
            foreach (var piece in _remaining)
            {
                Work++;
                if (piece.Overlaps(other)) return true;
            }
            return false;
        }

        /// <summary>Takes the box away; false, with <see cref="Cut"/> set, when the rest is too many pieces to follow.</summary>
        public bool Subtract(MatchBox other)
        {
            var rest = new List<MatchBox>(_remaining.Count + 4);
            foreach (var piece in _remaining)
            {
                if (!piece.Overlaps(other))
                {
                    Work++;
                    rest.Add(piece);
                    continue;
                }
                // Splitting builds sets, a comparison does not.
                Work += SplitCost;
                rest.AddRange(piece.Except(other));
            }
            _remaining = rest;
            if (_remaining.Count > MaxPieces)
            {
                Cut = Cut.Pieces;
                return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The rules of the chain that may overlap one rule, between two positions, in chain order: from the index when it
    /// narrows the chain down, else every position (skipping is then cheaper than asking). Asked once per rule, the
    /// index's answer serves both the earlier and the later rules.
    /// </summary>
    private sealed class Neighbours(OverlapIndex index, MatchBox box)
    {
        /// <summary>Below this many positions a range is walked without asking the index.</summary>
        private const int Walked = 64;

        private int _estimate = -1;
        private int _dimension;
        private List<int>? _candidates;

        public IEnumerable<int> Between(int low, int high)
        {
            if (high <= low) yield break;
            if (high - low > Walked && box.IsEmpty is false)
            {
                if (_estimate < 0) _estimate = index.Estimate(box, out _dimension);
                if ((long)_estimate * 2 < high - low)
                {
                    _candidates ??= index.Candidates(box, _dimension);
                    var start = _candidates.BinarySearch(low);
                    if (start < 0) start = ~start;
                    for (var i = start; i < _candidates.Count && _candidates[i] < high; i++) yield return _candidates[i];
                    yield break;
                }
            }
            for (var position = low; position < high; position++) yield return position;
        }
    }

    /// <summary>One line per chain where a bound cut comparisons short, naming the first rules it cut and why.</summary>
    private static string? Note(RuleChain chain, Outcome[] outcomes, long budget)
    {
        var cut = outcomes.Where(o => o.Cut != Cut.None).ToList();
        if (cut.Count == 0) return null;
        var lines = string.Join(", ", cut.Take(MaxNamedLines).Select(o => o.Line.ToString(CultureInfo.InvariantCulture)));
        if (cut.Count > MaxNamedLines) lines = Messages.Format("LintNoteMoreLines", lines, (cut.Count - MaxNamedLines).ToString("N0", CultureInfo.InvariantCulture));
        var reasons = new List<string>();
        var pieces = cut.Count(o => o.Cut == Cut.Pieces);
        var work = cut.Count - pieces;
        static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
        if (pieces > 0) reasons.Add(pieces == 1 ? Messages.Format("LintNotePiecesOne", Count(MaxPieces)) : Messages.Format("LintNotePiecesMany", Count(pieces), Count(MaxPieces)));
        if (work > 0) reasons.Add(work == 1 ? Messages.Format("LintNoteWorkOne", Count(budget)) : Messages.Format("LintNoteWorkMany", Count(work), Count(budget)));
        return cut.Count == 1
            ? Messages.Format("LintNoteOne", InputEcho.Quote(chain.Name), lines, string.Join("; ", reasons))
            : Messages.Format("LintNoteMany", InputEcho.Quote(chain.Name), Count(cut.Count), lines, string.Join("; ", reasons));
    }

    private static string Verb(RuleVerdict verdict) => verdict == RuleVerdict.Permit ? "permit" : "deny";
}
