namespace PortImpact.Core.Diagnostics;

/// <summary>
/// The bounds every reader holds to, so that a hostile or broken file is refused with a clear message instead of
/// exhausting the stack, the memory or the user's patience. Real files sit far inside them: the largest firewall
/// exports in ../shared/samples nest a dozen levels and have lines of a few kilobytes.
/// </summary>
public static class InputLimits
{
    /// <summary>Brackets, braces, YAML collections or XML elements inside each other.</summary>
    public const int MaxNesting = 256;

    /// <summary>Characters on one line of a text file.</summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>Bytes of one input file (rule file, model, overlay, catalog, response file).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Values a definition, variable or set may expand into (nftables <c>define</c>, IOS object-groups).</summary>
    public const int MaxExpansion = 1_000_000;

    /// <summary>Characters of the input quoted back in a message.</summary>
    public const int MaxEcho = 80;
}
