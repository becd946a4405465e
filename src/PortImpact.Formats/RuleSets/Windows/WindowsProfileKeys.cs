using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Which profile key (registry key or gpreport element) holds which profiles' settings, for the registry export,
/// Registry.pol and gpreport readers alike. The local store keeps Private under <c>StandardProfile</c>
/// and has no <c>PrivateProfile</c>; in a Group Policy store <c>StandardProfile</c> is the pre-Vista key and stands
/// for Private and Public only when neither has its own key ([MS-GPFAS] 2.2.3).
/// </summary>
internal static class WindowsProfileKeys
{
    /// <summary>Every key name a profile's settings can be under.</summary>
    public static readonly IReadOnlyList<string> Names = ["DomainProfile", "StandardProfile", "PrivateProfile", "PublicProfile"];

    /// <summary>The keys to read in one store, given which keys it has, and the profiles each one sets.</summary>
    public static IEnumerable<(string Key, FirewallProfile[] Profiles)> Read(bool localStore, Func<string, bool> has)
    {
        yield return ("DomainProfile", [FirewallProfile.Domain]);
        yield return ("PublicProfile", [FirewallProfile.Public]);
        if (localStore) yield return ("StandardProfile", [FirewallProfile.Private]);
        else if (has("PrivateProfile") || has("PublicProfile")) yield return ("PrivateProfile", [FirewallProfile.Private]);
        else yield return ("StandardProfile", [FirewallProfile.Private, FirewallProfile.Public]);
    }

    /// <summary>The keys present in one store that set nothing there, and why (a reader lists them as skipped).</summary>
    public static IEnumerable<(string Key, string Why)> Ignored(bool localStore, Func<string, bool> has)
    {
        if (localStore)
        {
            yield return ("PrivateProfile", "not a profile key of the local store, which keeps the private profile under StandardProfile");
        }
        else if (has("PrivateProfile") || has("PublicProfile"))
        {
            yield return ("StandardProfile", "ignored because PrivateProfile or PublicProfile exists ([MS-GPFAS] 2.2.3)");
        }
    }
}
