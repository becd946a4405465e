using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Engine.Dependencies;
using PortImpact.Engine.Recommendations;
using PortImpact.Engine.Results;
using PortImpact.Engine.Tests.Fixtures;

namespace PortImpact.Engine.Tests.Dependencies;

/// <summary>
/// Active Directory as it behaves on the wire, on a chain of five branches with a read-only DC and pinned RPC ports
/// and on a network with a DMZ: the DC locator's failover ("Locating domain controllers", dc-locator), replication
/// both ways over the KCC's bridged site links (kcc, KB 179442), read-only DCs (rodc), SYSVOL (KB 832017), pinned
/// endpoints (KB 224196) and printing by client version (Windows 11 22H2 print RPC, print-rpc-tcp).
/// </summary>
public sealed class ActiveDirectoryTests
{
    private static readonly PortSelection SeedPorts = PortSelection.Both(PortSet.From([PortRange.Single(135), new PortRange(137, 139), PortRange.Single(445)]));

    private static AnalysisResult Close(NetworkModel model, PortSelection ports, TrafficDirection? direction, params Placement[] at) =>
        new ImpactAnalyzer(Models.Catalog).Analyze(model, new Closure(ports, [.. at], direction));

    private static DependencyImpact Replication(AnalysisResult result, string capability, string dc, ReplicationWay way) =>
        Assert.Single(result.Dependencies, d => d.Dependency.Capability == capability && d.Dependency.Client == dc && d.Dependency.Replication == way);

    [Fact]
    public void Members_depend_on_their_own_sites_dcs_and_fail_over_to_the_others_nearest_first_unless_the_site_forbids_it()
    {
        var model = AdModels.BranchChain();
        var result = Close(model, SeedPorts, null, new AtPerimeter());

        // b1 has no DC: the nearest DCs (hq and b2, one link away) are required; the rest are its failover, nearest first.
        var required = result.Dependencies.Where(d => d.Dependency is { Capability: "ad-logon", Client: "b1-ws", Kind: DependencyKind.Required }).Select(d => d.Dependency.Server);
        Assert.Equal(["dc-b2", "dc-hq"], required.Order());
        var failover = Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "ad-logon", Client: "b1-ws", Kind: DependencyKind.Failover });
        Assert.Equal(["dc-b4", "rodc-b5"], failover.Dependency.Servers.ToArray());

        // b5's members log on at their read-only DC and fail over to writable ones.
        Assert.Contains(result.Dependencies, d => d.Dependency is { Capability: "ad-logon", Client: "b5-ws", Server: "rodc-b5", Kind: DependencyKind.Required });
        // b3 says dcFailover: false.
        Assert.DoesNotContain(result.Dependencies, d => d.Dependency is { Client: "b3-ws", Kind: DependencyKind.Failover });
    }

    [Fact]
    public void Cutting_every_other_dc_off_a_site_loses_its_failover_as_resilience_not_as_a_broken_logon()
    {
        var result = Close(AdModels.BranchChain(), SeedPorts, null, new AtPoint("r5"));

        var failover = Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "ad-logon", Client: "b5-ws", Kind: DependencyKind.Failover });
        Assert.Equal((DependencyState.Works, DependencyState.Broken), (failover.Before, failover.After));
        Assert.True(failover.ResilienceLost);
        var own = Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "ad-logon", Client: "b5-ws", Kind: DependencyKind.Required });
        Assert.Equal(DependencyState.Works, own.After);
        Assert.True(result.ResilienceLost >= 1);
        Assert.DoesNotContain(result.Dependencies, d => d.Dependency.Kind == DependencyKind.Failover && d.After == DependencyState.Broken && d.Before == DependencyState.Works
            && result.NewlyBroken == result.Dependencies.Count(x => x.After == DependencyState.Broken && x.Before != DependencyState.Broken));

        // The read-only DC can no longer forward uncached logons and password changes to a writable DC.
        var forwarding = Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "credential-forwarding", Client: "rodc-b5" });
        Assert.Equal(("dc-b4", DependencyState.Broken), (forwarding.Dependency.Server, forwarding.After));
    }

    [Fact]
    public void A_dc_whose_every_path_to_the_others_is_cut_is_isolated_however_many_hops_away_it_is()
    {
        var result = Close(AdModels.BranchChain(), SeedPorts, null, new AtPoint("r2"));

        var hq = Replication(result, "ad-replication", "dc-hq", ReplicationWay.Inbound);
        Assert.Equal(DependencyState.Broken, hq.After);
        Assert.Equal(["dc-b2", "dc-b4"], hq.Unreached.Order());
        // dc-b4 sits two links beyond the cut and its own partner (dc-b2) still answers, yet hq's changes never reach it.
        var b4 = Replication(result, "ad-replication", "dc-b4", ReplicationWay.Inbound);
        Assert.Equal(DependencyState.Broken, b4.After);
        Assert.Equal(["dc-hq"], b4.Unreached.ToArray());
        Assert.Equal(DependencyState.Broken, Replication(result, "sysvol-replication", "dc-b4", ReplicationWay.Inbound).After);
        Assert.Equal(DependencyState.Broken, Replication(result, "ad-replication", "rodc-b5", ReplicationWay.Inbound).After);
    }

    [Fact]
    public void Changes_travel_through_other_dcs_so_a_one_way_cut_breaks_only_what_no_path_carries()
    {
        // r1's inside end is hq: closing it inbound stops b1's side connecting into hq, so no DC pulls from dc-hq,
        // while dc-hq still pulls from dc-b2 and gets dc-b4's changes through it.
        var result = Close(AdModels.BranchChain(), SeedPorts, TrafficDirection.In, new AtPoint("r1"));

        Assert.Equal(DependencyState.Works, Replication(result, "ad-replication", "dc-hq", ReplicationWay.Inbound).After);
        var outbound = Replication(result, "ad-replication", "dc-hq", ReplicationWay.Outbound);
        Assert.Equal(DependencyState.Broken, outbound.After);
        Assert.Equal(["dc-b2", "dc-b4"], outbound.Unreached.Order());
        Assert.Equal(DependencyState.Broken, Replication(result, "ad-replication", "dc-b4", ReplicationWay.Inbound).After);
        Assert.Equal(DependencyState.Works, Replication(result, "ad-replication", "dc-b4", ReplicationWay.Outbound).After);
    }

    [Fact]
    public void A_read_only_dc_replicates_inbound_only_and_is_nobodys_source()
    {
        var result = Close(AdModels.BranchChain(), SeedPorts, null, new AtPerimeter());

        Assert.Contains(result.Dependencies, d => d.Dependency is { Capability: "ad-replication", Client: "rodc-b5", Replication: ReplicationWay.Inbound });
        Assert.DoesNotContain(result.Dependencies, d => d.Dependency is { Client: "rodc-b5", Replication: ReplicationWay.Outbound });
        Assert.DoesNotContain(result.Dependencies, d => d.Dependency.Replication is not null && d.Dependency.Servers.Contains("rodc-b5"));
    }

    [Fact]
    public void Exceptions_toward_pinned_dcs_open_the_pinned_endpoints_not_the_dynamic_range()
    {
        var model = AdModels.BranchChain();
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model,
            new Closure(PortSelection.Both(PortSet.Range(1, 65535)), [new AtInterSite()], null));
        var replication = recommendation.Exceptions.Where(e => e.Keeps.All(k => k.Capability is "ad-replication" or "sysvol-replication")).ToList();
        Assert.NotEmpty(replication);
        var pinnedDcs = new[] { "dc-hq", "dc-b2", "dc-b4" };
        foreach (var exception in replication.Where(e => e.Destinations.All(pinnedDcs.Contains)))
        {
            // Of the dynamic range, only NTDS's and DFSR's pinned ports are opened.
            Assert.Equal(PortSet.Of(50001, 50003), exception.Ports.Tcp.Intersect(PortSet.Range(49152, 65535)));
        }
        Assert.Empty(recommendation.NotKept);
    }

    [Fact]
    public void Printing_from_windows_11_22h2_needs_rpc_and_from_windows_10_smb()
    {
        var result = Close(AdModels.BranchChain(), PortSelection.Of(Transport.Tcp, PortSet.Of(135)), null, new AtInterSite());

        // b1-ws runs Windows 10: named pipes on SMB still work, only the optional RPC is lost.
        Assert.Equal(DependencyState.Degraded, Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "printer-sharing", Client: "b1-ws" }).After);
        // b2-ws runs the default, Windows 11 22H2, which prints over RPC/TCP.
        Assert.Equal(DependencyState.Broken, Assert.Single(result.Dependencies, d => d.Dependency is { Capability: "printer-sharing", Client: "b2-ws" }).After);
    }

    /// <summary>MS-NRPC note 78: no fallback to the NETLOGON pipe when TCP 135 is dropped; KB 832017: Group Policy needs SMB.</summary>
    [Fact]
    public void Closing_135_breaks_logon_at_the_dc_while_closing_smb_breaks_group_policy_and_not_logon()
    {
        var model = AdModels.BranchChain();
        var no135 = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(135)), null, new AtHosts("domain-controller"));
        var logon = no135.Dependencies.Where(d => d.Dependency is { Capability: "ad-logon", Kind: DependencyKind.Required } && d.Dependency.Server == "dc-hq").ToList();
        Assert.NotEmpty(logon);
        Assert.All(logon, d => Assert.Equal(DependencyState.Broken, d.After));

        var no445 = Close(model, PortSelection.Of(Transport.Tcp, PortSet.Of(139, 445)), null, new AtHosts("domain-controller"));
        Assert.All(no445.Dependencies.Where(d => d.Dependency is { Capability: "ad-logon", Kind: DependencyKind.Required }), d => Assert.Equal(DependencyState.Works, d.After));
        Assert.Contains(no445.Dependencies, d => d.Dependency.Capability == "group-policy" && d.After == DependencyState.Broken);
    }

    public static TheoryData<string, string> Shapes => new()
    {
        { "built-in", "inter-site" }, { "built-in", "hosts" },
        { "branch-chain", "inter-site" }, { "branch-chain", "hosts" },
        { "dmz", "inter-site" }, { "dmz", "hosts" }, { "dmz", "perimeter" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_recommended_exceptions_keep_every_dependency_including_failover_and_sysvol(string name, string at)
    {
        var model = name switch { "built-in" => Models.BuiltIn(), "branch-chain" => AdModels.BranchChain(), _ => AdModels.Dmz() };
        Placement placement = at switch { "inter-site" => new AtInterSite(), "perimeter" => new AtPerimeter(), _ => new AtHosts(null) };
        var closure = new Closure(SeedPorts, [placement], null);
        var recommendation = new LeastOpenRecommender(Models.Catalog).Recommend(model, closure);
        var kept = new ImpactAnalyzer(Models.Catalog).Analyze(model, closure, new ExceptionSet(null!, recommendation.Exceptions, 0).Overlay());

        Assert.Equal(0, kept.NewlyBroken);
        Assert.Equal(0, kept.NewlyDegraded);
        Assert.Equal(0, kept.ResilienceLost);
        Assert.True(recommendation.ClosureAlone.NewlyBroken + recommendation.ClosureAlone.ResilienceLost > 0);
        Assert.All(kept.Dependencies.Where(d => d.Dependency.Capability == "sysvol-replication"), d => Assert.Equal(d.Before, d.After));
    }

    [Fact]
    public void Closing_135_and_445_on_every_pc_shows_what_the_admin_team_loses()
    {
        var result = Close(AdModels.Dmz(), SeedPorts, null, new AtHosts("workstation"));

        var managed = result.Dependencies.Where(d => d.Dependency is { Capability: "remote-management", Client: "admin" } && d.Dependency.Server.EndsWith("-ws", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(managed);
        Assert.All(managed, d => Assert.Equal(DependencyState.Broken, d.After));
        Assert.All(result.Dependencies.Where(d => d.Dependency is { Capability: "winrm", Client: "admin" }), d => Assert.Equal(DependencyState.Works, d.After));
        Assert.Contains(result.Dependencies, d => d.Dependency.Capability == "print-notifications" && d.After == DependencyState.Broken);
    }

    [Fact]
    public void Hosts_of_a_dmz_are_victims_and_the_dmz_is_an_attacker_position_of_its_own()
    {
        var result = Close(AdModels.Dmz(), SeedPorts, null, new AtPoint("inner-fw"));

        Assert.Contains(result.Threats, t => t.Victims.Contains("web") && t.Attacker == "internet");
        var fromDmz = result.Threats.Where(t => t.Attacker == "dmz" && t.Threat == "blaster").ToList();
        Assert.NotEmpty(fromDmz);
        Assert.All(fromDmz.Where(t => t.Victims.Any(v => v.StartsWith("head", StringComparison.Ordinal) || v == "fs")), t => Assert.Equal(Exposure.Blocked, t.After));
    }
}
