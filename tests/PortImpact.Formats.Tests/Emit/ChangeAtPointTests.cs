using System.Collections.Immutable;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine;
using PortImpact.Formats.Emit;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

public sealed class ChangeAtPointTests
{
    private const string Model = """
        name: two sites
        sites:
          - { name: a, subnets: [10.99.1.0/24] }
          - { name: b, subnets: [10.99.2.0/24] }
        links:
          - { between: [a, b], via: wan }
        hosts:
          - { name: pcs, site: a, subnet: 10.99.1.0/25, count: 100, roles: [workstation] }
          - { name: fs, site: b, address: 10.99.2.2, roles: [file-server] }
        """;

    [Fact]
    public void Every_changed_point_and_host_firewall_comes_out_once_by_name_with_its_direction_and_overlay()
    {
        var model = new ModelReader(KnowledgeCatalog.BuiltIn).Parse(Model, "two-sites.yaml");
        var closure = new Closure(WormPorts, [new AtInterSite(), new AtHosts("file-server")], null);
        var resolved = ClosureResolver.Resolve(model, KnowledgeCatalog.BuiltIn, closure);
        var exemptSmb = Permit("E1", Transport.Tcp, "445", model.FindHost("pcs")!.Addresses, Server, TrafficDirection.In);
        var closeMore = Deny("more", Transport.Tcp, "3389", Addresses("any"), Addresses("any"));
        var overlay = PolicyOverlay.Of(new Dictionary<string, ImmutableArray<FirewallRule>>(StringComparer.Ordinal)
        {
            ["host:fs"] = [exemptSmb],
            ["host:pcs"] = [closeMore],
        });

        var changes = ChangeAtPoint.AllOf(resolved, overlay);

        Assert.Equal(["host:fs", "host:pcs", "wan"], changes.Select(c => c.Point));
        Assert.Equal(new ChangeAtPoint("host:fs", WormPorts, TrafficDirection.In, [exemptSmb]), changes[0], ChangeComparer.Instance);
        // Not closed there, but the overlay still changes it.
        Assert.Equal(new ChangeAtPoint("host:pcs", PortSelection.None, TrafficDirection.In, [closeMore]), changes[1], ChangeComparer.Instance);
        Assert.Equal(new ChangeAtPoint("wan", WormPorts, TrafficDirection.Both, []), changes[2], ChangeComparer.Instance);
        Assert.True(changes[0].OnHost);
        Assert.False(changes[2].OnHost);
    }

    /// <summary>Records compare ImmutableArray by reference; compare the rules one by one.</summary>
    private sealed class ChangeComparer : IEqualityComparer<ChangeAtPoint>
    {
        public static readonly ChangeComparer Instance = new();

        public bool Equals(ChangeAtPoint? x, ChangeAtPoint? y) =>
            x is not null && y is not null && x.Point == y.Point && x.Closed == y.Closed && x.Direction == y.Direction
            && x.Exceptions.SequenceEqual(y.Exceptions);

        public int GetHashCode(ChangeAtPoint change) => change.Point.GetHashCode(StringComparison.Ordinal);
    }
}
