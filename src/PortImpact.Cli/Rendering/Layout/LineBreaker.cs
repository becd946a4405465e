using System.Text;
using Spectre.Console;

namespace PortImpact.Cli.Rendering.Layout;

/// <summary>
/// Where report text may wrap. Admins copy port lists, addresses and names from a report into ACLs, so a line never
/// breaks inside such a token: only at spaces, after a comma or semicolon (<c>135,</c> / <c>137-139,</c>), and around
/// East Asian wide characters, which Japanese text runs together without spaces (never before a closing mark such as
/// 、 or 。, which must not begin a line). A token wider than the line stays whole and overflows it.
/// </summary>
public static class LineBreaker
{
    /// <summary>A piece that never breaks, with the spaces written before it.</summary>
    private readonly record struct Piece(string Gap, string Text, int Width);

    /// <summary>
    /// The text as lines of at most <paramref name="width"/> cells; no limit when it is null. A label (a column
    /// heading) breaks only at spaces: a Japanese word such as クライアント is not cut between its characters.
    /// </summary>
    /// <param name="hanging">Cells the lines after a paragraph's first are indented by (a note under its number).</param>
    public static IReadOnlyList<string> Wrap(string text, int? width, bool label = false, int hanging = 0)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            if (width is not { } limit || Width(paragraph) <= limit)
            {
                lines.Add(paragraph);
                continue;
            }
            // A paragraph that starts indented keeps its indent on every line it wraps to.
            var indent = paragraph.Length - paragraph.TrimStart(' ').Length;
            var prefix = paragraph[..indent];
            var first = true;
            foreach (var line in Fill(Pieces(paragraph[indent..], label), Math.Max(1, limit - indent), Math.Max(1, limit - indent - hanging)))
            {
                lines.Add(first ? prefix + line : prefix + new string(' ', hanging) + line);
                first = false;
            }
        }
        return lines;
    }

    /// <summary>The widest line of the text, in terminal cells (a Japanese character takes two).</summary>
    public static int Width(string text)
    {
        var widest = 0;
        foreach (var line in text.Split('\n')) widest = Math.Max(widest, line.GetCellWidth());
        return widest;
    }

    /// <summary>The widest piece that may not be broken: the least width that wraps the text without splitting a token.</summary>
    public static int LongestToken(string text, bool label = false)
    {
        var longest = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            foreach (var piece in Pieces(paragraph, label)) longest = Math.Max(longest, piece.Width);
        }
        return longest;
    }

    private static List<string> Fill(IEnumerable<Piece> pieces, int firstWidth, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var used = 0;
        foreach (var piece in pieces)
        {
            var gap = line.Length == 0 ? 0 : piece.Gap.Length;
            if (line.Length > 0 && used + gap + piece.Width > (lines.Count == 0 ? firstWidth : width))
            {
                lines.Add(line.ToString());
                line.Clear();
                used = 0;
                gap = 0;
            }
            if (gap > 0) line.Append(piece.Gap);
            line.Append(piece.Text);
            used += gap + piece.Width;
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }

    private static IEnumerable<Piece> Pieces(string line, bool label)
    {
        var start = 0;
        var gap = "";
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                if (i > start)
                {
                    yield return Make(gap, line[start..i]);
                    gap = "";
                }
                var spaces = i;
                while (i < line.Length && line[i] == ' ') i++;
                gap += line[spaces..i];
                start = i;
                continue;
            }
            if (!label && i + 1 < line.Length && line[i + 1] != ' ' && MayBreakBetween(line[i], line[i + 1]))
            {
                yield return Make(gap, line[start..(i + 1)]);
                gap = "";
                start = i + 1;
            }
            i++;
        }
        if (start < line.Length) yield return Make(gap, line[start..]);
    }

    private static Piece Make(string gap, string text) => new(gap, text, text.GetCellWidth());

    private static bool MayBreakBetween(char before, char after)
    {
        if (char.IsHighSurrogate(before) || IsClosing(after) || IsOpening(before)) return false;
        if (before is ',' or ';') return true;
        return IsWide(before) || IsWide(after);
    }

    private static bool IsWide(char c) => c.GetCellWidth() == 2;

    /// <summary>Marks that end a phrase: a line may not start with one (kinsoku), nor with the comma after a token.</summary>
    private static bool IsClosing(char c) => c is ',' or ';' or '.' or ':' or ')' or ']' or '」' or '』' or '）' or '】' or '、' or '。' or '，' or '．' or '・' or 'ー' or '：';

    private static bool IsOpening(char c) => c is '(' or '[' or '「' or '『' or '（' or '【';
}
