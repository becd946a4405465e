using System.Collections.Immutable;
using PortImpact.Core.Diagnostics;
using PortImpact.Knowledge.Loading;
using PortImpact.Core.Model;
using PortImpact.Engine.Policies;
using PortImpact.Knowledge;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Formats.Model;

/// <summary>
/// Reads a policy overlay (<c>analyze --policy FILE</c>, written by <c>recommend --as-policy</c>): rules laid
/// over a change, per enforcement point or host firewall, in the grammar of the model's <c>policies</c>.
/// A permit exempts its traffic from the change (the point's own rules still decide it); a deny closes
/// more. Names resolve against the model the overlay is applied to.
/// </summary>
public sealed class OverlayReader(KnowledgeCatalog catalog)
{
    private static readonly string[] RootKeys = ["model", "change", "policies"];
    private static readonly string[] DefaultKeys = ["default", "defaultIn", "defaultOut"];

    public PolicyOverlay ReadFile(string path, NetworkModel model)
    {
        var bytes = InputFiles.ReadAllBytes(path, Messages.Format("FileWhatOverlay"));
        return FileKinds.Read(bytes, path, FileKinds.Kind.Overlay, () => Parse(InputFiles.DecodeText(bytes, path), path, model));
    }

    public PolicyOverlay Parse(string text, string file, NetworkModel model)
    {
        var yaml = new YamlNodes(file);
        var root = yaml.Load(new StringReader(text)) ?? throw new InputException(new SourceLocation(file, 1, 1), Messages.Format("OverlayEmpty"));
        var what = Messages.Format("FileWhatOverlay");
        var keys = yaml.Keys(yaml.Mapping(root, what), what, RootKeys, ["policies"]);
        foreach (var entry in yaml.Sequence(keys["policies"], "policies").Children)
        {
            // An overlay changes no default: what no rule of it matches goes on to the change and the point's own rules.
            if (entry is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name } && DefaultKeys.Contains(name))
                    {
                        throw yaml.Error(key, Messages.Format("OverlayNoDefaults", name));
                    }
                }
            }
        }

        var context = new ModelReader.Context(yaml, catalog);
        foreach (var place in model.Places) context.Places[place.Name] = place;
        foreach (var host in model.Hosts) context.Hosts[host.Name] = host;
        foreach (var point in model.Points) context.PointOrder.Add((point.Name, point.Location ?? new SourceLocation(model.SourceFile, 1, 1)));
        var points = new Dictionary<string, Policy>(StringComparer.Ordinal);
        new PolicyReader(context).Read(keys["policies"], points);

        return PolicyOverlay.Of(points.Select(p => (FilterPointId.Point(p.Key), p.Value.Rules))
            .Concat(context.HostPolicies.Select(h => (FilterPointId.HostFirewall(h.Key), h.Value.Rules))));
    }
}
