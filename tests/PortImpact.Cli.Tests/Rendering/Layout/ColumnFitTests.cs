using PortImpact.Cli.Rendering.Layout;

namespace PortImpact.Cli.Tests.Rendering.Layout;

public sealed class ColumnFitTests
{
    [Fact]
    public void Columns_that_fit_keep_their_natural_width()
    {
        Assert.Equal([5, 10, 20], ColumnFit.Widths([new(3, 5), new(4, 10), new(6, 20)], 40));
    }

    [Fact]
    public void Short_columns_get_all_they_need_and_the_widest_takes_the_wrapping()
    {
        var widths = ColumnFit.Widths([new(6, 6), new(4, 8), new(10, 100)], 40);
        Assert.Equal([6, 8, 26], widths);
        Assert.Equal(40, widths.Sum());
    }

    [Fact]
    public void No_column_is_narrower_than_its_widest_token_even_when_the_line_is_too_short()
    {
        Assert.Equal([8, 9], ColumnFit.Widths([new(8, 30), new(9, 30)], 10));
    }

    [Fact]
    public void No_room_given_means_natural_widths()
    {
        Assert.Equal([30, 300], ColumnFit.Widths([new(8, 30), new(9, 300)], null));
    }

    [Fact]
    public void Every_cell_of_room_is_used_when_columns_want_more()
    {
        for (var room = 20; room < 60; room++)
        {
            var widths = ColumnFit.Widths([new(5, 40), new(5, 41), new(5, 13)], room);
            Assert.Equal(room, widths.Sum());
            Assert.All(widths, w => Assert.True(w >= 5));
        }
    }
}
