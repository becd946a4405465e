using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.Ports;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads the Windows Firewall keys of a registry document (a reg export or a Registry.pol) into a rule set
/// (formats.md §1.1, §1.3, [MS-GPFAS] 2.2.2–2.2.3).
/// <para>
/// Stores: the local store (<c>…\Services\SharedAccess\Parameters\FirewallPolicy</c>; of the control set in use
/// when an export holds several, the others listed as skipped) becomes
/// the chain "local", the Group Policy store (<c>SOFTWARE\Policies\Microsoft\WindowsFirewall</c>) the chain
/// "gpo"; a file holding both gives both chains (whether "local" counts is each profile's
/// <c>AllowLocalPolicyMerge</c>). Each chain holds the store's <c>FirewallRules</c> values, its ID the value name.
/// </para>
/// <para>
/// Profiles: local <c>DomainProfile</c>/<c>StandardProfile</c>/<c>PublicProfile</c> are Domain/Private/Public
/// (the local store keeps the private profile under StandardProfile; a local <c>PrivateProfile</c> key is
/// NotUnderstood Skipped); GPO <c>DomainProfile</c>/<c>PrivateProfile</c>/<c>PublicProfile</c>, and the GPO's
/// <c>StandardProfile</c> applies to Private and Public only when neither of their keys exists (else it is
/// NotUnderstood Skipped, [MS-GPFAS] 2.2.3). Read: <c>EnableFirewall</c>, <c>DefaultInboundAction</c>,
/// <c>DefaultOutboundAction</c> (0 allow, 1 block), <c>AllowLocalPolicyMerge</c>, <c>DoNotAllowExceptions</c>.
/// With both stores, a GPO setting wins over the local one, setting by setting ([MS-FASP] 2.2.38 merge law).
/// </para>
/// <para>
/// Ignored because they do not filter: global values of a store's root (PolicyVersion, IPsec and stateful-FTP
/// switches), <c>…Profile\Logging</c>, <c>DisableNotifications</c>, <c>AllowLocalIPsecPolicyMerge</c>, the stealth
/// mode settings, <c>DisableUnicastResponsesToMulticastBroadcast</c> (replies, not new connections), disabled
/// Windows XP-era exceptions (<c>…Profile\Services\FileAndPrint</c> and the like with <c>Enabled=0</c>), and keys
/// outside the firewall's. NotUnderstood Skipped, one entry per key with its count: <c>ConSecRules</c> and the
/// IPsec phase sets (connection security negotiates IPsec, it neither permits nor blocks), the factory copy
/// <c>…\SharedAccess\Defaults\FirewallPolicy</c> (not the active policy) and deletion directives (their effect is
/// on values not in this file). NotUnderstood ChainUncertain: <c>RestrictedServices</c> (Windows Service
/// Hardening and app isolation rules, enforced apart from the filtering rules and each restricting one service or
/// app: read as ordinary rules their allow rules would wrongly open ports), <c>DisabledInterfaces</c>, enabled
/// XP-era exceptions, unknown profile settings, other keys with values, and <c>**soft.</c> values.
/// </para>
/// </summary>
internal static partial class FirewallPolicyReader
{
    private enum Store
    {
        Local,
        Gpo,
        Defaults,
    }

    private sealed record Place(Store Store, string[] Segments);

    private static readonly (Store Store, string Marker)[] StoreMarkers =
    [
        (Store.Local, @"Services\SharedAccess\Parameters\FirewallPolicy"),
        (Store.Defaults, @"Services\SharedAccess\Defaults\FirewallPolicy"),
        (Store.Gpo, @"SOFTWARE\Policies\Microsoft\WindowsFirewall"),
    ];


    private static readonly HashSet<string> IpsecKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConSecRules", "Phase1AuthenticationSets", "Phase2AuthenticationSets", "Phase1CryptoSets", "Phase2CryptoSets",
    };

    public static RuleSet Read(RegistryDocument document, string file, RuleSetFormat format, PortSet? rpcDynamicPorts = null)
    {
        var notUnderstood = new List<NotUnderstood>();
        var stores = new List<Store>();
        var rules = new Dictionary<Store, List<ImportedRule>>();
        var chainLocations = new Dictionary<Store, SourceLocation>();
        var profileKeys = new Dictionary<(Store, string), RegistryKey>();
        var anyFirewallKey = false;
        var controlSet = ControlSetInUse(document);
        var otherControlSets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in document.Keys)
        {
            if (Classify(key.Path) is not { } place) continue;
            anyFirewallKey = true;
            if (place.Store != Store.Gpo && controlSet is not null && ControlSetOf(key.Path) is { } other
                && !other.Equals(controlSet, StringComparison.OrdinalIgnoreCase))
            {
                if (otherControlSets.Add(other))
                {
                    notUnderstood.Add(new NotUnderstood(key.Location, other,
                        $"another control set (a saved copy Windows can boot from, such as last known good), not {controlSet}, the one in use: its firewall keys are not read",
                        NotUnderstoodEffect.Skipped));
                }
                continue;
            }
            if (place.Store == Store.Defaults)
            {
                if (key.Values.Length > 0)
                {
                    notUnderstood.Add(new NotUnderstood(key.Location, "Defaults\\FirewallPolicy" + Suffix(place),
                        $"{Count(key.Values.Length, "value")} of the factory-default copy that 'netsh advfirewall reset' restores, not the active policy",
                        NotUnderstoodEffect.Skipped));
                }
                continue;
            }
            if (!stores.Contains(place.Store))
            {
                stores.Add(place.Store);
                rules[place.Store] = [];
                chainLocations[place.Store] = key.Location;
            }
            var segments = place.Segments;
            if (segments.Length == 0) continue;
            if (segments.Length == 1 && Is(segments[0], "FirewallRules"))
            {
                chainLocations[place.Store] = key.Location;
                foreach (var value in key.Values) rules[place.Store].Add(ReadRule(value, key, notUnderstood, rpcDynamicPorts));
                continue;
            }
            var profileKey = WindowsProfileKeys.Names.FirstOrDefault(p => Is(p, segments[0]));
            if (profileKey is not null)
            {
                if (segments.Length == 1) profileKeys[(place.Store, profileKey)] = key;
                else if (!Is(segments[1], "Logging")) ReadLegacyExceptions(key, place, notUnderstood);
                continue;
            }
            if (key.Values.Length == 0) continue;
            var relative = string.Join('\\', segments);
            if (IpsecKeys.Contains(segments[0]))
            {
                var what = Is(segments[0], "ConSecRules") ? Count(key.Values.Length, "connection security rule") : Count(key.Values.Length, "IPsec set value");
                notUnderstood.Add(new NotUnderstood(key.Location, relative,
                    $"{what} (IPsec): they negotiate IPsec, they do not permit or block traffic", NotUnderstoodEffect.Skipped));
            }
            else if (Is(segments[0], "RestrictedServices"))
            {
                notUnderstood.Add(new NotUnderstood(key.Location, relative,
                    $"{Count(key.Values.Length, "service hardening or app isolation rule")} not read: Windows enforces them apart from the filtering rules, each restricting one service or app",
                    NotUnderstoodEffect.ChainUncertain));
            }
            else
            {
                notUnderstood.Add(new NotUnderstood(key.Location, relative,
                    $"{Count(key.Values.Length, "value")} in a firewall key PortImpact does not read", NotUnderstoodEffect.ChainUncertain));
            }
        }
        foreach (var directive in document.Directives)
        {
            if (Classify(directive.KeyPath) is null) continue;
            anyFirewallKey = true;
            var construct = directive.Sets ? "conditional value (**soft.)"
                : directive.Text.StartsWith("**SecureKey", StringComparison.OrdinalIgnoreCase) ? "registry directive" : "registry deletion";
            notUnderstood.Add(new NotUnderstood(directive.Location, construct, $"{directive.KeyPath}: {directive.Text}",
                directive.Sets ? NotUnderstoodEffect.ChainUncertain : NotUnderstoodEffect.Skipped));
        }
        if (!anyFirewallKey)
        {
            throw new InputException(new SourceLocation(file, 1, 1),
                Messages.Format("WfNoPolicy"));
        }
        var chains = stores.Select(store => new RuleChain(store == Store.Gpo ? "gpo" : "local", null, ChainKind.WindowsRules, null, 0, null,
            [.. rules[store]], chainLocations[store]));
        return new RuleSet(format, file, PolicySemantics.WindowsFirewall, [.. chains], [],
            ReadProfiles(stores, profileKeys, notUnderstood),
            [.. notUnderstood.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
    }

    private static ImportedRule ReadRule(RegistryValue value, RegistryKey key, List<NotUnderstood> notUnderstood, PortSet? rpcDynamicPorts)
    {
        if (value.Kind != RegistryValueKind.String || value.Text is null)
        {
            throw new InputException(value.Location, Messages.Format("WfRuleNotString", InputEcho.Escape(value.Name), InputEcho.Escape(key.Path)));
        }
        var definition = RuleStringParser.Parse(value.Name, value.Text, value.Location, value.LocateText ?? (_ => value.Location));
        return RuleInterpreter.Interpret(definition, notUnderstood, rpcDynamicPorts);
    }

    /// <summary>Windows XP-era exception lists under a profile (<c>Services\FileAndPrint</c>, <c>GloballyOpenPorts</c> …).</summary>
    private static void ReadLegacyExceptions(RegistryKey key, Place place, List<NotUnderstood> notUnderstood)
    {
        foreach (var value in key.Values)
        {
            // A disabled exception opens nothing.
            if (Is(value.Name, "Enabled") && value.Kind == RegistryValueKind.Dword && value.Number == 0) continue;
            notUnderstood.Add(new NotUnderstood(value.Location, $"{string.Join('\\', place.Segments)} {value.Name}",
                $"{value.Name}={Show(value)}: a Windows XP-era firewall exception setting PortImpact does not read", NotUnderstoodEffect.ChainUncertain));
        }
    }

    /// <summary>
    /// The control set whose local store counts when an export holds several (a whole SYSTEM hive): the one
    /// <c>SYSTEM\Select\Current</c> names if the export has it, else <c>CurrentControlSet</c>, else the lowest
    /// numbered. Null when there is at most one, which is then read whatever its name.
    /// </summary>
    private static string? ControlSetInUse(RegistryDocument document)
    {
        var localKeys = document.Keys.Where(k => Classify(k.Path) is { Store: not Store.Gpo } && ControlSetOf(k.Path) is not null).ToList();
        var present = localKeys.Select(k => ControlSetOf(k.Path)!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (present.Count <= 1) return null;
        // Select sits beside the control sets: HKLM\SYSTEM\Select next to HKLM\SYSTEM\ControlSet001, or at the top
        // of an export whose keys start at the control set.
        var segments = localKeys[0].Path.Split('\\');
        var controlSet = Array.FindIndex(segments, s => Is(s, "Services")) - 1;
        var selectPath = string.Join('\\', segments[..controlSet].Append("Select"));
        var select = document.Keys.FirstOrDefault(k => k.Path.Equals(selectPath, StringComparison.OrdinalIgnoreCase))?
            .Values.FirstOrDefault(v => Is(v.Name, "Current") && v.Kind == RegistryValueKind.Dword);
        var named = select?.Number is { } number ? string.Create(CultureInfo.InvariantCulture, $"ControlSet{number:000}") : null;
        return present.FirstOrDefault(p => Is(p, named ?? "")) ?? present.FirstOrDefault(p => Is(p, "CurrentControlSet"))
            ?? present.Order(StringComparer.OrdinalIgnoreCase).First();
    }

    /// <summary>The control set segment of a local-store path (<c>ControlSet001</c>, <c>CurrentControlSet</c>), or null.</summary>
    private static string? ControlSetOf(string path)
    {
        var segments = path.Split('\\');
        var services = Array.FindIndex(segments, s => Is(s, "Services"));
        return services > 0 && (Is(segments[services - 1], "CurrentControlSet") || segments[services - 1].StartsWith("ControlSet", StringComparison.OrdinalIgnoreCase))
            ? segments[services - 1] : null;
    }

    private static Place? Classify(string path)
    {
        foreach (var (store, marker) in StoreMarkers)
        {
            var at = path.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0 || (at > 0 && path[at - 1] != '\\')) continue;
            var end = at + marker.Length;
            if (end < path.Length && path[end] != '\\') continue;
            var rest = end < path.Length ? path[(end + 1)..] : "";
            return new Place(store, rest.Length == 0 ? [] : rest.Split('\\'));
        }
        return null;
    }

    private static string Suffix(Place place) => place.Segments.Length == 0 ? "" : "\\" + string.Join('\\', place.Segments);

    private static bool Is(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Show(RegistryValue value) => value.Kind switch
    {
        RegistryValueKind.Dword => string.Create(CultureInfo.InvariantCulture, $"dword:{value.Number:x8}"),
        RegistryValueKind.Qword => string.Create(CultureInfo.InvariantCulture, $"qword:{value.Number:x16}"),
        _ when value.Text is not null => $"\"{value.Text}\"",
        _ => value.Kind.ToString(),
    };
}
