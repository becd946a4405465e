using PortImpact.Core.Model;
using PortImpact.Formats.Model;

namespace PortImpact.Engine.Tests.Fixtures;

/// <summary>The Active Directory shapes issue 9 names: a chain of branches with a read-only DC and pinned RPC ports, and a DMZ with a partner.</summary>
public static class AdModels
{
    /// <summary>
    /// Head office and five branches in a chain (hq – b1 – b2 – b3 – b4 – b5), writable DCs in hq, b2 and b4 with
    /// NTDS, Netlogon and DFSR pinned (KB 224196, dfsrdiag StaticRPC), no DC in b1 and b3, a read-only DC in b5,
    /// and b3 forbidden to fail over to other sites' DCs.
    /// </summary>
    public const string BranchChainYaml = """
        name: Chain Retail
        sites:
          - { name: hq, subnets: [10.0.0.0/16] }
          - { name: b1, subnets: [10.1.0.0/16] }
          - { name: b2, subnets: [10.2.0.0/16] }
          - { name: b3, subnets: [10.3.0.0/16], dcFailover: false }
          - { name: b4, subnets: [10.4.0.0/16] }
          - { name: b5, subnets: [10.5.0.0/16] }
        zones:
          - { name: internet }
        links:
          - { between: [internet, hq], via: edge }
          - { between: [hq, b1], via: r1 }
          - { between: [b1, b2], via: r2 }
          - { between: [b2, b3], via: r3 }
          - { between: [b3, b4], via: r4 }
          - { between: [b4, b5], via: r5 }
        hosts:
          - { name: dc-hq, site: hq, address: 10.0.0.10, roles: [domain-controller, dns-server, pdc-emulator], rpcPorts: { ntds: 50001, netlogon: 50002, dfsr: 50003 } }
          - { name: dc-b2, site: b2, address: 10.2.0.10, roles: [domain-controller, dns-server], rpcPorts: { ntds: 50001, netlogon: 50002, dfsr: 50003 } }
          - { name: dc-b4, site: b4, address: 10.4.0.10, roles: [domain-controller, dns-server], rpcPorts: { ntds: 50001, netlogon: 50002, dfsr: 50003 } }
          - { name: rodc-b5, site: b5, address: 10.5.0.10, roles: [read-only-domain-controller, dns-server] }
          - { name: files, site: hq, address: 10.0.1.20, roles: [file-server, print-server] }
          - { name: hq-ws, site: hq, subnet: 10.0.10.0/24, roles: [workstation] }
          - { name: b1-ws, site: b1, subnet: 10.1.10.0/24, roles: [workstation], os: windows-10 }
          - { name: b2-ws, site: b2, subnet: 10.2.10.0/24, roles: [workstation] }
          - { name: b3-ws, site: b3, subnet: 10.3.10.0/24, roles: [workstation] }
          - { name: b4-ws, site: b4, subnet: 10.4.10.0/24, roles: [workstation] }
          - { name: b5-ws, site: b5, subnet: 10.5.10.0/24, roles: [workstation] }
        """;

    /// <summary>A head office and a branch, a DMZ that is not external with a web server, and a partner network outside.</summary>
    public const string DmzYaml = """
        name: Harbour Shipping
        sites:
          - { name: head, subnets: [172.20.0.0/16] }
          - { name: depot, subnets: [172.21.0.0/16] }
        zones:
          - { name: internet }
          - { name: dmz, subnets: [192.0.2.0/24], external: false }
          - { name: partner-net, subnets: [198.51.100.0/24] }
        links:
          - { between: [internet, dmz], via: outer-fw }
          - { between: [dmz, head], via: inner-fw, inside: head }
          - { between: [partner-net, head], via: partner-fw }
          - { between: [head, depot], via: wan }
        hosts:
          - { name: dc-head, site: head, address: 172.20.0.10, roles: [domain-controller, dns-server] }
          - { name: dc-depot, site: depot, address: 172.21.0.10, roles: [domain-controller, dns-server] }
          - { name: fs, site: head, address: 172.20.0.20, roles: [file-server, print-server] }
          - { name: admin, site: head, address: 172.20.0.99, roles: [workstation, admin-workstation] }
          - { name: head-ws, site: head, subnet: 172.20.10.0/24, roles: [workstation] }
          - { name: depot-ws, site: depot, subnet: 172.21.10.0/24, roles: [workstation] }
          - { name: web, zone: dmz, address: 192.0.2.80, roles: [web-server] }
          - { name: partner, zone: partner-net, address: 198.51.100.7, roles: [partner] }
        uses:
          - { from: partner, to: fs, capability: file-sharing }
          - { from: web, to: fs, capability: file-sharing }
        """;

    public static NetworkModel BranchChain() => new ModelReader(Models.Catalog).Parse(BranchChainYaml, "branch-chain.yaml");

    public static NetworkModel Dmz() => new ModelReader(Models.Catalog).Parse(DmzYaml, "dmz.yaml");
}
