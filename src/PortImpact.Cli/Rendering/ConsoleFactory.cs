using Spectre.Console;

namespace PortImpact.Cli.Rendering;

/// <summary>Spectre.Console writing to any TextWriter, so tests read exactly what a terminal would show.</summary>
public static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!interactive) console.Profile.Width = 200;
        return console;
    }
}
