using NpgsqlTypes;
using TigerImport.Load;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Load;

/// <summary>The hand-encoded binary COPY rows, read back by PostgreSQL itself: every column type the importer writes.</summary>
[Collection(PostgisCollection.Name)]
public sealed class When_rows_are_encoded_for_binary_copy(PostgisServer postgis)
{
    [Fact]
    public async Task PostgreSQL_reads_every_type_back_as_written()
    {
        (object? Value, NpgsqlDbType Type)[][] rows =
        [
            [("Española — 東京 ñ", NpgsqlDbType.Text), ((short)-7, NpgsqlDbType.Smallint), (2147483647, NpgsqlDbType.Integer), (-9007199254740993L, NpgsqlDbType.Bigint),
                (-0.1, NpgsqlDbType.Double), (123.4500m, NpgsqlDbType.Numeric), (new DateOnly(1999, 12, 31), NpgsqlDbType.Date), (true, NpgsqlDbType.Boolean)],
            [("", NpgsqlDbType.Text), ((short)0, NpgsqlDbType.Smallint), (0, NpgsqlDbType.Integer), (0L, NpgsqlDbType.Bigint),
                (1e300, NpgsqlDbType.Double), (-0.00010m, NpgsqlDbType.Numeric), (new DateOnly(2024, 2, 29), NpgsqlDbType.Date), (false, NpgsqlDbType.Boolean)],
            [(null, NpgsqlDbType.Text), (null, NpgsqlDbType.Smallint), (null, NpgsqlDbType.Integer), (null, NpgsqlDbType.Bigint),
                (null, NpgsqlDbType.Double), (0m, NpgsqlDbType.Numeric), (null, NpgsqlDbType.Date), (null, NpgsqlDbType.Boolean)],
            [("x", NpgsqlDbType.Text), ((short)1, NpgsqlDbType.Smallint), (-1, NpgsqlDbType.Integer), (1L, NpgsqlDbType.Bigint),
                (2.5, NpgsqlDbType.Double), (79228162514264337593543950335m, NpgsqlDbType.Numeric), (new DateOnly(1, 1, 1), NpgsqlDbType.Date), (null, NpgsqlDbType.Boolean)],
            [("y", NpgsqlDbType.Text), ((short)2, NpgsqlDbType.Smallint), (2, NpgsqlDbType.Integer), (2L, NpgsqlDbType.Bigint),
                (3.5, NpgsqlDbType.Double), (-1234567.000001m, NpgsqlDbType.Numeric), (new DateOnly(2000, 1, 1), NpgsqlDbType.Date), (true, NpgsqlDbType.Boolean)],
        ];
        await using var db = postgis.CreateDataSource();
        await using var connection = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await TestImport.ExecuteAsync(db, "DROP TABLE IF EXISTS public.copy_tuple; CREATE TABLE public.copy_tuple (n int, t text, s smallint, i integer, b bigint, d double precision, m numeric, day date, flag boolean, raw bytea)");
        await using (var copy = await connection.BeginRawBinaryCopyAsync("COPY public.copy_tuple (t, s, i, b, d, m, day, flag, n, raw) FROM STDIN (FORMAT BINARY)", TestContext.Current.CancellationToken))
        {
            await copy.WriteAsync(TupleEncoder.Header, TestContext.Current.CancellationToken);
            for (var n = 0; n < rows.Length; n++)
            {
                var number = new byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, n);
                await copy.WriteAsync(TupleEncoder.Encode(rows[n], number, [1, 2, 255]), TestContext.Current.CancellationToken);
            }

            await copy.WriteAsync(TupleEncoder.Trailer, TestContext.Current.CancellationToken);
        }

        var text = await TestImport.ScalarAsync<string>(db, "SELECT string_agg(concat_ws('|', t, s, i, b, d, m, day, flag, encode(raw, 'hex')), E'\\n' ORDER BY n) FROM public.copy_tuple");

        Assert.Equal(
            """
            Española — 東京 ñ|-7|2147483647|-9007199254740993|-0.1|123.4500|1999-12-31|t|0102ff
            |0|0|0|1e+300|-0.00010|2024-02-29|f|0102ff
            0|0102ff
            x|1|-1|1|2.5|79228162514264337593543950335|0001-01-01|0102ff
            y|2|2|2|3.5|-1234567.000001|2000-01-01|t|0102ff
            """,
            text);
    }
}
