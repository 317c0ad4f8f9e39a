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

    /// <summary>A whole number from the command line or the variable, with an optional check of its range, both reported as usage errors.</summary>
    public static Option<int> Number(string name, string variable, string description, int fallback, Func<int, string?>? check = null) => new(name)
    {
        Description = $"{description} [env: {variable}]",
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? Convert(result, value, $"{variable}='{value}'", check)
            : fallback,
        CustomParser = result => Convert(result, result.Tokens[^1].Value, $"{name} '{result.Tokens[^1].Value}'", check),
    };

    /// <summary>A switch, or its variable in any usual spelling (true/false, 1/0, yes/no, on/off, any case); any other value is a usage error.</summary>
    public static Option<bool> Flag(string name, string variable, string description) => new(name)
    {
        Description = $"{description} [env: {variable}=true]",
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && Switch(result, variable, value),
    };

    private static readonly string[] TrueSpellings = ["true", "1", "yes", "on"];
    private static readonly string[] FalseSpellings = ["false", "0", "no", "off"];

    private static bool Switch(System.CommandLine.Parsing.ArgumentResult result, string variable, string value)
    {
        var trimmed = value.Trim();
        if (TrueSpellings.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!FalseSpellings.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            result.AddError($"{variable}='{value}' is neither on nor off: use {string.Join(", ", TrueSpellings)} or {string.Join(", ", FalseSpellings)} (any case).");
        }

        return false;
    }

    /// <summary>A value that <paramref name="parse"/> reads from the command line or the variable; a usage error it throws is a parse error.</summary>
    public static Option<T> Parsed<T>(string name, string variable, string description, string fallback, Func<string, T> parse) => new(name)
    {
        Description = $"{description} [env: {variable}]",
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? Parse(result, value, variable, parse)
            : parse(fallback),
        CustomParser = result => Parse(result, result.Tokens[^1].Value, name, parse),
    };

    /// <summary>Adds a check of a text option's value (given or from its variable), so every value is validated once, when parsed.</summary>
    public static Option<string?> Checked(this Option<string?> option, Func<string, string?> problem)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && problem(value) is { } message)
            {
                result.AddError(message);
            }
        });
        return option;
    }

    private static T Parse<T>(System.CommandLine.Parsing.ArgumentResult result, string text, string given, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (TigerImportException e) when (e.Kind == FailureKind.Usage)
        {
            result.AddError($"{given}: {e.Message}");
            return default!;
        }
    }

    private static int Convert(System.CommandLine.Parsing.ArgumentResult result, string text, string given, Func<int, string?>? check)
    {
        if (!int.TryParse(text, out var number))
        {
            result.AddError($"{given} is not a whole number.");
            return 0;
        }

        if (check?.Invoke(number) is { } problem)
        {
            result.AddError(problem);
        }

        return number;
    }
}
