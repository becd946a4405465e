using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Addresses;

/// <summary>
/// An inclusive range of IPv4 addresses held as unsigned integers, so that containment and overlap of
/// subnets, single hosts and rule prefixes are two comparisons each.
/// </summary>
public readonly record struct AddressRange(uint First, uint Last) : Intervals.IInterval<AddressRange, uint>
{
    static uint Intervals.IInterval<AddressRange, uint>.DomainMax => uint.MaxValue;

    static AddressRange Intervals.IInterval<AddressRange, uint>.Create(uint first, uint last) => new(first, last);

    public static readonly AddressRange All = new(0, uint.MaxValue);

    public bool Contains(uint address) => address >= First && address <= Last;

    public bool Contains(AddressRange other) => other.First >= First && other.Last <= Last;

    public bool Overlaps(AddressRange other) => other.First <= Last && other.Last >= First;

    public ulong Size => (ulong)Last - First + 1;

    public static AddressRange Single(uint address) => new(address, address);

    /// <summary>
    /// A dotted-quad IPv4 address, strictly: four decimal parts of one to three digits, each at most 255. Rule
    /// files are read with this, not <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>, which also takes
    /// forms such as <c>10.1</c> or octal parts that no firewall writes.
    /// </summary>
    public static bool TryParseAddress(string text, out uint value)
    {
        value = 0;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            var octet = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            value = (value << 8) | (uint)octet;
        }
        return true;
    }

    /// <summary>Parses <c>10.1.0.0/16</c> or a single address <c>10.1.0.10</c>.</summary>
    public static bool TryParse(string text, out AddressRange range, out string? error)
    {
        range = default;
        error = null;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var value))
        {
            error = Messages.Format("AddressNotIpv4", text);
            return false;
        }
        if (slash < 0)
        {
            range = Single(value);
            return true;
        }
        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > 32)
        {
            error = Messages.Format("AddressPrefixLengthOutOfRange", text);
            return false;
        }
        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        if ((value & ~mask) != 0)
        {
            error = Messages.Format("AddressHostBitsSet", text, FormatAddress(value & mask), length);
            return false;
        }
        range = new AddressRange(value & mask, value | ~mask);
        return true;
    }

    public static AddressRange Parse(string text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException(error);

    public static uint ToUInt(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    public static string FormatAddress(uint value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}");

    /// <summary>Prints a CIDR prefix when the range is one, otherwise <c>first-last</c>.</summary>
    public override string ToString()
    {
        if (First == Last) return FormatAddress(First);
        if (First == 0 && Last == uint.MaxValue) return "any";
        var size = Size;
        if ((size & (size - 1)) == 0 && (First & (uint)(size - 1)) == 0)
        {
            var length = 32 - System.Numerics.BitOperations.Log2(size);
            return $"{FormatAddress(First)}/{length}";
        }
        return $"{FormatAddress(First)}-{FormatAddress(Last)}";
    }
}
