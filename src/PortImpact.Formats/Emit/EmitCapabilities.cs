namespace PortImpact.Formats.Emit;

/// <summary>
/// What a target can express exactly. Whatever a change needs beyond this is refused with
/// <see cref="EmitRefusedException"/> rather than written wider or narrower than the engine evaluated it.
/// </summary>
/// <param name="OnRouter">Can be written for an enforcement point on a link (a router or firewall that forwards).</param>
/// <param name="OnHost">Can be written for one host's own firewall.</param>
/// <param name="PassesExemptTrafficOn">
/// An exception hands its traffic on to the device's existing rules. False for IOS, where a permit is final,
/// so an exception there also skips whatever the interface's own ACL would deny after it.
/// </param>
/// <param name="ExemptsPartOfHost">
/// An exception may name only some of the host's addresses on its local side. False for Windows, where the
/// exceptions are carried out through the block rules' remote addresses alone.
/// </param>
public sealed record EmitCapabilities(bool OnRouter, bool OnHost, bool PassesExemptTrafficOn, bool ExemptsPartOfHost)
{
    public static EmitCapabilities Of(EmitTarget target) => target switch
    {
        EmitTarget.Iptables or EmitTarget.Nft => new(OnRouter: true, OnHost: true, PassesExemptTrafficOn: true, ExemptsPartOfHost: true),
        EmitTarget.Ios => new(OnRouter: true, OnHost: false, PassesExemptTrafficOn: false, ExemptsPartOfHost: false),
        EmitTarget.PowerShell or EmitTarget.Netsh => new(OnRouter: false, OnHost: true, PassesExemptTrafficOn: true, ExemptsPartOfHost: false),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown emit target"),
    };
}
