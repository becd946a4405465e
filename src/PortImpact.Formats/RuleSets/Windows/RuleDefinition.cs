using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>Maps a character index in a decoded string back to where that character is in the file.</summary>
internal delegate SourceLocation TextLocator(int index);

/// <summary>
/// One <c>Key=Value</c> field of a firewall rule ([MS-GPFAS] 2.2.2.19), wherever it came from: a rule string, a
/// gpreport.xml child element or a netsh line turned into the grammar's key. The key's place and a locator for
/// the value's characters are kept, so a complaint about the key, the value or one entry of a comma list each
/// point at their own column.
/// </summary>
internal sealed record RuleField(string Key, string Value, SourceLocation KeyLocation, TextLocator LocateValue)
{
    public string Text => $"{Key}={Value}";

    public SourceLocation ValueLocation => LocateValue(0);
}

/// <summary>
/// A rule's schema version (<c>v2.33</c>): the high and low byte of FW_RULE.wSchemaVersion, so each part is
/// 0–255 and <c>2.20</c> is twenty, not two.
/// </summary>
internal readonly record struct RuleSchemaVersion(int Major, int Minor) : IComparable<RuleSchemaVersion>
{
    /// <summary>The newest schema whose keys this reader knows (Windows 11's rules are written as v2.33).</summary>
    public static readonly RuleSchemaVersion Newest = new(2, 33);

    public int CompareTo(RuleSchemaVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator >(RuleSchemaVersion left, RuleSchemaVersion right) => left.CompareTo(right) > 0;

    public static bool operator <(RuleSchemaVersion left, RuleSchemaVersion right) => left.CompareTo(right) < 0;

    public static bool operator >=(RuleSchemaVersion left, RuleSchemaVersion right) => left.CompareTo(right) >= 0;

    public static bool operator <=(RuleSchemaVersion left, RuleSchemaVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Parses <c>2.33</c> (without the leading <c>v</c>): two 1–3 digit numbers, each at most 255.</summary>
    public static bool TryParse(string text, out RuleSchemaVersion version)
    {
        version = default;
        var dot = text.IndexOf('.');
        if (dot < 0) return false;
        if (!TryParsePart(text[..dot], out var major) || !TryParsePart(text[(dot + 1)..], out var minor)) return false;
        version = new RuleSchemaVersion(major, minor);
        return true;
    }

    private static bool TryParsePart(string text, out int value)
    {
        value = 0;
        return text.Length is >= 1 and <= 3 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= 255;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}");
}

/// <summary>
/// A firewall rule as fields, before interpretation: its ID (the registry value name, or a name made unique for
/// formats that carry no ID), where it is, its raw text and its schema version. <see cref="Lenient"/> says that a
/// key or keyword this reader does not know is reported (the rule "may match") rather than refused: true for
/// rules newer than <see cref="RuleSchemaVersion.Newest"/> and for netsh text, whose words are not the grammar's.
/// </summary>
internal sealed record RuleDefinition(
    string Id,
    SourceLocation Location,
    string Text,
    RuleSchemaVersion Version,
    bool Lenient,
    ImmutableArray<RuleField> Fields);
