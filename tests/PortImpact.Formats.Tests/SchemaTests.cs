using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using PortImpact.Formats.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Formats.Tests;

/// <summary>
/// Checks schema/portimpact-model.schema.json (embedded in PortImpact.Formats) against model files the way an
/// editor sees them: YAML turned into JSON with plain ints and booleans typed, everything else a string.
/// </summary>
public sealed partial class SchemaTests
{
    // A local registry so that building the schema never collides with another test that builds it too.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(BuiltInExample.SchemaText(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private const string Places = """
        name: Test
        sites:
          - { name: hq, subnets: [10.1.0.0/16] }
          - { name: branch, subnets: 10.2.0.0/16 }
        zones:
          - { name: internet }
        links:
          - { between: [internet, hq], via: perimeter-fw }
          - { between: [hq, branch], via: wan-router, inside: hq }
        """;

    private const string Hosts = """
        hosts:
          - { name: dc1, site: hq, address: 10.1.0.10, roles: [domain-controller, dns-server] }
          - { name: hq-pcs, site: hq, subnet: 10.1.10.0/24, count: 200, roles: workstation }
          - { name: partner, zone: internet, address: 203.0.113.5, roles: [partner] }
        """;

    [Fact]
    public void BuiltInExampleIsValid()
    {
        var results = Evaluate(BuiltInExample.Text());

        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void ModelWithBaselineAndHostFirewallPoliciesIsValid()
    {
        var yaml = Places + "\n" + Hosts + "\n" + """
            uses:
              - { from: partner, to: dc1, capability: rpc }
            rpcDynamicPorts: 49152-65535
            policies:
              - at: perimeter-fw
                default: deny
                rules:
                  - action: permit
                    protocol: tcp
                    ports: 80,443
                    from: any
                    to: hq
                    name: web in
                  - { action: Deny, protocol: UDP, ports: [53, "135,137-139"], from: [internet, 198.51.100.0/24], to: 10.1.0.10 }
              - at: wan-router
                rules:
                  - { action: allow, ports: 445, direction: both }
              - at: hosts:workstation
                defaultIn: block
                defaultOut: allow
                rules:
                  - { action: allow, direction: in, protocol: tcp, ports: 3389, from: hq }
              - at: host:dc1
                defaultIn: block
                rules:
                  - { action: block, direction: out, protocol: any, to: partner }
              - at: hosts
                rules: []
            """;

        var results = Evaluate(yaml);

        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void YamlScalarsBecomeJsonTheWayAnEditorSeesThem()
    {
        var json = ToJson("""
            a: 445
            b: 80,443
            c: "445"
            d: true
            e: yes
            f: 10.1.0.10
            """);

        Assert.Equal("""{"a":445,"b":"80,443","c":"445","d":true,"e":"yes","f":"10.1.0.10"}""", json.ToJsonString());
    }

    [Fact]
    public void CommaPortListInsideAFlowMappingMustBeQuoted()
    {
        // In a { ... } mapping the comma separates entries: ports: 80,443 is ports 80 and a key "443".
        var bare = Evaluate(Places + "\npolicies:\n  - { at: perimeter-fw, rules: [{ action: permit, ports: 80,443 }] }\n");
        var quoted = Evaluate(Places + "\npolicies:\n  - { at: perimeter-fw, rules: [{ action: permit, ports: \"80,443\" }] }\n");

        Assert.Contains(Failures(bare), f => f.Instance == "/policies/0/rules/0/443" && f.Schema.StartsWith("/$defs/rule/additionalProperties", StringComparison.Ordinal));
        Assert.True(quoted.IsValid, Describe(quoted));
    }

    [Fact]
    public void UnknownTopLevelKeyIsRejected()
    {
        var results = Evaluate(BuiltInExample.Text() + "\nfirewalls: []\n");

        Assert.False(results.IsValid);
        Assert.Equal([("/firewalls", "/additionalProperties")],
            Failures(results).Select(f => (f.Instance, f.Schema)));
    }

    [Fact]
    public void UnknownRoleIsRejected()
    {
        var results = Evaluate(Places + """

            hosts:
              - { name: dc1, site: hq, address: 10.1.0.10, roles: [domain-controller, mail-server] }
            """);

        Assert.False(results.IsValid);
        Assert.Contains(Failures(results), f => f.Instance == "/hosts/0/roles/1" && f.Keyword == "enum");
        Assert.DoesNotContain(Failures(results), f => f.Instance == "/hosts/0/roles/0");
    }

    [Fact]
    public void HostWithBothAddressAndSubnetIsRejected()
    {
        var results = Evaluate(Places + """

            hosts:
              - { name: dc1, site: hq, address: 10.1.0.10, subnet: 10.1.0.0/24 }
            """);

        Assert.False(results.IsValid);
        Assert.Contains(Failures(results), f => f.Instance == "/hosts/0" && f.Schema == "/$defs/hostAddress");
        Assert.DoesNotContain(Failures(results), f => f.Schema.StartsWith("/$defs/hostPlace", StringComparison.Ordinal));
    }

    [Fact]
    public void HostWithNeitherSiteNorZoneIsRejectedButEitherAloneIsValid()
    {
        Assert.True(Evaluate(Places + "\nhosts:\n  - { name: h, site: hq, address: 10.1.0.1 }\n").IsValid);
        Assert.True(Evaluate(Places + "\nhosts:\n  - { name: h, zone: internet, address: 192.0.2.1 }\n").IsValid);

        var neither = Evaluate(Places + "\nhosts:\n  - { name: h, address: 10.1.0.1 }\n");
        var both = Evaluate(Places + "\nhosts:\n  - { name: h, site: hq, zone: internet, address: 10.1.0.1 }\n");

        Assert.Contains(Failures(neither), f => f.Instance == "/hosts/0" && f.Schema.StartsWith("/$defs/hostPlace", StringComparison.Ordinal));
        Assert.Contains(Failures(both), f => f.Instance == "/hosts/0" && f.Schema == "/$defs/hostPlace");
        Assert.DoesNotContain(Failures(both), f => f.Schema.StartsWith("/$defs/hostAddress", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("80,https")]
    [InlineData("tcp445")]
    [InlineData("135,13a-139")]
    public void PortListWithLettersIsRejected(string ports)
    {
        var results = Evaluate(Places + $"""

            policies:
              - at: perimeter-fw
                rules:
                  - action: permit
                    ports: {ports}
            """);

        Assert.False(results.IsValid);
        Assert.Contains(Failures(results), f => f.Instance == "/policies/0/rules/0/ports");
        Assert.All(Failures(results), f => Assert.StartsWith("/policies/0", f.Instance));
    }

    [Theory]
    [InlineData("135,137-139,445", true)]
    [InlineData("445", true)]
    [InlineData("[80, 443, \"8080-8090\"]", true)]
    [InlineData("65535", true)]
    [InlineData("65536", false)]
    [InlineData("80,,443", false)]
    [InlineData("[]", false)]
    public void PortListForms(string ports, bool valid)
    {
        var results = Evaluate(Places + $"\nrpcDynamicPorts: {ports}\n");

        Assert.True(valid == results.IsValid, Describe(results));
    }

    [Fact]
    public void RuleWithActionMaybeIsRejected()
    {
        var results = Evaluate(Places + """

            policies:
              - at: perimeter-fw
                rules:
                  - { action: maybe, protocol: tcp, ports: 445 }
            """);

        Assert.False(results.IsValid);
        Assert.Contains(Failures(results), f => f.Instance == "/policies/0/rules/0/action");
        Assert.All(Failures(results), f => Assert.StartsWith("/policies/0/rules/0/action", f.Instance));
    }

    [Fact]
    public void LinkWithThreeEndsIsRejected()
    {
        var yaml = Places.Replace("[hq, branch]", "[hq, branch, internet]", StringComparison.Ordinal);

        var results = Evaluate(yaml);

        Assert.False(results.IsValid);
        Assert.Contains(Failures(results), f => f.Instance == "/links/1/between" && f.Keyword == "maxItems");
    }

    [Theory]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, count: 1, roles: workstation }", true)]
    [InlineData("{ name: 10, site: hq, address: 10.1.0.1/32 }", true)]
    [InlineData("{ name: h, zone: internet, subnet: 192.0.2.0/24, count: \"20\" }", true)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, rpcDynamicPorts: 50000-50010 }", true)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, rpcDynamicPorts: 70000 }", false)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, count: 5 }", false)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.0/24 }", false)]
    [InlineData("{ name: h, site: hq, subnet: 10.1.0.300/24 }", false)]
    [InlineData("{ name: h, site: hq, subnet: 10.1.0.0/24, count: 0 }", false)]
    [InlineData("{ name: H1, site: hq, address: 10.1.0.1 }", false)]
    [InlineData("{ site: hq, address: 10.1.0.1 }", false)]
    public void HostForms(string host, bool valid)
    {
        var results = Evaluate(Places + "\nhosts:\n  - " + host + "\n");

        Assert.True(valid == results.IsValid, Describe(results));
        Assert.All(Failures(results), f => Assert.StartsWith("/hosts/0", f.Instance));
    }

    [Theory]
    [InlineData("zones:\n  - { name: internet, external: yes }", true)]
    [InlineData("zones:\n  - { name: partner-net, external: false, subnets: 198.51.100.0/24 }", true)]
    [InlineData("zones:\n  - { name: internet, external: maybe }", false)]
    [InlineData("zones:\n  - { name: internet, kind: external }", false)]
    [InlineData("links:\n  - { between: [hq, hq], via: loop }", false)]
    [InlineData("links:\n  - { between: [hq, branch] }", false)]
    [InlineData("uses:\n  - { from: a, to: b }", false)]
    [InlineData("policies:\n  - { at: hosts:mail-server, rules: [] }", false)]
    [InlineData("policies:\n  - { at: perimeter-fw, rules: [{ action: PERMIT, protocol: Tcp, direction: sideways }] }", false)]
    [InlineData("policies:\n  - { at: perimeter-fw, rules: [{ action: PERMIT, protocol: Tcp, direction: In }] }", true)]
    public void OtherSections(string section, bool valid)
    {
        var results = Evaluate("sites:\n  - { name: hq }\n  - { name: branch }\n" + section + "\n");

        Assert.True(valid == results.IsValid, Describe(results));
    }

    [Fact]
    public void SitesAreRequired()
    {
        var results = Evaluate("name: No sites\nzones: [{ name: internet }]\n");

        Assert.Contains(Failures(results), f => f.Instance == "" && f.Keyword == "required");
    }

    [Fact]
    public void HostFirewallTakesDefaultInAndPointsTakeDefault()
    {
        var hostWithDefault = Evaluate(Places + "\n" + Hosts + "\npolicies:\n  - { at: hosts:workstation, default: deny }\n");
        var pointWithDefaultIn = Evaluate(Places + "\npolicies:\n  - { at: perimeter-fw, defaultIn: block }\n");

        Assert.Contains(Failures(hostWithDefault), f => f.Instance == "/policies/0/default");
        Assert.Contains(Failures(pointWithDefaultIn), f => f.Instance == "/policies/0/defaultIn");
    }

    /// <summary>An editor offers exactly the roles and operating systems the model reader takes.</summary>
    [Fact]
    public void The_schema_lists_every_role_and_operating_system_of_the_catalog()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(BuiltInExample.SchemaText());
        string[] Enum(string def) => [.. schema.RootElement.GetProperty("$defs").GetProperty(def).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)];
        var catalog = Knowledge.KnowledgeCatalog.BuiltIn;
        Assert.Equal(catalog.Roles.Keys.Order(StringComparer.Ordinal), Enum("role"));
        Assert.Equal(catalog.OsVersions.Keys.Order(StringComparer.Ordinal), Enum("os"));
    }

    [Theory]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, os: windows-server-2019, rpcPorts: { ntds: 50001, dfsr: 50003 } }", true)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, os: windows-95 }", false)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, rpcPorts: { spooler: 50001 } }", false)]
    [InlineData("{ name: h, site: hq, address: 10.1.0.1, rpcPorts: { ntds: 70000 } }", false)]
    public void Hosts_name_their_operating_system_and_pinned_rpc_ports(string host, bool valid)
    {
        Assert.Equal(valid, Evaluate(Places + "\nhosts:\n  - " + host + "\n").IsValid);
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        using var document = JsonDocument.Parse(ToJson(yaml).ToJsonString());
        return Schema.Value.Evaluate(document.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
    }

    /// <summary>
    /// What makes the model invalid: the errors of failing schema nodes reached through failing parents only, so
    /// that failed alternatives of an anyOf that passed as a whole do not count, nor does a failing <c>if</c>.
    /// A failing node without errors of its own or failing children (a oneOf that two branches pass) counts
    /// with an empty keyword. <c>Schema</c> is the JSON pointer into the schema, such as <c>/$defs/host</c>.
    /// </summary>
    private static List<Failure> Failures(EvaluationResults results)
    {
        var failures = new List<Failure>();
        Collect(results);
        return failures;

        bool Counts(EvaluationResults node) => !node.IsValid && !node.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal);

        void Collect(EvaluationResults node)
        {
            if (!Counts(node)) return;
            var instance = node.InstanceLocation.ToString();
            var schema = Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#'));
            foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            {
                failures.Add(new Failure(instance, schema, keyword, message));
            }
            var children = (node.Details ?? []).Where(Counts).ToList();
            if (children.Count == 0 && node.Errors is not { Count: > 0 }) failures.Add(new Failure(instance, schema, "", "fails"));
            foreach (var child in children) Collect(child);
        }
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("\n", Failures(results).Select(f => $"{f.Instance} ({f.Schema}) {f.Keyword}: {f.Message}"));

    private sealed record Failure(string Instance, string Schema, string Keyword, string Message);

    /// <summary>YAML to JSON as a YAML 1.2 editor types plain scalars: integers and true/false; all else is text.</summary>
    private static JsonNode ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style == ScalarStyle.Plain)
        {
            if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
            if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
            if (IntegerPattern().IsMatch(text) && long.TryParse(text, out var number)) return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();
}
