using System.Globalization;
using System.Net;
using PortImpact.Core.Ports;
using PortImpact.Evidence.Logs;

namespace PortImpact.Evidence.Tests.Logs;

/// <summary>
/// The reader on the real logs in ../shared/samples/windows-firewall-log. Expected counts were taken from the files
/// with <c>tr -d '\000\r' | awk '!/^#/ &amp;&amp; NF&gt;0 {print $3, $4}' | sort | uniq -c</c> (action and protocol of
/// every record), and the malformed addresses with an awk test of four dotted parts each at most 255.
/// </summary>
public sealed class WindowsFirewallLogReaderTests
{
    private static WindowsFirewallLog Sample(string name)
    {
        using var reader = new StreamReader(SharedSamples.Path($"windows-firewall-log/{name}"));
        return WindowsFirewallLogReader.Read(reader);
    }

    [Fact]
    public void A_log_with_pid_nul_padding_and_crlf_reads_every_record()
    {
        var log = Sample("balaji6894_pfirewall_with_pid_and_NUL_padding.log");
        Assert.Equal(127, log.Records.Count);
        Assert.Equal(52, log.Records.Count(r => r.Transport == Transport.Tcp));
        Assert.Equal(0, log.BadLines);
        var first = log.Records[0];
        Assert.Equal(new DateTime(2024, 7, 29, 13, 23, 35), first.Seen);
        Assert.Equal((IPAddress.Parse("192.168.9.219"), IPAddress.Parse("192.168.0.1"), 53, Transport.Udp, LoggedAction.Allowed),
            (first.Client, first.Server, first.ServerPort, first.Transport, first.Action));
        Assert.False(first.InitiatorInferred);
    }

    [Fact]
    public void Ipv6_icmp_and_igmp_lines_are_read_and_only_tcp_and_udp_kept()
    {
        var log = Sample("betahydri_pfirewall_first_lines.log");
        Assert.Equal(1883 + 853 + 239, log.Records.Count);
        Assert.Equal(12 + 8, log.Skipped);
        Assert.Equal(0, log.BadLines);
        Assert.Contains(log.Records, r => r.Client.Equals(IPAddress.Parse("fe80::f58b:f19a:db72:872b")) && r.ServerPort == 5353);
        Assert.All(log.Records.Where(r => r.Action == LoggedAction.Dropped), r => Assert.True(r.InitiatorInferred));
    }

    [Fact]
    public void An_xp_era_log_reads_open_as_allowed_skips_close_and_counts_the_events_lost()
    {
        var log = Sample("plaso_test_data_firewall.log");
        Assert.Equal(4 + 4 + 2, log.Records.Count);
        Assert.Equal(3 + 1, log.Skipped);
        Assert.Equal(59, log.EventsLost);
        var smb = Assert.Single(log.Records, r => r.ServerPort == 445);
        Assert.Equal((LoggedAction.Allowed, 15), (smb.Action, smb.Line));
    }

    [Fact]
    public void Malformed_addresses_are_counted_with_their_line_and_column_never_guessed()
    {
        var log = Sample("rafaelnett_Lab_03_pfirewall.log");
        Assert.Equal(267 - 17, log.Records.Count);
        Assert.Equal(17, log.BadLines);
        var first = log.FirstBadLines[0];
        Assert.Equal((148, 43), (first.Line, first.Column));   // where the destination address starts
        Assert.Contains("192.168.1.10055", first.Reason);
        Assert.DoesNotContain(log.Records, r => r.Line == 148);
    }

    [Fact]
    public void Columns_follow_the_fields_header_even_when_it_changes_mid_file()
    {
        var text = string.Join('\n',
            "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path",
            "2024-01-02 03:04:05 ALLOW TCP 10.0.0.5 10.1.0.20 50123 445 0 - - - - - - - SEND",
            "#Fields: protocol action date time dst-ip src-ip dst-port src-port path pid",
            "UDP DROP 2024-01-02 03:04:06 10.1.0.20 10.0.0.6 137 137 RECEIVE 4",
            "2024-01-02 03:04:07 BOGUS TCP",
            "TCP FROB 2024-01-02 03:04:07 10.1.0.20 10.0.0.6 135 50000 RECEIVE 4");
        var log = WindowsFirewallLogReader.Read(new StringReader(text));
        Assert.Equal(2, log.Records.Count);
        var second = log.Records[1];
        Assert.Equal((IPAddress.Parse("10.0.0.6"), IPAddress.Parse("10.1.0.20"), 137, Transport.Udp, LoggedAction.Dropped),
            (second.Client, second.Server, second.ServerPort, second.Transport, second.Action));
        Assert.Equal(2, log.BadLines);
        Assert.Equal([5, 6], log.FirstBadLines.Select(b => b.Line));
        Assert.Contains("FROB", log.FirstBadLines[1].Reason);
    }

    [Fact]
    public void A_short_line_under_a_header_with_a_repeated_name_is_a_bad_line_not_a_crash()
    {
        var text = "#Fields: date date time action protocol src-ip dst-ip src-port dst-port\n2024-01-02 03:04:05 ALLOW TCP 10.0.0.5";
        var log = WindowsFirewallLogReader.Read(new StringReader(text));
        Assert.Empty(log.Records);
        Assert.Equal(2, Assert.Single(log.FirstBadLines).Line);
    }

    [Fact]
    public void A_record_before_any_header_is_a_bad_line_in_the_language_asked()
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja");
            var log = WindowsFirewallLogReader.Read(new StringReader("2024-01-02 03:04:05 ALLOW TCP 10.0.0.5 10.1.0.20 50123 445 0 - - - - - - - SEND"));
            Assert.Empty(log.Records);
            Assert.Contains("見出し", Assert.Single(log.FirstBadLines).Reason);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
