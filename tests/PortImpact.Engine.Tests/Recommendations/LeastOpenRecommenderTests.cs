using System.Collections.Immutable;
using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests.Recommendations;

/// <summary>
/// The least-open recommendation, checked against the what-if engine itself: with the exceptions nothing
/// that worked is lost, without any one of them something is, and the residual exposure is exactly the
/// threat paths the exceptions reopen. Models: the built-in example, the hub-and-spoke network, and one
/// with baseline rules (router ACL and Windows host firewalls) so that exceptions meet real policies.
/// </summary>
public sealed class LeastOpenRecommenderTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    /// <summary>
    /// A model whose points and hosts already enforce something (a branch ACL, Windows host firewalls with
    /// default-deny inbound), and a host with its own RPC range.
    /// </summary>
    private const string GuardedYaml = """
        name: Guarded
        sites:
          - { name: main, subnets: [10.10.0.0/16] }
          - { name: plant, subnets: [10.20.0.0/16] }
          - { name: lab, subnets: [10.30.0.0/16] }
        zones:
          - { name: internet, external: true }
        links:
          - { between: [internet, main], via: edge }
          - { between: [main, plant], via: plant-rtr }
          - { between: [plant, lab], via: lab-rtr }
        hosts:
          - { name: dc-main, site: main, address: 10.10.0.10, roles: [domain-controller, dns-server] }
          - { name: files, site: main, address: 10.10.0.20, roles: [file-server, print-server] }
          - { name: dc-plant, site: plant, address: 10.20.0.10, roles: [domain-controller, dns-server], rpcDynamicPorts: 50100-50120 }
          - { name: plant-pcs, site: plant, subnet: 10.20.10.0/24, count: 30, roles: [workstation] }
          - { name: lab-pcs, site: lab, subnet: 10.30.10.0/24, count: 10, roles: [workstation] }
        policies:
          - at: plant-rtr
            default: permit
            rules:
              - { action: deny, protocol: tcp, ports: 445, from: lab-pcs, to: files, name: lab may not reach the file server }
          - at: hosts
            defaultIn: block
            rules:
              - { action: allow, protocol: any, ports: 1-65535, direction: in, name: allow from anywhere inside, from: [10.0.0.0/8] }
        """;

    private static NetworkModel Guarded() => new ModelReader(Models.Catalog).Parse(GuardedYaml, "guarded.yaml");

    private static NetworkModel Model(string name) => name switch
    {
        "guarded" => Guarded(),
        _ => Models.Named(name),
    };

    private static Placement PlacementOf(string at) => at switch
    {
        "perimeter" => new AtPerimeter(),
        "inter-site" => new AtInterSite(),
        "hosts" => new AtHosts(null),
        _ => new AtPoint(at),
    };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var model in new[] { "built-in", "hub-and-spoke", "guarded" })
        {
            foreach (var at in new[] { "perimeter", "inter-site", "hosts" })
            {
                data.Add(model, at, "seed");
                data.Add(model, at, "all");
            }
        }
        return data;
    }

    private static Closure ClosureOf(string at, string ports) =>
        new(ports == "seed" ? SeedPorts : PortSelection.Both(PortSet.Range(1, 65535)), [PlacementOf(at)], null);

    private static PolicyOverlay Overlay(IEnumerable<AllowException> exceptions) => ExceptionFinder.OverlayOf(exceptions);

    private static AnalysisResult Analyze(NetworkModel model, Closure closure, IEnumerable<AllowException>? exceptions) =>
        new ImpactAnalyzer(Models.Catalog).Analyze(model, closure, exceptions is null ? null : Overlay(exceptions));

    private static string Describe(DependencyImpact d) => $"{d.Dependency.Capability} {d.Dependency.Client}->{d.Dependency.Server} {d.Before}->{d.After}";

    [Theory]
    [MemberData(nameof(Cases))]
    public void With_the_exceptions_every_dependency_is_as_it_was_before_the_change(string modelName, string at, string ports)
    {
        var model = Model(modelName);
        var closure = ClosureOf(at, ports);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);

        var without = Analyze(model, closure, null);
        var with = Analyze(model, closure, recommendation.Exceptions);
        Assert.Empty(with.Dependencies.Where(d => d.After > d.Before).Select(Describe));
        Assert.Empty(recommendation.NotKept);
        // The exceptions are needed at all exactly when the closure alone loses something.
        Assert.Equal(without.Dependencies.Count(d => d.After > d.Before), recommendation.DependenciesKept);
        Assert.Equal(recommendation.DependenciesKept == 0, recommendation.Exceptions.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Removing_any_single_exception_breaks_or_degrades_a_dependency(string modelName, string at, string ports)
    {
        var model = Model(modelName);
        var closure = ClosureOf(at, ports);
        var exceptions = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure).Exceptions;
        foreach (var removed in exceptions)
        {
            var result = Analyze(model, closure, exceptions.Where(e => e != removed));
            var lost = result.Dependencies.Where(d => d.After > d.Before).ToList();
            Assert.True(lost.Count > 0, $"{removed.Id} at {removed.At} ({removed.Ports}) can be removed without loss");
            // The dependencies lost are among those the exception says it keeps.
            Assert.All(lost, d => Assert.Contains(d.Dependency, removed.Keeps));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_residual_exposure_is_exactly_what_the_exceptions_reopen_and_names_the_exceptions_it_passes(string modelName, string at, string ports)
    {
        var model = Model(modelName);
        var closure = ClosureOf(at, ports);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);
        var closedOnly = Expand(Analyze(model, closure, null));
        var full = Analyze(model, closure, recommendation.Exceptions);
        var withExceptions = Expand(full);
        // The recommender evaluates only the part of the threat space next to an exception; its totals must
        // still be those of the whole what-if with the exceptions in place.
        Assert.Equal(full.ThreatsStopped, recommendation.ThreatsStopped);
        Assert.Equal(full.StillExposed, recommendation.StillExposed);
        Assert.Equal(full.Dependencies.Select(Describe), recommendation.Dependencies.Select(Describe));
        var reopened = closedOnly.Where(p => p.Value == Exposure.Blocked && withExceptions[p.Key] == Exposure.Exposed).Select(p => p.Key).Order().ToList();
        var reported = recommendation.Residual.SelectMany(r => r.Victims.Select(v => $"{r.Threat}|{r.Attacker}|{v}")).Order().ToList();
        Assert.Equal(reopened, reported);

        var ids = recommendation.Exceptions.Select(e => e.Id).ToHashSet();
        foreach (var residual in recommendation.Residual)
        {
            Assert.NotEmpty(residual.Through);
            Assert.All(residual.Through, id => Assert.Contains(id, ids));
            Assert.Equal(Models.Catalog.Threats.Single(t => t.Id == residual.Threat).Mitigations, residual.Mitigations);
            // Without the exceptions it passes, the path is blocked again.
            var rest = recommendation.Exceptions.Where(e => !residual.Through.Contains(e.Id));
            var again = Expand(Analyze(model, closure, rest));
            Assert.All(residual.Victims, v => Assert.Equal(Exposure.Blocked, again[$"{residual.Threat}|{residual.Attacker}|{v}"]));
        }
    }

    private static Dictionary<string, Exposure> Expand(AnalysisResult result) =>
        result.Threats.SelectMany(t => t.Victims.Select(v => (Key: $"{t.Threat}|{t.Attacker}|{v}", t.After))).ToDictionary(x => x.Key, x => x.After);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exceptions_name_model_hosts_never_any_and_open_only_closed_ports(string modelName, string at, string ports)
    {
        var model = Model(modelName);
        var closure = ClosureOf(at, ports);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);
        foreach (var exception in recommendation.Exceptions)
        {
            Assert.NotEmpty(exception.Sources);
            Assert.NotEmpty(exception.Destinations);
            Assert.Equal(AddressSet.From(exception.Sources.SelectMany(s => model.FindHost(s)!.Addresses.Ranges)), exception.SourceAddresses);
            Assert.Equal(AddressSet.From(exception.Destinations.SelectMany(s => model.FindHost(s)!.Addresses.Ranges)), exception.DestinationAddresses);
            Assert.False(exception.SourceAddresses.IsAny);
            Assert.True(exception.Ports.Except(closure.Ports).IsEmpty, $"{exception.Id} opens {exception.Ports}, beyond the closure");
            Assert.Contains(exception.OnHost ? exception.At["host:".Length..] : exception.At,
                exception.OnHost ? recommendation.ClosedHosts : recommendation.ClosedPoints);
        }
    }

    /// <summary>
    /// Merging: exceptions at one point and direction with the same ports become one with the union of their sources
    /// (or destinations) only where that adds no reachability, i.e. every source × destination pair of a merged
    /// exception is a pair whose dependency it keeps; and what the result still holds cannot be merged further.
    /// Over all cases some merging must happen, so the test cannot pass on lists that were never merged.
    /// </summary>
    [Fact]
    public void Exceptions_are_merged_where_and_only_where_the_merge_adds_no_reachability()
    {
        var merged = 0;
        foreach (var row in Cases())
        {
            var (modelName, at, ports) = ((string)row[0], (string)row[1], (string)row[2]);
            var exceptions = new LeastOpenRecommender(Models.Catalog).Recommend(Model(modelName), ClosureOf(at, ports)).Exceptions;
            foreach (var exception in exceptions)
            {
                if (exception.Sources.Length > 1 || exception.Destinations.Length > 1) merged++;
                foreach (var source in exception.Sources)
                {
                    foreach (var destination in exception.Destinations)
                    {
                        Assert.True(exception.Keeps.Any(k => (k.Client, k.Server) == (source, destination) || (k.Client, k.Server) == (destination, source)),
                            $"{modelName} {at} {ports}: {exception.Id} opens {source} -> {destination}, a pair none of its dependencies needs");
                    }
                }
            }
            foreach (var group in exceptions.GroupBy(e => (e.At, e.Direction, e.Ports)))
            {
                var list = group.ToList();
                Assert.Equal(list.Count, list.Select(e => string.Join(",", e.Destinations)).Distinct().Count());
                Assert.Equal(list.Count, list.Select(e => string.Join(",", e.Sources)).Distinct().Count());
            }
        }
        Assert.True(merged > 0, "no case merged any exceptions");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_model_gives_the_same_recommendation_in_the_same_order(string modelName, string at, string ports)
    {
        static string Text(Recommendation r) => string.Join("\n",
            r.Exceptions.Select(e => $"{e.Id} {e.At} {e.Direction} {e.Ports} {string.Join(",", e.Sources)} {string.Join(",", e.Destinations)}")
                .Concat(r.Residual.Select(x => $"{x.Threat} {x.Attacker} {string.Join(",", x.Victims)} {string.Join(",", x.Through)}")));
        var first = new LeastOpenRecommender(Models.Catalog).Recommend(Model(modelName), ClosureOf(at, ports));
        var second = new LeastOpenRecommender(Models.Catalog).Recommend(Model(modelName), ClosureOf(at, ports));
        Assert.Equal(Text(first), Text(second));
    }

    [Theory]
    [MemberData(nameof(Models.Both), MemberType = typeof(Models))]
    public void Between_sites_the_exceptions_keep_file_sharing_on_smb_without_reopening_the_netbios_fallback(string name)
    {
        var model = Models.Named(name);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, ClosureOf("inter-site", "seed"));
        var fileSharing = recommendation.Exceptions.Where(e => e.Keeps.Any(k => k.Capability == "file-sharing")).ToList();
        Assert.NotEmpty(fileSharing);
        Assert.All(fileSharing, e =>
        {
            Assert.True(e.Ports.Tcp.Contains(445));
            Assert.False(e.Ports.Tcp.Contains(139), $"{e.Id} reopens NetBIOS session service");
            Assert.True(e.Ports.Udp.IsEmpty, $"{e.Id} reopens NetBIOS over UDP");
        });
    }

    [Fact]
    public void Closing_everything_between_sites_leaves_open_the_domain_controllers_traffic_between_them_only()
    {
        var model = Models.BuiltIn();
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, ClosureOf("inter-site", "all"));
        var dcs = model.Hosts.Where(h => h.HasRole("domain-controller")).Select(h => h.Name).ToHashSet();
        var replication = recommendation.Exceptions.Where(e => e.Keeps.Any(k => k.Capability == "ad-replication")).ToList();
        Assert.NotEmpty(replication);
        foreach (var exception in replication)
        {
            Assert.Subset(dcs, exception.Sources.ToHashSet());
            Assert.Subset(dcs, exception.Destinations.ToHashSet());
            // Replication needs the endpoint mapper, the RPC dynamic range, LDAP and Kerberos.
            foreach (var port in new[] { 135, 389, 88, 49152, 65535 }) Assert.True(exception.Ports.Tcp.Contains(port), $"{exception.Id} lacks tcp/{port}");
            Assert.Equal(model.RpcDynamicPorts, exception.RpcDynamicPorts.Tcp);
        }
    }

    [Fact]
    public void A_host_that_restricts_its_rpc_range_gets_an_exception_only_for_those_ports()
    {
        var model = Guarded();
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, ClosureOf("inter-site", "all"));
        var toRestricted = recommendation.Exceptions.Where(e => e.Destinations.Contains("dc-plant") && !e.RpcDynamicPorts.IsEmpty).ToList();
        Assert.NotEmpty(toRestricted);
        Assert.All(toRestricted, e =>
        {
            Assert.Equal(PortSet.Range(50100, 50120), e.RpcDynamicPorts.Tcp);
            Assert.False(e.Ports.Tcp.Contains(49152));
        });
        var toUnrestricted = recommendation.Exceptions.Where(e => e.Destinations.Contains("dc-main") && !e.RpcDynamicPorts.IsEmpty).ToList();
        Assert.NotEmpty(toUnrestricted);
        Assert.All(toUnrestricted, e => Assert.Equal(model.RpcDynamicPorts, e.RpcDynamicPorts.Tcp));
    }

    [Fact]
    public void An_exception_never_opens_what_the_points_own_rules_deny()
    {
        var model = Guarded();
        var closure = ClosureOf("inter-site", "seed");
        // lab-pcs → files on tcp/445 is denied by plant-rtr's own rule; exempting it from the change must not open it.
        var lab = model.FindHost("lab-pcs")!;
        var files = model.FindHost("files")!;
        var exemption = new FirewallRule(RuleAction.Permit, PortSelection.Of(Transport.Tcp, PortSet.Of(445)), lab.Addresses, files.Addresses, TrafficDirection.Both, "test exemption", null);
        var overlay = PolicyOverlay.Of(new Dictionary<string, ImmutableArray<FirewallRule>> { ["plant-rtr"] = [exemption], ["lab-rtr"] = [exemption] });
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, closure, overlay);
        var fileSharing = result.Dependencies.Single(d => d.Dependency.Capability == "file-sharing" && d.Dependency.Client == "lab-pcs");
        Assert.True(fileSharing.After >= fileSharing.Before);
        Assert.Contains(fileSharing.Blockages, b => b.At == "plant-rtr" && b.Rule == "lab may not reach the file server");
    }

    [Fact]
    public void On_windows_host_firewalls_an_exception_exempts_its_sources_from_the_block()
    {
        var model = Guarded();
        var closure = ClosureOf("hosts", "seed");
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);
        var onFiles = recommendation.Exceptions.Where(e => e.At == "host:files").ToList();
        Assert.NotEmpty(onFiles);
        Assert.All(onFiles, e => Assert.Equal(TrafficDirection.In, e.Direction));
        Assert.All(recommendation.Dependencies.Where(d => d.Dependency.Server == "files"), d => Assert.True(d.After <= d.Before, Describe(d)));
    }
}
