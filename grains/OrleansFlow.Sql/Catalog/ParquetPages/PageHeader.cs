namespace OrleansFlow.Sql.Catalog.ParquetPages;

/// <summary>The fields of a Parquet page header that decoding needs (parquet.thrift's PageHeader).</summary>
internal readonly record struct PageHeader(
    int Type, int UncompressedSize, int CompressedSize, int ValueCount, int Encoding, int DefinitionLevelEncoding,
    int HeaderLength)
{
    public const int DataPage = 0, DictionaryPage = 2, DataPageV2 = 3;

    public static PageHeader Read(ReadOnlySpan<byte> data)
    {
        var reader = new ThriftCompactReader(data);
        int type = -1, uncompressed = 0, compressed = 0, values = 0, encoding = -1, definitionEncoding = -1;
        short id = 0;
        while (true)
        {
            var (fieldId, fieldType) = reader.ReadFieldHeader(id);
            if (fieldType == ThriftCompactReader.Stop) break;
            switch (fieldId)
            {
                case 1 when fieldType == ThriftCompactReader.I32: type = reader.ReadI32(); break;
                case 2 when fieldType == ThriftCompactReader.I32: uncompressed = reader.ReadI32(); break;
                case 3 when fieldType == ThriftCompactReader.I32: compressed = reader.ReadI32(); break;
                // DataPageHeader and DictionaryPageHeader both start with num_values (1) and encoding (2).
                case 5 or 7 when fieldType == ThriftCompactReader.Struct:
                    ReadPageFields(ref reader, out values, out encoding, out definitionEncoding);
                    break;
                default: reader.Skip(fieldType); break;
            }
            id = fieldId;
        }
        return new PageHeader(type, uncompressed, compressed, values, encoding, definitionEncoding, reader.Position);
    }

    private static void ReadPageFields(ref ThriftCompactReader reader, out int values, out int encoding, out int definitionEncoding)
    {
        values = 0;
        encoding = -1;
        definitionEncoding = -1;
        short id = 0;
        while (true)
        {
            var (fieldId, fieldType) = reader.ReadFieldHeader(id);
            if (fieldType == ThriftCompactReader.Stop) return;
            switch (fieldId)
            {
                case 1 when fieldType == ThriftCompactReader.I32: values = reader.ReadI32(); break;
                case 2 when fieldType == ThriftCompactReader.I32: encoding = reader.ReadI32(); break;
                case 3 when fieldType == ThriftCompactReader.I32: definitionEncoding = reader.ReadI32(); break;
                default: reader.Skip(fieldType); break;
            }
            id = fieldId;
        }
    }
}
