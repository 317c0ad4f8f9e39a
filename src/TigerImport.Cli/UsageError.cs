namespace TigerImport.Cli;

/// <summary>
/// The one format of a command line that cannot work (exit 2), whoever finds it (System.CommandLine's parser or the
/// worker's own checks before connecting): each problem on stderr after the command, then the <c>--help</c> hint.
/// Never on stdout, so a script reading a verb's document gets nothing else.
/// </summary>
internal static class UsageError
{
    public static async Task<int> WriteAsync(string? verb, IEnumerable<string> problems)
    {
        var command = string.IsNullOrEmpty(verb) ? "tigerimport" : $"tigerimport {verb}";
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"{command}: {problem}");
        }

        await Console.Error.WriteLineAsync($"Run '{command} --help' for the verbs and options.");
        return ExitCodes.Usage;
    }
}
