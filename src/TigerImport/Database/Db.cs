using System.Runtime.CompilerServices;
using Npgsql;

namespace TigerImport.Database;

/// <summary>Small helpers for the statements the loader and publisher run; values always go as parameters.</summary>
internal static class Db
{
    /// <returns>The rows the statement changed.</returns>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether a table (or index, view…) of this qualified name exists.</summary>
    public static Task<bool> ExistsAsync(NpgsqlConnection connection, string qualifiedName, CancellationToken cancellationToken) =>
        ScalarAsync<bool>(connection, "SELECT to_regclass($1) IS NOT NULL", cancellationToken, qualifiedName);

    public static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Every row of a query, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Every row of a query, read by <paramref name="read"/> as it arrives (for results too large to hold).</summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return read(reader);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
