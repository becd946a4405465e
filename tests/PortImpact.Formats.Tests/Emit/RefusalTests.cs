using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

/// <summary>What each target cannot write exactly is refused, never widened (see <see cref="EmitCapabilities"/>).</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData(EmitTarget.PowerShell)]
    [InlineData(EmitTarget.Netsh)]
    public void Windows_targets_need_a_host(EmitTarget target)
    {
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(target, AtRouter(WormPorts), EmitOptions.Router));
        Assert.Contains("needs the host", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ios_is_for_routers_only()
    {
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(EmitTarget.Ios, AtServer(WormPorts, TrafficDirection.In), OnServer));
        Assert.Contains("router interface", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmitTarget.Iptables, TrafficDirection.In)]
    [InlineData(EmitTarget.Nft, TrafficDirection.Out)]
    [InlineData(EmitTarget.Ios, TrafficDirection.In)]
    public void A_one_way_change_on_a_router_is_refused_because_no_interface_names_are_known(EmitTarget target, TrafficDirection direction)
    {
        var change = AtRouter(WormPorts) with { Direction = direction };
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(target, change));
        Assert.Contains("router: the change closes tcp+udp/135,137-139,445 only", refused.Message, StringComparison.Ordinal);
        Assert.Contains("interface names", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmitTarget.Iptables)]
    [InlineData(EmitTarget.Nft)]
    [InlineData(EmitTarget.Ios)]
    public void A_one_way_exception_with_any_on_one_side_is_refused_on_a_router(EmitTarget target)
    {
        // Written without direction it would also exempt 445 crossing the other way, which the engine kept closed.
        var change = AtRouter(WormPorts, Permit("inbound SMB", Transport.Tcp, "445", Addresses("any"), Server, TrafficDirection.In));
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(target, change));
        Assert.Contains("'inbound SMB' applies only", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmitTarget.Iptables)]
    [InlineData(EmitTarget.Nft)]
    [InlineData(EmitTarget.Ios)]
    public void Both_ways_on_a_router_is_written_with_exceptions_of_any_direction(EmitTarget target)
    {
        var change = AtRouter(WormPorts, Permit("E1", Transport.Tcp, "445", Addresses("10.99.1.2"), Server, TrafficDirection.In));
        Assert.Contains("E1", ChangeEmitter.Emit(target, change), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmitTarget.Iptables)]
    [InlineData(EmitTarget.Nft)]
    [InlineData(EmitTarget.PowerShell)]
    [InlineData(EmitTarget.Netsh)]
    public void One_way_on_a_host_is_exact(EmitTarget target)
    {
        var text = ChangeEmitter.Emit(target, AtServer(PortSelection.Of(Transport.Tcp, Ports("445")), TrafficDirection.Out), OnServer);
        Assert.DoesNotContain("INPUT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hook input", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Inbound", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dir=in", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmitTarget.Iptables)]
    [InlineData(EmitTarget.Nft)]
    public void A_host_change_needs_the_host_and_a_point_change_is_not_written_as_a_host_firewall(EmitTarget target)
    {
        var onHost = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(target, AtServer(WormPorts, TrafficDirection.Both), EmitOptions.Router));
        Assert.Contains("host:server is a host firewall", onHost.Message, StringComparison.Ordinal);
        var onPoint = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(target, AtRouter(WormPorts), OnServer));
        Assert.Contains("router is an enforcement point", onPoint.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables", EmitTarget.Iptables)]
    [InlineData("NFT", EmitTarget.Nft)]
    [InlineData("ios", EmitTarget.Ios)]
    [InlineData("powershell", EmitTarget.PowerShell)]
    [InlineData(" netsh ", EmitTarget.Netsh)]
    public void Targets_are_named_as_users_type_them(string text, EmitTarget expected)
    {
        Assert.True(EmitTargetNames.TryParse(text, out var target));
        Assert.Equal(expected, target);
        Assert.True(EmitTargetNames.TryParse(expected.ToId(), out _));
        Assert.False(EmitTargetNames.TryParse("pf", out _));
    }
}
