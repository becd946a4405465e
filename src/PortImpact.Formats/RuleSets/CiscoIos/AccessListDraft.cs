using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>Standard lists match the source address only; extended lists the protocol, both ends and ports.</summary>
internal enum AccessListType
{
    Standard,
    Extended,
}

/// <summary>
/// One ACE as read: the rules it became (several when a service object-group has several alternatives; none
/// when it could not be read) and what was not understood about it. <see cref="Words"/> is the entry from its
/// action on, so that <c>no permit …</c> can find it.
/// </summary>
internal sealed record DraftEntry(string Words, ImmutableArray<ImportedRule> Rules, ImmutableArray<NotUnderstood> Notes);

/// <summary>
/// An access list while the file is read: entries keyed by sequence number, because IOS evaluates them in
/// that order whatever order they were typed in, and because <c>no 20</c> removes one.
/// </summary>
internal sealed class AccessListDraft(string name, AccessListType type, SourceLocation location, string headerText)
{
    /// <summary>IOS numbers unnumbered entries 10 past the highest so far, starting at 10.</summary>
    private const int SequenceStep = 10;

    // A sorted list: entries mostly arrive in order, so adding is appending and the highest key is the last.
    private readonly SortedList<int, DraftEntry> _entries = [];

    public string Name { get; } = name;

    public AccessListType Type { get; } = type;

    public SourceLocation Location { get; } = location;

    public string HeaderText { get; } = headerText;

    public int NextSequence => _entries.Count == 0 ? SequenceStep : (int)Math.Min((long)_entries.Keys[^1] + SequenceStep, int.MaxValue);

    public bool HasSequence(int sequence) => _entries.ContainsKey(sequence);

    // The sequences of the entries written each way, so that "no permit …" finds its entry without a scan of the list
    // (100,000 removals would otherwise be 10^10 comparisons).
    private readonly Dictionary<string, SortedSet<int>> _byWords = new(StringComparer.Ordinal);

    public void Add(int sequence, DraftEntry entry)
    {
        _entries.Add(sequence, entry);
        if (!_byWords.TryGetValue(entry.Words, out var sequences)) _byWords[entry.Words] = sequences = [];
        sequences.Add(sequence);
    }

    public void RemoveSequence(int sequence)
    {
        if (!_entries.Remove(sequence, out var entry)) return;
        _byWords[entry.Words].Remove(sequence);
    }

    /// <summary>IOS removes the entry written exactly so (the first such, in sequence order); nothing happens when none is.</summary>
    public void RemoveMatching(string words)
    {
        if (_byWords.TryGetValue(words, out var sequences) && sequences.Count > 0) RemoveSequence(sequences.Min);
    }

    public int RuleCount => _entries.Values.Sum(e => e.Rules.Length);

    public IEnumerable<NotUnderstood> Notes => _entries.Values.SelectMany(e => e.Notes);

    /// <summary>Every IOS ACL ends with an implicit <c>deny ip any any</c>: the chain's policy.</summary>
    public RuleChain ToChain() =>
        new(Name, null, ChainKind.AccessList, null, 0, RuleVerdict.Deny, [.. _entries.Values.SelectMany(e => e.Rules)], Location);
}
