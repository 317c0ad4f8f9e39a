using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace TigerImport.Database;

/// <summary>
/// Reads the text of <c>--connection</c> or <c>DATABASE_URL</c> in each form an operator may hold: a
/// <c>postgres://</c>, <c>postgresql://</c> or <c>postgis://</c> (Django's) URL, the app's JSON secret object
/// (<c>{"url","username","password","host","port","dbname"}</c>) or an Npgsql key=value string. One method per form;
/// no error message echoes the text (it holds a password).
/// </summary>
public static class ConnectionString
{
    /// <summary>The URL schemes read as PostgreSQL: libpq's two and GeoDjango's <c>postgis</c>.</summary>
    private static readonly string[] Schemes = ["postgres", "postgresql", "postgis"];

    public static NpgsqlConnectionStringBuilder Parse(string text) =>
        text.TrimStart().StartsWith('{') ? FromSecret(text)
        : text.Contains("://", StringComparison.Ordinal) ? FromUrl(text)
        : FromKeywords(text);

    /// <summary>
    /// The app's database secret as Secrets Manager holds it. The separate fields win over the parts of <c>url</c>
    /// (a password rotation rewrites <c>password</c>, not <c>url</c>); other keys (<c>engine</c>…) are ignored.
    /// </summary>
    public static NpgsqlConnectionStringBuilder FromSecret(string json)
    {
        JsonElement secret;
        try
        {
            using var document = JsonDocument.Parse(json);
            secret = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            // JsonException's message quotes no value, only the position.
            throw Usage($"The connection (--connection or DATABASE_URL) starts with '{{' but is not a JSON object: {e.Message} Give the app's secret as stored ({{\"url\",\"username\",\"password\",\"host\",\"port\",\"dbname\"}}) or a postgres:// URL.");
        }

        if (secret.ValueKind != JsonValueKind.Object)
        {
            throw Usage("The connection's JSON secret must be an object with url, or host, port, dbname, username and password.");
        }

        var builder = Field(secret, "url") is { } url ? FromUrl(url) : new NpgsqlConnectionStringBuilder();
        if (Field(secret, "host") is { } host)
        {
            builder.Host = host;
        }

        if (Field(secret, "port") is { } port)
        {
            builder.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? number
                : throw Usage($"The connection's JSON secret has a port that is not a TCP port: '{port}'.");
        }

        if (Field(secret, "dbname") is { } database)
        {
            builder.Database = database;
        }

        if (Field(secret, "username") is { } username)
        {
            builder.Username = username;
        }

        if (Field(secret, "password") is { } password)
        {
            builder.Password = password;
        }

        if (Field(secret, "sslmode") is { } sslMode)
        {
            SetSslMode(builder, sslMode, "The connection's JSON secret");
        }

        return builder.Host is { Length: > 0 }
            ? builder
            : throw Usage("The connection's JSON secret names no host: it needs url (postgis://user:password@host:5432/db) or host.");
    }

    /// <summary>postgres://user:password@host:port/database?sslmode=require&amp;…; query keys are Npgsql or libpq names.</summary>
    public static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme) || uri.Host.Length == 0)
        {
            throw Usage("DATABASE_URL must look like postgres://user:password@host:5432/database (postgresql:// and postgis:// too).");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key == "sslmode")
            {
                SetSslMode(builder, value, "DATABASE_URL");
                continue;
            }

            try
            {
                builder[key switch { "sslrootcert" => "Root Certificate", "application_name" => "Application Name", "connect_timeout" => "Timeout", _ => key }] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw Usage($"DATABASE_URL has a query parameter that is not a connection setting (or not a value it takes): '{key}' ({e.Message}).");
            }
        }

        return builder;
    }

    /// <summary>A key=value connection string; a malformed one is a usage error that does not echo it (it may hold a password).</summary>
    public static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw Usage($"The connection string (--connection or DATABASE_URL) is malformed: {e.Message} Use postgres://user:password@host:5432/database or Host=…;Port=…;Database=…;Username=….");
        }
    }

    /// <summary>libpq spells the modes verify-full and verify-ca; Npgsql reads VerifyFull and VerifyCA.</summary>
    private static void SetSslMode(NpgsqlConnectionStringBuilder builder, string mode, string where)
    {
        try
        {
            builder["SSL Mode"] = mode.Replace("-", "", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw Usage($"{where}'s sslmode is not a mode PostgreSQL knows: use disable, allow, prefer, require, verify-ca or verify-full.");
        }
    }

    /// <summary>A string or number member, or null when absent, null or empty.</summary>
    private static string? Field(JsonElement secret, string name) =>
        !secret.TryGetProperty(name, out var value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw Usage($"The connection's JSON secret has a {name} that is neither a string nor a number."),
        };

    private static TigerImportException Usage(string message) => new(FailureKind.Usage, message);
}
