using System.Text;

namespace PortImpact.Cli.Rendering;

/// <summary>The Markdown report of <c>analyze</c>, for change tickets and wikis.</summary>
public static class AnalysisMarkdown
{
    public static string Render(AnalysisView view, Text text)
    {
        var result = view.Result;
        var md = new StringBuilder();
        md.Append("# ").AppendLine(text.Format("AnalyzeTitle", result.ModelName)).AppendLine();
        md.AppendLine($"- {view.Change()}");
        md.AppendLine($"- {text.Format("ChangedPoints", result.ClosedPoints.IsEmpty ? text["NothingChanged"] : string.Join(", ", result.ClosedPoints))}");
        if (!result.ClosedHosts.IsEmpty) md.AppendLine($"- {text.Format("ChangedHosts", result.ClosedHosts.Length)}");
        foreach (var warning in result.Warnings) md.AppendLine($"- {text.Format("Warning", warning)}");
        foreach (var note in view.ScopeNotes) md.AppendLine($"- {note}");
        md.AppendLine();

        if (view.Scope.SummaryOnly)
        {
            BySite(md, view, text);
            WorstCases(md, view, text);
            md.AppendLine(view.Summary());
            return md.ToString();
        }

        md.Append("## ").AppendLine(text.Format("DependenciesHeader", view.ChangedDependencies.Count, view.DependencyCount)).AppendLine();
        if (view.ChangedDependencies.Count > 0)
        {
            Row(md, text["ColCapability"], text["ColClient"], text["ColServer"], text["ColBefore"], text["ColAfter"], text["ColWhy"]);
            Row(md, "---", "---", "---", "---", "---", "---");
            foreach (var impact in view.ChangedDependencies)
            {
                Row(md, view.Capability(impact), impact.Dependency.Client, view.Server(impact),
                    text.State(impact.Before), $"**{text.State(impact.After)}**", view.Why(impact));
            }
            md.AppendLine();
        }
        Threats(md, view, text, "ThreatsStoppedHeader", view.Stopped, withCut: true);
        if (view.Opened.Count > 0) Threats(md, view, text, "ThreatsOpenedHeader", view.Opened, withCut: false);
        if (view.ListsUnchanged)
        {
            Threats(md, view, text, "StillExposedHeader", view.StillExposed, withCut: false);
        }
        else
        {
            md.Append("## ").AppendLine(text.Format("StillExposedHeader", view.StillExposedPaths)).AppendLine();
            md.AppendLine(text["StillExposedNotListed"]).AppendLine();
        }
        WorstCases(md, view, text);
        md.AppendLine(view.Summary());
        return md.ToString();
    }

    private static void WorstCases(StringBuilder md, AnalysisView view, Text text)
    {
        if (!view.WorstCases().Any()) return;
        md.Append("## ").AppendLine(text["AnalyzeWorstCasesHeader"]).AppendLine();
        foreach (var line in view.WorstCases()) md.AppendLine($"- {line}");
        md.AppendLine();
    }

    private static void BySite(StringBuilder md, AnalysisView view, Text text)
    {
        md.Append("## ").AppendLine(text["BySiteHeader"]).AppendLine();
        string[] columns = ["ColSite", "ColBrokenCount", "ColDegradedCount", "ColStoppedCount", "ColExposedCount"];
        Row(md, [.. columns.Select(c => text[c])]);
        Row(md, [.. columns.Select(_ => "---:")]);
        foreach (var site in view.BySite())
        {
            Row(md, site.Place, $"{site.Broken}", $"{site.Degraded}", $"{site.Stopped}", $"{site.StillExposed}");
        }
        md.AppendLine();
    }

    private static void Threats(StringBuilder md, AnalysisView view, Text text, string header, IReadOnlyList<ThreatGroup> groups, bool withCut)
    {
        md.Append("## ").AppendLine(text.Format(header, view.Count(groups))).AppendLine();
        if (groups.Count == 0)
        {
            md.AppendLine(text["NoneListed"]).AppendLine();
            return;
        }
        if (withCut)
        {
            Row(md, text["ColThreat"], text["ColAttacker"], text["ColVictims"], text["ColCutSteps"], text["ColBlockedAt"]);
            Row(md, "---", "---", "---", "---", "---");
        }
        else
        {
            Row(md, text["ColThreat"], text["ColAttacker"], text["ColVictims"]);
            Row(md, "---", "---", "---");
        }
        foreach (var group in groups)
        {
            var victims = view.Victims(group);
            if (withCut) Row(md, group.Threat, text.Attacker(group.Attacker), victims, string.Join(", ", group.CutSteps), view.BlockedAt(group));
            else Row(md, group.Threat, text.Attacker(group.Attacker), victims);
        }
        md.AppendLine();
    }

    private static void Row(StringBuilder md, params string[] cells) =>
        md.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
}
