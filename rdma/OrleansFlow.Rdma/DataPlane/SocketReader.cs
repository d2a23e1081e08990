using System.Net.Sockets;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// Buffered reading from a socket: one receive brings in as much as has arrived (a header, its strings and often a
/// small payload together), which saves a system call and an async completion per message part. Large payloads are
/// received straight into their destination once the buffered bytes are used up.
/// </summary>
internal sealed class SocketReader(Socket socket, int capacity, string peer)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _start;
    private int _end;

    public int Buffered => _end - _start;

    /// <summary>Makes at least <paramref name="count"/> bytes available in <see cref="Peek"/>. Returns false when the
    /// peer closed the connection cleanly before sending anything more (only allowed between messages). With
    /// <paramref name="exact"/>, receives no more than <paramref name="count"/>: a large payload that follows is then
    /// left in the socket, to be received straight into its destination instead of through this buffer.</summary>
    public async ValueTask<bool> FillAsync(int count, bool endAllowed, CancellationToken cancellationToken, bool exact = false)
    {
        if (count > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"A message part of {count} bytes from {peer} exceeds the {_buffer.Length}-byte buffer.");
        if (_start + count > _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, Buffered);
            _end = Buffered;
            _start = 0;
        }
        while (Buffered < count)
        {
            var room = exact ? _buffer.AsMemory(_end, count - Buffered) : _buffer.AsMemory(_end);
            var received = await socket.ReceiveAsync(room, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                if (endAllowed && Buffered == 0)
                    return false;
                throw new IOException($"The data-plane connection to {peer} closed in the middle of a message.");
            }
            _end += received;
        }
        return true;
    }

    public ReadOnlySpan<byte> Peek(int count) => _buffer.AsSpan(_start, count);

    public void Consume(int count) => _start += count;

    /// <summary>Fills <paramref name="destination"/>: buffered bytes first, then straight from the socket.</summary>
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var fromBuffer = Math.Min(Buffered, destination.Length);
        _buffer.AsMemory(_start, fromBuffer).CopyTo(destination);
        Consume(fromBuffer);
        destination = destination[fromBuffer..];
        if (destination.Length == 0)
            return;
        if (destination.Length < _buffer.Length / 4)
        {
            // Small remainder: receive through the buffer, which may also catch the start of the next message.
            await FillAsync(destination.Length, endAllowed: false, cancellationToken).ConfigureAwait(false);
            Peek(destination.Length).CopyTo(destination.Span);
            Consume(destination.Length);
            return;
        }
        await DataPlaneProtocol.ReceiveExactlyAsync(socket, destination, peer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and drops <paramref name="count"/> bytes (a refused write's payload).</summary>
    public async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (Buffered == 0)
                await FillAsync(1, endAllowed: false, cancellationToken).ConfigureAwait(false);
            var skipped = (int)Math.Min(count, Buffered);
            Consume(skipped);
            count -= skipped;
        }
    }
}
