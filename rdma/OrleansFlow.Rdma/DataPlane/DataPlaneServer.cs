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
/// straight into it; blocks on disk go through a pooled buffer in chunks.
/// </summary>
internal sealed class DataPlaneServer : IAsyncDisposable
{
    private const int ChunkBytes = 1 << 20;
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
            // A peer closing between requests is the normal end of a connection.
            while (await connection.Reader.FillAsync(RequestFixedSize, endAllowed: true, _stopping.Token).ConfigureAwait(false))
            {
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
                    await SendResponseAsync(connection, Status.Ok, EncodeAllocation(allocated)).ConfigureAwait(false);
                    return;
                default:
                    throw new ArgumentException($"Unknown data-plane operation {(byte)request.Op} from {connection.Peer}.");
            }
            await SendResponseAsync(connection, Status.Ok, []).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException or SocketException or StreamBrokenException))
        {
            // Refused before any payload moved: drop the write's payload so the connection stays in step.
            await connection.Reader.SkipAsync(payloadPending, _stopping.Token).ConfigureAwait(false);
            await SendResponseAsync(connection, StatusOf(e), Encoding.UTF8.GetBytes(e.Message)).ConfigureAwait(false);
        }
    }

    private async Task ServeReadAsync(Connection connection, IBlockHost host, BlockDescriptor block, long offset, int count)
    {
        if (host.TryGetMemory(block, offset, count, out var memory))
        {
            if (count <= connection.Send.Length - ResponseFixedSize)
            {
                // A small block rides in the same segment as its response header: one send.
                WriteResponseHeader(connection.Send, Status.Ok, 0);
                memory.CopyTo(connection.Send.AsMemory(ResponseFixedSize));
                await SendAllAsync(connection.Socket, connection.Send.AsMemory(0, ResponseFixedSize + count), _stopping.Token).ConfigureAwait(false);
                return;
            }
            await SendResponseAsync(connection, Status.Ok, []).ConfigureAwait(false);
            await SendAllAsync(connection.Socket, memory, _stopping.Token).ConfigureAwait(false);
            return;
        }
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(count, ChunkBytes));
        try
        {
            // Read the first chunk before answering so a failure can still be reported as an error response.
            var first = Math.Min(count, chunk.Length);
            await host.ReadAsync(block, offset, chunk.AsMemory(0, first), _stopping.Token).ConfigureAwait(false);
            await SendResponseAsync(connection, Status.Ok, []).ConfigureAwait(false);
            await SendAllAsync(connection.Socket, chunk.AsMemory(0, first), _stopping.Token).ConfigureAwait(false);
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
                await SendAllAsync(connection.Socket, chunk.AsMemory(0, size), _stopping.Token).ConfigureAwait(false);
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

    private async Task SendResponseAsync(Connection connection, Status status, byte[] trailer)
    {
        var message = trailer.Length <= connection.Send.Length - ResponseFixedSize ? connection.Send : new byte[ResponseFixedSize + trailer.Length];
        WriteResponseHeader(message, status, trailer.Length);
        trailer.CopyTo(message, ResponseFixedSize);
        await SendAllAsync(connection.Socket, message.AsMemory(0, ResponseFixedSize + trailer.Length), _stopping.Token).ConfigureAwait(false);
    }

    private static void WriteResponseHeader(byte[] message, Status status, int trailerLength)
    {
        message[0] = (byte)status;
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(1), trailerLength);
    }

    /// <summary>One peer connection: its socket, buffered reader and send buffer (response header plus a small block).</summary>
    private sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public string Peer { get; } = socket.RemoteEndPoint?.ToString() ?? "peer";

        public SocketReader Reader { get; } = new(socket, RequestFixedSize + 3 * ushort.MaxValue + 1, socket.RemoteEndPoint?.ToString() ?? "peer");

        public byte[] Send { get; } = new byte[ResponseFixedSize + (64 << 10)];
    }

    /// <summary>A transfer failed after its response started; the connection must close.</summary>
    private sealed class StreamBrokenException(string message, Exception inner) : IOException(message, inner);
}
