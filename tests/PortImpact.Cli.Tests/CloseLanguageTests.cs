using System.Text.Json;

namespace PortImpact.Cli.Tests;

/// <summary>The <c>--close</c>, <c>--at</c> and <c>--direction</c> language, compared through the JSON "change".</summary>
public class CloseLanguageTests
{
    private static JsonElement Analyze(params string[] args) =>
        Cli.Ok(["analyze", "--format", "json", .. args]).Json();

    private static string Change(params string[] args) => Analyze(args).GetProperty("change").GetRawText();

    [Fact]
    public void Bare_ports_mean_tcp_and_udp()
    {
        var bare = Analyze("--at", "perimeter", "--close", "135,137-139,445");
        var spelled = Analyze("--at", "perimeter", "--close", "tcp/135,udp/135,tcp/137-139,udp/137-139,tcp/445,udp/445");
        Assert.Equal(bare.GetProperty("change").GetRawText(), spelled.GetProperty("change").GetRawText());
        Assert.Equal(bare.GetProperty("summary").GetRawText(), spelled.GetProperty("summary").GetRawText());
        var change = bare.GetProperty("change");
        Assert.Equal("135,137-139,445", change.Str("tcp"));
        Assert.Equal("135,137-139,445", change.Str("udp"));
    }

    [Fact]
    public void The_default_close_list_is_the_seeds_list()
    {
        Assert.Equal(Change("--at", "perimeter", "--close", "135,137-139,445"), Change("--at", "perimeter"));
    }

    [Fact]
    public void Service_name_microsoft_ds_is_port_445()
    {
        var change = Change("--at", "perimeter", "--close", "microsoft-ds");
        Assert.Equal(Change("--at", "perimeter", "--close", "445"), change);
    }

    [Fact]
    public void Service_name_smb_is_tcp_445()
    {
        var change = Analyze("--at", "perimeter", "--close", "smb").GetProperty("change");
        Assert.Equal("445", change.Str("tcp"));
        Assert.Equal(Change("--at", "perimeter", "--close", "tcp/445"), change.GetRawText());
    }

    [Fact]
    public void Service_name_netbios_closes_the_netbios_ports()
    {
        var change = Analyze("--at", "perimeter", "--close", "netbios").GetProperty("change");
        Assert.Contains("139", change.Str("tcp"));
        Assert.Contains("137", change.Str("udp"));
        Assert.DoesNotContain("445", change.Str("tcp") + change.Str("udp"));
    }

    [Fact]
    public void Comma_separated_placements_equal_repeated_at_options()
    {
        var joined = Cli.Ok("analyze", "--format", "json", "--at", "perimeter-fw,wan-router").Out;
        var repeated = Cli.Ok("analyze", "--format", "json", "--at", "perimeter-fw", "--at", "wan-router").Out;
        Assert.Equal(joined, repeated);
        Assert.Equal(["perimeter-fw", "wan-router"], JsonDocument.Parse(joined).RootElement.GetProperty("change").Strings("points"));
    }

    [Fact]
    public void Direction_in_on_hosts_is_reported_and_is_the_host_firewall_default()
    {
        var inbound = Analyze("--at", "hosts", "--direction", "in");
        var byDefault = Analyze("--at", "hosts");
        Assert.Equal("in", inbound.GetProperty("change").Str("direction"));
        Assert.Equal(byDefault.GetProperty("summary").GetRawText(), inbound.GetProperty("summary").GetRawText());
        Assert.Equal(byDefault.GetProperty("dependencies").GetRawText(), inbound.GetProperty("dependencies").GetRawText());
        Assert.Equal(byDefault.GetProperty("threats").GetRawText(), inbound.GetProperty("threats").GetRawText());
        Assert.True(inbound.GetProperty("summary").GetProperty("threatPathsStopped").GetInt32() > 0);

        // Closing only outbound on the hosts cannot stop an attacker that is not one of them.
        var outbound = Analyze("--at", "hosts", "--direction", "out");
        Assert.Equal("out", outbound.GetProperty("change").Str("direction"));
        Assert.True(outbound.GetProperty("summary").GetProperty("threatPathsStopped").GetInt32()
            < inbound.GetProperty("summary").GetProperty("threatPathsStopped").GetInt32());
    }
}
