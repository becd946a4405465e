namespace PortImpact.Core.Change;

/// <summary>Where a closure is applied, as the user names it after <c>--at</c>.</summary>
public abstract record Placement
{
    public abstract string Id { get; }

    /// <summary>
    /// A placement as written: <c>perimeter</c>, <c>inter-site</c>, <c>hosts</c>, <c>hosts:ROLE</c> or a point's name. The only
    /// place these words are known.
    /// </summary>
    public static Placement Parse(string token) => token switch
    {
        "perimeter" => new AtPerimeter(),
        "inter-site" => new AtInterSite(),
        "hosts" => new AtHosts(null),
        _ when token.StartsWith(AtHosts.Prefix, StringComparison.Ordinal) && token.Length > AtHosts.Prefix.Length => new AtHosts(token[AtHosts.Prefix.Length..]),
        _ => new AtPoint(token),
    };

    /// <summary>The placements that stand for groups of points or hosts in any model: perimeter, inter-site, hosts.</summary>
    public static IReadOnlyList<Placement> Groups { get; } = [new AtPerimeter(), new AtInterSite(), new AtHosts(null)];

    /// <summary>Every placement a model offers, as written: the groups, <c>hosts:ROLE</c> for the roles its hosts have, its points.</summary>
    public static IEnumerable<string> OfferedBy(Model.NetworkModel model) =>
        Groups.Select(g => g.Id)
            .Concat(model.Hosts.SelectMany(h => h.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => new AtHosts(r).Id))
            .Concat(model.Points.Select(p => new AtPoint(p.Name).Id).Order(StringComparer.Ordinal));

    /// <summary>Where the user wrote it (the option and column), so a complaint can point there.</summary>
    public Diagnostics.SourceLocation? Location { get; init; }
}

/// <summary>One enforcement point named in <c>links</c>.</summary>
public sealed record AtPoint(string Name) : Placement
{
    public override string Id => Name;
}

/// <summary>Every point on a link to an external zone.</summary>
public sealed record AtPerimeter : Placement
{
    public override string Id => "perimeter";
}

/// <summary>Every point on a link between two sites.</summary>
public sealed record AtInterSite : Placement
{
    public override string Id => "inter-site";
}

/// <summary>The host firewall of every host, or of those with <see cref="Role"/>.</summary>
public sealed record AtHosts(string? Role) : Placement
{
    internal const string Prefix = "hosts:";

    public override string Id => Role is null ? "hosts" : Prefix + Role;
}
