using System.Globalization;

namespace PortImpact.Cli.Rendering.Layout;

/// <summary>
/// How wide a terminal report is laid out, in this order: <c>--width N</c> (0: never wrap); the <c>COLUMNS</c>
/// environment variable when it holds a width; the terminal's width when the report goes to one; otherwise no width
/// at all, because a report piped to a program or saved to a file should not wrap where no screen ends.
/// </summary>
public static class OutputWidth
{
    public const int Least = 20;
    public const int Most = 10_000;

    /// <summary>The width to lay out at, or null for lines as long as their content.</summary>
    public static int? Resolve(int? option, string? columns, Func<int?>? terminal)
    {
        if (option is { } asked) return asked == 0 ? null : asked;
        if (int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnvironment) && fromEnvironment >= Least)
        {
            return Math.Min(fromEnvironment, Most);
        }
        return terminal?.Invoke();
    }

    /// <summary>The real terminal's width, or null when there is none to ask (output redirected, no console).</summary>
    public static int? Terminal()
    {
        try
        {
            var width = Console.WindowWidth;
            return width >= Least ? width : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
