using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The longest line the Windows text readers take (<see cref="InputLimits.MaxLineLength"/>): a line longer than
/// that is no line of an export or a script, and a reader that went on would echo it, split it and search it.
/// </summary>
internal static class LineLimit
{
    public static void Check(IReadOnlyList<string> lines, string file)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > InputLimits.MaxLineLength) throw TooLong(file, i + 1);
        }
    }

    /// <summary>Bad input at the first character past the limit of line <paramref name="line"/>.</summary>
    public static InputException TooLong(string file, int line) =>
        new(new SourceLocation(file, line, InputLimits.MaxLineLength + 1),
            Messages.Format("WinLineTooLong", InputLimits.MaxLineLength));
}
