namespace PortImpact.Core.Diagnostics;

/// <summary>
/// Words of a message not yet looked up: the key of a phrase in tools/resx/messages.tsv and its arguments. A reader
/// says what it expects next ("the chain's name") with every token it takes, and needs the words only when the
/// token is wrong; a phrase costs nothing until then, where the looked-up text would cost a lookup per token.
/// </summary>
public readonly record struct Phrase(string Key, object?[] Args)
{
    public static Phrase Of(string key, params object?[] args) => new(key, args);

    /// <summary>The phrase in the reader's language (<see cref="Messages.Format"/>).</summary>
    public override string ToString() => Messages.Format(Key, Args);
}
