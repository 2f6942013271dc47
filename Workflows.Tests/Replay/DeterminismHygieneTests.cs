using System.Text.RegularExpressions;

namespace FoodDelivery.Workflows.Tests.Replay;

/// <summary>
/// Reads the workflow sources (Orchestrator/**/*.workflow.cs, found from the test assembly up to the repository) and
/// fails naming file and line for any API that makes a replay diverge: wall-clock time, randomness, new ids, thread-pool
/// tasks and .NET timers, ConfigureAwait, and iteration over unordered collections. Workflow code uses Workflow.UtcNow,
/// Workflow.Random, Workflow.NewGuid, Workflow.DelayAsync/WaitConditionAsync/WhenAnyAsync/WhenAllAsync instead.
/// </summary>
public sealed class DeterminismHygieneTests
{
    private static readonly (Regex Pattern, string Why)[] Forbidden =
    [
        (new(@"\bDateTime(Offset)?\s*\.\s*(Now|UtcNow|Today)\b"), "wall-clock time: use Workflow.UtcNow"),
        (new(@"\bStopwatch\b|\bEnvironment\s*\.\s*TickCount|\bTimeProvider\s*\.\s*System\b"), "wall-clock time: use Workflow.UtcNow"),
        (new(@"\bnew\s+Random\s*\(|\bRandom\s*\.\s*Shared\b|\bRandomNumberGenerator\b"), "randomness: use Workflow.Random"),
        (new(@"\bGuid\s*\.\s*NewGuid\s*\("), "new ids: use Workflow.NewGuid"),
        (new(@"\bTask\s*\.\s*(Run|Delay|WhenAny|WhenAll|Factory)\b"), "thread-pool task or .NET timer: use Workflow.RunTaskAsync/DelayAsync/WhenAnyAsync/WhenAllAsync"),
        (new(@"\bThread\s*\.\s*Sleep\b|\bnew\s+Thread\s*\(|\bThreadPool\s*\.|\bParallel\s*\.|\bnew\s+(System\.Threading\.)?Timer\s*\("), "threads and timers: use Workflow.DelayAsync"),
        (new(@"\.\s*CancelAfter\s*\(|\bnew\s+CancellationTokenSource\s*\(\s*[^)\s]"), ".NET timer behind a cancellation: use Workflow.DelayAsync"),
        (new(@"\.\s*ConfigureAwait\s*\("), "ConfigureAwait leaves the workflow's task scheduler"),
        (new(@"\b(Concurrent)?(Dictionary|HashSet)\s*<"), "unordered collection: iterate a List or a Sorted* collection (or keep it lookup-only and exempt the line)"),
    ];

    /// <summary>A line may opt out of one finding with this comment and a reason (e.g. a dictionary used only for lookups).</summary>
    private const string Exemption = "determinism-ok:";

    [Fact]
    public void WorkflowSources_Scanned_UseNoNonDeterministicApis()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "Orchestrator"), "*.workflow.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        files.Should().NotBeEmpty($"the saga's workflow sources should be under {Path.Combine(root, "Orchestrator")}");
        files.Select(Path.GetFileName).Should().Contain("OrderSaga.workflow.cs");
        var findings = files.SelectMany(f => Scan(Path.GetRelativePath(root, f), File.ReadAllLines(f))).ToList();

        findings.Should().BeEmpty("workflow code must replay identically:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void Scan_SourceWithEachForbiddenApi_NamesEveryLine()
    {
        string[] source =
        [
            "var now = DateTime.UtcNow;",
            "var id = Guid.NewGuid();",
            "var r = new Random(42);",
            "await Task.Delay(10);",
            "await Task.WhenAll(a, b);",
            "await x.ConfigureAwait(false);",
            "private readonly Dictionary<string, int> _byName = [];",
            "cts.CancelAfter(TimeSpan.FromSeconds(1));",
            "// a comment may say DateTime.Now",
            "var ok = Workflow.UtcNow; await Workflow.DelayAsync(span); await Workflow.WhenAllAsync(a, b);",
            "private readonly Dictionary<string, int> _lookup = []; // determinism-ok: lookups only, never iterated",
        ];

        var findings = Scan("Sample.workflow.cs", source);

        findings.Select(f => f.Split(':')[1]).Should().Equal("1", "2", "3", "4", "5", "6", "7", "8");
    }

    private static IEnumerable<string> Scan(string file, IReadOnlyList<string> lines)
    {
        var inBlockComment = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Contains(Exemption, StringComparison.Ordinal))
            {
                continue;
            }

            var code = StripComments(line, ref inBlockComment);
            foreach (var (pattern, why) in Forbidden)
            {
                if (pattern.IsMatch(code))
                {
                    yield return $"{file}:{i + 1}: {why}: {line.Trim()}";
                }
            }
        }
    }

    /// <summary>The code part of a line: without // comments (XML docs included) and /* */ blocks. Strings are kept.</summary>
    private static string StripComments(string line, ref bool inBlockComment)
    {
        var code = new System.Text.StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            if (inBlockComment)
            {
                if (line[i] == '*' && i + 1 < line.Length && line[i + 1] == '/')
                {
                    inBlockComment = false;
                    i++;
                }

                continue;
            }

            if (line[i] == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                break;
            }

            if (line[i] == '/' && i + 1 < line.Length && line[i + 1] == '*')
            {
                inBlockComment = true;
                i++;
                continue;
            }

            code.Append(line[i]);
        }

        return code.ToString();
    }

    /// <summary>The repository: the first folder up from the test assembly that holds Orchestrator/Saga.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "Orchestrator", "Saga")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"no Orchestrator/Saga folder above {AppContext.BaseDirectory}: run the tests from the repository (dotnet test Workflows.Tests)");
    }
}
