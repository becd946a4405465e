using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Tests.Diagnostics;

/// <summary>Input quoted in a message stays on one line and cannot drive the terminal (fuzzing: an ESC in a site name).</summary>
public sealed class InputEchoTests
{
    [Fact]
    public void Control_characters_are_shown_escaped()
    {
        Assert.Equal("'a\\x1B[31mb\\nc\\rd\\x00e\\x7F'", InputEcho.Quote("a\u001b[31mb\nc\rd\0e\u007f"));
    }

    [Fact]
    public void Long_input_is_shortened_with_an_ellipsis()
    {
        var echoed = InputEcho.Escape(new string('(', 200_000));
        Assert.Equal(new string('(', InputLimits.MaxEcho) + "…", echoed);
    }

    [Fact]
    public void Bidirectional_overrides_and_line_separators_are_escaped()
    {
        Assert.Equal("a\\x202Eb\\x2028c", InputEcho.Escape("a\u202Eb\u2028c"));
    }

    [Fact]
    public void A_clean_message_is_left_as_it_is_and_a_dirty_one_becomes_one_line()
    {
        const string clean = "m.yaml:1:1: unknown key 'x' — 日本語";
        Assert.Same(clean, InputEcho.Sanitize(clean));
        Assert.Equal("bad\\nline\\x1B", InputEcho.Sanitize("bad\nline\u001b"));
    }
}
