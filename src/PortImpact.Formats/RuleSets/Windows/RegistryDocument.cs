using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Windows;

/// <summary>The registry value types a reg export or Registry.pol can hold, as far as this reader cares.</summary>
internal enum RegistryValueKind
{
    String,
    ExpandString,
    MultiString,
    Dword,
    Qword,
    Binary,
    None,
    Other,
}

/// <summary>
/// A registry value as a file states it. <see cref="Text"/> is the decoded string of string kinds (REG_MULTI_SZ
/// entries joined by commas) and <see cref="LocateText"/> maps its characters back to the file, so a rule
/// string's fields can be pointed at; <see cref="Number"/> is a DWORD's or QWORD's value.
/// </summary>
internal sealed record RegistryValue(
    string Name,
    RegistryValueKind Kind,
    string? Text,
    ulong? Number,
    SourceLocation Location,
    TextLocator? LocateText);

/// <summary>A key with its values in file order; a key stated twice is merged, a value stated twice keeps the last.</summary>
internal sealed record RegistryKey(string Path, SourceLocation Location, ImmutableArray<RegistryValue> Values);

/// <summary>
/// A deletion or other directive rather than a value: a reg file's <c>[-KEY]</c> or <c>"name"=-</c>, a
/// Registry.pol's <c>**del.</c>, <c>**delvals.</c>, <c>**DeleteValues</c>, <c>**DeleteKeys</c>, <c>**soft.</c>,
/// <c>**SecureKey</c>. <see cref="Sets"/> is true for the one that sets a value (<c>**soft.</c>: only if absent).
/// </summary>
internal sealed record RegistryDirective(string KeyPath, string Text, bool Sets, SourceLocation Location);

/// <summary>What a reg export or a Registry.pol says, in one shape for the firewall policy reader.</summary>
internal sealed record RegistryDocument(ImmutableArray<RegistryKey> Keys, ImmutableArray<RegistryDirective> Directives);

/// <summary>
/// Collects keys and values in file order with the registry's own rules for repeats. Values are found by name
/// through a lookup, so a key of a hundred thousand rules is read in time in proportion to it.
/// </summary>
internal sealed class RegistryDocumentBuilder
{
    private sealed class Key(string path, SourceLocation location)
    {
        public string Path { get; } = path;
        public SourceLocation Location { get; } = location;

        // A deleted value leaves null behind, so the others keep their places in the lookup.
        public List<RegistryValue?> Values { get; } = [];
        public Dictionary<string, int> Places { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private readonly List<Key> _keys = [];
    private readonly Dictionary<string, Key> _byPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RegistryDirective> _directives = [];

    public void EnsureKey(string path, SourceLocation location) => KeyAt(path, location);

    public void SetValue(string path, SourceLocation keyLocation, RegistryValue value)
    {
        var key = KeyAt(path, keyLocation);
        // A value set twice keeps its first place and its last data, as the registry ends up.
        if (key.Places.TryGetValue(value.Name, out var place))
        {
            key.Values[place] = value;
            return;
        }
        key.Places[value.Name] = key.Values.Count;
        key.Values.Add(value);
    }

    public void DeleteValue(string path, string name)
    {
        if (_byPath.TryGetValue(path, out var key) && key.Places.Remove(name, out var place)) key.Values[place] = null;
    }

    public void DeleteAllValues(string path)
    {
        if (!_byPath.TryGetValue(path, out var key)) return;
        key.Values.Clear();
        key.Places.Clear();
    }

    public void AddDirective(RegistryDirective directive) => _directives.Add(directive);

    public RegistryDocument Build() =>
        new([.. _keys.Select(k => new RegistryKey(k.Path, k.Location, [.. k.Values.OfType<RegistryValue>()]))], [.. _directives]);

    private Key KeyAt(string path, SourceLocation location)
    {
        if (!_byPath.TryGetValue(path, out var key))
        {
            _byPath[path] = key = new Key(path, location);
            _keys.Add(key);
        }
        return key;
    }
}
