using PortImpact.Cli.Rendering;

namespace PortImpact.Cli.Tests.Rendering;

public sealed class PluralFormatterTests
{
    [Fact]
    public void One_takes_the_singular_and_every_other_count_the_plural()
    {
        var en = new Text("en");
        Assert.Equal("Blast radius: 1 machine in 1 host group, within 1 hop.", en.Format("SpreadRadius", 1, 1, 1));
        Assert.Equal("Blast radius: 0 machines in 2 host groups, within 3 hops.", en.Format("SpreadRadius", 0, 2, 3));
        Assert.Equal("1 entry", en.Format("ListCount", 1));
        Assert.Equal("12 entries", en.Format("ListCount", 12));
    }

    [Fact]
    public void Japanese_counts_with_its_counter_word_and_other_formats_are_untouched()
    {
        Assert.Equal("1 件", new Text("ja").Format("ListCount", 1));
        Assert.Equal("1,234 x", string.Format(new PluralFormatter(System.Globalization.CultureInfo.InvariantCulture), "{0:N0} x", 1234));
        Assert.Equal("2 hops", string.Format(new PluralFormatter(System.Globalization.CultureInfo.InvariantCulture), "{0:plural:hop|hops}", 2L));
    }

    [Fact]
    public void Every_plural_item_in_the_resources_names_exactly_two_forms()
    {
        var lines = File.ReadAllLines(Repository.Path("tools", "resx", "strings.tsv")).Skip(1);
        foreach (var line in lines)
        {
            foreach (System.Text.RegularExpressions.Match item in System.Text.RegularExpressions.Regex.Matches(line, @"\{\d+:plural:([^}]*)\}"))
            {
                Assert.True(item.Groups[1].Value.Split('|').Length == 2, line);
            }
        }
    }
}
