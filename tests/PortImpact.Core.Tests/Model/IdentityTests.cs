using PortImpact.Core.Change;
using PortImpact.Core.Model;
using PortImpact.Core.RuleSets;

namespace PortImpact.Core.Tests.Model;

/// <summary>Identities users write and reports print: each spelling is parsed and printed by its type alone, and round-trips.</summary>
public sealed class IdentityTests
{
    [Theory]
    [InlineData("wan-router", false, "wan-router")]
    [InlineData("host:dc1", true, "dc1")]
    [InlineData("host:", false, "host:")] // no name after the prefix: a point of that odd name, not an empty host
    public void A_filter_point_is_a_point_or_a_host_firewall(string text, bool isHost, string name)
    {
        var id = FilterPointId.Parse(text);
        Assert.Equal((isHost, name), (id.IsHost, id.Name));
        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void Host_keys_are_the_host_firewalls_spelling()
    {
        Assert.Equal("host:pc", FilterPointId.HostKey("pc"));
        Assert.True(FilterPointId.IsHostKey(FilterPointId.HostKey("pc")));
        Assert.False(FilterPointId.IsHostKey("perimeter-fw"));
        Assert.Throws<ArgumentException>(() => FilterPointId.Point(""));
    }

    [Theory]
    [InlineData("lan", AttackerPositionKind.Lan, null, 1)]
    [InlineData("site:branch", AttackerPositionKind.Site, "branch", 2)]
    [InlineData("internet", AttackerPositionKind.Zone, "internet", 0)]
    [InlineData("dmz", AttackerPositionKind.Zone, "dmz", 0)]
    public void An_attacker_position_is_a_zone_a_site_or_the_victims_lan(string text, AttackerPositionKind kind, string? place, int rank)
    {
        var position = AttackerPosition.Parse(text);
        Assert.Equal((kind, place, rank), (position.Kind, position.Place, position.ReportRank));
        Assert.Equal(text, position.ToString());
    }

    [Fact]
    public void The_lan_attacks_from_the_victims_own_site_and_others_from_their_place()
    {
        Assert.Equal("hq", AttackerPosition.Lan.PlaceAgainst("hq"));
        Assert.Equal("branch", AttackerPosition.Site("branch").PlaceAgainst("hq"));
        Assert.Equal("internet", AttackerPosition.Zone("internet").PlaceAgainst("hq"));
    }

    [Theory]
    [InlineData("perimeter", typeof(AtPerimeter))]
    [InlineData("inter-site", typeof(AtInterSite))]
    [InlineData("hosts", typeof(AtHosts))]
    [InlineData("hosts:workstation", typeof(AtHosts))]
    [InlineData("hosts:", typeof(AtPoint))]
    [InlineData("wan-router", typeof(AtPoint))]
    public void A_placement_is_parsed_by_its_words(string text, Type expected)
    {
        var placement = Placement.Parse(text);
        Assert.IsType(expected, placement);
        Assert.Equal(text, placement.Id);
    }

    [Theory]
    [InlineData("FORWARD", "prerouting,forward,postrouting")]
    [InlineData("input", "prerouting,input")]
    [InlineData("Output", "output,postrouting")]
    [InlineData("prerouting", "prerouting")]
    public void A_hook_is_named_in_any_case_and_knows_the_hooks_a_packet_passes(string text, string onTheWay)
    {
        Assert.True(NetfilterHook.TryParse(text, out var hook));
        Assert.Equal(onTheWay, string.Join(",", hook.OnTheWay));
        Assert.True(hook.IsNamed(text.ToUpperInvariant()));
        Assert.False(NetfilterHook.TryParse("sideways", out _));
    }

    [Theory]
    [InlineData("Domain", 0)]
    [InlineData("private", 1)]
    [InlineData("PUBLIC", 2)]
    public void A_windows_profile_is_named_in_any_case_and_printed_as_windows_writes_it(string text, int index)
    {
        Assert.True(FirewallProfile.TryParse(text, out var profile));
        Assert.Equal(index, profile.Index);
        Assert.Equal(FirewallProfile.All[index], profile);
        Assert.Equal(char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant(), profile.ToString());
    }

    [Fact]
    public void A_profile_left_unsaid_is_domain_and_no_other_word_is_a_profile()
    {
        // A domain member on its company network is in the Domain profile: what an unsaid profile must mean.
        Assert.Equal(FirewallProfile.Domain, default(FirewallProfile));
        Assert.Equal("Domain", default(FirewallProfile).Name);
        Assert.False(FirewallProfile.TryParse("domainprofile", out _));
        Assert.False(FirewallProfile.TryParse("", out _));
        Assert.False(FirewallProfile.TryParse(null, out _));
        Assert.Contains("Domain, Private, Public", Assert.Throws<ArgumentException>(() => FirewallProfile.Parse("Any")).Message);
    }
}
