using System.CommandLine;

namespace TigerImport.Cli;

/// <summary>Options that fall back to an environment variable, so an ECS task override can set any of them.</summary>
internal static class EnvOption
{
    public static Option<string?> Text(string name, string variable, string description, string? fallback = null) => new(name)
    {
        Description = $"{description} [env: {variable}]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback,
    };

    public static Option<int> Number(string name, string variable, string description, int fallback) => new(name)
    {
        Description = $"{description} [env: {variable}]",
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? int.TryParse(value, out var number) ? number : Fail(result, $"{variable}='{value}' is not a whole number.")
            : fallback,
    };

    public static Option<bool> Flag(string name, string variable, string description) => new(name)
    {
        Description = $"{description} [env: {variable}=true]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1"),
    };

    /// <summary>An option whose text <paramref name="parse"/> turns into a value, from the command line or the variable; its usage error is a parse error.</summary>
    public static Option<T> Parsed<T>(string name, string variable, string description, string fallback, Func<string, T> parse) => new(name)
    {
        Description = $"{description} [env: {variable}]",
        CustomParser = result => Parse(result, result.Tokens[0].Value, parse),
        DefaultValueFactory = result => Parse(result, Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback, parse),
    };

    private static T Parse<T>(System.CommandLine.Parsing.ArgumentResult result, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (TigerImportException e) when (e.Kind == FailureKind.Usage)
        {
            result.AddError(e.Message);
            return default!;
        }
    }

    private static int Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return 0;
    }
}
