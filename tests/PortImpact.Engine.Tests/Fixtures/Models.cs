using PortImpact.Core.Model;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Engine.Tests.Fixtures;

/// <summary>The models the claims are checked on: the built-in example and a network of another shape.</summary>
public static class Models
{
    public static KnowledgeCatalog Catalog => KnowledgeCatalog.BuiltIn;

    public static NetworkModel BuiltIn() => new ModelReader(Catalog).Parse(BuiltInExample.Text(), BuiltInExample.FileName);

    /// <summary>
    /// Hub and spoke with four sites, an outside zone not called "internet", a branch DC, a print server in a
    /// spoke, and other names and subnets than the built-in example.
    /// </summary>
    public const string HubAndSpokeYaml = """
        name: Kansai Logistics
        rpcDynamicPorts: 50000-51000
        sites:
          - { name: osaka-hub, subnets: [172.16.0.0/20] }
          - { name: kobe, subnets: [172.16.16.0/20] }
          - { name: kyoto, subnets: [172.16.32.0/20] }
          - { name: nara, subnets: [172.16.48.0/20, 192.168.50.0/24] }
        zones:
          - { name: outside }
        links:
          - { between: [outside, osaka-hub], via: edge-fw }
          - { between: [osaka-hub, kobe], via: kobe-rtr }
          - { between: [osaka-hub, kyoto], via: kyoto-rtr }
          - { between: [osaka-hub, nara], via: nara-rtr }
        hosts:
          - { name: hub-dc, site: osaka-hub, address: 172.16.0.5, roles: [domain-controller, dns-server] }
          - { name: kobe-dc, site: kobe, address: 172.16.16.5, roles: [domain-controller, dns-server] }
          - { name: files, site: osaka-hub, address: 172.16.1.10, roles: [file-server] }
          - { name: erp, site: osaka-hub, address: 172.16.1.20, roles: [rpc-server] }
          - { name: kyoto-print, site: kyoto, address: 172.16.32.9, roles: [print-server] }
          - { name: hub-ws, site: osaka-hub, subnet: 172.16.8.0/24, count: 150, roles: [workstation] }
          - { name: kobe-ws, site: kobe, subnet: 172.16.20.0/24, count: 80, roles: [workstation] }
          - { name: kyoto-ws, site: kyoto, subnet: 172.16.36.0/24, count: 40, roles: [workstation] }
          - { name: nara-ws, site: nara, subnet: 192.168.50.0/25, count: 20, roles: [workstation] }
          - { name: auditor, zone: outside, address: 198.51.100.7, roles: [partner] }
        uses:
          - { from: auditor, to: files, capability: file-sharing }
          - { from: auditor, to: erp, capability: rpc }
        """;

    public static NetworkModel HubAndSpoke() => new ModelReader(Catalog).Parse(HubAndSpokeYaml, "hub-and-spoke.yaml");

    public static TheoryData<string> Both => new() { "built-in", "hub-and-spoke" };

    public static NetworkModel Named(string name) => name == "built-in" ? BuiltIn() : HubAndSpoke();

    /// <summary>
    /// The built-in example with the branch router's rules read from an iptables file written into
    /// <paramref name="directory"/>, and with <paramref name="edit"/> applied to the model text (e.g. a host's rules).
    /// </summary>
    public static NetworkModel BuiltInWithRouterRules(string directory, string iptables, Func<string, string>? edit = null)
    {
        File.WriteAllText(Path.Combine(directory, "wan.iptables"), iptables);
        var yaml = BuiltInExample.Text().Replace("via: wan-router }", "via: wan-router, rules: wan.iptables }", StringComparison.Ordinal);
        var path = Path.Combine(directory, "model.yaml");
        File.WriteAllText(path, edit is null ? yaml : edit(yaml));
        return new ModelReader(Catalog).ReadFile(path);
    }
}
