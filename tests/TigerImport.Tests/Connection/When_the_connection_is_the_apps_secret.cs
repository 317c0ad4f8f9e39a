using System.Text.Json;
using Npgsql;
using TigerImport.Database;

namespace TigerImport.Tests.Connection;

/// <summary>
/// The app's database secret as Secrets Manager holds it (a JSON object whose url uses Django's postgis:// scheme),
/// and the other forms of --connection / DATABASE_URL, read without a server.
/// </summary>
public sealed class When_the_connection_is_the_apps_secret
{
    private const string Secret = """
        {"url": "postgis://coalition:old-pass@db.internal:5432/coalition?sslmode=require", "username": "coalition",
         "password": "rotated-pass", "host": "db.internal", "port": 5432, "dbname": "coalition", "engine": "postgres"}
        """;

    [Fact]
    public void The_secret_object_is_read_and_its_fields_win_over_its_url()
    {
        var builder = ConnectionString.Parse(Secret);

        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal("coalition", builder.Database);
        Assert.Equal("coalition", builder.Username);
        Assert.Equal("rotated-pass", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void A_secret_without_url_is_read_from_its_fields_with_the_port_as_text()
    {
        var builder = ConnectionString.Parse("""{"host": "db.internal", "port": "6543", "dbname": "geo", "username": "u", "password": "p"}""");

        Assert.Equal(("db.internal", 6543, "geo", "u", "p"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Fact]
    public void A_secret_with_only_a_url_is_that_url()
    {
        var builder = ConnectionString.Parse("""{"url": "postgis://u:p%40ss@db.internal:6543/geo"}""");

        Assert.Equal(("db.internal", 6543, "geo", "u", "p@ss"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("postgis://u:p@db.internal:6543/geo")]
    [InlineData("postgresql://u:p@db.internal:6543/geo")]
    [InlineData("postgres://u:p@db.internal:6543/geo")]
    [InlineData("Host=db.internal;Port=6543;Database=geo;Username=u;Password=p")]
    public void Every_url_scheme_and_the_keyword_form_name_the_same_database(string text)
    {
        var builder = ConnectionString.Parse(text);

        Assert.Equal(("db.internal", 6543, "geo", "u", "p"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("""{"url": "mysql://u:hidden-pw@db/x"}""")]
    [InlineData("""{"password": "hidden-pw", "dbname": "x"}""")]
    [InlineData("""{"host": "db", "port": "fifty", "password": "hidden-pw"}""")]
    [InlineData("""{"host": "db", "password": "hidden-pw", "port": [1]}""")]
    [InlineData("""{"host": "db", "password": "hidden-pw", "sslmode": "sometimes"}""")]
    [InlineData("""{"host": "db", "password": "hidden-pw",""")]
    [InlineData("""["hidden-pw"]""")]
    public void A_malformed_secret_is_a_usage_error_that_does_not_echo_the_password(string text)
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse(text));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.DoesNotContain("hidden-pw", error.Message);
    }

    [Fact]
    public void The_secret_survives_a_round_trip_through_JSON_escaping()
    {
        var password = "p\"a\\s:s@w/o?r#d";
        var text = JsonSerializer.Serialize(new { host = "db", port = 5432, dbname = "geo", username = "u", password });

        Assert.Equal(password, ConnectionString.Parse(text).Password);
    }
}
