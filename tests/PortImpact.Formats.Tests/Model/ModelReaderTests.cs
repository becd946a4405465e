using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Formats.Model;
using PortImpact.Knowledge;

namespace PortImpact.Formats.Tests.Model;

public sealed class ModelReaderTests
{
    private static readonly ModelReader Reader = new(KnowledgeCatalog.BuiltIn);

    private const string Valid = """
        name: Test
        sites:
          - { name: hq, subnets: [10.1.0.0/16] }
          - { name: branch, subnets: [10.2.0.0/16] }
        zones:
          - { name: internet }
        links:
          - { between: [internet, hq], via: fw }
          - { between: [hq, branch], via: wan }
        hosts:
          - { name: dc1, site: hq, address: 10.1.0.10, roles: [domain-controller] }
          - { name: pcs, site: branch, subnet: 10.2.1.0/24, roles: [workstation] }
        """;

    private static InputException Fails(string yaml) => Assert.Throws<InputException>(() => Reader.Parse(yaml, "bad.yaml"));

    [Fact]
    public void A_valid_model_is_read_with_defaults_filled_in()
    {
        var model = Reader.Parse(Valid, "ok.yaml");
        Assert.Equal(NetworkModel.DefaultRpcDynamicPorts, model.RpcDynamicPorts);
        Assert.Equal(["fw", "wan"], model.Points.Select(p => p.Name));
        Assert.Equal(256, model.FindHost("pcs")!.Count);
        Assert.Equal("hq", model.Links[0].Inside);
        Assert.Equal("hq", model.Links[1].Inside);
        Assert.True(model.FindPlace("internet")!.External);
    }

    [Fact]
    public void The_built_in_example_is_valid()
    {
        var model = Reader.Parse(BuiltInExample.Text(), BuiltInExample.FileName);
        Assert.Contains(model.Places, p => p.External);
        Assert.True(model.Places.Count(p => p.IsSite) >= 2);
        Assert.NotEmpty(model.Uses);
    }

    [Fact]
    public void Malformed_yaml_is_reported_where_it_breaks()
    {
        var error = Fails("name: x\nsites:\n  - { name: hq, subnets: [10.1.0.0/16]\n");
        Assert.Equal("bad.yaml", error.Location.File);
        Assert.StartsWith("malformed YAML", error.Problem);
        Assert.True(error.Location.Line >= 3);
    }

    [Theory]
    [InlineData("roles: [domain-controller]", "roles: [domain-controler]", 11, "unknown role 'domain-controler'")]
    [InlineData("via: wan }", "via: wan, colour: red }", 9, "unknown key 'colour'")]
    [InlineData("between: [hq, branch]", "between: [hq, tokyo]", 9, "unknown site or zone 'tokyo'")]
    [InlineData("subnets: [10.2.0.0/16]", "subnets: [10.1.128.0/17]", 4, "overlaps 10.1.0.0/16")]
    [InlineData("address: 10.1.0.10", "address: 10.9.0.10", 11, "not inside the subnets of 'hq'")]
    [InlineData("subnet: 10.2.1.0/24", "subnet: 10.2.1.0/33", 12, "prefix length")]
    [InlineData("roles: [workstation]", "roles: [workstation], os: windows-95", 12, "unknown operating system 'windows-95'")]
    [InlineData("roles: [domain-controller]", "roles: [domain-controller], rpcPorts: { spooler: 50001 }", 11, "unknown RPC service 'spooler'")]
    [InlineData("roles: [domain-controller]", "roles: [domain-controller], rpcPorts: { ntds: 50001, netlogon: 50001 }", 11, "netlogon and ntds are pinned to the same port 50001")]
    [InlineData("roles: [domain-controller]", "roles: [domain-controller], rpcPorts: { ntds: 70000 }", 11, "the port of ntds")]
    [InlineData("subnets: [10.2.0.0/16] }", "subnets: [10.2.0.0/16], dcFailover: perhaps }", 4, "dcFailover")]
    public void Each_bad_value_is_named_with_its_line(string good, string bad, int line, string message)
    {
        var error = Fails(Valid.Replace(good, bad, StringComparison.Ordinal));
        Assert.Equal(line, error.Location.Line);
        Assert.Contains(message, error.Problem);
    }

    [Fact]
    public void Operating_systems_pinned_ports_and_failover_are_read_with_their_defaults()
    {
        var model = Reader.Parse(Valid
            .Replace("roles: [domain-controller]", "roles: [domain-controller], os: windows-server-2003, rpcPorts: { ntds: 50001, dfsr: 50003 }", StringComparison.Ordinal)
            .Replace("subnets: [10.2.0.0/16] }", "subnets: [10.2.0.0/16], dcFailover: false }", StringComparison.Ordinal), "ok.yaml");
        var dc = model.FindHost("dc1")!;
        Assert.Equal("windows-server-2003", dc.Os);
        // KB 929851: Windows Server 2003 hands out 1025-5000 when the model states no range of its own.
        Assert.Equal(PortSet.Range(1025, 5000), dc.RpcDynamicPorts);
        Assert.Equal(PortSet.Of(50001), dc.RpcPortsFor("ntds", model.RpcDynamicPorts));
        Assert.Equal(PortSet.Range(1025, 5000), dc.RpcPortsFor("netlogon", model.RpcDynamicPorts));
        Assert.Equal("windows-11-22h2", model.FindHost("pcs")!.Os);
        Assert.False(model.FindPlace("branch")!.DcFailover);
        Assert.True(model.FindPlace("hq")!.DcFailover);
    }

    [Fact]
    public void The_column_points_at_the_bad_value()
    {
        var error = Fails(Valid.Replace("roles: [workstation]", "roles: [workstation, toaster]", StringComparison.Ordinal));
        Assert.Equal(12, error.Location.Line);
        var lineText = Valid.Replace("roles: [workstation]", "roles: [workstation, toaster]", StringComparison.Ordinal).Split('\n')[11];
        Assert.Equal(lineText.IndexOf("toaster", StringComparison.Ordinal) + 1, error.Location.Column);
    }

    [Fact]
    public void An_unknown_capability_in_uses_is_refused()
    {
        var error = Fails(Valid + "\n" + "uses:\n  - { from: pcs, to: dc1, capability: teleport }\n");
        Assert.Equal(14, error.Location.Line);
        Assert.Contains("unknown capability 'teleport'", error.Problem);
    }

    [Fact]
    public void An_rpc_range_out_of_port_space_is_refused()
    {
        var error = Fails("rpcDynamicPorts: 49152-70000\n" + Valid);
        Assert.Equal(1, error.Location.Line);
        Assert.Contains("out of range", error.Problem);
    }

    [Fact]
    public void A_host_states_its_own_rpc_dynamic_range()
    {
        var model = Reader.Parse(Valid.Replace("roles: [domain-controller] }", "roles: [domain-controller], rpcDynamicPorts: 50000-50010 }", StringComparison.Ordinal), "ok.yaml");
        Assert.Equal(PortSet.Range(50000, 50010), model.FindHost("dc1")!.RpcDynamicPorts);
        // A host that states nothing falls back to the model's range (null), and the model's range is untouched.
        Assert.Null(model.FindHost("pcs")!.RpcDynamicPorts);
        Assert.Equal(NetworkModel.DefaultRpcDynamicPorts, model.RpcDynamicPorts);
    }

    [Fact]
    public void A_host_rpc_range_out_of_port_space_is_named_with_its_line_and_column()
    {
        var yaml = Valid.Replace("roles: [domain-controller] }", "roles: [domain-controller], rpcDynamicPorts: 70000 }", StringComparison.Ordinal);
        var error = Fails(yaml);
        Assert.Equal(11, error.Location.Line);
        Assert.Equal(yaml.Split('\n')[10].IndexOf("70000", StringComparison.Ordinal) + 1, error.Location.Column);
        Assert.Contains("rpcDynamicPorts", error.Problem);
        Assert.Contains("out of range", error.Problem);
    }

    [Fact]
    public void Overlapping_hosts_are_refused()
    {
        var error = Fails(Valid + "\n" + "  - { name: dup, site: branch, address: 10.2.1.7 }\n");
        Assert.Equal(13, error.Location.Line);
        Assert.Contains("overlaps host 'pcs'", error.Problem);
    }

    [Fact]
    public void Policies_name_known_points_and_read_rules_in_order()
    {
        var model = Reader.Parse(Valid + "\n" + """
            policies:
              - at: wan
                default: deny
                rules:
                  - { action: permit, protocol: tcp, ports: 445, from: branch, to: dc1 }
                  - { action: deny, ports: "135,137-139" }
              - at: hosts:workstation
                rules:
                  - { action: allow, direction: in, protocol: tcp, ports: 3389, from: hq }
            """, "p.yaml");
        var wan = model.FindPoint("wan")!.Baseline;
        Assert.Equal(PolicySemantics.OrderedAcl, wan.Semantics);
        Assert.Equal(RuleAction.Deny, wan.DefaultIn);
        Assert.Equal(2, wan.Rules.Length);
        Assert.Equal("10.2.0.0/16", wan.Rules[0].Source.ToString());
        var pcs = model.FindHost("pcs")!.Firewall!;
        Assert.Equal(PolicySemantics.WindowsFirewall, pcs.Semantics);
        Assert.Equal(RuleAction.Deny, pcs.DefaultIn);
        Assert.Equal(RuleAction.Permit, pcs.DefaultOut);

        var error = Fails(Valid + "\n" + "policies:\n  - { at: core-switch }\n");
        Assert.Equal(14, error.Location.Line);
        Assert.Contains("unknown enforcement point 'core-switch'", error.Problem);
    }

    /// <summary>
    /// A Windows rule's RPC keyword stands for the dynamic range the host's RPC runtime hands out: the default
    /// 49152-65535, or the range the model says the host (or the whole model) was narrowed to per KB 154596.
    /// </summary>
    [Fact]
    public void Windows_rpc_keyword_in_a_hosts_rule_file_means_that_hosts_rpc_range()
    {
        var directory = Directory.CreateTempSubdirectory("portimpact-rpc-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "dc.ps1"),
                "New-NetFirewallRule -DisplayName 'RPC dynamic' -Protocol TCP -LocalPort RPC,RPCEPMap -RemoteAddress 10.2.0.0/16\n");
            var yaml = Valid.Replace("roles: [domain-controller] }", "roles: [domain-controller], rpcDynamicPorts: 5000-5100, rules: dc.ps1 }", StringComparison.Ordinal)
                + "\n  - { name: dc2, site: hq, address: 10.1.0.11, roles: [domain-controller], rules: dc.ps1 }"
                + "\n  - { name: dc3, site: hq, address: 10.1.0.12, roles: [domain-controller] }"
                + "\npolicies:\n  - { at: host:dc3, rules: dc.ps1 }\n";
            string Ports(NetworkModel model, string host) =>
                model.FindHost(host)!.Firewall!.Imported!.RuleSet.Chains.Single().Rules.Single().DestinationPorts.ToString();

            var path = Path.Combine(directory.FullName, "m.yaml");
            File.WriteAllText(path, yaml);
            var model = Reader.ReadFile(path);
            Assert.Equal("135,5000-5100", Ports(model, "dc1"));
            Assert.Equal("135,49152-65535", Ports(model, "dc2"));
            Assert.Equal("135,49152-65535", Ports(model, "dc3"));

            File.WriteAllText(path, "rpcDynamicPorts: 6000-6010\n" + yaml);
            var narrowed = Reader.ReadFile(path);
            Assert.Equal("135,5000-5100", Ports(narrowed, "dc1"));
            Assert.Equal("135,6000-6010", Ports(narrowed, "dc2"));
            Assert.Equal("135,6000-6010", Ports(narrowed, "dc3"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
