using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace TigerImport.Database;

/// <summary>
/// Reads the text of <c>--connection</c> or <c>DATABASE_URL</c> in each form an operator may hold: a
/// <c>postgres://</c>, <c>postgresql://</c> or <c>postgis://</c> (Django's) URL, the app's JSON secret object
/// (<c>{"url","username","password","host","port","dbname"}</c>), libpq's <c>host=… port=… dbname=…</c> string (what psql
/// users type) or Npgsql's <c>Host=…;Port=…</c> string. One method per form; no error message echoes the text (it holds
/// a password), and a text read as none of them is a usage error naming the forms, never a host name to retry.
/// </summary>
public static class ConnectionString
{
    /// <summary>The URL schemes read as PostgreSQL: libpq's two and GeoDjango's <c>postgis</c>.</summary>
    private static readonly string[] Schemes = ["postgres", "postgresql", "postgis"];

    /// <summary>The forms, as every error that cannot read a connection names them.</summary>
    public const string Forms =
        "a postgres:// (or postgresql://, postgis://) URL such as postgres://user:password@host:5432/database, the app's JSON secret ({\"url\",\"username\",\"password\",\"host\",\"port\",\"dbname\"}), "
        + "libpq's key=value form (host=… port=5432 dbname=… user=… sslmode=verify-full, values with spaces in single quotes) or Npgsql's (Host=…;Port=5432;Database=…;Username=…)";

    /// <summary>libpq's keywords (its own spelling, case-sensitive) → Npgsql's, for the key=value form and a URL's query.</summary>
    private static readonly Dictionary<string, string> LibpqKeywords = new(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["hostaddr"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["passfile"] = "Passfile",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["client_encoding"] = "Client Encoding",
        ["target_session_attrs"] = "Target Session Attributes",
        ["keepalives_idle"] = "Keepalive",
        ["channel_binding"] = "Channel Binding",
        ["gssencmode"] = "GSS Encryption Mode",
    };

    public static NpgsqlConnectionStringBuilder Parse(string text) => EnforceableChannelBinding(WriterSessionAttributes(
        text.TrimStart().StartsWith('{') ? FromSecret(text)
        : text.Contains("://", StringComparison.Ordinal) ? FromUrl(text)
        : IsLibpq(text) ? FromLibpq(text)
        : FromKeywords(text)));

    /// <summary>
    /// libpq's <c>channel_binding=require</c> refuses a server that authenticates the client without SCRAM channel
    /// binding (trust, md5, password); Npgsql's Channel Binding=Require connects to it anyway. Taking the setting would
    /// promise a protection the connection does not have, so it is a usage error; prefer and disable are taken.
    /// </summary>
    private static NpgsqlConnectionStringBuilder EnforceableChannelBinding(NpgsqlConnectionStringBuilder builder) =>
        builder.ChannelBinding == ChannelBinding.Require
            ? throw Usage("The connection (--connection or DATABASE_URL) asks for channel_binding=require, which the worker cannot enforce: its driver (Npgsql) does not refuse, as libpq does, a server that "
                + "authenticates without SCRAM channel binding (trust, md5). Use sslmode=verify-full (with sslrootcert), which refuses a server without the certificate: see docs/database-role.md#tls-rds. "
                + "channel_binding=prefer and disable are taken.")
            : builder;

    /// <summary>
    /// libpq's <c>target_session_attrs</c>, for a worker that writes. A setting a writer can never meet (read-only,
    /// standby) is a usage error. With several hosts (a failover pair) and none given, the worker asks for read-write,
    /// so it never lands on a standby (libpq's default, any, would take the first that answers). On one host Npgsql
    /// takes none (it fails the connect with "only supported with multiple hosts"), and a setting every writable server
    /// meets (any, read-write, primary, prefer-…) would choose nothing, so it is dropped.
    /// </summary>
    private static NpgsqlConnectionStringBuilder WriterSessionAttributes(NpgsqlConnectionStringBuilder builder)
    {
        var attributes = builder.TargetSessionAttributes;
        if (attributes?.ToLowerInvariant() is "read-only" or "readonly" or "standby")
        {
            throw Usage($"The connection (--connection or DATABASE_URL) asks for target_session_attrs={attributes}, a server that takes no writes; the worker writes, so give the primary (read-write, or leave it out).");
        }

        if (builder.Host?.Contains(',', StringComparison.Ordinal) == true)
        {
            builder.TargetSessionAttributes = attributes is { Length: > 0 } ? attributes : "read-write";
        }
        else if (attributes is { Length: > 0 })
        {
            builder.Remove("Target Session Attributes");
        }

        return builder;
    }

    /// <summary>
    /// The files a connection names (<c>sslrootcert</c>, <c>sslcert</c>, <c>sslkey</c>, or PGSSLROOTCERT): one that
    /// does not exist is a usage error naming it, at once, rather than a TLS failure retried as an unreachable server.
    /// </summary>
    public static void CheckFiles(NpgsqlConnectionStringBuilder builder)
    {
        foreach (var (setting, path) in new[] { ("sslrootcert (Root Certificate)", builder.RootCertificate), ("sslcert (SSL Certificate)", builder.SslCertificate), ("sslkey (SSL Key)", builder.SslKey) })
        {
            if (path is { Length: > 0 } && !File.Exists(path))
            {
                throw Usage($"The connection's {setting} names the file {path}, which does not exist (or cannot be read) on this machine. "
                    + "The image holds the RDS CA bundle at /etc/ssl/rds/global-bundle.pem; sslrootcert=system uses the system's CA store instead (see docs/database-role.md#tls-rds).");
            }
        }
    }

    /// <summary>
    /// libpq's form when its first keyword is one of libpq's (lower case) and no ';' separates pairs: Npgsql's form
    /// separates pairs with ';', and its keys are read in any case, so <c>host=a;port=1</c> stays Npgsql's.
    /// </summary>
    private static bool IsLibpq(string text)
    {
        var trimmed = text.TrimStart();
        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && IsLibpqKeyword(trimmed[..equals].TrimEnd()) && !HasUnquotedSemicolon(trimmed);
    }

    /// <summary>libpq's service file (pg_service.conf) names a group of settings; Npgsql does not read it, so the key is recognised only to say so.</summary>
    private const string Service = "service";

    private static bool IsLibpqKeyword(string key) => LibpqKeywords.ContainsKey(key) || key == Service;

    private static bool HasUnquotedSemicolon(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '\'':
                    quoted = !quoted;
                    break;
                case ';' when !quoted:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// libpq's <c>keyword=value</c> pairs separated by white space, as libpq reads them: spaces around '=' allowed, a
    /// value with spaces in single quotes, and a backslash escaping the next character (<c>\'</c>, <c>\\</c>).
    /// </summary>
    public static NpgsqlConnectionStringBuilder FromLibpq(string text)
    {
        const string Where = "The connection string (--connection or DATABASE_URL) in libpq's key=value form";
        var builder = new NpgsqlConnectionStringBuilder();
        string? ports = null; // libpq's port list pairs with the host list, wherever the two stand in the text
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                WithEnvironment(builder);
                if (builder.Host is not { Length: > 0 })
                {
                    throw Usage($"{Where} names no host (host=…) and PGHOST is not set. It may be {Forms}.");
                }

                if (ports is not null)
                {
                    PairPorts(builder, ports, Where);
                }

                return builder;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var key = text[keyStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length || text[i] != '=')
            {
                throw Usage($"The connection string (--connection or DATABASE_URL) in libpq's key=value form has '{key}' without '=' after it. It may be {Forms}.");
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var value = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                for (i++; ; i++)
                {
                    if (i == text.Length)
                    {
                        throw Usage($"The connection string (--connection or DATABASE_URL) in libpq's key=value form has an unterminated quoted value for '{key}'.");
                    }

                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[++i]);
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i]);
                    }
                }
            }
            else
            {
                for (; i < text.Length && !char.IsWhiteSpace(text[i]); i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }
            }

            var read = value.ToString();
            if (key == "port" && read.Contains(',', StringComparison.Ordinal))
            {
                ports = read;
                continue;
            }

            SetLibpq(builder, key, read, Where);
        }
    }

    /// <summary>
    /// libpq's <c>host=a,b port=5432,5433</c>: one port for every host, or one per host, in Npgsql's <c>Host=a:5432,b:5433</c>.
    /// </summary>
    private static void PairPorts(NpgsqlConnectionStringBuilder builder, string ports, string where)
    {
        var hosts = builder.Host!.Split(',');
        var numbers = ports.Split(',').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw Usage($"{where} has a port that is not a TCP port: '{p}'.")).ToList();
        if (numbers.Count != hosts.Length)
        {
            throw Usage($"{where} names {hosts.Length} host(s) and {numbers.Count} ports: give one port for every host, or one per host, in the same order.");
        }

        builder.Host = string.Join(",", hosts.Zip(numbers, (host, port) => $"{host}:{port}"));
    }

    /// <summary>One libpq keyword onto the builder; a keyword the worker does not read, or a value it cannot take, is a usage error naming the keyword only.</summary>
    private static void SetLibpq(NpgsqlConnectionStringBuilder builder, string key, string value, string where)
    {
        if (key == Service)
        {
            throw Usage($"{where} has service=, a section of libpq's pg_service.conf, which the worker does not read: give that section's settings as keywords instead ({string.Join(", ", LibpqKeywords.Keys)}).");
        }

        if (!LibpqKeywords.TryGetValue(key, out var npgsqlKey))
        {
            throw Usage($"{where} has the keyword '{key}', which is not one the worker reads ({string.Join(", ", LibpqKeywords.Keys)}).");
        }

        if (key == "sslmode")
        {
            SetSslMode(builder, value, where);
            return;
        }

        if (key == "sslrootcert" && value == "system")
        {
            builder.RootCertificate = null; // libpq's "system": the system's CA store, which Npgsql uses when no root certificate is given
            return;
        }

        if (key == "hostaddr" && builder.Host is { Length: > 0 })
        {
            return; // libpq connects to hostaddr and checks the certificate against host; Npgsql has one host
        }

        try
        {
            builder[npgsqlKey] = value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw Usage($"{where} has a value for '{key}' that is not one it takes" + (key.Contains("password", StringComparison.Ordinal) ? "." : $" ({e.Message})."));
        }
    }

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

        var missing = new[] { ("host", builder.Host), ("username", builder.Username), ("dbname", builder.Database) }
            .Where(field => string.IsNullOrEmpty(field.Item2)).Select(field => field.Item1).ToArray();
        return missing.Length == 0
            ? builder
            : throw Usage($"The connection's JSON secret names no {string.Join(" and no ", missing)}: it needs url (postgis://user:password@host:5432/db) or the fields host, username and dbname (port and password optional).");
    }

    /// <summary>postgres://user:password@host:port/database?sslmode=require&amp;…; query keys are Npgsql or libpq names.</summary>
    public static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        // libpq's several hosts (postgresql://h1:5432,h2:5433/db) are no URI authority .NET reads: the list is taken
        // out, the rest read as a one-host URL, and the list becomes Npgsql's Host=h1:5432,h2:5433.
        var hosts = SeveralHosts(url, out var oneHost);
        var socket = hosts is null ? SocketDirectory(url, out oneHost) : null;
        if (!Uri.TryCreate(oneHost, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme) || (uri.Host.Length == 0 && !oneHost.Contains(":///", StringComparison.Ordinal)))
        {
            throw Usage($"The connection URL (--connection or DATABASE_URL) must look like postgres://user:password@host:5432/database (postgresql:// and postgis:// too; several hosts as host1:5432,host2:5432). The connection may be {Forms}.");
        }

        // No host (postgresql:///db): libpq's query host=…, else PGHOST.
        var builder = new NpgsqlConnectionStringBuilder();
        if ((hosts ?? socket ?? uri.Host) is { Length: > 0 } host)
        {
            builder.Host = host;
        }

        if (uri.Port > 0 && hosts is null)
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
            if (IsLibpqKeyword(key))
            {
                SetLibpq(builder, key, value, "The connection URL");
                continue;
            }

            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw Usage($"The connection URL (--connection or DATABASE_URL) has a query parameter that is not a connection setting (or not a value it takes): '{key}' ({e.Message}).");
            }
        }

        return WithEnvironment(builder).Host is { Length: > 0 }
            ? builder
            : throw Usage("The connection URL (--connection or DATABASE_URL) names no host (postgresql://host:5432/db, or ?host=… in its query) and PGHOST is not set.");
    }

    /// <summary>
    /// libpq's Unix-socket directory as a URL host, percent-encoded (postgresql://user@%2Fvar%2Frun%2Fpostgresql:5432/db),
    /// which no URI authority .NET reads: the directory, and the URL with a placeholder host in its place; null and the URL itself otherwise.
    /// </summary>
    private static string? SocketDirectory(string url, out string oneHost)
    {
        oneHost = url;
        var (hostStart, end) = HostSpan(url);
        if (!url[hostStart..end].StartsWith("%2F", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var colon = url.IndexOf(':', hostStart, end - hostStart) is var c and >= 0 ? c : end;
        oneHost = url[..hostStart] + "socket.invalid" + url[colon..];
        return Uri.UnescapeDataString(url[hostStart..colon]);
    }

    /// <summary>Where the URL's host (or host list) stands: after the user's '@', up to the path or query.</summary>
    private static (int Start, int End) HostSpan(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?'], start) is var slash and >= 0 ? slash : url.Length;
        var at = end > start ? url.LastIndexOf('@', end - 1, end - start) : -1;
        return (at >= 0 ? at + 1 : start, end);
    }

    /// <summary>
    /// libpq's variables for what the connection leaves out (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE, PGSSLROOTCERT),
    /// as libpq reads them; Npgsql itself reads only some of them, not PGHOST, PGPORT or PGDATABASE. PGPASSWORD it reads
    /// itself, and in the builder it would pass for a password given on the command line.
    /// </summary>
    public static NpgsqlConnectionStringBuilder WithEnvironment(NpgsqlConnectionStringBuilder builder)
    {
        // Only the keys the text set are in the builder's own string: the others fall back.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        foreach (var (variable, key) in new[]
        {
            ("PGHOST", "Host"), ("PGPORT", "Port"), ("PGDATABASE", "Database"), ("PGUSER", "Username"), ("PGSSLMODE", "SSL Mode"), ("PGSSLROOTCERT", "Root Certificate"),
        })
        {
            if (given.ContainsKey(key) || Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } value)
            {
                continue;
            }

            try
            {
                // libpq spells the modes verify-full and verify-ca; Npgsql reads VerifyFull and VerifyCA.
                builder[key] = variable == "PGSSLMODE" ? value.Replace("-", "", StringComparison.Ordinal) : value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw Usage($"{variable} is not valid for {key}: '{value}' ({e.Message}).");
            }
        }

        return builder;
    }

    /// <summary>The URL's host list when it names more than one (each host:port checked), and the URL with one placeholder host in its place; null and the URL itself otherwise.</summary>
    private static string? SeveralHosts(string url, out string oneHost)
    {
        oneHost = url;
        var (hostStart, end) = HostSpan(url);
        var list = url[hostStart..end];
        if (!list.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var entry in list.Split(','))
        {
            var colon = entry.LastIndexOf(':');
            var (host, port) = colon >= 0 ? (entry[..colon], entry[(colon + 1)..]) : (entry, null);
            if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '[' or ']')
                || (port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536)))
            {
                throw Usage($"The connection URL (--connection or DATABASE_URL) names several hosts, and one of them is not host or host:port with a TCP port (postgresql://user@host1:5432,host2:5432/database). The connection may be {Forms}.");
            }
        }

        oneHost = url[..hostStart] + "hosts.invalid" + url[end..];
        return Uri.UnescapeDataString(list);
    }

    /// <summary>Npgsql's Key=Value;… connection string; a malformed one is a usage error that does not echo it (it may hold a password).</summary>
    public static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            return builder.Host is { } host && (host.Any(char.IsWhiteSpace) || host.Contains('=', StringComparison.Ordinal))
                ? throw Usage($"The connection string (--connection or DATABASE_URL) is in no form the worker reads (its host would hold spaces or '='). It may be {Forms}.")
                : builder;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw Usage($"The connection string (--connection or DATABASE_URL) is malformed, in no form the worker reads: {e.Message} It may be {Forms}.");
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
