using System.Diagnostics;

namespace FoodDelivery.DevServer.Tests;

public class CommandLineTests
{
    [Fact]
    public void TryParse_PortAndNamespace_BuildsOptions()
    {
        CommandLine.TryParse(["--port", "7300", "--namespace", "orders", "--time-skipping"], out var options, out _).Should().BeTrue();

        options.Port.Should().Be(7300);
        options.Namespace.Should().Be("orders");
        options.TimeSkipping.Should().Be(TimeSkippingMode.WhileAwaitingResult);
    }

    [Theory]
    [InlineData("--workflows", "many")]
    [InlineData("--concurrency", "-4")]
    [InlineData("--workflows", "0")]
    [InlineData("--workflows")]
    public async Task BenchRunAsync_OptionWithoutAPositiveNumber_ExitsWithUsageError(params string[] args)
    {
        (await Bench.Benchmark.RunAsync(args)).Should().Be(2);
    }

    [Fact]
    public void TryParse_NoArguments_DefaultsToPort7233AndRealTime()
    {
        CommandLine.TryParse([], out var options, out _).Should().BeTrue();

        options.Port.Should().Be(7233);
        options.Namespace.Should().Be("default");
        options.TimeSkipping.Should().Be(TimeSkippingMode.Disabled);
    }

    [Fact]
    public void TryParse_DbFilename_KeepsStateInThatFile()
    {
        CommandLine.TryParse(["--db-filename", "engine.db"], out var options, out _).Should().BeTrue();

        options.DbFileName.Should().Be("engine.db");
    }

    [Fact]
    public void TryParse_NoDbFilename_KeepsStateInMemory()
    {
        CommandLine.TryParse(["--port", "7300"], out var options, out _).Should().BeTrue();

        options.DbFileName.Should().BeNull();
    }

    [Theory]
    [InlineData("--db-filename")]
    [InlineData("--db-filename", " ")]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--port")]
    [InlineData("--bogus")]
    [InlineData("--namespace", "")]
    public void TryParse_BadArguments_ReturnsOneLineError(params string[] args)
    {
        CommandLine.TryParse(args, out _, out var error).Should().BeFalse();

        error.Should().NotBeNullOrWhiteSpace().And.NotContain("\n");
    }

    [Fact]
    public async Task Executable_BadArgument_PrintsOneLineAndExitsNonZero()
    {
        using var process = StartExecutable("--port", "nope");
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().NotBe(0);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("invalid port");
    }

    [Theory]
    [InlineData("-INT")]
    [InlineData("-TERM")]
    public async Task Executable_Started_PrintsAddressAndStopsCleanlyOnSignal(string signal)
    {
        using var process = StartExecutable("--port", "0", "--namespace", "cli-test");
        var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        banner.Should().MatchRegex(@"^DevServer listening on 127\.0\.0\.1:\d+, namespace 'cli-test'");

        using (var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        process.ExitCode.Should().Be(0);
    }

    private static Process StartExecutable(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(TemporalDevServer).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
