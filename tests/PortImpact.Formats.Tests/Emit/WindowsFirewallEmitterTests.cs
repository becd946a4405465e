using PortImpact.Core.Addresses;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

/// <summary>
/// Windows: a block beats any allow, so exceptions are carried out by leaving their remote addresses out of
/// the block rules. Ports are partitioned into cells with the same exempt addresses, one block rule per
/// (direction, transport, cell), whose remote addresses are the complement of the exempt ones.
/// </summary>
public sealed class WindowsFirewallEmitterTests
{
    private const string AllIpv6 = "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

    /// <summary>E1 exempts one client on 445, E2 a whole subnet on 135 and 445, and 137-139 exempt nobody.</summary>
    private static ChangeAtPoint TwoExceptions => AtServer(PortSelection.Of(Transport.Tcp, Ports("135,137-139,445")), TrafficDirection.In,
        Permit("exception E1", Transport.Tcp, "445", Addresses("10.99.1.2"), Server, TrafficDirection.In),
        Permit("exception E2", Transport.Tcp, "135,445", Addresses("10.99.3.0/24"), Addresses("10.99.2.0/24"), TrafficDirection.In));

    [Fact]
    public void PowerShell_blocks_each_cell_of_ports_from_the_complement_of_its_exempt_addresses()
    {
        Assert.Equal($"""
            # PortImpact: change at host:server: close tcp/135,137-139,445 inbound; 2 overlay rules ahead of it.
            # On Windows a block rule beats every allow rule, so the exceptions are not allow rules: each block rule's remote
            # addresses leave the exempt addresses out. Traffic that no block rule matches goes on to the existing rules.
            # Run in an elevated PowerShell. Running it again replaces the rules of group 'PortImpact host:server'.
            Remove-NetFirewallRule -Group 'PortImpact host:server' -ErrorAction SilentlyContinue
            New-NetFirewallRule -Group 'PortImpact host:server' -DisplayName 'PortImpact: host:server in tcp 135' -Direction Inbound -Action Block -Protocol TCP -LocalPort '135' -RemoteAddress '0.0.0.0-10.99.2.255','10.99.4.0-255.255.255.255','{AllIpv6}' -Description 'exempt: exception E2'
            New-NetFirewallRule -Group 'PortImpact host:server' -DisplayName 'PortImpact: host:server in tcp 137-139' -Direction Inbound -Action Block -Protocol TCP -LocalPort '137-139' -RemoteAddress Any
            New-NetFirewallRule -Group 'PortImpact host:server' -DisplayName 'PortImpact: host:server in tcp 445' -Direction Inbound -Action Block -Protocol TCP -LocalPort '445' -RemoteAddress '0.0.0.0-10.99.1.1','10.99.1.3-10.99.2.255','10.99.4.0-255.255.255.255','{AllIpv6}' -Description 'exempt: exception E1, exception E2'

            """, ChangeEmitter.Emit(RuleFormats.Emitter("powershell"), TwoExceptions, OnServer));
    }

    [Fact]
    public void Netsh_writes_the_same_rules_deleted_by_name_first()
    {
        Assert.Equal($"""
            netsh advfirewall firewall delete rule name="PortImpact: host:server in tcp 135"
            netsh advfirewall firewall add rule name="PortImpact: host:server in tcp 135" dir=in action=block protocol=TCP localport=135 remoteip=0.0.0.0-10.99.2.255,10.99.4.0-255.255.255.255,{AllIpv6} description="exempt: exception E2"
            netsh advfirewall firewall delete rule name="PortImpact: host:server in tcp 137-139"
            netsh advfirewall firewall add rule name="PortImpact: host:server in tcp 137-139" dir=in action=block protocol=TCP localport=137-139 remoteip=any
            netsh advfirewall firewall delete rule name="PortImpact: host:server in tcp 445"
            netsh advfirewall firewall add rule name="PortImpact: host:server in tcp 445" dir=in action=block protocol=TCP localport=445 remoteip=0.0.0.0-10.99.1.1,10.99.1.3-10.99.2.255,10.99.4.0-255.255.255.255,{AllIpv6} description="exempt: exception E1, exception E2"

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("netsh"), TwoExceptions, OnServer), "rem"));
    }

    [Fact]
    public void Ports_apart_but_exempt_alike_share_one_rule()
    {
        var change = AtServer(PortSelection.Both(Ports("135,445")), TrafficDirection.In,
            Permit("E1", Transport.Tcp, "135,445", Addresses("10.99.1.0/24"), Server, TrafficDirection.In));
        var lines = RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("netsh"), change, OnServer), "rem").Split('\n').Where(l => l.Contains(" add rule ", StringComparison.Ordinal)).ToList();
        Assert.Equal([
            $"netsh advfirewall firewall add rule name=\"PortImpact: host:server in tcp 135,445\" dir=in action=block protocol=TCP localport=135,445 remoteip=0.0.0.0-10.99.0.255,10.99.2.0-255.255.255.255,{AllIpv6} description=\"exempt: E1\"",
            "netsh advfirewall firewall add rule name=\"PortImpact: host:server in udp 135,445\" dir=in action=block protocol=UDP localport=135,445 remoteip=any",
        ], lines);
    }

    [Fact]
    public void Outbound_blocks_remote_ports_toward_the_complement_of_the_exempt_destinations()
    {
        var change = AtServer(PortSelection.Of(Transport.Udp, Ports("137-138")), TrafficDirection.Out,
            Permit("E1", Transport.Udp, "137", Server, Addresses("10.99.1.0/25", "10.99.1.128/25"), TrafficDirection.Out),
            Permit("inbound only", Transport.Udp, "138", Addresses("any"), Server, TrafficDirection.In));

        Assert.Equal($"""
            Remove-NetFirewallRule -Group 'PortImpact host:server' -ErrorAction SilentlyContinue
            New-NetFirewallRule -Group 'PortImpact host:server' -DisplayName 'PortImpact: host:server out udp 137' -Direction Outbound -Action Block -Protocol UDP -RemotePort '137' -RemoteAddress '0.0.0.0-10.99.0.255','10.99.2.0-255.255.255.255','{AllIpv6}' -Description 'exempt: E1'
            New-NetFirewallRule -Group 'PortImpact host:server' -DisplayName 'PortImpact: host:server out udp 138' -Direction Outbound -Action Block -Protocol UDP -RemotePort '138' -RemoteAddress Any

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("powershell"), change, OnServer), "#"));
    }

    [Fact]
    public void An_exception_from_anyone_exempts_ipv6_too_and_leaves_nothing_to_block()
    {
        var change = AtServer(PortSelection.Of(Transport.Tcp, Ports("135,445")), TrafficDirection.In,
            Permit("E1", Transport.Tcp, "445", Addresses("any"), Server, TrafficDirection.In));
        var text = ChangeEmitter.Emit(RuleFormats.Emitter("powershell"), change, OnServer);
        Assert.Contains("-LocalPort '135' -RemoteAddress Any", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'445'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlay_deny_before_an_exception_blocks_what_it_names_and_the_permit_exempts_only_the_rest()
    {
        var change = AtServer(PortSelection.Of(Transport.Tcp, Ports("445")), TrafficDirection.In,
            Deny("deny one", Transport.Tcp, "445", Addresses("10.99.1.5"), Server, TrafficDirection.In),
            Permit("E1", Transport.Tcp, "445", Addresses("10.99.1.0/24"), Server, TrafficDirection.In));
        Assert.Contains(
            $"-LocalPort '445' -RemoteAddress '0.0.0.0-10.99.0.255','10.99.1.5','10.99.2.0-255.255.255.255','{AllIpv6}' -Description 'exempt: E1'",
            ChangeEmitter.Emit(RuleFormats.Emitter("powershell"), change, OnServer), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_port_is_any_port_and_exceptions_for_other_hosts_change_nothing()
    {
        var change = AtServer(new PortSelection(PortSet.All, PortSet.Empty), TrafficDirection.In,
            Permit("for another host", Transport.Tcp, "445", Addresses("10.99.1.2"), Addresses("10.99.2.3"), TrafficDirection.In));
        Assert.Equal("""
            netsh advfirewall firewall delete rule name="PortImpact: host:server in tcp any"
            netsh advfirewall firewall add rule name="PortImpact: host:server in tcp any" dir=in action=block protocol=TCP localport=any remoteip=any

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("netsh"), change, OnServer), "rem"));
    }

    [Fact]
    public void An_exception_for_part_of_a_host_group_is_refused()
    {
        var group = AddressSet.Of(AddressRange.Parse("10.99.2.0/28"));
        var change = AtServer(WormPorts, TrafficDirection.In,
            Permit("exception E3", Transport.Tcp, "445", Addresses("10.99.1.2"), Addresses("10.99.2.2"), TrafficDirection.In));

        foreach (var target in new[] { RuleFormats.Emitter("powershell"), RuleFormats.Emitter("netsh") })
        {
            var refused = Assert.Throws<EmitRefusedException>(() => ChangeEmitter.Emit(target, change, EmitOptions.ForHost(group)));
            Assert.Contains("'exception E3' names only some of the host's addresses", refused.Message, StringComparison.Ordinal);
        }
        // iptables and nft match the destination address itself, so they write it exactly.
        Assert.Contains("-d 10.99.2.2", ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change, EmitOptions.ForHost(group)), StringComparison.Ordinal);
    }
}
