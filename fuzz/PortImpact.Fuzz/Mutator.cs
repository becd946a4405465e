using System.Text;

namespace PortImpact.Fuzz;

/// <summary>
/// AFL's "havoc" stage in small: a few random edits stacked on a seed. Besides flips and deletions it repeats
/// a chunk many times, which is what finds nesting and length bugs, and inserts the words each format's
/// grammar turns on (brackets, anchors, jumps, includes), which blind byte flips rarely produce.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = "\0\n\r\t\u001b\v{}[]()<>\"':,;-*&@$!#|=\\/ "u8.ToArray();

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "(", ")", "\n", "\r\n", "&a ", "*a", "!!str ", "- ", ": ", "? ", "---\n", "...\n", "%YAML 1.2\n",
        "define x = { $x }\n", "$x", "include \"fuzz-input\"\n", "jump ", "goto ", "-j ", "-g ", "-N ", ":X - [0:0]\n", "-A X -j X\n",
        "chain c { jump c }\n", "table inet t {", "set s {", "elements = {", " . ", "vmap {", "* : drop", "map m {",
        "<a>", "</a>", "<!DOCTYPE a [<!ENTITY e \"x\">]>", "&e;", "<![CDATA[", "v2.30|", "|Action=Allow|", "|Dir=In|", "|LPort=",
        "|RA4=", "Protocol=6|", "New-NetFirewallRule ", "-DisplayName ", "netsh advfirewall firewall add rule ", "name=", "`\n",
        "access-list 101 permit ", "ip access-list extended X\n", "object-group network G\n", "group-object G\n", " eq ", " range ",
        "interface Gi0/1\n ip access-group X in\n", "sites:\n", "hosts:\n", "- name: ", "address: ", "subnet: ", "count: ",
        "0.0.0.0/0", "255.255.255.255", "65535", "65536", "-1", "4294967296", "::", "\uFEFF", "\u2028", "é", "\u0085",
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> others)
    {
        var data = new List<byte>(input);
        var edits = 1 + _random.Next(8);
        for (var i = 0; i < edits; i++) Edit(data, others);
        return [.. data];
    }

    private void Edit(List<byte> data, IReadOnlyList<byte[]> others)
    {
        var at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
        switch (_random.Next(9))
        {
            case 0 when data.Count > 0:
                var flip = Math.Min(at, data.Count - 1);
                data[flip] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[Math.Min(at, data.Count - 1)] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 2 when data.Count > 0:
                var length = Math.Min(data.Count - Math.Min(at, data.Count - 1), 1 + _random.Next(64));
                data.RemoveRange(Math.Min(at, data.Count - 1), length);
                break;
            case 3:
                data.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]));
                break;
            case 4 when data.Count > 0:
                // A chunk repeated: a line many times, or an opening bracket thousands deep.
                var start = _random.Next(data.Count);
                var chunk = data.GetRange(start, Math.Min(data.Count - start, 1 + _random.Next(32)));
                var times = _random.Next(4) == 0 ? 1 + _random.Next(20_000) : 1 + _random.Next(16);
                var repeated = new List<byte>(chunk.Count * times);
                for (var t = 0; t < times && repeated.Count < 4 << 20; t++) repeated.AddRange(chunk);
                data.InsertRange(at, repeated);
                break;
            case 5 when others.Count > 0:
                var other = others[_random.Next(others.Count)];
                if (other.Length == 0) break;
                var from = _random.Next(other.Length);
                data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + _random.Next(256))).ToArray());
                break;
            case 6 when data.Count > 0:
                data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                break;
            case 7:
                data.Insert(at, (byte)_random.Next(256));
                break;
            default:
                var token = Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]);
                var copies = 1 + _random.Next(5_000);
                var run = new byte[token.Length * copies];
                for (var c = 0; c < copies; c++) token.CopyTo(run, c * token.Length);
                data.InsertRange(at, run);
                break;
        }
    }
}
