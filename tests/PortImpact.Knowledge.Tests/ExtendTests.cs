using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Tests;

/// <summary>A user's own catalog file adds entries and replaces built-in ones with the same id.</summary>
public sealed class ExtendTests
{
    private static readonly KnowledgeCatalog BuiltIn = KnowledgeCatalog.BuiltIn;

    private const string OwnApplication = """
        sources:
          - { id: inventory, title: Our application inventory }
        capabilities:
          - id: erp
            name: { en: ERP client, ja: 基幹システムのクライアント }
            summary: { en: The ERP client talks to its server over RPC and SMB., ja: RPC と SMB でサーバーと通信します。 }
            requires:
              all:
                - capability: rpc
                - tcp: 8400
            sources: [inventory]
        """;

    [Fact]
    public void New_ids_are_added_and_may_use_built_in_entries()
    {
        var extended = CatalogYaml.Extend(BuiltIn, OwnApplication);

        var erp = extended.GetCapability("erp");
        Assert.Equal("ERP client", erp.Name.En);
        Assert.True(extended.Sources.ContainsKey("inventory"));
        Assert.Equal(BuiltIn.Capabilities.Count + 1, extended.Capabilities.Count);
        Assert.Contains(extended.DescribePort(Transport.Tcp, 135, PortSet.Range(49152, 65535)).Capabilities, u => u.Capability.Id == "erp");
    }

    [Fact]
    public void A_need_toward_the_client_is_a_connection_the_server_opens()
    {
        var extended = CatalogYaml.Extend(BuiltIn, """
            capabilities:
              - id: ftp-active
                name: Active-mode FTP
                summary: The server opens the data connection back to the client.
                requires:
                  all:
                    - tcp: 21
                    - tcp: 20
                      toward: client
                sources: [S1a]
            """);

        var report = extended.DescribePort(Transport.Tcp, 20, PortSet.Range(49152, 65535));

        var use = Assert.Single(report.Capabilities, u => u.Capability.Id == "ftp-active");
        Assert.Equal(FlowOrientation.ServerToClient, use.Orientation);
        Assert.Equal(PortUsage.Required, use.Usage);
        Assert.Null(extended.GetCapability("ftp-active").Name.Ja);
    }

    [Fact]
    public void Extending_leaves_the_original_catalog_alone()
    {
        CatalogYaml.Extend(BuiltIn, OwnApplication);

        Assert.False(BuiltIn.TryGetCapability("erp", out _));
    }

    [Fact]
    public void An_entry_with_an_existing_id_overrides_it()
    {
        var extended = CatalogYaml.Extend(BuiltIn, """
            capabilities:
              - id: rdp
                name: { en: Remote Desktop on our port, ja: 独自ポートのリモート デスクトップ }
                summary: { en: We moved RDP to 13389., ja: RDP を 13389 番に移しました。 }
                requires: { tcp: 13389 }
                sources: [S1a]
            services:
              - name: rdp
                ports: { tcp: 13389 }
                sources: [S1a]
            """);

        Assert.Equal(BuiltIn.Capabilities.Count, extended.Capabilities.Count);
        Assert.Equal(new PortNeed(Transport.Tcp, PortSet.Of(13389), false, FlowOrientation.ClientToServer), extended.GetCapability("rdp").Requirement);
        Assert.True(extended.TryResolveServiceName("rdp", out var ports));
        Assert.Equal("tcp/13389", ports.ToString());
        Assert.Equal(BuiltIn.IanaServices.Length, extended.IanaServices.Length);
    }

    [Fact]
    public void An_overriding_threat_keeps_the_date_order()
    {
        var extended = CatalogYaml.Extend(BuiltIn, """
            threats:
              - id: blaster
                name: { en: Blaster, ja: ブラスター }
                kind: worm
                firstSeen: 2030-01-01
                spreadsFromInternet: true
                summary: { en: Moved to the future for the test., ja: テストのため未来に移しました。 }
                steps:
                  - { from: attacker, to: victim, ports: tcp/135, purpose: exploit }
                sources: [S16]
            """);

        Assert.Equal(BuiltIn.Threats.Length, extended.Threats.Length);
        Assert.Equal("blaster", extended.Threats[^1].Id);
        Assert.Equal("welchia", extended.FindThreat("MS03-026")?.Id);
    }

    [Fact]
    public void A_dangling_name_in_the_users_file_is_reported_in_that_file()
    {
        var error = Assert.Throws<InputException>(() => CatalogYaml.Extend(BuiltIn, """
            roles:
              - id: erp-client
                name: ERP client
                implies:
                  - { capability: erp, server: erp-server }
                sources: [S1a]
            """, "mine.yaml"));

        Assert.Equal(new SourceLocation("mine.yaml", 5, 23), error.Location);
    }

    [Fact]
    public void A_cycle_through_a_built_in_capability_is_refused()
    {
        var error = Assert.Throws<InputException>(() => CatalogYaml.Extend(BuiltIn, """
            capabilities:
              - id: kerberos
                name: Kerberos
                summary: Kerberos that needs AD logon
                requires: { capability: ad-logon }
                sources: [S1a]
            """));

        Assert.Contains("requires itself", error.Problem);
        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void Extend_reads_a_file_or_every_yaml_file_of_a_directory()
    {
        var directory = Directory.CreateTempSubdirectory("portimpact-catalog-");
        try
        {
            var file = Path.Combine(directory.FullName, "erp.yaml");
            File.WriteAllText(file, OwnApplication);
            File.WriteAllText(Path.Combine(directory.FullName, "readme.txt"), "not a catalog: [");

            Assert.True(BuiltIn.Extend(file).TryGetCapability("erp", out _));
            Assert.True(BuiltIn.Extend(directory.FullName).TryGetCapability("erp", out _));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_an_input_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "portimpact-no-such-catalog.yaml");

        var error = Assert.Throws<InputException>(() => BuiltIn.Extend(path));

        Assert.Equal(path, error.Location.File);
    }
}
