namespace PortImpact.Cli.Rendering.Layout;

/// <summary>
/// What a column needs, in three steps: <see cref="Least"/>, its widest unbreakable token (a port list or a name is
/// never split); <see cref="Whole"/>, its widest run without a space (a Japanese word or heading kept whole); and
/// <see cref="Natural"/>, its widest line unwrapped.
/// </summary>
public readonly record struct ColumnNeed(int Least, int Whole, int Natural)
{
    public ColumnNeed(int least, int natural) : this(least, least, natural)
    {
    }
}

/// <summary>
/// Column widths for a table that must fit a line. Every column gets at least its least width; room is then shared
/// first up to what keeps words whole, then up to the natural widths, each time fairly: a column that needs little
/// gets all it needs and the rest share evenly (max-min fairness), so short columns such as states never wrap while
/// the widest take the wrapping. When even the least widths do not fit, the table is that wide and wider than the line.
/// </summary>
public static class ColumnFit
{
    public static int[] Widths(IReadOnlyList<ColumnNeed> columns, int? room)
    {
        var natural = columns.Select(c => c.Natural).ToArray();
        if (room is not { } available || natural.Sum() <= available) return natural;
        var whole = columns.Select(c => Math.Max(c.Whole, c.Least)).ToArray();
        if (whole.Sum() <= available) return Share(whole, natural, available - whole.Sum());
        var least = columns.Select(c => c.Least).ToArray();
        return Share(least, whole, Math.Max(0, available - least.Sum()));
    }

    /// <summary>Widens each column from <paramref name="from"/> toward <paramref name="to"/>, sharing <paramref name="spare"/> fairly.</summary>
    private static int[] Share(int[] from, int[] to, int spare)
    {
        var widths = (int[])from.Clone();
        var wanting = Enumerable.Range(0, widths.Length)
            .Where(i => to[i] > from[i])
            .OrderBy(i => to[i] - from[i])
            .ThenBy(i => i)
            .ToList();
        for (var k = 0; k < wanting.Count; k++)
        {
            var i = wanting[k];
            var give = Math.Min(to[i] - from[i], spare / (wanting.Count - k));
            widths[i] += give;
            spare -= give;
        }
        // What an even split left over goes to the widest wanting columns, one cell each.
        for (var k = wanting.Count - 1; k >= 0 && spare > 0; k--)
        {
            var i = wanting[k];
            if (widths[i] < to[i])
            {
                widths[i]++;
                spare--;
            }
        }
        return widths;
    }
}
