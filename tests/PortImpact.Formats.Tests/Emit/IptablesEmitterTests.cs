using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

public sealed class IptablesEmitterTests
{
    [Fact]
    public void A_router_change_is_a_chain_jumped_to_first_that_returns_exceptions_and_drops_the_closure()
    {
        var change = AtRouter(WormPorts, Permit("exception E1", Transport.Tcp, "135,445", Addresses("10.99.1.2"), Server, TrafficDirection.Out));

        Assert.Equal("""
            # PortImpact: change at router: close tcp+udp/135,137-139,445 both ways; 1 overlay rule ahead of it.
            # Load with: iptables-restore --noflush < FILE. IPv4 only: ip6tables filters IPv6, which the model does not describe.
            # The change is a chain of its own that is jumped to first. -j RETURN exempts traffic from the change and hands it
            # to the existing rules, -j DROP carries out the closure, and what reaches the end of the chain returns to them too.
            # Packets of connections already established pass on: the change stops new connections, as the engine evaluates flows.
            # Loading again empties and refills the chains but adds another (harmless) jump. To remove the change:
            #   iptables -D FORWARD -j PORTIMPACT; iptables -F PORTIMPACT; iptables -X PORTIMPACT
            *filter
            :PORTIMPACT - [0:0]
            -I FORWARD 1 -j PORTIMPACT
            -A PORTIMPACT -m conntrack --ctstate ESTABLISHED -j RETURN
            -A PORTIMPACT -s 10.99.1.2 -d 10.99.2.2 -p tcp -m multiport --dports 135,445 -m comment --comment "exception E1" -j RETURN
            -A PORTIMPACT -p tcp -m multiport --dports 135,137:139,445 -m comment --comment "PortImpact: proposed closure" -j DROP
            -A PORTIMPACT -p udp -m multiport --dports 135,137:139,445 -m comment --comment "PortImpact: proposed closure" -j DROP
            COMMIT

            """, ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change));
    }

    [Theory]
    [InlineData("1000,1002,1004,1006,1008,1010,1012,1014,1016,1018,1020,1022,1024,1026,1028,1030",
        " -m multiport --dports 1000,1002,1004,1006,1008,1010,1012,1014,1016,1018,1020,1022,1024,1026,1028| --dport 1030")]
    // Eight ranges cost 16: seven fit (14), the eighth starts the next rule, and the port after it joins it.
    [InlineData("2000-2001,2010-2011,2020-2021,2030-2031,2040-2041,2050-2051,2060-2061,2070-2071,3000",
        " -m multiport --dports 2000:2001,2010:2011,2020:2021,2030:2031,2040:2041,2050:2051,2060:2061| -m multiport --dports 2070:2071,3000")]
    // Exactly fifteen: seven ranges and one port.
    [InlineData("2000-2001,2010-2011,2020-2021,2030-2031,2040-2041,2050-2051,2060-2061,3000",
        " -m multiport --dports 2000:2001,2010:2011,2020:2021,2030:2031,2040:2041,2050:2051,2060:2061,3000")]
    [InlineData("137-139", " --dport 137:139")]
    [InlineData("0-65535", "")]
    public void Multiport_takes_fifteen_ports_a_range_counting_two_so_longer_lists_are_split(string ports, string expectedMatches)
    {
        var change = AtRouter(PortSelection.Of(Transport.Udp, Ports(ports)));
        var drops = ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change).Split('\n').Where(l => l.EndsWith("-j DROP", StringComparison.Ordinal));
        var comment = $" -m comment --comment \"PortImpact: proposed closure\" -j DROP";
        Assert.Equal(expectedMatches.Split('|').Select(match => $"-A PORTIMPACT -p udp{match}{comment}"), drops);
    }

    [Fact]
    public void Address_sets_that_are_not_prefixes_are_split_into_exact_prefixes_and_any_is_left_out()
    {
        var change = AtRouter(PortSelection.Of(Transport.Tcp, Ports("445")),
            Permit("E1", Transport.Tcp, "445", Addresses("10.99.1.0-10.99.1.9", "10.99.3.0/24"), Addresses("any")));

        Assert.Equal("""
            *filter
            :PORTIMPACT - [0:0]
            -I FORWARD 1 -j PORTIMPACT
            -A PORTIMPACT -m conntrack --ctstate ESTABLISHED -j RETURN
            -A PORTIMPACT -s 10.99.1.0/29,10.99.1.8/31,10.99.3.0/24 -p tcp --dport 445 -m comment --comment "E1" -j RETURN
            -A PORTIMPACT -p tcp --dport 445 -m comment --comment "PortImpact: proposed closure" -j DROP
            COMMIT

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change), "#"));
    }

    [Fact]
    public void On_a_host_each_direction_has_its_own_chain_holding_only_the_exceptions_for_that_direction()
    {
        var change = AtServer(PortSelection.Of(Transport.Tcp, Ports("445")), TrafficDirection.Both,
            Permit("E-in", Transport.Tcp, "445", Addresses("10.99.1.2"), Server, TrafficDirection.In),
            Permit("E-out", Transport.Tcp, "445", Server, Addresses("10.99.1.3"), TrafficDirection.Out));

        Assert.Equal("""
            *filter
            :PORTIMPACT-IN - [0:0]
            :PORTIMPACT-OUT - [0:0]
            -I INPUT 1 -j PORTIMPACT-IN
            -I OUTPUT 1 -j PORTIMPACT-OUT
            -A PORTIMPACT-IN -m conntrack --ctstate ESTABLISHED -j RETURN
            -A PORTIMPACT-IN -i lo -j RETURN
            -A PORTIMPACT-IN -s 10.99.1.2 -d 10.99.2.2 -p tcp --dport 445 -m comment --comment "E-in" -j RETURN
            -A PORTIMPACT-IN -p tcp --dport 445 -m comment --comment "PortImpact: proposed closure" -j DROP
            -A PORTIMPACT-OUT -m conntrack --ctstate ESTABLISHED -j RETURN
            -A PORTIMPACT-OUT -o lo -j RETURN
            -A PORTIMPACT-OUT -s 10.99.2.2 -d 10.99.1.3 -p tcp --dport 445 -m comment --comment "E-out" -j RETURN
            -A PORTIMPACT-OUT -p tcp --dport 445 -m comment --comment "PortImpact: proposed closure" -j DROP
            COMMIT

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change, OnServer), "#"));
    }

    [Fact]
    public void An_inbound_host_change_touches_only_INPUT_and_an_overlay_deny_drops_in_order()
    {
        var change = AtServer(PortSelection.Of(Transport.Tcp, Ports("135")), TrafficDirection.In,
            Deny("close more", Transport.Tcp, "3389", Addresses("10.99.1.0/24"), Server, TrafficDirection.In),
            Permit("E1", Transport.Tcp, "135", Addresses("10.99.1.2"), Server, TrafficDirection.In));

        Assert.Equal("""
            *filter
            :PORTIMPACT-IN - [0:0]
            -I INPUT 1 -j PORTIMPACT-IN
            -A PORTIMPACT-IN -m conntrack --ctstate ESTABLISHED -j RETURN
            -A PORTIMPACT-IN -i lo -j RETURN
            -A PORTIMPACT-IN -s 10.99.1.0/24 -d 10.99.2.2 -p tcp --dport 3389 -m comment --comment "close more" -j DROP
            -A PORTIMPACT-IN -s 10.99.1.2 -d 10.99.2.2 -p tcp --dport 135 -m comment --comment "E1" -j RETURN
            -A PORTIMPACT-IN -p tcp --dport 135 -m comment --comment "PortImpact: proposed closure" -j DROP
            COMMIT

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change, OnServer), "#"));
    }

    [Fact]
    public void The_same_change_gives_the_same_bytes()
    {
        var change = AtRouter(WormPorts, Permit("E1", Transport.Tcp, "445", Addresses("10.99.1.0/24"), Server));
        Assert.Equal(ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change), ChangeEmitter.Emit(RuleFormats.Emitter("iptables"), change with { Exceptions = [.. change.Exceptions] }));
    }
}
