using System.CommandLine;
using System.Text.Json;
using TigerImport.Database;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary><c>--report FILE</c>: the run's summary as JSON, the same document the journal stores in <c>tiger_runs.summary</c>.</summary>
internal static class RunReport
{
    /// <summary>Checked when the command line is parsed, so a wrong path fails before any download (also --geojson's).</summary>
    public static Option<string?> Validated(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string?>();
            var folder = path is null ? null : Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder))
            {
                result.AddError($"{option.Name}: the folder {folder} does not exist.");
            }
        });
        return option;
    }

    /// <summary>Written to a temp file and renamed, so a scheduler polling for the file never reads half of it.</summary>
    public static async Task WriteAsync(string? path, ImportSummary summary, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        {
            await JsonSerializer.SerializeAsync(stream, summary, RunJson.Options, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
    }
}
