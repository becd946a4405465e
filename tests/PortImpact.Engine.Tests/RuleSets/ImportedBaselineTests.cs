using PortImpact.Engine.Dependencies;
using System.Text;
using PortImpact.Core.Change;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests.RuleSets;

/// <summary>
/// The what-if starting from real rule files attached to the model (<c>rules: FILE</c> on a link or a host):
/// the file's own semantics decide the baseline, its rules are named with file and line in the reasons,
/// rules that may match make results uncertain, and exceptions never open what the file denies.
/// </summary>
public sealed class ImportedBaselineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portimpact-imported-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string Iptables = """
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :SMB - [0:0]
        -A FORWARD -p tcp -m tcp --dport 445 -j SMB
        -A FORWARD -i eth1 -p tcp -m tcp --dport 135 -j DROP
        -A SMB -s 10.2.0.10/32 -j RETURN
        -A SMB -s 10.2.0.0/16 -d 10.1.0.20/32 -j DROP
        COMMIT

        """;

    /// <summary>The built-in example with the branch router's rules read from a file and fs1's Windows firewall from a reg export.</summary>
    private NetworkModel Model(string wanRules = Iptables, string? fs1Rules = null)
    {
        if (fs1Rules is null) return Models.BuiltInWithRouterRules(_directory, wanRules);
        File.WriteAllBytes(Path.Combine(_directory, "fs1.reg"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(fs1Rules)]);
        return Models.BuiltInWithRouterRules(_directory, wanRules,
            yaml => yaml.Replace("roles: [file-server, print-server] }", "roles: [file-server, print-server], rules: fs1.reg }", StringComparison.Ordinal));
    }

    private static readonly Closure NothingAtThePerimeter = new(PortSelection.Both(PortSet.Of(1)), [new AtPerimeter()], null);

    [Fact]
    public void The_files_rules_decide_the_baseline_and_are_named_with_file_and_line()
    {
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(Model(), NothingAtThePerimeter);
        var fileSharing = result.Dependencies.Single(d => d.Dependency is { Capability: "file-sharing", Client: "branch-pcs", Server: "fs1" });
        // SMB direct is dropped by the SMB chain; NetBIOS still works, so file sharing is degraded, not broken.
        Assert.Equal(DependencyState.Degraded, fileSharing.Before);
        var reason = Assert.Single(fileSharing.Blockages);
        Assert.Equal("wan-router", reason.At);
        Assert.StartsWith("wan.iptables:9 ", reason.Rule, StringComparison.Ordinal);
        Assert.False(reason.Uncertain);
        // dc2 is RETURNed from the SMB chain before the drop: its replication with dc1 keeps 445.
        var replication = result.Dependencies.Single(d => d.Dependency is { Capability: "ad-replication", Client: "dc2", Server: "dc1", Replication: ReplicationWay.Inbound });
        Assert.DoesNotContain(replication.Blockages, b => b.Ports.Contains(445));
    }

    [Fact]
    public void A_rule_on_an_interface_makes_what_it_may_stop_uncertain()
    {
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(Model(), NothingAtThePerimeter);
        var rpc = result.Dependencies.Single(d => d.Dependency is { Capability: "rpc", Client: "branch-pcs", Server: "app1" });
        Assert.NotEqual(DependencyState.Works, rpc.Before);
        Assert.True(rpc.Uncertain);
        Assert.All(rpc.Blockages, b => Assert.True(b.Uncertain));
        Assert.Contains(rpc.Blockages, b => b.Rule.StartsWith("wan.iptables:7 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Exceptions_never_open_what_the_real_rules_deny()
    {
        var model = Model();
        var closure = new Closure(PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)])), [new AtInterSite()], null);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);
        Assert.Empty(recommendation.NotKept);
        // The file drops branch PCs' SMB direct to fs1 already: nothing the closure does needs an exception for it.
        Assert.DoesNotContain(recommendation.Exceptions, e => e.Sources.Contains("branch-pcs") && e.Destinations.Contains("fs1") && e.Ports.Tcp.Contains(445));
        var fileSharing = recommendation.Dependencies.Single(d => d.Dependency is { Capability: "file-sharing", Client: "branch-pcs", Server: "fs1" });
        Assert.Equal(fileSharing.Before, fileSharing.After);
    }

    [Fact]
    public void A_hosts_windows_firewall_from_a_reg_export_is_its_baseline()
    {
        const string reg = """
            Windows Registry Editor Version 5.00

            [HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\FirewallRules]
            "SMB-In"="v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|Name=SMB in|"
            "Block-Branch-SMB"="v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=445|RA4=10.2.0.0/16|Name=no SMB from the branch|"

            """;
        var model = Model(wanRules: "*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n", fs1Rules: reg.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.NotNull(model.FindHost("fs1")!.Firewall!.Imported);
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, NothingAtThePerimeter);
        var branch = result.Dependencies.Single(d => d.Dependency is { Capability: "file-sharing", Client: "branch-pcs", Server: "fs1" });
        Assert.Equal(DependencyState.Broken, branch.Before);
        Assert.Contains(branch.Blockages, b => b.At == "host:fs1" && b.Rule.Contains("no SMB from the branch", StringComparison.Ordinal));
        // hq PCs reach SMB (allowed); NetBIOS falls to the default inbound block, so they keep the normal way.
        var hq = result.Dependencies.Single(d => d.Dependency is { Capability: "file-sharing", Client: "hq-pcs", Server: "fs1" });
        Assert.Equal(DependencyState.Works, hq.Before);
    }

    [Fact]
    public void A_missing_rule_file_is_reported_at_the_models_line()
    {
        var yaml = BuiltInExample.Text().Replace("via: wan-router }", "via: wan-router, rules: nowhere.nft }", StringComparison.Ordinal);
        var path = Path.Combine(_directory, "model.yaml");
        File.WriteAllText(path, yaml);
        var error = Assert.Throws<InputException>(() => new ModelReader(Models.Catalog).ReadFile(path));
        Assert.Equal(path, error.Location.File);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("nowhere.nft", StringComparison.Ordinal)) + 1, error.Location.Line);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_rule_file_is_reported_in_that_file()
    {
        File.WriteAllText(Path.Combine(_directory, "wan.iptables"), "*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p tcp --dport 70000 -j DROP\nCOMMIT\n");
        var yaml = BuiltInExample.Text().Replace("via: wan-router }", "via: wan-router, rules: wan.iptables }", StringComparison.Ordinal);
        var path = Path.Combine(_directory, "model.yaml");
        File.WriteAllText(path, yaml);
        var error = Assert.Throws<InputException>(() => new ModelReader(Models.Catalog).ReadFile(path));
        Assert.EndsWith("wan.iptables", error.Location.File, StringComparison.Ordinal);
        Assert.Equal(3, error.Location.Line);
    }

    [Fact]
    public void A_role_takes_one_rule_file_for_all_its_hosts_as_a_gpo_does()
    {
        const string reg = """
            Windows Registry Editor Version 5.00

            [HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\WindowsFirewall\FirewallRules]
            "Block-SMB-In"="v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=445|Name=no inbound SMB on PCs|"

            """;
        File.WriteAllText(Path.Combine(_directory, "wan.iptables"), "*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n");
        File.WriteAllBytes(Path.Combine(_directory, "workstations.reg"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(reg.Replace("\n", "\r\n", StringComparison.Ordinal))]);
        var yaml = BuiltInExample.Text() + "policies:\n  - { at: \"hosts:workstation\", rules: workstations.reg }\n";
        var path = Path.Combine(_directory, "model.yaml");
        File.WriteAllText(path, yaml);
        var model = new ModelReader(Models.Catalog).ReadFile(path);
        Assert.All(model.Hosts.Where(h => h.HasRole("workstation")), h => Assert.Same(model.Hosts.First(w => w.HasRole("workstation")).Firewall, h.Firewall));
        Assert.Null(model.FindHost("fs1")!.Firewall);

        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, NothingAtThePerimeter);
        var wannacry = result.Threats.First(t => t.Threat == "wannacry" && t.Attacker == "lan" && t.Victims.Contains("hq-pcs"));
        Assert.Equal(Exposure.Blocked, wannacry.Before);
        Assert.Contains(wannacry.Blockages, b => b.At.StartsWith("host:", StringComparison.Ordinal) && b.Rule.Contains("no inbound SMB on PCs", StringComparison.Ordinal));
        Assert.Equal(Exposure.Exposed, result.Threats.First(t => t.Threat == "wannacry" && t.Attacker == "lan" && t.Victims.Contains("fs1")).Before);
    }

    [Fact]
    public void A_cisco_access_list_filters_only_the_direction_the_model_binds_it_to()
    {
        const string ios = """
            hostname wan
            ip access-list extended WAN-IN
             permit tcp any host 10.1.0.20 eq 445
            ip access-list extended UNUSED
             deny ip any any
            !
            """;
        File.WriteAllText(Path.Combine(_directory, "wan.ios"), ios);
        // The hq–branch link's inside end is hq (the first place): traffic from the branch flows "in".
        var yaml = BuiltInExample.Text().Replace("via: wan-router }", "via: wan-router, rules: wan.ios, aclIn: WAN-IN }", StringComparison.Ordinal);
        var path = Path.Combine(_directory, "model.yaml");
        File.WriteAllText(path, yaml);
        var model = new ModelReader(Models.Catalog).ReadFile(path);
        var result = new ImpactAnalyzer(Models.Catalog).Analyze(model, NothingAtThePerimeter);
        DependencyImpact Of(string capability, string client, string server) =>
            // A replication dependency named by client and server is the client pulling from that partner: its inbound one.
            result.Dependencies.Single(d => d.Dependency.Capability == capability && d.Dependency.Client == client && d.Dependency.Server == server
                && d.Dependency.Replication != ReplicationWay.Outbound);
        Assert.Equal(DependencyState.Works, Of("file-sharing", "branch-pcs", "fs1").Before);
        var inbound = Of("ad-replication", "dc2", "dc1");
        Assert.Equal(DependencyState.Broken, inbound.Before);
        Assert.Contains(inbound.Blockages, b => b.Rule.Contains("implicit deny at the end of WAN-IN", StringComparison.Ordinal));
        // Flowing out, toward the branch, no list filters.
        Assert.Equal(DependencyState.Works, Of("ad-replication", "dc1", "dc2").Before);

        var both = BuiltInExample.Text().Replace("via: wan-router }", "via: wan-router, rules: wan.ios }", StringComparison.Ordinal);
        File.WriteAllText(path, both);
        var error = Assert.Throws<InputException>(() => new ModelReader(Models.Catalog).ReadFile(path));
        Assert.Contains("has 2 access lists", error.Message, StringComparison.Ordinal);
    }
}
