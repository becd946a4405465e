using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.Policies;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Tests.RuleSets;

/// <summary>
/// A model's own policy is one rule set with two ways to decide it: the set algebra the engine uses for whole
/// groups of ports and addresses, and the packet evaluator behind <c>rules explain --model M --point P</c>.
/// Random access lists and host firewalls, many single-address flows each way, must be decided alike by both.
/// </summary>
public sealed class ModelPolicyRuleSetTests
{
    private static AddressSet RandomAddresses(Random random)
    {
        if (random.Next(5) == 0) return AddressSet.Any;
        var length = random.Next(16, 33);
        var address = 0x0A000000u | (uint)random.Next(0, 1 << 16) << 8 | (uint)random.Next(256);
        var mask = length == 32 ? uint.MaxValue : ~(uint.MaxValue >> length);
        return AddressSet.Of(new AddressRange(address & mask, (address & mask) | ~mask));
    }

    private static PortSet RandomPorts(Random random)
    {
        if (random.Next(6) == 0) return PortSet.Empty;
        var first = random.Next(0, 200);
        return PortSet.Range(first, first + random.Next(0, 30));
    }

    private static Policy RandomPolicy(Random random, PolicySemantics semantics)
    {
        var rules = Enumerable.Range(0, random.Next(0, 8)).Select(i => new FirewallRule(
            random.Next(2) == 0 ? RuleAction.Permit : RuleAction.Deny,
            new PortSelection(RandomPorts(random), RandomPorts(random)),
            RandomAddresses(random), RandomAddresses(random),
            new[] { TrafficDirection.In, TrafficDirection.Out, TrafficDirection.Both }[random.Next(3)],
            $"rule {i + 1}", null)).ToImmutableArray();
        RuleAction Default() => random.Next(2) == 0 ? RuleAction.Permit : RuleAction.Deny;
        return new Policy(semantics, rules, Default(), Default());
    }

    [Theory]
    [InlineData(PolicySemantics.OrderedAcl)]
    [InlineData(PolicySemantics.WindowsFirewall)]
    public void The_explained_model_policy_decides_every_flow_as_the_engine(PolicySemantics semantics)
    {
        var compared = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var policy = RandomPolicy(random, semantics);
            var compiled = new CompiledPolicy(policy);
            var ruleSet = ModelPolicyRuleSet.Of(policy, "model.yaml");
            var addresses = policy.Rules.SelectMany(r => r.Source.Ranges.Concat(r.Destination.Ranges)).SelectMany(r => new[] { r.First, r.Last, r.Last + 1 })
                .Append(0x0A000001u).ToList();
            for (var i = 0; i < 40; i++)
            {
                var source = addresses[random.Next(addresses.Count)];
                var destination = addresses[random.Next(addresses.Count)];
                var transport = random.Next(2) == 0 ? Transport.Tcp : Transport.Udp;
                var port = random.Next(0, 240);
                var direction = random.Next(2) == 0 ? TrafficDirection.In : TrafficDirection.Out;
                var engine = compiled.Decide(direction, AddressSet.Of(AddressRange.Single(source)), AddressSet.Of(AddressRange.Single(destination)), transport, PortSet.Of(port));
                var expected = engine.Allowed.IsEmpty ? FlowDecision.Deny : FlowDecision.Permit;
                var flow = new Flow(transport == Transport.Tcp ? ProtocolSet.Tcp : ProtocolSet.Udp, source, 50000, destination, port);
                var context = new FlowContext(AccessList: direction == TrafficDirection.Out ? ModelPolicyRuleSet.Outbound : ModelPolicyRuleSet.Inbound, Direction: direction);
                var explained = RuleSetEvaluator.Explain(ruleSet, flow, context);
                Assert.True(expected == explained.Decision,
                    $"seed {seed}: {flow} {direction}: engine {expected}, explained {explained.Decision} by {explained.Paths[0].DecidedBy?.Text ?? explained.Paths[0].Default}");
                compared++;
            }
        }
        Assert.Equal(300 * 40, compared);
    }
}
