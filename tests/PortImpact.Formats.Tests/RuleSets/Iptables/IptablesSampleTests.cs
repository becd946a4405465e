using PortImpact.Core.Addresses;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.RuleSets.Iptables.IptablesTestSupport;

namespace PortImpact.Formats.Tests.RuleSets.Iptables;

/// <summary>
/// Every file of ../shared/samples/linux-iptables read end to end. The numbers were counted on the files, not
/// taken from the reader:
/// <list type="bullet">
/// <item>rules per chain: <c>awk '/^\*/{t=substr($1,2)} /^-A/{c[t"/"$2]++} END{for(k in c) print k, c[k]}' FILE</c>
/// (total: <c>grep -c '^-A' FILE</c>), plus one for each <c>--ports</c> line (<c>grep -n -- '--ports ' FILE</c>),
/// which becomes a source-side and a destination-side rule;</item>
/// <item>"interface": <c>grep -n -oE -- ' -[io] [^ ]+' FILE | grep -v ' lo$'</c> (one entry per option);</item>
/// <item>"-m MODULE": <c>grep -n -oE -- '-m [^ ]+' FILE</c> minus the modules read into sets (tcp, udp, multiport,
/// state, conntrack, iprange, comment, icmp, icmp6) and minus <c>-m recent --set</c> lines without a check
/// (<c>grep -n -- '-m recent' FILE | grep -vE -- '--(rcheck|update|remove)'</c>);</item>
/// <item>"--icmp-type"/"--icmpv6-type": <c>grep -n -oE -- '--icmp(v6)?-type [^ ]+' FILE</c>;
/// "-j DNAT"/"-j CT": <c>grep -n -oE -- '-j (DNAT|REDIRECT|NETMAP|CT|NOTRACK|N?F?QUEUE)' FILE</c>;
/// "ipv6": the ip6tables-save header line and <c>grep -n -oE -- ' -[sd] [^ ]*:[^ ]*' FILE</c>.</item>
/// </list>
/// </summary>
public sealed class IptablesSampleTests
{
    private static RuleSet Sample(string name)
    {
        var set = RuleSetReader.ReadFile(SharedSamples.Path("linux-iptables/" + name));
        Assert.Equal(RuleSetFormat.Iptables, set.Format);
        return set;
    }

    private static Dictionary<string, int> RulesPerChain(RuleSet set) =>
        set.Chains.ToDictionary(c => $"{c.Table}/{c.Name}", c => c.Rules.Length);

    private static Dictionary<string, int[]> LinesPerConstruct(RuleSet set) =>
        set.NotUnderstood.GroupBy(n => n.Construct).ToDictionary(g => g.Key, g => g.Select(n => n.Location.Line).ToArray());

    private static int[] Lines(params IEnumerable<int>[] parts) => [.. parts.SelectMany(p => p).Order()];

    private static IEnumerable<int> From(int first, int last) => Enumerable.Range(first, last - first + 1);

    /// <summary>Where a word starts on a line of the file, found in the file's text.</summary>
    private static int Column(string path, int line, string word) => System.IO.File.ReadLines(path).ElementAt(line - 1).IndexOf(word, StringComparison.Ordinal) + 1;

    private static IEnumerable<int> Twice(IEnumerable<int> lines) => lines.SelectMany(l => new[] { l, l });

    [SampleFact]
    public void HclDebianFirewallRulesV4()
    {
        var set = Sample("hcl_debian-firewall_rules.v4");

        Assert.Equal(new Dictionary<string, int> { ["filter/INPUT"] = 9, ["filter/FORWARD"] = 1, ["filter/OUTPUT"] = 1 }, RulesPerChain(set));
        Assert.Equal(11, set.RuleCount);
        var path = SharedSamples.Path("linux-iptables/hcl_debian-firewall_rules.v4");
        Assert.Equal([$"--icmp-type@12:{Column(path, 12, "--icmp-type")} RuleMayMatch", $"-m limit@13:{Column(path, 13, "-m limit")} RuleMayMatch"], Entries(set));
        var input = set.FindChain("INPUT", "filter")!;
        Assert.Equal(RuleVerdict.Permit, input.Policy);
        // -A INPUT -i lo -j ACCEPT: loopback, no flow between hosts matches it.
        Assert.True(input.Rules[0].Source.IsEmpty);
        // -A INPUT -d 127.0.0.0/8 ! -i lo -j REJECT
        Assert.Equal((RuleVerdict.Deny, Addresses("127.0.0.0/8")), (input.Rules[1].Verdict, input.Rules[1].Destination));
        Assert.Empty(input.Rules[1].Opaque);
        // -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
        Assert.False(input.Rules[2].NewConnections);
        // -A INPUT -p tcp -m state --state NEW --dport 22 -j ACCEPT (--dport without -m tcp, hand-edited)
        Assert.Equal((true, PortSet.Of(22)), (input.Rules[3].NewConnections, input.Rules[3].DestinationPorts));
        // -A INPUT -m limit --limit 5/minute -j LOG … then the final REJECT.
        Assert.Equal([RuleVerdict.Continue, RuleVerdict.Deny], input.Rules.Skip(7).Select(r => r.Verdict));
    }

    [SampleFact]
    public void DiekmannParserTest()
    {
        var set = Sample("diekmann_parser_test.iptables-save");

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["filter/INPUT"] = 0, ["filter/FORWARD"] = 24, ["filter/OUTPUT"] = 0, ["filter/DOS~Pro-t_ect"] = 13,
                ["filter/LOGDROP"] = 2, ["filter/Terminal"] = 3, ["filter/IPSEC_42"] = 2,
            },
            RulesPerChain(set));
        Assert.Equal(44, set.RuleCount);
        Assert.Equal(
            new Dictionary<string, int[]>
            {
                ["--something-else"] = [12],
                ["interface"] = [13, 17, 20, 25, 26, 27, 44, 45],
                ["--icmp-type"] = [36],
                ["--icmpv6-type"] = [40, 41],
            },
            LinesPerConstruct(set));
        Assert.All(set.NotUnderstood, n => Assert.Equal(NotUnderstoodEffect.RuleMayMatch, n.Effect));
        var forward = set.FindChain("FORWARD")!.Rules;
        // -A FORWARD -p udp -m multiport --ports 8080:8081,8082 --something-else -j ACCEPT
        Assert.Equal(["filter/FORWARD#3a", "filter/FORWARD#3b"], forward.Where(r => r.Location.Line == 12).Select(r => r.Id));
        // -A FORWARD -i wlan0 -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -m state --state NEW -j DROP
        Assert.Equal(("filter/FORWARD#4", false), (forward[4].Id, forward[4].NewConnections));
        // -A FORWARD ! -s 131.159.0.0/16 -j DROP
        Assert.Equal(("filter/FORWARD#13", Addresses("131.159.0.0/16").Complement()), (forward[13].Id, forward[13].Source));
        // -A FORWARD -g Terminal
        Assert.Equal((RuleVerdict.Goto, "Terminal"), (forward[22].Verdict, forward[22].Target));
        var protect = set.FindChain("DOS~Pro-t_ect")!.Rules;
        // -A DOS~Pro-t_ect -p icmp -m comment --comment "has space" -j ACCEPT
        Assert.Equal("-A DOS~Pro-t_ect -p icmp -m comment --comment \"has space\" -j ACCEPT", protect[5].Text);
        Assert.Empty(protect[5].Opaque);
        // -A DOS~Pro-t_ect -i vocb -p udp -m udp ! --sport 67:68 ! --dport 67:68 -j ACCEPT
        Assert.Equal((Ports("0-66,69-65535"), Ports("0-66,69-65535")), (protect[12].SourcePorts, protect[12].DestinationPorts));
    }

    [SampleFact]
    public void DiekmannMediumSizedCompany()
    {
        var set = Sample("diekmann_medium-sized-company.iptables-save");

        var expected = new Dictionary<string, int>
        {
            ["security/INPUT"] = 0, ["security/FORWARD"] = 0, ["security/OUTPUT"] = 0,
            ["raw/PREROUTING"] = 1, ["raw/OUTPUT"] = 0,
            ["mangle/PREROUTING"] = 0, ["mangle/INPUT"] = 0, ["mangle/FORWARD"] = 0, ["mangle/OUTPUT"] = 0, ["mangle/POSTROUTING"] = 0,
            ["nat/PREROUTING"] = 1, ["nat/INPUT"] = 0, ["nat/OUTPUT"] = 0, ["nat/POSTROUTING"] = 1,
            ["filter/INPUT"] = 14, ["filter/FORWARD"] = 512, ["filter/OUTPUT"] = 0,
            ["filter/FW"] = 52, ["filter/FW-OPEN"] = 11, ["filter/TCP"] = 3, ["filter/UDP"] = 3,
        };
        Assert.Equal(expected, RulesPerChain(set));
        Assert.Equal(598, set.RuleCount);
        Assert.Equal(
            new Dictionary<string, int[]>
            {
                ["-m rpfilter"] = [12],
                ["interface"] = [30, 31, 44, 622, 623, 624, 625, 626, 627, 628, 629],
                ["-j DNAT"] = [30],
                ["--icmp-type"] = [48, 624],
                ["-m recent"] = [632, 635],
            },
            LinesPerConstruct(set));
        Assert.Equal(NotUnderstoodEffect.Skipped, set.NotUnderstood.Single(n => n.Construct == "-j DNAT").Effect);
        var filter = set.FindChain("FORWARD", "filter")!;
        Assert.Equal(RuleVerdict.Deny, filter.Policy);
        // -A FORWARD -s 172.16.2.1/32 (no target: counts and goes on)
        Assert.Equal((RuleVerdict.Continue, Addresses("172.16.2.1")), (filter.Rules[0].Verdict, filter.Rules[0].Source));
        // -A FW-OPEN -d 172.16.2.34/32 -p tcp -m tcp --dport 4081 -j ACCEPT
        var open = set.FindChain("FW-OPEN")!.Rules[0];
        Assert.Equal((Addresses("172.16.2.34"), PortSet.Of(4081), RuleVerdict.Permit), (open.Destination, open.DestinationPorts, open.Verdict));
        // -A INPUT -p tcp -m recent --set … -j REJECT: --set always matches, so this rejects all remaining TCP.
        var portscan = set.FindChain("INPUT", "filter")!.Rules[10];
        Assert.Equal((RuleVerdict.Deny, 0), (portscan.Verdict, portscan.Opaque.Length));
    }

    [SampleFact]
    public void DiekmannTypicalHomeUser()
    {
        var set = Sample("diekmann_typical_home_user.iptables-save");

        var perChain = RulesPerChain(set);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["filter/INPUT"] = 32, ["filter/FORWARD"] = 27, ["filter/OUTPUT"] = 7, ["filter/bad-tcp"] = 2, ["filter/dhcpv6"] = 0,
                ["filter/forward-protect"] = 4, ["filter/icmp-ratelimit"] = 4, ["filter/icmpv4-forward"] = 5, ["filter/icmpv4-input"] = 4,
                ["filter/icmpv6-forward"] = 0, ["filter/icmpv6-input"] = 0, ["filter/icmpv6-local"] = 0, ["filter/icmpv6-related"] = 0,
                ["filter/limit_enemy"] = 3, ["filter/ll"] = 0, ["filter/mc"] = 0, ["filter/mc-ll"] = 0,
                ["nat/PREROUTING"] = 2, ["nat/INPUT"] = 0, ["nat/OUTPUT"] = 0, ["nat/POSTROUTING"] = 6,
                ["mangle/PREROUTING"] = 5, ["mangle/INPUT"] = 0, ["mangle/FORWARD"] = 0, ["mangle/OUTPUT"] = 0, ["mangle/POSTROUTING"] = 1,
                ["raw/PREROUTING"] = 16, ["raw/OUTPUT"] = 1, ["raw/invalid_ext"] = 34, ["raw/invalid_vpn"] = 32,
                ["raw/spoof_vlan_10"] = 3, ["raw/spoof_vlan_11"] = 3, ["raw/spoof_vlan_12"] = 3, ["raw/spoof_vlan_13"] = 3,
                ["raw/spoof_vlan_14"] = 3, ["raw/spoof_vlan_19"] = 2, ["raw/spoof_vlan_20"] = 3, ["raw/spoof_vlan_21"] = 3,
                ["raw/spoof_vlan_22"] = 3, ["raw/spoof_vlan_23"] = 3, ["raw/spoof_vlan_24"] = 3, ["raw/spoof_vlan_50"] = 1,
            },
            perChain);
        Assert.Equal(218, set.RuleCount);
        int[] spoofRules = [242, 245, 248, 251, 254, 259, 262, 265, 268, 271];
        Assert.Equal(
            new Dictionary<string, int[]>
            {
                // -i on INPUT 24-51 and FORWARD 54; -i and -o on FORWARD 56-78; -o on OUTPUT 83-85; nat 116-123,
                // mangle 133-138, raw PREROUTING 160-174 and the spoof_vlan rules.
                ["interface"] = Lines(From(24, 51), [54], Twice(From(56, 78)), From(83, 85), From(116, 123), From(133, 138), From(160, 174), spoofRules),
                ["-m owner"] = [82, 83, 84, 85],
                ["-m recent"] = [89, 90, 107, 174],
                ["-m hashlimit"] = [92, 93, 94, 95, 105, 174],
                ["--icmp-type"] = [98, 99, 103],
                ["-m connlimit"] = [106],
                ["-j DNAT"] = [116, 117],
                ["-j CT"] = [159, 175],
                ["-m addrtype"] = spoofRules,
                ["-m pkttype"] = spoofRules,
            },
            LinesPerConstruct(set));
        Assert.All(set.NotUnderstood, n => Assert.Equal(n.Construct.StartsWith("-j ", StringComparison.Ordinal) ? NotUnderstoodEffect.Skipped : NotUnderstoodEffect.RuleMayMatch, n.Effect));
        var input = set.FindChain("INPUT", "filter")!.Rules;
        // -A INPUT -m conntrack --ctstate NEW,RELATED --ctproto 6 -j bad-tcp
        Assert.Equal(("tcp", RuleVerdict.Jump, "bad-tcp", true), (input[3].Protocols.ToString(), input[3].Verdict, input[3].Target, input[3].NewConnections));
        // -A INPUT -i eth0.10 -m conntrack --ctstate NEW --ctproto 17 --ctorigsrcport 68 --ctorigdstport 67 -j ACCEPT
        Assert.Equal(("udp", PortSet.Of(68), PortSet.Of(67)), (input[4].Protocols.ToString(), input[4].SourcePorts, input[4].DestinationPorts));
        // -A bad-tcp -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j REJECT: a SYN-ACK is never a connection's first packet.
        Assert.False(set.FindChain("bad-tcp")!.Rules[0].NewConnections);
        // -A spoof_vlan_10 -m iprange --src-range 192.168.10.1-192.168.10.191 -j RETURN
        Assert.Equal(Span("192.168.10.1", "192.168.10.191"), set.FindChain("spoof_vlan_10", "raw")!.Rules[1].Source);
    }

    [SampleFact]
    public void DiekmannUgent()
    {
        var set = Sample("diekmann_ugent.iptables-save");

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["filter/INPUT"] = 58, ["filter/FORWARD"] = 0, ["filter/OUTPUT"] = 0,
                ["nat/PREROUTING"] = 0, ["nat/POSTROUTING"] = 174, ["nat/OUTPUT"] = 0,
            },
            RulesPerChain(set));
        Assert.Equal(232, set.RuleCount);
        var path = SharedSamples.Path("linux-iptables/diekmann_ugent.iptables-save");
        Assert.Equal([28, 29, 30], set.NotUnderstood.Select(n => n.Location.Line));
        Assert.All(set.NotUnderstood, n => Assert.Equal(
            new NotUnderstood(new(path, n.Location.Line, Column(path, n.Location.Line, "--icmp-type")), "--icmp-type", n.Text, NotUnderstoodEffect.RuleMayMatch), n));
        Assert.Equal(["--icmp-type 0", "--icmp-type 8", "--icmp-type 8"], set.NotUnderstood.Select(n => n.Text));
        var input = set.FindChain("INPUT", "filter")!.Rules;
        // -A INPUT -s 192.168.134.0/24 -p tcp -m multiport --dports 137,138,139,445 -j ACCEPT
        Assert.Equal((Addresses("192.168.134.0/24"), Ports("137-139,445")), (input[15].Source, input[15].DestinationPorts));
        // -A POSTROUTING -s 192.168.122.0/24 -d ! 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535 (old negation)
        var masquerade = set.FindChain("POSTROUTING", "nat")!.Rules[0];
        Assert.Equal((RuleVerdict.Permit, Addresses("192.168.122.0/24").Complement()), (masquerade.Verdict, masquerade.Destination));
    }

    [SampleFact]
    public void DiekmannSynologyIp6tables()
    {
        var set = Sample("diekmann_synology_ds414.ip6tables-save");

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["ip6 filter/INPUT"] = 2, ["ip6 filter/FORWARD"] = 1, ["ip6 filter/OUTPUT"] = 0,
                ["ip6 filter/DOS_PROTECT"] = 8, ["ip6 filter/FORWARD_FIREWALL"] = 18, ["ip6 filter/INPUT_FIREWALL"] = 18,
            },
            RulesPerChain(set));
        Assert.Equal(47, set.RuleCount);
        int[] linkLocal = [21, 22, 23, 24, 25, 39, 40, 41, 42, 43];
        Assert.Equal(
            new Dictionary<string, int[]>
            {
                ["ipv6"] = [1, .. linkLocal],
                ["interface"] = [12, 13, 14, 15, 16, 17, 18, 19, 36, 37, 54, 55],
                ["-m limit"] = [12, 14, 16, 18],
                ["--icmpv6-type"] = linkLocal,
            },
            LinesPerConstruct(set));
        Assert.All(set.Chains.SelectMany(c => c.Rules), rule => Assert.Equal("ipv6", rule.Opaque[0].Construct));
        // -A FORWARD_FIREWALL -p tcp -m multiport --dports 80,443,50002,50001,9025:9040 -j RETURN
        var forward = set.FindChain("FORWARD_FIREWALL")!.Rules[8];
        Assert.Equal((RuleVerdict.Return, Ports("80,443,9025-9040,50001-50002")), (forward.Verdict, forward.DestinationPorts));
    }

    [SampleFact]
    public void EveryIptablesSaveSampleIsDetectedAndReadWithoutACrash()
    {
        var folder = SharedSamples.Path("linux-iptables");
        var saves = Directory.GetFiles(folder).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(6, saves.Count);
        Assert.All(saves, path => Assert.Equal(RuleSetFormat.Iptables, RuleSetReader.ReadFile(path).Format));
    }
}
