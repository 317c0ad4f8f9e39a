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

    /// <summary>A duration in whole seconds (0 or more), from the option or the variable; anything else is a usage error at parse.</summary>
    public static Option<TimeSpan> Seconds(string name, string variable, string description, TimeSpan fallback) => new(name)
    {
        Description = $"{description} [env: {variable}]",
        CustomParser = result => ParseSeconds(result, name, result.Tokens.Single().Value),
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? ParseSeconds(result, variable, value) : fallback,
    };

    private static TimeSpan ParseSeconds(System.CommandLine.Parsing.ArgumentResult result, string source, string value) =>
        int.TryParse(value, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : Fail<TimeSpan>(result, $"{source}='{value}' is not a number of seconds (0 or more).");

    private static int Fail(System.CommandLine.Parsing.ArgumentResult result, string message) => Fail<int>(result, message);

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
