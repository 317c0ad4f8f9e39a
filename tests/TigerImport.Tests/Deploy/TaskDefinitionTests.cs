using System.Text.Json;
using System.Text.RegularExpressions;
using TigerImport.Tests.Support;

namespace TigerImport.Tests.Deploy;

/// <summary>task-definition.json at the root: the one task definition, registerable as it is and read by Terraform (infra/modules/geodata-import).</summary>
public sealed partial class TaskDefinitionTests
{
    private static readonly string FilePath = Path.Combine(RepoPaths.Root, "task-definition.json");

    /// <summary>Valid Fargate CPU units → allowed memory (MiB).</summary>
    private static readonly Dictionary<int, int[]> FargateSizes = new()
    {
        [256] = [512, 1024, 2048],
        [512] = Enumerable.Range(1, 4).Select(g => g * 1024).ToArray(),
        [1024] = Enumerable.Range(2, 7).Select(g => g * 1024).ToArray(),
        [2048] = Enumerable.Range(4, 13).Select(g => g * 1024).ToArray(),
        [4096] = Enumerable.Range(8, 23).Select(g => g * 1024).ToArray(),
    };

    private static JsonElement Root => JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement;

    private static JsonElement Container => Assert.Single(Root.GetProperty("containerDefinitions").EnumerateArray());

    [Fact]
    public void It_is_a_Fargate_task_of_2_vCPU_and_4_GB()
    {
        var cpu = int.Parse(Root.GetProperty("cpu").GetString()!);
        var memory = int.Parse(Root.GetProperty("memory").GetString()!);

        Assert.Equal((2048, 4096), (cpu, memory));
        Assert.Contains(memory, FargateSizes[cpu]);
        Assert.Equal("FARGATE", Assert.Single(Root.GetProperty("requiresCompatibilities").EnumerateArray()).GetString());
        Assert.Equal("awsvpc", Root.GetProperty("networkMode").GetString());
        foreach (var field in new[] { "family", "executionRoleArn", "taskRoleArn" })
        {
            Assert.False(string.IsNullOrEmpty(Root.GetProperty(field).GetString()), field);
        }
    }

    [Fact]
    public void Secrets_come_from_valueFrom_and_nothing_secret_looking_is_plain_environment()
    {
        var secrets = Container.GetProperty("secrets").EnumerateArray().ToList();
        Assert.Contains(secrets, s => s.GetProperty("name").GetString() == "DATABASE_URL");
        Assert.All(secrets, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("valueFrom").GetString())));

        foreach (var variable in Container.GetProperty("environment").EnumerateArray())
        {
            var name = variable.GetProperty("name").GetString()!;
            var value = variable.GetProperty("value").GetString()!;
            Assert.DoesNotMatch(SecretName(), name);
            Assert.DoesNotMatch(CredentialInUrl(), value);
        }
    }

    [Fact]
    public void Every_environment_variable_is_one_the_worker_reads()
    {
        var cli = string.Join("\n", Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        foreach (var variable in Container.GetProperty("environment").EnumerateArray().Select(v => v.GetProperty("name").GetString()!))
        {
            Assert.True(cli.Contains($"\"{variable}\"", StringComparison.Ordinal) || dockerfile.Contains(variable, StringComparison.Ordinal) || variable.StartsWith("DOTNET_", StringComparison.Ordinal),
                $"{variable} is set in the task definition but nothing reads it");
        }
    }

    [Fact]
    public void The_container_stops_gracefully_on_a_read_only_root_with_scratch_space()
    {
        Assert.Equal(120, Container.GetProperty("stopTimeout").GetInt32());
        Assert.True(Container.GetProperty("readonlyRootFilesystem").GetBoolean());
        Assert.NotEqual("root", Container.GetProperty("user").GetString());
        Assert.Equal("/scratch", Assert.Single(Container.GetProperty("mountPoints").EnumerateArray()).GetProperty("containerPath").GetString());
        Assert.InRange(Root.GetProperty("ephemeralStorage").GetProperty("sizeInGiB").GetInt32(), 21, 200);
        Assert.Equal("awslogs", Container.GetProperty("logConfiguration").GetProperty("logDriver").GetString());
    }

    [Fact]
    public void The_Terraform_module_reads_this_file_rather_than_a_copy()
    {
        var module = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "geodata-import", "main.tf"));
        Assert.Contains("jsondecode(file(\"${path.module}/../../../task-definition.json\"))", module);
        Assert.DoesNotContain("\"containerDefinitions\"", module);
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Root, "deploy", "ecs")), "a second task definition would drift");
    }

    [Fact]
    public void It_holds_no_template_placeholder()
    {
        var text = File.ReadAllText(FilePath);

        Assert.DoesNotMatch(Placeholder(), text);
        Assert.Equal(JsonValueKind.Object, Root.ValueKind);
    }

    [GeneratedRegex(@"\$\{|\{\{|<[a-z _-]+>|REPLACE_?ME|CHANGE_?ME", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|ACCESS_KEY|PRIVATE", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("://[^/@\\s]+:[^/@\\s]+@")]
    private static partial Regex CredentialInUrl();
}
