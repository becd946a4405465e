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
    [InlineData("ad-logon", "secure-channel")]
    [InlineData("ad-logon", "kerberos")]
    [InlineData("ad-logon", "ldap")]
    [InlineData("ad-logon", "dns")]
    [InlineData("group-policy", "rpc")]
    [InlineData("group-policy", "file-sharing")]
    [InlineData("ad-replication", "ldap")]
    [InlineData("credential-forwarding", "secure-channel")]
    public void A_required_part_is_not_optional(string capability, string part)
    {
        var all = Assert.IsType<AllOf>(Catalog.GetCapability(capability).Requirement);

        Assert.Contains(new CapabilityReference(part), all.Parts);
    }

    /// <summary>
    /// MS-NRPC 3.1.4.6 with its notes 78 and 82: Windows binds the secure channel over RPC/TCP and uses the
    /// \PIPE\NETLOGON pipe only on Windows NT or when RPC reports TCP unsupported, so it needs TCP 135 and the
    /// Netlogon endpoint; SMB is what Group Policy and logon scripts need (KB 832017, Group Policy), not logon.
    /// </summary>
    [Fact]
    public void Logon_binds_its_secure_channel_over_rpc_tcp_and_leaves_smb_to_group_policy()
    {
        var logon = Assert.IsType<AllOf>(Catalog.GetCapability("ad-logon").Requirement);
        Assert.DoesNotContain(new CapabilityReference("file-sharing"), logon.Parts);

        var channel = Assert.IsType<AllOf>(Catalog.GetCapability("secure-channel").Requirement);
        Assert.Contains(Tcp(135), channel.Parts);
        Assert.Contains(channel.Parts, p => p is PortNeed { UsesRpcDynamicRange: true, RpcService: "netlogon" });
        Assert.DoesNotContain(Tcp(445), channel.Parts);
    }

    /// <summary>KB 197132 and the FSMO roles page: an unreachable PDC emulator causes no error, so losing it degrades.</summary>
    [Fact]
    public void The_pdc_emulator_is_needed_only_optionally()
    {
        Assert.IsType<Optional>(Catalog.GetCapability("pdc-operations").Requirement);
    }

    /// <summary>KB 224196: replication's RPC endpoint is the NTDS one, which a DC may pin with "TCP/IP Port".</summary>
    [Fact]
    public void Ad_replication_asks_the_endpoint_mapper_for_the_ntds_endpoint()
    {
        var all = Assert.IsType<AllOf>(Catalog.GetCapability("ad-replication").Requirement);

        Assert.Contains(Tcp(135), all.Parts);
        Assert.Contains(all.Parts, p => p is PortNeed { UsesRpcDynamicRange: true, RpcService: "ntds" });
    }

    /// <summary>KB 832017 (DFS Replication, File Replication): SYSVOL goes over DFSR's endpoint, FRS's on 2003 domains, TCP 5722 on 2008 / 2008 R2.</summary>
    [Fact]
    public void Sysvol_replication_takes_dfsr_frs_or_5722_by_the_domain_controllers_system()
    {
        var all = Assert.IsType<AllOf>(Catalog.GetCapability("sysvol-replication").Requirement);
        Assert.Contains(Tcp(135), all.Parts);
        var frs = Assert.Single(all.Parts.OfType<WhenOs>());
        Assert.Equal(("sysvol-frs", DependencySide.Server), (frs.Trait, frs.Side));
        Assert.Equal("frs", Assert.IsType<PortNeed>(frs.Then).RpcService);
        var legacy = Assert.IsType<WhenOs>(frs.Else);
        Assert.Equal("dfsr-port-5722", legacy.Trait);
        Assert.Equal(Tcp(5722), legacy.Then);
        Assert.Equal("dfsr", Assert.IsType<PortNeed>(legacy.Else).RpcService);
        Assert.True(Catalog.OsVersions["windows-server-2008-r2"].Has("dfsr-port-5722"));
        Assert.False(Catalog.OsVersions["windows-server-2022"].Has("dfsr-port-5722"));
        Assert.True(Catalog.OsVersions["windows-server-2003"].Has("sysvol-frs"));
    }

    /// <summary>Windows 11 22H2 print clients use RPC over TCP by default; earlier ones named pipes on SMB.</summary>
    [Fact]
    public void Printing_needs_rpc_from_windows_11_22h2_on_and_smb_before()
    {
        var when = Assert.IsType<WhenOs>(Catalog.GetCapability("printer-sharing").Requirement);
        Assert.Equal(("print-rpc-over-tcp", DependencySide.Client), (when.Trait, when.Side));
        Assert.Contains(new CapabilityReference("rpc"), Assert.IsType<AllOf>(when.Then).Parts);
        Assert.Contains(new CapabilityReference("file-sharing"), Assert.IsType<AllOf>(when.Else).Parts);
        Assert.True(Catalog.OsVersions["windows-11-22h2"].Has("print-rpc-over-tcp"));
        Assert.False(Catalog.OsVersions["windows-10"].Has("print-rpc-over-tcp"));
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

        Assert.Contains(new ImpliedDependency("ad-logon", "domain-controller", ServerSelection.Nearest) { AlsoServedBy = ["read-only-domain-controller"] }, workstation.Implies);
        Assert.Contains(new ImpliedDependency("file-sharing", "file-server", ServerSelection.Nearest), workstation.Implies);
        Assert.Contains(new ImpliedDependency("printer-sharing", "print-server", ServerSelection.Nearest), workstation.Implies);
        Assert.Contains(new ImpliedDependency("rpc", "rpc-server", ServerSelection.Nearest), workstation.Implies);
        Assert.Equal(11, workstation.Implies.Length);
    }

    /// <summary>The DC locator sends members to a DC of their site and, when none answers, to any DC of the domain.</summary>
    [Fact]
    public void Members_log_on_at_their_sites_domain_controllers_and_fail_over_to_the_others()
    {
        foreach (var roleId in new[] { "workstation", "member-server", "file-server" })
        {
            Assert.True(Catalog.TryGetRole(roleId, out var role));
            var logons = role.Implies.Where(d => d.Capability == "ad-logon").ToList();
            Assert.Equal([ServerSelection.Nearest, ServerSelection.Failover], logons.Select(d => d.Selection).ToArray());
            Assert.All(logons, d => Assert.Equal(["domain-controller", "read-only-domain-controller"], d.ServerRoles.ToArray()));
        }
    }

    [Fact]
    public void Domain_controllers_replicate_with_their_partners()
    {
        Assert.True(Catalog.TryGetRole("domain-controller", out var dc));

        Assert.Contains(new ImpliedDependency("ad-replication", "domain-controller", ServerSelection.ReplicateBothWays), dc.Implies);
        Assert.Contains(new ImpliedDependency("sysvol-replication", "domain-controller", ServerSelection.ReplicateBothWays), dc.Implies);
    }

    /// <summary>An RODC replicates inbound only from writable DCs and forwards uncached logons to one.</summary>
    [Fact]
    public void Read_only_domain_controllers_only_receive_and_forward_logons_to_a_writable_one()
    {
        Assert.True(Catalog.TryGetRole("read-only-domain-controller", out var rodc));

        Assert.Contains(new ImpliedDependency("ad-replication", "domain-controller", ServerSelection.ReplicateInbound), rodc.Implies);
        Assert.Contains(new ImpliedDependency("sysvol-replication", "domain-controller", ServerSelection.ReplicateInbound), rodc.Implies);
        Assert.Contains(new ImpliedDependency("credential-forwarding", "domain-controller", ServerSelection.Nearest), rodc.Implies);
        Assert.DoesNotContain(rodc.Implies, d => d.Selection == ServerSelection.ReplicateBothWays);
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
            ["ad-logon", "ad-logon", "group-policy", "time", "dns"],
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

    /// <summary>
    /// A read-only DC forwards the logons of accounts it does not cache, and password changes, to a writable DC
    /// ("AD DS: Read-Only Domain Controllers", Microsoft Learn, source rodc): the catalog says what cutting it costs.
    /// </summary>
    [Fact]
    public void Cutting_a_read_only_dcs_forwarding_says_that_uncached_members_cannot_log_on()
    {
        var forwarding = Catalog.GetCapability("credential-forwarding");
        Assert.Contains("rodc", forwarding.Sources);
        Assert.Contains("cannot log on", forwarding.WhenBroken.En);
        Assert.Contains("ログオンできず", forwarding.WhenBroken.In("ja"));
        Assert.Equal("", Catalog.GetCapability("file-sharing").WhenBroken.En);
    }
}
