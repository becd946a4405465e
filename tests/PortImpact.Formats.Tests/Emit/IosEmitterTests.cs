using System.Collections.Immutable;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Emit;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.Emit.EmitSamples;

namespace PortImpact.Formats.Tests.Emit;

public sealed class IosEmitterTests
{
    private static readonly FirewallRule FileSharing =
        Permit("exception E1", Transport.Tcp, "445", Addresses("10.99.1.0-10.99.1.9"), Server, TrafficDirection.Out);

    private static Policy Acl(RuleAction defaultAction, params FirewallRule[] rules) =>
        new(PolicySemantics.OrderedAcl, [.. rules], defaultAction, defaultAction);

    [Fact]
    public void Exceptions_permit_with_exact_wildcard_masks_then_the_closure_denies_then_everything_else_is_permitted()
    {
        var change = AtRouter(WormPorts, FileSharing);

        Assert.Equal("""
            ! PortImpact: change at router: close tcp+udp/135,137-139,445 both ways; 1 overlay rule ahead of it.
            ! Apply inbound on every interface of router by which the link's traffic enters:
            !   interface NAME / ip access-group PORTIMPACT-ROUTER in
            ! An IOS permit is final: it skips every later line. An interface takes one ACL per direction, so if it already
            ! has one, put these lines at its top instead, without the last "permit ip any any": each permit below then also
            ! skips that ACL's own denies. No baseline was given, so that was not checked: check it before merging.
            ! To load it again, remove the old list first: no ip access-list extended PORTIMPACT-ROUTER
            ip access-list extended PORTIMPACT-ROUTER
             remark exception E1
             permit tcp 10.99.1.0 0.0.0.7 host 10.99.2.2 eq 445
             permit tcp 10.99.1.8 0.0.0.1 host 10.99.2.2 eq 445
             deny tcp any any eq 135
             deny tcp any any range 137 139
             deny tcp any any eq 445
             deny udp any any eq 135
             deny udp any any range 137 139
             deny udp any any eq 445
             permit ip any any

            """, ChangeEmitter.Emit(RuleFormats.Emitter("ios"), change));
    }

    [Fact]
    public void Closing_ports_from_1024_up_warns_that_the_stateless_acl_also_drops_replies()
    {
        var text = ChangeEmitter.Emit(RuleFormats.Emitter("ios"), AtRouter(PortSelection.Of(Transport.Tcp, Ports("135,49152-65535"))));
        Assert.Contains("! IOS ACLs are stateless", text, StringComparison.Ordinal);
        Assert.Contains(" deny tcp any any range 49152 65535\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stateless", ChangeEmitter.Emit(RuleFormats.Emitter("ios"), AtRouter(WormPorts)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_over_something_the_baseline_denies_is_refused_naming_the_exception()
    {
        var baseline = Acl(RuleAction.Permit, Deny("no smb to servers", Transport.Tcp, "445", Addresses("any"), Addresses("10.99.2.0/24")));

        var refused = Assert.Throws<EmitRefusedException>(() =>
            ChangeEmitter.Emit(RuleFormats.Emitter("ios"), AtRouter(WormPorts, FileSharing), new EmitOptions(Baseline: baseline)));
        Assert.Contains("exception 'exception E1'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("tcp/445", refused.Message, StringComparison.Ordinal);
        Assert.Contains("permit is final", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_default_under_the_exception_is_refused_too()
    {
        var baseline = Acl(RuleAction.Deny, Permit("web", Transport.Tcp, "80,443", Addresses("any"), Addresses("any")));
        Assert.Throws<EmitRefusedException>(() =>
            ChangeEmitter.Emit(RuleFormats.Emitter("ios"), AtRouter(WormPorts, FileSharing), new EmitOptions(Baseline: baseline)));
    }

    [Fact]
    public void A_baseline_that_denies_only_other_traffic_or_none_at_all_lets_the_acl_be_written()
    {
        var otherPorts = Acl(RuleAction.Permit, Deny("no rdp", Transport.Tcp, "3389", Addresses("any"), Addresses("any")));
        var permittedFirst = Acl(RuleAction.Permit,
            Permit("smb from the client site", Transport.Tcp, "445", Addresses("10.99.1.0/24"), Addresses("any")),
            Deny("no smb", Transport.Tcp, "445", Addresses("any"), Addresses("any")));
        var change = AtRouter(WormPorts, FileSharing);
        var withoutBaseline = ChangeEmitter.Emit(RuleFormats.Emitter("ios"), change);

        foreach (var baseline in new[] { otherPorts, permittedFirst, Policy.OpenAcl })
        {
            var text = ChangeEmitter.Emit(RuleFormats.Emitter("ios"), change, new EmitOptions(Baseline: baseline));
            Assert.Equal(RuleLines(withoutBaseline, "!"), RuleLines(text, "!"));
            Assert.Contains("The baseline given was checked", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_overlay_deny_is_written_as_a_deny_in_its_place()
    {
        var change = AtRouter(PortSelection.Of(Transport.Udp, Ports("137")),
            Deny("close tftp", Transport.Udp, "69", Addresses("any"), Addresses("10.99.2.0/24")));
        Assert.Equal("""
            ip access-list extended PORTIMPACT-ROUTER
             remark close tftp
             deny udp any 10.99.2.0 0.0.0.255 eq 69
             deny udp any any eq 137
             permit ip any any

            """, RuleLines(ChangeEmitter.Emit(RuleFormats.Emitter("ios"), change), "!"));
    }

    [Fact]
    public void Every_port_needs_no_port_clause()
    {
        var change = new ChangeAtPoint("wan", new PortSelection(PortSet.All, PortSet.Empty), TrafficDirection.Both, ImmutableArray<FirewallRule>.Empty);
        Assert.Contains(" deny tcp any any\n", ChangeEmitter.Emit(RuleFormats.Emitter("ios"), change), StringComparison.Ordinal);
        Assert.Contains("ip access-list extended PORTIMPACT-WAN\n", ChangeEmitter.Emit(RuleFormats.Emitter("ios"), change), StringComparison.Ordinal);
    }
}
