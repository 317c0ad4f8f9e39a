using Npgsql;
using TigerImport.Database;

namespace TigerImport.Tests.Operations;

/// <summary>
/// A full tablespace (SQLSTATE 53100) during a COPY: Npgsql breaks the connection, which used to read as "the
/// connection was lost" (retried, then "lost twice"). It is the server's full disk, said so with the fix, and not
/// retried. The whole run against a real full tablespace is <see cref="When_the_database_tablespace_fills"/>.
/// </summary>
public sealed class When_the_database_disk_is_full
{
    private static readonly PostgresException DiskFull = new(
        "could not extend file \"pg_tblspc/17430/PG_15_202209061/17431/17617\": No space left on device", "ERROR", "ERROR", PostgresErrorCodes.DiskFull);

    [Fact]
    public void It_is_named_as_the_database_servers_full_disk_with_the_fix()
    {
        var described = PostgresFailures.Describe(DiskFull);

        Assert.StartsWith("PostgreSQL: could not extend file", described);
        Assert.Contains("No space left on device (SQLSTATE 53100 disk_full): the database server's disk (the tablespace's volume) is full, not the worker's", described);
        Assert.Contains("free space or grow the volume", described);
        Assert.Equal(described, PostgresFailures.Describe(new NpgsqlException("Exception while writing to stream", DiskFull)));
    }

    [Fact]
    public void A_copy_broken_by_it_is_not_a_lost_connection_to_redo()
    {
        using var broken = new NpgsqlConnection();

        Assert.False(PostgresFailures.IsConnectionLost(DiskFull, broken));
        Assert.False(PostgresFailures.IsConnectionLost(new NpgsqlException("Exception while writing to stream", DiskFull), broken));
        Assert.True(PostgresFailures.IsConnectionLost(new NpgsqlException("Exception while reading from stream", new IOException("Broken pipe")), broken));
    }
}
