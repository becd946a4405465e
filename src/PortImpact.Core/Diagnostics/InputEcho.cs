using System.Globalization;
using System.Text;

namespace PortImpact.Core.Diagnostics;

/// <summary>
/// Input quoted back in a message: one line, no control characters, at most <see cref="InputLimits.MaxEcho"/>
/// characters. A name read from a file may hold a newline (the error would span lines and look like two) or an
/// ESC (an escape sequence reaching the terminal); both are shown as <c>\n</c>, <c>\x1B</c> instead.
/// </summary>
public static class InputEcho
{
    /// <summary>The text in single quotes, escaped and shortened.</summary>
    public static string Quote(string text) => $"'{Escape(text)}'";

    /// <summary>The text escaped and shortened, without quotes.</summary>
    public static string Escape(string text, int max = InputLimits.MaxEcho)
    {
        var shortened = text.Length > max;
        var builder = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in shortened ? text.AsSpan(0, max) : text.AsSpan())
        {
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (IsUnsafe(c)) builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        if (shortened) builder.Append('…');
        return builder.ToString();
    }

    /// <summary>
    /// A whole message made safe for a terminal, without shortening: the last guard in the CLI, for text that
    /// reached a message without <see cref="Quote"/>.
    /// </summary>
    public static string Sanitize(string message) => message.Any(IsUnsafe) || message.Contains('\n') || message.Contains('\r')
        ? Escape(message, int.MaxValue)
        : message;

    // C0 and C1 controls, DEL, and the Unicode line and paragraph separators and bidi overrides that reorder a line.
    private static bool IsUnsafe(char c) =>
        c < 0x20 && c != '\t' || c is >= '\x7F' and <= '\x9F' || c is '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
