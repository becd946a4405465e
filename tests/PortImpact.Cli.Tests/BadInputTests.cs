namespace PortImpact.Cli.Tests;

/// <summary>Every kind of bad input: exit 2, nothing on stdout, one line on stderr naming where, no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string OneSite = "  - { name: a, subnets: [10.1.0.0/16] }";

    private static CliResult Analyze(string model) => Cli.Run("analyze", model, "--at", "perimeter", "--format", "json");

    [Fact]
    public void Malformed_yaml_names_file_line_and_column()
    {
        var model = _dir.File("malformed.yaml",
            "name: x",
            "sites:",
            "  - name: a",
            "    subnets: [10.0.0.0/8]",
            "   bad: 1");                      // mis-indented key: column 4 of line 5
        Cli.AssertBadInput(Analyze(model), $"{model}:5:4:", "YAML");
    }

    [Fact]
    public void Unknown_role_names_its_position()
    {
        var model = _dir.File("role.yaml",
            "name: x",
            "sites:",
            OneSite,
            "hosts:",
            "  - { name: h1, site: a, address: 10.1.0.1, roles: [toaster] }");
        Cli.AssertBadInput(Analyze(model), $"{model}:5:53:", "toaster");
    }

    [Fact]
    public void Unknown_capability_in_uses_names_its_position()
    {
        var model = _dir.File("capability.yaml",
            "name: x",
            "sites:",
            OneSite,
            "hosts:",
            "  - { name: h1, site: a, address: 10.1.0.1, roles: [workstation] }",
            "  - { name: h2, site: a, address: 10.1.0.2, roles: [file-server] }",
            "uses:",
            "  - { from: h1, to: h2, capability: teleport }");
        Cli.AssertBadInput(Analyze(model), $"{model}:8:37:", "teleport");
    }

    [Fact]
    public void Unknown_site_in_a_link_names_its_position()
    {
        var model = _dir.File("link.yaml",
            "name: x",
            "sites:",
            OneSite,
            "links:",
            "  - { between: [a, mars], via: fw }");
        Cli.AssertBadInput(Analyze(model), $"{model}:5:20:", "mars");
    }

    [Fact]
    public void Overlapping_subnets_name_the_second_subnet()
    {
        var model = _dir.File("overlap.yaml",
            "name: x",
            "sites:",
            OneSite,
            "  - { name: b, subnets: [10.1.2.0/24] }");
        Cli.AssertBadInput(Analyze(model), $"{model}:4:26:", "overlap");
    }

    [Fact]
    public void A_word_that_is_no_command_is_named_rather_than_a_missing_command()
    {
        Cli.AssertBadInput(Cli.Run("frobnicate"), "frobnicate:1:1:", "unknown command 'frobnicate'");
        Cli.AssertBadInput(Cli.Run("analyze", "extra1", "extra2", "--at", "inter-site"), "extra2:1:1:", "unknown command, option or argument");
    }

    [Fact]
    public void An_unknown_option_is_named_as_an_option_not_read_as_the_model_or_rule_file()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "inter-site", "--bogus"), "--bogus:1:1:", "unknown option '--bogus'");
        Cli.AssertBadInput(Cli.Run("rules", "import", "--bogus"), "--bogus:1:1:", "unknown option '--bogus'");
        // Even where the parser would first complain of something else: a missing --at, or the word after the typo.
        Cli.AssertBadInput(Cli.Run("analyze", "--bogus"), "--bogus:1:1:", "unknown option '--bogus'");
        var rules = _dir.File("r.rules", "*filter", ":INPUT ACCEPT [0:0]", "COMMIT");
        Cli.AssertBadInput(Cli.Run("rules", "import", "--bogus", rules), "--bogus:1:1:", "unknown option '--bogus'");
    }

    [Fact]
    public void An_empty_rules_value_in_a_policy_overlay_is_named_where_it_stands()
    {
        var overlay = _dir.File("empty-rules.yaml", "policies:", "  - at: wan-router", "    rules:");
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "inter-site", "--policy", overlay), $"{overlay}:3:11:", "rules is empty");
    }

    [Fact]
    public void Missing_model_file_is_named()
    {
        var missing = Path.Combine(_dir.Path, "no-such-model.yaml");
        Cli.AssertBadInput(Analyze(missing), missing);
    }

    [Fact]
    public void Port_out_of_range_names_the_close_option()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--close", "70000"), "--close", "70000");
    }

    [Fact]
    public void Unknown_service_name_names_the_close_option_and_column_of_the_item()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--close", "foo"), "--close", "foo");
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--close", "135,foo"), "--close:1:5:", "foo");
    }

    [Fact]
    public void Unknown_enforcement_point_names_the_at_option()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "nowhere"), "--at", "nowhere");
    }

    [Fact]
    public void Unknown_role_in_hosts_placement_names_the_at_option()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "hosts:toaster"), "--at", "toaster");
    }

    [Fact]
    public void Missing_required_at_option_is_one_line()
    {
        Cli.AssertBadInput(Cli.Run("analyze"), "--at");
    }

    [Fact]
    public void Unknown_enforcement_point_after_a_comma_names_its_column()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter,nowhere"), "--at:1:11:", "nowhere");
    }

    [Fact]
    public void Invalid_choice_for_format_is_one_line()
    {
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--format", "xml"), "--format", "xml");
    }

    [Fact]
    public void Output_into_a_missing_directory_is_bad_input()
    {
        var target = Path.Combine(_dir.Path, "no-such-dir", "report.json");
        Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--format", "json", "--output", target), "report.json");
        Assert.Empty(_dir.Entries());
    }

    [Fact]
    public void Missing_catalog_file_is_named_with_a_one_based_location()
    {
        var missing = Path.Combine(_dir.Path, "no-such-catalog.yaml");
        var result = Cli.AssertBadInput(Cli.Run("analyze", "--at", "perimeter", "--catalog", missing), missing);
        Assert.DoesNotContain(":0:0", result.Err);
    }

    private static CliResult AnalyzeWithPolicy(string policy) =>
        Cli.Run("analyze", "--at", "inter-site", "--policy", policy, "--format", "json");

    [Fact]
    public void Malformed_policy_yaml_names_file_line_and_column()
    {
        var policy = _dir.File("malformed-policy.yaml",
            "policies:",
            "  - at: wan-router",
            "    rules: []",
            "   bad: 1");                      // mis-indented key: column 4 of line 4
        Cli.AssertBadInput(AnalyzeWithPolicy(policy), $"{policy}:4:4:", "YAML");
    }

    [Fact]
    public void Unknown_host_in_a_policy_rule_names_its_position()
    {
        var policy = _dir.File("host-policy.yaml",
            "policies:",
            "  - at: wan-router",
            "    rules:",
            "      - { action: permit, from: [dc1, nobody], to: [dc2] }");
        Cli.AssertBadInput(AnalyzeWithPolicy(policy), $"{policy}:4:39:", "nobody");
    }

    [Fact]
    public void Unknown_enforcement_point_in_a_policy_names_its_position()
    {
        var policy = _dir.File("point-policy.yaml",
            "policies:",
            "  - at: mars-fw",
            "    rules:",
            "      - { action: permit, from: [dc1], to: [dc2] }");
        Cli.AssertBadInput(AnalyzeWithPolicy(policy), $"{policy}:2:9:", "mars-fw");
    }

    [Fact]
    public void Unknown_host_firewall_in_a_policy_names_its_position()
    {
        var policy = _dir.File("hostfw-policy.yaml",
            "policies:",
            "  - { at: host:nobody, rules: [] }");
        Cli.AssertBadInput(AnalyzeWithPolicy(policy), $"{policy}:2:11:", "nobody");
    }

    [Theory]
    [InlineData("  - at: wan-router", "    default: deny", "default")]
    [InlineData("  - at: host:dc1", "    defaultIn: allow", "defaultIn")]
    [InlineData("  - at: hosts", "    defaultOut: block", "defaultOut")]
    public void A_default_in_a_policy_overlay_is_refused_where_it_stands(string at, string line, string key)
    {
        var policy = _dir.File("default-policy.yaml",
            "policies:",
            at,
            line,
            "    rules: []");
        Cli.AssertBadInput(AnalyzeWithPolicy(policy), $"{policy}:3:5:", $"'{key}'");
    }

    [Fact]
    public void Missing_policy_file_is_named()
    {
        var missing = Path.Combine(_dir.Path, "no-such-policy.yaml");
        var result = Cli.AssertBadInput(AnalyzeWithPolicy(missing), $"{missing}:1:1:");
        Assert.DoesNotContain(":0:0", result.Err);
    }

    [Fact]
    public void Empty_policy_file_is_bad_input()
    {
        var empty = _dir.File("empty-policy.yaml", "");
        Cli.AssertBadInput(AnalyzeWithPolicy(empty), empty);
    }

    [Fact]
    public void Recommend_with_an_unknown_enforcement_point_names_the_at_option()
    {
        Cli.AssertBadInput(Cli.Run("recommend", "--at", "nowhere"), "--at", "nowhere");
        Cli.AssertBadInput(Cli.Run("recommend", "--at", "inter-site,nowhere", "--format", "json"), "--at:1:12:", "nowhere");
    }

    [Fact]
    public void Recommend_with_a_bad_model_names_its_position()
    {
        var model = _dir.File("role.yaml",
            "name: x",
            "sites:",
            OneSite,
            "hosts:",
            "  - { name: h1, site: a, address: 10.1.0.1, roles: [toaster] }");
        Cli.AssertBadInput(Cli.Run("recommend", model, "--at", "hosts", "--format", "json"), $"{model}:5:53:", "toaster");
    }
}
