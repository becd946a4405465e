using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The profiles of a registry document's firewall policy: each store's profile keys read into the three profiles
/// (the local store's StandardProfile is Private; a GPO's StandardProfile stands for Private and Public only when
/// neither has its own key), then the stores merged setting by setting, the GPO's winning.
/// </summary>
internal static partial class FirewallPolicyReader
{
    private static readonly HashSet<string> IgnoredProfileValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "DisableNotifications", "AllowLocalIPsecPolicyMerge", "DisableStealthMode", "DisableStealthModeIPsecSecuredPacketExemption",
        "DisableUnicastResponsesToMulticastBroadcast",
    };

    private static ImmutableArray<WindowsProfile> ReadProfiles(List<Store> stores, Dictionary<(Store, string), RegistryKey> keys, List<NotUnderstood> notUnderstood)
    {
        var perStore = new Dictionary<Store, Dictionary<FirewallProfile, WindowsProfile>>();
        foreach (var store in stores)
        {
            var profiles = new Dictionary<FirewallProfile, WindowsProfile>();
            perStore[store] = profiles;
            bool Has(string keyName) => keys.ContainsKey((store, keyName));
            foreach (var (keyName, profileNames) in WindowsProfileKeys.Read(store == Store.Local, Has))
            {
                if (!keys.TryGetValue((store, keyName), out var key)) continue;
                foreach (var profile in profileNames) profiles[profile] = ReadProfile(profile, key, notUnderstood);
            }
            foreach (var (keyName, why) in WindowsProfileKeys.Ignored(store == Store.Local, Has))
            {
                if (keys.TryGetValue((store, keyName), out var key) && key.Values.Length > 0)
                {
                    notUnderstood.Add(new NotUnderstood(key.Location, keyName, why, NotUnderstoodEffect.Skipped));
                }
            }
        }
        var merged = ImmutableArray.CreateBuilder<WindowsProfile>();
        foreach (var name in FirewallProfile.All)
        {
            perStore.TryGetValue(Store.Gpo, out var gpo);
            perStore.TryGetValue(Store.Local, out var local);
            var fromGpo = gpo?.GetValueOrDefault(name);
            var fromLocal = local?.GetValueOrDefault(name);
            if (fromGpo is null && fromLocal is null) continue;
            if (fromGpo is null || fromLocal is null)
            {
                merged.Add((fromGpo ?? fromLocal)!);
                continue;
            }
            merged.Add(new WindowsProfile(name,
                fromGpo.Enabled ?? fromLocal.Enabled,
                fromGpo.DefaultInbound ?? fromLocal.DefaultInbound,
                fromGpo.DefaultOutbound ?? fromLocal.DefaultOutbound,
                fromGpo.AllowLocalPolicyMerge ?? fromLocal.AllowLocalPolicyMerge,
                fromGpo.BlockAllInbound ?? fromLocal.BlockAllInbound,
                fromGpo.Location));
        }
        return merged.ToImmutable();
    }

    private static WindowsProfile ReadProfile(FirewallProfile name, RegistryKey key, List<NotUnderstood> notUnderstood)
    {
        bool? enabled = null, merge = null, blockAll = null;
        RuleAction? inbound = null, outbound = null;
        foreach (var value in key.Values)
        {
            switch (value.Name.ToUpperInvariant())
            {
                case "ENABLEFIREWALL":
                    enabled = ZeroOrOne(value) == 1;
                    break;
                case "DEFAULTINBOUNDACTION":
                    inbound = ZeroOrOne(value) == 1 ? RuleAction.Deny : RuleAction.Permit;
                    break;
                case "DEFAULTOUTBOUNDACTION":
                    outbound = ZeroOrOne(value) == 1 ? RuleAction.Deny : RuleAction.Permit;
                    break;
                case "ALLOWLOCALPOLICYMERGE":
                    merge = ZeroOrOne(value) == 1;
                    break;
                case "DONOTALLOWEXCEPTIONS":
                    blockAll = ZeroOrOne(value) == 1;
                    break;
                case "DISABLEDINTERFACES":
                    if (string.IsNullOrEmpty(value.Text)) break;
                    notUnderstood.Add(new NotUnderstood(value.Location, $"{key.Path.Split('\\')[^1]} DisabledInterfaces",
                        $"DisabledInterfaces={value.Text}: the profile is off on these interfaces", NotUnderstoodEffect.ChainUncertain));
                    break;
                default:
                    if (IgnoredProfileValues.Contains(value.Name)) break;
                    notUnderstood.Add(new NotUnderstood(value.Location, $"{key.Path.Split('\\')[^1]} {value.Name}",
                        $"{value.Name}={Show(value)}: a profile setting PortImpact does not read", NotUnderstoodEffect.ChainUncertain));
                    break;
            }
        }
        return new WindowsProfile(name, enabled, inbound, outbound, merge, blockAll, key.Location);
    }

    private static uint ZeroOrOne(RegistryValue value)
    {
        if (value.Kind != RegistryValueKind.Dword || value.Number is not (0 or 1))
        {
            throw new InputException(value.Location, Messages.Format("WfProfileNotDword", value.Name, Show(value)));
        }
        return (uint)value.Number.Value;
    }
}
