using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Engine.RuleSets;

/// <summary>
/// Where in a rule set a flow is asked about: a netfilter hook (<c>forward</c> on a router, <c>input</c> /
/// <c>output</c> on a host), a Cisco access list, or a Windows direction and profile.
/// </summary>
public sealed record FlowContext(NetfilterHook? Hook = null, string? AccessList = null, TrafficDirection Direction = TrafficDirection.In, FirewallProfile Profile = default)
{
    /// <summary>Where a flow of one direction meets a point's or host's policy: a host's input or output, or a router's forward path and access list of the direction.</summary>
    public static FlowContext Of(ImportedPolicy policy, TrafficDirection direction) => policy.OnHost
        ? new FlowContext(Hook: direction == TrafficDirection.Out ? NetfilterHook.Output : NetfilterHook.Input, Direction: direction == TrafficDirection.Out ? TrafficDirection.Out : TrafficDirection.In, Profile: policy.Profile)
        : new FlowContext(Hook: NetfilterHook.Forward, AccessList: direction == TrafficDirection.Out ? policy.AccessListOut : policy.AccessList, Direction: direction, Profile: policy.Profile);
}

/// <summary>
/// Decides a flow by the rule set's own semantics, with the rules that decided it:
/// <list type="bullet">
/// <item>iptables: the <c>filter</c> table's built-in chain of the hook, first match, jumps, gotos and returns, then the chain policy;</item>
/// <item>nftables: every base chain of type filter on the hook in priority order; an accept passes the packet to the next one, a drop is final;</item>
/// <item>Cisco IOS: the access list, first match, implicit deny;</item>
/// <item>Windows Defender Firewall: the enabled rules of the direction and profile, no order: bypass beats block beats allow beats the profile's default.</item>
/// </list>
/// A rule that may match (an opaque condition) forks the walk; the decision is uncertain when the forks disagree.
/// </summary>
public static class RuleSetEvaluator
{
    private const int MaxPaths = 256;
    private const int MaxDepth = 64;

    public static FlowExplanation Explain(RuleSet ruleSet, Flow flow, FlowContext context)
    {
        return ruleSet.Semantics == PolicySemantics.WindowsFirewall
            ? Windows(ruleSet, flow, context)
            : Ordered(ruleSet, EntryChains(ruleSet, context), flow);
    }

    /// <summary>
    /// The chains a packet meets at a hook or access list, in the order they are evaluated: every filtering chain
    /// on the hooks it passes (a DROP in iptables' raw or mangle table, or in an nft prerouting chain, stops it
    /// as surely as one in filter), each hook's chains by priority.
    /// </summary>
    public static IReadOnlyList<RuleChain> EntryChains(RuleSet ruleSet, FlowContext context)
    {
        var chains = ChainIndex.Of(ruleSet);
        if (context.AccessList is not null)
        {
            return chains.AccessLists(context.AccessList);
        }
        // Readers say where each base chain hooks in, at which priority, whether it filters and whether IPv4 meets it
        // (RuleChain.SeesIpv4); the order between chains on one hook is their priority (iptables: raw, mangle,
        // filter, security), so no format needs a branch of its own here.
        if (context.Hook is not { } asked) return [];
        return [.. asked.OnTheWay.SelectMany(hook => chains.Base
            .Where(c => c.SeesIpv4 && (c.Type is null or "filter") && hook.IsNamed(c.Hook))
            .OrderBy(c => c.Priority))];
    }

    private static FlowExplanation Ordered(RuleSet ruleSet, IReadOnlyList<RuleChain> entries, Flow flow)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        if (entries.Count == 0)
        {
            notes.Add(Messages.Format("ExplainNoChain"));
            return new FlowExplanation(FlowDecision.Permit, [new ExplainedPath(RuleAction.Permit, [], null, Messages.Format("ExplainNoFiltering"))], notes.ToImmutable());
        }
        // Each base chain in turn: a packet it accepts goes on to the next one, one it drops is gone.
        var paths = new List<ExplainedPath> { new(RuleAction.Permit, [], null, null) };
        var truncated = false;
        foreach (var entry in entries)
        {
            var next = new List<ExplainedPath>();
            foreach (var path in paths)
            {
                if (path.Outcome == RuleAction.Deny)
                {
                    next.Add(path);
                    continue;
                }
                var (walks, cut) = Walk(ruleSet, entry, flow, notes);
                truncated |= cut;
                foreach (var walked in walks)
                {
                    next.Add(walked with { Steps = [.. path.Steps, .. walked.Steps] });
                }
            }
            truncated |= next.Count > MaxPaths;
            paths = next.Take(MaxPaths).ToList();
        }
        if (truncated) notes.Add(Messages.Format("ExplainTooManyWays", MaxPaths));
        var decision = truncated ? FlowDecision.Uncertain : FlowExplanation.Combine(paths);
        return new FlowExplanation(decision, [.. paths], notes.Distinct().ToImmutableArray());
    }

    /// <summary>
    /// A chain being walked and the next rule in it. <see cref="Active"/> holds every chain the walk is inside of here:
    /// those of the frames below, this one, and those this frame's chain was reached from by goto (a goto replaces its
    /// frame, so the stack alone would not show them). Coming back into one of them is a loop, which would never end.
    /// </summary>
    private sealed record Frame(RuleChain Chain, int Next, ImmutableHashSet<RuleChain> Active);

    private static readonly ImmutableHashSet<RuleChain> NoChains = ImmutableHashSet.Create<RuleChain>(ReferenceEqualityComparer.Instance);

    private sealed record Walker(ImmutableStack<Frame> Frames, ImmutableList<RuleStep> Steps);

    private static (List<ExplainedPath> Paths, bool Truncated) Walk(RuleSet ruleSet, RuleChain entry, Flow flow, ImmutableArray<string>.Builder notes)
    {
        var finished = new List<ExplainedPath>();
        var chains = ChainIndex.Of(ruleSet);
        var work = new Stack<Walker>();
        work.Push(new Walker(ImmutableStack.Create(new Frame(entry, 0, NoChains.Add(entry))), []));
        while (work.Count > 0 && finished.Count < MaxPaths)
        {
            var walker = work.Pop();
            while (true)
            {
                var frame = walker.Frames.Peek();
                if (frame.Next >= frame.Chain.Rules.Length)
                {
                    // Off the end of a chain: back to the caller, or the entry chain's policy decides.
                    var rest = walker.Frames.Pop();
                    if (rest.IsEmpty || frame.Chain.Kind != ChainKind.User)
                    {
                        finished.Add(PolicyOf(ruleSet, entry, walker.Steps));
                        break;
                    }
                    walker = walker with { Frames = rest };
                    continue;
                }
                var rule = frame.Chain.Rules[frame.Next];
                var advanced = walker.Frames.Pop().Push(frame with { Next = frame.Next + 1 });
                var match = RuleMatcher.Matches(rule, flow);
                if (match == Match.No)
                {
                    walker = walker with { Frames = advanced };
                    continue;
                }
                if (match == Match.Maybe) work.Push(walker with { Frames = advanced });
                var steps = walker.Steps.Add(new RuleStep(frame.Chain.Name, rule, match == Match.Yes));
                switch (rule.Verdict)
                {
                    case RuleVerdict.Permit or RuleVerdict.Bypass:
                        finished.Add(new ExplainedPath(RuleAction.Permit, [.. steps], rule, null));
                        break;
                    case RuleVerdict.Deny:
                        finished.Add(new ExplainedPath(RuleAction.Deny, [.. steps], rule, null));
                        break;
                    case RuleVerdict.Continue:
                        walker = new Walker(advanced, steps);
                        continue;
                    case RuleVerdict.Unknown:
                        // Accepted or dropped by something the file does not show; a packet it lets go on would
                        // continue with the next rule, which the "permit" way stands for here.
                        finished.Add(new ExplainedPath(RuleAction.Permit, [.. steps], rule, null));
                        finished.Add(new ExplainedPath(RuleAction.Deny, [.. steps], rule, null));
                        break;
                    case RuleVerdict.Return:
                    {
                        var caller = walker.Frames.Pop();
                        if (caller.IsEmpty || frame.Chain.Kind != ChainKind.User)
                        {
                            finished.Add(PolicyOf(ruleSet, entry, steps));
                            break;
                        }
                        walker = new Walker(caller, steps);
                        continue;
                    }
                    case RuleVerdict.Jump or RuleVerdict.Goto:
                    {
                        var target = rule.Target is null ? null : chains.Find(rule.Target, frame.Chain.Table);
                        var loops = target is not null && frame.Active.Contains(target);
                        if (target is null || loops || advanced.Count() >= MaxDepth)
                        {
                            notes.Add(target is null ? Messages.Format("ExplainJumpUndefined", rule.Id, InputEcho.Quote(rule.Target ?? ""))
                                : loops ? Messages.Format("ExplainJumpLoop", rule.Id, InputEcho.Quote(target.Name))
                                : Messages.Format("ExplainTooDeep", rule.Id, MaxDepth));
                            finished.Add(new ExplainedPath(RuleAction.Permit, [.. steps], rule, null));
                            finished.Add(new ExplainedPath(RuleAction.Deny, [.. steps], rule, null));
                            break;
                        }
                        var frames = rule.Verdict == RuleVerdict.Jump ? advanced : walker.Frames.Pop();
                        // A goto from the entry chain leaves nothing to return to: the entry chain's policy then decides.
                        // Either way the chain left stays active: until the target returns, coming back to it loops.
                        var active = frame.Active.Add(target);
                        walker = new Walker(frames.Push(new Frame(target, 0, active)), steps);
                        continue;
                    }
                }
                break;
            }
        }
        return (finished, work.Count > 0);
    }

    private static ExplainedPath PolicyOf(RuleSet ruleSet, RuleChain entry, ImmutableList<RuleStep> steps) =>
        new(DefaultOf(entry), [.. steps], null, DefaultName(entry));

    /// <summary>What an entry chain does with a packet no rule decided: its policy (an access list's is deny).</summary>
    public static RuleAction DefaultOf(RuleChain entry) => entry.Policy == RuleVerdict.Deny ? RuleAction.Deny : RuleAction.Permit;

    /// <summary>How reports name an entry chain's default: an IOS access list ends in an implicit deny; the model's own lists end in the default it states.</summary>
    public static string DefaultName(RuleChain entry) => entry.DefaultLabel
        ?? (entry.Kind == ChainKind.AccessList ? $"implicit deny at the end of {entry.Name}" : $"policy of {entry.Name}");

    /// <summary>
    /// What a Windows rule set puts in force for one direction and profile: the profile's settings, the enabled rules
    /// of that direction and profile (without the local store's when Group Policy forbids merging it), and the default.
    /// </summary>
    public sealed record WindowsPlace(
        WindowsProfile? Profile,
        bool LocalIgnored,
        IReadOnlyList<(string Chain, ImportedRule Rule)> Rules,
        RuleAction Default,
        string DefaultName)
    {
        public bool Off => Profile?.Enabled == false;

        public bool BlocksAllInbound(FlowContext context) => context.Direction != TrafficDirection.Out && Profile?.BlockAllInbound == true;
    }

    public static WindowsPlace WindowsRulesInForce(RuleSet ruleSet, FlowContext context)
    {
        var profile = ruleSet.Profiles.FirstOrDefault(p => p.Profile == context.Profile);
        var inbound = context.Direction != TrafficDirection.Out;
        // Group Policy can forbid local rules (AllowLocalPolicyMerge = 0): then only its own store counts.
        var localIgnored = profile?.AllowLocalPolicyMerge == false && ruleSet.Chains.Any(c => c.Kind == ChainKind.WindowsRules && c.Name == "gpo");
        var rules = ruleSet.Chains.Where(c => c.Kind == ChainKind.WindowsRules && !(localIgnored && c.Name == "local"))
            .SelectMany(c => c.Rules.Select(r => (Chain: c.Name, Rule: r)))
            .Where(x => x.Rule.Direction == context.Direction
                && (x.Rule.Profiles.IsEmpty || x.Rule.Profiles.Contains(context.Profile)))
            .ToList();
        var defaultAction = inbound ? profile?.DefaultInbound ?? RuleAction.Deny : profile?.DefaultOutbound ?? RuleAction.Permit;
        return new WindowsPlace(profile, localIgnored, rules, defaultAction, $"default {(inbound ? "inbound" : "outbound")} action of the {context.Profile} profile");
    }

    private static FlowExplanation Windows(RuleSet ruleSet, Flow flow, FlowContext context)
    {
        var place = WindowsRulesInForce(ruleSet, context);
        var profile = place.Profile;
        var notes = ImmutableArray.CreateBuilder<string>();
        if (place.Off)
        {
            return new FlowExplanation(FlowDecision.Permit, [new ExplainedPath(RuleAction.Permit, [], null, $"the {context.Profile} profile is off")], []);
        }
        if (place.LocalIgnored) notes.Add(Messages.Format("ExplainNoLocalMerge", context.Profile));
        var matches = place.Rules
            .Select(x => (x.Chain, x.Rule, Match: RuleMatcher.Matches(x.Rule, flow)))
            .Where(x => x.Match != Match.No)
            .Select(x => new RuleStep(x.Chain, x.Rule, x.Match == Match.Yes))
            .ToList();
        var inbound = context.Direction != TrafficDirection.Out;
        var defaultAction = place.Default;
        var defaultName = place.DefaultName;
        if (place.BlocksAllInbound(context))
        {
            notes.Add(Messages.Format("ExplainBlockAllInbound", context.Profile));
        }

        // Trying every combination of the uncertain rules would be exponential; the outcome depends only on the
        // strongest kind of rule present, so the cases "all", "only the permitting" and "only the denying" cover it.
        ExplainedPath Decide(Func<RuleStep, bool> present)
        {
            var applying = matches.Where(present).ToList();
            var bypass = applying.FirstOrDefault(s => s.Rule.Verdict == RuleVerdict.Bypass);
            var block = applying.FirstOrDefault(s => s.Rule.Verdict == RuleVerdict.Deny);
            var allow = applying.FirstOrDefault(s => s.Rule.Verdict == RuleVerdict.Permit);
            if (bypass is not null) return new ExplainedPath(RuleAction.Permit, [.. applying], bypass.Rule, null);
            if (block is not null) return new ExplainedPath(RuleAction.Deny, [.. applying], block.Rule, null);
            if (inbound && profile?.BlockAllInbound == true) return new ExplainedPath(RuleAction.Deny, [.. applying], null, $"{context.Profile} profile: block all inbound");
            if (allow is not null) return new ExplainedPath(RuleAction.Permit, [.. applying], allow.Rule, null);
            return new ExplainedPath(defaultAction, [.. applying], null, defaultName);
        }
        var certain = Decide(s => s.Certain);
        var paths = new List<ExplainedPath> { certain };
        if (matches.Any(s => !s.Certain))
        {
            // The uncertain rules can only push the decision one way: toward permit (allow/bypass) or deny (block).
            var withAll = Decide(_ => true);
            var withPermitting = Decide(s => s.Certain || s.Rule.Verdict != RuleVerdict.Deny);
            var withDenying = Decide(s => s.Certain || s.Rule.Verdict == RuleVerdict.Deny);
            foreach (var other in new[] { withAll, withPermitting, withDenying })
            {
                if (paths.All(p => p.Outcome != other.Outcome)) paths.Add(other);
            }
        }
        return new FlowExplanation(FlowExplanation.Combine(paths), [.. paths], notes.ToImmutable());
    }
}
