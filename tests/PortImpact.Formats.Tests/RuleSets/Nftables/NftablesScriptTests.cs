using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using static PortImpact.Core.RuleSets.NotUnderstoodEffect;

namespace PortImpact.Formats.Tests.RuleSets.Nftables;

/// <summary>The script level: tokens, variables, tables and families, chains, priorities, policies, the command forms.</summary>
public sealed class NftablesScriptTests
{
    [Fact]
    public void Comments_semicolons_continuations_and_strings_are_tokenized_as_nft_does()
    {
        var ruleset = Nft.Read("""
            #!/usr/sbin/nft -f
            table inet t { # a comment after a brace
              chain c { type filter hook input priority 0; policy drop; tcp dport 22 accept; udp dport 53 accept # trailing
                tcp dport \
                  80 accept
                iifname "eth0;#x" accept comment "a # b ; c"
              }
            }
            """);

        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Equal([(3, "22"), (3, "53"), (4, "80"), (6, "0-65535")], rules.Select(r => (r.Location.Line, r.DestinationPorts.ToString())));
        Assert.Equal(new OpaqueCondition("interface", "iifname \"eth0;#x\""), Assert.Single(rules[3].Opaque));
        Assert.Equal("iifname \"eth0;#x\" accept comment \"a # b ; c\"", rules[3].Text);
        Assert.Equal("tcp dport 80 accept", rules[2].Text);
        Assert.Equal(RuleVerdict.Deny, Nft.Chain(ruleset, "c").Policy);
    }

    [Fact]
    public void Defines_are_substituted_in_order_including_sets_inside_sets()
    {
        var ruleset = Nft.Read("""
            define WEB = { 80, 443 }
            define PORTS = {
                $WEB,
                8080
            }
            define ADMIN = 10.9.0.0/16
            define LAN = "br0"
            table inet t {
              chain c {
                ip saddr $ADMIN tcp dport $PORTS accept
                iifname $LAN accept
              }
            }
            redefine ADMIN = 10.8.0.0/16
            add rule inet t c ip saddr $ADMIN drop
            """);

        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Equal(Nft.Addresses("10.9.0.0/16"), rules[0].Source);
        Assert.Equal(Nft.Ports("80,443,8080"), rules[0].DestinationPorts);
        Assert.Equal("ip saddr $ADMIN tcp dport $PORTS accept", rules[0].Text);
        Assert.Equal(10, rules[0].Location.Line);
        Assert.Equal("iifname \"br0\"", Assert.Single(rules[1].Opaque).Text);
        Assert.Equal(Nft.Addresses("10.8.0.0/16"), rules[2].Source);
    }

    [Fact]
    public void Defines_inside_a_table_a_default_family_and_a_byte_order_mark()
    {
        var ruleset = Nft.Read("\uFEFFtable filter {\n  define TARGET = allowed\n  chain allowed { accept }\n  chain c { tcp dport 22 jump $TARGET }\n}\n");

        Assert.Equal(["ip filter", "ip filter"], ruleset.Chains.Select(c => c.Table!));
        var rule = Assert.Single(Nft.Chain(ruleset, "c").Rules);
        Assert.Equal((RuleVerdict.Jump, "allowed", "tcp dport 22 jump $TARGET"), (rule.Verdict, rule.Target, rule.Text));
    }

    [Fact]
    public void Undefine_forgets_a_variable()
    {
        var error = Assert.Throws<PortImpact.Core.Diagnostics.InputException>(() => Nft.Read("define P = 22\nundefine P\ntable ip t { chain c { tcp dport $P accept } }\n"));
        Assert.Equal((Nft.File, 3, 34), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal("variable $P is not defined (a 'define P = …' must come before its use)", error.Problem);
    }

    [Fact]
    public void Include_leaves_the_chains_uncertain_and_flush_ruleset_forgets_what_came_before()
    {
        var ruleset = Nft.Read("""
            table ip old { chain c { drop } }
            include "/etc/before.nft"
            flush ruleset
            include "/etc/nftables.d/*.nft"
            table ip t { chain c { accept } }
            """);

        Assert.Equal(["c"], ruleset.Chains.Select(c => c.Name));
        Assert.Equal("ip t", Assert.Single(ruleset.Chains).Table);
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal(("include", 4, 1, ChainUncertain, "include \"/etc/nftables.d/*.nft\""),
            (note.Construct, note.Location.Line, note.Location.Column, note.Effect, note.Text));
    }

    [Fact]
    public void Flush_table_and_chain_empty_rules_but_keep_chains_and_delete_table_removes_it()
    {
        var ruleset = Nft.Read("""
            table inet a { chain c { type filter hook input priority 0; policy drop; tcp dport 22 accept }; chain d { drop } }
            table inet b { chain c { drop } }
            table ip gone { chain c { drop } }
            flush table inet a
            add rule inet a c tcp dport 80 accept
            flush chain inet b c
            delete table ip gone
            flush table ip never-declared
            """);

        Assert.Equal([("inet a", "c", 1), ("inet a", "d", 0), ("inet b", "c", 0)], ruleset.Chains.Select(c => (c.Table!, c.Name, c.Rules.Length)));
        Assert.Equal(Nft.Ports("80"), Nft.Chain(ruleset, "c", "inet a").Rules[0].DestinationPorts);
        Assert.Equal(RuleVerdict.Deny, Nft.Chain(ruleset, "c", "inet a").Policy);
        Assert.Empty(ruleset.NotUnderstood);
    }

    [Fact]
    public void Base_chains_keep_hook_priority_and_policy_and_regular_chains_have_none()
    {
        var ruleset = Nft.Read("""
            table inet t {
              chain raw { type filter hook prerouting priority raw; }
              chain mangle { type filter hook prerouting priority mangle - 5; policy accept; }
              chain dnat { type nat hook prerouting priority dstnat; }
              chain late { type filter hook input priority filter + 10; policy drop; }
              chain sec { type filter hook input priority security; }
              chain snat { type nat hook postrouting priority srcnat; }
              chain number { type filter hook forward priority -150; policy drop; }
              chain out { type route hook output priority filter-3; }
              chain helper { }
            }
            table bridge br {
              chain f { type filter hook forward priority filter; }
              chain o { type filter hook output priority out; }
              chain p { type filter hook postrouting priority srcnat; }
              chain d { type filter hook prerouting priority dstnat; }
            }
            table netdev nd { chain e { type filter hook egress device "eth1" priority filter; } }
            """);

        Assert.Equal(
            [
                ("raw", ChainKind.Base, "prerouting", -300, RuleVerdict.Permit), ("mangle", ChainKind.Base, "prerouting", -155, RuleVerdict.Permit),
                ("dnat", ChainKind.Base, "prerouting", -100, RuleVerdict.Permit), ("late", ChainKind.Base, "input", 10, RuleVerdict.Deny),
                ("sec", ChainKind.Base, "input", 50, RuleVerdict.Permit), ("snat", ChainKind.Base, "postrouting", 100, RuleVerdict.Permit),
                ("number", ChainKind.Base, "forward", -150, RuleVerdict.Deny), ("out", ChainKind.Base, "output", -3, RuleVerdict.Permit),
                ("helper", ChainKind.User, null, 0, null),
                ("f", ChainKind.Base, "forward", -200, RuleVerdict.Permit), ("o", ChainKind.Base, "output", 100, RuleVerdict.Permit),
                ("p", ChainKind.Base, "postrouting", 300, RuleVerdict.Permit), ("d", ChainKind.Base, "prerouting", -300, RuleVerdict.Permit),
                ("e", ChainKind.Base, "egress", 0, RuleVerdict.Permit),
            ],
            ruleset.Chains.Select(c => (c.Name, c.Kind, c.Hook, c.Priority, c.Policy)));
        Assert.Equal("bridge br", Nft.Chain(ruleset, "f").Table);
        var device = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal(("device", 18, ChainUncertain), (device.Construct, device.Location.Line, device.Effect));
    }

    [Fact]
    public void A_chain_declared_twice_is_one_chain_with_the_rules_of_both()
    {
        var ruleset = Nft.Read("""
            table inet t { chain c { tcp dport 22 accept } }
            table inet t {
              chain c {
                type filter hook input priority 0
                policy drop
                tcp dport 80 accept
              }
            }
            """);

        var chain = Assert.Single(ruleset.Chains);
        Assert.Equal((ChainKind.Base, "input", RuleVerdict.Deny), (chain.Kind, chain.Hook, chain.Policy));
        Assert.Equal([Nft.Ports("22"), Nft.Ports("80")], chain.Rules.Select(r => r.DestinationPorts));
        Assert.Equal(1, chain.Location.Line);
    }

    [Fact]
    public void Command_forms_add_insert_index_and_position()
    {
        var ruleset = Nft.Read("""
            add table ip filter
            add chain ip filter input { type filter hook input priority 0 ; policy drop ; }
            add chain filter web
            add rule ip filter input tcp dport 22 accept
            insert rule ip filter input udp dport 53 accept
            add rule filter input index 0 tcp dport 23 drop
            insert rule ip filter input index 0 tcp dport 25 drop
            add rule ip filter input handle 7 tcp dport 24 drop
            create set ip filter admins { type ipv4_addr; }
            add element ip filter admins { 10.0.0.1, 10.0.0.2 }
            add rule ip filter web ip saddr @admins accept
            rule ip filter web return
            """);

        var input = Nft.Chain(ruleset, "input", "ip filter");
        Assert.Equal((ChainKind.Base, RuleVerdict.Deny), (input.Kind, input.Policy));
        Assert.Equal(["25", "53", "23", "22", "24"], input.Rules.Select(r => r.DestinationPorts.ToString()));
        Assert.Equal(["ip filter/input/1", "ip filter/input/2", "ip filter/input/3", "ip filter/input/4", "ip filter/input/5"], input.Rules.Select(r => r.Id));
        var web = Nft.Chain(ruleset, "web");
        Assert.Equal(ChainKind.User, web.Kind);
        Assert.Equal(Nft.Addresses("10.0.0.1", "10.0.0.2"), web.Rules[0].Source);
        Assert.Equal(RuleVerdict.Return, web.Rules[1].Verdict);
        var note = Assert.Single(ruleset.NotUnderstood);
        Assert.Equal(("rule position", 8, ChainUncertain), (note.Construct, note.Location.Line, note.Effect));
    }

    [Fact]
    public void Ip6_and_arp_tables_are_skipped_whole_and_dormant_tables_too()
    {
        var ruleset = Nft.Read("""
            table ip6 v6 { chain c { type filter hook input priority 0; policy drop; tcp dport 22 accept } }
            table arp a { chain c { type filter hook input priority 0; arp operation request accept } }
            table ip sleeping { flags dormant; chain c { type filter hook input priority 0; drop } }
            table bridge b { chain c { type filter hook forward priority 0; ip saddr 10.0.0.1 drop } }
            table netdev n { chain c { type filter hook ingress device lo priority 0; ip daddr 10.0.0.2 drop } }
            """);

        Assert.Equal(["bridge b", "netdev n"], ruleset.Chains.Select(c => c.Table!));
        Assert.Equal(
            [("table ip6", 1, Skipped), ("table arp", 2, Skipped), ("flags dormant", 3, Skipped), ("device", 5, ChainUncertain)],
            Nft.Notes(ruleset));
        Assert.Equal(Nft.Addresses("10.0.0.1"), Assert.Single(Nft.Chain(ruleset, "c", "bridge b").Rules).Source);
    }

    [Fact]
    public void Named_objects_are_skipped_and_commands_that_only_show_are_skipped_too()
    {
        var ruleset = Nft.Read("""
            table inet t {
              counter http { packets 0 bytes 0 }
              quota q { over 10 mbytes }
              limit l { rate 10/second }
              ct helper ftp-standard { type "ftp" protocol tcp; }
              ct timeout short { protocol tcp; policy = { established: 100 } }
              flowtable ft { hook ingress priority 0; devices = { eth0, eth1 }; }
              secmark s { "system_u:object_r:ssh_server_packet_t:s0" }
              chain c { type filter hook input priority 0; counter name "http" accept; flow add @ft; }
            }
            list ruleset
            """);

        Assert.Equal(
            [("counter", 2, Skipped), ("quota", 3, Skipped), ("limit", 4, Skipped), ("ct helper", 5, Skipped), ("ct timeout", 6, Skipped),
             ("flowtable", 7, Skipped), ("secmark", 8, Skipped), ("list", 11, Skipped)],
            Nft.Notes(ruleset));
        Assert.Equal("counter http", ruleset.NotUnderstood[0].Text);
        var rules = Nft.Chain(ruleset, "c").Rules;
        Assert.Equal([RuleVerdict.Permit, RuleVerdict.Continue], rules.Select(r => r.Verdict));
        Assert.All(rules, r => Assert.Empty(r.Opaque));
    }

    [Fact]
    public void Commands_that_change_rules_by_handle_leave_the_chains_uncertain()
    {
        var ruleset = Nft.Read("""
            table ip t { chain c { tcp dport 22 accept } }
            delete rule ip t c handle 4
            replace rule ip t c handle 2 tcp dport 23 accept
            rename chain ip t c d
            """);

        Assert.Equal([("delete rule", 2, ChainUncertain), ("replace rule", 3, ChainUncertain), ("rename chain", 4, ChainUncertain)], Nft.Notes(ruleset));
        Assert.Single(Nft.Chain(ruleset, "c").Rules);
    }

    [Fact]
    public void Not_understood_entries_are_in_file_order()
    {
        var ruleset = Nft.Read("""
            table inet t {
              chain c { iifname "a" accept }
              counter x { }
            }
            include "z"
            """);

        Assert.Equal([("iifname", 2), ("counter", 3), ("include", 5)], ruleset.NotUnderstood.Select(n => (n.Construct, n.Location.Line)));
        Assert.Equal(Nft.File, ruleset.File);
        Assert.Equal(PortSet.All, Nft.Chain(ruleset, "c").Rules[0].DestinationPorts);
    }
}
