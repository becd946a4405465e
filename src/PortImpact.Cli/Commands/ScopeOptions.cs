using System.CommandLine;
using PortImpact.Cli.Rendering;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;

namespace PortImpact.Cli.Commands;

/// <summary>
/// <c>--site NAME</c>, <c>--changed-only</c>, <c>--all</c> and <c>--summary</c>: how much of a big network's result a
/// report for people lists (<see cref="ReportScope"/>).
/// </summary>
public sealed class ScopeOptions
{
    public ScopeOptions(Text help)
    {
        Site = new Option<string?>("--site") { Description = help["HelpSite"] };
        ChangedOnly = new Option<bool>("--changed-only") { Description = help["HelpChangedOnly"] };
        All = new Option<bool>("--all") { Description = help["HelpAll"] };
        Summary = new Option<bool>("--summary") { Description = help["HelpSummary"] };
    }

    public Option<string?> Site { get; }

    public Option<bool> ChangedOnly { get; }

    public Option<bool> All { get; }

    public Option<bool> Summary { get; }

    public IEnumerable<Option> Options => [Site, ChangedOnly, All, Summary];

    /// <summary>The site asked for, if any, checked against the model's places (a typo gets "did you mean").</summary>
    public static string? CheckedSite(string? site, NetworkModel network, Text text)
    {
        if (site is null || network.FindPlace(site) is not null) return site;
        var places = network.Places.Select(p => p.Name).Order(NaturalOrder.Instance).ToList();
        var hint = Suggestions.Closest(site, places) is { } near ? text.Format("HintDidYouMean", InputEcho.Escape(near)) : "";
        throw new InputException(new SourceLocation("--site", 1, 1), text.Format("ErrUnknownSite", InputEcho.Escape(site), hint, string.Join(", ", places.Take(20))));
    }

    /// <summary>The scope asked for, with the site checked against the model's places (a typo gets "did you mean").</summary>
    public ReportScope Read(ParseResult parse, NetworkModel network, Text text)
    {
        if (parse.GetValue(ChangedOnly) && parse.GetValue(All)) throw new InputException(new SourceLocation("--all", 1, 1), text["ErrChangedOnlyAll"]);
        var site = CheckedSite(parse.GetValue(Site), network, text);
        var listing = parse.GetValue(All) ? ListingMode.All : parse.GetValue(ChangedOnly) ? ListingMode.ChangedOnly : ListingMode.Auto;
        return new ReportScope(site, listing, parse.GetValue(Summary));
    }
}
