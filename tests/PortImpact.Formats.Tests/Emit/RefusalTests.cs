using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

/// <summary>What each target cannot write exactly is refused, never widened (see <see cref="EmitCapabilities"/>).</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData("powershell")]
    [InlineData("netsh")]
    public void Windows_targets_need_a_host(string target)
    {
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(RuleFormats.Emitter(target), AtRouter(WormPorts), EmitOptions.Router));
        Assert.Contains("needs the host", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ios_is_for_routers_only()
    {
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(RuleFormats.Emitter("ios"), AtServer(WormPorts, TrafficDirection.In), OnServer));
        Assert.Contains("router interface", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables", TrafficDirection.In)]
    [InlineData("nft", TrafficDirection.Out)]
    [InlineData("ios", TrafficDirection.In)]
    public void A_one_way_change_on_a_router_is_refused_because_no_interface_names_are_known(string target, TrafficDirection direction)
    {
        var change = AtRouter(WormPorts) with { Direction = direction };
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(RuleFormats.Emitter(target), change));
        Assert.Contains("router: the change closes tcp+udp/135,137-139,445 only", refused.Message, StringComparison.Ordinal);
        Assert.Contains("interface names", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables")]
    [InlineData("nft")]
    [InlineData("ios")]
    public void A_one_way_exception_with_any_on_one_side_is_refused_on_a_router(string target)
    {
        // Written without direction it would also exempt 445 crossing the other way, which the engine kept closed.
        var change = AtRouter(WormPorts, Permit("inbound SMB", Transport.Tcp, "445", Addresses("any"), Server, TrafficDirection.In));
        var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(RuleFormats.Emitter(target), change));
        Assert.Contains("'inbound SMB' applies only", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables")]
    [InlineData("nft")]
    [InlineData("ios")]
    public void Both_ways_on_a_router_is_written_with_exceptions_of_any_direction(string target)
    {
        var change = AtRouter(WormPorts, Permit("E1", Transport.Tcp, "445", Addresses("10.99.1.2"), Server, TrafficDirection.In));
        Assert.Contains("E1", ChangeEmitter.Emit(RuleFormats.Emitter(target), change), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables")]
    [InlineData("nft")]
    [InlineData("powershell")]
    [InlineData("netsh")]
    public void One_way_on_a_host_is_exact(string target)
    {
        var text = ChangeEmitter.Emit(RuleFormats.Emitter(target), AtServer(PortSelection.Of(Transport.Tcp, Ports("445")), TrafficDirection.Out), OnServer);
        Assert.DoesNotContain("INPUT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hook input", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Inbound", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dir=in", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables")]
    [InlineData("nft")]
    public void A_host_change_needs_the_host_and_a_point_change_is_not_written_as_a_host_firewall(string target)
    {
        var onHost = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(RuleFormats.Emitter(target), AtServer(WormPorts, TrafficDirection.Both), EmitOptions.Router));
        Assert.Contains("host:server is a host firewall", onHost.Message, StringComparison.Ordinal);
        var onPoint = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(RuleFormats.Emitter(target), AtRouter(WormPorts), OnServer));
        Assert.Contains("router is an enforcement point", onPoint.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables", "iptables")]
    [InlineData("NFT", "nft")]
    [InlineData("ios", "ios")]
    [InlineData("powershell", "powershell")]
    [InlineData(" netsh ", "netsh")]
    public void Targets_are_named_as_users_type_them(string text, string expected)
    {
        Assert.Equal(expected, RuleFormats.FindEmitter(text)?.Id);
        Assert.Null(RuleFormats.FindEmitter("pf"));
    }
}
