namespace PortImpact.Core.Model;

/// <summary>Where an attacker stands: in an external or internal zone, in a named site, or in the victim's own site.</summary>
public enum AttackerPositionKind
{
    /// <summary>A zone of the model (the Internet, a partner, a DMZ): written with the zone's name.</summary>
    Zone,
    /// <summary>A site of the model, attacking the others: written <c>site:NAME</c>.</summary>
    Site,
    /// <summary>An infected machine in the victim's own site, however it got there: written <c>lan</c>.</summary>
    Lan,
}

/// <summary>
/// An attacker position, as threats are evaluated from and reports name them (<c>internet</c>, <c>site:branch</c>,
/// <c>lan</c>); this type is the only place that spelling is known.
/// </summary>
public readonly record struct AttackerPosition
{
    private const string SitePrefix = "site:";
    private const string LanText = "lan";

    private AttackerPosition(AttackerPositionKind kind, string? place)
    {
        Kind = kind;
        Place = place;
    }

    public AttackerPositionKind Kind { get; }

    /// <summary>The zone or site; null for <see cref="AttackerPositionKind.Lan"/>, which stands in each victim's own site.</summary>
    public string? Place { get; }

    public static AttackerPosition Lan { get; } = new(AttackerPositionKind.Lan, null);

    public static AttackerPosition Site(string name) => new(AttackerPositionKind.Site, Checked(name));

    public static AttackerPosition Zone(string name) => new(AttackerPositionKind.Zone, Checked(name));

    public static AttackerPosition Parse(string text) => text switch
    {
        LanText => Lan,
        _ when text.StartsWith(SitePrefix, StringComparison.Ordinal) => Site(text[SitePrefix.Length..]),
        _ => Zone(text),
    };

    /// <summary>The place the attacker sends from, against a victim in <paramref name="victimPlace"/>.</summary>
    public string PlaceAgainst(string victimPlace) => Place ?? victimPlace;

    public override string ToString() => Kind switch
    {
        AttackerPositionKind.Lan => LanText,
        AttackerPositionKind.Site => SitePrefix + Place,
        _ => Place!,
    };

    /// <summary>Report order: outside zones, then the victim's own site, then other sites.</summary>
    public int ReportRank => Kind switch
    {
        AttackerPositionKind.Zone => 0,
        AttackerPositionKind.Lan => 1,
        _ => 2,
    };

    private static string Checked(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("a position needs a place", nameof(name)) : name;
}
