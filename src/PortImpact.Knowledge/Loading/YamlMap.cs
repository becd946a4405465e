using PortImpact.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// A YAML mapping with a fixed set of allowed keys. Unknown keys are rejected when the map is opened, because a
/// misspelt key (<c>sources</c> as <c>source</c>) would otherwise drop a fact without a word.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, YamlNode> _values;
    private readonly string _file;
    private readonly string _what;

    private YamlMap(YamlMappingNode node, string file, string what, Dictionary<string, YamlNode> values)
    {
        Node = node;
        _file = file;
        _what = what;
        _values = values;
    }

    public YamlMappingNode Node { get; }

    public SourceLocation Location => Node.At(_file);

    public IEnumerable<string> Keys => _values.Keys;

    public static YamlMap Of(YamlNode node, string file, string what, params string[] allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw node.Error(file, Messages.Format("YamlNotMappingKeyValue", what, YamlNodes.Describe(node)));
        }
        return new YamlMap(mapping, file, what, mapping.CheckedKeys(file, what, allowedKeys));
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public YamlNode? Get(string key) => _values.GetValueOrDefault(key);

    public YamlNode Require(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw Node.Error(_file, Messages.Format("YamlMissingKey", _what, key));
}
