using PortImpact.Engine.Results;
using Spectre.Console;

namespace PortImpact.Cli.Rendering;

/// <summary>The terminal report of <c>analyze</c>: what changes, what is stopped, what stays exposed.</summary>
public static class AnalysisTable
{
    public static void Render(IAnsiConsole console, AnalysisView view, Text text)
    {
        var result = view.Result;
        console.Write(new Rule(Markup.Escape(text.Format("AnalyzeTitle", result.ModelName))).LeftJustified());
        console.WriteLine(view.Change());
        console.WriteLine(text.Format("ChangedPoints", result.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", result.ClosedPoints)));
        if (!result.ClosedHosts.IsEmpty) console.WriteLine(text.Format("ChangedHosts", result.ClosedHosts.Length));
        foreach (var warning in result.Warnings) console.MarkupLine($"[yellow]{Markup.Escape(text.Format("Warning", warning))}[/]");
        console.WriteLine();

        console.WriteLine(text.Format("DependenciesHeader", view.ChangedDependencies.Count, result.Dependencies.Length));
        if (view.ChangedDependencies.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var key in new[] { "ColCapability", "ColClient", "ColServer", "ColBefore", "ColAfter", "ColWhy" }) table.AddColumn(text[key]);
            foreach (var impact in view.ChangedDependencies)
            {
                table.AddRow(
                    Markup.Escape(view.Capability(impact)),
                    Markup.Escape(impact.Dependency.Client),
                    Markup.Escape(view.Server(impact)),
                    Markup.Escape(text.State(impact.Before)),
                    Colour(impact.After, text),
                    Markup.Escape(view.Why(impact)));
            }
            console.Write(table);
        }
        console.WriteLine();

        Threats(console, view, text, "ThreatsStoppedHeader", view.Stopped, withCut: true);
        if (view.Opened.Count > 0) Threats(console, view, text, "ThreatsOpenedHeader", view.Opened, withCut: false);
        Threats(console, view, text, "StillExposedHeader", view.StillExposed, withCut: false);
        if (view.WorstCases().Any())
        {
            console.WriteLine(text["AnalyzeWorstCasesHeader"]);
            foreach (var line in view.WorstCases()) console.WriteLine($"  {line}");
            console.WriteLine();
        }
        console.WriteLine(view.Summary());
    }

    private static void Threats(IAnsiConsole console, AnalysisView view, Text text, string header, IReadOnlyList<ThreatGroup> groups, bool withCut)
    {
        console.WriteLine(text.Format(header, view.Count(groups)));
        if (groups.Count == 0)
        {
            console.WriteLine(text["NoneListed"]);
            console.WriteLine();
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(text["ColThreat"]);
        table.AddColumn(text["ColAttacker"]);
        table.AddColumn(text["ColVictims"]);
        if (withCut)
        {
            table.AddColumn(text["ColCutSteps"]);
            table.AddColumn(text["ColBlockedAt"]);
        }
        foreach (var group in groups)
        {
            var cells = new List<string>
            {
                Markup.Escape(group.Threat),
                Markup.Escape(text.Attacker(group.Attacker)),
                Markup.Escape(string.Join(", ", group.Victims)),
            };
            if (withCut)
            {
                cells.Add(string.Join(", ", group.CutSteps));
                cells.Add(Markup.Escape(string.Join(", ", group.CutAt)));
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        console.WriteLine();
    }

    private static string Colour(DependencyState state, Text text)
    {
        var label = Markup.Escape(text.State(state));
        return state switch
        {
            DependencyState.Broken => $"[red]{label}[/]",
            DependencyState.Degraded => $"[yellow]{label}[/]",
            _ => $"[green]{label}[/]",
        };
    }
}
