using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Knowledge.Tests;

/// <summary>`portimpact port N`: everything the catalog says about one port.</summary>
public sealed class PortReportTests
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;
    private static readonly PortSet VistaRange = PortSet.Range(49152, 65535);
    private static readonly PortSet LegacyRange = PortSet.Range(1025, 5000);

    [Fact]
    public void Port_445_is_smb_the_normal_way_wannacry_ms17_010_and_microsoft_ds()
    {
        var report = Catalog.DescribePort(Transport.Tcp, 445, VistaRange);

        Assert.Equal(IanaPortClass.WellKnown, report.Class);
        Assert.Equal("well-known", report.ClassId);
        var fileSharing = Assert.Single(report.Capabilities, u => u.Capability.Id == "file-sharing");
        Assert.Equal(PortUsage.Preferred, fileSharing.Usage);
        Assert.Empty(fileSharing.Via);
        Assert.Contains(report.Threats, t => t.Threat.Id == "wannacry" && t.Step.Order == 1);
        Assert.Contains(report.Bulletins, b => b.Bulletin.Id == "MS17-010" && b.Exploited);
        Assert.Contains(report.IanaServices, s => s.Name == "microsoft-ds" && s.Transport == Transport.Tcp);
        Assert.Contains(report.Notes, n => n.Transport == Transport.Tcp && n.Ports == PortRange.Single(445));
    }

    [Fact]
    public void Port_445_serves_group_policy_and_not_ad_logon()
    {
        var report = Catalog.DescribePort(Transport.Tcp, 445, VistaRange);

        Assert.DoesNotContain(report.Capabilities, u => u.Capability.Id == "ad-logon");
        Assert.Equal(PortUsage.Preferred, Assert.Single(report.Capabilities, u => u.Capability.Id == "group-policy").Usage);
        Assert.Equal(PortUsage.Optional, Assert.Single(report.Capabilities, u => u.Capability.Id == "ad-replication").Usage);
    }

    [Fact]
    public void Port_139_is_the_smb_fallback_and_135_is_required_for_ad_logon()
    {
        var on139 = Catalog.DescribePort(Transport.Tcp, 139, VistaRange);
        var on135 = Catalog.DescribePort(Transport.Tcp, 135, VistaRange);

        Assert.Equal(PortUsage.Fallback, Assert.Single(on139.Capabilities, u => u.Capability.Id == "file-sharing").Usage);
        Assert.DoesNotContain(on139.Capabilities, u => u.Capability.Id == "ad-logon");
        Assert.Equal(PortUsage.Required, Assert.Single(on135.Capabilities, u => u.Capability.Id == "ad-logon").Usage);
        Assert.Equal(PortUsage.Required, Assert.Single(on135.Capabilities, u => u.Capability.Id == "group-policy").Usage);
        Assert.Contains(on135.Threats, t => t.Threat.Id == "blaster" && t.Step.Order == 1);
    }

    [Fact]
    public void Port_50000_is_dynamic_and_used_by_rpc_through_the_dynamic_range()
    {
        var report = Catalog.DescribePort(Transport.Tcp, 50000, VistaRange);

        Assert.Equal(IanaPortClass.Dynamic, report.Class);
        var rpc = Assert.Single(report.Capabilities, u => u.Capability.Id == "rpc");
        Assert.True(rpc.ViaRpcDynamicRange);
        Assert.Equal(PortUsage.Required, rpc.Usage);
        Assert.Contains(report.Capabilities, u => u.Capability.Id == "wmi" && u.Via.SequenceEqual(["rpc"]));
    }

    [Fact]
    public void Port_50000_is_not_rpc_where_the_model_uses_the_legacy_range()
    {
        var report = Catalog.DescribePort(Transport.Tcp, 50000, LegacyRange);

        Assert.DoesNotContain(report.Capabilities, u => u.Capability.Id == "rpc");
        Assert.Contains(Catalog.DescribePort(Transport.Tcp, 3000, LegacyRange).Capabilities, u => u.Capability.Id == "rpc");
    }

    [Fact]
    public void Port_4444_is_registered_and_blasters_shell()
    {
        var report = Catalog.DescribePort(Transport.Tcp, 4444, VistaRange);

        Assert.Equal(IanaPortClass.Registered, report.Class);
        var step = Assert.Single(report.Threats, t => t.Threat.Id == "blaster");
        Assert.Equal(2, step.Step.Order);
        Assert.Contains(report.IanaServices, s => s.Name == "krb524");
        Assert.Empty(report.Capabilities);
    }

    [Fact]
    public void Without_a_transport_both_are_reported()
    {
        var report = Catalog.DescribePort(null, 137, VistaRange);

        Assert.Equal([Transport.Tcp, Transport.Udp], report.Transports.ToArray());
        Assert.Contains(report.Capabilities, u => u.Capability.Id == "netbios-name" && u.Transport == Transport.Udp);
        Assert.Contains(report.Bulletins, b => b.Bulletin.Id == "MS03-034" && b.Transport == Transport.Tcp && b.RecommendedBlock);
        Assert.Contains(report.Notes, n => n.Transport == Transport.Tcp);
        Assert.Contains(report.Notes, n => n.Transport == Transport.Udp);
    }

    [Fact]
    public void Udp_69_is_the_step_where_the_victim_connects_back()
    {
        var report = Catalog.DescribePort(Transport.Udp, 69, VistaRange);

        Assert.Equal(["nimda", "blaster", "welchia"], report.Threats.Select(t => t.Threat.Id));
        Assert.All(report.Threats, t => Assert.Equal(ThreatActor.Victim, t.Step.From));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Ports_outside_the_range_are_refused(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.DescribePort(Transport.Tcp, port, VistaRange));
    }

    /// <summary>[MS-SMB2] 2.1: SMB 2.0.2 to 3.0.2 may run over NetBIOS (TCP 139); 3.1.1 only over Direct TCP (445).</summary>
    [Fact]
    public void Port_139_is_not_called_smbv1_only_since_ms_smb2_runs_smb2_over_netbios()
    {
        var note = Assert.Single(Catalog.PortNotes, n => n.Transport == Transport.Tcp && n.Ports.First == 139);
        Assert.DoesNotContain("SMBv1 only", note.Text.En, StringComparison.Ordinal);
        Assert.Contains("3.0.2", note.Text.En, StringComparison.Ordinal);
        Assert.Contains("S9", Catalog.GetCapability("file-sharing").Sources);
    }
}
