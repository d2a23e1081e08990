using System.Buffers;
using System.Text;

namespace OrleansFlow.Engine.Input;

/// <summary>
/// Reads the lines of one split, the way Hadoop's line reader does: a split that does not start at 0 skips the line
/// it starts in (the previous split owns it), and the last line is read past the split's end to its terminator.
/// Lines are decoded as UTF-8; "\n" and "\r\n" end a line.
/// </summary>
public sealed class TextSplitReader
{
    /// <summary>The longest line accepted; a longer one is an error rather than unbounded memory.</summary>
    public const int MaxLineBytes = 64 << 20;

    private const int ChunkBytes = 1 << 20;

    /// <summary>Calls <paramref name="onLine"/> for every line the split owns; returns bytes consumed from the file.</summary>
    public static long ReadLines(TextSplit split, LineAction onLine, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(split.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes * 2);
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes);
        try
        {
            long position = split.Offset; // file position of buffer[start]
            var end = split.Offset + split.Length;
            var start = 0;
            var count = 0;
            stream.Seek(split.Offset, SeekOrigin.Begin);
            var skipFirst = split.Offset > 0 && !PreviousByteIsNewline(stream, split.Offset);
            var eof = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var newline = buffer.AsSpan(start, count).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    // Need more bytes: compact, grow if one line fills the buffer, read on.
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, count);
                        start = 0;
                    }
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= MaxLineBytes)
                            throw new InputException($"line longer than {MaxLineBytes >> 20} MiB at {split.Path}:{position}");
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, bigger, 0, count);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var read = stream.Read(buffer, count, buffer.Length - count);
                    if (read == 0) eof = true;
                    count += read;
                    continue;
                }
                if (count == 0)
                    break;
                var lineLength = newline < 0 ? count : newline;
                var consumed = newline < 0 ? count : newline + 1;
                if (skipFirst)
                {
                    skipFirst = false;
                }
                else
                {
                    if (position >= end)
                        break; // this line starts in the next split
                    var line = buffer.AsSpan(start, lineLength);
                    if (line.Length > 0 && line[^1] == (byte)'\r')
                        line = line[..^1];
                    if (chars.Length < line.Length)
                    {
                        ArrayPool<char>.Shared.Return(chars);
                        chars = ArrayPool<char>.Shared.Rent(line.Length);
                    }
                    var charCount = Encoding.UTF8.GetChars(line, chars);
                    onLine(chars.AsSpan(0, charCount));
                }
                position += consumed;
                start += consumed;
                count -= consumed;
                if (position >= end)
                    break; // the next line starts in the next split
            }
            return position - split.Offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool PreviousByteIsNewline(FileStream stream, long offset)
    {
        stream.Seek(offset - 1, SeekOrigin.Begin);
        var b = stream.ReadByte();
        return b == '\n';
    }

    public delegate void LineAction(ReadOnlySpan<char> line);
}
