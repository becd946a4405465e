using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Recommendations;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Formats.Tests.Model;

/// <summary>
/// <see cref="OverlayWriter"/> (<c>recommend --as-policy</c>) and <see cref="OverlayReader"/>
/// (<c>analyze --policy</c>): what one writes, the other reads back as exactly the exceptions, on
/// recommendations the real engine makes for the built-in example.
/// </summary>
public sealed class OverlayTests
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;
    private static readonly OverlayReader Reader = new(Catalog);
    private static readonly NetworkModel Example = Parse(BuiltInExample.Text());

    private static NetworkModel Parse(string text) => new ModelReader(Catalog).Parse(text, BuiltInExample.FileName);

    private static Closure Close(string ports, Placement at, TrafficDirection? direction = null)
    {
        Assert.True(PortSet.TryParse(ports, out var set, out var error), error);
        return new Closure(PortSelection.Both(set), [at], direction);
    }

    private static Recommendation Recommend(NetworkModel model, Closure closure) => new LeastOpenRecommender(Catalog).Recommend(model, closure);

    private static PolicyOverlay RoundTrip(Recommendation recommendation, NetworkModel model) =>
        Reader.Parse(OverlayWriter.Write(recommendation), "overlay.yaml", model);

    private static AddressSet AddressesOf(NetworkModel model, IEnumerable<string> hosts) =>
        hosts.Select(h => model.FindHost(h)!.Addresses).Aggregate(AddressSet.Empty, (a, b) => a.Union(b));

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "135,137-139,445", "perimeter", null },
        { "135,137-139,445", "inter-site", null },
        { "135,137-139,445", "hosts", null },
        { "135,137-139,445", "hosts", "both" },
        { "135,445,49152-65535", "inter-site", null },
        { "53", "hosts", null },
        { "53,88,389,464", "hosts", null },
    };

    private static Placement PlacementOf(string at) => at switch
    {
        "perimeter" => new AtPerimeter(),
        "inter-site" => new AtInterSite(),
        "hosts" => new AtHosts(null),
        _ => new AtPoint(at),
    };

    private static TrafficDirection? DirectionOf(string? direction) => direction switch
    {
        null => null,
        "in" => TrafficDirection.In,
        "out" => TrafficDirection.Out,
        _ => TrafficDirection.Both,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_exception_reads_back_as_permits_for_exactly_its_ports_hosts_and_direction(string ports, string at, string? direction)
    {
        var recommendation = Recommend(Example, Close(ports, PlacementOf(at), DirectionOf(direction)));
        Assert.NotEmpty(recommendation.Exceptions);
        var overlay = RoundTrip(recommendation, Example);

        Assert.Equal(recommendation.Exceptions.Select(e => e.At).Distinct().Order(), overlay.Places.Select(p => p.ToString()).Order());
        foreach (var (key, rules) in overlay)
        {
            var exceptions = recommendation.Exceptions.Where(e => e.At == key.ToString()).ToList();
            var expected = exceptions.SelectMany(e => RulesFor(e)).ToList();
            Assert.Equal(expected.Count, rules.Length);
            for (var i = 0; i < rules.Length; i++)
            {
                var (exception, protocolPorts) = expected[i];
                var rule = rules[i];
                Assert.Equal(RuleAction.Permit, rule.Action);
                Assert.Equal(protocolPorts, rule.Ports);
                Assert.Equal(exception.Direction, rule.Direction);
                Assert.Equal(AddressesOf(Example, exception.Sources), rule.Source);
                Assert.Equal(AddressesOf(Example, exception.Destinations), rule.Destination);
                Assert.Equal(exception.SourceAddresses, rule.Source);
                Assert.Equal(exception.DestinationAddresses, rule.Destination);
                Assert.False(rule.Source.IsAny);
                Assert.False(rule.Destination.IsAny);
                Assert.StartsWith(exception.Id + " ", rule.Label, StringComparison.Ordinal);
                Assert.Equal(RuleOrigin.Model, rule.Origin);
                Assert.Equal("overlay.yaml", rule.Location!.File);
            }
            // Together, an exception's rules open its ports on each transport, no more and no less.
            foreach (var exception in exceptions)
            {
                var opened = rules.Where(r => r.Label.StartsWith(exception.Id + " ", StringComparison.Ordinal))
                    .Aggregate(PortSelection.None, (a, r) => a.Union(r.Ports));
                Assert.Equal(exception.Ports, opened);
            }
        }
    }

    /// <summary>What the overlay should hold for one exception: one rule when TCP and UDP carry the same ports, else one per transport used.</summary>
    private static IEnumerable<(AllowException Exception, PortSelection Ports)> RulesFor(AllowException exception)
    {
        if (exception.Ports.Tcp.Equals(exception.Ports.Udp))
        {
            yield return (exception, exception.Ports);
            yield break;
        }
        if (!exception.Ports.Tcp.IsEmpty) yield return (exception, PortSelection.Of(Transport.Tcp, exception.Ports.Tcp));
        if (!exception.Ports.Udp.IsEmpty) yield return (exception, PortSelection.Of(Transport.Udp, exception.Ports.Udp));
    }

    [Fact]
    public void The_same_ports_on_tcp_and_udp_make_one_rule_with_protocol_any()
    {
        var recommendation = Recommend(Example, Close("53", new AtHosts(null)));
        Assert.NotEmpty(recommendation.Exceptions);
        Assert.All(recommendation.Exceptions, e => Assert.Equal(PortSelection.Both(PortSet.Of(53)), e.Ports));

        var text = OverlayWriter.Write(recommendation);
        var protocols = text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("protocol:", StringComparison.Ordinal)).ToList();
        Assert.Equal(recommendation.Exceptions.Length, protocols.Count);
        Assert.All(protocols, p => Assert.Equal("protocol: any", p));

        var rules = Reader.Parse(text, "overlay.yaml", Example).SelectMany(p => p.Value).ToList();
        Assert.Equal(recommendation.Exceptions.Length, rules.Count);
        Assert.All(rules, r => Assert.Equal(PortSelection.Both(PortSet.Of(53)), r.Ports));
    }

    [Fact]
    public void Different_ports_on_tcp_and_udp_make_one_rule_per_transport()
    {
        var recommendation = Recommend(Example, Close("53,88,389,464", new AtHosts(null)));
        var exception = recommendation.Exceptions.First(e => e.At == "host:dc1");
        Assert.Equal(PortSet.Of(53, 88, 389, 464), exception.Ports.Tcp);
        Assert.Equal(PortSet.Of(53, 389), exception.Ports.Udp);

        var rules = RoundTrip(recommendation, Example).RulesAt(FilterPointId.HostFirewall("dc1"));
        Assert.Equal(2, rules.Length);
        Assert.Equal(PortSelection.Of(Transport.Tcp, PortSet.Of(53, 88, 389, 464)), rules[0].Ports);
        Assert.Equal(PortSelection.Of(Transport.Udp, PortSet.Of(53, 389)), rules[1].Ports);
        Assert.All(rules, r => Assert.Equal(TrafficDirection.In, r.Direction));
    }

    [Fact]
    public void Both_directions_at_a_router_read_back_as_in_and_out()
    {
        var recommendation = Recommend(Example, Close("135,137-139,445", new AtInterSite()));
        var rules = RoundTrip(recommendation, Example).RulesAt(FilterPointId.Point("wan-router"));
        var dc1ToDc2 = Assert.Single(rules, r => r.Source.Equals(Example.FindHost("dc1")!.Addresses));
        Assert.Equal(TrafficDirection.Out, dc1ToDc2.Direction);
        Assert.Equal(Example.FindHost("dc2")!.Addresses, dc1ToDc2.Destination);
        var dc2ToDc1 = Assert.Single(rules, r => r.Source.Equals(Example.FindHost("dc2")!.Addresses));
        Assert.Equal(TrafficDirection.In, dc2ToDc1.Direction);
    }

    [Fact]
    public void The_overlay_read_back_keeps_every_dependency_as_the_recommendation_does()
    {
        foreach (var at in new Placement[] { new AtPerimeter(), new AtInterSite(), new AtHosts(null) })
        {
            var closure = Close("135,137-139,445", at);
            var recommendation = Recommend(Example, closure);
            var analyzer = new ImpactAnalyzer(Catalog);
            Assert.True(analyzer.Analyze(Example, closure).NewlyBroken > 0, at.Id);
            var result = analyzer.Analyze(Example, closure, RoundTrip(recommendation, Example));
            Assert.Equal(0, result.NewlyBroken);
            Assert.Equal(0, result.NewlyDegraded);
        }
    }

    [Theory]
    [InlineData("Trading \"Q\" Co.")]
    [InlineData("株式会社 サンプル商事 \"本社\"")]
    [InlineData("back\\slash: #not a comment, [brackets] {braces} 'single'")]
    [InlineData("two\nlines\tand a tab")]
    public void Model_names_with_quotes_and_japanese_survive_the_round_trip(string name)
    {
        var text = BuiltInExample.Text();
        var model = Parse(text.Replace("name: Example Trading Co.", $"name: {System.Text.Json.JsonSerializer.Serialize(name)}", StringComparison.Ordinal));
        Assert.Equal(name, model.Name);
        var recommendation = Recommend(model, Close("135,137-139,445", new AtInterSite()));
        var written = OverlayWriter.Write(recommendation);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(written));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal(name, ((YamlScalarNode)root.Children[new YamlScalarNode("model")]).Value);
        Assert.Equal(recommendation.Closure.Describe(), ((YamlScalarNode)root.Children[new YamlScalarNode("change")]).Value);
        Assert.Contains("北", OverlayWriter.Write(Recommend(Parse(text.Replace("name: Example Trading Co.", "name: 北", StringComparison.Ordinal)), Close("445", new AtInterSite()))));

        var overlay = Reader.Parse(written, "overlay.yaml", model);
        Assert.Equal(recommendation.Exceptions.Length, overlay.RulesAt(FilterPointId.Point("wan-router")).Length);
    }

    [Fact]
    public void A_recommendation_without_exceptions_reads_back_as_an_empty_overlay()
    {
        var recommendation = Recommend(Example, Close("4444", new AtHosts("workstation")));
        Assert.Empty(recommendation.Exceptions);
        Assert.Empty(RoundTrip(recommendation, Example));
    }

    [Fact]
    public void Writing_is_deterministic()
    {
        var closure = Close("135,137-139,445", new AtHosts(null));
        Assert.Equal(OverlayWriter.Write(Recommend(Example, closure)), OverlayWriter.Write(Recommend(Example, closure)));
    }

    private static InputException Fails(params string[] lines) =>
        Assert.Throws<InputException>(() => Reader.Parse(string.Join("\n", lines) + "\n", "bad.yaml", Example));

    [Fact]
    public void A_default_is_refused_at_the_key()
    {
        var error = Fails("policies:", "  - at: wan-router", "    default: deny", "    rules: []");
        Assert.Equal(new SourceLocation("bad.yaml", 3, 5), error.Location);
        Assert.Contains("'default'", error.Problem);
    }

    [Fact]
    public void An_unknown_host_is_refused_at_the_name()
    {
        var error = Fails("policies:", "  - at: wan-router", "    rules:", "      - { action: permit, from: [dc1, nobody], to: dc2 }");
        Assert.Equal(new SourceLocation("bad.yaml", 4, 39), error.Location);
        Assert.Contains("'nobody'", error.Problem);
    }

    [Fact]
    public void An_unknown_point_is_refused_at_the_name()
    {
        var error = Fails("policies:", "  - at: mars-fw", "    rules: []");
        Assert.Equal(new SourceLocation("bad.yaml", 2, 9), error.Location);
        Assert.Contains("'mars-fw'", error.Problem);
    }

    [Fact]
    public void An_unknown_top_level_key_is_refused()
    {
        var error = Fails("model: x", "colour: red", "policies: []");
        Assert.Equal(2, error.Location.Line);
        Assert.Contains("'colour'", error.Problem);
    }

    [Fact]
    public void Malformed_yaml_is_reported_where_it_breaks()
    {
        var error = Fails("policies:", "  - at: wan-router", "    rules: []", "   bad: 1");
        Assert.Equal(new SourceLocation("bad.yaml", 4, 4), error.Location);
        Assert.StartsWith("malformed YAML", error.Problem);
    }

    [Fact]
    public void Names_resolve_against_the_model_the_overlay_is_applied_to()
    {
        var written = OverlayWriter.Write(Recommend(Example, Close("135,137-139,445", new AtInterSite())));
        var other = Parse(BuiltInExample.Text().Replace("name: dc2,", "name: dc-two,", StringComparison.Ordinal));
        var error = Assert.Throws<InputException>(() => Reader.Parse(written, "overlay.yaml", other));
        Assert.Contains("'dc2'", error.Problem);
        Assert.Equal("overlay.yaml", error.Location.File);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"portimpact-no-such-overlay-{Guid.NewGuid():N}.yaml");
        var error = Assert.Throws<InputException>(() => Reader.ReadFile(missing, Example));
        Assert.Equal(new SourceLocation(missing, 1, 1), error.Location);
    }

    [Fact]
    public void Host_keys_are_the_ones_the_engine_looks_up()
    {
        var overlay = RoundTrip(Recommend(Example, Close("135,137-139,445", new AtHosts(null))), Example);
        Assert.Contains(FilterPointId.HostFirewall("dc1"), overlay.Places);
        Assert.All(overlay.Places, p => Assert.True(p.IsHost, $"{p} is not a host firewall"));
    }

    [Theory]
    // Fuzzing (fuzz/findings/overlay/empty-at): an empty 'at' threw ArgumentException from the identity type.
    [InlineData("  - at:\n    rules: []\n")]
    [InlineData("  - at: \"\"\n    rules: []\n")]
    [InlineData("  - at: \"host:\"\n    rules: []\n")]
    public void An_empty_or_nameless_place_is_bad_input_at_its_line(string entry)
    {
        var error = Assert.Throws<Core.Diagnostics.InputException>(() => Reader.Parse("policies:\n" + entry, "overlay.yaml", Example));
        Assert.Equal(("overlay.yaml", 2), (error.Location.File, error.Location.Line));
    }
}
