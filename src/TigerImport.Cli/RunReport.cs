using System.CommandLine;
using System.Text.Json;
using TigerImport.Database;
using TigerImport.Import;

namespace TigerImport.Cli;

/// <summary><c>--report FILE</c>: the run's summary as JSON, the same document the journal stores in <c>tiger_runs.summary</c>.</summary>
internal static class RunReport
{
    /// <summary>
    /// Checked when the command line is parsed, so a wrong path fails (exit 2) before any download (also --geojson's):
    /// the folder exists and this process can create a file in it, and the path is not a folder.
    /// </summary>
    public static Option<string?> Validated(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && Problem(option.Name, path) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    /// <summary>Written to a temp file and renamed, so a scheduler polling for the file never reads half of it.</summary>
    /// <exception cref="TigerImportException">A usage error naming the file when it cannot be written.</exception>
    public static async Task WriteAsync(string? path, ImportSummary summary, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        var partial = TempNameBeside(full);
        var created = false;
        try
        {
            // CreateNew is O_CREAT|O_EXCL: a link or file planted at the temp name is never followed or overwritten;
            // the name is random, so only a guess could collide, and that fails instead of writing through it.
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                created = true;
                await JsonSerializer.SerializeAsync(stream, summary, RunJson.Options, cancellationToken);
            }

            // rename(2) replaces a link at the final name itself; it never writes to the link's target.
            File.Move(partial, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (created)
            {
                TryDelete(partial);
            }

            throw new TigerImportException(FailureKind.Usage, $"--report {path} could not be written: {e.Message}");
        }
    }

    /// <summary>The problem with a path an option writes to, or null: the folder must exist and take a new file; the path must not be a folder.</summary>
    internal static string? Problem(string option, string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
        {
            return $"{option} {path}: not a valid path ({e.Message}).";
        }

        if (Directory.Exists(full))
        {
            return $"{option} {path} is a folder: give the file to write, e.g. {Path.Combine(path, "run.json")}.";
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            return $"{option}: the folder {folder} does not exist.";
        }

        return folder is null ? null : WritableFolderProblem(option, path, folder);
    }

    /// <summary>Creates (exclusively) and deletes a probe file: the only reliable test of write access (ACLs, read-only mounts, root).</summary>
    internal static string? WritableFolderProblem(string option, string given, string folder)
    {
        var probe = Path.Combine(folder, $".tigerimport-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option} {given}: the folder {folder} is not writable by this process ({e.Message}).";
        }
    }

    /// <summary>--temp-dir: created when missing, and a folder this process can write to.</summary>
    internal static string? TempFolderProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return $"--temp-dir (TIGER_TEMP_DIR) {path} is a file, not a folder.";
        }

        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--temp-dir (TIGER_TEMP_DIR) {path} cannot be created: {e.Message}";
        }

        return WritableFolderProblem("--temp-dir (TIGER_TEMP_DIR)", path, full);
    }

    private static string TempNameBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid().ToString("N")[..12]}.partial");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written there, or it is not ours to remove.
        }
    }
}
