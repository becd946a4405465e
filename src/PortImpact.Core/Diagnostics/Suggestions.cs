namespace PortImpact.Core.Diagnostics;

/// <summary>
/// "Did you mean …?": the known name closest to a mistyped one, by edit distance with adjacent letters swapped counting
/// as one edit (<c>analyse</c> → <c>analyze</c>, <c>wan-routr</c> → <c>wan-router</c>, <c>balster</c> → <c>blaster</c>).
/// A name is only suggested when it is near enough to be the same word mistyped: at most a third of its letters
/// differ, and no other known name is as near.
/// </summary>
public static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        if (string.IsNullOrEmpty(typed)) return null;
        var allowed = Math.Max(1, Math.Min(3, typed.Length / 3));
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var name in known.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Math.Abs(name.Length - typed.Length) > allowed) continue;
            var distance = Distance(typed.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance > allowed || distance > bestDistance) continue;
            tie = distance == bestDistance;
            if (distance < bestDistance) (best, bestDistance) = (name, distance);
        }
        // The typed word itself (in another case) is no suggestion, and two equally near names are a guess.
        return best is null || tie || bestDistance == 0 && string.Equals(best, typed, StringComparison.Ordinal) ? null : best;
    }

    /// <summary>
    /// <c> (did you mean 'X'?)</c> in the reader's language (<see cref="Messages"/>), or nothing when no known name is
    /// near: a part that a message places where its sentence allows, as its own key says.
    /// </summary>
    public static string Hint(string typed, IEnumerable<string> known) =>
        Closest(typed, known) is { } near ? Messages.Format("HintDidYouMean", InputEcho.Escape(near)) : "";

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent letters.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
