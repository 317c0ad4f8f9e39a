using System.CommandLine;
using TigerImport.Operations.Revert;

namespace TigerImport.Cli;

/// <summary><c>tigerimport revert</c>: restores the versions the last publishes replaced from the backup schema (run again to undo).</summary>
internal static class RevertCommand
{
    public static Command Create()
    {
        var command = new Command("revert", "Restore the previous version of layers (or of some states of them) from the backup schema; run again to undo.")
        {
            CliOptions.Year, CliOptions.Layers, CliOptions.States, CliOptions.Schema, CliOptions.Connection, CliOptions.LogFormat, CliOptions.LockWait,
        };
        command.SetAction((parse, cancellationToken) => VerbRunner.RunAsync(parse, "revert", _ => ImportCommand.RequestFrom(parse), async (request, run) =>
        {
            await new Reverter(run.DataSource, run.Logger).RevertAsync(run.RunId, request, ImportCommand.OptionsFrom(parse), cancellationToken);
            return null;
        }, cancellationToken));
        return command;
    }
}
