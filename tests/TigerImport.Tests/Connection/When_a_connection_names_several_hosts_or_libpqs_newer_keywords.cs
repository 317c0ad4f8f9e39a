using Npgsql;
using TigerImport.Database;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Connection;

/// <summary>
/// libpq's several hosts (<c>host=a,b port=1,2</c>, <c>postgresql://h1:1,h2:2/db</c>), <c>channel_binding</c> and
/// <c>gssencmode</c> map to Npgsql's own settings; <c>service=</c> (pg_service.conf, which Npgsql does not read) is
/// exit 2 naming the keywords the worker takes. Several hosts reach a real server past a closed port.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_connection_names_several_hosts_or_libpqs_newer_keywords(PostgisServer postgis)
{
    [Theory]
    [InlineData("host=h1,h2 port=6001,6002 dbname=geo user=u", "h1:6001,h2:6002", 5432)]
    [InlineData("port=6001,6002 host=h1,h2 dbname=geo user=u", "h1:6001,h2:6002", 5432)]
    [InlineData("host=h1,h2 port=6543 dbname=geo user=u", "h1,h2", 6543)]
    [InlineData("postgresql://u:p%40w@h1:6001,h2:6002/geo?sslmode=require", "h1:6001,h2:6002", 5432)]
    [InlineData("postgres://u@h1,h2:6002/geo", "h1,h2:6002", 5432)]
    public void Several_hosts_become_Npgsqls_host_list_asking_for_the_writable_one(string text, string hosts, int port)
    {
        var builder = ConnectionString.Parse(text);

        Assert.Equal((hosts, port, "geo", "u"), (builder.Host, builder.Port, builder.Database, builder.Username));
        Assert.Equal("read-write", builder.TargetSessionAttributes);
    }

    [Fact]
    public void A_URLs_several_hosts_keep_its_password_and_query()
    {
        var builder = ConnectionString.Parse("postgresql://u:p%40w@h1:6001,h2:6002/geo?sslmode=require&target_session_attrs=primary");

        Assert.Equal(("p@w", SslMode.Require, "primary"), (builder.Password, builder.SslMode, builder.TargetSessionAttributes));
    }

    [Theory]
    [InlineData("host=h1,h2,h3 port=6001,6002 dbname=geo user=u", "3 host(s) and 2 ports")]
    [InlineData("host=h1,h2 port=6001,x dbname=geo user=u", "not a TCP port: 'x'")]
    [InlineData("postgresql://u@h1:6001,h2:99999/geo", "not host or host:port")]
    [InlineData("host=h1,h2 dbname=geo user=u target_session_attrs=standby", "takes no writes")]
    public void Hosts_and_ports_that_do_not_pair_are_usage_errors(string text, string says)
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse(text));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains(says, error.Message);
    }

    [Theory]
    [InlineData("host=db dbname=geo user=u channel_binding=prefer gssencmode=disable", ChannelBinding.Prefer)]
    [InlineData("postgres://u@db/geo?channel_binding=disable&gssencmode=disable", ChannelBinding.Disable)]
    public void Channel_binding_and_GSS_encryption_take_libpqs_keywords(string text, ChannelBinding binding)
    {
        var builder = ConnectionString.Parse(text);

        Assert.Equal((binding, GssEncryptionMode.Disable), (builder.ChannelBinding, builder.GssEncryptionMode));
    }

    /// <summary>The test server authenticates by trust, which libpq's channel_binding=require refuses and Npgsql's does not: the worker says so rather than connect.</summary>
    [Theory]
    [InlineData("{0}?channel_binding=require")]
    [InlineData("host={1} port={2} dbname={3} user={4} channel_binding=require")]
    [InlineData("Host={1};Port={2};Database={3};Username={4};Channel Binding=Require")]
    public async Task Channel_binding_require_is_exit_2_pointing_at_verify_full(string form)
    {
        var url = new Uri(postgis.Url);
        var connection = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, postgis.Url, url.Host, url.Port, url.AbsolutePath.TrimStart('/'), url.UserInfo);

        var (exitCode, output) = await CliProcess.RunAsync(connection, "status", "--schema", "channel_binding");

        Assert.True(exitCode == 2, output);
        Assert.Contains("channel_binding=require, which the worker cannot enforce", output);
        Assert.Contains("sslmode=verify-full", output);
    }

    [Theory]
    [InlineData("service=geo dbname=geo")]
    [InlineData("postgres://u@db/geo?service=geo")]
    public void A_service_is_exit_2_naming_the_keywords_the_worker_takes(string text)
    {
        var error = Assert.Throws<TigerImportException>(() => ConnectionString.Parse(text));

        Assert.Equal(FailureKind.Usage, error.Kind);
        Assert.Contains("pg_service.conf", error.Message);
        Assert.Contains("host, hostaddr, port, dbname, user", error.Message);
        Assert.Contains("channel_binding, gssencmode", error.Message);
    }

    [Fact]
    public async Task Several_hosts_reach_the_server_past_a_closed_port()
    {
        var server = ConnectionString.Parse(postgis.ConnectionString);
        var password = string.IsNullOrEmpty(server.Password) ? "" : ":" + Uri.EscapeDataString(server.Password);
        var url = $"postgresql://{Uri.EscapeDataString(server.Username!)}{password}@127.0.0.1:1,{server.Host}:{server.Port}/{server.Database}?sslmode=disable";

        var (exitCode, output) = await CliProcess.RunAsync(url, "status");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"127.0.0.1:1,{server.Host}:{server.Port}/{server.Database} as {server.Username}", output);
    }
}
