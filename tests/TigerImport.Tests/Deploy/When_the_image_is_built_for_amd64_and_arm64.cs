using System.Reflection.PortableExecutable;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>
/// The multi-arch image, checked without a Docker engine (none here): the Dockerfile's stages read as buildx reads
/// them, its architecture → runtime identifier step run by sh for each platform, and a cross-publish for linux-arm64
/// with the Dockerfile's own arguments that yields arm64 code (an AArch64 apphost, ReadyToRun code for Arm64).
/// What is not run: `docker buildx build` itself and the image on an arm64 machine.
/// </summary>
public sealed class When_the_image_is_built_for_amd64_and_arm64
{
    private static readonly string[] Dockerfile = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void The_SDK_stage_runs_on_the_builders_platform_and_the_runtime_stage_on_the_targets()
    {
        var from = Dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(2, from.Length);
        Assert.StartsWith("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0]);
        Assert.DoesNotContain("--platform", from[1]); // the target platform: buildx picks the manifest's amd64 or arm64 image
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0", from[1]);
        var buildStage = Dockerfile.TakeWhile(l => l != from[1]).ToArray();
        Assert.Contains("ARG TARGETARCH", buildStage);
        Assert.Contains("-r \"$(cat /tmp/rid)\" --self-contained", PublishLine());
    }

    [Theory]
    [InlineData("amd64", "linux-x64")]
    [InlineData("arm64", "linux-arm64")]
    public async Task Each_platform_gets_its_runtime_identifier(string targetArch, string rid)
    {
        Assert.Equal((0, rid), await RidAsync(targetArch));
    }

    [Fact]
    public async Task Without_TARGETARCH_the_machines_own_is_used_and_another_platform_stops_the_build()
    {
        var machine = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "linux-x64",
            System.Runtime.InteropServices.Architecture.Arm64 => "linux-arm64",
            var other => $"unsupported {other}",
        };

        Assert.Equal((0, machine), await RidAsync(""));
        var (exitCode, output) = await RidAsync("s390x");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("linux/amd64 and linux/arm64 only, not s390x", output);
    }

    [Fact]
    public async Task The_arm64_publish_is_arm64_code()
    {
        var rid = (await RidAsync("arm64")).Output;
        using var output = new TempFolder();
        var arguments = PublishLine()["RUN dotnet ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a switch { "/app" => output.Path, "\"$(cat" => rid, "/tmp/rid)\"" => null, _ => a })
            .OfType<string>().Append("--nologo");

        var build = await ExternalTool.RunAsync("dotnet", arguments, workingDirectory: RepoPaths.Root);

        Assert.True(build.ExitCode == 0, build.Output);
        var elf = File.ReadAllBytes(Path.Combine(output.Path, "TigerImport.Cli"))[..20];
        Assert.Equal("\u007fELF"u8.ToArray(), elf[..4]);
        Assert.Equal(183, BitConverter.ToUInt16(elf, 18)); // e_machine EM_AARCH64
        using var pe = new PEReader(File.OpenRead(Path.Combine(output.Path, "TigerImport.dll")));
        Assert.True(pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, "the library is not ReadyToRun-compiled");
        // ReadyToRun code for Linux marks the machine as Arm64 XOR'd with the OS's value (0x7B79 for Linux).
        Assert.Equal((ushort)Machine.Arm64 ^ 0x7B79, (ushort)pe.PEHeaders.CoffHeader.Machine);
    }

    private static string PublishLine() => Assert.Single(Dockerfile, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));

    /// <summary>The Dockerfile's RID step, run by sh as the build stage runs it, with its output file in a temp folder.</summary>
    private static async Task<(int ExitCode, string Output)> RidAsync(string targetArch)
    {
        using var folder = new TempFolder();
        var step = Assert.Single(Dockerfile, l => l.StartsWith("RUN arch=", StringComparison.Ordinal))["RUN ".Length..]
            .Replace("/tmp/rid", Path.Combine(folder.Path, "rid"), StringComparison.Ordinal);
        var (exitCode, output) = await ExternalTool.RunAsync("sh", ["-c", step], new Dictionary<string, string?> { ["TARGETARCH"] = targetArch });
        var rid = File.Exists(Path.Combine(folder.Path, "rid")) ? (await File.ReadAllTextAsync(Path.Combine(folder.Path, "rid"))).Trim() : "";
        return (exitCode, exitCode == 0 ? rid : output);
    }
}
