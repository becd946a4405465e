using System.Globalization;
using System.Text;

namespace PortImpact.Bench;

/// <summary>
/// Writes the benchmark's generated enterprise as a model file: a hub site behind an Internet perimeter,
/// spokes behind WAN routers, host groups per site, and a large ordered ACL on every perimeter. Seeded, so
/// every run measures the same network.
/// </summary>
public static class EnterpriseModel
{
    public static string Generate(int sites, int hostGroups, int rulesPerPerimeter, int perimeters, int seed = 2026)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("name: Generated enterprise");
        text.AppendLine("sites:");
        for (var s = 0; s < sites; s++) text.AppendLine(c, $"  - {{ name: s{s}, subnets: [{Site(s)}.0.0/16] }}");
        text.AppendLine("zones:\n  - { name: internet }");
        text.AppendLine("links:");
        for (var p = 0; p < perimeters; p++) text.AppendLine(c, $"  - {{ between: [internet, s{p}], via: edge{p} }}");
        for (var s = 1; s < sites; s++) text.AppendLine(c, $"  - {{ between: [s0, s{s}], via: wan{s} }}");
        text.AppendLine("hosts:");
        var perSite = hostGroups / sites;
        var groups = new List<string>();
        for (var s = 0; s < sites; s++)
        {
            text.AppendLine(c, $"  - {{ name: dc{s}, site: s{s}, address: {Site(s)}.0.10, roles: [domain-controller, dns-server] }}");
            text.AppendLine(c, $"  - {{ name: fs{s}, site: s{s}, address: {Site(s)}.0.20, roles: [file-server, print-server] }}");
            for (var g = 2; g < perSite; g++)
            {
                var name = $"ws{s}-{g}";
                groups.Add($"{Site(s)}.{g}.0/24");
                text.AppendLine(c, $"  - {{ name: {name}, site: s{s}, subnet: {Site(s)}.{g}.0/24, count: 50, roles: [workstation] }}");
            }
        }
        text.AppendLine("  - { name: partner, zone: internet, address: 203.0.113.5, roles: [partner] }");
        text.AppendLine("uses:\n  - { from: partner, to: fs0, capability: file-sharing }");
        text.AppendLine("policies:");
        string[] services = ["80", "443", "25", "53", "123", "3389", "22", "8080", "1433", "5985", "135", "445", "139", "389", "88"];
        for (var p = 0; p < perimeters; p++)
        {
            text.AppendLine(c, $"  - at: edge{p}\n    default: deny\n    rules:");
            for (var r = 0; r < rulesPerPerimeter; r++)
            {
                var action = random.Next(4) == 0 ? "deny" : "permit";
                var protocol = random.Next(3) == 0 ? "udp" : "tcp";
                var port = random.Next(5) == 0 ? random.Next(1024, 65535).ToString(c) : services[random.Next(services.Length)];
                var to = groups[random.Next(groups.Count)];
                var from = random.Next(3) == 0 ? $"{random.Next(1, 223)}.{random.Next(256)}.0.0/16" : "any";
                text.AppendLine(c, $"      - {{ action: {action}, protocol: {protocol}, ports: {port}, from: {from}, to: {to} }}");
            }
        }
        return text.ToString();
    }

    private static string Site(int s) => $"{10 + s / 250}.{s % 250}";
}
