using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using PortImpact.Core.Diagnostics;

namespace PortImpact.Knowledge.Loading;

/// <summary>
/// The one way PortImpact reads a file a user names: whole, at most <see cref="InputLimits.MaxFileBytes"/>, and
/// only a regular file. A named pipe would block the tool until something writes to it, and <c>/dev/zero</c> or
/// <c>/dev/urandom</c> never end; both are refused with a message rather than hanging or filling the memory.
/// </summary>
public static partial class InputFiles
{
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is to the user ("the model", "the rule file") in the reader's language, for the message.</param>
    public static byte[] ReadAllBytes(string path, string what)
    {
        var at = new SourceLocation(path, 1, 1);
        if (Directory.Exists(path)) throw new InputException(at, Messages.Format("FileIsFolder", what));
        if (!File.Exists(path)) throw new InputException(at, Messages.Format("FileMissing", what));
        try
        {
            using var stream = Open(path);
            if (!stream.CanSeek) throw new InputException(at, Messages.Format("FileIsPipe", what));
            var length = stream.Length;
            if (length > InputLimits.MaxFileBytes)
            {
                throw new InputException(at, Messages.Format("FileTooLarge", what, length, InputLimits.MaxFileBytes));
            }
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            // A device reports no length and yet never ends; a regular file ends where its length says.
            Span<byte> more = stackalloc byte[1];
            if (stream.Read(more) > 0) throw new InputException(at, Messages.Format("FileNeverEnds", what));
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(at, Messages.Format("FileReadFailed", what, e.Message));
        }
    }

    /// <summary>
    /// Opens without ever waiting. On Linux and macOS the file is opened non-blocking, so a named pipe without a
    /// writer opens at once (and is then refused as not seekable) instead of keeping open() waiting; for regular
    /// files the flag changes nothing. A timed open on another thread was tried first and misfired when the
    /// machine was busy.
    /// </summary>
    private static FileStream Open(string path)
    {
        int? nonBlocking = OperatingSystem.IsLinux() ? LinuxReadOnlyNonBlocking : OperatingSystem.IsMacOS() ? MacReadOnlyNonBlocking : null;
        if (nonBlocking is null) return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var descriptor = OpenDescriptor(path, nonBlocking.Value);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException(Marshal.GetPInvokeErrorMessage(error));
        }
        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 1);
    }

    // O_RDONLY | O_NONBLOCK | O_CLOEXEC as each kernel numbers them (Linux: 0x800, 0x80000; macOS: 0x4, 0x1000000).
    private const int LinuxReadOnlyNonBlocking = 0x800 | 0x80000;
    private const int MacReadOnlyNonBlocking = 0x4 | 0x1000000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenDescriptor(string path, int flags);

    /// <summary>
    /// The file as UTF-8 text (a byte order mark is dropped; UTF-16 with its mark is read as such). Bytes that are
    /// not UTF-8 are refused at their line and column: a binary file is not a model with odd names.
    /// </summary>
    public static string ReadText(string path, string what) => DecodeText(ReadAllBytes(path, what), path);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 (with or without BOM), or UTF-16 when the bytes start with its BOM; else a clear error at the first bad byte.</summary>
    public static string DecodeText(byte[] bytes, string file)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            var index = Math.Clamp(e.Index, 0, bytes.Length);
            var line = 1 + bytes.AsSpan(0, index).Count((byte)'\n');
            var lineStart = index == 0 ? 0 : bytes.AsSpan(0, index).LastIndexOf((byte)'\n') + 1;
            throw new InputException(new SourceLocation(file, line, index - lineStart + 1), Messages.Format("FileNotUtf8"));
        }
    }
}
