namespace PortImpact.Cli.Tests;

/// <summary>Reports list numbered names as people number them: site2 before site10.</summary>
public sealed class NaturalOrderReportTests
{
    private static string[] NumberedSites()
    {
        var lines = new List<string> { "name: Numbered", "sites:" };
        foreach (var n in new[] { 10, 2, 1 }) lines.Add($"  - {{ name: site{n}, subnets: [10.{n}.0.0/16] }}");
        lines.Add("links:");
        foreach (var n in new[] { 10, 2 }) lines.Add($"  - {{ between: [site1, site{n}], via: wan{n} }}");
        lines.Add("hosts:");
        lines.Add("  - { name: dc1, site: site1, address: 10.1.0.5, roles: [domain-controller, dns-server] }");
        foreach (var n in new[] { 10, 2 }) lines.Add($"  - {{ name: pc{n}, site: site{n}, subnet: 10.{n}.1.0/24, count: 5, roles: [workstation] }}");
        return [.. lines];
    }

    [Fact]
    public void Victims_and_changed_points_are_in_natural_order()
    {
        using var dir = new TempDir();
        var model = dir.File("numbered.yaml", NumberedSites());
        var report = Cli.Ok("analyze", model, "--at", "inter-site", "--lang", "en").Out;
        Assert.Contains("Enforcement points changed: wan2, wan10", report);
        Assert.Contains("pc2, pc10", report);
        Assert.DoesNotContain("pc10, pc2", report);
    }
}
