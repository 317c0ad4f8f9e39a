using System.Diagnostics;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Operations;

/// <summary>
/// A <c>--temp-dir</c> on a real, tiny filesystem (a 256 KiB tmpfs, full but for a few KB) while a file downloads from
/// the real HTTP server: the run ends with its documented exit code and a message that says the temp folder is full,
/// nothing is published, and no temp file is left. Mounting needs root (or CAP_SYS_ADMIN): skipped with the reason
/// where mount is not permitted.
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_the_temp_disk_fills(PostgisServer postgis) : FaultServerTest
{
    [Fact]
    public async Task A_full_temp_dir_is_exit_3_naming_it_with_nothing_published_and_no_temp_file_left()
    {
        var mount = Path.Combine(Temp.Path, "tiny");
        Directory.CreateDirectory(mount);
        var (mounted, why) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount);
        Assert.SkipUnless(mounted, $"mount -t tmpfs is not permitted here ({why.Trim()}): the full-disk case needs a tiny filesystem of its own");
        try
        {
            // Leave a few KB: the writability probe and the folder succeed, the download does not fit.
            var filler = Path.Combine(mount, "filler");
            await File.WriteAllBytesAsync(filler, new byte[(256 - 4) * 1024], Cancellation);
            const string name = "tl_2024_us_county.zip";
            var bytes = Enumerable.Repeat(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, name)), 8).SelectMany(b => b).ToArray();
            new SampleMirror(Server).Serve(name, "\"v1\"", null, bytes);

            var (exitCode, output) = await CliProcess.RunAsync(
                postgis.Url, "import", "--source", Server.BaseUrl.AbsoluteUri, "--year", "2024", "--layers", "COUNTY", "--schema", "tmpfull", "--temp-dir", mount);

            Assert.True(exitCode == 3, output);
            Assert.Contains(name, output);
            Assert.Contains("No space left on device", output);
            Assert.Contains(mount, output);
            Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(mount, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray());
            await using var db = postgis.CreateDataSource();
            Assert.Equal(0L, await TestImport.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'tmpfull' AND tablename LIKE 'county%'"));
        }
        finally
        {
            await RunAsync("umount", mount);
        }
    }

    private static async Task<(bool Ok, string Output)> RunAsync(string tool, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var output = await process.StandardError.ReadToEndAsync(Cancellation) + await process.StandardOutput.ReadToEndAsync(Cancellation);
            await process.WaitForExitAsync(Cancellation);
            return (process.ExitCode == 0, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, e.Message);
        }
    }
}
