using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;
using PortImpact.Formats.RuleSets;
using static PortImpact.Formats.Tests.RuleSets.Iptables.IptablesTestSupport;

namespace PortImpact.Formats.Tests.RuleSets.Iptables;

/// <summary>
/// <c>iptables -L -n -v</c> listings: not iptables-save output, so detection refuses them with a clear message;
/// named as the iptables format they are read into the same vocabulary.
/// </summary>
public sealed class IptablesListingTests
{
    private const string Listing = """
        Chain INPUT (policy DROP 0 packets, 0 bytes)
         pkts bytes target     prot opt in     out     source               destination
            0     0 ACCEPT     all  --  lo     *       0.0.0.0/0            0.0.0.0/0
           10   840 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            state RELATED,ESTABLISHED
            0     0 ACCEPT     tcp  --  *      *       10.0.0.0/8           0.0.0.0/0            tcp dpt:22 flags:0x17/0x02 /* ssh from the lan */
            0     0 DROP       udp  --  *      *      !10.0.0.0/8           0.0.0.0/0            multiport dports 137,138,139:140
         1.2K  127M SERVICES   tcp  --  eth0   *       0.0.0.0/0            192.168.1.1          [goto]
            0     0            all  --  *      *       0.0.0.0/0            0.0.0.0/0
            0     0 REJECT     tcp  -f  *      *       0.0.0.0/0            0.0.0.0/0            tcp spts:1024:65535 dpt:!80 reject-with tcp-reset
            0     0 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            limit: avg 3/hour burst 5
            0     0 LOG        all  --  *      *       0.0.0.0/0            0.0.0.0/0            LOG flags 0 level 4 prefix "dropped: "

        Chain SERVICES (1 references)
         pkts bytes target     prot opt in     out     source               destination
            0     0 RETURN     all  --  *      *       0.0.0.0/0            0.0.0.0/0
        """;

    [SampleFact]
    public void DetectionRefusesTheListingSampleWithAClearMessage()
    {
        var path = SharedSamples.Path("linux-iptables/diekmann_ringofsaturn.iptables-L-n-v.txt");

        var error = Assert.Throws<InputException>(() => RuleSetReader.ReadFile(path));

        Assert.Equal(new SourceLocation(path, 1, 1), error.Location);
        Assert.StartsWith("not a rule file PortImpact knows", error.Problem, StringComparison.Ordinal);
        Assert.Contains("--format", error.Problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// Counted on the file: rules per chain with
    /// <c>awk '/^Chain/{c=$2; next} /^ *pkts/{next} NF>0{n[c]++} END{for(k in n) print k, n[k]}'</c>; interfaces
    /// other than <c>*</c> and <c>lo</c> with <c>awk '… {if(($6!="*"&amp;&amp;$6!="lo")||($7!="*"&amp;&amp;$7!="lo")) print NR}'</c>;
    /// ICMP types with <c>grep -n icmptype</c>.
    /// </summary>
    [SampleFact]
    public void TheListingSampleIsReadWhenTheFormatIsNamed()
    {
        var path = SharedSamples.Path("linux-iptables/diekmann_ringofsaturn.iptables-L-n-v.txt");

        var set = RuleSetReader.ReadFile(path, RuleSetFormat.Iptables);

        Assert.Equal(
            ["filter/INPUT Base Permit 32", "filter/FORWARD Base Permit 0", "filter/OUTPUT Base Permit 1", "filter/DUMP User  5", "filter/STATEFUL User  3"],
            set.Chains.Select(c => $"{c.Table}/{c.Name} {c.Kind} {c.Policy} {c.Rules.Length}"));
        Assert.Equal(41, set.RuleCount);
        var interfaces = Enumerable.Range(5, 13).Concat(Enumerable.Range(19, 15)).ToArray();
        Assert.Equal(interfaces, set.NotUnderstood.Where(n => n.Construct == "interface").Select(n => n.Location.Line));
        Assert.Equal([14, 15, 16, 17], set.NotUnderstood.Where(n => n.Construct == "--icmp-type").Select(n => n.Location.Line));
        Assert.Equal(interfaces.Length + 4, set.NotUnderstood.Length);
        var input = set.FindChain("INPUT")!.Rules;
        // 0 0 REJECT tcp -- eth0 * 0.0.0.0/0 0.0.0.0/0 tcp dpts:137:139 reject-with icmp-port-unreachable
        Assert.Equal((RuleVerdict.Deny, Ports("137-139")), (input[29].Verdict, input[29].DestinationPorts));
        // STATEFUL: state RELATED,ESTABLISHED then state NEW
        Assert.Equal([false, true, true], set.FindChain("STATEFUL")!.Rules.Select(r => r.NewConnections));
    }

    [Fact]
    public void ColumnsAndMatchTextBecomeTheSameSetsAsIptablesSave()
    {
        var set = Read(Listing);

        Assert.Equal(["INPUT Base Deny", "SERVICES User "], set.Chains.Select(c => $"{c.Name} {c.Kind} {c.Policy}"));
        Assert.Equal("filter", set.Chains[0].Table);
        var rules = set.FindChain("INPUT")!.Rules;
        Assert.Equal(9, rules.Length);
        Assert.True(rules[0].Source.IsEmpty);
        Assert.Equal((RuleVerdict.Permit, false), (rules[1].Verdict, rules[1].NewConnections));
        Assert.Equal((Addresses("10.0.0.0/8"), PortSet.Of(22), true), (rules[2].Source, rules[2].DestinationPorts, rules[2].NewConnections));
        Assert.Empty(rules[2].Opaque);
        Assert.Equal((RuleVerdict.Deny, Addresses("10.0.0.0/8").Complement(), Ports("137-140")), (rules[3].Verdict, rules[3].Source, rules[3].DestinationPorts));
        Assert.Equal((RuleVerdict.Goto, "SERVICES", Addresses("192.168.1.1")), (rules[4].Verdict, rules[4].Target, rules[4].Destination));
        Assert.Equal(new OpaqueCondition("interface", "-i eth0"), Assert.Single(rules[4].Opaque));
        Assert.Equal((RuleVerdict.Continue, true), (rules[5].Verdict, rules[5].Protocols.IsAny));
        Assert.Equal((RuleVerdict.Deny, Ports("1024-65535"), PortSet.Of(80).Complement(), false),
            (rules[6].Verdict, rules[6].SourcePorts, rules[6].DestinationPorts, rules[6].NewConnections));
        Assert.Empty(rules[6].Opaque);
        Assert.Equal(new OpaqueCondition("listing text", "limit: avg 3/hour burst 5"), Assert.Single(rules[7].Opaque));
        Assert.Equal(["filter/INPUT#1", "filter/INPUT#2"], rules.Take(2).Select(r => r.Id));
        Assert.Equal(new SourceLocation(TestFile, 3, 1), rules[0].Location);
        Assert.Equal(ListingLine(3), rules[0].Text);
        var limitLine = ListingLine(10);
        Assert.Equal(
            [$"interface@7:{ListingLine(7).IndexOf("eth0", StringComparison.Ordinal) + 1} RuleMayMatch", $"listing text@10:{limitLine.IndexOf("limit:", StringComparison.Ordinal) + 1} RuleMayMatch"],
            Entries(set));
        Assert.Equal(RuleVerdict.Return, Assert.Single(set.FindChain("SERVICES")!.Rules).Verdict);
    }

    [Fact]
    public void WithoutVerboseColumnsEveryRuleMayBeLimitedToAnInterface()
    {
        var set = Read("""
            Chain INPUT (policy ACCEPT)
            target     prot opt source               destination
            DROP       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:445
            ACCEPT     all  --  192.168.0.0/16       0.0.0.0/0
            """);

        var rules = set.Chains[0].Rules;
        Assert.Equal((PortSet.Of(445), RuleVerdict.Deny), (rules[0].DestinationPorts, rules[0].Verdict));
        Assert.Equal(Addresses("192.168.0.0/16"), rules[1].Source);
        Assert.All(rules, r => Assert.Equal(new OpaqueCondition("interface", "not shown by iptables -L without -v"), Assert.Single(r.Opaque)));
        Assert.Equal(["interface@2:1 RuleMayMatch"], Entries(set));
    }

    [Fact]
    public void LineNumbersAndAnotherTablesChainsAreUnderstood()
    {
        var set = Read("""
            Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
            num   pkts bytes target     prot opt in     out     source               destination
            1        0     0 DNAT       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:192.168.1.10:80
            """);

        var chain = Assert.Single(set.Chains);
        Assert.Equal(("nat", "prerouting"), (chain.Table, chain.Hook));
        Assert.Equal((RuleVerdict.Permit, PortSet.Of(8080)), (chain.Rules[0].Verdict, chain.Rules[0].DestinationPorts));
        Assert.Equal(["-j DNAT@3:18 Skipped"], Entries(set));
    }

    [Theory]
    [InlineData("Chain INPUT (policy ACCEPT)\nhello\n", 2, 1, "expected the column header (target prot opt … source destination)")]
    [InlineData("Chain INPUT (policy ACCEPT)\ntarget prot opt source destination\nACCEPT all 0.0.0.0/0 0.0.0.0/0\n", 3, 1, "expected 'target prot opt' columns")]
    [InlineData("Chain INPUT (policy REJECT)\n", 1, 21, "'REJECT' is not a chain policy (ACCEPT or DROP)")]
    [InlineData("Chain INPUT (3 references)\n", 1, 7, "built-in chain 'INPUT' is listed without its policy")]
    [InlineData("Chain FOO (policy ACCEPT)\n", 1, 1, "the chains with a policy (FOO) are not the built-in chains of one iptables table")]
    [InlineData("Chain INPUT (policy ACCEPT)\ntarget prot opt source destination\nACCEPT tcp -- 0.0.0.0/0 0.0.0.0/0 tcp dpt:70000\n", 3, 39, "port 70000 is out of range 0-65535")]
    public void AMalformedListingIsReportedAtItsLine(string text, int line, int column, string problem)
    {
        AssertLocation(Fails(text), line, column, problem);
    }

    private static string ListingLine(int number) => Listing.Split('\n')[number - 1].TrimEnd();
}
