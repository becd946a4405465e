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

    public void Add(int sequence, DraftEntry entry) => _entries.Add(sequence, entry);

    public void RemoveSequence(int sequence) => _entries.Remove(sequence);

    /// <summary>IOS removes the entry written exactly so; nothing happens when none is.</summary>
    public void RemoveMatching(string words)
    {
        var index = _entries.Values.ToList().FindIndex(e => e.Words == words);
        if (index >= 0) _entries.RemoveAt(index);
    }

    public int RuleCount => _entries.Values.Sum(e => e.Rules.Length);

    public IEnumerable<NotUnderstood> Notes => _entries.Values.SelectMany(e => e.Notes);

    /// <summary>Every IOS ACL ends with an implicit <c>deny ip any any</c>: the chain's policy.</summary>
    public RuleChain ToChain() =>
        new(Name, null, ChainKind.AccessList, null, 0, RuleVerdict.Deny, [.. _entries.Values.SelectMany(e => e.Rules)], Location);
}
