using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>
/// task-definition.json registers as it is: the AWS CLI checks <c>--cli-input-json</c> against the ECS service model
/// (unknown keys, types, required members) before it sends anything. Offline, a request that passed is one that
/// fails only at connecting (to a closed port); a file the model refuses never gets that far.
/// </summary>
public sealed class When_the_task_definition_is_registered_with_the_AWS_CLI
{
    private static readonly string FilePath = Path.Combine(RepoPaths.Root, "task-definition.json");

    [Fact]
    public async Task The_file_as_it_is_passes_the_CLI_input_validation()
    {
        var (_, output) = await RegisterAsync(FilePath);

        Assert.DoesNotContain("Parameter validation failed", output);
        Assert.Contains("Could not connect to the endpoint URL", output);
    }

    [Fact]
    public async Task A_file_the_service_model_refuses_fails_before_sending()
    {
        using var folder = new TempFolder();
        var broken = Path.Combine(folder.Path, "task-definition.json");
        var text = await File.ReadAllTextAsync(FilePath, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(broken, text.Replace("\"cpu\": \"2048\"", "\"cpu\": 2048, \"containerDefinitionz\": []", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var (exitCode, output) = await RegisterAsync(broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unknown parameter in input: \"containerDefinitionz\"", output);
        Assert.Contains("Invalid type for parameter cpu", output);
        Assert.DoesNotContain("Could not connect", output);
    }

    private static Task<(int ExitCode, string Output)> RegisterAsync(string file)
    {
        Assert.SkipUnless(ExternalTool.IsInstalled("aws"), "The AWS CLI is not installed (scripts/install-deps.sh awscli): skipped.");
        return ExternalTool.RunAsync(
            "aws",
            ["ecs", "register-task-definition", "--cli-input-json", $"file://{file}", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "2"],
            new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = "offline",
                ["AWS_SECRET_ACCESS_KEY"] = "offline",
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["AWS_CONFIG_FILE"] = "/dev/null",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
                ["AWS_PROFILE"] = null,
            });
    }
}
