using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Formats.RuleSets.CiscoIos;

/// <summary>
/// Applies the commands of a configuration (or the lists of a show output) in file order, as IOS would when
/// the file is pasted: ACLs are created, extended, reopened and removed; interfaces bind them.
/// </summary>
internal sealed class ConfigInterpreter(string file, ObjectGroups groups, List<NotUnderstood> notes)
{
    private readonly AccessEntryParser _parser = new(groups);
    private readonly Dictionary<string, AccessListDraft> _lists = new(StringComparer.Ordinal);
    private readonly List<AccessListDraft> _order = [];
    // Lists deleted by "no ip access-list …", left out when the rule set is made: removing each from _order at once
    // was a scan of every list per deletion.
    private readonly HashSet<AccessListDraft> _removed = new(ReferenceEqualityComparer.Instance);
    private readonly List<(InterfaceBinding Binding, SourceLocation NameAt, string Text)> _bindings = [];
    private readonly HashSet<string> _reportedNonIpLists = new(StringComparer.Ordinal);

    public void Apply(ConfigBlock block)
    {
        switch (block.Kind)
        {
            case BlockKind.AccessList:
                ApplyAccessListBlock(block);
                return;
            case BlockKind.Interface:
                ApplyInterface(block);
                return;
            case BlockKind.Orphan:
                ApplyOrphan(block.Header);
                return;
            case BlockKind.NetworkGroup or BlockKind.ServiceGroup:
                return;
        }
        var header = block.Header;
        switch (header.Word(0))
        {
            case "access-list":
                ApplyNumbered(header);
                break;
            case "no":
                ApplyRemoval(header);
                break;
            case "ip" when header.Word(1) == "access-group":
                // Outside an interface IOS has no such command; the author meant it to filter somewhere.
                Note(header, 1, "ip access-group outside an interface", NotUnderstoodEffect.ChainUncertain);
                break;
            case "zone-pair":
                Note(header, 1, "zone-pair", NotUnderstoodEffect.ChainUncertain);
                break;
            case "policy-map" when header.Word(1) == "type" && header.Word(2) == "inspect":
                Note(header, 1, "policy-map type inspect", NotUnderstoodEffect.ChainUncertain);
                break;
        }
    }

    private void ApplyAccessListBlock(ConfigBlock block)
    {
        var header = block.Header;
        var cursor = new TokenCursor(header, file);
        if (header.Word(0) == "ipv6")
        {
            // The engine is IPv4-only: an IPv6 list can decide no flow it evaluates.
            Note(header, 1, "ipv6 access-list", NotUnderstoodEffect.Skipped);
            return;
        }
        if (header.Word(0) == "ip")
        {
            cursor.Next(Phrase.Of("IosWhatWord", "ip"));
            cursor.Next(Phrase.Of("IosWhatWord", "access-list"));
            var kind = cursor.Next(Phrase.Of("IosWhatAclTypeAndName"));
            switch (kind.Text)
            {
                case "standard" or "extended":
                    var name = cursor.Next(Phrase.Of("IosWhatAclName"));
                    var type = kind.Text == "standard" ? AccessListType.Standard : AccessListType.Extended;
                    ApplyEntries(Open(name.Text, type, cursor, kind, header), block.Body);
                    return;
                case "role-based":
                    Note(header, 1, "ip access-list role-based", NotUnderstoodEffect.ChainUncertain);
                    return;
                default:
                    // Global settings (logging, resequence …) carry no entries; an unknown kind that does may filter.
                    if (!block.Body.IsEmpty) Note(header, 1, $"ip access-list {kind.Text}", NotUnderstoodEffect.ChainUncertain);
                    return;
            }
        }
        ShowHeader.TryParse(header, out var show);
        var listName = show.Name ?? throw cursor.MissingAtEnd(Phrase.Of("IosWhatAclName"));
        switch (show.Kind)
        {
            case "Standard IP" or "Extended IP":
                var showType = show.Kind == "Standard IP" ? AccessListType.Standard : AccessListType.Extended;
                ApplyEntries(Open(listName.Text, showType, cursor, header.Tokens[0], header), block.Body);
                return;
            case "Role-based IP":
                Note(header, 1, "Role-based IP access list", NotUnderstoodEffect.ChainUncertain);
                return;
            default:
                // IPv6 lists (IPv4-only engine), reflexive lists (the sessions of the moment, decided where
                // "evaluate" stands) and non-IP lists (MAC …) decide no IPv4 flow here.
                Note(header, 1, $"{show.Kind} access list", NotUnderstoodEffect.Skipped);
                return;
        }
    }

    /// <summary>The list of that name, created on first use; IOS reopens an existing list and adds to it.</summary>
    private AccessListDraft Open(string name, AccessListType type, TokenCursor cursor, ConfigToken typeToken, ConfigLine header)
    {
        if (_lists.TryGetValue(name, out var existing))
        {
            if (existing.Type != type)
            {
                throw cursor.Error(typeToken, Messages.Format("IosAclTypeClash", InputEcho.Escape(name), Describe(existing.Type), existing.Location.Line, Describe(type)));
            }
            return existing;
        }
        var draft = new AccessListDraft(name, type, new SourceLocation(file, header.Number, header.Tokens[0].Column), header.Trimmed);
        _lists[name] = draft;
        _order.Add(draft);
        return draft;
    }

    private static string Describe(AccessListType type) => type == AccessListType.Standard ? "standard" : "extended";

    private void ApplyEntries(AccessListDraft list, ImmutableArray<BodyLine> body)
    {
        foreach (var (line, afterComment) in body)
        {
            var cursor = new TokenCursor(line, file);
            var first = cursor.Peek()!.Value;
            if (first.Text is "remark" or "statistics") continue;
            if (first.Text == "no")
            {
                ApplyEntryRemoval(list, cursor);
                continue;
            }
            int sequence;
            if (IosAddressing.IsDigits(first.Text))
            {
                cursor.Next(Phrase.Of("IosWhatSequenceNumber"));
                sequence = Sequence(cursor, first);
                if (cursor.PeekText == "remark") continue;
                if (cursor.AtEnd) throw cursor.MissingAtEnd(Phrase.Of("IosWhatEntryAfterSequence"));
                if (list.HasSequence(sequence)) throw cursor.Error(first, Messages.Format("IosSequenceUsed", sequence, InputEcho.Escape(list.Name)));
            }
            else
            {
                sequence = list.NextSequence;
                if (list.HasSequence(sequence)) throw cursor.Error(first, Messages.Format("IosNoSequenceLeftNumber", sequence, InputEcho.Escape(list.Name)));
            }
            var location = cursor.At(first);
            var entry = _parser.Parse(cursor, new EntryContext(list.Name, list.Type, sequence, line.Trimmed, location));
            if (afterComment)
            {
                // Pasted, IOS appends it to this list; show running-config would never print it here (formats.md §4.3).
                var orphaned = new NotUnderstood(location, "entry-after-comment", line.Trimmed, NotUnderstoodEffect.ChainUncertain);
                entry = entry with { Notes = entry.Notes.Insert(0, orphaned) };
            }
            list.Add(sequence, entry);
        }
    }

    /// <summary><c>no 20</c> removes entry 20; <c>no permit …</c> the entry written exactly so.</summary>
    private static void ApplyEntryRemoval(AccessListDraft list, TokenCursor cursor)
    {
        cursor.Next(Phrase.Of("IosWhatWord", "no"));
        var what = cursor.Next(Phrase.Of("IosWhatEntryToRemove"));
        if (IosAddressing.IsDigits(what.Text))
        {
            list.RemoveSequence(Sequence(cursor, what));
            return;
        }
        list.RemoveMatching(string.Join(' ', cursor.Line.Tokens.Skip(1).Select(t => t.Text)));
    }

    private static int Sequence(TokenCursor cursor, ConfigToken token) =>
        int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? sequence
            : throw cursor.Error(token, Messages.Format("IosSequenceOutOfRange", InputEcho.Escape(token.Text)));

    /// <summary>
    /// <c>access-list N …</c>: 1-99 and 1300-1999 are standard, 100-199 and 2000-2699 extended; other numbers
    /// are non-IP lists (protocol type, MAC, IPX …), listed as Skipped once each.
    /// </summary>
    private void ApplyNumbered(ConfigLine line)
    {
        var cursor = new TokenCursor(line, file);
        cursor.Next(Phrase.Of("IosWhatWord", "access-list"));
        var numberToken = cursor.Next(Phrase.Of("IosWhatAclNumber"));
        if (!IosAddressing.IsDigits(numberToken.Text))
        {
            // IOS's own non-numbered forms are device settings; any other word names a list IOS cannot have.
            if (numberToken.Text is not ("compiled" or "dynamic-extend" or "rate-limit" or "log-update" or "logging" or "hardware"))
            {
                Note(line, 1, $"access-list {numberToken.Text}", NotUnderstoodEffect.ChainUncertain);
            }
            return;
        }
        if (!int.TryParse(numberToken.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is 0 or > 2699)
        {
            throw cursor.Error(numberToken, Messages.Format("IosAclNumberOutOfRange", InputEcho.Escape(numberToken.Text)));
        }
        AccessListType type;
        if (number is <= 99 or (>= 1300 and <= 1999)) type = AccessListType.Standard;
        else if (number is <= 199 or >= 2000) type = AccessListType.Extended;
        else
        {
            if (_reportedNonIpLists.Add(numberToken.Text)) Note(line, 1, "non-IP access-list", NotUnderstoodEffect.Skipped);
            return;
        }
        var action = cursor.Peek() ?? throw cursor.MissingAtEnd(Phrase.Of("IosWhatAction"));
        var list = Open(numberToken.Text, type, cursor, numberToken, line);
        if (action.Text == "remark") return;
        var sequence = list.NextSequence;
        if (list.HasSequence(sequence)) throw cursor.Error(action, Messages.Format("IosNoSequenceLeft", sequence, InputEcho.Escape(list.Name)));
        list.Add(sequence, _parser.Parse(cursor, new EntryContext(list.Name, type, sequence, line.Trimmed, cursor.At(line.Tokens[0]))));
    }

    /// <summary><c>no ip access-list standard|extended NAME</c> and <c>no access-list N</c> delete a list; other <c>no</c> lines change no filter.</summary>
    private void ApplyRemoval(ConfigLine line)
    {
        string? name = null;
        if (line.Word(1) == "ip" && line.Word(2) == "access-list" && line.Word(3) is "standard" or "extended") name = line.Word(4);
        else if (line.Word(1) == "access-list" && IosAddressing.IsDigits(line.Word(2))) name = line.Word(2);
        if (string.IsNullOrEmpty(name) || !_lists.Remove(name, out var removed)) return;
        _removed.Add(removed);
    }

    /// <summary>
    /// <c>ip access-group ACL in|out</c> binds (no direction: out, IOS's default); <c>ipv6 traffic-filter</c> is
    /// Skipped (IPv4-only engine); <c>ip inspect NAME in|out</c> (CBAC) is ChainUncertain: it adds entries for
    /// return traffic to the interface's lists while the router runs. Other interface lines do not filter.
    /// </summary>
    private void ApplyInterface(ConfigBlock block)
    {
        var name = InterfaceName(block.Header);
        foreach (var (line, _) in block.Body)
        {
            switch (line.Word(0), line.Word(1))
            {
                case ("ip", "access-group"):
                    var cursor = new TokenCursor(line, file);
                    cursor.Next(Phrase.Of("IosWhatWord", "ip"));
                    cursor.Next(Phrase.Of("IosWhatWord", "access-group"));
                    var list = cursor.Next(Phrase.Of("IosWhatAclName"));
                    var direction = TrafficDirection.Out;
                    if (cursor.Peek() is { } word)
                    {
                        direction = word.Text switch
                        {
                            "in" => TrafficDirection.In,
                            "out" => TrafficDirection.Out,
                            _ => throw cursor.Error(word, Messages.Format("IosNotDirection", InputEcho.Escape(word.Text))),
                        };
                    }
                    _bindings.Add((new InterfaceBinding(name, list.Text, direction, cursor.At(line.Tokens[0])), cursor.At(list), line.Trimmed));
                    break;
                case ("ipv6", "traffic-filter"):
                    Note(line, 1, "ipv6 traffic-filter", NotUnderstoodEffect.Skipped);
                    break;
                case ("ip", "inspect"):
                    Note(line, 1, "ip inspect", NotUnderstoodEffect.ChainUncertain);
                    break;
            }
        }
    }

    private static string InterfaceName(ConfigLine header)
    {
        var name = header.Trimmed["interface".Length..].Trim();
        foreach (var suffix in new[] { " point-to-point", " multipoint" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        }
        return name;
    }

    /// <summary>An entry after <c>exit</c> left its list: IOS rejects it in global mode, but the author meant it to filter.</summary>
    private void ApplyOrphan(ConfigLine line)
    {
        var first = IosAddressing.IsDigits(line.Word(0)) ? line.Word(1) : line.Word(0);
        if (first is "permit" or "deny") Note(line, 1, "entry-outside-access-list", NotUnderstoodEffect.ChainUncertain);
    }

    private void Note(ConfigLine line, int tokenNumber, string construct, NotUnderstoodEffect effect) =>
        notes.Add(new NotUnderstood(new SourceLocation(file, line.Number, line.Tokens[tokenNumber - 1].Column), construct, line.Trimmed, effect));

    /// <summary>
    /// The rule set. An ACL with no entries and a binding to a list the file does not define are both
    /// ChainUncertain: IOS is commonly said to pass all traffic through an undefined (or remark-only) list
    /// rather than apply the implicit deny [formats.md §4.2, not verified against a device], and the list may
    /// be defined outside this file. The binding is kept as written either way.
    /// </summary>
    public RuleSet Finish()
    {
        var all = new List<NotUnderstood>(notes);
        var lists = _order.Where(l => !_removed.Contains(l)).ToList();
        foreach (var list in lists)
        {
            all.AddRange(list.Notes);
            if (list.RuleCount == 0) all.Add(new NotUnderstood(list.Location, "empty-access-list", list.HeaderText, NotUnderstoodEffect.ChainUncertain));
        }
        foreach (var (binding, nameAt, text) in _bindings)
        {
            if (!_lists.ContainsKey(binding.AccessList)) all.Add(new NotUnderstood(nameAt, "undefined-access-list", text, NotUnderstoodEffect.ChainUncertain));
        }
        return new RuleSet(
            RuleSetFormat.CiscoIos,
            file,
            PolicySemantics.OrderedAcl,
            [.. lists.Select(l => l.ToChain())],
            [.. _bindings.Select(b => b.Binding)],
            [],
            [.. all.OrderBy(n => n.Location.Line).ThenBy(n => n.Location.Column)]);
    }
}
