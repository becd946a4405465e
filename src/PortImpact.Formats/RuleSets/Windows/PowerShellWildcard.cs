using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// A PowerShell wildcard pattern, as Remove-NetFirewallRule matches names with it (<c>-like</c>): <c>*</c> any run
/// of characters, <c>?</c> one character, <c>[abc]</c> and <c>[a-c]</c> one of a set, <c>`</c> taking the next
/// character as itself; case-insensitive, character by character as <see cref="StringComparison.OrdinalIgnoreCase"/>
/// compares. A pattern without wildcards selects one name: <see cref="Exact"/> says which, so it is looked up rather
/// than matched against every rule.
/// </summary>
internal sealed class PowerShellWildcard
{
    private enum Kind { Literal, One, Many, Set }

    private readonly record struct Part(Kind Kind, char Char, (char From, char To)[]? Ranges = null);

    private readonly Part[] _parts;

    private PowerShellWildcard(Part[] parts, string? exact)
    {
        _parts = parts;
        Exact = exact;
    }

    /// <summary>The one name the pattern matches (in any case), or null when it holds a wildcard.</summary>
    public string? Exact { get; }

    /// <summary>A pattern that is the text itself, wildcard characters and all (netsh's <c>name=</c>).</summary>
    public static PowerShellWildcard Literal(string text) => new([.. text.Select(c => new Part(Kind.Literal, c))], text);

    /// <summary>The pattern as PowerShell reads it; a set that is empty or whose range runs backwards is bad input, as PowerShell refuses it.</summary>
    public static PowerShellWildcard Parse(string pattern, SourceLocation location)
    {
        var parts = new List<Part>(pattern.Length);
        var wild = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    wild = true;
                    // "**" matches what "*" matches; one part keeps matching linear in the pattern.
                    if (parts.Count == 0 || parts[^1].Kind != Kind.Many) parts.Add(new Part(Kind.Many, c));
                    break;
                case '?':
                    wild = true;
                    parts.Add(new Part(Kind.One, c));
                    break;
                case '[' when pattern.IndexOf(']', i + 1) is var close and > 0:
                    wild = true;
                    parts.Add(new Part(Kind.Set, c, Ranges(pattern, i + 1, close, location)));
                    i = close;
                    break;
                case '`' when i + 1 < pattern.Length:
                    parts.Add(new Part(Kind.Literal, pattern[++i]));
                    break;
                default:
                    parts.Add(new Part(Kind.Literal, c));
                    break;
            }
        }
        return new PowerShellWildcard([.. parts], wild ? null : new string([.. parts.Select(p => p.Char)]));
    }

    public bool IsMatch(string text)
    {
        // Left to right, going back only to the last '*': a later '*' can take over whatever an earlier one would.
        int t = 0, p = 0, star = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < _parts.Length && _parts[p].Kind == Kind.Many)
            {
                star = p++;
                starText = t;
            }
            else if (p < _parts.Length && Matches(_parts[p], text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }
        while (p < _parts.Length && _parts[p].Kind == Kind.Many) p++;
        return p == _parts.Length;
    }

    private static bool Matches(Part part, char c) => part.Kind switch
    {
        Kind.One => true,
        Kind.Literal => char.ToUpperInvariant(part.Char) == char.ToUpperInvariant(c),
        _ => part.Ranges!.Any(r => In(r, c) || In(r, char.ToUpperInvariant(c)) || In(r, char.ToLowerInvariant(c))),
    };

    private static bool In((char From, char To) range, char c) => c >= range.From && c <= range.To;

    /// <summary>The characters and ranges (<c>a-z</c>) between <c>[</c> and <c>]</c>; a <c>-</c> first or last is itself.</summary>
    private static (char From, char To)[] Ranges(string pattern, int start, int end, SourceLocation location)
    {
        var at = ScriptLine.Shift(location, start - 1);
        if (start == end) throw new InputException(at, Messages.Format("PsWildcardEmptyClass", InputEcho.Escape(pattern)));
        var ranges = new List<(char, char)>();
        for (var i = start; i < end; i++)
        {
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                if (pattern[i + 2] < pattern[i])
                {
                    throw new InputException(at, Messages.Format("PsWildcardRangeBackwards", InputEcho.Escape(pattern), InputEcho.Escape(pattern[i..(i + 3)])));
                }
                ranges.Add((pattern[i], pattern[i + 2]));
                i += 2;
            }
            else
            {
                ranges.Add((pattern[i], pattern[i]));
            }
        }
        return [.. ranges];
    }
}
