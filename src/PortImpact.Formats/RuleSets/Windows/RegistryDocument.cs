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

/// <summary>Collects keys and values in file order with the registry's own rules for repeats.</summary>
internal sealed class RegistryDocumentBuilder
{
    private readonly List<(string Path, SourceLocation Location, List<RegistryValue> Values)> _keys = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RegistryDirective> _directives = [];

    public void EnsureKey(string path, SourceLocation location)
    {
        if (_index.ContainsKey(path)) return;
        _index[path] = _keys.Count;
        _keys.Add((path, location, []));
    }

    public void SetValue(string path, SourceLocation keyLocation, RegistryValue value)
    {
        EnsureKey(path, keyLocation);
        var values = _keys[_index[path]].Values;
        var existing = values.FindIndex(v => v.Name.Equals(value.Name, StringComparison.OrdinalIgnoreCase));
        if (existing >= 0) values[existing] = value;
        else values.Add(value);
    }

    public void DeleteValue(string path, string name)
    {
        if (_index.TryGetValue(path, out var i)) _keys[i].Values.RemoveAll(v => v.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    public void DeleteAllValues(string path)
    {
        if (_index.TryGetValue(path, out var i)) _keys[i].Values.Clear();
    }

    public void AddDirective(RegistryDirective directive) => _directives.Add(directive);

    public RegistryDocument Build() =>
        new([.. _keys.Select(k => new RegistryKey(k.Path, k.Location, [.. k.Values]))], [.. _directives]);
}
