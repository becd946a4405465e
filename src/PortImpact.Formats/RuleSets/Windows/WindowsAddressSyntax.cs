using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PortImpact.Core.Addresses;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// The address values of the rule grammar ([MS-GPFAS] 2.2.2.9–2.2.2.12): a single address, a range
/// <c>a-b</c>, a subnet <c>a/len</c> or <c>a/mask</c>. A subnet written with host bits set
/// (<c>10.1.2.3/24</c>) matches its whole subnet, as FW_IPV4_SUBNET pairs an address with a mask; <c>/32</c>
/// is accepted although the spec says "less than 32" (formats.md §1.4).
/// </summary>
internal static class WindowsAddressSyntax
{
    public static bool TryParseV4(string text, out AddressRange range, out string error)
    {
        range = default;
        error = "";
        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            if (!AddressRange.TryParseAddress(text[..dash], out var first) || !AddressRange.TryParseAddress(text[(dash + 1)..], out var last))
            {
                error = Messages.Format("WfNotV4Range", InputEcho.Escape(text));
                return false;
            }
            if (last < first)
            {
                error = Messages.Format("WfV4RangeBackwards", InputEcho.Escape(text));
                return false;
            }
            range = new AddressRange(first, last);
            return true;
        }
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            if (!AddressRange.TryParseAddress(text, out var single))
            {
                error = Messages.Format("WfNotV4Address", InputEcho.Escape(text));
                return false;
            }
            range = AddressRange.Single(single);
            return true;
        }
        if (!AddressRange.TryParseAddress(text[..slash], out var address))
        {
            error = Messages.Format("WfNotV4Subnet", InputEcho.Escape(text));
            return false;
        }
        var suffix = text[(slash + 1)..];
        uint mask;
        if (suffix.Length is >= 1 and <= 2 && suffix.All(char.IsAsciiDigit))
        {
            var length = int.Parse(suffix, NumberStyles.None, CultureInfo.InvariantCulture);
            if (length > 32)
            {
                error = Messages.Format("WfPrefixAbove32", InputEcho.Escape(text));
                return false;
            }
            mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        }
        else if (AddressRange.TryParseAddress(suffix, out mask))
        {
            // A mask is ones then zeros: its complement plus one is a power of two.
            var inverted = ~mask;
            if ((inverted & (inverted + 1)) != 0)
            {
                error = Messages.Format("WfMaskNotContiguous", InputEcho.Escape(suffix), InputEcho.Escape(text));
                return false;
            }
        }
        else
        {
            error = Messages.Format("WfNotV4Subnet", InputEcho.Escape(text));
            return false;
        }
        range = new AddressRange(address & mask, (address & mask) | ~mask);
        return true;
    }

    /// <summary>Checks an IPv6 value's syntax only: the engine is IPv4-only, so its extent is never needed.</summary>
    public static bool IsV6(string text)
    {
        var dash = text.IndexOf('-');
        if (dash >= 0) return IsV6Address(text[..dash]) && IsV6Address(text[(dash + 1)..]);
        var slash = text.IndexOf('/');
        if (slash < 0) return IsV6Address(text);
        var suffix = text[(slash + 1)..];
        return IsV6Address(text[..slash]) && suffix.Length is >= 1 and <= 3 && suffix.All(char.IsAsciiDigit)
            && int.Parse(suffix, NumberStyles.None, CultureInfo.InvariantCulture) <= 128;
    }

    private static bool IsV6Address(string text) =>
        text.Contains(':') && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
