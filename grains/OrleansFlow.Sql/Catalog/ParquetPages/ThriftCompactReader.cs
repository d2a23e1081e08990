namespace OrleansFlow.Sql.Catalog.ParquetPages;

/// <summary>
/// The few pieces of Thrift's compact protocol a Parquet page header needs: field headers, zigzag varints and
/// skipping of fields this reader does not use (statistics, CRC, encryption...).
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> data)
{
    public const byte Stop = 0, BoolTrue = 1, BoolFalse = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7,
        Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

    private readonly ReadOnlySpan<byte> _data = data;
    public int Position { get; private set; }

    /// <summary>The next field's id and type; type <see cref="Stop"/> ends the struct.</summary>
    public (short Id, byte Type) ReadFieldHeader(short previousId)
    {
        byte header = ReadByte();
        byte type = (byte)(header & 0x0F);
        if (type == Stop) return (0, Stop);
        int delta = header >> 4;
        short id = delta != 0 ? (short)(previousId + delta) : (short)ZigZag(ReadVarint());
        return (id, type);
    }

    public int ReadI32() => (int)ZigZag(ReadVarint());

    public void Skip(byte type)
    {
        switch (type)
        {
            case BoolTrue or BoolFalse: break;
            case Byte: Position++; break;
            case I16 or I32 or I64: ReadVarint(); break;
            case Double: Position += 8; break;
            case Binary:
            {
                // Not "Position += ReadVarint()": that would add the length to the position before the varint.
                int length = checked((int)ReadVarint());
                Position += length;
                break;
            }
            case List or Set:
            {
                byte header = ReadByte();
                int size = header >> 4;
                if (size == 15) size = checked((int)ReadVarint());
                byte elementType = (byte)(header & 0x0F);
                for (int i = 0; i < size; i++) SkipElement(elementType);
                break;
            }
            case Map:
            {
                int size = checked((int)ReadVarint());
                if (size == 0) break;
                byte types = ReadByte();
                for (int i = 0; i < size; i++)
                {
                    SkipElement((byte)(types >> 4));
                    SkipElement((byte)(types & 0x0F));
                }
                break;
            }
            case Struct: SkipStruct(); break;
            default: throw new InvalidDataException($"Thrift compact type {type} at byte {Position} is unknown");
        }
    }

    public void SkipStruct()
    {
        short id = 0;
        while (true)
        {
            var (fieldId, type) = ReadFieldHeader(id);
            if (type == Stop) return;
            Skip(type);
            id = fieldId;
        }
    }

    // Inside lists and maps a boolean takes a whole byte.
    private void SkipElement(byte type)
    {
        if (type is BoolTrue or BoolFalse) Position++;
        else Skip(type);
    }

    private byte ReadByte()
    {
        if (Position >= _data.Length) throw new InvalidDataException("Parquet page header ends early");
        return _data[Position++];
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("Parquet page header has a malformed varint");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
