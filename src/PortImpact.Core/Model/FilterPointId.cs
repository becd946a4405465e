namespace PortImpact.Core.Model;

/// <summary>
/// Where rules are enforced: an enforcement point on a link (named as in the model's <c>via</c>) or one host
/// group's own firewall. Written <c>NAME</c> and <c>host:NAME</c> in overlays, reports and JSON; this type is the only
/// place that spelling is known.
/// </summary>
public readonly record struct FilterPointId
{
    private const string HostPrefix = "host:";

    private FilterPointId(string name, bool isHost)
    {
        Name = name;
        IsHost = isHost;
    }

    /// <summary>The point's name, or the host group's.</summary>
    public string Name { get; }

    /// <summary>A host group's own firewall rather than a point on a link.</summary>
    public bool IsHost { get; }

    public static FilterPointId Point(string name) => new(Checked(name), isHost: false);

    public static FilterPointId HostFirewall(string hostName) => new(Checked(hostName), isHost: true);

    /// <summary><c>host:NAME</c> or a point's name.</summary>
    public static FilterPointId Parse(string text) => IsHostKey(text) ? HostFirewall(text[HostPrefix.Length..]) : Point(text);

    /// <summary>The spelling of <see cref="Parse"/>; identities stored as text (overlay keys, JSON) use it.</summary>
    public override string ToString() => IsHost ? HostPrefix + Name : Name;

    /// <summary>The text key of a host group's firewall, where identities are still kept as text.</summary>
    public static string HostKey(string hostName) => HostFirewall(hostName).ToString();

    /// <summary>True when the text names a host firewall; any text may be asked, an empty one too.</summary>
    public static bool IsHostKey(string text) => text.Length > HostPrefix.Length && text.StartsWith(HostPrefix, StringComparison.Ordinal);

    private static string Checked(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("a point or host needs a name", nameof(name)) : name;
}
