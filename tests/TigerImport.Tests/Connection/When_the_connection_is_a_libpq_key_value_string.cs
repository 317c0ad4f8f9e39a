using Npgsql;
using TigerImport.Database;

namespace TigerImport.Tests.Connection;

/// <summary>
/// libpq's key=value form (what psql users type) read as libpq reads it, next to Npgsql's; a text in neither form is a
/// usage error naming the forms at once (it was taken for a host name and retried for seconds).
/// </summary>
public sealed class When_the_connection_is_a_libpq_key_value_string
{
    [Theory]
    [InlineData("host=db.internal port=6543 dbname=geo user=u password=p")]
    [InlineData("  host = db.internal   port= 6543 dbname =geo user='u' password='p'  ")]
    [InlineData("host=db.internal\tport=6543\ndbname=geo user=u password=p")]
    [InlineData("Host=db.internal;Port=6543;Database=geo;Username=u;Password=p")]
    [InlineData("host=db.internal;port=6543;database=geo;username=u;password=p")]
    [InlineData("postgres://u:p@db.internal:6543/geo")]
    public void Libpqs_form_and_Npgsqls_name_the_same_database(string text)
    {
        var builder = ConnectionString.Parse(text);

        Assert.Equal(("db.internal", 6543, "geo", "u", "p"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData(@"password='a b'", "a b")]
    [InlineData(@"password='it\'s'", "it's")]
    [InlineData(@"password='back\\slash'", @"back\slash")]
    [InlineData(@"password='semi;colon and space'", "semi;colon and space")]
    [InlineData(@"password=esc\ aped", "esc aped")]
    [InlineData(@"password=''", "")]
    public void Quoted_values_and_escapes_are_read_as_libpq_reads_them(string pair, string password)
    {
        var builder = ConnectionString.Parse($"host=db {pair} dbname=geo");

        Assert.Equal(("db", "geo"), (builder.Host, builder.Database));
        Assert.Equal(password, builder.Password ?? "");
    }

    [Fact]
    public void TLS_settings_take_libpqs_spellings()
    {
        var builder = ConnectionString.Parse("host=geo.rds.amazonaws.com user=tigerimport dbname=coalition sslmode=verify-full sslrootcert=/etc/ssl/rds/global-bundle.pem application_name=monthly connect_timeout=7");

        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("/etc/ssl/rds/global-bundle.pem", builder.RootCertificate);
        Assert.Equal("monthly", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
    }

    [Fact]
    public void A_URLs_query_takes_the_same_libpq_keywords()
    {
        var builder = ConnectionString.Parse("postgres://u@db/geo?sslmode=verify-ca&sslrootcert=/ca.pem&connect_timeout=9&target_session_attrs=read-write");

        Assert.Equal((SslMode.VerifyCA, "/ca.pem", 9), (builder.SslMode, builder.RootCertificate, builder.Timeout));
    }

    [Theory]
    [InlineData("host=db password='hidden-pw", "unterminated")]
    [InlineData("host=db password hidden-pw", "'password' without '='")]
    [InlineData("host=db passwd=hidden-pw", "'passwd', which is not one the worker reads")]
    [InlineData("host=db port=fifty password=hidden-pw", "'port'")]
    [InlineData("host=db sslmode=sometimes password=hidden-pw", "sslmode")]
    [InlineData("dbname=geo password=hidden-pw", "names no host")]
    [InlineData("Host=db Port=5432 Password=hidden-pw", "no form the worker reads")]
    [InlineData("db.internal:5432/geo hidden-pw", "no form the worker reads")]
    public void A_text_in_no_form_is_a_usage_error_naming_the_forms_without_the_password(string text, string says)
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse(text));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("hidden-pw", error.Message);
    }

    [Fact]
    public void The_forms_named_by_the_errors_are_the_four_it_reads()
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse("Host=db Port=5432"));

        Assert.Contains("postgres://", error.Message);
        Assert.Contains("JSON secret", error.Message);
        Assert.Contains("host=… port=5432 dbname=…", error.Message);
        Assert.Contains("Host=…;Port=5432", error.Message);
    }
}
