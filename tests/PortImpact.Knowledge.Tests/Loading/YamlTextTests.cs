using PortImpact.Core.Diagnostics;
using PortImpact.Knowledge.Loading;
using YamlDotNet.RepresentationModel;

namespace PortImpact.Knowledge.Tests.Loading;

/// <summary>
/// Fuzzing found YAML that ended the process (nesting thousands deep: YamlDotNet's node loader recurses per level)
/// or that YamlDotNet refused with a plain exception. Every such text is now bad input at its place.
/// </summary>
public sealed class YamlTextTests
{
    private static InputException Fails(string text) => Assert.Throws<InputException>(() => YamlText.Load(text, "f.yaml"));

    [Fact]
    public void Flow_collections_200000_deep_are_refused_at_the_level_too_deep()
    {
        var error = Fails("sites: " + new string('[', 200_000) + new string(']', 200_000));
        // The root mapping is the first level; the 256th '[' (column 7 + 256) opens the 257th.
        Assert.Equal(("f.yaml", 1, 7 + InputLimits.MaxNesting), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains("nest deeper than 256 levels", error.Problem);
    }

    [Fact]
    public void Block_mappings_nested_past_the_bound_are_refused_on_their_line()
    {
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 300) + "b: 1\n";
        var error = Fails(text);
        // Line n opens the n-th mapping; the 257th is one too many.
        Assert.Equal(InputLimits.MaxNesting + 1, error.Location.Line);
        Assert.Contains("nest deeper", error.Problem);
    }

    [Fact]
    public void Nesting_at_the_bound_still_loads()
    {
        var depth = InputLimits.MaxNesting;
        var root = YamlText.LoadRoot(new string('[', depth) + "x" + new string(']', depth), "f.yaml");
        var node = root;
        for (var i = 1; i < depth; i++) node = ((YamlSequenceNode)node!).Children[0];
        Assert.Equal("x", ((YamlScalarNode)((YamlSequenceNode)node!).Children[0]).Value);
    }

    [Fact]
    public void A_billion_laughs_is_refused_where_the_aliases_pass_a_million_nodes()
    {
        // Ten aliases of ten aliases ... nine levels: 10^9 nodes for any reader that walks the tree.
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (var level = 1; level <= 9; level++)
        {
            var name = (char)('a' + level);
            var previous = (char)(name - 1);
            lines.Add($"{name}: &{name} [{string.Join(", ", Enumerable.Repeat("*" + previous, 10))}]");
        }
        var error = Fails(string.Join("\n", lines));
        Assert.Contains("aliases expand to more than 1,000,000 nodes", error.Problem);
        // Line k's collection stands for 1.1 × 10^k nodes: line 6 ('f') is the first past a million.
        Assert.Equal(6, error.Location.Line);
    }

    [Fact]
    public void Ordinary_anchors_and_aliases_still_work()
    {
        var root = (YamlMappingNode)YamlText.LoadRoot("base: &b { port: 445 }\nuse: [*b, *b]\n", "f.yaml")!;
        var use = (YamlSequenceNode)root.Children[new YamlScalarNode("use")];
        Assert.Equal(2, use.Children.Count);
        Assert.Same(use.Children[0], use.Children[1]);
    }

    [Fact]
    public void A_line_longer_than_the_bound_is_refused_on_its_line()
    {
        var error = Fails("a: 1\nb: " + new string('x', InputLimits.MaxLineLength) + "\n");
        Assert.Equal(2, error.Location.Line);
        Assert.Contains("line longer than 1,048,576 characters", error.Problem);
    }

    [Theory]
    // Texts minimised from fuzzing on which YamlDotNet 18.1 throws InvalidOperationException, ArgumentException
    // ("Global tags must be valid URIs") and ArgumentException ("unsupported type") instead of a YamlException.
    [InlineData("- {f\n-")]
    [InlineData("!!]")]
    [InlineData("\0: a")]
    [InlineData("a: \"never closed")]
    public void Malformed_text_is_a_located_yaml_error_never_another_exception(string text)
    {
        var error = Fails(text);
        Assert.Equal("f.yaml", error.Location.File);
        Assert.True(error.Location.Line >= 1 && error.Location.Column >= 1);
        Assert.Contains("YAML", error.Problem);
    }

    [Theory]
    [InlineData("? *k\n: 1\n? &k key\n: 2\n", 1, 3, "the alias '*k' names no anchor before it")]
    [InlineData("&m\n? *m\n: 1\n", 2, 3, "the alias '*m' is inside the node it names")]
    [InlineData("a: &s [1, *s]\n", 1, 11, "the alias '*s' is inside the node it names")]
    public void An_alias_that_names_no_finished_anchor_is_refused_at_the_alias(string text, int line, int column, string problem)
    {
        // Found by AFL on the overlay reader: such a key made YamlDotNet compare the alias with itself until the stack overflowed.
        var error = Fails(text);

        Assert.Equal(("f.yaml", line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Aliases_of_finished_anchors_still_load()
    {
        var root = (YamlMappingNode)YamlText.LoadRoot("ports: &p [135, 445]\nagain: *p\n", "f.yaml")!;

        Assert.Equal(2, ((YamlSequenceNode)root.Children[new YamlScalarNode("again")]).Children.Count);
    }
}
