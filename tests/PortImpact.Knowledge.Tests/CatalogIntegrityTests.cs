using PortImpact.Core.Knowledge;
using PortImpact.Knowledge;

namespace PortImpact.Knowledge.Tests;

/// <summary>The built-in catalog is data; these tests keep it whole: every name resolves, every fact is sourced.</summary>
public sealed class CatalogIntegrityTests
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;

    public static TheoryData<string> RequiredCapabilities => new()
    {
        "dns", "kerberos", "ldap", "ldap-gc", "rpc", "file-sharing", "printer-sharing", "ad-logon", "group-policy",
        "ad-replication", "netbios-name", "netbios-browse", "rdp", "winrm", "time", "dfs-replication", "wmi", "sql", "web",
    };

    public static TheoryData<string> RequiredRoles => new()
    {
        "domain-controller", "dns-server", "file-server", "print-server", "rpc-server", "workstation", "member-server",
        "partner", "sql-server", "web-server", "rdp-server",
    };

    public static TheoryData<string> RequiredThreats => new()
    {
        "blaster", "welchia", "sasser", "slammer", "zotob", "conficker", "wannacry", "notpetya", "bluekeep", "smbghost",
    };

    public static TheoryData<string> RequiredBulletins => new()
    {
        "MS02-039", "MS03-026", "MS03-039", "MS03-043", "MS03-049", "MS04-011", "MS05-039", "MS08-067", "MS17-010",
        "CVE-2019-0708", "ADV200005",
    };

    [Theory]
    [MemberData(nameof(RequiredCapabilities))]
    public void Capability_is_defined(string id) => Assert.True(Catalog.TryGetCapability(id, out _), id);

    [Theory]
    [MemberData(nameof(RequiredRoles))]
    public void Role_is_defined(string id) => Assert.True(Catalog.TryGetRole(id, out _), id);

    [Theory]
    [MemberData(nameof(RequiredThreats))]
    public void Threat_is_defined(string id) => Assert.Contains(Catalog.Threats, t => t.Id == id);

    [Theory]
    [MemberData(nameof(RequiredBulletins))]
    public void Bulletin_is_defined(string id) => Assert.True(Catalog.TryGetBulletin(id, out _), id);

    [Fact]
    public void Every_source_id_referenced_is_defined()
    {
        var referenced = Catalog.Capabilities.Values.SelectMany(c => c.Sources)
            .Concat(Catalog.Roles.Values.SelectMany(r => r.Sources))
            .Concat(Catalog.Threats.SelectMany(t => t.Sources.Concat(t.Mitigations.SelectMany(m => m.Sources))))
            .Concat(Catalog.Bulletins.Values.SelectMany(b => b.Sources))
            .Concat(Catalog.PortNotes.SelectMany(n => n.Sources))
            .Distinct()
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, id => Assert.True(Catalog.Sources.ContainsKey(id), $"source '{id}' is not defined"));
    }

    [Fact]
    public void Every_fact_names_at_least_one_source()
    {
        Assert.All(Catalog.Capabilities.Values, c => Assert.NotEmpty(c.Sources));
        Assert.All(Catalog.Roles.Values, r => Assert.NotEmpty(r.Sources));
        Assert.All(Catalog.Threats, t => Assert.NotEmpty(t.Sources));
        Assert.All(Catalog.Threats.SelectMany(t => t.Mitigations), m => Assert.NotEmpty(m.Sources));
        Assert.All(Catalog.Bulletins.Values, b => Assert.NotEmpty(b.Sources));
        Assert.All(Catalog.PortNotes, n => Assert.NotEmpty(n.Sources));
    }

    [Fact]
    public void The_sources_of_knowledge_md_and_iana_are_defined()
    {
        string[] ids = ["S1a", "S1b", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12", "S13", "S14", "S15", "S16", "S17", "S18", "iana", "rfc6335"];
        Assert.All(ids, id => Assert.True(Catalog.Sources.ContainsKey(id), id));
    }

    [Fact]
    public void Every_capability_reference_resolves()
    {
        var referenced = Catalog.Capabilities.Values.SelectMany(c => References(c.Requirement)).ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, id => Assert.True(Catalog.Capabilities.ContainsKey(id), $"capability '{id}' is not defined"));
    }

    [Fact]
    public void Every_role_dependency_names_a_known_capability_and_server_role()
    {
        var implied = Catalog.Roles.Values.SelectMany(r => r.Implies).ToList();

        Assert.NotEmpty(implied);
        Assert.All(implied, d =>
        {
            Assert.True(Catalog.Capabilities.ContainsKey(d.Capability), d.Capability);
            Assert.True(Catalog.Roles.ContainsKey(d.ServerRole), d.ServerRole);
        });
    }

    [Fact]
    public void Every_threat_names_known_bulletins_and_roles_and_has_steps()
    {
        Assert.All(Catalog.Threats, t =>
        {
            Assert.NotEmpty(t.Steps);
            Assert.All(t.Bulletins, b => Assert.True(Catalog.Bulletins.ContainsKey(b), $"{t.Id}: bulletin {b}"));
            Assert.All(t.VictimRoles, r => Assert.True(Catalog.Roles.ContainsKey(r), $"{t.Id}: role {r}"));
            Assert.Equal(Enumerable.Range(1, t.Steps.Length), t.Steps.Select(s => s.Order));
        });
    }

    [Fact]
    public void Every_capability_threat_and_bulletin_speaks_english_and_japanese()
    {
        var texts = Catalog.Capabilities.Values.SelectMany(c => new[] { ($"{c.Id} name", c.Name), ($"{c.Id} summary", c.Summary) })
            .Concat(Catalog.Threats.SelectMany(t => new[] { ($"{t.Id} name", t.Name), ($"{t.Id} summary", t.Summary) }
                .Concat(t.Steps.Select(s => ($"{t.Id} step {s.Order}", s.Purpose)))
                .Concat(t.Mitigations.Select(m => ($"{t.Id} {m.Id}", m.Text)))))
            .Concat(Catalog.Bulletins.Values.SelectMany(b => new[] { ($"{b.Id} title", b.Title), ($"{b.Id} note", b.BlockNote) }))
            .Concat(Catalog.Roles.Values.Select(r => ($"{r.Id} name", r.Name)))
            .Concat(Catalog.PortNotes.Select(n => ($"note {n.Transport}/{n.Ports}", n.Text)));

        Assert.All(texts, entry =>
        {
            var (what, text) = entry;
            Assert.False(string.IsNullOrWhiteSpace(text.En), $"{what} has no English");
            Assert.False(string.IsNullOrWhiteSpace(text.Ja), $"{what} has no Japanese");
            Assert.Contains(text.Ja!, c => c > '\u3000');
        });
    }

    [Fact]
    public void Every_bulletin_says_which_edition_its_date_comes_from()
    {
        Assert.All(Catalog.Bulletins.Keys, id => Assert.True(Catalog.BulletinEditions.ContainsKey(id), id));
        Assert.Equal(PublicationEdition.UnitedStates, Catalog.BulletinEditions["MS08-067"]);
        Assert.Equal(new DateOnly(2008, 10, 23), Catalog.Bulletins["MS08-067"].Published);
        Assert.Equal(PublicationEdition.Japanese, Catalog.BulletinEditions["MS03-034"]);
    }

    [Fact]
    public void Built_in_catalog_is_loaded_once()
    {
        Assert.Same(KnowledgeCatalog.BuiltIn, KnowledgeCatalog.BuiltIn);
    }

    private static IEnumerable<string> References(Requirement requirement) => requirement switch
    {
        CapabilityReference r => [r.CapabilityId],
        AllOf all => all.Parts.SelectMany(References),
        AnyOf any => any.Alternatives.SelectMany(References),
        Optional optional => References(optional.Part),
        _ => [],
    };
}
