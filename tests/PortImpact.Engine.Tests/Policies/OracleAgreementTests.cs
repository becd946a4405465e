using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.Policies;

namespace PortImpact.Engine.Tests.Policies;

/// <summary>
/// The engine's one evaluator (<see cref="CompiledPolicy"/>: set algebra where the rules met are plain, flow by flow
/// otherwise) against <see cref="BruteForceOracle"/>, which decides single packets from the rules' definitions. For
/// random policies written in the model, random access lists, random iptables-like chains with jumps, gotos, returns,
/// source ports and conditions that may match, and random Windows stores with profiles, every port of every random
/// question must come out as the oracle says: allowed when every packet of the host groups passes, denied when none
/// does, mixed otherwise; and every port that does not pass is named by a rule or default that stops it.
/// </summary>
public sealed class OracleAgreementTests
{
    private const uint Base = 0x0A000000; // 10.0.0.0, a universe of 16 addresses
    private const int FirstPort = 130, LastPort = 145;
    private static readonly ClientSourcePorts ClientPorts = new(PortSet.Range(50000, 50003),
        ImmutableDictionary<(Transport, int), PortSet>.Empty.Add((Transport.Udp, 137), PortSet.Of(137)));
    private static readonly SourceLocation Here = new("generated", 1, 1);

    private static AddressSet Addresses(Random random, bool allowAny = true)
    {
        if (allowAny && random.Next(4) == 0) return AddressSet.Any;
        var first = (uint)random.Next(16);
        var last = Math.Min(15u, first + (uint)random.Next(6));
        var set = AddressSet.Of(new AddressRange(Base + first, Base + last));
        if (random.Next(4) == 0) set = set.Union(AddressSet.Of(AddressRange.Single(Base + (uint)random.Next(16))));
        return set;
    }

    private static PortSet Ports(Random random)
    {
        if (random.Next(5) == 0) return PortSet.All;
        var first = random.Next(FirstPort, LastPort + 1);
        return PortSet.Range(first, Math.Min(LastPort, first + random.Next(5)));
    }

    private static ProtocolSet Protocols(Random random) => random.Next(6) switch
    {
        0 => ProtocolSet.Any,
        1 => ProtocolSet.Of(1),
        2 or 3 => ProtocolSet.Of(ProtocolSet.Tcp),
        _ => ProtocolSet.Of(ProtocolSet.Udp),
    };

    private static ImportedRule Rule(Random random, int index, RuleVerdict verdict, string? target = null, TrafficDirection? direction = null, ImmutableArray<FirewallProfile> profiles = default) =>
        new($"r{index}", Here with { Line = index + 1 }, $"rule {index}", verdict, target, Protocols(random), Addresses(random), Addresses(random),
            random.Next(6) == 0 ? (random.Next(2) == 0 ? PortSet.Range(50000, 50001) : PortSet.Of(137)) : PortSet.All,
            Ports(random), NewConnections: random.Next(10) != 0, direction, Enabled: random.Next(10) != 0,
            profiles.IsDefault ? [] : profiles, random.Next(10) == 0 ? [new OpaqueCondition("-m mark", "--mark 1")] : []);

    private static RuleVerdict Verdict(Random random, params RuleVerdict[] among) => among[random.Next(among.Length)];

    private static ImportedPolicy Chains(Random random)
    {
        var index = 0;
        ImmutableArray<ImportedRule> Rules(int count, params string[] targets) => [.. Enumerable.Range(0, count).Select(_ =>
        {
            var verdict = Verdict(random, targets.Length == 0
                ? [RuleVerdict.Permit, RuleVerdict.Deny, RuleVerdict.Continue, RuleVerdict.Return]
                : [RuleVerdict.Permit, RuleVerdict.Deny, RuleVerdict.Continue, RuleVerdict.Return, RuleVerdict.Jump, RuleVerdict.Goto]);
            return Rule(random, index++, verdict, verdict is RuleVerdict.Jump or RuleVerdict.Goto ? targets[random.Next(targets.Length)] : null);
        })];
        // No loops: the base chain reaches u1 and u2, u1 reaches u2, u2 reaches nothing.
        var forward = new RuleChain("FORWARD", "filter", ChainKind.Base, "forward", 0, random.Next(2) == 0 ? RuleVerdict.Deny : RuleVerdict.Permit, Rules(random.Next(0, 7), "u1", "u2"), Here);
        var u1 = new RuleChain("u1", "filter", ChainKind.User, null, 0, null, Rules(random.Next(0, 5), "u2"), Here);
        var u2 = new RuleChain("u2", "filter", ChainKind.User, null, 0, null, Rules(random.Next(0, 5)), Here);
        return new ImportedPolicy(new RuleSet(RuleSetFormat.Iptables, "rules.v4", PolicySemantics.OrderedAcl, [forward, u1, u2], [], [], []), OnHost: false);
    }

    private static ImportedPolicy AccessList(Random random)
    {
        var rules = Enumerable.Range(0, random.Next(0, 10)).Select(i => Rule(random, i, Verdict(random, RuleVerdict.Permit, RuleVerdict.Deny))).ToImmutableArray();
        var list = new RuleChain("EDGE", null, ChainKind.AccessList, null, 0, RuleVerdict.Deny, rules, Here);
        return new ImportedPolicy(new RuleSet(RuleSetFormat.CiscoIos, "router.cfg", PolicySemantics.OrderedAcl, [list], [], [], []), OnHost: false, "EDGE");
    }

    private static ImportedPolicy WindowsStores(Random random)
    {
        var index = 0;
        RuleChain Store(string name) => new(name, null, ChainKind.WindowsRules, null, 0, null, [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ =>
        {
            ImmutableArray<FirewallProfile> profiles = random.Next(3) == 0 ? [] : [.. FirewallProfile.All.Where(_ => random.Next(2) == 0)];
            var direction = random.Next(2) == 0 ? TrafficDirection.In : TrafficDirection.Out;
            return Rule(random, index++, Verdict(random, RuleVerdict.Permit, RuleVerdict.Permit, RuleVerdict.Deny, RuleVerdict.Bypass), null, direction, profiles);
        })], Here);
        bool? Maybe() => random.Next(3) switch { 0 => null, 1 => true, _ => false };
        RuleAction? Action() => random.Next(3) switch { 0 => null, 1 => RuleAction.Permit, _ => RuleAction.Deny };
        var profiles = FirewallProfile.All.Select(name => new WindowsProfile(name, random.Next(6) == 0 ? false : Maybe() ?? true, Action(), Action(), Maybe(), random.Next(5) == 0, Here)).ToImmutableArray();
        var ruleSet = new RuleSet(RuleSetFormat.WindowsRegistry, "policy.reg", PolicySemantics.WindowsFirewall, [Store("gpo"), Store("local")], [], profiles, []);
        return new ImportedPolicy(ruleSet, OnHost: true, Profile: FirewallProfile.All[random.Next(3)]);
    }

    private static Policy ModelPolicy(Random random, PolicySemantics semantics)
    {
        var rules = Enumerable.Range(0, random.Next(0, 8)).Select(i => new FirewallRule(
            random.Next(2) == 0 ? RuleAction.Permit : RuleAction.Deny,
            new PortSelection(random.Next(4) == 0 ? PortSet.Empty : Ports(random), random.Next(4) == 0 ? PortSet.Empty : Ports(random)),
            Addresses(random), Addresses(random), new[] { TrafficDirection.In, TrafficDirection.Out, TrafficDirection.Both }[random.Next(3)],
            $"rule {i + 1}", new SourceLocation("model.yaml", i + 1, 5))).ToImmutableArray();
        RuleAction Default() => random.Next(2) == 0 ? RuleAction.Permit : RuleAction.Deny;
        return new Policy(semantics, rules, Default(), Default());
    }

    /// <summary>Asks random questions of the compiled policy and checks every port of every answer against the oracle.</summary>
    private static int Check(int seed, Random random, Policy policy, Func<BruteForceOracle.Packet, TrafficDirection, HashSet<RuleAction>> oracle)
    {
        var compiled = new CompiledPolicy(policy, ClientPorts);
        var checkedPorts = 0;
        for (var question = 0; question < 8; question++)
        {
            var source = Addresses(random, allowAny: false);
            var destination = Addresses(random, allowAny: false);
            var transport = random.Next(2) == 0 ? Transport.Tcp : Transport.Udp;
            var first = random.Next(FirstPort, LastPort + 1);
            var asked = PortSet.Range(first, Math.Min(LastPort, first + random.Next(4)));
            var direction = random.Next(2) == 0 ? TrafficDirection.In : TrafficDirection.Out;
            var decision = compiled.Decide(direction, source, destination, transport, asked);
            Assert.Equal(asked, decision.Allowed.Union(decision.Denied).Union(decision.Mixed));
            var named = decision.DenyingRules.Aggregate(PortSet.Empty, (all, hit) => all.Union(hit.Ports));
            foreach (var port in asked.Ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)))
            {
                var outcomes = new HashSet<RuleAction>();
                foreach (var from in Members(source))
                {
                    foreach (var to in Members(destination))
                    {
                        foreach (var sourcePort in ClientPorts.For(transport, port).Ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)))
                        {
                            var packet = new BruteForceOracle.Packet(transport == Transport.Tcp ? ProtocolSet.Tcp : ProtocolSet.Udp, from, sourcePort, to, port);
                            outcomes.UnionWith(oracle(packet, direction));
                        }
                    }
                }
                var expected = outcomes.Count == 2 ? "mixed" : outcomes.Single() == RuleAction.Permit ? "allowed" : "denied";
                var actual = decision.Allowed.Contains(port) ? "allowed" : decision.Denied.Contains(port) ? "denied" : "mixed";
                Assert.True(expected == actual, $"seed {seed}, question {question}: {direction} {transport.ToId()}/{port} from {source} to {destination}: oracle {expected}, engine {actual}");
                if (actual != "allowed") Assert.True(named.Contains(port), $"seed {seed}, question {question}: {transport.ToId()}/{port} is {actual} but no rule or default is named for it");
                checkedPorts++;
            }
        }
        return checkedPorts;
    }

    private static IEnumerable<uint> Members(AddressSet set) => set.Ranges.SelectMany(r => Enumerable.Range(0, (int)(r.Last - r.First + 1)).Select(i => r.First + (uint)i));

    [Theory]
    [InlineData(PolicySemantics.OrderedAcl)]
    [InlineData(PolicySemantics.WindowsFirewall)]
    public void Model_policies_decide_as_the_oracle(PolicySemantics semantics)
    {
        var ports = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var policy = ModelPolicy(random, semantics);
            ports += Check(seed, random, policy, (packet, direction) => [BruteForceOracle.Model(policy, packet, direction)]);
        }
        Assert.True(ports > 3000, $"only {ports} ports were compared");
    }

    [Fact]
    public void Access_lists_decide_as_the_oracle()
    {
        var ports = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var imported = AccessList(random);
            var entry = imported.RuleSet.Chains[0];
            ports += Check(seed, random, Policy.FromRules(imported), (packet, _) => BruteForceOracle.Ordered(imported.RuleSet, entry, packet));
        }
        Assert.True(ports > 3000, $"only {ports} ports were compared");
    }

    [Fact]
    public void Chains_with_jumps_gotos_and_returns_decide_as_the_oracle()
    {
        var ports = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var imported = Chains(random);
            var entry = imported.RuleSet.Chains[0];
            ports += Check(seed, random, Policy.FromRules(imported), (packet, _) => BruteForceOracle.Ordered(imported.RuleSet, entry, packet));
        }
        Assert.True(ports > 3000, $"only {ports} ports were compared");
    }

    [Fact]
    public void Windows_stores_with_profiles_decide_as_the_oracle()
    {
        var ports = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var imported = WindowsStores(random);
            ports += Check(seed, random, Policy.FromRules(imported), (packet, direction) => BruteForceOracle.Windows(imported.RuleSet, packet, direction, imported.Profile));
        }
        Assert.True(ports > 3000, $"only {ports} ports were compared");
    }

    /// <summary>
    /// Rules that each name one source host, then rules that each name one destination host, would cut two /16 groups
    /// into 200 × 200 regions: past the limit the engine stops cutting and says "depends on the member" for what those
    /// rules touch, and still decides exactly what no such rule reaches.
    /// </summary>
    [Theory]
    [InlineData(PolicySemantics.OrderedAcl)]
    [InlineData(PolicySemantics.WindowsFirewall)]
    public void Rules_that_would_cut_groups_without_end_give_a_bounded_answer_that_is_never_wrong(PolicySemantics semantics)
    {
        static AddressSet Host(uint a, uint b, uint c) => AddressSet.Of(new AddressRange(0x0A000000u | a << 16 | b << 8 | c, 0x0A000000u | a << 16 | b << 8 | c));
        var smb = new PortSelection(PortSet.Of(445), PortSet.Empty);
        var rules = Enumerable.Range(0, 200).Select(i => new FirewallRule(RuleAction.Deny, smb, Host(0, (uint)i, 1), AddressSet.Any, TrafficDirection.In, $"deny from {i}", null))
            .Concat(Enumerable.Range(0, 200).Select(i => new FirewallRule(RuleAction.Permit, smb, AddressSet.Any, Host(1, (uint)i, 1), TrafficDirection.In, $"allow to {i}", null)))
            .ToImmutableArray();
        var compiled = new CompiledPolicy(new Policy(semantics, rules, RuleAction.Deny, RuleAction.Permit), ClientPorts);
        var sites = (From: AddressSet.Of(new AddressRange(0x0A000000u, 0x0A00FFFFu)), To: AddressSet.Of(new AddressRange(0x0A010000u, 0x0A01FFFFu)));

        var decision = compiled.Decide(TrafficDirection.In, sites.From, sites.To, Transport.Tcp, PortSet.Of(80, 445));

        // 445 is denied from some members and allowed to others (whatever the semantics); 80 no rule names.
        Assert.Equal(PortSet.Of(445), decision.Mixed);
        Assert.Equal(PortSet.Of(80), decision.Denied);
        Assert.True(decision.DenyingRules.Single(h => h.IsDefault).Ports.Contains(80));
        Assert.Contains(decision.DenyingRules, h => !h.IsDefault && h.Rule.Label == "deny from 0" && h.Ports.Contains(445));
        Assert.True(CompiledPolicy.RegionLimit < 200 * 200, "the case must reach the limit to test it");
    }
}
