using PortImpact.Engine.Dependencies;
using PortImpact.Core.Change;
using PortImpact.Core.Ports;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests;

/// <summary>
/// A host's own RPC dynamic range (KB 154596 / KB 224196) is what connections to that host need; hosts that
/// state none keep needing the model's range.
/// </summary>
public sealed class HostRpcRangeTests
{
    private const string TwoSites = """
        name: Restricted RPC
        sites:
          - { name: hq, subnets: [10.1.0.0/16] }
          - { name: branch, subnets: [10.2.0.0/16] }
        links:
          - { between: [hq, branch], via: wan }
        hosts:
          - { name: dc1, site: hq, address: 10.1.0.10, roles: [domain-controller] }
          - { name: dc2, site: branch, address: 10.2.0.10, roles: [domain-controller], rpcDynamicPorts: 50000-50010 }
        """;

    [Fact]
    public void Replication_toward_a_restricted_dc_is_blocked_only_on_its_own_range()
    {
        var model = new ModelReader(Models.Catalog).Parse(TwoSites, "restricted.yaml");
        var dynamicRange = PortSelection.Of(Transport.Tcp, PortSet.Range(49152, 65535));
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, new Closure(dynamicRange, [new AtInterSite()], null));

        // dc1 pulling from dc2 asks dc2's endpoint mapper and is handed a port of dc2's range.
        var toDc2 = Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "ad-replication", Client: "dc1", Replication: ReplicationWay.Inbound });
        Assert.Equal(DependencyState.Broken, toDc2.After);
        Assert.NotEmpty(toDc2.Blockages);
        Assert.All(toDc2.Blockages, b =>
        {
            Assert.Equal(Transport.Tcp, b.Transport);
            Assert.Equal(PortSet.Range(50000, 50010), b.Ports);
        });

        var toDc1 = Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "ad-replication", Client: "dc2", Replication: ReplicationWay.Inbound });
        Assert.Equal(DependencyState.Broken, toDc1.After);
        Assert.NotEmpty(toDc1.Blockages);
        Assert.All(toDc1.Blockages, b =>
        {
            Assert.Equal(Transport.Tcp, b.Transport);
            Assert.Equal(PortSet.Range(49152, 65535), b.Ports);
        });
    }
}
