using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Engine.RuleSets;

namespace PortImpact.Engine.Tests.RuleSets;

/// <summary>
/// Lint on chains far longer than the hand-written tests' (issue 10): the indexed linter finds exactly what the plain
/// every-rule-against-every-rule linter (<see cref="ReferenceLinter"/>) finds, on random chains made to overlap a lot
/// or a little, and it finishes on 100,000 rules, naming the rules a bound cut short instead of hanging.
/// </summary>
public sealed class RuleSetLinterScaleTests
{
    private static readonly string[] Prefixes = ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "192.168.0.0/16", "192.168.1.0/24"];

    private static readonly RuleVerdict[] Verdicts =
        [RuleVerdict.Permit, RuleVerdict.Deny, RuleVerdict.Permit, RuleVerdict.Deny, RuleVerdict.Jump, RuleVerdict.Return, RuleVerdict.Continue];

    /// <summary>
    /// A rule from a small universe, so that rules overlap, cover and split each other often; with
    /// <paramref name="spread"/> most rules get a host and a port of their own, so that the index has something to narrow.
    /// </summary>
    private static ImportedRule RandomRule(Random random, int line, bool windows, bool spread)
    {
        var verdict = windows ? (random.Next(3) == 0 ? RuleVerdict.Deny : RuleVerdict.Permit) : Verdicts[random.Next(Verdicts.Length)];
        var own = spread && random.Next(8) != 0;
        AddressSet Side() => own
            ? AddressSet.Of(AddressRange.Single((uint)random.Next(1 << 24)))
            : AddressSet.Of(AddressRange.Parse(Prefixes[random.Next(Prefixes.Length)]));
        PortSet Ports()
        {
            if (own) return PortSet.Of(random.Next(1, 65536));
            return random.Next(5) switch
            {
                0 => PortSet.All,
                1 => PortSet.Of(random.Next(20, 30)),
                2 => PortSet.Range(random.Next(0, 40), random.Next(40, 80)),
                3 => PortSet.Of(22, 80, 443, random.Next(1000, 1010)),
                _ => PortSet.Of(random.Next(20, 30)).Complement(),
            };
        }
        var protocols = random.Next(4) switch
        {
            0 => ProtocolSet.Any,
            1 => ProtocolSet.Of(ProtocolSet.Udp),
            2 => ProtocolSet.Of(ProtocolSet.Tcp, ProtocolSet.Udp),
            _ => ProtocolSet.Of(ProtocolSet.Tcp),
        };
        var rule = ImportedRule.Everything($"r{line}", new SourceLocation("rules.txt", line, 1), $"line {line}", verdict) with
        {
            Target = verdict == RuleVerdict.Jump ? "OTHER" : null,
            Protocols = protocols,
            Source = Side(),
            Destination = random.Next(3) == 0 ? Side() : AddressSet.Any,
            SourcePorts = random.Next(6) == 0 ? Ports() : PortSet.All,
            DestinationPorts = Ports(),
            Enabled = random.Next(20) != 0,
            Opaque = random.Next(15) == 0 ? [new OpaqueCondition("interface", "eth0")] : [],
            StateLimited = random.Next(25) == 0,
        };
        if (!windows) return rule;
        return rule with
        {
            Direction = random.Next(4) == 0 ? TrafficDirection.Out : TrafficDirection.In,
            Profiles = random.Next(3) switch { 0 => [], 1 => [FirewallProfile.Domain], _ => [FirewallProfile.Private, FirewallProfile.Public] },
        };
    }

    private static RuleSet RandomSet(int seed, int count, bool windows, bool spread)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(1, count).Select(line => RandomRule(random, line, windows, spread)).ToImmutableArray();
        var location = new SourceLocation("rules.txt", 1, 1);
        return windows
            ? new RuleSet(RuleSetFormat.WindowsRegistry, "rules.txt", PolicySemantics.WindowsFirewall,
                [new RuleChain("local", null, ChainKind.WindowsRules, null, 0, null, rules, location)], [], [], [])
            : new RuleSet(RuleSetFormat.Iptables, "rules.txt", PolicySemantics.OrderedAcl,
                [new RuleChain("FORWARD", "filter", ChainKind.Base, "forward", 0, seed % 2 == 0 ? RuleVerdict.Deny : RuleVerdict.Permit, rules, location)], [], [], []);
    }

    private static string[] Described(IEnumerable<LintFinding> findings) =>
        [.. findings.Select(f => $"{f.Kind} {f.Severity} {f.Chain} {f.Rule.Id} [{string.Join(",", f.Because.Select(b => b.Id))}] {f.Message}")];

    public static TheoryData<int, int, bool, bool> Chains()
    {
        var data = new TheoryData<int, int, bool, bool>();
        foreach (var windows in new[] { false, true })
        {
            foreach (var spread in new[] { false, true })
            {
                foreach (var (seed, count) in new[] { (1, 30), (2, 120), (3, 400), (4, 700) })
                {
                    data.Add(seed, count, windows, spread);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void The_indexed_linter_finds_what_comparing_every_pair_finds(int seed, int count, bool windows, bool spread)
    {
        var set = RandomSet(seed, count, windows, spread);

        var expected = Described(ReferenceLinter.Lint(set));
        var report = RuleSetLinter.Check(set);

        Assert.Equal(expected, Described(report.Findings));
        // The random chains have findings of every kind, so the comparison above is not vacuous.
        if (!spread) Assert.Contains(expected, e => e.StartsWith("shadowed", StringComparison.Ordinal) || e.StartsWith("redundant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hundred_thousand_rules_that_rarely_overlap_are_linted_with_every_finding()
    {
        const int count = 100_000;
        var location = new SourceLocation("big.rules", 1, 1);
        // One host and port each, every seventh rule repeating an earlier one (shadowed), and a catch-all at the end.
        ImportedRule Host(int i)
        {
            var n = i % 7 == 0 && i > 0 ? i - 1 : i;
            return ImportedRule.Everything($"r{i}", new SourceLocation("big.rules", i + 2, 1), $"rule {i}", RuleVerdict.Permit) with
            {
                Protocols = ProtocolSet.Of(ProtocolSet.Tcp),
                Source = AddressSet.Of(AddressRange.Single(0x0A000000u + (uint)n)),
                DestinationPorts = PortSet.Of(1 + n * 37 % 65000),
            };
        }
        var rules = Enumerable.Range(0, count).Select(Host)
            .Append(ImportedRule.Everything("last", new SourceLocation("big.rules", count + 2, 1), "drop all", RuleVerdict.Deny)).ToImmutableArray();
        var set = new RuleSet(RuleSetFormat.Iptables, "big.rules", PolicySemantics.OrderedAcl,
            [new RuleChain("INPUT", "filter", ChainKind.Base, "input", 0, RuleVerdict.Deny, rules, location)], [], [], []);

        var report = RuleSetLinter.Check(set);

        // Each repeat is shadowed by the rule before it, which the repeat makes redundant: nothing else.
        static int Number(ImportedRule rule) => int.Parse(rule.Id[1..], System.Globalization.CultureInfo.InvariantCulture);
        var shadowed = report.Findings.Where(f => f.Kind == "shadowed").ToList();
        var redundant = report.Findings.Where(f => f.Kind == "redundant").ToList();
        Assert.Equal((count - 1) / 7, shadowed.Count);
        Assert.Equal((count - 1) / 7, redundant.Count);
        Assert.Equal(report.Findings.Length, shadowed.Count + redundant.Count);
        Assert.All(shadowed, f => Assert.Equal(Number(f.Rule), Number(f.Because.Single()) + 1));
        Assert.All(redundant, f => Assert.Equal(Number(f.Rule) + 1, Number(f.Because.Single())));
        // The catch-all after 100,000 small rules is what the bounds are for: it is named, not silently passed over.
        var note = Assert.Single(report.Notes);
        Assert.StartsWith($"chain 'INPUT': 1 rule not checked in full (line {count + 2}), so lint cannot say whether it is shadowed, conflicting or redundant; 1 rule: ", note, StringComparison.Ordinal);
    }
}
