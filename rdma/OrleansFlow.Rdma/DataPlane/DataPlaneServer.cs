using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using OrleansFlow.Abstractions.Memory;
using static OrleansFlow.Rdma.DataPlane.DataPlaneProtocol;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// Serves this process's blocks to peers over TCP (<see cref="DataPlaneProtocol"/>). One task per connection; a
/// client keeps several connections for concurrency. Reads are sent straight from tier memory and writes received
/// straight into it; blocks on disk go through a pooled buffer in chunks. Responses to pipelined requests (a client's
/// batch) are gathered in the connection's send buffer and leave together once no further whole request is waiting,
/// so a batch of small blocks costs a few large sends instead of one send per block.
/// </summary>
internal sealed class DataPlaneServer : IAsyncDisposable
{
    private const int ChunkBytes = 1 << 20;
    private const int SendBufferBytes = 1 << 20;

    /// <summary>Blocks up to this size are copied into the send buffer (cheaper than a send of their own); larger ones
    /// are sent straight from tier memory.</summary>
    private const int SmallPayloadBytes = 128 << 10;
    private readonly DataPlaneEndpoint _endpoint;
    private readonly Dictionary<ShuffleStoreKind, IBlockHost> _hosts;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Socket> _connections = [];
    private readonly List<Task> _tasks = [];
    private Task? _acceptLoop;

    internal DataPlaneServer(DataPlaneEndpoint endpoint, IEnumerable<IBlockHost> hosts)
    {
        _endpoint = endpoint;
        _hosts = hosts.ToDictionary(h => h.Kind);
    }

    public void Start() => _acceptLoop ??= Task.Run(AcceptLoopAsync);

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _endpoint.Listener.Close();
        Task[] running;
        lock (_connections)
        {
            foreach (var connection in _connections)
                connection.Dispose();
            running = [.. _tasks];
        }
        if (_acceptLoop is not null)
            await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _endpoint.Listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Tune(socket);
            lock (_connections)
            {
                _connections.Add(socket);
                _tasks.RemoveAll(t => t.IsCompleted);
                _tasks.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var connection = new Connection(socket);
        try
        {
            while (true)
            {
                // Answers wait in the send buffer only while the next request is already here to be served.
                if (!HasWholeRequest(connection.Reader))
                    await FlushAsync(connection).ConfigureAwait(false);
                // A peer closing between requests is the normal end of a connection.
                if (!await connection.Reader.FillAsync(RequestFixedSize, endAllowed: true, _stopping.Token).ConfigureAwait(false))
                    break;
                var size = RequestFixedSize + StringBytes(connection.Reader.Peek(RequestFixedSize));
                await connection.Reader.FillAsync(size, endAllowed: false, _stopping.Token).ConfigureAwait(false);
                var request = ReadRequest(connection.Reader.Peek(size));
                connection.Reader.Consume(size);
                await HandleAsync(connection, request).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // The peer went away or we are stopping; its requests die with the connection.
        }
        finally
        {
            lock (_connections)
                _connections.Remove(socket);
            socket.Dispose();
        }
    }

    private async Task HandleAsync(Connection connection, DataRequest request)
    {
        var payloadPending = request.Op == Op.Write ? request.Count : 0;
        try
        {
            if (!_hosts.TryGetValue(request.Store, out var host))
                throw new ArgumentException($"The {request.Store} store is not served by the data plane at {_endpoint.Endpoint}.");
            if (request.Count is < 0 or > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(request), $"Transfer of {request.Count} bytes for block {request.BlockId} is not possible.");
            var block = new BlockDescriptor(request.Store, request.BlockId, request.JobId, _endpoint.Endpoint, request.Location,
                0, request.Length, request.AccessKey);
            switch (request.Op)
            {
                case Op.Read:
                    await ServeReadAsync(connection, host, block, request.Offset, (int)request.Count).ConfigureAwait(false);
                    return;
                case Op.Write:
                    await ServeWriteAsync(connection, host, block, request.Offset, (int)request.Count).ConfigureAwait(false);
                    payloadPending = 0;
                    break;
                case Op.Free:
                    host.Free(block);
                    break;
                case Op.Allocate:
                    var allocated = host.Allocate(request.JobId, request.AccessKey, request.Length);
                    await EnqueueResponseAsync(connection, Status.Ok, EncodeAllocation(allocated)).ConfigureAwait(false);
                    return;
                default:
                    throw new ArgumentException($"Unknown data-plane operation {(byte)request.Op} from {connection.Peer}.");
            }
            await EnqueueResponseAsync(connection, Status.Ok, []).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException or SocketException or StreamBrokenException))
        {
            // Refused before any payload moved: drop the write's payload so the connection stays in step.
            await connection.Reader.SkipAsync(payloadPending, _stopping.Token).ConfigureAwait(false);
            await EnqueueResponseAsync(connection, StatusOf(e), Encoding.UTF8.GetBytes(e.Message)).ConfigureAwait(false);
        }
    }

    private async Task ServeReadAsync(Connection connection, IBlockHost host, BlockDescriptor block, long offset, int count)
    {
        if (host.TryGetMemory(block, offset, count, out var memory))
        {
            if (count <= SmallPayloadBytes)
            {
                // A small block rides in the send buffer with its header (and its neighbours' in a batch).
                if (connection.Pending + ResponseFixedSize + count > connection.Send.Length)
                    await FlushAsync(connection).ConfigureAwait(false);
                WriteResponseHeader(connection.Send.AsSpan(connection.Pending), Status.Ok, 0);
                memory.Span.CopyTo(connection.Send.AsSpan(connection.Pending + ResponseFixedSize));
                connection.Pending += ResponseFixedSize + count;
                return;
            }
            await EnqueueResponseAsync(connection, Status.Ok, []).ConfigureAwait(false);
            await SendDirectAsync(connection, memory).ConfigureAwait(false);
            return;
        }
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(count, ChunkBytes));
        try
        {
            // Read the first chunk before answering so a failure can still be reported as an error response.
            var first = Math.Min(count, chunk.Length);
            await host.ReadAsync(block, offset, chunk.AsMemory(0, first), _stopping.Token).ConfigureAwait(false);
            await EnqueueResponseAsync(connection, Status.Ok, []).ConfigureAwait(false);
            await SendDirectAsync(connection, chunk.AsMemory(0, first)).ConfigureAwait(false);
            for (var done = first; done < count;)
            {
                var size = Math.Min(count - done, chunk.Length);
                try
                {
                    await host.ReadAsync(block, offset + done, chunk.AsMemory(0, size), _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The OK response is out: an error can no longer be answered, only the connection dropped.
                    throw new StreamBrokenException($"Block {block.BlockId} failed after {done} of {count} bytes were sent: {e.Message}", e);
                }
                await SendDirectAsync(connection, chunk.AsMemory(0, size)).ConfigureAwait(false);
                done += size;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task ServeWriteAsync(Connection connection, IBlockHost host, BlockDescriptor block, long offset, int count)
    {
        if (host.TryGetMemory(block, offset, count, out var memory))
        {
            await connection.Reader.ReadExactlyAsync(memory, _stopping.Token).ConfigureAwait(false);
            return;
        }
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(count, ChunkBytes));
        try
        {
            for (var done = 0; done < count;)
            {
                var size = Math.Min(count - done, chunk.Length);
                await connection.Reader.ReadExactlyAsync(chunk.AsMemory(0, size), _stopping.Token).ConfigureAwait(false);
                try
                {
                    await host.WriteAsync(block, offset + done, chunk.AsMemory(0, size), _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Part of the payload is consumed: the connection cannot be kept in step, so it closes.
                    throw new StreamBrokenException($"Block {block.BlockId} failed after {done} of {count} bytes were written: {e.Message}", e);
                }
                done += size;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Adds a response (header and trailer) to the connection's pending output.</summary>
    private async Task EnqueueResponseAsync(Connection connection, Status status, byte[] trailer)
    {
        if (connection.Pending + ResponseFixedSize + trailer.Length > connection.Send.Length)
            await FlushAsync(connection).ConfigureAwait(false);
        if (ResponseFixedSize + trailer.Length > connection.Send.Length)
        {
            var message = new byte[ResponseFixedSize + trailer.Length];
            WriteResponseHeader(message, status, trailer.Length);
            trailer.CopyTo(message, ResponseFixedSize);
            await SendAllAsync(connection.Socket, message, _stopping.Token).ConfigureAwait(false);
            return;
        }
        WriteResponseHeader(connection.Send.AsSpan(connection.Pending), status, trailer.Length);
        trailer.CopyTo(connection.Send, connection.Pending + ResponseFixedSize);
        connection.Pending += ResponseFixedSize + trailer.Length;
    }

    /// <summary>Sends a payload straight from where it is (tier memory), after the responses waiting before it.</summary>
    private async Task SendDirectAsync(Connection connection, ReadOnlyMemory<byte> payload)
    {
        await FlushAsync(connection).ConfigureAwait(false);
        await SendAllAsync(connection.Socket, payload, _stopping.Token).ConfigureAwait(false);
    }

    private async ValueTask FlushAsync(Connection connection)
    {
        if (connection.Pending == 0)
            return;
        await SendAllAsync(connection.Socket, connection.Send.AsMemory(0, connection.Pending), _stopping.Token).ConfigureAwait(false);
        connection.Pending = 0;
    }

    private static bool HasWholeRequest(SocketReader reader) =>
        reader.Buffered >= RequestFixedSize && reader.Buffered >= RequestFixedSize + StringBytes(reader.Peek(RequestFixedSize));

    private static void WriteResponseHeader(Span<byte> message, Status status, int trailerLength)
    {
        message[0] = (byte)status;
        BinaryPrimitives.WriteInt32LittleEndian(message[1..], trailerLength);
    }

    /// <summary>One peer connection: its socket, buffered reader and send buffer.</summary>
    private sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public string Peer { get; } = socket.RemoteEndPoint?.ToString() ?? "peer";

        public SocketReader Reader { get; } = new(socket, RequestFixedSize + 3 * ushort.MaxValue + 1, socket.RemoteEndPoint?.ToString() ?? "peer");

        /// <summary>Responses not sent yet: headers, trailers and small blocks, gathered while requests keep coming.</summary>
        public byte[] Send { get; } = new byte[SendBufferBytes];

        /// <summary>Bytes of <see cref="Send"/> waiting to go out.</summary>
        public int Pending { get; set; }
    }

    /// <summary>A transfer failed after its response started; the connection must close.</summary>
    private sealed class StreamBrokenException(string message, Exception inner) : IOException(message, inner);
}
