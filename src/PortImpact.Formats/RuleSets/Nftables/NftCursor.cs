using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>
/// Reads tokens one by one, over a whole script or over one rule's tokens, and reads the values both share
/// (<see cref="ReadValue"/>). Errors name the token where the grammar broke, or the end of the input. What is
/// expected next comes as a <see cref="Phrase"/>, put into words only when the token is not it.
/// </summary>
/// <param name="whole">What the tokens are, for "… ends where … was expected": the file (by default) or the rule.</param>
internal sealed class NftCursor(IReadOnlyList<NftToken> tokens, string file, SourceLocation end, Phrase? whole = null)
{
    private int _index;

    /// <summary>How many <c>{ … }</c> sets <see cref="ReadSet"/> is inside: the recursion <see cref="InputLimits.MaxNesting"/> bounds.</summary>
    private int _setDepth;

    /// <summary>
    /// Statements written on set elements that the reader skipped (<c>limit rate 10/second</c>, <c>quota 1 mbytes</c>,
    /// <c>ct count 5</c>, or something newer): the caller reports them and clears the list.
    /// </summary>
    public List<NftSkippedElementStatement> SkippedElementStatements { get; } = [];

    public string File { get; } = file;

    public SourceLocation End { get; } = end;

    public bool AtEnd => _index >= tokens.Count;

    public int Position => _index;

    public NftToken? Peek(int ahead = 0) => _index + ahead < tokens.Count ? tokens[_index + ahead] : null;

    public bool PeekIs(string word, int ahead = 0) => Peek(ahead)?.Is(word) == true;

    public NftToken Next(Phrase expected)
    {
        if (AtEnd) throw new InputException(End, Messages.Format("NftEndsWhereExpected", (whole ?? Phrase.Of("NftWhatFile")).ToString(), expected.ToString()));
        return tokens[_index++];
    }

    public NftToken NextValue(Phrase expected)
    {
        var token = Next(expected);
        if (!token.IsValue) throw Unexpected(token, expected);
        return token;
    }

    public NftToken Expect(NftTokenKind kind, Phrase expected)
    {
        var token = Next(expected);
        if (token.Kind != kind) throw Unexpected(token, expected);
        return token;
    }

    /// <summary>"expected X, found 'Y'" at the token found.</summary>
    public InputException Unexpected(NftToken token, Phrase expected) =>
        Error(token, Messages.Format("NftExpectedFound", expected.ToString(), InputEcho.Escape(token.Display)));

    public bool TryTake(string word)
    {
        if (!PeekIs(word)) return false;
        _index++;
        return true;
    }

    public void SkipStatementEnds()
    {
        while (Peek()?.Kind == NftTokenKind.EndOfStatement) _index++;
    }

    /// <summary>Takes tokens up to the end of the statement (not included), keeping braces balanced.</summary>
    public ImmutableArray<NftToken> TakeStatement(NftToken opener)
    {
        var taken = ImmutableArray.CreateBuilder<NftToken>();
        var open = new Stack<NftToken>();
        while (!AtEnd)
        {
            var token = tokens[_index];
            if (token.Kind == NftTokenKind.EndOfStatement && open.Count == 0) break;
            if (token.Kind == NftTokenKind.CloseBrace)
            {
                if (open.Count == 0) break;
                open.Pop();
            }
            if (token.Kind == NftTokenKind.OpenBrace) open.Push(token);
            taken.Add(token);
            _index++;
        }
        if (open.Count > 0) throw Unclosed(open.Peek(), Phrase.Of("NftWhatStatementAtLine", opener.UseSite.Line));
        return taken.ToImmutable();
    }

    public InputException Error(NftToken token, string problem) => new(token.Location(File), problem);

    /// <summary>A brace left open at the end of the input: most often a truncated file.</summary>
    public InputException Unclosed(NftToken brace, Phrase what) =>
        new(End, Messages.Format("NftUnclosed", what.ToString(), brace.Line, brace.Column));

    /// <summary>
    /// A value: a word or string, <c>@set</c>, <c>{ … }</c>, a concatenation <c>a . b</c>, a spaced range
    /// <c>a - b</c>, a mask <c>syn / syn,ack</c>, and where <paramref name="allowList"/> (not inside braces) a
    /// comma list <c>established,related</c>.
    /// </summary>
    public NftValueSyntax ReadValue(Phrase expected, bool allowList)
    {
        var value = ReadUnmasked(expected, allowList);
        // One mask only: reading the mask as a value that may have its own mask would recurse once per '/'.
        if (PeekIs("/") && value is not NftSetValue)
        {
            _index++;
            var mask = ReadUnmasked(Phrase.Of("NftWhatMask"), allowList);
            value = new NftMaskedValue(value, mask);
        }
        return value;
    }

    private NftValueSyntax ReadUnmasked(Phrase expected, bool allowList)
    {
        var value = ReadConcatenation(expected);
        if (allowList && value is not NftSetValue && Peek()?.Kind == NftTokenKind.Comma)
        {
            var elements = ImmutableArray.CreateBuilder<NftElementSyntax>();
            elements.Add(new NftElementSyntax(value, []));
            while (Peek()?.Kind == NftTokenKind.Comma)
            {
                _index++;
                elements.Add(new NftElementSyntax(ReadConcatenation(expected), []));
            }
            value = new NftSetValue(value.Start, elements.ToImmutable(), Braced: false);
        }
        return value;
    }

    private NftValueSyntax ReadConcatenation(Phrase expected)
    {
        var first = ReadPrimary(expected);
        if (first is NftSetValue || !PeekIs(".")) return first;
        var parts = ImmutableArray.CreateBuilder<NftValueSyntax>();
        parts.Add(first);
        while (TryTake(".")) parts.Add(ReadPrimary(Phrase.Of("NftWhatConcatenationPart")));
        return new NftConcatenation(parts.ToImmutable());
    }

    private NftValueSyntax ReadPrimary(Phrase expected)
    {
        var token = Next(expected);
        if (token.Kind == NftTokenKind.OpenBrace) return ReadSet(token);
        if (!token.IsValue) throw Unexpected(token, expected);
        if (token.IsWord && token.Text.Length > 1 && token.Text[0] == '@') return new NftSetReference(token);
        // "1024-65535" spaced out, or a range of strings: meta hour "17:00" - "19:00".
        if (PeekIs("-") && Peek(1)?.IsValue == true)
        {
            _index++;
            var last = Next(Phrase.Of("NftWhatRangeEnd"));
            return new NftLiteral(new NftToken(NftTokenKind.Word, $"{token.Text}-{last.Text}", token.Line, token.Column, token.Origin));
        }
        return new NftLiteral(token);
    }

    private NftSetValue ReadSet(NftToken open)
    {
        // The tokenizer bounds the braces written in the file; variables can still nest sets deeper ("define
        // v2 = { $v1 }" …), and each level here is a level of recursion.
        if (++_setDepth > InputLimits.MaxNesting) throw NftTokenizer.TooDeep(File, open.Line, open.Column);
        try
        {
            var elements = ImmutableArray.CreateBuilder<NftElementSyntax>();
            while (true)
            {
                SkipStatementEnds();
                if (AtEnd) throw Unclosed(open, Phrase.Of("NftWhatSet"));
                if (Peek()!.Kind == NftTokenKind.CloseBrace)
                {
                    _index++;
                    return new NftSetValue(open, elements.ToImmutable(), Braced: true);
                }
                ReadElement(elements);
                SkipStatementEnds();
                if (AtEnd) throw Unclosed(open, Phrase.Of("NftWhatSet"));
                var separator = Peek()!;
                if (separator.Kind == NftTokenKind.Word) SkipElementStatement();
                separator = Peek() ?? throw Unclosed(open, Phrase.Of("NftWhatSet"));
                if (separator.Kind == NftTokenKind.Comma) _index++;
                else if (separator.Kind != NftTokenKind.CloseBrace)
                {
                    throw Error(separator, Messages.Format("NftExpectedSetSeparator", InputEcho.Escape(separator.Display)));
                }
            }
        }
        finally
        {
            _setDepth--;
        }
    }

    /// <summary>
    /// A statement written on an element that this reader does not know (nft 1.0 allows <c>limit</c>, <c>quota</c>,
    /// <c>ct count</c> there, and may allow more): skipped to the next <c>,</c> or <c>}</c> and recorded.
    /// </summary>
    private void SkipElementStatement()
    {
        var first = Peek()!;
        var skipped = new List<NftToken>();
        var depth = 0;
        while (!AtEnd)
        {
            var token = Peek()!;
            if (depth == 0 && token.Kind is NftTokenKind.Comma or NftTokenKind.CloseBrace) break;
            if (token.Kind == NftTokenKind.OpenBrace) depth++;
            if (token.Kind == NftTokenKind.CloseBrace) depth--;
            skipped.Add(token);
            _index++;
        }
        SkippedElementStatements.Add(new NftSkippedElementStatement(first, NftText.Join(skipped)));
    }

    private void ReadElement(ImmutableArray<NftElementSyntax>.Builder elements)
    {
        var key = ReadValue(Phrase.Of("NftWhatSetElement"), allowList: false);
        var splitColon = false;
        // "22: accept" — a colon written against the key belongs to the map syntax, not to the value.
        if (key is NftLiteral { Token: { IsWord: true } keyToken } && keyToken.Text.Length > 1 && keyToken.Text.EndsWith(':') && !keyToken.Text.EndsWith("::", StringComparison.Ordinal))
        {
            key = new NftLiteral(new NftToken(NftTokenKind.Word, keyToken.Text[..^1], keyToken.Line, keyToken.Column, keyToken.Origin));
            splitColon = true;
        }
        SkipElementOptions();
        var data = ImmutableArray<NftToken>.Empty;
        if (splitColon || TryTake(":"))
        {
            var taken = ImmutableArray.CreateBuilder<NftToken>();
            var depth = 0;
            while (!AtEnd)
            {
                var token = Peek()!;
                if (depth == 0 && token.Kind is NftTokenKind.Comma or NftTokenKind.CloseBrace) break;
                if (token.Kind == NftTokenKind.OpenBrace) depth++;
                if (token.Kind == NftTokenKind.CloseBrace) depth--;
                _index++;
                if (token.Kind != NftTokenKind.EndOfStatement) taken.Add(token);
            }
            data = taken.ToImmutable();
        }
        if (key is NftSetValue nested && data.IsEmpty)
        {
            // A set written inside a set ("{ $WEB_PORTS, 8080 }") is flattened, as nft does.
            elements.AddRange(nested.Elements);
            return;
        }
        elements.Add(new NftElementSyntax(key, data));
    }

    /// <summary>Per-element options that do not change membership: <c>timeout</c>, <c>expires</c>, <c>comment</c>, <c>counter</c>.</summary>
    private void SkipElementOptions()
    {
        while (true)
        {
            if (TryTake("timeout") || TryTake("expires")) Next(Phrase.Of("NftWhatDuration"));
            else if (TryTake("comment")) NextValue(Phrase.Of("NftWhatCommentString"));
            else if (TryTake("counter"))
            {
                if (TryTake("packets")) Next(Phrase.Of("NftWhatPacketCount"));
                if (TryTake("bytes")) Next(Phrase.Of("NftWhatByteCount"));
            }
            else if (TryTake("last"))
            {
                // "last used never", "last used 2s": when the element last matched.
                if (TryTake("used")) Next(Phrase.Of("NftWhatTimeOrNever"));
            }
            else return;
        }
    }
}

/// <summary>A statement on a set element that was skipped: its first token and its text.</summary>
internal sealed record NftSkippedElementStatement(NftToken Start, string Text);

/// <summary><c>syn / fin,syn,rst,ack</c>: a value under a bit mask; only opaque selectors take one.</summary>
internal sealed record NftMaskedValue(NftValueSyntax Value, NftValueSyntax Mask) : NftValueSyntax(Value.Start)
{
    public override string Display => $"{Value.Display} / {Mask.Display}";
}
