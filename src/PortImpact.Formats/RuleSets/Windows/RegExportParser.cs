using System.Globalization;
using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads a <c>reg export</c> file (formats.md §1.1): the header <c>Windows Registry Editor Version 5.00</c>
/// (UTF-16LE with BOM as regedit writes it; UTF-8 and BOM-less UTF-16LE are taken too) or <c>REGEDIT4</c> (ANSI,
/// read as Windows-1252), <c>[KEY]</c> sections, <c>"name"=…</c> values with <c>\\</c> and <c>\"</c> escapes,
/// <c>dword:</c>, <c>hex(N):</c> byte lists continued over lines with a trailing <c>\</c>, comments
/// (<c>;</c>) and the deletions <c>[-KEY]</c> and <c>"name"=-</c>. Columns are UTF-16 code units of the line,
/// 1-based, and a string value keeps where each of its characters was written, so a rule string's fields are
/// located exactly even after escapes.
/// </summary>
internal static class RegExportParser
{
    private const string Version5Header = "Windows Registry Editor Version 5.00";
    private const string Version4Header = "REGEDIT4";

    public static RegistryDocument Parse(byte[] bytes, string file)
    {
        var (text, unicode) = Decode(bytes, file);
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
        LineLimit.Check(lines, file);
        var header = lines[0].Trim();
        if (header != Version5Header && header != Version4Header)
        {
            throw new InputException(new SourceLocation(file, 1, 1),
                Messages.Format("RegNotExport", InputEcho.Escape(header), Version5Header, Version4Header));
        }
        var builder = new RegistryDocumentBuilder();
        string? keyPath = null;
        var keyLocation = new SourceLocation(file, 1, 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0 || trimmed.TrimStart().StartsWith(';')) continue;
            if (line[0] == '[')
            {
                if (trimmed[^1] != ']')
                {
                    throw new InputException(new SourceLocation(file, lineNumber, trimmed.Length + 1), Messages.Format("RegKeyLineUnclosed"));
                }
                var path = trimmed[1..^1];
                keyLocation = new SourceLocation(file, lineNumber, 1);
                if (path.StartsWith('-'))
                {
                    builder.AddDirective(new RegistryDirective(path[1..], trimmed, false, keyLocation));
                    keyPath = null;
                    continue;
                }
                if (path.Length == 0) throw new InputException(keyLocation, Messages.Format("RegEmptyKey"));
                keyPath = path;
                builder.EnsureKey(path, keyLocation);
                continue;
            }
            if (line[0] is not ('"' or '@'))
            {
                throw new InputException(new SourceLocation(file, lineNumber, 1),
                    Messages.Format("RegUnexpectedLine", InputEcho.Escape(trimmed)));
            }
            if (keyPath is null)
            {
                throw new InputException(new SourceLocation(file, lineNumber, 1), Messages.Format("RegValueBeforeKey"));
            }
            i = ReadValue(lines, i, file, unicode, keyPath, keyLocation, builder);
        }
        return builder.Build();
    }

    /// <summary>Reads the value starting on line <paramref name="index"/>; returns the index of its last line.</summary>
    private static int ReadValue(string[] lines, int index, string file, bool unicode, string keyPath, SourceLocation keyLocation, RegistryDocumentBuilder builder)
    {
        var line = lines[index];
        var lineNumber = index + 1;
        var location = new SourceLocation(file, lineNumber, 1);
        string name;
        int position;
        if (line[0] == '@')
        {
            name = "";
            position = 1;
        }
        else
        {
            (name, position, _) = ReadQuoted(line, 0, file, lineNumber);
        }
        while (position < line.Length && line[position] is ' ' or '\t') position++;
        if (position >= line.Length || line[position] != '=')
        {
            throw new InputException(new SourceLocation(file, lineNumber, position + 1), Messages.Format("RegExpectedEquals", InputEcho.Escape(name)));
        }
        position++;
        while (position < line.Length && line[position] is ' ' or '\t') position++;
        var data = line[position..].TrimEnd();
        if (data.StartsWith('"'))
        {
            var (text, end, columns) = ReadQuoted(line, position, file, lineNumber);
            if (line[end..].Trim().Length > 0)
            {
                throw new InputException(new SourceLocation(file, lineNumber, end + 1), Messages.Format("RegTextAfterString", InputEcho.Escape(name)));
            }
            var afterQuote = position + 2;
            SourceLocation Locate(int i) => new(file, lineNumber, i < columns.Count ? columns[i] : columns.Count > 0 ? columns[^1] + 1 : afterQuote);
            builder.SetValue(keyPath, keyLocation, new RegistryValue(name, RegistryValueKind.String, text, null, location, Locate));
            return index;
        }
        if (data == "-")
        {
            builder.AddDirective(new RegistryDirective(keyPath, line.Trim(), false, location));
            builder.DeleteValue(keyPath, name);
            return index;
        }
        if (data.StartsWith("dword:", StringComparison.OrdinalIgnoreCase))
        {
            var digits = data[6..];
            if (digits.Length is < 1 or > 8 || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var dword))
            {
                throw new InputException(new SourceLocation(file, lineNumber, position + 7), Messages.Format("RegBadDword", InputEcho.Escape(digits), InputEcho.Escape(name)));
            }
            builder.SetValue(keyPath, keyLocation, new RegistryValue(name, RegistryValueKind.Dword, null, dword, location, null));
            return index;
        }
        if (data.StartsWith("hex", StringComparison.OrdinalIgnoreCase))
        {
            var colon = data.IndexOf(':');
            if (colon < 0) throw new InputException(new SourceLocation(file, lineNumber, position + 1), Messages.Format("RegBadHexPrefix", InputEcho.Escape(data), InputEcho.Escape(name)));
            var kind = HexKind(data[..colon], file, lineNumber, position);
            var (bytes, last) = ReadHexBytes(lines, index, position + colon + 1, file, name);
            builder.SetValue(keyPath, keyLocation, Decode(name, kind, bytes, unicode, location));
            return last;
        }
        throw new InputException(new SourceLocation(file, lineNumber, position + 1),
            Messages.Format("RegBadValue", InputEcho.Escape(data), InputEcho.Escape(name)));
    }

    private static RegistryValueKind HexKind(string spec, string file, int lineNumber, int position)
    {
        if (spec.Equals("hex", StringComparison.OrdinalIgnoreCase)) return RegistryValueKind.Binary;
        if (spec.Length < 6 || spec[3] != '(' || spec[^1] != ')'
            || !int.TryParse(spec[4..^1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var type))
        {
            throw new InputException(new SourceLocation(file, lineNumber, position + 1), Messages.Format("RegBadHexKind", InputEcho.Escape(spec)));
        }
        return type switch
        {
            0 => RegistryValueKind.None,
            1 => RegistryValueKind.String,
            2 => RegistryValueKind.ExpandString,
            3 => RegistryValueKind.Binary,
            4 or 5 => RegistryValueKind.Dword,
            7 => RegistryValueKind.MultiString,
            11 => RegistryValueKind.Qword,
            _ => RegistryValueKind.Other,
        };
    }

    /// <summary>
    /// Reads <c>aa,bb,…</c> from <paramref name="column"/> on, following continuation lines (a line ending in
    /// <c>\</c>, the next indented); returns the bytes and the index of the last line used.
    /// </summary>
    private static (byte[] Bytes, int LastLine) ReadHexBytes(string[] lines, int index, int column, string file, string name)
    {
        var bytes = new List<byte>();
        var piece = lines[index][column..].TrimEnd();
        var pieceColumn = column;
        while (true)
        {
            var continued = piece.EndsWith('\\');
            if (continued) piece = piece[..^1];
            var offset = 0;
            var tokens = piece.Split(',');
            for (var t = 0; t < tokens.Length; t++)
            {
                var token = tokens[t];
                var isTrailingEmpty = t == tokens.Length - 1 && token.Trim().Length == 0;
                if (!isTrailingEmpty)
                {
                    var digits = token.Trim();
                    if (digits.Length is < 1 or > 2 || !byte.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                    {
                        throw new InputException(new SourceLocation(file, index + 1, pieceColumn + offset + 1), Messages.Format("RegBadHexByte", InputEcho.Escape(digits), InputEcho.Escape(name)));
                    }
                    bytes.Add(value);
                }
                offset += token.Length + 1;
            }
            if (!continued) return ([.. bytes], index);
            index++;
            // A continuation line is indented and never empty: an empty line or the end of the file means the data was cut.
            if (index >= lines.Length || lines[index].Trim().Length == 0)
            {
                throw new InputException(new SourceLocation(file, index + 1, 1), Messages.Format("RegHexCut", InputEcho.Escape(name)));
            }
            var next = lines[index];
            pieceColumn = next.Length - next.TrimStart().Length;
            piece = next.Trim();
        }
    }

    private static RegistryValue Decode(string name, RegistryValueKind kind, byte[] bytes, bool unicode, SourceLocation location)
    {
        switch (kind)
        {
            case RegistryValueKind.String or RegistryValueKind.ExpandString or RegistryValueKind.MultiString:
                if (unicode && bytes.Length % 2 != 0) throw new InputException(location, Messages.Format("RegOddStringBytes", InputEcho.Escape(name)));
                var text = unicode ? Encoding.Unicode.GetString(bytes) : Windows1252.GetString(bytes);
                var parts = text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
                return new RegistryValue(name, kind, string.Join(",", parts), null, location, null);
            case RegistryValueKind.Dword when bytes.Length == 4:
                return new RegistryValue(name, kind, null, BitConverter.ToUInt32(bytes), location, null);
            case RegistryValueKind.Qword when bytes.Length == 8:
                return new RegistryValue(name, kind, null, BitConverter.ToUInt64(bytes), location, null);
            case RegistryValueKind.Dword or RegistryValueKind.Qword:
                throw new InputException(location, Messages.Format("RegNumberSize", InputEcho.Escape(name), bytes.Length));
            default:
                return new RegistryValue(name, kind, null, null, location, null);
        }
    }

    /// <summary>Reads a quoted string starting at <paramref name="start"/> (the <c>"</c>); returns it, the index after the closing quote and each character's 1-based column.</summary>
    private static (string Text, int End, List<int> Columns) ReadQuoted(string line, int start, string file, int lineNumber)
    {
        var text = new StringBuilder();
        var columns = new List<int>();
        var j = start + 1;
        while (j < line.Length)
        {
            var c = line[j];
            if (c == '"') return (text.ToString(), j + 1, columns);
            if (c == '\\')
            {
                if (j + 1 >= line.Length || line[j + 1] is not ('\\' or '"'))
                {
                    throw new InputException(new SourceLocation(file, lineNumber, j + 1), Messages.Format("RegBadBackslash"));
                }
                text.Append(line[j + 1]);
                columns.Add(j + 1);
                j += 2;
                continue;
            }
            text.Append(c);
            columns.Add(j + 1);
            j++;
        }
        throw new InputException(new SourceLocation(file, lineNumber, line.Length + 1), Messages.Format("RegUnclosedQuote"));
    }

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    private static (string Text, bool Unicode) Decode(byte[] bytes, string file)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return (StrictUtf16(bytes, 2, bigEndian: false, file), true);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return (StrictUtf16(bytes, 2, bigEndian: true, file), true);
        // UTF-16LE without its BOM: ASCII text with every second byte zero.
        if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0) return (StrictUtf16(bytes, 0, bigEndian: false, file), true);
        if (bytes.AsSpan().StartsWith(Encoding.ASCII.GetBytes(Version4Header))) return (Windows1252.GetString(bytes), false);
        return (TextDecoding.Utf8(bytes, file), true);
    }

    private static string StrictUtf16(byte[] bytes, int offset, bool bigEndian, string file)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        if ((bytes.Length - offset) % 2 != 0)
        {
            // Counted leniently: the text may hold other bad sequences, and this error is about the cut.
            var lines = 1 + new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: false)
                .GetString(bytes, offset, bytes.Length - offset - 1).Count(c => c == '\n');
            throw new InputException(new SourceLocation(file, lines, 1), Messages.Format("RegUtf16OddBytes"));
        }
        try
        {
            return encoding.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            var good = Math.Max(0, e.Index) & ~1;
            // Counted in the file's own byte order: a big-endian file read as little-endian has no line feeds.
            var lines = 1 + new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: false)
                .GetString(bytes, offset, Math.Min(good, bytes.Length - offset)).Count(c => c == '\n');
            throw new InputException(new SourceLocation(file, lines, 1), Messages.Format("RegUtf16Surrogate"));
        }
    }
}
