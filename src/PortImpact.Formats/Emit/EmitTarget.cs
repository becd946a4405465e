namespace PortImpact.Formats.Emit;

/// <summary>The rule languages a proposed change can be written in for an admin to apply.</summary>
public enum EmitTarget
{
    /// <summary><c>iptables-restore --noflush</c> input: a user chain of its own that RETURNs what the change exempts.</summary>
    Iptables,
    /// <summary>An <c>nft -f</c> script: a table of its own whose base chains run ahead of the existing rules.</summary>
    Nft,
    /// <summary>A Cisco IOS extended named ACL, to be applied with <c>ip access-group</c>.</summary>
    Ios,
    /// <summary><c>New-NetFirewallRule</c> block rules for one Windows host.</summary>
    PowerShell,
    /// <summary><c>netsh advfirewall firewall add rule</c> block rules for one Windows host.</summary>
    Netsh,
}

/// <summary>The names users type for <see cref="EmitTarget"/>, and back.</summary>
public static class EmitTargetNames
{
    public static IReadOnlyList<EmitTarget> All { get; } =
        [EmitTarget.Iptables, EmitTarget.Nft, EmitTarget.Ios, EmitTarget.PowerShell, EmitTarget.Netsh];

    public static string ToId(this EmitTarget target) => target switch
    {
        EmitTarget.Iptables => "iptables",
        EmitTarget.Nft => "nft",
        EmitTarget.Ios => "ios",
        EmitTarget.PowerShell => "powershell",
        EmitTarget.Netsh => "netsh",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown emit target"),
    };

    public static bool TryParse(string text, out EmitTarget target)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToId(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                target = candidate;
                return true;
            }
        }
        target = default;
        return false;
    }
}
