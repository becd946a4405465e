using System.Collections.Immutable;
using System.Globalization;
using PortImpact.Core.Diagnostics;
using PortImpact.Core.Knowledge;
using PortImpact.Core.Ports;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// Reads values out of YAML nodes and turns every mismatch into an <see cref="InputException"/> that points at
/// the node, so that an author (of a catalog, a model, an overlay) sees the exact line and column rather than a
/// type-conversion message. The one place YAML nodes are located, their keys checked and their scalars read;
/// the model reader's file-bound <c>Formats.Model.YamlNodes</c> only passes its file to these.
/// </summary>
public static class YamlNodes
{
    public static SourceLocation At(this YamlNode node, string file) =>
        new(file, checked((int)node.Start.Line), checked((int)node.Start.Column));

    public static InputException Error(this YamlNode node, string file, string problem) => new(node.At(file), problem);

    /// <summary>A scalar's text as written, empty allowed (a model's <c>name: ""</c>); anything else is not a value.</summary>
    public static string Scalar(this YamlNode node, string file, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw node.Error(file, Messages.Format("YamlNotSingleValue", what, Describe(node)));

    /// <summary>
    /// A mapping's keys and values, each key once and every key among <paramref name="allowed"/>: a misspelt key
    /// (<c>sources</c> as <c>source</c>) would otherwise drop a fact without a word.
    /// </summary>
    public static Dictionary<string, YamlNode> CheckedKeys(this YamlMappingNode mapping, string file, string what, IReadOnlyCollection<string> allowed)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            // The phrase "a key of …" is built only for the message: a model of 20,000 hosts has 100,000 keys.
            var key = keyNode is YamlScalarNode { Value: { } text }
                ? text
                : throw keyNode.Error(file, Messages.Format("YamlNotSingleValue", Messages.Format("YamlWhatKeyOf", what), Describe(keyNode)));
            if (!allowed.Contains(key))
            {
                throw keyNode.Error(file, Messages.Format("YamlUnknownKey", InputEcho.Escape(key), what, string.Join(", ", allowed)));
            }
            if (!result.TryAdd(key, value))
            {
                throw keyNode.Error(file, Messages.Format("YamlDuplicateKey", InputEcho.Escape(key), what));
            }
        }
        return result;
    }

    /// <summary>A scalar's text; an empty plain scalar (<c>key:</c> with nothing after it) counts as missing.</summary>
    public static string Text(this YamlNode node, string file, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw node.Error(file, Messages.Format("YamlNotSingleValue", what, Describe(node)));
        }
        var value = scalar.Value?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            throw node.Error(file, Messages.Format("YamlEmpty", what));
        }
        return value;
    }

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, string file, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }
        throw node.Error(file, Messages.Format("YamlNotList", what, Describe(node)));
    }

    /// <summary>A list of plain values such as <c>[S1a, S2]</c>.</summary>
    public static ImmutableArray<string> Texts(this YamlNode node, string file, string what)
    {
        var items = node.Items(file, what);
        var entry = Messages.Format("YamlWhatEntryOf", what);
        return [.. items.Select(item => item.Text(file, entry))];
    }

    public static bool Flag(this YamlNode node, string file, string what) =>
        node.Text(file, what).ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            var other => throw node.Error(file, Messages.Format("YamlNotBoolean", what, other)),
        };

    public static DateOnly Date(this YamlNode node, string file, string what)
    {
        var text = node.Text(file, what);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw node.Error(file, Messages.Format("YamlNotDate", what, text));
    }

    /// <summary>Picks one of a fixed set of words, naming the allowed ones when the value is not among them.</summary>
    public static T Choice<T>(this YamlNode node, string file, string what, IReadOnlyDictionary<string, T> choices)
    {
        var text = node.Text(file, what);
        return choices.TryGetValue(text, out var value)
            ? value
            : throw node.Error(file, Messages.Format("YamlNotChoice", what, string.Join(", ", choices.Keys), text));
    }

    /// <summary><c>135,139,445</c>, <c>137-138</c> or a list of such values.</summary>
    public static PortSet Ports(this YamlNode node, string file, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.Aggregate(PortSet.Empty, (set, item) => set.Union(item.Ports(file, what)));
        }
        var text = node.Text(file, what);
        return PortSet.TryParse(text, out var ports, out var error) ? ports : throw node.Error(file, Messages.Format("YamlValueProblem", what, error));
    }

    /// <summary><c>{ tcp: "135,139", udp: 137-138 }</c>; an empty mapping selects nothing.</summary>
    public static PortSelection Selection(this YamlNode node, string file, string what)
    {
        var map = YamlMap.Of(node, file, what, "tcp", "udp");
        var tcp = map.Get("tcp")?.Ports(file, Messages.Format("YamlWhatTcpPortsOf", what)) ?? PortSet.Empty;
        var udp = map.Get("udp")?.Ports(file, Messages.Format("YamlWhatUdpPortsOf", what)) ?? PortSet.Empty;
        return new PortSelection(tcp, udp);
    }

    /// <summary><c>tcp/135</c> or a list <c>[tcp/445, tcp/139]</c>, the form threat steps use.</summary>
    public static PortSelection TransportPorts(this YamlNode node, string file, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0)
            {
                throw node.Error(file, Messages.Format("YamlNoPorts", what));
            }
            return sequence.Children.Aggregate(PortSelection.None, (all, item) => all.Union(item.TransportPorts(file, what)));
        }
        var text = node.Text(file, what);
        var slash = text.IndexOf('/');
        if (slash < 0 || !TransportNames.TryParse(text[..slash], out var transport))
        {
            throw node.Error(file, Messages.Format("YamlNotTransportPorts", what, text));
        }
        if (!PortSet.TryParse(text[(slash + 1)..], out var ports, out var error))
        {
            throw node.Error(file, Messages.Format("YamlValueProblem", what, error));
        }
        return PortSelection.Of(transport, ports);
    }

    /// <summary>
    /// <c>{ en: ..., ja: ... }</c>, or a bare string taken as English. Japanese may be left out in a user's
    /// extension file (English then stands in); the built-in catalog's tests insist on both.
    /// </summary>
    public static LocalizedText Localized(this YamlNode node, string file, string what)
    {
        if (node is YamlScalarNode)
        {
            return new LocalizedText(node.Text(file, what));
        }
        var map = YamlMap.Of(node, file, what, "en", "ja");
        return new LocalizedText(
            map.Require("en").Text(file, Messages.Format("YamlWhatEnglishOf", what)),
            map.Get("ja")?.Text(file, Messages.Format("YamlWhatJapaneseOf", what)));
    }

    /// <summary>What a node is, in the reader's language, for "must be a list, not a mapping".</summary>
    public static string Describe(YamlNode node) => Messages.Format(node switch
    {
        YamlMappingNode => "YamlKindMapping",
        YamlSequenceNode => "YamlKindList",
        _ => "YamlKindValue",
    });
}
