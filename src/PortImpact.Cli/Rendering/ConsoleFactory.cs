using Spectre.Console;

namespace PortImpact.Cli.Rendering;

/// <summary>Spectre.Console writing to any TextWriter, so tests read exactly what a terminal would show.</summary>
public static class ConsoleFactory
{
    /// <summary>
    /// Spectre draws; PortImpact lays out (<see cref="Layout.ReportWriter"/>). Its own width is set past any line a
    /// report writes, so it never wraps or folds a line again.
    /// </summary>
    private const int NeverWrap = 1_000_000;

    public static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = NeverWrap;
        return console;
    }
}
