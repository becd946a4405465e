using System.Globalization;
using PortImpact.Core.Diagnostics;
using YamlDotNet.Core;
using PortImpact.Knowledge.Loading;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Formats.Model;

/// <summary>
/// Typed access to a model's or overlay's YAML node tree, bound to its file: every problem is reported at the node's
/// line and column. Keeping the representation model (instead of deserialising to classes) is what lets us name a
/// column for a bad value. Locating, key checking and scalar reading are <see cref="Knowledge.Loading.YamlNodes"/>'s,
/// shared with the catalogs; what is here is only what a model has and a catalog does not.
/// </summary>
public sealed class YamlNodes(string file)
{
    public string File => file;

    public SourceLocation At(YamlNode node) => node.At(file);

    public SourceLocation At(Mark mark) => new(file, checked((int)mark.Line), checked((int)mark.Column));

    public InputException Error(YamlNode node, string problem) => node.Error(file, problem);

    public YamlNode? Load(TextReader reader) => YamlText.LoadRoot(reader.ReadToEnd(), file);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, Messages.Format("ModelNotMapping", what));

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, Messages.Format("ModelNotList", what));

    public string Scalar(YamlNode node, string what) => node.Scalar(file, what);

    /// <summary>A scalar or a list of scalars, for keys that take either.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> Scalars(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.Select(child => (Scalar(child, what), child)).ToList();
        }
        return [(Scalar(node, what), node)];
    }

    public int Integer(YamlNode node, string what, int min, int max)
    {
        var text = Scalar(node, what);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Error(node, Messages.Format("ModelNotInteger", what, min, max, InputEcho.Escape(text)));
        }
        return value;
    }

    public bool Boolean(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(node, Messages.Format("YamlNotBoolean", what, InputEcho.Escape(text))),
        };
    }

    /// <summary>Checks the keys of a mapping, so a typo is reported rather than silently ignored, and that the required ones are there.</summary>
    public Dictionary<string, YamlNode> Keys(YamlMappingNode mapping, string what, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required)
    {
        var result = mapping.CheckedKeys(file, what, allowed);
        foreach (var key in required)
        {
            if (!result.ContainsKey(key)) throw Error(mapping, Messages.Format("ModelMissingKey", what, key));
        }
        return result;
    }
}
