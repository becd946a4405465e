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
/// <param name="WrittenByDefault">
/// Where <c>--emit DIR</c> writes it when no <c>--target</c> is given: the model's hosts are Windows machines
/// and its points routers, so Windows rules for hosts and router languages for points.
/// </param>
public sealed record EmitCapabilities(bool OnRouter, bool OnHost, bool PassesExemptTrafficOn, bool ExemptsPartOfHost, EmitPlaces WrittenByDefault);

/// <summary>Where a target's rules go by default.</summary>
[Flags]
public enum EmitPlaces
{
    None = 0,
    Routers = 1,
    Hosts = 2,
}
