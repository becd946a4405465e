using PortImpact.Knowledge;

namespace PortImpact.Cli.Tests;

/// <summary><c>list</c>, bare <c>threat</c> and bare <c>port</c> show what the catalogs know, every row from the catalog.</summary>
public sealed class ListTests
{
    private static KnowledgeCatalog Catalog => KnowledgeCatalog.BuiltIn;

    [Fact]
    public void Every_threat_is_listed_once_in_catalog_order_with_its_bulletins()
    {
        var rows = Cli.Ok("list", "threats", "--format", "json").Json().EnumerateArray().ToList();

        Assert.Equal(Catalog.Threats.Select(t => t.Id), rows.Select(r => r.Str("id")));
        var blaster = rows.Single(r => r.Str("id") == "blaster");
        Assert.Contains("MS03-026", blaster.Str("bulletins"));
        Assert.Equal("2003-08-11", blaster.Str("firstSeen"));
        Assert.All(rows, r => Assert.Equal(r.Str("bulletins").Split(", ").Length, r.Str("bulletins").Split(", ").Distinct().Count()));
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("capabilities")]
    [InlineData("services")]
    [InlineData("os")]
    public void Each_catalog_lists_every_entry_by_the_id_a_model_writes(string kind)
    {
        var expected = kind switch
        {
            "roles" => Catalog.Roles.Keys,
            "capabilities" => Catalog.Capabilities.Keys,
            "services" => Catalog.ServiceAliases.Keys,
            _ => Catalog.OsVersions.Values.Select(o => o.Id),
        };

        var ids = Cli.Ok("list", kind, "--format", "json").Json().EnumerateArray().Select(r => r.Str("id")).ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Names_are_in_japanese_when_asked_and_the_table_counts_its_rows()
    {
        var domainController = Catalog.Roles["domain-controller"].Name;
        Assert.NotNull(domainController.Ja);

        var table = Cli.Ok("list", "roles", "--lang", "ja").Out;

        Assert.Contains(domainController.Ja!, table);
        Assert.Contains($"{Catalog.Roles.Count} 件", table);
    }

    [Fact]
    public void Bare_threat_and_port_list_what_can_be_asked()
    {
        Assert.Equal(Catalog.Threats.Length, Cli.Ok("threat", "--format", "json").Json().GetArrayLength());
        Assert.Equal(Catalog.ServiceAliases.Count, Cli.Ok("port", "--format", "json").Json().GetArrayLength());
        Assert.Contains("Blaster", Cli.Ok("threat", "blaster").Out);
    }

    [Fact]
    public void An_unknown_catalog_is_bad_input_naming_the_known_ones()
    {
        Cli.AssertBadInput(Cli.Run("list", "worms"), "catalog", "threats", "os");
    }
}
