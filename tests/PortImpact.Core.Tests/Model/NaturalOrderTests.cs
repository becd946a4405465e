using PortImpact.Core.Model;

namespace PortImpact.Core.Tests.Model;

public sealed class NaturalOrderTests
{
    [Fact]
    public void Numbered_names_sort_by_their_numbers()
    {
        string[] names = ["dc10", "dc2", "branch-pcs", "dc1", "site100-fw", "site9-fw", "site10-fw"];
        Assert.Equal(["branch-pcs", "dc1", "dc2", "dc10", "site9-fw", "site10-fw", "site100-fw"], names.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void The_order_is_total_for_leading_zeros_and_numbers_longer_than_any_integer()
    {
        Assert.True(NaturalOrder.Instance.Compare("dc02", "dc2") != 0);
        Assert.Equal(-NaturalOrder.Instance.Compare("dc02", "dc2"), NaturalOrder.Instance.Compare("dc2", "dc02"));
        Assert.True(NaturalOrder.Instance.Compare("h99999999999999999999999", "h100000000000000000000000") < 0);
        Assert.Equal(0, NaturalOrder.Instance.Compare("a1b", "a1b"));
        Assert.True(NaturalOrder.Instance.Compare("a", "a1") < 0);
    }

    [Fact]
    public void It_agrees_with_itself_on_every_pair_it_is_given()
    {
        var random = new Random(11);
        var names = Enumerable.Range(0, 300).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => "ab01239-"[random.Next(8)])])).ToList();
        foreach (var a in names)
        {
            foreach (var b in names.Take(60))
            {
                Assert.Equal(Math.Sign(NaturalOrder.Instance.Compare(a, b)), -Math.Sign(NaturalOrder.Instance.Compare(b, a)));
                if (NaturalOrder.Instance.Compare(a, b) == 0) Assert.Equal(a, b);
            }
        }
    }
}
