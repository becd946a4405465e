using System.Text;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// Element ids for catalog entries (threat-blaster, mitigation-patch_3aMS03-026): letters, digits and '-' are
/// kept, anything else (the '_' too) is written as '_' and its hex code, so two different entries never share an anchor.
/// </summary>
public static class HtmlId
{
    public static string For(string kind, string id)
    {
        var written = new StringBuilder(kind).Append('-');
        foreach (var c in id)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-') written.Append(c);
            else written.Append('_').Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return written.ToString();
    }
}
