using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using PortImpact.Knowledge;

namespace PortImpact.Knowledge.Tests;

/// <summary>The attack chains the engine replays and the lookups a user types (`portimpact threat msblast`).</summary>
public sealed class ThreatCatalogTests
{
    private static readonly KnowledgeCatalog Catalog = KnowledgeCatalog.BuiltIn;

    private static Threat Get(string id) => Assert.Single(Catalog.Threats, t => t.Id == id);

    [Fact]
    public void Blaster_is_exploit_on_135_then_shell_on_4444_then_tftp_back_on_udp_69()
    {
        var steps = Get("blaster").Steps;

        Assert.Collection(steps,
            exploit => Assert.Equal((1, ThreatActor.Attacker, ThreatActor.Victim, "tcp/135"), Describe(exploit)),
            shell => Assert.Equal((2, ThreatActor.Attacker, ThreatActor.Victim, "tcp/4444"), Describe(shell)),
            download => Assert.Equal((3, ThreatActor.Victim, ThreatActor.Attacker, "udp/69"), Describe(download)));
        Assert.All(steps, s => Assert.False(s.Uncertain));
    }

    [Fact]
    public void Sasser_exploit_step_accepts_either_smb_port()
    {
        var exploit = Get("sasser").Steps[0];

        Assert.Equal(PortSet.Of(139, 445), exploit.Ports.Tcp);
        Assert.True(exploit.Ports.Udp.IsEmpty);
    }

    [Fact]
    public void Slammer_only_hits_sql_servers_and_notpetya_does_not_come_from_the_internet()
    {
        Assert.Equal(["sql-server"], Get("slammer").VictimRoles.ToArray());
        Assert.Empty(Get("blaster").VictimRoles);
        Assert.False(Get("notpetya").SpreadsFromInternet);
        Assert.True(Get("wannacry").SpreadsFromInternet);
    }

    [Fact]
    public void Threats_are_ordered_by_first_sighting()
    {
        var dates = Catalog.Threats.Select(t => t.FirstSeen).ToList();

        Assert.Equal(dates.Order(), dates);
        Assert.Equal("nimda", Catalog.Threats[0].Id);
    }

    [Theory]
    [InlineData("MS03-026", "blaster")]
    [InlineData("ms03-026", "blaster")]
    [InlineData("CVE-2017-0144", "wannacry")]
    [InlineData("msblast", "blaster")]
    [InlineData("Lovsan", "blaster")]
    [InlineData("  Sasser ", "sasser")]
    [InlineData("Downadup", "conficker")]
    [InlineData("CAN-2003-0352", "blaster")]
    [InlineData("CVE-2017-0143", "wannacry")]
    [InlineData("ADV200005", "smbghost")]
    [InlineData("CVE-2019-0708", "bluekeep")]
    [InlineData("MS02-039", "slammer")]
    public void FindThreat_resolves_ids_aliases_bulletins_and_cves(string query, string expected)
    {
        Assert.Equal(expected, Catalog.FindThreat(query)?.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("code-red")]
    [InlineData("MS03-034")]
    public void FindThreat_returns_null_for_what_it_does_not_know(string query)
    {
        Assert.Null(Catalog.FindThreat(query));
    }

    [Fact]
    public void A_bulletin_lists_every_threat_that_used_it_earliest_first()
    {
        Assert.Equal(["blaster", "welchia"], Catalog.ThreatsForBulletin("MS03-026").Select(t => t.Id));
        Assert.Equal(["wannacry", "notpetya"], Catalog.ThreatsForBulletin("ms17-010").Select(t => t.Id));
        Assert.Empty(Catalog.ThreatsForBulletin("MS03-049"));
    }

    [Fact]
    public void Each_threat_offers_a_fix_that_closes_no_port()
    {
        Assert.Contains(Get("blaster").Mitigations, m => m.Id == "patch:MS03-026");
        Assert.Contains(Get("blaster").Mitigations, m => m.Id == "disable-dcom");
        Assert.Contains(Get("wannacry").Mitigations, m => m.Id == "disable-smbv1");
        Assert.Contains(Get("bluekeep").Mitigations, m => m.Id == "enable-nla");
        Assert.Contains(Get("smbghost").Mitigations, m => m.Id == "disable-smb-compression");
        Assert.All(Catalog.Threats, t => Assert.NotEmpty(t.Mitigations));
    }

    [Fact]
    public void Bulletin_block_lists_are_kept_as_published_odd_ports_included()
    {
        var ms03026 = Catalog.Bulletins["MS03-026"];
        var ms03049 = Catalog.Bulletins["MS03-049"];

        Assert.Equal("tcp/135,139,445,593 udp/135,137-138,445", ms03026.RecommendedBlock.ToString());
        Assert.Equal("tcp+udp/138-139,445", ms03049.RecommendedBlock.ToString());
        Assert.True(Catalog.Bulletins["MS17-010"].RecommendedBlock.IsEmpty);
    }

    private static (int, ThreatActor, ThreatActor, string) Describe(ThreatStep step) =>
        (step.Order, step.From, step.To, step.Ports.ToString());

    /// <summary>
    /// The bulletins' affected versions: CVE-2019-0708 (BlueKeep) Windows XP to Server 2008 R2, CVE-2020-0796
    /// (SMBGhost, CVE record) Windows 10 1903 and 1909 only; MS03-007's WebDAV path (Welchia) IIS 5.0 on Windows 2000.
    /// </summary>
    [Fact]
    public void Threats_name_the_systems_and_roles_their_bulletins_name()
    {
        Assert.Equal(["windows-xp", "windows-server-2003", "windows-vista", "windows-server-2008", "windows-7", "windows-server-2008-r2"], Get("bluekeep").VictimOs.ToArray());
        Assert.Equal(["windows-10-1903", "windows-10-1909"], Get("smbghost").VictimOs.ToArray());
        var webDav = Assert.Single(Get("welchia").Steps[0].Conditional);
        Assert.Equal(["windows-2000"], webDav.When.Os.ToArray());
        Assert.Equal(["web-server"], webDav.When.Roles.ToArray());
        Assert.Equal(135, Get("welchia").Steps[0].Unconditional.Tcp.Ranges[0].First);
    }

    /// <summary>Conficker (MS08-067 write-ups, S16): the exploit then an HTTP download, or ADMIN$ password guessing on its own.</summary>
    [Fact]
    public void Conficker_has_two_routes_and_blaster_copies_after_its_exploit()
    {
        var conficker = Get("conficker");
        Assert.Equal(["ms08-067", "admin-share"], conficker.Routes.Select(r => r!).ToArray());
        Assert.Equal([1, 2], conficker.StepsOf("ms08-067").Select(s => s.Order).ToArray());
        Assert.Equal([3], conficker.StepsOf("admin-share").Select(s => s.Order).ToArray());
        var blaster = Get("blaster");
        Assert.Equal([ThreatStage.Exploit, ThreatStage.Copy, ThreatStage.Copy], blaster.Steps.Select(s => s.Stage).ToArray());
        Assert.Equal(["server", "client"], Get("smbghost").Routes.Select(r => r!).ToArray());
        Assert.Equal(ThreatActor.Victim, Get("smbghost").StepsOf("client").Single().From);
    }

    /// <summary>
    /// NotPetya ("New ransomware, old techniques", Microsoft Security blog, 27 June 2017, "Lateral movement"; Sophos;
    /// Talos — S16): the SMB exploits, or the payload copied to ADMIN$ with stolen credentials and started by PsExec
    /// over SMB or by WMIC over RPC.
    /// </summary>
    [Fact]
    public void Notpetya_spreads_by_exploit_psexec_or_wmic_and_every_way_needs_smb()
    {
        var notPetya = Get("notpetya");
        Assert.Contains("notpetya-msft", notPetya.Sources);
        Assert.Equal(["eternalblue", "psexec", "wmic"], notPetya.Routes.Select(r => r!).ToArray());
        Assert.All(notPetya.Routes, route => Assert.Contains(notPetya.StepsOf(route), s => s.Ports.Tcp.Contains(445)));
        Assert.Contains(notPetya.StepsOf("wmic"), s => s.Ports.Tcp.Contains(135) && !s.Ports.Tcp.Contains(445));
    }
}
