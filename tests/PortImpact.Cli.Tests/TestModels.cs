namespace PortImpact.Cli.Tests;

/// <summary>Models of other shapes than the built-in example, written to a temporary directory by the tests that use them.</summary>
public static class TestModels
{
    /// <summary>
    /// Three sites in a chain (north – middle – south), an external vendor network at the far end, domain
    /// controllers in every site (the southern one with its own narrowed RPC range), the file server in the
    /// north, an RPC/SQL server in the middle, a baseline ACL on the vendor firewall and workstation
    /// firewalls. The name has quotes and Japanese in it.
    /// </summary>
    public static readonly string[] Chain =
    [
        "name: \"Chain Works \\\"North\\\" 北工場\"",
        "rpcDynamicPorts: 49152-65535",
        "sites:",
        "  - { name: north, subnets: [10.10.0.0/16] }",
        "  - { name: middle, subnets: [10.20.0.0/16] }",
        "  - { name: south, subnets: [10.30.0.0/16, 192.168.30.0/24] }",
        "zones:",
        "  - { name: internet }",
        "  - { name: vendor-net, subnets: [198.51.100.0/24] }",
        "links:",
        "  - { between: [internet, north], via: edge-fw }",
        "  - { between: [vendor-net, south], via: vendor-fw }",
        "  - { between: [north, middle], via: nm-rtr }",
        "  - { between: [middle, south], via: ms-rtr }",
        "hosts:",
        "  - { name: dc-n, site: north, address: 10.10.0.5, roles: [domain-controller, dns-server] }",
        "  - { name: dc-m, site: middle, address: 10.20.0.5, roles: [domain-controller, dns-server] }",
        "  - { name: dc-s, site: south, address: 10.30.0.5, roles: [domain-controller, dns-server], rpcDynamicPorts: 50000-50010 }",
        "  - { name: files, site: north, address: 10.10.1.10, roles: [file-server, print-server] }",
        "  - { name: erp, site: middle, address: 10.20.1.20, roles: [rpc-server, sql-server] }",
        "  - { name: north-ws, site: north, subnet: 10.10.8.0/24, count: 120, roles: [workstation] }",
        "  - { name: middle-ws, site: middle, subnet: 10.20.8.0/24, count: 60, roles: [workstation] }",
        "  - { name: south-ws, site: south, subnet: 192.168.30.0/25, count: 30, roles: [workstation] }",
        "  - { name: vendor, zone: vendor-net, address: 198.51.100.9, roles: [partner] }",
        "uses:",
        "  - { from: vendor, to: erp, capability: rpc }",
        "  - { from: vendor, to: files, capability: file-sharing }",
        "  - { from: south-ws, to: files, capability: file-sharing }",
        "policies:",
        "  - at: vendor-fw",
        "    default: deny",
        "    rules:",
        "      - { action: permit, protocol: tcp, ports: \"135,445,49152-65535\", from: vendor, to: [erp, files] }",
        "  - at: hosts:workstation",
        "    defaultIn: block",
        "    rules:",
        "      - { action: allow, direction: in, protocol: tcp, ports: 3389, from: north }",
    ];

    /// <summary>
    /// A hub and two spokes behind one shared core firewall (a flow from spoke to spoke crosses it twice), a
    /// baseline rule that already keeps the west workstations off SMB direct (so their file sharing is
    /// degraded to NetBIOS before any change), and an auditor outside.
    /// </summary>
    public static readonly string[] Hub =
    [
        "name: Hub 'n' Spoke",
        "sites:",
        "  - { name: hub, subnets: [172.16.0.0/20] }",
        "  - { name: east, subnets: [172.16.16.0/20] }",
        "  - { name: west, subnets: [172.16.32.0/20] }",
        "zones:",
        "  - { name: internet }",
        "links:",
        "  - { between: [internet, hub], via: edge-fw }",
        "  - { between: [hub, east], via: core-fw }",
        "  - { between: [hub, west], via: core-fw }",
        "hosts:",
        "  - { name: hub-dc, site: hub, address: 172.16.0.5, roles: [domain-controller, dns-server] }",
        "  - { name: east-dc, site: east, address: 172.16.16.5, roles: [domain-controller, dns-server] }",
        "  - { name: west-dc, site: west, address: 172.16.32.5, roles: [domain-controller, dns-server] }",
        "  - { name: files, site: hub, address: 172.16.1.10, roles: [file-server] }",
        "  - { name: east-ws, site: east, subnet: 172.16.20.0/24, count: 80, roles: [workstation] }",
        "  - { name: west-ws, site: west, subnet: 172.16.36.0/24, count: 40, roles: [workstation] }",
        "  - { name: west-print, site: west, address: 172.16.32.9, roles: [print-server] }",
        "  - { name: auditor, zone: internet, address: 198.51.100.7, roles: [partner] }",
        "uses:",
        "  - { from: east-ws, to: west-print, capability: printer-sharing }",
        "  - { from: auditor, to: files, capability: file-sharing }",
        "policies:",
        "  - at: core-fw",
        "    rules:",
        "      - { action: deny, protocol: tcp, ports: 445, from: west-ws, to: files }",
    ];

    /// <summary>Writes the named model ("built-in" gives no file: the CLI then uses its built-in example).</summary>
    /// <summary>
    /// Two plants joined by one MPLS router, a domain controller in the first and a PC group in the second: a model
    /// whose places share nothing with the built-in example's, for output that must come from the model.
    /// </summary>
    public static readonly string[] TwoPlants =
    [
        "name: Two plants",
        "sites:",
        "  - { name: plant-a, subnets: [10.1.0.0/16] }",
        "  - { name: plant-b, subnets: [10.2.0.0/16] }",
        "links:",
        "  - { between: [plant-a, plant-b], via: mpls-ce }",
        "hosts:",
        "  - { name: dc-a, site: plant-a, address: 10.1.0.5, roles: [domain-controller] }",
        "  - { name: hmi, site: plant-b, subnet: 10.2.5.0/24, count: 10, roles: [workstation] }",
    ];

    public static string[] Args(TempDir dir, string name) => name switch
    {
        "built-in" => [],
        "chain" => [dir.File("chain.yaml", Chain)],
        "hub" => [dir.File("hub.yaml", Hub)],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
