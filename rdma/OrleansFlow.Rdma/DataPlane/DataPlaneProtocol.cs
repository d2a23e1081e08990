using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using OrleansFlow.Abstractions.Memory;

namespace OrleansFlow.Rdma.DataPlane;

/// <summary>
/// Wire format of the data plane. A request is a 40-byte fixed header (op, store, offset, count, key, length and the
/// byte lengths of three strings), the strings (block id, job id, location), then for a write <c>count</c> bytes.
/// A response is a status byte, a 4-byte length of a trailer (error message or allocation result), the trailer, then
/// for a successful read <c>count</c> bytes. All little-endian. Bytes are sent straight from, and received straight
/// into, tier memory.
/// </summary>
internal static class DataPlaneProtocol
{
    public const int RequestFixedSize = 40;
    public const int ResponseFixedSize = 5;

    public enum Op : byte { Read = 1, Write = 2, Free = 3, Allocate = 4 }

    public enum Status : byte { Ok = 0, NotFound = 1, Denied = 2, OutOfRange = 3, BadRequest = 4, Failed = 5 }

    public readonly record struct DataRequest(Op Op, ShuffleStoreKind Store, long Offset, long Count, ulong AccessKey, long Length,
        string BlockId, string JobId, string Location);

    /// <summary>Writes the request header into <paramref name="buffer"/>; returns its size.</summary>
    public static int WriteRequest(Span<byte> buffer, in DataRequest request)
    {
        var id = Encoding.UTF8.GetBytes(request.BlockId, buffer[RequestFixedSize..]);
        var job = Encoding.UTF8.GetBytes(request.JobId, buffer[(RequestFixedSize + id)..]);
        var location = Encoding.UTF8.GetBytes(request.Location, buffer[(RequestFixedSize + id + job)..]);
        buffer[0] = (byte)request.Op;
        buffer[1] = (byte)request.Store;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[2..], request.Offset);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[10..], request.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[18..], request.AccessKey);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[26..], request.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[34..], checked((ushort)id));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[36..], checked((ushort)job));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[38..], checked((ushort)location));
        return RequestFixedSize + id + job + location;
    }

    /// <summary>Size of the strings that follow a fixed request header.</summary>
    public static int StringBytes(ReadOnlySpan<byte> fixedHeader) =>
        BinaryPrimitives.ReadUInt16LittleEndian(fixedHeader[34..]) + BinaryPrimitives.ReadUInt16LittleEndian(fixedHeader[36..]) +
        BinaryPrimitives.ReadUInt16LittleEndian(fixedHeader[38..]);

    public static DataRequest ReadRequest(ReadOnlySpan<byte> header)
    {
        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(header[34..]);
        var jobLength = BinaryPrimitives.ReadUInt16LittleEndian(header[36..]);
        var locationLength = BinaryPrimitives.ReadUInt16LittleEndian(header[38..]);
        var strings = header[RequestFixedSize..];
        return new DataRequest((Op)header[0], (ShuffleStoreKind)header[1],
            BinaryPrimitives.ReadInt64LittleEndian(header[2..]), BinaryPrimitives.ReadInt64LittleEndian(header[10..]),
            BinaryPrimitives.ReadUInt64LittleEndian(header[18..]), BinaryPrimitives.ReadInt64LittleEndian(header[26..]),
            Encoding.UTF8.GetString(strings[..idLength]),
            Encoding.UTF8.GetString(strings.Slice(idLength, jobLength)),
            Encoding.UTF8.GetString(strings.Slice(idLength + jobLength, locationLength)));
    }

    public static Status StatusOf(Exception error) => error switch
    {
        BlockNotFoundException => Status.NotFound,
        BlockAccessDeniedException => Status.Denied,
        ArgumentOutOfRangeException => Status.OutOfRange,
        ArgumentException => Status.BadRequest,
        _ => Status.Failed,
    };

    public static Exception ErrorOf(Status status, string message, string endpoint) => status switch
    {
        Status.NotFound => new BlockNotFoundException(message),
        Status.Denied => new BlockAccessDeniedException(message),
        Status.OutOfRange => new ArgumentOutOfRangeException("offset", message),
        Status.BadRequest => new ArgumentException(message),
        _ => new IOException($"The data plane at {endpoint} failed: {message}"),
    };

    public static async ValueTask ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, string peer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
                throw new IOException($"The data-plane connection to {peer} closed in the middle of a message.");
            buffer = buffer[received..];
        }
    }

    public static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var sent = await socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            buffer = buffer[sent..];
        }
    }

    /// <summary>Large kernel buffers keep a single stream busy on a fast link; no Nagle delay for small requests.</summary>
    public static void Tune(Socket socket)
    {
        socket.NoDelay = true;
        socket.SendBufferSize = 4 << 20;
        socket.ReceiveBufferSize = 4 << 20;
    }

    /// <summary>What a peer needs to rebuild the descriptor of a block allocated here: id, location and offset.</summary>
    public static byte[] EncodeAllocation(BlockDescriptor block)
    {
        var id = Encoding.UTF8.GetBytes(block.BlockId);
        var location = Encoding.UTF8.GetBytes(block.Location);
        var trailer = new byte[12 + id.Length + location.Length];
        BinaryPrimitives.WriteInt64LittleEndian(trailer, block.Offset);
        BinaryPrimitives.WriteUInt16LittleEndian(trailer.AsSpan(8), (ushort)id.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(trailer.AsSpan(10), (ushort)location.Length);
        id.CopyTo(trailer, 12);
        location.CopyTo(trailer, 12 + id.Length);
        return trailer;
    }

    public static BlockDescriptor DecodeAllocation(ReadOnlySpan<byte> trailer, ShuffleStoreKind store, string jobId, ulong accessKey, long length, string owner)
    {
        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(trailer[8..]);
        var locationLength = BinaryPrimitives.ReadUInt16LittleEndian(trailer[10..]);
        return new BlockDescriptor(store, Encoding.UTF8.GetString(trailer.Slice(12, idLength)), jobId, owner,
            Encoding.UTF8.GetString(trailer.Slice(12 + idLength, locationLength)), BinaryPrimitives.ReadInt64LittleEndian(trailer), length, accessKey);
    }
}
