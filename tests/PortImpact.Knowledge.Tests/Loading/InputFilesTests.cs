using System.Diagnostics;
using PortImpact.Core.Diagnostics;
using PortImpact.Knowledge.Loading;

namespace PortImpact.Knowledge.Tests.Loading;

/// <summary>
/// Fuzzing gave the tool a named pipe, <c>/dev/zero</c> and <c>/dev/urandom</c> as files: it waited forever or read
/// until the memory ran out. Only regular files of a bounded size are read; the rest is refused with a message.
/// </summary>
public sealed class InputFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portimpact-inputfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static InputException Fails(string path) => Assert.Throws<InputException>(() => InputFiles.ReadAllBytes(path, "the model"));

    [Fact]
    public void A_regular_file_is_read_whole()
    {
        var path = Path.Combine(_dir, "m.yaml");
        var bytes = new byte[100_000];
        new Random(1).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.Equal(bytes, InputFiles.ReadAllBytes(path, "the model"));
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void A_device_that_never_ends_is_refused(string device)
    {
        var error = Fails(device);
        Assert.Equal((device, 1, 1), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains("not a regular file", error.Problem);
    }

    [Fact]
    public void A_named_pipe_without_a_writer_is_refused_rather_than_waited_on()
    {
        var fifo = Path.Combine(_dir, "pipe");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
        }
        var error = Fails(fifo);
        Assert.Contains("not a regular file (a named pipe", error.Problem);
    }

    [Fact]
    public void A_folder_and_a_missing_file_are_refused_by_name()
    {
        Assert.Contains("it is a folder", Fails(_dir).Problem);
        Assert.Contains("no such file", Fails(Path.Combine(_dir, "nothing.yaml")).Problem);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_dir, "huge.pol");
        using (var stream = File.Create(path)) stream.SetLength(InputLimits.MaxFileBytes + 1); // sparse: costs no disk
        Assert.Contains("more than the 268,435,456", Fails(path).Problem);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused_at_the_bad_byte()
    {
        byte[] bytes = [(byte)'a', (byte)':', (byte)'\n', (byte)'b', (byte)':', (byte)' ', 0xFF];
        var error = Assert.Throws<InputException>(() => InputFiles.DecodeText(bytes, "m.yaml"));
        Assert.Equal(("m.yaml", 2, 4), (error.Location.File, error.Location.Line, error.Location.Column));
    }
}
