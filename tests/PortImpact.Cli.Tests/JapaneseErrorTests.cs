using System.Text.RegularExpressions;

namespace PortImpact.Cli.Tests;

/// <summary>
/// A bad model or rule file is refused in the language asked: with <c>--lang ja</c> the one line on standard error
/// is <c>エラー: FILE:LINE:COL:</c> and a Japanese sentence (the names quoted from the file kept as written), with
/// <c>--lang en</c> the same place and the English sentence.
/// </summary>
public sealed partial class JapaneseErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A malformed file, the command that reads it, where it breaks, and what each language says there.</summary>
    private sealed record BadFile(string Name, string[] Lines, string[] Command, string At, string English, string Japanese);

    private static readonly string FirewallRules = @"[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\FirewallRules]";

    private static readonly Dictionary<string, BadFile> Files = new[]
    {
        new BadFile("unknown-key.yaml", ["sites:", "  - name: hq", "    subnet: [10.0.0.0/8]"], ["model", "check"], "3:5",
            "unknown key 'subnet' in a site; expected one of: name, subnets, dcFailover",
            "拠点に 'subnet' というキーはありません。使えるキー: name, subnets, dcFailover"),
        new BadFile("bad-cidr.yaml", ["sites:", "  - name: hq", "    subnets: [10.0.0.0/33]"], ["model", "check"], "3:15",
            "'10.0.0.0/33' has a prefix length outside 0-32",
            "'10.0.0.0/33' のプレフィックス長が 0-32 の範囲外です"),
        new BadFile("unknown-role.yaml",
            ["sites:", "  - name: hq", "    subnets: [10.0.0.0/8]", "hosts:", "  - name: dc1", "    site: hq", "    address: 10.0.0.5", "    roles: [domain-controler]"],
            ["model", "check"], "8:13",
            "unknown role 'domain-controler' (did you mean 'domain-controller'?); known roles:",
            "'domain-controler' という役割はありません ('domain-controller' のことですか?)。既知の役割:"),
        new BadFile("duplicate-name.yaml", ["sites:", "  - name: hq", "  - name: hq"], ["model", "check"], "3:11",
            "the name 'hq' is already used at ", "名前 'hq' は "),
        new BadFile("bad-port.nft",
            ["table inet filter {", "  chain input {", "    type filter hook input priority 0; policy drop;", "    tcp dport 70000 accept", "  }", "}"],
            ["rules", "import"], "4:15",
            "port 70000 is out of range 0-65535", "ポート 70000 は 0-65535 の範囲外です"),
        new BadFile("cut-short.rules", ["*filter", ":INPUT DROP [0:0]", "-A INPUT -p tcp --dport 22 -j ACCEPT"], ["rules", "import"], "3:37",
            "the file ends inside table 'filter' (opened at line 1) without COMMIT",
            "テーブル 'filter' (1 行目で開始) の途中で、COMMIT なしにファイルが終わっています"),
        new BadFile("bad-dword.reg", ["Windows Registry Editor Version 5.00", "", FirewallRules, "\"SMB-In\"=dword:zz"], ["rules", "import"], "4:16",
            "'zz' is not a dword (1-8 hex digits) in value \"SMB-In\"",
            "値 \"SMB-In\" の 'zz' は dword (1-8 桁の 16 進数) ではありません"),
        new BadFile("bad-rule-port.reg",
            ["Windows Registry Editor Version 5.00", "", FirewallRules, "\"SMB-In\"=\"v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=70000|Name=SMB|\""],
            ["rules", "import"], "4:66",
            "port 70000 is out of range 0-65535 in LPort of firewall rule 'SMB-In'",
            "ファイアウォール ルール 'SMB-In' の LPort: ポート 70000 は 0-65535 の範囲外です"),
        new BadFile("bad-address.ios", ["hostname r1", "!", "ip access-list extended EDGE", " permit tcp any host 10.0.0.300 eq 445", "!"], ["rules", "import"], "4:22",
            "'10.0.0.300' is not an IPv4 address (four numbers 0-255)",
            "'10.0.0.300' は IPv4 アドレス (0-255 の 4 つの数) ではありません"),
        new BadFile("cut-entry.ios", ["hostname r1", "!", "ip access-list extended EDGE", " permit tcp any", "!"], ["rules", "import"], "4:16",
            "the destination address is missing: the line ends here",
            "宛先のアドレスがありません: 行がここで終わっています"),
    }.ToDictionary(f => f.Name);

    public static TheoryData<string> Names => [.. Files.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void With_lang_ja_the_refusal_is_one_japanese_line_at_the_place(string name)
    {
        var bad = Files[name];
        var file = _dir.File(bad.Name, bad.Lines);
        var line = Cli.AssertBadInput(Cli.Run([.. bad.Command, file, "--lang", "ja"])).ErrLines[0];
        var prefix = $"エラー: {file}:{bad.At}: ";
        Assert.StartsWith(prefix, line);
        var message = line[prefix.Length..];
        Assert.Matches(Kana(), message);
        Assert.Contains(bad.Japanese, message);
        Assert.DoesNotContain(bad.English.TrimEnd(':', ' '), message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void With_lang_en_the_same_file_is_refused_in_english_at_the_same_place(string name)
    {
        var bad = Files[name];
        var file = _dir.File(bad.Name, bad.Lines);
        var line = Cli.AssertBadInput(Cli.Run([.. bad.Command, file, "--lang", "en"])).ErrLines[0];
        var prefix = $"error: {file}:{bad.At}: ";
        Assert.StartsWith(prefix, line);
        Assert.Contains(bad.English, line[prefix.Length..]);
        Assert.DoesNotMatch(Kana(), line);
    }

    [Fact]
    public void A_place_quoted_inside_the_message_is_the_files_own_in_both_languages()
    {
        var file = _dir.File("twice.yaml", Files["duplicate-name.yaml"].Lines);
        Assert.EndsWith($"名前 'hq' は {file}:2:11 ですでに使われています", Cli.Run("model", "check", file, "--lang", "ja").ErrLines[0]);
        Assert.EndsWith($"the name 'hq' is already used at {file}:2:11", Cli.Run("model", "check", file, "--lang", "en").ErrLines[0]);
    }

    [Fact]
    public void A_refusal_advising_another_command_is_one_japanese_sentence_too()
    {
        // A model handed to rules import: the reader's refusal and the advice of FileKinds, both in Japanese.
        var model = _dir.File("model.yaml", "sites:", "  - name: hq", "    subnets: [10.0.0.0/8]");
        var line = Cli.AssertBadInput(Cli.Run("rules", "import", model, "--lang", "ja")).ErrLines[0];
        Assert.StartsWith($"エラー: {model}:1:1: ", line);
        Assert.Contains("このファイルは PortImpact のモデルのようです", line);
        Assert.DoesNotContain("looks like", line);
    }

    [GeneratedRegex(@"[\u3040-\u30FF]")]
    private static partial Regex Kana();
}

/// <summary>What the engine itself says in a report (a placement that matches nothing) follows the language too.</summary>
public sealed class JapaneseEngineNoteTests
{
    [Fact]
    public void A_placement_that_matches_nothing_is_warned_of_in_the_language_asked()
    {
        using var dir = new TempDir();
        var model = dir.File("one-site.yaml",
            "name: One link short", "sites:", "  - { name: plant-a, subnets: [10.1.0.0/16] }", "  - { name: plant-b, subnets: [10.2.0.0/16] }",
            "hosts:", "  - { name: dc-a, site: plant-a, address: 10.1.0.5, roles: [domain-controller] }");
        Assert.Contains("警告: 適用場所 inter-site に当たる制御点もホストもこのモデルにはありません", Cli.Ok("analyze", model, "--at", "inter-site", "--lang", "ja").Out);
        Assert.Contains("warning: the placements inter-site match no enforcement point or host in this model", Cli.Ok("analyze", model, "--at", "inter-site", "--lang", "en").Out);
    }
}
