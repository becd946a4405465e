namespace PortImpact.Cli.Tests;

/// <summary>Format detection and reporting on real rule files: each is claimed by the right reader, and every note has a line.</summary>
public sealed class RuleSampleTests
{
    private static readonly string[] Effects = ["rule-may-match", "chain-uncertain", "skipped"];

    [SampleTheory]
    [InlineData("windows-firewall-registry/alatnicar_SharedAccess_Parameters_FirewallPolicy.reg", "reg")]
    [InlineData("windows-firewall-registry/yossidoctor_FirewallRules.reg", "reg")]
    [InlineData("windows-firewall-registry/SN-Domain_Firewall_Baseline_registry.pol", "pol")]
    [InlineData("windows-firewall-registry/SN-Domain_Firewall_Baseline_gpreport.xml", "gpreport")]
    [InlineData("linux-iptables/diekmann_medium-sized-company.iptables-save", "iptables")]
    [InlineData("linux-iptables/hcl_debian-firewall_rules.v4", "iptables")]
    [InlineData("linux-nftables/arluke_homelab_nftables.conf", "nft")]
    [InlineData("linux-nftables/nftables-tests_chains_0001jumps_0.nft", "nft")]
    [InlineData("cisco-ios/ciscoconfparse_sample_01.ios", "ios")]
    [InlineData("cisco-ios/ntc_cisco_ios_show_ip_access-lists.raw", "ios")]
    public void Real_file_is_detected_and_every_note_has_a_line_and_a_known_effect(string relative, string format)
    {
        var file = SharedSamples.Path(relative);
        var json = Cli.Ok("rules", "import", file, "--report", "json").Json();
        Assert.Equal(format, json.Str("format"));
        Assert.True(json.GetProperty("rules").GetInt32() > 0, "the file's rules were read");
        var upperBound = File.ReadAllBytes(file).Length;  // no file has more lines than bytes
        foreach (var rule in json.Items("chains").SelectMany(c => c.Items("rules")))
        {
            Assert.InRange(rule.GetProperty("line").GetInt32(), 1, upperBound);
        }
        foreach (var note in json.Items("notUnderstood"))
        {
            Assert.True(note.GetProperty("line").GetInt32() >= 1, $"{note.Str("construct")} has a line");
            Assert.Contains(note.Str("effect"), Effects);
            Assert.NotEmpty(note.Str("construct"));
        }
        // The same file named in its format reads the same.
        Assert.Equal(json.ToString(), Cli.Ok("rules", "import", file, "--format", format, "--report", "json").Json().ToString());
    }

    [SampleFact]
    public void Real_asa_configuration_is_refused_as_bad_input()
    {
        var file = SharedSamples.Path("cisco-asa-bonus/ciscoconfparse_sample_01.asa");
        Cli.AssertBadInput(Cli.Run("rules", "import", file), $"{file}:", "ASA");
    }

    [SampleFact]
    public void Real_iptables_save_lints_and_explains_without_error()
    {
        var file = SharedSamples.Path("linux-iptables/diekmann_medium-sized-company.iptables-save");
        var lint = Cli.Ok("rules", "lint", file, "--report", "json").Json();
        Assert.Equal(lint.GetProperty("errors").GetInt32() + lint.GetProperty("warnings").GetInt32(), lint.Items("findings").Count());
        var explained = Cli.Ok("rules", "explain", file, "--flow", "tcp 10.0.0.5:50123 -> 10.1.0.20:445", "--report", "json").Json();
        Assert.Contains(explained.Str("decision"), new[] { "permit", "deny", "uncertain" });
        Assert.NotEmpty(explained.Items("paths"));
    }
}
