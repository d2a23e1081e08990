using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using OrleansFlow.Abstractions.Memory;
using static OrleansFlow.Rdma.DataPlane.DataPlaneProtocol;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// Batches: many reads (or writes) of blocks one endpoint holds, pipelined. All requests of a stripe go out on one
/// connection at once while the responses stream back in order, each received straight into its destination, so a
/// small block costs no round trip of its own. The server needs nothing new: it answers requests one after the other,
/// and each answer (including a refusal) keeps the connection in step. A batch of several MiB is cut into up to
/// four stripes on parallel connections.
/// </summary>
public sealed partial class DataPlaneClient
{
    /// <summary>A response's payload of at least this size is received straight into its destination: the header is
    /// received on its own first, so no payload byte passes through the connection's buffer. Smaller ones come in
    /// through the buffer, many per receive (a copy costs less than a system call each).</summary>
    private const int DirectReceiveBytes = ReceiveBufferBytes / 4;

    /// <summary>Size of the buffer that gathers a batch's small writes (headers and payloads) into one send.</summary>
    private const int GatherBytes = 1 << 20;

    /// <summary>Payloads up to this size are copied into the gathering buffer; larger ones are sent from where they are.</summary>
    private const int GatherPayloadBytes = 128 << 10;

    /// <summary>Reads every item of <paramref name="reads"/> (all held by <paramref name="endpoint"/>). Returns the
    /// first failure in list order, if any, after every stripe finished; a failed read's destination is untouched.</summary>
    internal async ValueTask<BatchFailure?> ReadManyAsync(string endpoint, IReadOnlyList<BlockRead> reads, CancellationToken cancellationToken)
    {
        var ends = StripeEnds(reads.Count, i => reads[i].Destination.Length);
        if (ends.Count == 1)
            return await ReadStripeAsync(endpoint, reads, 0, reads.Count, cancellationToken).ConfigureAwait(false);
        var running = new Task<BatchFailure?>[ends.Count];
        for (var s = 0; s < ends.Count; s++)
            running[s] = ReadStripeAsync(endpoint, reads, s == 0 ? 0 : ends[s - 1], ends[s], cancellationToken);
        return await FirstFailureAsync(running).ConfigureAwait(false);
    }

    /// <summary>Writes every item of <paramref name="writes"/> (all held by <paramref name="endpoint"/>); returns the
    /// first failure in list order, if any. A refused write changes nothing.</summary>
    internal async ValueTask<BatchFailure?> WriteManyAsync(string endpoint, IReadOnlyList<BlockWrite> writes, CancellationToken cancellationToken)
    {
        var ends = StripeEnds(writes.Count, i => writes[i].Source.Length);
        if (ends.Count == 1)
            return await WriteStripeAsync(endpoint, writes, 0, writes.Count, cancellationToken).ConfigureAwait(false);
        var running = new Task<BatchFailure?>[ends.Count];
        for (var s = 0; s < ends.Count; s++)
            running[s] = WriteStripeAsync(endpoint, writes, s == 0 ? 0 : ends[s - 1], ends[s], cancellationToken);
        return await FirstFailureAsync(running).ConfigureAwait(false);
    }

    /// <summary>Cuts items [0, count) into runs of about equal bytes, one per stripe (at least 2 MiB each, at most
    /// four, never empty); returns where each run ends.</summary>
    internal static List<int> StripeEnds(int count, Func<int, int> bytesOf)
    {
        long bytes = 0;
        for (var i = 0; i < count; i++)
            bytes += bytesOf(i);
        var stripes = (int)Math.Clamp(Math.Min((bytes + MinStripeBytes - 1) / MinStripeBytes, count), 1, MaxStripes);
        var ends = new List<int>(stripes);
        long done = 0;
        var end = 0;
        for (var s = 1; s < stripes && end < count; s++)
        {
            var target = bytes * s / stripes;
            var start = end;
            while (end < count && (done < target || end == start))
                done += bytesOf(end++);
            ends.Add(end);
        }
        if (end < count || ends.Count == 0)
            ends.Add(count);
        return ends;
    }

    private static async Task<BatchFailure?> FirstFailureAsync(Task<BatchFailure?>[] running)
    {
        BatchFailure? first = null;
        foreach (var stripe in running)
        {
            var failure = await stripe.ConfigureAwait(false);
            if (failure is { } f && (first is null || f.Index < first.Value.Index))
                first = f;
        }
        return first;
    }

    private async Task<BatchFailure?> ReadStripeAsync(string endpoint, IReadOnlyList<BlockRead> reads, int start, int end, CancellationToken cancellationToken)
    {
        var size = 0;
        for (var i = start; i < end; i++)
            size += RequestSize(reads[i].Block);
        var requests = ArrayPool<byte>.Shared.Rent(size);
        Connection connection;
        try
        {
            size = 0;
            for (var i = start; i < end; i++)
                size += WriteRequest(requests.AsSpan(size), RequestFor(Op.Read, reads[i].Block, reads[i].Offset, reads[i].Destination.Length));
            connection = await RentAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ArrayPool<byte>.Shared.Return(requests);
            if (e is IOException or OperationCanceledException)
                return new BatchFailure(start, e);
            throw;
        }
        var sending = Task.CompletedTask;
        BatchFailure? failure = null;
        var current = start;
        try
        {
            // Responses start streaming back while requests still go out, so a long batch never waits on itself.
            sending = SendAllAsync(connection.Socket, requests.AsMemory(0, size), cancellationToken).AsTask();
            for (; current < end; current++)
            {
                var destination = reads[current].Destination;
                var (status, trailer) = await ReceiveResponseAsync(connection, destination.Length >= DirectReceiveBytes, cancellationToken).ConfigureAwait(false);
                if (status == Status.Ok)
                    await connection.Reader.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
                else
                    failure ??= new BatchFailure(current, ErrorOf(status, trailer, endpoint));
            }
            await sending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            failure = await BreakAsync(connection, endpoint, sending, failure, current, e).ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(requests);
            return failure;
        }
        ArrayPool<byte>.Shared.Return(requests);
        Return(endpoint, connection);
        return failure;
    }

    private async Task<BatchFailure?> WriteStripeAsync(string endpoint, IReadOnlyList<BlockWrite> writes, int start, int end, CancellationToken cancellationToken)
    {
        Connection connection;
        try
        {
            connection = await RentAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return new BatchFailure(start, e);
        }
        var sending = Task.CompletedTask;
        BatchFailure? failure = null;
        var current = start;
        try
        {
            sending = SendWritesAsync(connection, writes, start, end, cancellationToken);
            for (; current < end; current++)
            {
                var (status, trailer) = await ReceiveResponseAsync(connection, exact: false, cancellationToken).ConfigureAwait(false);
                if (status != Status.Ok)
                    failure ??= new BatchFailure(current, ErrorOf(status, trailer, endpoint));
            }
            await sending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return await BreakAsync(connection, endpoint, sending, failure, current, e).ConfigureAwait(false);
        }
        Return(endpoint, connection);
        return failure;
    }

    /// <summary>Sends each write's header and payload back to back: small ones gathered in a pooled buffer (one send
    /// for many), large payloads straight from the caller's memory.</summary>
    private static async Task SendWritesAsync(Connection connection, IReadOnlyList<BlockWrite> writes, int start, int end, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(GatherBytes);
        try
        {
            await SendWritesAsync(connection, writes, start, end, buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SendWritesAsync(Connection connection, IReadOnlyList<BlockWrite> writes, int start, int end, byte[] buffer,
        CancellationToken cancellationToken)
    {
        var used = 0;
        for (var i = start; i < end; i++)
        {
            var write = writes[i];
            var request = RequestFor(Op.Write, write.Block, write.Offset, write.Source.Length);
            var small = write.Source.Length <= GatherPayloadBytes;
            if (used + RequestSize(write.Block) + (small ? write.Source.Length : 0) > buffer.Length)
            {
                await SendAllAsync(connection.Socket, buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }
            used += WriteRequest(buffer.AsSpan(used), request);
            if (small)
            {
                write.Source.CopyTo(buffer.AsMemory(used));
                used += write.Source.Length;
                continue;
            }
            await SendAllAsync(connection.Socket, buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
            used = 0;
            await SendAllAsync(connection.Socket, write.Source, cancellationToken).ConfigureAwait(false);
        }
        if (used > 0)
            await SendAllAsync(connection.Socket, buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Status and trailer of the next response. With <paramref name="exact"/>, nothing past the header (of
    /// a successful response) is pulled into the connection's buffer.</summary>
    private static async ValueTask<(Status Status, string Trailer)> ReceiveResponseAsync(Connection connection, bool exact, CancellationToken cancellationToken)
    {
        await connection.Reader.FillAsync(ResponseFixedSize, endAllowed: false, cancellationToken, exact).ConfigureAwait(false);
        var header = connection.Reader.Peek(ResponseFixedSize);
        var status = (Status)header[0];
        var trailerLength = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);
        connection.Reader.Consume(ResponseFixedSize);
        if (trailerLength == 0)
            return (status, "");
        var trailer = ArrayPool<byte>.Shared.Rent(trailerLength);
        try
        {
            await connection.Reader.ReadExactlyAsync(trailer.AsMemory(0, trailerLength), cancellationToken).ConfigureAwait(false);
            return (status, Encoding.UTF8.GetString(trailer, 0, trailerLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(trailer);
        }
    }

    /// <summary>The connection failed mid-batch: it is closed (half a message may be in flight), the send still running
    /// is waited for (it fails with the socket; the buffer it reads from may then be reused), and the failure is
    /// reported at the item that was being received unless an earlier item already failed.</summary>
    private static async Task<BatchFailure?> BreakAsync(Connection connection, string endpoint, Task sending, BatchFailure? failure, int current, Exception error)
    {
        connection.Socket.Dispose();
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The send broke with the socket; the receive side's error is the one to report.
        }
        if (error is SocketException socketError)
            error = new IOException($"The data-plane connection to {endpoint} failed: {socketError.Message}", error);
        return failure ?? new BatchFailure(current, error);
    }

    private static int RequestSize(BlockDescriptor block) =>
        RequestFixedSize + Encoding.UTF8.GetByteCount(block.BlockId) + Encoding.UTF8.GetByteCount(block.JobId) + Encoding.UTF8.GetByteCount(block.Location);
}

/// <summary>The first item of a batch that failed (its index in the batch) and why.</summary>
internal readonly record struct BatchFailure(int Index, Exception Error);
