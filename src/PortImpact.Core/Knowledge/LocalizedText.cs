namespace PortImpact.Core.Knowledge;

/// <summary>A sentence of the catalog in English and Japanese; English stands in when Japanese is missing.</summary>
public sealed record LocalizedText(string En, string? Ja = null)
{
    public static readonly LocalizedText Empty = new(string.Empty);

    public string In(string language) => language == "ja" && !string.IsNullOrEmpty(Ja) ? Ja : En;

    public override string ToString() => En;
}
