using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary><c>port</c> and <c>threat</c> lookups.</summary>
public class KnowledgeCommandTests
{
    [Fact]
    public void Port_445_text_explains_class_names_functions_and_threats()
    {
        var text = Cli.Ok("port", "445", "--lang", "en").Out;
        foreach (var expected in new[] { "well-known", "microsoft-ds", "file-sharing", "wannacry" }) Assert.Contains(expected, text);
    }

    [Fact]
    public void Port_445_text_mentions_ms17_010()
    {
        Assert.Contains("MS17-010", Cli.Ok("port", "445", "--lang", "en").Out);
    }

    [Fact]
    public void Port_445_json_explains_class_names_functions_threats_and_bulletins()
    {
        var report = Assert.Single(Cli.Ok("port", "445", "--format", "json").Json().EnumerateArray());
        Assert.Equal(445, report.GetProperty("port").GetInt32());
        Assert.Equal("well-known", report.Str("ianaClass"));
        Assert.Contains(report.Items("ianaServices"), s => s.Str("name") == "microsoft-ds");
        Assert.Contains(report.Items("capabilities"), c => c.Str("capability") == "file-sharing");
        Assert.Contains(report.Items("threats"), t => t.Str("threat") == "wannacry");
        Assert.Contains(report.Items("bulletins"), b => b.Str("bulletin") == "MS17-010");
    }

    [Fact]
    public void Port_udp_137_is_netbios_name_service_on_udp_only()
    {
        var report = Assert.Single(Cli.Ok("port", "udp/137", "--format", "json").Json().EnumerateArray());
        Assert.Equal(137, report.GetProperty("port").GetInt32());
        Assert.Equal(["udp"], report.Strings("transports"));
        Assert.Contains(report.Items("ianaServices"), s => s.Str("name") == "netbios-ns");
        Assert.Contains("netbios-ns", Cli.Ok("port", "udp/137", "--lang", "en").Out);
    }

    [Fact]
    public void Port_by_service_name_microsoft_ds_is_445()
    {
        var report = Assert.Single(Cli.Ok("port", "microsoft-ds", "--format", "json").Json().EnumerateArray());
        Assert.Equal(445, report.GetProperty("port").GetInt32());
        Assert.Contains("445", Cli.Ok("port", "microsoft-ds", "--lang", "en").Out);
    }

    [Fact]
    public void Port_out_of_range_is_bad_input()
    {
        Cli.AssertBadInput(Cli.Run("port", "70000"), "70000");
        Cli.AssertBadInput(Cli.Run("port", "70000", "--format", "json"), "70000");
    }

    [Fact]
    public void Threat_by_id_bulletin_and_cve()
    {
        var blaster = Cli.Ok("threat", "blaster", "--lang", "en").Out;
        Assert.Contains("Blaster", blaster);
        Assert.Contains("MS03-026", blaster);
        Assert.Contains("Blaster", Cli.Ok("threat", "MS03-026", "--lang", "en").Out);

        static string[] Ids(CliResult r) => r.Json().EnumerateArray().Select(t => t.Str("threat")).ToArray();
        Assert.Contains("blaster", Ids(Cli.Ok("threat", "MS03-026", "--format", "json")));
        Assert.Contains("wannacry", Ids(Cli.Ok("threat", "CVE-2017-0144", "--format", "json")));
        Assert.Contains("WannaCry", Cli.Ok("threat", "CVE-2017-0144", "--lang", "en").Out);
    }

    [Fact]
    public void Threat_json_lists_blasters_three_steps_in_order()
    {
        var blaster = Assert.Single(Cli.Ok("threat", "blaster", "--format", "json").Json().EnumerateArray());
        Assert.Equal("blaster", blaster.Str("threat"));
        var steps = blaster.Items("steps").ToList();
        Assert.Equal([1, 2, 3], steps.Select(s => s.GetProperty("order").GetInt32()));
        Assert.Equal([("135", ""), ("4444", ""), ("", "69")], steps.Select(s => (s.Str("tcp"), s.Str("udp"))));
        Assert.Equal(["attacker", "attacker", "victim"], steps.Select(s => s.Str("from")));
    }

    [Fact]
    public void Unknown_threat_is_bad_input()
    {
        Cli.AssertBadInput(Cli.Run("threat", "nosuch"), "nosuch");
    }
}
