using System.Buffers.Binary;
using System.Text;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>
/// Reads a GPO's <c>Registry.pol</c> (PReg, formats.md §1.1): the signature <c>PReg</c>, DWORD version 1, then
/// records <c>[key;value;type;size;data]</c> whose brackets and semicolons are UTF-16LE characters, key and value
/// NUL-terminated UTF-16LE, type and size little-endian DWORDs, data raw.
/// <para>
/// Locations: a binary file has no lines, so every location is line 1 and column = 1 + the byte offset — of the
/// record's <c>[</c> for a value, of the character itself inside a string value (so a rule string's bad field is
/// pointed at byte-exactly), of the missing or bad part for a broken record.
/// </para>
/// <para>
/// Directives (value names starting <c>**</c>) are applied to this file's own values in file order —
/// <c>**del.NAME</c> deletes NAME, <c>**delvals.</c> every value of the key, <c>**DeleteValues</c> the listed
/// values, <c>**DeleteKeys</c> the listed subkeys' values — and are also returned as
/// <see cref="RegistryDirective"/>s, because their main effect is on values other GPOs set, which this file does
/// not hold. <c>**soft.NAME</c> (set NAME unless already set) is returned as a directive that sets.
/// </para>
/// </summary>
internal static class RegistryPolParser
{
    private const int RegSz = 1;
    private const int RegExpandSz = 2;
    private const int RegBinary = 3;
    private const int RegDword = 4;
    private const int RegDwordBigEndian = 5;
    private const int RegMultiSz = 7;
    private const int RegQword = 11;

    public static RegistryDocument Parse(byte[] bytes, string file)
    {
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'R' || bytes[2] != 'e' || bytes[3] != 'g')
        {
            throw new InputException(At(file, 0), Messages.Format("PolNoSignature"));
        }
        if (bytes.Length < 8) throw new InputException(At(file, bytes.Length), Messages.Format("PolHeaderCut"));
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version != 1) throw new InputException(At(file, 4), Messages.Format("PolVersion", version));
        var builder = new RegistryDocumentBuilder();
        var reader = new RecordReader(bytes, file);
        while (!reader.AtEnd)
        {
            var recordStart = reader.Position;
            var location = At(file, recordStart);
            reader.Expect('[', Phrase.Of("PolWhatRecordOpen"));
            var key = reader.ReadString(Phrase.Of("PolWhatKeyName"));
            reader.Expect(';', Phrase.Of("PolWhatSemicolonAfterKey"));
            var name = reader.ReadString(Phrase.Of("PolWhatValueName"));
            reader.Expect(';', Phrase.Of("PolWhatSemicolonAfterValue"));
            var type = reader.ReadUInt32(Phrase.Of("PolWhatValueType"));
            reader.Expect(';', Phrase.Of("PolWhatSemicolonAfterType"));
            var sizeOffset = reader.Position;
            var size = reader.ReadUInt32(Phrase.Of("PolWhatDataSize"));
            reader.Expect(';', Phrase.Of("PolWhatSemicolonAfterSize"));
            var dataOffset = reader.Position;
            if (size > bytes.Length - dataOffset)
            {
                throw new InputException(At(file, sizeOffset),
                    Messages.Format("PolDataCut", InputEcho.Escape(name), InputEcho.Escape(key), size, bytes.Length - dataOffset));
            }
            reader.Skip((int)size);
            reader.Expect(']', Phrase.Of("PolWhatRecordClose"));
            var data = bytes.AsSpan(dataOffset, (int)size);
            Apply(builder, key, name, type, data, dataOffset, location, file);
        }
        return builder.Build();
    }

    private static void Apply(RegistryDocumentBuilder builder, string key, string name, uint type, ReadOnlySpan<byte> data, int dataOffset, SourceLocation location, string file)
    {
        if (name.StartsWith("**", StringComparison.Ordinal))
        {
            var text = type is RegSz or RegExpandSz && data.Length % 2 == 0 ? Encoding.Unicode.GetString(data).TrimEnd('\0') : "";
            ApplyDirective(builder, key, name, text, location);
            return;
        }
        builder.EnsureKey(key, location);
        if (name.Length == 0 && data.Length == 0) return;
        var value = type switch
        {
            RegSz or RegExpandSz or RegMultiSz => DecodeString(name, type, data, dataOffset, location, file),
            RegDword when data.Length == 4 => new RegistryValue(name, RegistryValueKind.Dword, null, BinaryPrimitives.ReadUInt32LittleEndian(data), location, null),
            RegDwordBigEndian when data.Length == 4 => new RegistryValue(name, RegistryValueKind.Dword, null, BinaryPrimitives.ReadUInt32BigEndian(data), location, null),
            RegQword when data.Length == 8 => new RegistryValue(name, RegistryValueKind.Qword, null, BinaryPrimitives.ReadUInt64LittleEndian(data), location, null),
            RegDword or RegDwordBigEndian or RegQword => throw new InputException(location, Messages.Format("PolNumberSize", InputEcho.Escape(name), InputEcho.Escape(key), data.Length)),
            RegBinary => new RegistryValue(name, RegistryValueKind.Binary, null, null, location, null),
            0 => new RegistryValue(name, RegistryValueKind.None, null, null, location, null),
            _ => new RegistryValue(name, RegistryValueKind.Other, null, null, location, null),
        };
        builder.SetValue(key, location, value);
    }

    private static RegistryValue DecodeString(string name, uint type, ReadOnlySpan<byte> data, int dataOffset, SourceLocation location, string file)
    {
        if (data.Length % 2 != 0) throw new InputException(location, Messages.Format("RegOddStringBytes", InputEcho.Escape(name)));
        var text = Encoding.Unicode.GetString(data);
        var kind = type switch { RegSz => RegistryValueKind.String, RegExpandSz => RegistryValueKind.ExpandString, _ => RegistryValueKind.MultiString };
        if (kind == RegistryValueKind.MultiString)
        {
            return new RegistryValue(name, kind, string.Join(",", text.Split('\0', StringSplitOptions.RemoveEmptyEntries)), null, location, null);
        }
        // Data ends with its NUL terminator; a string cut at an embedded NUL is what Windows reads too.
        var end = text.IndexOf('\0');
        return new RegistryValue(name, kind, end < 0 ? text : text[..end], null, location, i => At(file, dataOffset + 2 * i));
    }

    private static void ApplyDirective(RegistryDocumentBuilder builder, string key, string name, string data, SourceLocation location)
    {
        var sets = false;
        if (name.StartsWith("**del.", StringComparison.OrdinalIgnoreCase)) builder.DeleteValue(key, name[6..]);
        else if (name.StartsWith("**delvals", StringComparison.OrdinalIgnoreCase)) builder.DeleteAllValues(key);
        else if (name.Equals("**DeleteValues", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var value in data.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) builder.DeleteValue(key, value);
        }
        else if (name.Equals("**DeleteKeys", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var subkey in data.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) builder.DeleteAllValues($"{key}\\{subkey}");
        }
        else if (name.StartsWith("**soft.", StringComparison.OrdinalIgnoreCase)) sets = true;
        var text = data.Length > 0 ? $"{name} = {data}" : name;
        builder.AddDirective(new RegistryDirective(key, text, sets, location));
    }

    private static SourceLocation At(string file, int offset) => new(file, 1, offset + 1);

    /// <summary>
    /// Reads the parts of records, each failure naming what was expected and where. What a part is comes as a
    /// <see cref="Phrase"/>, put into words only when a record is broken: a GPO holds thousands.
    /// </summary>
    private sealed class RecordReader(byte[] bytes, string file)
    {
        public int Position { get; private set; } = 8;

        public bool AtEnd => Position >= bytes.Length;

        public void Expect(char expected, Phrase what)
        {
            if (Position + 2 > bytes.Length) throw new InputException(At(file, Position), Messages.Format("PolEndsWhere", what.ToString()));
            if (bytes[Position] != expected || bytes[Position + 1] != 0)
            {
                throw new InputException(At(file, Position), Messages.Format("PolExpected", what.ToString(), bytes[Position], bytes[Position + 1]));
            }
            Position += 2;
        }

        public string ReadString(Phrase what)
        {
            var start = Position;
            for (var i = start; i + 1 < bytes.Length; i += 2)
            {
                if (bytes[i] == 0 && bytes[i + 1] == 0)
                {
                    Position = i + 2;
                    return Encoding.Unicode.GetString(bytes, start, i - start);
                }
            }
            throw new InputException(At(file, start), Messages.Format("PolNoNul", what.ToString()));
        }

        public uint ReadUInt32(Phrase what)
        {
            if (Position + 4 > bytes.Length) throw new InputException(At(file, Position), Messages.Format("PolEndsInside", what.ToString()));
            var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Position));
            Position += 4;
            return value;
        }

        public void Skip(int count) => Position += count;
    }
}
