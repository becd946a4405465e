using PortImpact.Core.Diagnostics;
using PortImpact.Engine.Results;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// How big an analysis report gets once its findings are written out: a row for each dependency and for each
/// victim of each finding, and a reason for each point that stops one. The engine keeps alike victims together,
/// so it can answer for networks whose full report no reader could use and no machine could hold; past
/// <see cref="Limit"/> the report is refused with the count, before anything is rendered or written.
/// </summary>
public static class ReportSize
{
    /// <summary>A network of 100 sites around a hub reports about 700,000; a table of this many takes half a minute.</summary>
    public const long Limit = 2_000_000;

    public static long Of(AnalysisResult result) =>
        result.Dependencies.Sum(d => 1L + d.Blockages.Length)
        + result.Threats.Sum(t => t.Victims.Length * (1L + t.Blockages.Length));

    public static void Check(AnalysisResult result, string modelFile)
    {
        var size = Of(result);
        if (size <= Limit) return;
        throw new InputException(new SourceLocation(modelFile, 1, 1),
            Messages.Format("CliReportTooLarge", size, Limit));
    }
}
