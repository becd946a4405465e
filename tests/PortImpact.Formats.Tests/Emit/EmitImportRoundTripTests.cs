using System.Collections.Immutable;
using System.Text;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.Policies;
using PortImpact.Engine.RuleSets;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using Xunit.Abstractions;

namespace PortImpact.Formats.Tests.Emit;

/// <summary>
/// Emit → import gives back an equivalent policy. Random closures and exception lists (seeded, so every case is
/// reproducible from its seed) are emitted for iptables, nft and IOS, the text is read back with our own readers,
/// and many new connections are decided by <see cref="RuleSetEvaluator"/> and by the engine's own change layer
/// (<see cref="CompiledPolicy"/> over exceptions then <see cref="ResolvedClosure.RuleFor"/>, exactly as
/// <see cref="Scenario"/> builds it). "Permit" in the emitted rules means "passes on to the existing rules"; the
/// files hold no existing rules, so what passes on meets FORWARD's / the hook's accept policy, or IOS's final
/// <c>permit ip any any</c>. PowerShell and netsh host rules are read back by the Windows script reader and
/// decided with Windows' precedence; there "passes on" is a profile whose default action allows, which the test
/// appends to the script (Set-NetFirewallProfile / netsh advfirewall set), standing for the host's existing rules.
/// Windows rules take ports 1-65535, so flows to port 0 are not asked of them.
/// </summary>
public sealed class EmitImportRoundTripTests(ITestOutputHelper output)
{
    private const int Cases = 200;
    private const int FlowsPerCase = 80;
    private const int RouterSeeds = 1_000;
    private const int HostSeeds = 2_000;
    private const int BaselineSeeds = 3_000;

    /// <summary>A failed case; <c>Kind</c> keeps one kind of failure from hiding another in the report.</summary>
    private sealed record Finding(int Seed, string Where, string Kind, int Size, string Detail);

    private sealed class Tally
    {
        public List<Finding> Findings { get; } = [];
        public Dictionary<string, int> Emitted { get; } = [];
        public Dictionary<string, int> Refused { get; } = [];
        public int Flows { get; set; }
        public int Denied { get; set; }

        public static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    [Fact]
    public void EmitImportRoundTrip_router_changes_read_back_as_the_engine_decides_them()
    {
        var tally = new Tally();
        for (var seed = RouterSeeds; seed < RouterSeeds + Cases; seed++)
        {
            var generator = new RoundTripGenerator(seed);
            var change = generator.RouterChange();
            var flows = generator.RouterFlows(change, FlowsPerCase);
            var reference = ChangeLayer(change);
            foreach (var target in new[] { RuleFormats.Emitter("iptables"), RuleFormats.Emitter("nft"), RuleFormats.Emitter("ios") })
            {
                // Nothing documented refuses a both-ways router change without a baseline on these targets.
                if (!TryEmit(tally, seed, target, change, EmitOptions.Router, expectedRefusal: null, out var text)) continue;
                Check(tally, seed, target, change, EmitOptions.Router, null, text, flows, reference);
            }
        }
        Report(tally);
    }

    [Fact]
    public void EmitImportRoundTrip_host_changes_read_back_as_the_engine_decides_them()
    {
        var tally = new Tally();
        for (var seed = HostSeeds; seed < HostSeeds + Cases; seed++)
        {
            var generator = new RoundTripGenerator(seed);
            var (change, host) = generator.HostChange();
            var options = EmitOptions.ForHost(host);
            var flows = generator.HostFlows(change, host, FlowsPerCase);
            var reference = ChangeLayer(change);
            foreach (var target in new[] { RuleFormats.Emitter("iptables"), RuleFormats.Emitter("nft"), RuleFormats.Emitter("ios"), RuleFormats.Emitter("powershell"), RuleFormats.Emitter("netsh") })
            {
                // Documented (EmitCapabilities.OnHost): IOS rules belong on a router interface, never on a host firewall;
                // (WindowsBlockPlan) Windows block rules cannot exempt part of the host's own addresses.
                var expected = target.Id switch
                {
                    "ios" => "rules belong on a router interface, not on a host firewall",
                    "powershell" or "netsh" when ExemptsPartOfHost(change, host) => "names only some of the host's addresses",
                    _ => null,
                };
                if (!TryEmit(tally, seed, target, change, options, expected, out var text)) continue;
                Check(tally, seed, target, change, options, null, text, flows, reference);
            }
        }
        Report(tally);
    }

    /// <summary>
    /// IOS with the device's own ACL given: refused exactly when a permit exception overlaps what that ACL denies
    /// (IosEmitter's documented check), and otherwise the emitted lines merged at the top of that ACL, as its
    /// comments instruct, decide like the engine's layered change over the baseline.
    /// </summary>
    [Fact]
    public void EmitImportRoundTrip_ios_lines_merged_ahead_of_a_baseline_acl_decide_like_the_layered_change()
    {
        var tally = new Tally();
        for (var seed = BaselineSeeds; seed < BaselineSeeds + Cases; seed++)
        {
            var generator = new RoundTripGenerator(seed);
            var change = generator.RouterChange();
            var baseline = generator.Baseline();
            var flows = generator.RouterFlows(change, FlowsPerCase, baseline);
            var options = new EmitOptions(Baseline: baseline);
            var expected = ExceptionOverlapsBaselineDenies(change, baseline) ? "overlaps what" : null;
            if (!TryEmit(tally, seed, RuleFormats.Emitter("ios"), change, options, expected, out var text)) continue;
            Check(tally, seed, RuleFormats.Emitter("ios"), change, options, null, text, flows, ChangeLayer(change));
            var merged = MergeAheadOf(text, baseline);
            var layered = CompiledPolicy.Layered(ChangeLayer(change), new CompiledPolicy(baseline));
            Check(tally, seed, RuleFormats.Emitter("ios"), change, options, baseline, merged, flows, layered);
        }
        Report(tally);
    }

    /// <summary>The engine's change layer: the exceptions in order, then the closure's deny, then "pass on".</summary>
    private static CompiledPolicy ChangeLayer(ChangeAtPoint change)
    {
        var closure = new ResolvedClosure(new Closure(change.Closed, [], change.Direction),
            ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, change.Direction, change.Direction);
        ImmutableArray<FirewallRule> rules = change.Closed.IsEmpty ? change.Exceptions : [.. change.Exceptions, closure.RuleFor(change.Direction)];
        return new CompiledPolicy(new Policy(PolicySemantics.OrderedAcl, rules, RuleAction.Permit, RuleAction.Permit));
    }

    private static FlowDecision Reference(CompiledPolicy policy, RoundTripFlow flow)
    {
        var decision = policy.Decide(flow.Direction, AddressSet.Of(AddressRange.Single(flow.Flow.Source)),
            AddressSet.Of(AddressRange.Single(flow.Flow.Destination)), flow.Transport, PortSet.Of(flow.Flow.DestinationPort));
        return !decision.Mixed.IsEmpty ? FlowDecision.Uncertain : decision.Allowed.IsEmpty ? FlowDecision.Deny : FlowDecision.Permit;
    }

    private static bool TryEmit(Tally tally, int seed, IRuleEmitter target, ChangeAtPoint change, EmitOptions options, string? expectedRefusal, out string text)
    {
        var where = $"{target.Id} {(options.OnHost ? "host" : "router")}";
        try
        {
            text = ChangeEmitter.Emit(target, change, options);
        }
        catch (EmitRefusedException refused)
        {
            Tally.Count(tally.Refused, where);
            text = "";
            if (expectedRefusal is null || !refused.Message.Contains(expectedRefusal, StringComparison.Ordinal))
            {
                tally.Findings.Add(new Finding(seed, where, "unexpected refusal", change.Exceptions.Length,
                    $"refused where no documented refusal applies (expected: {expectedRefusal ?? "no refusal"}): {refused.Message}\n"
                    + RoundTripGenerator.Describe(change, options, options.Baseline)));
            }
            return false;
        }
        Tally.Count(tally.Emitted, where);
        if (expectedRefusal is not null)
        {
            tally.Findings.Add(new Finding(seed, where, "missing refusal", change.Exceptions.Length,
                $"emitted where a refusal is documented ({expectedRefusal})\n{RoundTripGenerator.Describe(change, options, options.Baseline)}--- emitted ---\n{text}"));
            return false;
        }
        return true;
    }

    private static void Check(Tally tally, int seed, IRuleEmitter target, ChangeAtPoint change, EmitOptions options, Policy? merged,
        string text, IReadOnlyList<RoundTripFlow> flows, CompiledPolicy reference)
    {
        var where = $"{target.Id} {(options.OnHost ? "host" : "router")}{(merged is null ? "" : " merged over baseline")}";
        string Context() => $"{RoundTripGenerator.Describe(change, options, merged)}--- {(merged is null ? "emitted" : "emitted, merged ahead of the baseline")} ---\n{text}";
        var (format, file) = target.Id switch
        {
            "iptables" => (RuleSetFormat.Iptables, "portimpact.rules"),
            "nft" => (RuleSetFormat.Nftables, "portimpact.nft"),
            "powershell" => (RuleSetFormat.WindowsScript, "portimpact.ps1"),
            "netsh" => (RuleSetFormat.WindowsScript, "portimpact.cmd"),
            _ => (RuleSetFormat.CiscoIos, "portimpact.ios"),
        };
        var windows = target.Id is "powershell" or "netsh";
        text += target.Id switch
        {
            "powershell" => "Set-NetFirewallProfile -All -DefaultInboundAction Allow -DefaultOutboundAction Allow\n",
            "netsh" => "netsh advfirewall set allprofiles firewallpolicy allowinbound,allowoutbound\n",
            _ => "",
        };
        RuleSet ruleSet;
        try
        {
            ruleSet = RuleSetReader.Read(Encoding.UTF8.GetBytes(text), file, format);
        }
        catch (Exception e)
        {
            tally.Findings.Add(new Finding(seed, where, "reader rejects the text", change.Exceptions.Length, $"our reader rejects the emitted text: {e.Message}\n{Context()}"));
            return;
        }
        // An iptables-restore --noflush file inserts into the device's FORWARD/INPUT without declaring them: their
        // policy is the device's, not the file's, and the reader rightly says so. Everything else must be understood.
        var notUnderstood = ruleSet.NotUnderstood
            .Where(n => n.Effect is NotUnderstoodEffect.RuleMayMatch or NotUnderstoodEffect.ChainUncertain)
            .Where(n => !(target == RuleFormats.Emitter("iptables") && n.Construct == "policy"))
            .ToList();
        if (notUnderstood.Count > 0)
        {
            tally.Findings.Add(new Finding(seed, where, "not understood", change.Exceptions.Length,
                "not understood by our own reader: " + string.Join("; ", notUnderstood.Select(n => $"line {n.Location.Line}: {n.Construct} '{n.Text}' ({n.Effect})"))
                + $"\n{Context()}"));
        }
        // An access list is asked for where the file has them (IOS); netfilter files are asked at the flow's hook.
        var context = new FlowContext(Hook: null, AccessList: target.Id == "ios" ? $"PORTIMPACT-{change.Point.ToUpperInvariant()}" : null);
        foreach (var flow in flows)
        {
            if (windows && flow.Flow.DestinationPort == 0) continue;
            tally.Flows++;
            var expected = Reference(reference, flow);
            if (expected == FlowDecision.Deny) tally.Denied++;
            var explained = RuleSetEvaluator.Explain(ruleSet, flow.Flow, context with { Hook = flow.Hook is null ? null : NetfilterHook.Parse(flow.Hook), Direction = flow.Direction });
            if (explained.Decision == expected) continue;
            var paths = string.Join("\n", explained.Paths.Select(p =>
                $"  {p.Outcome} by {(p.DecidedBy is { } rule ? $"line {rule.Location.Line}: {rule.Text}" : p.Default)}"));
            tally.Findings.Add(new Finding(seed, where, "decision differs", change.Exceptions.Length,
                $"decision differs: flow {flow}: engine {expected}, imported {explained.Decision}\n{paths}\n{Context()}"));
            return;
        }
    }

    /// <summary>
    /// WindowsBlockPlan's documented refusal: in a direction where the change blocks something, a rule of that
    /// direction whose local side (destination inbound, source outbound) holds some but not all of the host's addresses.
    /// </summary>
    private static bool ExemptsPartOfHost(ChangeAtPoint change, AddressSet host)
    {
        static bool Matches(FirewallRule r) => !r.Ports.IsEmpty && !r.Source.IsEmpty && !r.Destination.IsEmpty;
        return new[] { TrafficDirection.In, TrafficDirection.Out }.Any(direction =>
        {
            var exceptions = change.Exceptions.Where(e => e.AppliesTo(direction) && Matches(e)).ToList();
            var blocks = (!change.Closed.IsEmpty && (change.Direction == TrafficDirection.Both || change.Direction == direction))
                || exceptions.Any(e => e.Action == RuleAction.Deny);
            return blocks && exceptions.Any(e => (direction == TrafficDirection.In ? e.Destination : e.Source).Cover(host) == Coverage.Partial);
        });
    }

    /// <summary>IosEmitter's documented refusal, evaluated with the engine: a permit exception's traffic that the baseline denies, either way.</summary>
    private static bool ExceptionOverlapsBaselineDenies(ChangeAtPoint change, Policy baseline)
    {
        var compiled = new CompiledPolicy(baseline);
        return change.Exceptions.Where(e => e.Action == RuleAction.Permit && !e.Source.IsEmpty && !e.Destination.IsEmpty).Any(e =>
            new[] { TrafficDirection.In, TrafficDirection.Out }.Any(direction => TransportNames.All.Any(transport =>
            {
                if (e.Ports[transport].IsEmpty) return false;
                var decision = compiled.Decide(direction, e.Source, e.Destination, transport, e.Ports[transport]);
                return !decision.Denied.IsEmpty || !decision.Mixed.IsEmpty;
            })));
    }

    /// <summary>
    /// The emitted ACL as its comments say to merge it into an interface's existing ACL: its lines at the top,
    /// without the final <c>permit ip any any</c>, then the existing ACL's own lines (here the baseline, written as IOS).
    /// </summary>
    private static string MergeAheadOf(string emitted, Policy baseline)
    {
        var lines = emitted.Split('\n').ToList();
        var last = lines.FindLastIndex(l => l.Length > 0 && !l.StartsWith('!'));
        Assert.Equal(" permit ip any any", lines[last]);
        lines.RemoveAt(last);
        var text = new StringBuilder(string.Join("\n", lines.Where(l => l.Length > 0))).Append('\n');
        foreach (var rule in baseline.Rules)
        {
            text.Append($" remark {rule.Label}\n");
            var verb = rule.Action == RuleAction.Permit ? "permit" : "deny";
            foreach (var transport in TransportNames.All)
            {
                var ports = rule.Ports[transport];
                if (ports.IsEmpty) continue;
                var clauses = ports.Equals(PortSet.All) ? [""] : ports.Ranges.Select(r => r.First == r.Last ? $" eq {r.First}" : $" range {r.First} {r.Last}").ToList();
                foreach (var source in Endpoints(rule.Source))
                {
                    foreach (var destination in Endpoints(rule.Destination))
                    {
                        foreach (var clause in clauses) text.Append($" {verb} {transport.ToId()} {source} {destination}{clause}\n");
                    }
                }
            }
        }
        if (baseline.DefaultIn == RuleAction.Permit) text.Append(" permit ip any any\n");
        return text.ToString();
    }

    private static IEnumerable<string> Endpoints(AddressSet addresses) => addresses.IsAny
        ? ["any"]
        : RoundTripGenerator.Prefixes(addresses).Select(p => p.Length == 32
            ? $"host {AddressRange.FormatAddress(p.Network)}"
            : $"{AddressRange.FormatAddress(p.Network)} {AddressRange.FormatAddress(p.Length == 0 ? uint.MaxValue : (1u << (32 - p.Length)) - 1)}");

    private void Report(Tally tally)
    {
        string Counts(Dictionary<string, int> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));
        output.WriteLine($"{Cases} cases, {tally.Flows} flows decided ({tally.Denied} denied); emitted: {Counts(tally.Emitted)}; refused: {Counts(tally.Refused)}");
        if (tally.Findings.Count == 0) return;
        var summary = new StringBuilder($"{tally.Findings.Count} round-trip failure(s):\n");
        foreach (var group in tally.Findings.GroupBy(f => $"{f.Where}, {f.Kind}"))
        {
            summary.Append($"  {group.Key}: seeds {string.Join(", ", group.Select(f => f.Seed).Distinct().Take(20))}{(group.Count() > 20 ? ", …" : "")}\n");
        }
        // The smallest case of each kind in full: fewest exceptions, then the shortest report.
        foreach (var group in tally.Findings.GroupBy(f => $"{f.Where}, {f.Kind}"))
        {
            var smallest = group.OrderBy(f => f.Size).ThenBy(f => f.Detail.Length).First();
            summary.Append($"\n=== seed {smallest.Seed}, {smallest.Where} ===\n{smallest.Detail}\n");
        }
        output.WriteLine(summary.ToString());
        Assert.Fail(summary.ToString());
    }
}
