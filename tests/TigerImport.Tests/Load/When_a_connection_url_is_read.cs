using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Tests.Load;

/// <summary>DATABASE_URL as operators write it, including RDS's TLS settings (docs/database-role.md).</summary>
public sealed class When_a_connection_url_is_read
{
    [Fact]
    public void TLS_with_the_RDS_CA_bundle_parses_to_verify_full_and_the_root_certificate()
    {
        var builder = ConnectionString.FromUrl("postgres://tigerimport:p%40ss@geo.abc123.us-east-1.rds.amazonaws.com:5432/coalition?sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem");

        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("/etc/ssl/rds/global-bundle.pem", builder.RootCertificate);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal("coalition", builder.Database);
    }

    [Fact]
    public void A_data_source_builds_from_it_without_connecting()
    {
        var bundle = Path.GetTempFileName(); // the CA file must exist: a missing one is a usage error at once
        try
        {
            using var dataSource = DatabaseConnection.Create(
                $"postgres://tigerimport@db.internal:6543/coalition?sslmode=verify-full&sslrootcert={bundle}", NullLoggerFactory.Instance, out var description);

            Assert.Equal("db.internal:6543/coalition as tigerimport", description);
            var missing = Assert.Throws<TigerImportException>(() => DatabaseConnection.Create(
                "postgres://tigerimport@db.internal:6543/coalition?sslmode=verify-full&sslrootcert=/etc/ssl/rds/no-such-bundle.pem", NullLoggerFactory.Instance, out _));
            Assert.Equal(FailureKind.Usage, missing.Kind);
            Assert.Contains("/etc/ssl/rds/no-such-bundle.pem", missing.Message);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Theory]
    [InlineData("postgres://db/x?sslmode=sometimes")]
    [InlineData("Host=db;Colour=blue")]
    [InlineData("mysql://db/x")]
    public void A_malformed_one_is_a_usage_error(string connection)
    {
        var error = Assert.Throws<TigerImportException>(() => DatabaseConnection.Create(connection, NullLoggerFactory.Instance, out _));

        Assert.Equal(FailureKind.Usage, error.Kind);
    }
}
