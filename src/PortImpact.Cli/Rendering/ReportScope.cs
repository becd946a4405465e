namespace PortImpact.Cli.Rendering;

/// <summary>How much of a result a report lists.</summary>
public enum ListingMode
{
    /// <summary>Everything while the report is small; past <see cref="ReportScope.RowBudget"/> rows, only what changes, grouped.</summary>
    Auto,

    /// <summary>Only what the change changes: the exposures it leaves as they were are counted, not listed.</summary>
    ChangedOnly,

    /// <summary>Every row, however many.</summary>
    All,
}

/// <summary>
/// What a report for people (table, Markdown, HTML) shows of a result: one site's part or all, how much it lists,
/// or only the summary. The JSON report, read by programs, is always complete.
/// </summary>
public sealed record ReportScope(string? Site = null, ListingMode Listing = ListingMode.Auto, bool SummaryOnly = false)
{
    /// <summary>Past this many table rows a report lists only what changes and groups attack paths by threat and attacker.</summary>
    public const int RowBudget = 200;

    public static ReportScope Everything { get; } = new();
}
