using PortImpact.Core.Diagnostics;
using PortImpact.Core.Ports;

namespace PortImpact.Knowledge.Tests;

/// <summary>The TSV the IANA script writes, read back with located errors.</summary>
public sealed class IanaTableTests
{
    [Fact]
    public void Rows_are_read_and_comments_skipped()
    {
        var table = KnowledgeCatalog.ReadIanaTable("iana.tsv", new StringReader(
            "# derived from service-names-port-numbers.csv sha256=abc on 2026-01-01\n" +
            "epmap\ttcp\t135\t135\tDCE endpoint resolution\n" +
            "x11\ttcp\t6000\t6063\tX Window System\n"));

        Assert.Equal(2, table.Length);
        Assert.Equal(new PortRange(6000, 6063), table[1].Ports);
        Assert.Equal(Transport.Tcp, table[0].Transport);
    }

    [Theory]
    [InlineData("epmap\tsctp\t135\t135\tx", 7)]
    [InlineData("epmap\ttcp\t70000\t70000\tx", 11)]
    [InlineData("epmap\ttcp\t135\t13\tx", 15)]
    public void A_bad_field_is_reported_at_its_column(string row, int column)
    {
        var error = Assert.Throws<InputException>(() =>
            KnowledgeCatalog.ReadIanaTable("iana.tsv", new StringReader("# header\n" + row + "\n")));

        Assert.Equal(new SourceLocation("iana.tsv", 2, column), error.Location);
    }

    [Fact]
    public void The_built_in_table_lists_epmap_and_microsoft_ds_on_both_transports()
    {
        var services = KnowledgeCatalog.BuiltIn.IanaServices;

        Assert.Equal(2, services.Count(s => s.Name == "epmap" && s.Ports == PortRange.Single(135)));
        Assert.Equal(2, services.Count(s => s.Name == "microsoft-ds" && s.Ports == PortRange.Single(445)));
    }
}
