using TigerImport.Tests.Support;

namespace TigerImport.Tests.Catalog;

/// <summary>
/// Layers Census publishes for some states only (CONCITY: seven states; ELSD, SCSD, UNSD, SDADM: varying by vintage),
/// through the real executable with a folder source: a state the listing has no file for is "not published for that
/// state" (exit 0, plan and import agree), while a folder with none of the layer's files is still missing (exit 3).
/// </summary>
[Collection(PostgisCollection.Name)]
public sealed class When_a_layer_is_published_for_some_states_only(PostgisServer postgis)
{
    [Fact]
    public async Task A_state_the_listing_lacks_is_not_published_there_and_plan_and_import_agree()
    {
        using var folder = new TempFolder();

        // Arizona's ELSD file (never opened: only New Mexico is asked for). New Mexico has unified districts only.
        File.Copy(Path.Combine(RepoPaths.Samples, "tl_2024_35_place.zip"), Path.Combine(folder.Path, "tl_2024_04_elsd.zip"));
        string[] request = ["--source", folder.Path, "--year", "2024", "--layers", "CONCITY,ELSD", "--states", "35", "--schema", "somestates"];

        var (planExit, plan) = await CliProcess.RunAsync(postgis.Url, ["plan", .. request, "--exit-code", "--json"]);
        Assert.True(planExit == 0, plan);
        Assert.Matches("\"importExitCode\":\\s*0", plan);
        Assert.Contains("not published for that state", plan);
        Assert.Contains("New Mexico (35)", plan);

        var (importExit, import) = await CliProcess.RunAsync(postgis.Url, ["import", .. request]);
        Assert.True(importExit == 0, import);
        Assert.Contains("not published for that state", import);
        Assert.DoesNotContain("is not in the source", import);

        var (skipExit, skip) = await CliProcess.RunAsync(postgis.Url, ["import", .. request, "--skip-missing"]);
        Assert.True(skipExit == 0, skip);

        // SCSD: the folder holds no file of the layer at all, so the source lacks it (a wrong folder or year), not Census.
        string[] none = ["--source", folder.Path, "--year", "2024", "--layers", "SCSD", "--states", "35", "--schema", "somestates"];
        var (nonePlanExit, nonePlan) = await CliProcess.RunAsync(postgis.Url, ["plan", .. none, "--exit-code"]);
        Assert.True(nonePlanExit == 3, nonePlan);
        var (noneImportExit, noneImport) = await CliProcess.RunAsync(postgis.Url, ["import", .. none]);
        Assert.True(noneImportExit == 3, noneImport);
        Assert.Contains("tl_2024_35_scsd.zip", noneImport);
    }
}
