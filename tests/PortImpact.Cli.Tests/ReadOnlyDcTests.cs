namespace PortImpact.Cli.Tests;

/// <summary>
/// A read-only DC forwards the logons it cannot answer and every password change to a writable DC (Microsoft Learn,
/// "AD DS: Read-Only Domain Controllers", catalog source rodc): the report says what cutting that path costs, in both languages.
/// </summary>
public sealed class ReadOnlyDcTests
{
    private static readonly string[] Model =
    [
        "name: Two sites",
        "sites:",
        "  - { name: hq, subnets: [10.0.0.0/16] }",
        "  - { name: shop, subnets: [10.1.0.0/16] }",
        "links:",
        "  - { between: [hq, shop], via: wan }",
        "hosts:",
        "  - { name: dc-hq, site: hq, address: 10.0.0.10, roles: [domain-controller, dns-server] }",
        "  - { name: rodc, site: shop, address: 10.1.0.10, roles: [read-only-domain-controller, dns-server] }",
        "  - { name: shop-ws, site: shop, subnet: 10.1.10.0/24, count: 20, roles: [workstation] }",
    ];

    [Theory]
    [InlineData("en", "cannot log on")]
    [InlineData("ja", "ログオンできず")]
    public void Cutting_the_read_only_dcs_path_says_that_uncached_members_cannot_log_on(string language, string expected)
    {
        using var dir = new TempDir();
        var result = Cli.Ok("analyze", dir.File("two.yaml", Model), "--close", "tcp/135", "--at", "wan", "--lang", language, "--format", "markdown");

        var row = Assert.Single(result.Out.Split('\n'), line => line.StartsWith("| credential-forwarding", StringComparison.Ordinal));
        Assert.Contains(expected, row);
        Assert.Contains("wan", row);
    }
}
