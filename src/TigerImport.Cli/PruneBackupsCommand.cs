using System.CommandLine;
using TigerImport.Operations.Prune;

namespace TigerImport.Cli;

/// <summary><c>tigerimport prune-backups</c>: drops the versions the last publishes replaced (revert then has nothing to restore).</summary>
internal static class PruneBackupsCommand
{
    public static Command Create()
    {
        var command = new Command("prune-backups", "Drop the backups of layers (or of some states of them) that publishes keep for revert; they otherwise double a layer's disk.")
        {
            CliOptions.Year, CliOptions.Layers, CliOptions.States, CliOptions.Schema, CliOptions.Connection, CliOptions.LogFormat, CliOptions.LockWait,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "prune-backups", _ => ImportCommand.RequestFrom(parse), async (request, run) =>
        {
            await new BackupPruneRunner(run.DataSource, run.Logger).PruneAsync(run.RunId, request, ImportCommand.OptionsFrom(parse), cancellationToken);
            return null;
        }, cancellationToken));
        return command;
    }
}
