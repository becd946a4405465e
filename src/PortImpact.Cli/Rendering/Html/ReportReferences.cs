using System.Globalization;
using PortImpact.Core.Knowledge;
using PortImpact.Knowledge;

namespace PortImpact.Cli.Rendering.Html;

/// <summary>
/// The catalog entries a report names: each threat and capability in a table links to its entry at the end of the
/// report, where its bulletins and sources link to the documents the catalog rests on. Only http and https
/// addresses become links (a user's catalog may name anything).
/// </summary>
public sealed class ReportReferences(KnowledgeCatalog catalog, Text text)
{
    private readonly HashSet<string> _threats = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _capabilities = new(StringComparer.Ordinal);
    private readonly List<string> _sources = [];

    public HtmlFragment Threat(string id)
    {
        if (!catalog.Threats.Any(t => t.Id == id)) return HtmlFragment.Text(id);
        _threats.Add(id);
        return HtmlFragment.Element("a", id, ("href", "#" + HtmlId.For("threat", id)));
    }

    /// <param name="label">What the cell says (the capability, or "ad-logon (failover)").</param>
    public HtmlFragment Capability(string id, string label)
    {
        if (!catalog.Capabilities.ContainsKey(id)) return HtmlFragment.Text(label);
        _capabilities.Add(id);
        return HtmlFragment.Element("a", label, ("href", "#" + HtmlId.For("capability", id)));
    }

    /// <summary>"Sources: S16, S8", each id a link to its document, its title on hover.</summary>
    public HtmlFragment SourcesLine(IEnumerable<string> ids) =>
        HtmlFragment.Format(text["HtmlSourcesLine"], HtmlFragment.Join(", ", ids.Select(Source)));

    public HtmlFragment Source(string id)
    {
        if (!_sources.Contains(id)) _sources.Add(id);
        if (!catalog.Sources.TryGetValue(id, out var source)) return HtmlFragment.Text(id);
        return Address(source) is { } url
            ? HtmlFragment.Element("a", id, ("href", url), ("title", source.Title), ("rel", "noopener noreferrer"))
            : HtmlFragment.Element("span", id, ("title", source.Title));
    }

    public bool Any => _threats.Count > 0 || _capabilities.Count > 0 || _sources.Count > 0;

    /// <summary>The entries named so far: threats in catalog order, capabilities by id, then every source they cite.</summary>
    public void Write(HtmlPage page) => page.Section("references", text["HtmlReferencesHeader"], html =>
    {
        var threats = catalog.Threats.Where(t => _threats.Contains(t.Id)).ToList();
        if (threats.Count > 0)
        {
            html.Element("h3", text["HtmlThreatsHeader"]);
            html.Open("div", ("class", "references"));
            foreach (var threat in threats) WriteThreat(html, threat);
            html.Close();
        }
        if (_capabilities.Count > 0)
        {
            html.Element("h3", text["HtmlCapabilitiesHeader"]);
            html.Open("div", ("class", "references"));
            foreach (var id in _capabilities) WriteCapability(html, catalog.Capabilities[id]);
            html.Close();
        }
        if (_sources.Count > 0)
        {
            html.Element("h3", text["ThreatSources"]);
            html.Open("ol", ("class", "source-list"));
            foreach (var id in _sources) WriteSource(html, id);
            html.Close();
        }
    });

    private void WriteThreat(HtmlWriter html, Threat threat)
    {
        html.Open("article", ("class", "reference"), ("id", HtmlId.For("threat", threat.Id)));
        html.Element("h4", text.Format("ThreatTitle", threat.Name.In(text.Language), threat.Id, Date(threat.FirstSeen)));
        html.Element("p", threat.Summary.In(text.Language));
        // A vulnerability without a bulletin (PrintNightmare) is listed under its CVE as both; it is named once.
        var vulnerabilities = threat.Bulletins.Select(Bulletin)
            .Concat(threat.Cves.Where(cve => !threat.Bulletins.Contains(cve, StringComparer.OrdinalIgnoreCase)).Select(HtmlFragment.Text))
            .ToList();
        if (vulnerabilities.Count > 0)
        {
            html.Element("p", HtmlFragment.Format(text["ThreatBulletins"], HtmlFragment.Join(", ", vulnerabilities)), ("class", "meta"));
        }
        if (!threat.Sources.IsEmpty) html.Element("p", SourcesLine(threat.Sources), ("class", "meta"));
        html.Close();
    }

    /// <summary>A bulletin's id, with its title and publication date on hover and a link to its first document.</summary>
    private HtmlFragment Bulletin(string id)
    {
        if (!catalog.Bulletins.TryGetValue(id, out var bulletin)) return HtmlFragment.Text(id);
        var title = $"{bulletin.Title.In(text.Language)} ({text.Format("Published", Date(bulletin.Published))})";
        var url = bulletin.Sources.Select(s => catalog.Sources.GetValueOrDefault(s)).OfType<SourceReference>().Select(Address).FirstOrDefault(a => a is not null);
        foreach (var source in bulletin.Sources) if (!_sources.Contains(source)) _sources.Add(source);
        return url is null
            ? HtmlFragment.Element("span", id, ("title", title))
            : HtmlFragment.Element("a", id, ("href", url), ("title", title), ("rel", "noopener noreferrer"));
    }

    private void WriteCapability(HtmlWriter html, Capability capability)
    {
        html.Open("article", ("class", "reference"), ("id", HtmlId.For("capability", capability.Id)));
        html.Element("h4", text.Format("HtmlCapabilityTitle", capability.Name.In(text.Language), capability.Id));
        if (capability.Summary.En.Length > 0) html.Element("p", capability.Summary.In(text.Language));
        if (!capability.Sources.IsEmpty) html.Element("p", SourcesLine(capability.Sources), ("class", "meta"));
        html.Close();
    }

    private void WriteSource(HtmlWriter html, string id)
    {
        var label = HtmlFragment.Element("span", id, ("class", "source-id"));
        if (!catalog.Sources.TryGetValue(id, out var source))
        {
            html.Element("li", label, ("id", HtmlId.For("source", id)));
            return;
        }
        var title = Address(source) is { } url
            ? HtmlFragment.Element("a", source.Title, ("href", url), ("rel", "noopener noreferrer"))
            : HtmlFragment.Text(source.Title);
        html.Element("li", HtmlFragment.Concat(label, HtmlFragment.Text(" "), title), ("id", HtmlId.For("source", id)));
    }

    private static string? Address(SourceReference source) =>
        Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? source.Url
            : null;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
