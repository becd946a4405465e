using PortImpact.Core.Addresses;
using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Policies;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests.Policies;

/// <summary>
/// Rule files that test source ports are asked with the client's source port: a port of Windows' dynamic range
/// (KB 929851), or the fixed port the catalog says a protocol sends from (NetBIOS: UDP 137 → 137, 138 → 138).
/// A rule that admits only part of the dynamic range leaves the connection to chance: mixed, not allowed.
/// </summary>
public sealed class SourcePortTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portimpact-sport-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string Rules = """
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A FORWARD -p udp --sport 137 --dport 137 -j ACCEPT
        -A FORWARD -p udp --sport 138 --dport 138 -j ACCEPT
        -A FORWARD -p tcp --sport 1024:65535 --dport 445 -j ACCEPT
        -A FORWARD -p tcp --sport 49152:60000 --dport 139 -j ACCEPT
        -A FORWARD -p tcp --sport 1025:5000 --dport 135 -j ACCEPT
        COMMIT

        """;

    private NetworkModel Model(string rules = Rules) => Models.BuiltInWithRouterRules(_directory, rules);

    private static HopDecision Ask(NetworkModel model, Transport transport, int port, ClientSourcePorts? clientPorts)
    {
        var policy = new PolicyCompiler(clientPorts).Compile(model.FindPoint("wan-router")!.Baseline);
        return policy.Decide(TrafficDirection.In, model.FindHost("branch-pcs")!.Addresses, model.FindHost("fs1")!.Addresses, transport, PortSet.Of(port));
    }

    private static string Verdict(HopDecision decision) =>
        !decision.Mixed.IsEmpty ? "mixed" : decision.Denied.IsEmpty ? "allowed" : decision.Allowed.IsEmpty ? "denied" : "split";

    [Fact]
    public void The_catalog_says_netbios_clients_send_from_their_own_port()
    {
        var clientPorts = Model().ClientSourcePorts;
        Assert.Equal(PortSet.Of(137), clientPorts.For(Transport.Udp, 137));
        Assert.Equal(PortSet.Of(138), clientPorts.For(Transport.Udp, 138));
        Assert.Equal(PortSet.Range(49152, 65535), clientPorts.For(Transport.Tcp, 445));
        Assert.Equal(PortSet.Range(49152, 65535), clientPorts.For(Transport.Tcp, 137));
    }

    [Theory]
    [InlineData(Transport.Udp, 137, "allowed")]
    [InlineData(Transport.Udp, 138, "allowed")]
    [InlineData(Transport.Tcp, 445, "allowed")]
    [InlineData(Transport.Tcp, 139, "mixed")]
    [InlineData(Transport.Tcp, 135, "denied")]
    [InlineData(Transport.Udp, 53, "denied")]
    public void A_rule_file_is_asked_with_the_clients_source_ports(Transport transport, int port, string expected)
    {
        var model = Model();
        Assert.Equal(expected, Verdict(Ask(model, transport, port, model.ClientSourcePorts)));
    }

    [Fact]
    public void Without_the_catalogs_fixed_ports_netbios_would_come_from_an_ephemeral_port_and_be_dropped()
    {
        var model = Model();
        Assert.Equal("denied", Verdict(Ask(model, Transport.Udp, 137, ClientSourcePorts.Default)));
        Assert.Equal("allowed", Verdict(Ask(model, Transport.Tcp, 445, ClientSourcePorts.Default)));
    }

    [Fact]
    public void The_what_if_keeps_file_sharing_over_netbios_when_the_router_admits_name_queries_from_port_137()
    {
        const string netbiosOnly = """
            *filter
            :FORWARD DROP [0:0]
            -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
            -A FORWARD -p udp --sport 137 --dport 137 -j ACCEPT
            -A FORWARD -p tcp --sport 1024:65535 --dport 139 -j ACCEPT
            COMMIT

            """;
        var nothing = new Closure(PortSelection.Both(PortSet.Of(1)), [new AtPerimeter()], null);
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(Model(netbiosOnly), nothing);
        var fileSharing = result.Dependencies.Single(d => d.Dependency is { Capability: "file-sharing", Client: "branch-pcs", Server: "fs1" });
        // SMB direct (445) is dropped; the NetBIOS fallback (TCP 139 with names on UDP 137 from 137) gets through,
        // so file sharing is degraded, not broken as it would be if name queries came from an ephemeral port.
        Assert.Equal(DependencyState.Degraded, fileSharing.Before);
        Assert.All(fileSharing.Blockages, b => Assert.Equal(Transport.Tcp, b.Transport));
    }
}
