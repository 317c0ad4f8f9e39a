using Npgsql;
using TigerImport.Database;

namespace TigerImport.Tests.Connection;

/// <summary>
/// The settings an operator copies from libpq's documentation: a CA file that is not there (exit 2 naming it, not a TLS
/// failure retried), <c>sslrootcert=system</c>, <c>target_session_attrs</c> on one host (Npgsql refused it at connect:
/// exit 1), and a JSON secret that names a host only (it connected as an empty user and retried).
/// </summary>
public sealed class When_a_connection_names_files_and_session_attributes
{
    [Theory]
    [InlineData("postgres://u@db/geo?sslmode=verify-full&sslrootcert=/etc/ssl/rds/no-such-bundle.pem")]
    [InlineData("host=db dbname=geo user=u sslmode=verify-full sslrootcert=/etc/ssl/rds/no-such-bundle.pem")]
    public void A_root_certificate_that_does_not_exist_is_a_usage_error_naming_it(string text)
    {
        var builder = ConnectionString.Parse(text);

        var error = Assert.Throws<TigerImportException>(() => ConnectionString.CheckFiles(builder));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains("sslrootcert", error.Message);
        Assert.Contains("/etc/ssl/rds/no-such-bundle.pem", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_root_certificate_that_exists_passes()
    {
        var file = Path.GetTempFileName();
        try
        {
            ConnectionString.CheckFiles(ConnectionString.Parse($"host=db dbname=geo user=u sslmode=verify-full sslrootcert={file}"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Sslrootcert_system_uses_the_system_store()
    {
        var builder = ConnectionString.Parse("postgres://u@db/geo?sslmode=verify-full&sslrootcert=system");

        Assert.Null(builder.RootCertificate);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        ConnectionString.CheckFiles(builder);
    }

    [Theory]
    [InlineData("postgres://u@db/geo?target_session_attrs=read-write")]
    [InlineData("host=db dbname=geo user=u target_session_attrs=read-write")]
    [InlineData("host=db dbname=geo user=u target_session_attrs=primary")]
    [InlineData("host=db dbname=geo user=u target_session_attrs=any")]
    public void A_writable_session_attribute_on_one_host_is_accepted(string text)
    {
        var builder = ConnectionString.Parse(text);

        Assert.Null(builder.TargetSessionAttributes);
        Assert.Equal("db", builder.Host);
    }

    [Fact]
    public void Session_attributes_stay_with_several_hosts()
    {
        Assert.Equal("read-write", ConnectionString.Parse("Host=a,b;Database=geo;Target Session Attributes=read-write").TargetSessionAttributes);
    }

    [Theory]
    [InlineData("host=db dbname=geo user=u target_session_attrs=read-only")]
    [InlineData("postgres://u@db/geo?target_session_attrs=standby")]
    public void A_read_only_session_attribute_is_a_usage_error(string text)
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse(text));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains("target_session_attrs", error.Message);
    }

    [Theory]
    [InlineData("""{"host": "127.0.0.1"}""", "no username and no dbname")]
    [InlineData("""{"host": "127.0.0.1", "username": "u"}""", "no dbname")]
    [InlineData("""{"host": "127.0.0.1", "dbname": "geo", "password": "hidden-pw"}""", "no username")]
    public void A_secret_with_only_some_fields_names_the_missing_ones(string json, string says)
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse(json));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("hidden-pw", error.Message);
    }

    [Fact]
    public void A_bad_url_from_the_command_line_does_not_blame_DATABASE_URL_alone()
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse("mysql://u@db/geo"));

        Assert.DoesNotContain("DATABASE_URL must", error.Message);
        Assert.Contains("--connection or DATABASE_URL", error.Message);
    }
}
