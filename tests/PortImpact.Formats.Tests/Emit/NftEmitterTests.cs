using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

public sealed class NftEmitterTests
{
    [Fact]
    public void A_router_change_is_a_reloadable_table_whose_forward_chain_runs_first_and_says_why_accept_passes_on()
    {
        var change = AtRouter(WormPorts, Permit("exception E1", Transport.Tcp, "135,445", Addresses("10.99.1.2"), Server, TrafficDirection.Out));

        Assert.Equal("""
            #!/usr/sbin/nft -f
            # PortImpact: change at router: close tcp+udp/135,137-139,445 both ways; 1 overlay rule ahead of it.
            # Load with: nft -f FILE. Loading again replaces the table. Remove the change with: nft delete table inet portimpact
            # The change is a table of its own whose base chains run at priority -10, ahead of the existing rules (priority filter, 0).
            # In nftables an accept ends only the base chain it is in: the packet then goes on to the next base chain on the same
            # hook, i.e. to the existing rules. So an exception (accept) exempts traffic from the change and never opens what the
            # existing rules deny, while a drop is final. Packets of connections already established pass on: the change stops
            # new connections, as the engine evaluates flows. The closure drops IPv6 too; exceptions name the model's IPv4 addresses.
            table inet portimpact {}
            delete table inet portimpact
            table inet portimpact {
            	chain forward {
            		type filter hook forward priority -10; policy accept;
            		ct state established accept
            		ip saddr 10.99.1.2 ip daddr 10.99.2.2 tcp dport { 135, 445 } accept comment "exception E1"
            		tcp dport { 135, 137-139, 445 } drop comment "PortImpact: proposed closure"
            		udp dport { 135, 137-139, 445 } drop comment "PortImpact: proposed closure"
            	}
            }

            """, ChangeEmitter.Emit(RuleFormats.Emitter("nft"), change));
    }

    [Fact]
    public void Address_sets_and_port_sets_become_anonymous_sets_with_ranges_and_every_port_becomes_a_protocol_match()
    {
        var change = AtRouter(PortSelection.Of(Transport.Udp, PortSet.All),
            Permit("E1", Transport.Udp, "53,123", Addresses("10.99.1.0-10.99.1.9", "10.99.3.0/24"), Addresses("10.99.2.2", "10.99.2.5")));

        Assert.Equal("""
            table inet portimpact {}
            delete table inet portimpact
            table inet portimpact {
            	chain forward {
            		type filter hook forward priority -10; policy accept;
            		ct state established accept
            		ip saddr { 10.99.1.0-10.99.1.9, 10.99.3.0/24 } ip daddr { 10.99.2.2, 10.99.2.5 } udp dport { 53, 123 } accept comment "E1"
            		meta l4proto udp drop comment "PortImpact: proposed closure"
            	}
            }

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("nft"), change), "#"));
    }

    [Fact]
    public void On_a_host_the_input_and_output_hooks_get_the_rules_of_their_direction()
    {
        var change = AtServer(PortSelection.Of(Transport.Tcp, Ports("445")), TrafficDirection.Both,
            Permit("E-in", Transport.Tcp, "445", Addresses("10.99.1.2"), Server, TrafficDirection.In));

        Assert.Equal("""
            table inet portimpact {}
            delete table inet portimpact
            table inet portimpact {
            	chain input {
            		type filter hook input priority -10; policy accept;
            		ct state established accept
            		iifname "lo" accept
            		ip saddr 10.99.1.2 ip daddr 10.99.2.2 tcp dport 445 accept comment "E-in"
            		tcp dport 445 drop comment "PortImpact: proposed closure"
            	}
            	chain output {
            		type filter hook output priority -10; policy accept;
            		ct state established accept
            		oifname "lo" accept
            		tcp dport 445 drop comment "PortImpact: proposed closure"
            	}
            }

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("nft"), change, OnServer), "#"));
    }

    [Fact]
    public void Labels_lose_the_characters_a_quoted_comment_cannot_hold()
    {
        var change = AtRouter(PortSelection.None, Permit("E1 \"keep\" 50% \\ ok", Transport.Tcp, "445", Addresses("any"), Server));
        Assert.Contains("tcp dport 445 accept comment \"E1 _keep_ 50_ _ ok\"", ChangeEmitter.Emit(RuleFormats.Emitter("nft"), change), StringComparison.Ordinal);
    }
}
