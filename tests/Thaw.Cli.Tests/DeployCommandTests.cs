using System.IO.Compression;
using Thaw.Cli.Common;
using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary><c>thaw deploy</c> against a fake Lambda API: packaging, inference, create vs update, waiting for Active.</summary>
public sealed class DeployCommandTests : IAsyncLifetime
{
    internal const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private FakeLambdaHost _host = null!;
    private readonly CliHarness _harness = new();
    private readonly TempDirectory _dir = new();

    public async ValueTask InitializeAsync()
    {
        _host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _harness.Environment["THAW_ENDPOINT"] = _host.Endpoint.ToString();
        _harness.CurrentDirectory = _dir.Path;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_directory_without_a_project_is_zipped_as_is_and_bootstrap_stays_executable()
    {
        _dir.Write("fn/bootstrap", "#!/bin/sh\necho hi\n", Mode644);
        _dir.Write("fn/lib/data.txt", "data", Mode644);

        var run = await _harness.RunAsync("deploy", "fn", "--name", "shell");

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions")).Json;
        Assert.Equal("provided.al2023", (string?)create["Runtime"]);
        Assert.Equal("bootstrap", (string?)create["Handler"]);
        Assert.Equal("arn:aws:iam::000000000000:role/thaw", (string?)create["Role"]);
        Assert.Equal("Zip", (string?)create["PackageType"]);
        Assert.Null(create["SnapStart"]);

        using var zip = new ZipArchive(new MemoryStream(_host.ZipOf("shell")!));
        Assert.Equal(["bootstrap", "lib/data.txt"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var bootstrapMode = (zip.GetEntry("bootstrap")!.ExternalAttributes >> 16) & 0xFFFF;
        Assert.Equal(0x8000, bootstrapMode & 0xF000);
        Assert.Equal(0b111_101_101, bootstrapMode & 0b111_111_111);
        var dataMode = (zip.GetEntry("lib/data.txt")!.ExternalAttributes >> 16) & 0b111_111_111;
        Assert.Equal(0b110_100_100, dataMode);
        Assert.Contains("shell", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_files_give_the_same_package()
    {
        _dir.Write("fn/bootstrap", "#!/bin/sh\n");
        _dir.Write("fn/a.txt", "a");

        Assert.Equal(0, (await _harness.RunAsync("deploy", "fn", "--name", "one")).ExitCode);
        File.SetLastWriteTimeUtc(Path.Combine(_dir.Path, "fn/a.txt"), DateTime.UtcNow.AddDays(-3));
        Assert.Equal(0, (await _harness.RunAsync("deploy", "fn", "--name", "two")).ExitCode);

        Assert.Equal(_host.ZipOf("one"), _host.ZipOf("two"));
    }

    [Fact]
    public async Task Settings_come_from_aws_lambda_tools_defaults_and_flags_override_them()
    {
        _dir.Write("fn/Fn.runtimeconfig.json", "{}");
        _dir.Write("fn/Fn.dll", "not really");
        _dir.Write("fn/aws-lambda-tools-defaults.json", """
            {
              // The Amazon.Lambda.Tools templates allow comments and quoted numbers.
              "function-runtime": "dotnet10",
              "function-handler": "Fn::Fn.Function::Handle",
              "function-memory-size": "512",
              "function-timeout": 30,
              "environment-variables": "A=1;B=2",
            }
            """);

        var run = await _harness.RunAsync("deploy", "fn", "--name", "fn", "--env", "B=3", "--env", "C=x=y", "--timeout", "60");

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions")).Json;
        Assert.Equal("dotnet10", (string?)create["Runtime"]);
        Assert.Equal("Fn::Fn.Function::Handle", (string?)create["Handler"]);
        Assert.Equal(512, (int?)create["MemorySize"]);
        Assert.Equal(60, (int?)create["Timeout"]);
        var variables = create["Environment"]!["Variables"]!;
        Assert.Equal("1", (string?)variables["A"]);
        Assert.Equal("3", (string?)variables["B"]);
        Assert.Equal("x=y", (string?)variables["C"]);
    }

    [Fact]
    public async Task A_project_directory_is_published_and_its_output_zipped()
    {
        _dir.Write("proj/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><AssemblyName>MyApp</AssemblyName></PropertyGroup>
            </Project>
            """);
        _dir.Write("proj/Program.cs", "return;");
        var dotnet = FakeProcessRunner.Publishing(new Dictionary<string, string> { ["MyApp.dll"] = "x", ["MyApp.runtimeconfig.json"] = "{}", ["MyApp.deps.json"] = "{}" });
        _harness.Processes = dotnet;

        var run = await _harness.RunAsync("deploy", "proj", "--name", "app", "--snap-start");

        Assert.True(run.ExitCode == 0, run.ToString());
        var (_, args, workingDirectory) = Assert.Single(dotnet.Calls);
        Assert.Equal(["publish", Path.Combine(_dir.Path, "proj", "App.csproj"), "-c", "Release", "-o"], args.Take(5));
        Assert.Equal(Path.Combine(_dir.Path, "proj"), workingDirectory);
        Assert.False(Directory.Exists(args[5]), "the publish output directory is removed afterwards");
        var create = Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions")).Json;
        Assert.Equal("dotnet10", (string?)create["Runtime"]);
        Assert.Equal("MyApp", (string?)create["Handler"]);
        Assert.Equal("PublishedVersions", (string?)create["SnapStart"]!["ApplyOn"]);
        using var zip = new ZipArchive(new MemoryStream(_host.ZipOf("app")!));
        Assert.Equal(["MyApp.deps.json", "MyApp.dll", "MyApp.runtimeconfig.json"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_build_shows_the_build_output()
    {
        _dir.Write("proj/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        _harness.Processes = new FakeProcessRunner((_, _) => new ProcessResult(1, "Program.cs(1,1): error CS1002: ; expected", string.Empty));

        var run = await _harness.RunAsync("deploy", "proj", "--name", "app");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("failed with exit code 1", run.Error, StringComparison.Ordinal);
        Assert.Contains("error CS1002", run.Error, StringComparison.Ordinal);
        Assert.Empty(_host.RequestsTo("POST", "/2015-03-31/functions"));
    }

    [Fact]
    public async Task A_class_library_without_a_handler_asks_for_one()
    {
        _dir.Write("proj/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        _harness.Processes = FakeProcessRunner.Publishing(new Dictionary<string, string> { ["Lib.dll"] = "x", ["Lib.runtimeconfig.json"] = "{}" });

        var run = await _harness.RunAsync("deploy", "proj", "--name", "lib");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--handler", run.Error, StringComparison.Ordinal);
        Assert.Contains("function-handler", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_is_sent_as_is()
    {
        var bytes = MakeZip(("bootstrap", "#!/bin/sh\n"));
        File.WriteAllBytes(Path.Combine(_dir.Path, "fn.zip"), bytes);

        var run = await _harness.RunAsync("deploy", "fn.zip", "--name", "zipped");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(bytes, _host.ZipOf("zipped"));
        Assert.Equal("provided.al2023", (string?)Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions")).Json["Runtime"]);
    }

    [Theory]
    [InlineData("notes.txt", "is a file but not a .zip")]
    [InlineData("nowhere", "does not exist")]
    public async Task Bad_paths_are_explained(string path, string expected)
    {
        _dir.Write("notes.txt", "x");

        var run = await _harness.RunAsync("deploy", path, "--name", "f");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runtime_that_cannot_be_inferred_is_asked_for()
    {
        _dir.Write("fn/readme.txt", "hello");

        var run = await _harness.RunAsync("deploy", "fn", "--name", "f");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot tell the runtime", run.Error, StringComparison.Ordinal);
        Assert.Contains("--runtime", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_runtime_without_bootstrap_is_refused()
    {
        _dir.Write("fn/main.sh", "#!/bin/sh\n");

        var run = await _harness.RunAsync("deploy", "fn", "--name", "f", "--runtime", "provided.al2023");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bootstrap", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_function_is_updated_code_then_configuration_with_the_thaw_extensions()
    {
        _host.AddFunction("fn", "provided.al2023", snapStart: true);
        _host.PendingPolls = 2;
        _dir.Write("fn/bootstrap", "#!/bin/sh\n");

        var run = await _harness.RunAsync("deploy", "fn", "--name", "fn", "--snap-start", "--snapshots", "10", "--network-identity", "regenerate");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(_host.RequestsTo("POST", "/2015-03-31/functions"));
        var writes = _host.Requests.Where(r => r.Method == "PUT").Select(r => r.Path).ToList();
        Assert.Equal(["/2015-03-31/functions/fn/code", "/2015-03-31/functions/fn/configuration"], writes);
        var update = Assert.Single(_host.RequestsTo("PUT", "/2015-03-31/functions/fn/configuration")).Json;
        Assert.Equal("PublishedVersions", (string?)update["SnapStart"]!["ApplyOn"]);
        Assert.Equal(10, (int?)update["ThawSnapshotCount"]);
        Assert.Equal("regenerate", (string?)update["ThawNetworkIdentity"]);

        // The configuration update waits for the code update to finish, as Lambda requires.
        var order = _host.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        var code = order.IndexOf("PUT /2015-03-31/functions/fn/code");
        var configuration = order.IndexOf("PUT /2015-03-31/functions/fn/configuration");
        Assert.True(order.Skip(code).Take(configuration - code).Count(r => r == "GET /2015-03-31/functions/fn/configuration") >= 3, string.Join('\n', order));
    }

    [Fact]
    public async Task Redeploying_without_snap_start_turns_it_off()
    {
        _host.AddFunction("fn", "provided.al2023", snapStart: true);
        _dir.Write("fn/bootstrap", "#!/bin/sh\n");

        var run = await _harness.RunAsync("deploy", "fn", "--name", "fn");

        Assert.True(run.ExitCode == 0, run.ToString());
        var update = Assert.Single(_host.RequestsTo("PUT", "/2015-03-31/functions/fn/configuration")).Json;
        Assert.Equal("None", (string?)update["SnapStart"]!["ApplyOn"]);
        Assert.Null(update["ThawSnapshotCount"]);
    }

    [Fact]
    public async Task Deploy_waits_until_the_function_is_Active()
    {
        _host.PendingPolls = 3;
        _dir.Write("fn/bootstrap", "#!/bin/sh\n");

        var run = await _harness.RunAsync("deploy", "fn", "--name", "slow");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(_host.RequestsTo("GET", "/2015-03-31/functions/slow/configuration").Count >= 1 + 3 + 1, "one lookup, three Pending polls, one Active");
        Assert.Contains("slow is Active", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_that_fails_to_become_Active_is_an_error_with_the_reason()
    {
        _host.PendingPolls = 1;
        _host.FailReason = "The runtime could not be unpacked.";
        _dir.Write("fn/bootstrap", "#!/bin/sh\n");

        var run = await _harness.RunAsync("deploy", "fn", "--name", "broken");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken is Failed: The runtime could not be unpacked. (InternalError)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hello_world_sample_needs_no_flag_but_its_name()
    {
        var sample = Path.Combine(RepositoryRoot(), "samples", "HelloWorld");
        Assert.True(Directory.Exists(sample), $"{sample} is part of the repository");
        _harness.Processes = FakeProcessRunner.Publishing(new Dictionary<string, string> { ["HelloWorld.dll"] = "x", ["HelloWorld.runtimeconfig.json"] = "{}" });

        var run = await _harness.RunAsync("deploy", sample, "--name", "hello");

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions")).Json;
        Assert.Equal("dotnet10", (string?)create["Runtime"]);
        Assert.False(string.IsNullOrEmpty((string?)create["Handler"]));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Thaw.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository.");
    }

    private static byte[] MakeZip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
