using System.Text;

namespace PortImpact.Formats.RuleSets.Nftables;

/// <summary>Writes tokens back as one line of text the way the admin wrote them: <c>$NAME</c> rather than its value.</summary>
internal static class NftText
{
    public static string Join(IEnumerable<NftToken> tokens)
    {
        var text = new StringBuilder();
        NftToken? previous = null;
        foreach (var token in tokens)
        {
            if (token.Kind == NftTokenKind.EndOfStatement) continue;
            // A variable's value is shown once, as the variable the admin wrote.
            var written = token.UseSite;
            if (previous is not null && ReferenceEquals(written, previous)) continue;
            if (previous is not null && written.Kind != NftTokenKind.Comma && !Adjacent(previous, written)) text.Append(' ');
            text.Append(written.Display);
            previous = written;
        }
        return text.ToString();
    }

    /// <summary>Written with nothing between them (<c>new,untracked</c>): kept that way.</summary>
    private static bool Adjacent(NftToken previous, NftToken next) =>
        previous.Line == next.Line && previous.Column + previous.Display.Length == next.Column;
}
