using PortImpact.Core.Diagnostics;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>What a token of an nftables script is.</summary>
internal enum NftTokenKind
{
    /// <summary>A bare word: keyword, name, number, address, operator (<c>!=</c>, <c>.</c>, <c>:</c>, <c>=</c>).</summary>
    Word,
    /// <summary>A <c>"…"</c> string, quotes removed: always a value, never a keyword.</summary>
    QuotedString,
    OpenBrace,
    CloseBrace,
    Comma,
    /// <summary>A newline or a <c>;</c>: both end a statement; inside a value's braces they mean nothing.</summary>
    EndOfStatement,
}

/// <summary>
/// One token with where it is (1-based line and column). A token copied in by <c>$NAME</c> keeps the line of
/// its definition (where a bad value would be fixed) and points at the use in <see cref="Origin"/>, so that
/// a rule's text and line are the ones the admin wrote.
/// </summary>
internal sealed class NftToken(NftTokenKind kind, string text, int line, int column, NftToken? origin = null)
{
    public NftTokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The <c>$NAME</c> token this one was substituted for, or null when it is in the file where it is used.</summary>
    public NftToken? Origin { get; } = origin;

    /// <summary>Where the admin wrote this token in the statement that uses it.</summary>
    public NftToken UseSite => Origin ?? this;

    public bool IsWord => Kind == NftTokenKind.Word;

    public bool Is(string word) => Kind == NftTokenKind.Word && Text == word;

    /// <summary>A name or value: a bare word or a quoted string.</summary>
    public bool IsValue => Kind is NftTokenKind.Word or NftTokenKind.QuotedString;

    public NftToken SubstitutedAt(NftToken use) => new(Kind, Text, Line, Column, use);

    public SourceLocation Location(string file) => new(file, Line, Column);

    /// <summary>The token as it would be written back: strings quoted, statement ends as <c>;</c>.</summary>
    public string Display => Kind switch
    {
        NftTokenKind.QuotedString => $"\"{Text}\"",
        NftTokenKind.EndOfStatement => ";",
        _ => Text,
    };

    public override string ToString() => $"{Display}@{Line}:{Column}";
}
