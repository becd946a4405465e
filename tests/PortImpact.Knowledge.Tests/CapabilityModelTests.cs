using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Tests;

/// <summary>
/// The requirement trees that carry the seed's claims: closing 135 breaks AD logon, closing only 445 degrades
/// SMB onto NetBIOS, and roles imply the dependencies the engine evaluates.
/// </summary>
public sealed class CapabilityModelTests
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;

    private static PortNeed Tcp(int port) => new(Transport.Tcp, PortSet.Of(port), false, FlowOrientation.ClientToServer);

    private static PortNeed Udp(int port) => new(Transport.Udp, PortSet.Of(port), false, FlowOrientation.ClientToServer);

    [Fact]
    public void File_sharing_is_445_or_else_139_with_netbios_names()
    {
        var any = Assert.IsType<AnyOf>(Catalog.GetCapability("file-sharing").Requirement);

        Assert.Equal(Tcp(445), any.Alternatives[0]);
        var fallback = Assert.IsType<AllOf>(any.Alternatives[1]);
        Assert.Equal([Tcp(139), Udp(137)], fallback.Parts.ToArray());
    }

    [Fact]
    public void Rpc_is_the_endpoint_mapper_and_the_dynamic_range()
    {
        var all = Assert.IsType<AllOf>(Catalog.GetCapability("rpc").Requirement);

        Assert.Equal(Tcp(135), all.Parts[0]);
        var dynamic = Assert.IsType<PortNeed>(all.Parts[1]);
        Assert.True(dynamic.UsesRpcDynamicRange);
        Assert.Equal(PortSet.Range(49152, 65535), dynamic.Resolve(PortSet.Range(49152, 65535)));
    }

    [Theory]
    [InlineData("ad-logon", "rpc")]
    [InlineData("ad-logon", "kerberos")]
    [InlineData("ad-logon", "ldap")]
    [InlineData("ad-logon", "dns")]
    [InlineData("ad-logon", "file-sharing")]
    [InlineData("group-policy", "rpc")]
    [InlineData("group-policy", "file-sharing")]
    [InlineData("ad-replication", "rpc")]
    public void A_required_part_is_not_optional(string capability, string part)
    {
        var all = Assert.IsType<AllOf>(Catalog.GetCapability(capability).Requirement);

        Assert.Contains(new CapabilityReference(part), all.Parts);
    }

    [Fact]
    public void Ad_replication_needs_smb_only_optionally()
    {
        var all = Assert.IsType<AllOf>(Catalog.GetCapability("ad-replication").Requirement);

        Assert.Contains(new Optional(Tcp(445)), all.Parts);
        Assert.Contains(new Optional(new CapabilityReference("ldap-gc")), all.Parts);
    }

    [Fact]
    public void Workstations_depend_on_the_nearest_servers()
    {
        Assert.True(Catalog.TryGetRole("workstation", out var workstation));

        Assert.Contains(new ImpliedDependency("ad-logon", "domain-controller", ServerSelection.Nearest), workstation.Implies);
        Assert.Contains(new ImpliedDependency("file-sharing", "file-server", ServerSelection.Nearest), workstation.Implies);
        Assert.Contains(new ImpliedDependency("printer-sharing", "print-server", ServerSelection.Nearest), workstation.Implies);
        Assert.Contains(new ImpliedDependency("rpc", "rpc-server", ServerSelection.Nearest), workstation.Implies);
        Assert.Equal(7, workstation.Implies.Length);
    }

    [Fact]
    public void Domain_controllers_replicate_with_their_partners()
    {
        Assert.True(Catalog.TryGetRole("domain-controller", out var dc));

        Assert.Contains(new ImpliedDependency("ad-replication", "domain-controller", ServerSelection.ReplicationPartners), dc.Implies);
    }

    [Theory]
    [InlineData("member-server")]
    [InlineData("file-server")]
    [InlineData("sql-server")]
    [InlineData("rdp-server")]
    public void Member_servers_log_on_and_apply_policy(string role)
    {
        Assert.True(Catalog.TryGetRole(role, out var found));

        Assert.Equal(
            ["ad-logon", "group-policy", "time", "dns"],
            found.Implies.Select(d => d.Capability).ToArray());
    }

    [Fact]
    public void Partners_and_dns_servers_imply_nothing()
    {
        Assert.True(Catalog.TryGetRole("partner", out var partner));
        Assert.True(Catalog.TryGetRole("dns-server", out var dns));

        Assert.Empty(partner.Implies);
        Assert.Empty(dns.Implies);
    }

    [Fact]
    public void Unknown_capability_ids_are_reported_with_the_known_ones()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Catalog.GetCapability("smb"));

        Assert.Contains("file-sharing", error.Message);
    }
}
