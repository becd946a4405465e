using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>Which mode a top-level command enters, which decides what lines belong to it.</summary>
internal enum BlockKind
{
    /// <summary>Any other command; its indented lines (router, line, class-map, crypto …) are not read.</summary>
    Other,
    /// <summary><c>ip access-list …</c>, <c>ipv6 access-list …</c> or a <c>show access-lists</c> header.</summary>
    AccessList,
    NetworkGroup,
    ServiceGroup,
    Interface,
    /// <summary>An indented line with no mode to belong to (after <c>exit</c>): IOS would reject it.</summary>
    Orphan,
}

/// <summary>
/// A line inside a mode. <see cref="AfterComment"/> is true when a column-0 <c>!</c> came between the mode's
/// command and this line: <c>show running-config</c> ends every section with one, so a line after it was
/// probably pasted or edited in, and IOS appends it to the mode regardless (formats.md §4.3).
/// </summary>
internal sealed record BodyLine(ConfigLine Line, bool AfterComment);

internal sealed record ConfigBlock(ConfigLine Header, BlockKind Kind, ImmutableArray<BodyLine> Body);

/// <summary>
/// Groups lines into top-level commands and the lines of the mode each enters, the way the IOS parser does:
/// a mode lasts until <c>exit</c>, <c>end</c> or a line that is not one of its commands. Indentation marks
/// mode lines in <c>show running-config</c>; unindented ACL entries and object-group members are taken as
/// mode lines too, because IOS accepts them so when a configuration is pasted. Banners are skipped whole:
/// their text is free and may look like anything.
/// </summary>
internal static class ConfigBlocks
{
    public static ImmutableArray<ConfigBlock> Split(ImmutableArray<ConfigLine> lines, string file)
    {
        var blocks = ImmutableArray.CreateBuilder<ConfigBlock>();
        ConfigLine? header = null;
        var kind = BlockKind.Other;
        var body = new List<BodyLine>();
        var afterComment = false;

        void Close()
        {
            if (header is not null) blocks.Add(new ConfigBlock(header, kind, [.. body]));
            header = null;
            body.Clear();
            afterComment = false;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.IsBlank) continue;
            if (line.IsComment)
            {
                if (!line.IsIndented) afterComment = true;
                continue;
            }
            var first = line.Word(0);
            if (first == "end" && !line.IsIndented)
            {
                Close();
                continue;
            }
            if (first == "exit")
            {
                if (header is not null && (!line.IsIndented || kind != BlockKind.Other)) Close();
                continue;
            }
            if (header is not null && (line.IsIndented || IsModeCommand(kind, line)))
            {
                body.Add(new BodyLine(line, afterComment));
                continue;
            }
            if (header is null && line.IsIndented)
            {
                blocks.Add(new ConfigBlock(line, BlockKind.Orphan, []));
                continue;
            }
            Close();
            if (first == "banner")
            {
                i = BannerEnd(lines, i, file);
                blocks.Add(new ConfigBlock(line, BlockKind.Other, []));
                continue;
            }
            header = line;
            kind = Classify(line);
        }
        Close();
        return blocks.ToImmutable();
    }

    private static BlockKind Classify(ConfigLine line) => (line.Word(0), line.Word(1)) switch
    {
        ("ip" or "ipv6", "access-list") => BlockKind.AccessList,
        ("object-group", "network") => BlockKind.NetworkGroup,
        ("object-group", "service") => BlockKind.ServiceGroup,
        ("interface", _) => BlockKind.Interface,
        _ when ShowHeader.TryParse(line, out _) => BlockKind.AccessList,
        _ => BlockKind.Other,
    };

    private static bool IsModeCommand(BlockKind kind, ConfigLine line)
    {
        var first = line.Word(0);
        return kind switch
        {
            BlockKind.AccessList => IsAclCommand(first) || (first == "no" && (IsAclCommand(line.Word(1)) && line.Word(1) != "statistics")),
            BlockKind.NetworkGroup => first is "host" or "range" or "group-object" or "description" or "any" || IosAddressing.LooksNumeric(first.Split('/')[0]),
            // A bare protocol member is one word ("gre", "47"); only icmp takes a type after it. "ip access-list …" or
            // "ip domain-name …" at the left margin is the next global command, not a member "ip".
            BlockKind.ServiceGroup => first is "tcp" or "udp" or "tcp-udp" or "group-object" or "description"
                || ((IosProtocols.IsName(first) || IosAddressing.IsDigits(first)) && (first == "icmp" || line.Tokens.Length == 1)),
            // Only the filtering commands matter here, and these exist in interface mode alone.
            BlockKind.Interface => (first, line.Word(1)) is ("ip", "access-group") or ("ipv6", "traffic-filter")
                || (first == "ip" && line.Word(1) == "inspect" && line.Word(3) is "in" or "out"),
            _ => false,
        };
    }

    private static bool IsAclCommand(string word) =>
        word is "permit" or "deny" or "remark" or "dynamic" or "evaluate" or "statistics" || IosAddressing.IsDigits(word);

    /// <summary>
    /// The index of the line that closes the banner starting at <paramref name="start"/>. The delimiter is the
    /// first character after the banner type (IOS writes ETX, shown as <c>^C</c>); the text runs to its next occurrence.
    /// </summary>
    private static int BannerEnd(ImmutableArray<ConfigLine> lines, int start, string file)
    {
        var header = lines[start];
        var cursor = new TokenCursor(header, file);
        cursor.Next(Phrase.Of("IosWhatWord", "banner"));
        var opener = cursor.Next(Phrase.Of("IosWhatBannerDelimiter"));
        if (char.IsAsciiLetter(opener.Text[0]))
        {
            // "banner motd ^C": the first word is the banner type; "banner ^C…" alone is the motd shorthand.
            opener = cursor.Next(Phrase.Of("IosWhatBannerDelimiter"));
        }
        var delimiter = opener.Text.StartsWith("^C", StringComparison.Ordinal) ? "^C" : opener.Text[..1];
        var rest = header.Text[(opener.Column - 1 + delimiter.Length)..];
        if (rest.Contains(delimiter, StringComparison.Ordinal)) return start;
        for (var i = start + 1; i < lines.Length; i++)
        {
            if (lines[i].Text.Contains(delimiter, StringComparison.Ordinal)) return i;
        }
        throw cursor.Error(opener, Messages.Format("IosBannerUnclosed", InputEcho.Escape(delimiter)));
    }
}

/// <summary>
/// A <c>show access-lists</c> header: <c>Standard IP access list 10</c>, <c>Extended IP access list NAME</c>,
/// <c>IPv6 access list NAME</c>, <c>Reflexive IP access list NAME</c> … (formats.md §4.3).
/// </summary>
internal sealed record ShowHeader(string Kind, ConfigToken? Name)
{
    public static bool TryParse(ConfigLine line, out ShowHeader header)
    {
        header = new ShowHeader("", null);
        var tokens = line.Tokens;
        if (tokens.IsEmpty || !char.IsAsciiLetterUpper(tokens[0].Text[0])) return false;
        for (var i = 1; i <= 2 && i + 1 < tokens.Length; i++)
        {
            if (tokens[i].Text == "access" && tokens[i + 1].Text == "list")
            {
                var kind = string.Join(' ', tokens.Take(i).Select(t => t.Text));
                header = new ShowHeader(kind, i + 2 < tokens.Length ? tokens[i + 2] : null);
                return true;
            }
        }
        return false;
    }
}
