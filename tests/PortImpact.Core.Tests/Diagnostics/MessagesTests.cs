using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Tests.Diagnostics;

/// <summary>
/// tools/resx/messages.tsv is complete in both languages, the .resx files built into PortImpact.Core say what it
/// says, and the keys the code asks for are the keys it holds.
/// </summary>
public sealed partial class MessagesTests
{
    private sealed record Row(int Line, string Key, string En, string Ja);

    private static readonly Lazy<IReadOnlyList<Row>> Rows = new(ReadTsv);

    private static IReadOnlyList<Row> ReadTsv()
    {
        var lines = File.ReadAllLines(Repository.Path("tools", "resx", "messages.tsv"));
        Assert.Equal("key\ten\tja", lines[0]);
        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            Assert.True(fields.Length == 3, $"messages.tsv:{i + 1}: expected key, en and ja separated by tabs, found {fields.Length} fields");
            rows.Add(new Row(i + 1, fields[0], fields[1], fields[2]));
        }
        return rows;
    }

    [Fact]
    public void Every_key_is_named_once_and_has_both_texts_with_the_same_placeholders()
    {
        Assert.NotEmpty(Rows.Value);
        Assert.Empty(Rows.Value.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key));
        foreach (var row in Rows.Value)
        {
            Assert.True(KeyPattern().IsMatch(row.Key), $"messages.tsv:{row.Line}: '{row.Key}' is not a key (letters and digits, starting with a capital)");
            Assert.True(row.En.Trim().Length > 0, $"messages.tsv:{row.Line}: {row.Key} has no English text");
            Assert.True(row.Ja.Trim().Length > 0, $"messages.tsv:{row.Line}: {row.Key} has no Japanese text");
            Assert.True(Placeholders(row.En).SequenceEqual(Placeholders(row.Ja)),
                $"messages.tsv:{row.Line}: {row.Key} has {{{string.Join("} {", Placeholders(row.En))}}} in English but {{{string.Join("} {", Placeholders(row.Ja))}}} in Japanese");
        }
    }

    [Fact]
    public void Every_text_is_a_format_string_that_takes_its_arguments()
    {
        foreach (var row in Rows.Value)
        {
            var args = Enumerable.Range(0, Placeholders(row.En).Select(p => p + 1).DefaultIfEmpty(0).Max()).Select(i => (object)i).ToArray();
            foreach (var text in new[] { row.En, row.Ja })
            {
                var exception = Record.Exception(() => string.Format(CultureInfo.InvariantCulture, text, args));
                Assert.True(exception is null, $"messages.tsv:{row.Line}: {row.Key}: {exception?.Message} in \"{text}\"");
            }
        }
    }

    [Fact]
    public void Every_japanese_text_is_written_in_japanese()
    {
        // A row copied from English and not yet translated would pass the placeholder check; kana or kanji show it was.
        // An abbreviation Japanese writes in Latin capitals (OS for "operating system") is Japanese too.
        foreach (var row in Rows.Value.Where(r => Regex.IsMatch(WithoutPlaceholders(r.En), "[A-Za-z]{3,}") && !Regex.IsMatch(r.Ja, "^[A-Z]+$")))
        {
            Assert.True(JapaneseLetter().IsMatch(row.Ja), $"messages.tsv:{row.Line}: {row.Key}'s Japanese text has no Japanese: \"{row.Ja}\"");
        }
    }

    [Theory]
    [InlineData("Messages.resx", "en")]
    [InlineData("Messages.ja.resx", "ja")]
    public void The_resx_files_are_generated_from_the_tsv(string file, string language)
    {
        var resx = XDocument.Load(Repository.Path("src", "PortImpact.Core", "Diagnostics", file));
        var generated = resx.Root!.Elements("data").Select(d => (Key: (string)d.Attribute("name")!, Text: (string)d.Element("value")!)).ToList();
        var expected = Rows.Value.Select(r => (r.Key, Text: language == "en" ? r.En : r.Ja)).ToList();
        var stale = expected.Except(generated).Concat(generated.Except(expected)).Select(e => e.Key).Distinct().ToList();
        Assert.True(stale.Count == 0 && expected.Count == generated.Count,
            $"{file} is not up to date with tools/resx/messages.tsv (run tools/resx/make-messages.py); differing keys: {string.Join(", ", stale.Take(10))}");
    }

    [Fact]
    public void The_japanese_satellite_answers_under_a_japanese_ui_culture_and_english_otherwise()
    {
        var ja = Rows.Value.Single(r => r.Key == "HintDidYouMean");
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, ja.En, "x"), InCulture(CultureInfo.InvariantCulture, () => Messages.Format("HintDidYouMean", "x")));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, ja.En, "x"), InCulture(CultureInfo.GetCultureInfo("en-US"), () => Messages.Format("HintDidYouMean", "x")));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, ja.Ja, "x"), InCulture(CultureInfo.GetCultureInfo("ja-JP"), () => Messages.Format("HintDidYouMean", "x")));
        // A language with no messages of its own reads English rather than nothing.
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, ja.En, "x"), InCulture(CultureInfo.GetCultureInfo("fr-FR"), () => Messages.Format("HintDidYouMean", "x")));
    }

    [Fact]
    public void Numbers_are_written_the_invariant_way_in_every_language()
    {
        // A German UI culture would otherwise write 1.048.576 into a message about a file that says 1,048,576.
        var row = Rows.Value.First(r => r.En.Contains(":N0}", StringComparison.Ordinal));
        var message = InCulture(CultureInfo.GetCultureInfo("de-DE"), () => Messages.Format(row.Key, Enumerable.Repeat<object?>(1_048_576, 8).ToArray()));
        Assert.Contains("1,048,576", message);
    }

    [Fact]
    public void A_japanese_phrase_joins_the_japanese_sentence_without_a_space_and_a_latin_name_keeps_it()
    {
        var ja = CultureInfo.GetCultureInfo("ja-JP");
        Assert.Equal("拠点に 'subnet' というキーはありません。使えるキー: name, subnets",
            InCulture(ja, () => Messages.Format("YamlUnknownKey", "subnet", "拠点", "name, subnets")));
        Assert.Equal("sites に 'x' というキーはありません。使えるキー: name",
            InCulture(ja, () => Messages.Format("YamlUnknownKey", "x", "sites", "name")));
        // The argument's own text is never respaced: a name quoted from a file stays as it was written.
        Assert.Equal("'ファイル と プリンター' に 'x' というキーはありません。使えるキー: 拠点 名",
            InCulture(ja, () => Messages.Format("YamlUnknownKey", "x", "'ファイル と プリンター'", "拠点 名")));
    }

    [Fact]
    public void Every_key_the_code_asks_for_is_in_the_tsv_and_every_key_in_the_tsv_is_asked_for()
    {
        var keys = Rows.Value.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Repository.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Repository.Path(), f), Text: File.ReadAllText(f)))
            .ToList();
        var asked = sources.SelectMany(s => FormatCall().Matches(s.Text).Select(m => (s.File, Key: m.Groups[1].Value))).ToList();
        Assert.NotEmpty(asked);
        var missing = asked.Where(a => !keys.Contains(a.Key)).Select(a => $"{a.File}: {a.Key}").ToList();
        Assert.True(missing.Count == 0, $"keys asked for and missing from messages.tsv: {string.Join(", ", missing)}");
        // Keys are also chosen by a condition (a ? "KeyA" : "KeyB"), so a key counts as used wherever it is quoted.
        var quoted = sources.SelectMany(s => QuotedWord().Matches(s.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var unused = keys.Where(k => !quoted.Contains(k)).ToList();
        Assert.True(unused.Count == 0, $"messages.tsv holds keys no code asks for: {string.Join(", ", unused)}");
    }

    private static string InCulture(CultureInfo culture, Func<string> format)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return format();
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static string WithoutPlaceholders(string text) => PlaceholderPattern().Replace(text.Replace("{{", "").Replace("}}", ""), "");

    private static IReadOnlyList<int> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text.Replace("{{", "").Replace("}}", "")).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)[^{}]*\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"[\u3040-\u30FF\u4E00-\u9FFF]")]
    private static partial Regex JapaneseLetter();

    [GeneratedRegex(@"(?:Messages\.Format|Phrase\.Of)\(\s*""([A-Za-z0-9]+)""")]
    private static partial Regex FormatCall();

    [GeneratedRegex(@"""([A-Z][A-Za-z0-9]+)""")]
    private static partial Regex QuotedWord();
}
