namespace PortImpact.Core.RuleSets;

/// <summary>
/// Where a packet meets netfilter's chains: <c>prerouting</c>, <c>input</c>, <c>forward</c>, <c>output</c>,
/// <c>postrouting</c> (and nftables' <c>ingress</c> / <c>egress</c>). The only place these names and the order a packet
/// passes them are known: a routed packet meets prerouting, forward and postrouting; one for the host, prerouting and input.
/// </summary>
public readonly record struct NetfilterHook
{
    private NetfilterHook(string name) => Name = name;

    public string Name { get; }

    public static NetfilterHook Prerouting { get; } = new("prerouting");
    public static NetfilterHook Input { get; } = new("input");
    public static NetfilterHook Forward { get; } = new("forward");
    public static NetfilterHook Output { get; } = new("output");
    public static NetfilterHook Postrouting { get; } = new("postrouting");
    public static NetfilterHook Ingress { get; } = new("ingress");
    public static NetfilterHook Egress { get; } = new("egress");

    public static IReadOnlyList<NetfilterHook> All { get; } = [Prerouting, Input, Forward, Output, Postrouting, Ingress, Egress];

    /// <summary>A hook's name, in any case (iptables writes <c>INPUT</c>, nftables <c>input</c>).</summary>
    public static bool TryParse(string? text, out NetfilterHook hook)
    {
        foreach (var known in All)
        {
            if (string.Equals(known.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                hook = known;
                return true;
            }
        }
        hook = default;
        return false;
    }

    public static NetfilterHook Parse(string text) =>
        TryParse(text, out var hook) ? hook : throw new ArgumentException($"'{text}' is not a netfilter hook", nameof(text));

    /// <summary>The hooks a packet asked about here passes, in order.</summary>
    public IReadOnlyList<NetfilterHook> OnTheWay =>
        this == Forward ? [Prerouting, Forward, Postrouting]
        : this == Input ? [Prerouting, Input]
        : this == Output ? [Output, Postrouting]
        : [this];

    /// <summary>Whether a chain's hook, as its reader wrote it, is this one.</summary>
    public bool IsNamed(string? chainHook) => string.Equals(Name, chainHook, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Name ?? "";
}
