using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Knowledge.Tests;

/// <summary>Names an admin types instead of numbers: catalog aliases first, then IANA service names.</summary>
public sealed class ServiceNameTests
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;

    [Theory]
    [InlineData("microsoft-ds", "tcp+udp/445")]
    [InlineData("Microsoft-DS", "tcp+udp/445")]
    [InlineData("epmap", "tcp+udp/135")]
    [InlineData("ms-wbt-server", "tcp+udp/3389")]
    [InlineData("smb", "tcp/445")]
    [InlineData("netbios", "tcp/139 udp/137-138")]
    [InlineData("rpc-epmap", "tcp/135")]
    [InlineData("RDP", "tcp/3389")]
    [InlineData("winrm", "tcp/5985-5986")]
    [InlineData("windows-classic", "tcp+udp/135,137-139,445")]
    public void Names_resolve_to_ports(string name, string expected)
    {
        Assert.True(Catalog.TryResolveServiceName(name, out var ports));
        Assert.Equal(expected, ports.ToString());
    }

    [Fact]
    public void Microsoft_ds_contains_445()
    {
        Assert.True(Catalog.TryResolveServiceName("microsoft-ds", out var ports));
        Assert.True(ports.Tcp.Contains(445));
    }

    [Fact]
    public void Unknown_names_do_not_resolve()
    {
        Assert.False(Catalog.TryResolveServiceName("no-such-service", out var ports));
        Assert.True(ports.IsEmpty);
    }

    [Fact]
    public void The_iana_table_keeps_only_tcp_and_udp_rows_with_a_name()
    {
        Assert.True(Catalog.IanaServices.Length > 10_000);
        Assert.All(Catalog.IanaServices, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        Assert.All(Catalog.IanaServices, s => Assert.True(s.Description.Length <= 80, s.Name));
        Assert.DoesNotContain(Catalog.IanaServices, s => s.Ports.Last > 49151);
    }
}
