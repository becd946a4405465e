using PortImpact.Core.Diagnostics;

namespace PortImpact.Knowledge.Tests;

/// <summary>
/// A broken catalog must be reported at the line and column where it is broken, because users will write their
/// own catalog files and need to be pointed at their mistake.
/// </summary>
public sealed class LoaderErrorTests
{
    private static InputException LoadFails(string yaml) =>
        Assert.Throws<InputException>(() => CatalogYaml.Load(yaml, "bad.yaml"));

    private static void AssertAt(InputException error, int line, int column)
    {
        Assert.Equal("bad.yaml", error.Location.File);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Malformed_yaml_is_reported_where_the_parser_stopped()
    {
        var error = LoadFails("""
            sources:
              - id: s1
                title: "never closed
            """);

        AssertAt(error, 3, 12);
    }

    [Fact]
    public void An_unclosed_flow_list_is_reported_on_the_line_after_it()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: t }
            capabilities:
              - id: smb
                name: SMB
                summary: files
                requires: { tcp: 445 }
                sources: [s1
            """);

        Assert.Equal("bad.yaml", error.Location.File);
        Assert.True(error.Location.Line >= 8, error.Message);
    }

    [Fact]
    public void An_unknown_key_is_reported_at_the_key()
    {
        var error = LoadFails("""
            sources:
              - id: s1
                title: A source
                colour: blue
            """);

        AssertAt(error, 4, 5);
        Assert.Contains("unknown key 'colour'", error.Problem);
    }

    [Fact]
    public void A_key_written_twice_is_reported_at_the_second()
    {
        // YAML keeps one of the two values; which fact the author meant is not for the loader to guess.
        var error = LoadFails("""
            sources:
              - id: s1
                title: A source
                title: Another
            """);

        AssertAt(error, 4, 5);
        Assert.Contains("title", error.Problem);
        Assert.Contains("uplicate key", error.Problem);
    }

    [Fact]
    public void An_unknown_top_level_section_is_reported()
    {
        var error = LoadFails("""
            sources: []
            worms: []
            """);

        AssertAt(error, 2, 1);
    }

    [Fact]
    public void A_port_beyond_65535_is_reported_at_the_value()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            capabilities:
              - id: smb
                name: SMB
                summary: Files
                requires: { tcp: 70000 }
                sources: [s1]
            """);

        AssertAt(error, 7, 22);
        Assert.Contains("70000", error.Problem);
    }

    [Fact]
    public void A_threat_step_port_beyond_65535_is_reported_at_the_value()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            threats:
              - id: w
                name: W
                kind: worm
                firstSeen: 2003-08-11
                spreadsFromInternet: true
                summary: A worm
                steps:
                  - { from: attacker, to: victim, ports: [tcp/445, udp/99999], purpose: exploit }
                sources: [s1]
            """);

        AssertAt(error, 11, 56);
    }

    [Fact]
    public void A_dangling_capability_reference_is_reported_where_it_is_written()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            capabilities:
              - id: logon
                name: Logon
                summary: Logon
                requires:
                  all:
                    - tcp: 88
                    - capability: no-such-thing
                sources: [s1]
            """);

        AssertAt(error, 10, 23);
        Assert.Contains("unknown capability 'no-such-thing'", error.Problem);
    }

    [Fact]
    public void A_dangling_source_id_is_reported_where_it_is_written()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            capabilities:
              - id: smb
                name: SMB
                summary: Files
                requires: { tcp: 445 }
                sources: [s1, s2]
            """);

        AssertAt(error, 8, 19);
        Assert.Contains("unknown source 's2'", error.Problem);
    }

    [Fact]
    public void A_dangling_server_role_is_reported_where_it_is_written()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            capabilities:
              - { id: smb, name: SMB, summary: Files, requires: { tcp: 445 }, sources: [s1] }
            roles:
              - id: workstation
                name: PC
                implies:
                  - { capability: smb, server: file-srv, select: nearest }
                sources: [s1]
            """);

        AssertAt(error, 9, 36);
        Assert.Contains("unknown role 'file-srv'", error.Problem);
    }

    [Fact]
    public void A_dangling_bulletin_is_reported_where_it_is_written()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            threats:
              - id: w
                name: W
                kind: worm
                firstSeen: 2003-08-11
                bulletins: [MS99-999]
                spreadsFromInternet: true
                summary: A worm
                steps:
                  - { from: attacker, to: victim, ports: tcp/135, purpose: exploit }
                sources: [s1]
            """);

        AssertAt(error, 8, 17);
        Assert.Contains("unknown bulletin 'MS99-999'", error.Problem);
    }

    [Fact]
    public void A_capability_that_needs_itself_is_refused()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            capabilities:
              - { id: a, name: A, summary: A, requires: { capability: b }, sources: [s1] }
              - { id: b, name: B, summary: B, requires: { all: [ { tcp: 1 }, { capability: a } ] }, sources: [s1] }
            """);

        Assert.Contains("requires itself", error.Problem);
        Assert.Equal(4, error.Location.Line);
    }

    [Fact]
    public void An_id_defined_twice_is_refused_at_the_second_definition()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
              - { id: s1, title: The same source }
            """);

        AssertAt(error, 3, 5);
        Assert.Contains("defined twice", error.Problem);
    }

    [Theory]
    [InlineData("requires: { tcp: 445, udp: 137 }", "exactly one of")]
    [InlineData("requires: { tcp: 445, toward: nobody }", "toward must be one of")]
    [InlineData("requires: { capability: smb, toward: client }", "'toward' belongs to a port need")]
    [InlineData("requires: { any: [] }", "lists no parts")]
    [InlineData("requires: { tcp: 445-80 }", "runs backwards")]
    public void Malformed_requirements_are_refused(string requires, string expected)
    {
        var error = LoadFails($"""
            sources:
              - {"{"} id: s1, title: A source {"}"}
            capabilities:
              - id: smb
                name: SMB
                summary: Files
                {requires}
                sources: [s1]
            """);

        Assert.Contains(expected, error.Problem);
        Assert.Equal(7, error.Location.Line);
    }

    [Theory]
    [InlineData("kind: worm", "kind: virus", "kind must be one of")]
    [InlineData("firstSeen: 2003-08-11", "firstSeen: 11/08/2003", "yyyy-mm-dd")]
    [InlineData("cves: [CVE-2003-0352]", "cves: [MS03-026]", "is not a CVE id")]
    [InlineData("victimRoles: []", "victimRoles: [SQL Server]", "lower-case")]
    [InlineData("spreadsFromInternet: true", "spreadsFromInternet: maybe", "true or false")]
    public void Malformed_threat_fields_are_refused(string good, string bad, string expected)
    {
        const string Threat = """
            sources:
              - { id: s1, title: A source }
            threats:
              - id: w
                name: W
                kind: worm
                firstSeen: 2003-08-11
                cves: [CVE-2003-0352]
                victimRoles: []
                spreadsFromInternet: true
                summary: A worm
                steps:
                  - { from: attacker, to: victim, ports: tcp/135, purpose: exploit }
                sources: [s1]
            """;
        var line = Threat.Split('\n').ToList().FindIndex(l => l.Trim() == good) + 1;
        CatalogYaml.Load(Threat);

        var error = LoadFails(Threat.Replace(good, bad, StringComparison.Ordinal));

        Assert.Contains(expected, error.Problem);
        Assert.Equal(line, error.Location.Line);
    }

    [Fact]
    public void A_fact_without_sources_is_refused()
    {
        var error = LoadFails("""
            sources:
              - { id: s1, title: A source }
            services:
              - name: smb
                ports: { tcp: 445 }
                sources: []
            """);

        AssertAt(error, 6, 14);
    }
}
