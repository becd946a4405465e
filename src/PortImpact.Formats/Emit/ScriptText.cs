using System.Text;

namespace PortImpact.Formats.Emit;

/// <summary>
/// Lines of an emitted file with the target's comment marker. Always <c>\n</c>, never the platform's line
/// end, so the same change gives the same bytes on every machine.
/// </summary>
internal sealed class ScriptText(string commentMarker)
{
    private readonly StringBuilder _text = new();

    public ScriptText Line(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public ScriptText Comment(string comment) => Line(comment.Length == 0 ? commentMarker : $"{commentMarker} {comment}");

    public override string ToString() => _text.ToString();

    /// <summary>
    /// A rule label fit for a quoted comment or name in any target: printable ASCII without quotes, backslashes or
    /// percent signs (which each target escapes or expands differently), and short enough for nftables' 128-byte comments.
    /// </summary>
    public static string Safe(string label)
    {
        var builder = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\'' and not '\\' and not '`' and not '%' ? c : '_');
        }
        var text = builder.ToString().Trim();
        return text.Length <= 100 ? text : text[..100];
    }
}
