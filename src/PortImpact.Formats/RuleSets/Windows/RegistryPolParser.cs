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
            throw new InputException(At(file, 0), "not a Registry.pol: it does not start with the signature 'PReg'");
        }
        if (bytes.Length < 8) throw new InputException(At(file, bytes.Length), "the Registry.pol is cut short inside its header (signature and version)");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version != 1) throw new InputException(At(file, 4), $"Registry.pol version {version}; only version 1 exists");
        var builder = new RegistryDocumentBuilder();
        var reader = new RecordReader(bytes, file);
        while (!reader.AtEnd)
        {
            var recordStart = reader.Position;
            var location = At(file, recordStart);
            reader.Expect('[', "'[' opening a record");
            var key = reader.ReadString("the key name");
            reader.Expect(';', "';' after the key name");
            var name = reader.ReadString("the value name");
            reader.Expect(';', "';' after the value name");
            var type = reader.ReadUInt32("the value type");
            reader.Expect(';', "';' after the value type");
            var sizeOffset = reader.Position;
            var size = reader.ReadUInt32("the data size");
            reader.Expect(';', "';' after the data size");
            var dataOffset = reader.Position;
            if (size > bytes.Length - dataOffset)
            {
                throw new InputException(At(file, sizeOffset),
                    $"record cut short: value \"{InputEcho.Escape(name)}\" of key {InputEcho.Quote(key)} declares {size} bytes of data, only {bytes.Length - dataOffset} remain");
            }
            reader.Skip((int)size);
            reader.Expect(']', "']' closing the record");
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
            RegDword or RegDwordBigEndian or RegQword => throw new InputException(location, $"value \"{InputEcho.Escape(name)}\" of key {InputEcho.Quote(key)} has {data.Length} bytes, not the size of its number type"),
            RegBinary => new RegistryValue(name, RegistryValueKind.Binary, null, null, location, null),
            0 => new RegistryValue(name, RegistryValueKind.None, null, null, location, null),
            _ => new RegistryValue(name, RegistryValueKind.Other, null, null, location, null),
        };
        builder.SetValue(key, location, value);
    }

    private static RegistryValue DecodeString(string name, uint type, ReadOnlySpan<byte> data, int dataOffset, SourceLocation location, string file)
    {
        if (data.Length % 2 != 0) throw new InputException(location, $"the string data of value \"{InputEcho.Escape(name)}\" has an odd number of bytes");
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

    /// <summary>Reads the parts of records, each failure naming what was expected and where.</summary>
    private sealed class RecordReader(byte[] bytes, string file)
    {
        public int Position { get; private set; } = 8;

        public bool AtEnd => Position >= bytes.Length;

        public void Expect(char expected, string what)
        {
            if (Position + 2 > bytes.Length) throw new InputException(At(file, Position), $"record cut short: the file ends where {what} should be");
            if (bytes[Position] != expected || bytes[Position + 1] != 0)
            {
                throw new InputException(At(file, Position), $"expected {what} (UTF-16LE), found bytes {bytes[Position]:X2} {bytes[Position + 1]:X2}");
            }
            Position += 2;
        }

        public string ReadString(string what)
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
            throw new InputException(At(file, start), $"record cut short: {what} has no terminating NUL before the end of the file");
        }

        public uint ReadUInt32(string what)
        {
            if (Position + 4 > bytes.Length) throw new InputException(At(file, Position), $"record cut short: the file ends inside {what}");
            var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Position));
            Position += 4;
            return value;
        }

        public void Skip(int count) => Position += count;
    }
}
