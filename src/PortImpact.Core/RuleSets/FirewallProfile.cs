namespace PortImpact.Core.RuleSets;

/// <summary>
/// One of Windows Defender Firewall's three network profiles: <c>Domain</c> (the PC found its domain controller
/// on this network), <c>Private</c> and <c>Public</c>. A rule applies in some of them, and each has its own default
/// actions. The only place the names are known; files write them in any case (<c>Domain</c>, <c>domain</c>,
/// netsh's <c>domainprofile</c> is its readers' own word). <c>default</c> is <see cref="Domain"/>, the profile a
/// domain member is in on its company's network, which is what a what-if about the company's network asks.
/// </summary>
public readonly record struct FirewallProfile
{
    private static readonly string[] Names = ["Domain", "Private", "Public"];

    // The index is the value, so that default(FirewallProfile) is Domain rather than a profile with no name.
    private readonly int _index;

    private FirewallProfile(int index) => _index = index;

    public static FirewallProfile Domain { get; } = new(0);
    public static FirewallProfile Private { get; } = new(1);
    public static FirewallProfile Public { get; } = new(2);

    /// <summary>The three profiles, in the order Windows lists them.</summary>
    public static IReadOnlyList<FirewallProfile> All { get; } = [Domain, Private, Public];

    /// <summary>The profile's name as Windows writes it (<c>Domain</c>, <c>Private</c>, <c>Public</c>).</summary>
    public string Name => Names[_index];

    /// <summary>The profile's place in <see cref="All"/>, for sets of profiles kept as numbers.</summary>
    public int Index => _index;

    /// <summary>Every name Windows accepts for a profile, as a reader lists them in an error.</summary>
    public static string Expected => string.Join(", ", Names);

    /// <summary>A profile's name, in any case.</summary>
    public static bool TryParse(string? text, out FirewallProfile profile)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                profile = new FirewallProfile(i);
                return true;
            }
        }
        profile = default;
        return false;
    }

    public static FirewallProfile Parse(string text) =>
        TryParse(text, out var profile) ? profile : throw new ArgumentException($"'{text}' is not a Windows firewall profile ({Expected})", nameof(text));

    public override string ToString() => Name;
}
