using PortImpact.Core.Addresses;
using PortImpact.Core.Model;

namespace PortImpact.Formats.Emit;

/// <summary>
/// Where the emitted rules go. <see cref="Host"/> null: an enforcement point that forwards between two
/// places (a router); otherwise the firewall of the host with these addresses. <see cref="Baseline"/> is the
/// device's own policy where the model gives it: IOS needs it to check that no exception skips its denies.
/// </summary>
public sealed record EmitOptions(AddressSet? Host = null, Policy? Baseline = null)
{
    public static EmitOptions Router { get; } = new();

    public static EmitOptions ForHost(AddressSet addresses, Policy? baseline = null) => new(addresses, baseline);

    public bool OnHost => Host is not null;
}
