using System.Text.RegularExpressions;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>PowerShell's <c>-like</c> wildcards (<c>*</c>, <c>?</c>, <c>[abc]</c>), case-insensitive, as Remove-NetFirewallRule matches names with them.</summary>
internal static class PowerShellWildcard
{
    public static Regex Parse(string pattern)
    {
        var text = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    text.Append(".*");
                    break;
                case '?':
                    text.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) goto default;
                    text.Append('[').Append(Regex.Escape(pattern[(i + 1)..close]).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '`' when i + 1 < pattern.Length:
                    text.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    text.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
