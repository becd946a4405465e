using System.Globalization;
using System.Resources;
using PortImpact.Engine.Results;
using PortImpact.Core.Model;

namespace PortImpact.Cli.Rendering;

/// <summary>
/// User-visible sentences in the chosen language, read from Strings.resx / Strings.ja.resx
/// (generated from tools/resx/strings.tsv).
/// </summary>
public sealed class Text
{
    private static readonly ResourceManager Resources = new("PortImpact.Cli.Resources.Strings", typeof(Text).Assembly);
    private readonly CultureInfo _culture;

    public Text(string language)
    {
        Language = language;
        // Container images often run with invariant globalization; the project allows cultures that are not
        // predefined there (PredefinedCulturesOnly false), so a culture by name still finds its satellite resources.
        _culture = CultureInfo.GetCultureInfo(language == "ja" ? "ja" : "en");
    }

    public string Language { get; }

    public string this[string key] => Resources.GetString(key, _culture) ?? key;

    /// <summary>A sentence with its arguments; <c>{0:plural:host group|host groups}</c> writes the count and the form it takes.</summary>
    public string Format(string key, params object?[] args) => string.Format(new PluralFormatter(_culture), this[key], args);

    public string State(DependencyState state) => this[state switch
    {
        DependencyState.Works => "StateWorks",
        DependencyState.Degraded => "StateDegraded",
        _ => "StateBroken",
    }];

    public string State(Exposure exposure) => this[exposure == Exposure.Exposed ? "StateExposed" : "StateBlocked"];

    public string Attacker(string position) => AttackerPosition.Parse(position) switch
    {
        { Kind: AttackerPositionKind.Lan } => this["AttackerLan"],
        { Kind: AttackerPositionKind.Site } site => Format("AttackerSite", site.Place!),
        _ => position,
    };

    /// <summary>The language to speak when the user did not say: Japanese for a Japanese UI culture.</summary>
    public static string DefaultLanguage() =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? "ja" : "en";
}
