using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>The answer for a flow: permitted, denied, or uncertain because a rule that may match decides it.</summary>
public enum FlowDecision
{
    Permit,
    Deny,
    Uncertain,
}

/// <summary>A rule a flow met on its way that matched it (<see cref="Certain"/>) or may have (a condition not evaluated).</summary>
public sealed record RuleStep(string Chain, ImportedRule Rule, bool Certain);

/// <summary>
/// One way the flow can go through the rule set: the rules it matched in order and what decided it: a rule
/// (<see cref="DecidedBy"/>) or a default (<see cref="Default"/>: a chain policy, IOS's implicit deny, a
/// Windows profile's default action). Rules that may match fork the walk into several paths.
/// </summary>
public sealed record ExplainedPath(RuleAction Outcome, ImmutableArray<RuleStep> Steps, ImportedRule? DecidedBy, string? Default);

/// <summary>
/// The decision for a flow and every path that leads to it; more than one path only when a rule that may
/// match lies on the way, and then the decision is <see cref="FlowDecision.Uncertain"/> if they disagree.
/// </summary>
public sealed record FlowExplanation(FlowDecision Decision, ImmutableArray<ExplainedPath> Paths, ImmutableArray<string> Notes)
{
    public static FlowDecision Combine(IEnumerable<ExplainedPath> paths)
    {
        var outcomes = paths.Select(p => p.Outcome).Distinct().ToList();
        return outcomes.Count != 1 ? FlowDecision.Uncertain : outcomes[0] == RuleAction.Permit ? FlowDecision.Permit : FlowDecision.Deny;
    }
}
