using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrleansFlow.Abstractions.Memory;
using static OrleansFlow.Rdma.DataPlane.DataPlaneProtocol;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// Talks to other processes' data planes (<see cref="DataPlaneServer"/>). Keeps a pool of connections per endpoint;
/// each request (or pipelined batch of requests, see DataPlaneClient.Batches.cs) has a connection to itself, so
/// concurrent requests run on parallel streams. Bytes are received straight into the caller's buffer and sent
/// straight from it.
/// </summary>
public sealed partial class DataPlaneClient : IDisposable
{
    private const long MinStripeBytes = 2 << 20;
    private const int MaxStripes = 4;
    /// <summary>Idle connections kept per peer: enough for two batches striped four ways, or a burst of single
    /// transfers; each holds about 1.1 MiB of buffers here and 1.2 MiB at the owner, so more would cost memory.</summary>
    private const int MaxIdlePerEndpoint = 8;
    private const int ReceiveBufferBytes = 1 << 20;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, ConcurrentBag<Connection>> _idle = new();
    private bool _disposed;

    public ValueTask ReadAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var stripes = StripeCount(destination.Length);
        if (stripes == 1)
            return ReadStripeAsync(block, offset, destination, cancellationToken);
        var size = StripeSize(destination.Length, stripes);
        return new ValueTask(Task.WhenAll(Enumerable.Range(0, stripes).Select(i =>
        {
            var start = i * size;
            return ReadStripeAsync(block, offset + start, destination.Slice(start, Math.Min(size, destination.Length - start)), cancellationToken).AsTask();
        })));
    }

    public ValueTask WriteAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        var stripes = StripeCount(source.Length);
        if (stripes == 1)
            return WriteStripeAsync(block, offset, source, cancellationToken);
        var size = StripeSize(source.Length, stripes);
        return new ValueTask(Task.WhenAll(Enumerable.Range(0, stripes).Select(i =>
        {
            var start = i * size;
            return WriteStripeAsync(block, offset + start, source.Slice(start, Math.Min(size, source.Length - start)), cancellationToken).AsTask();
        })));
    }

    public async ValueTask FreeAsync(BlockDescriptor block, CancellationToken cancellationToken = default)
    {
        var request = RequestFor(Op.Free, block, 0, 0);
        await ExchangeAsync(block.Owner, request, ReadOnlyMemory<byte>.Empty, Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Allocates a block in <paramref name="endpoint"/>'s store (a replica, for example).</summary>
    public async ValueTask<BlockDescriptor> AllocateAsync(string endpoint, ShuffleStoreKind store, string jobId, ulong accessKey, long length,
        CancellationToken cancellationToken = default)
    {
        var request = new DataRequest(Op.Allocate, store, 0, 0, accessKey, length, "", jobId, "");
        var trailer = await ExchangeAsync(endpoint, request, ReadOnlyMemory<byte>.Empty, Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        return DecodeAllocation(trailer, store, jobId, accessKey, length, endpoint);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var pool in _idle.Values)
        {
            while (pool.TryTake(out var connection))
                connection.Socket.Dispose();
        }
    }

    /// <summary>A large transfer is cut into stripes sent on parallel connections, so the owner's and the reader's
    /// cores and several TCP windows work at once instead of one stream at a time.</summary>
    private static int StripeCount(int length) => (int)Math.Clamp((length + MinStripeBytes - 1) / MinStripeBytes, 1, MaxStripes);

    private static int StripeSize(int length, int stripes) => (length + stripes - 1) / stripes;

    private async ValueTask ReadStripeAsync(BlockDescriptor block, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var request = RequestFor(Op.Read, block, offset, destination.Length);
        await ExchangeAsync(block.Owner, request, ReadOnlyMemory<byte>.Empty, destination, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteStripeAsync(BlockDescriptor block, long offset, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        var request = RequestFor(Op.Write, block, offset, source.Length);
        await ExchangeAsync(block.Owner, request, source, Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    private static DataRequest RequestFor(Op op, BlockDescriptor block, long offset, long count)
    {
        if (block.Owner.Length == 0)
            throw new ArgumentException($"Block {block.BlockId} has no owner endpoint, so no data plane holds it.", nameof(block));
        return new DataRequest(op, block.Store, offset, count, block.AccessKey, block.Length, block.BlockId, block.JobId, block.Location);
    }

    /// <summary>Sends one request (and its payload), waits for the response (and its payload); returns the trailer.</summary>
    private async ValueTask<byte[]> ExchangeAsync(string endpoint, DataRequest request, ReadOnlyMemory<byte> payload, Memory<byte> destination,
        CancellationToken cancellationToken)
    {
        var connection = await RentAsync(endpoint, cancellationToken).ConfigureAwait(false);
        Status status;
        byte[] trailer;
        try
        {
            var headerSize = WriteRequest(connection.Buffer, request);
            if (payload.Length <= connection.Buffer.Length - headerSize)
            {
                // Small writes go in the same segment as their header: one send, one round trip.
                payload.CopyTo(connection.Buffer.AsMemory(headerSize));
                await SendAllAsync(connection.Socket, connection.Buffer.AsMemory(0, headerSize + payload.Length), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendAllAsync(connection.Socket, connection.Buffer.AsMemory(0, headerSize), cancellationToken).ConfigureAwait(false);
                await SendAllAsync(connection.Socket, payload, cancellationToken).ConfigureAwait(false);
            }
            // One receive usually brings the response header and a small block together; a large block is left in
            // the socket to be received straight into the destination.
            await connection.Reader.FillAsync(ResponseFixedSize, endAllowed: false, cancellationToken, exact: destination.Length >= DirectReceiveBytes).ConfigureAwait(false);
            var header = connection.Reader.Peek(ResponseFixedSize);
            status = (Status)header[0];
            var trailerLength = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);
            connection.Reader.Consume(ResponseFixedSize);
            trailer = trailerLength == 0 ? [] : new byte[trailerLength];
            await connection.Reader.ReadExactlyAsync(trailer, cancellationToken).ConfigureAwait(false);
            if (status == Status.Ok && request.Op == Op.Read)
                await connection.Reader.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            connection.Socket.Dispose(); // half a message may be in flight: this connection cannot be reused
            if (e is SocketException socketError)
                throw new IOException($"The data-plane connection to {endpoint} failed: {socketError.Message}", e);
            throw;
        }
        Return(endpoint, connection); // the exchange completed, refused or not: the connection is still in step
        return status == Status.Ok ? trailer : throw ErrorOf(status, Encoding.UTF8.GetString(trailer), endpoint);
    }

    private async ValueTask<Connection> RentAsync(string endpoint, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryGetValue(endpoint, out var pool) && pool.TryTake(out var idle))
            return idle;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(ConnectTimeout);
        try
        {
            Tune(socket);
            await socket.ConnectAsync(ParseEndpoint(endpoint), connectTimeout.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"Cannot reach the data plane at {endpoint}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A host that is down drops the connection attempt silently; without a bound the kernel retries for minutes.
            socket.Dispose();
            throw new IOException($"Cannot reach the data plane at {endpoint}: no answer within {ConnectTimeout.TotalSeconds:F0} s.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new Connection(socket, endpoint);
    }

    private void Return(string endpoint, Connection connection)
    {
        var pool = _idle.GetOrAdd(endpoint, _ => []);
        // A burst of concurrent requests opens many connections; keep enough for the next burst, close the rest.
        if (_disposed || pool.Count >= MaxIdlePerEndpoint)
            connection.Socket.Dispose();
        else
            pool.Add(connection);
    }

    private static EndPoint ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"Data-plane endpoint '{endpoint}' is not host:port.", nameof(endpoint));
        var host = endpoint[..colon].Trim('[', ']');
        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
    }

    private sealed class Connection(Socket socket, string endpoint)
    {
        public Socket Socket { get; } = socket;

        /// <summary>Request header scratch; small write payloads ride along in it.</summary>
        public byte[] Buffer { get; } = new byte[128 << 10];

        /// <summary>Responses; large enough that one receive picks up many small blocks of a batch.</summary>
        public SocketReader Reader { get; } = new(socket, ReceiveBufferBytes, endpoint);
    }
}
