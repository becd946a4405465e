using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Tests.Diagnostics;

/// <summary>"Did you mean" suggests the known name a mistyped one most likely is, and nothing when it is only a guess.</summary>
public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("analyse", "analyze")]
    [InlineData("balster", "blaster")]
    [InlineData("wan-routr", "wan-router")]
    [InlineData("--att", "--at")]
    [InlineData("WORKSTATION", "workstation")]
    public void A_near_miss_is_suggested(string typed, string meant)
    {
        Assert.Equal(meant, Suggestions.Closest(typed, ["analyze", "recommend", "blaster", "sasser", "wan-router", "perimeter-fw", "--at", "--close", "workstation"]));
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("r")]
    [InlineData("dc3")]
    [InlineData("")]
    public void A_word_near_nothing_or_equally_near_two_names_gets_no_suggestion(string typed)
    {
        // dc3 is one edit from dc1 and from dc2: suggesting either would be a guess.
        Assert.Null(Suggestions.Closest(typed, ["dc1", "dc2", "analyze", "recommend"]));
    }

    [Fact]
    public void The_hint_quotes_the_name_escaped()
    {
        Assert.Equal(" (did you mean 'blaster'?)", Suggestions.Hint("blastr", ["blaster"]));
        Assert.Equal("", Suggestions.Hint("blaster", ["blaster"]));
    }
}
