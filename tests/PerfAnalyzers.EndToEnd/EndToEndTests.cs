using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace PerfAnalyzers.EndToEnd
{
    /// <summary>
    /// Packs the package, installs it from a local folder feed into a real web project built from the files
    /// under Fixture/, and checks that `dotnet build -warnaserror` fails with exactly the PERF diagnostics the
    /// fixture marks with `//~ PERFnnn`, then passes once those rules are set to `none` in .editorconfig.
    /// </summary>
    public sealed class EndToEndTests : IClassFixture<PackedPackage>
    {
        private static readonly Regex Marker = new Regex(@"//~\s*(?<ids>(PERF\d{3}\s*)+)$", RegexOptions.Compiled);
        private static readonly Regex BuildDiagnostic = new Regex(
            @"^\s*(?<file>[^\s(][^\r\n(]*)\((?<line>\d+),\d+\): (?<kind>error|warning) (?<id>[A-Z]+\d+): ",
            RegexOptions.Compiled | RegexOptions.Multiline);

        private readonly PackedPackage package;
        private readonly ITestOutputHelper output;

        public EndToEndTests(PackedPackage package, ITestOutputHelper output)
        {
            this.package = package;
            this.output = output;
        }

        [Fact]
        public void Package_contains_only_the_analyzer_assemblies()
        {
            var entries = package.Entries();
            var assemblies = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e).ToArray();

            Assert.Equal(new[] { "analyzers/dotnet/cs/PerfAnalyzers.CodeFixes.dll", "analyzers/dotnet/cs/PerfAnalyzers.dll" }, assemblies);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("README.md", entries);
            Assert.Contains("LICENSE", entries);
        }

        [Fact]
        public void Build_fails_with_exactly_the_marked_diagnostics_and_passes_when_they_are_suppressed()
        {
            var project = package.CreateConsumerProject("consumer");
            var expected = ExpectedDiagnostics(project);
            Assert.NotEmpty(expected);

            var failing = package.Run("dotnet", $"build \"{project}\" -warnaserror -nologo -clp:NoSummary", project);
            output.WriteLine(failing.Output);
            Assert.NotEqual(0, failing.ExitCode);

            var actual = ReportedDiagnostics(failing.Output, project);
            Assert.DoesNotContain(actual, d => !d.Id.StartsWith("PERF", StringComparison.Ordinal));
            Assert.Equal(expected.OrderBy(d => d.ToString()).ToArray(), actual.OrderBy(d => d.ToString()).ToArray());
            Assert.Contains("https://github.com/PerfAnalyzers/PerfAnalyzers/blob/main/docs/rules/", failing.Output);

            var severities = string.Join("\n", expected.Select(d => d.Id).Distinct().Select(id => $"dotnet_diagnostic.{id}.severity = none"));
            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\n" + severities + "\n");

            var passing = package.Run("dotnet", $"build \"{project}\" -warnaserror -nologo -clp:NoSummary", project);
            output.WriteLine(passing.Output);
            Assert.Equal(0, passing.ExitCode);
            Assert.Empty(ReportedDiagnostics(passing.Output, project));
        }

        private static HashSet<FixtureDiagnostic> ExpectedDiagnostics(string project)
        {
            var expected = new HashSet<FixtureDiagnostic>();
            foreach (var file in Directory.GetFiles(project, "*.cs"))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var match = Marker.Match(lines[i].TrimEnd());
                    if (!match.Success)
                    {
                        continue;
                    }

                    foreach (var id in match.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        expected.Add(new FixtureDiagnostic(Path.GetFileName(file), i + 1, id));
                    }
                }
            }

            return expected;
        }

        private static HashSet<FixtureDiagnostic> ReportedDiagnostics(string buildOutput, string project)
        {
            // MSBuild repeats each diagnostic in its summary; a set keeps one of each.
            var reported = new HashSet<FixtureDiagnostic>();
            foreach (Match match in BuildDiagnostic.Matches(buildOutput))
            {
                var file = match.Groups["file"].Value.Trim();
                if (file.StartsWith(project, StringComparison.Ordinal))
                {
                    reported.Add(new FixtureDiagnostic(Path.GetFileName(file), int.Parse(match.Groups["line"].Value), match.Groups["id"].Value));
                }
                else
                {
                    reported.Add(new FixtureDiagnostic(file, 0, match.Groups["id"].Value));
                }
            }

            return reported;
        }

        private sealed record FixtureDiagnostic(string File, int Line, string Id)
        {
            public override string ToString() => $"{File}:{Line} {Id}";
        }
    }

    /// <summary>Packs PerfAnalyzers once per test run into a temporary folder feed, with a version of its own.</summary>
    public sealed class PackedPackage : IDisposable
    {
        public PackedPackage()
        {
            Root = Path.Combine(Path.GetTempPath(), "perfanalyzers-e2e-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Feed = Path.Combine(Root, "feed");
            Directory.CreateDirectory(Feed);

            // A version unique to this run, so NuGet's global cache can never serve an older build of the package.
            Version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Guid.NewGuid().ToString("N").Substring(0, 6);
            var packageProject = Path.Combine(RepositoryRoot, "src", "PerfAnalyzers.Package", "PerfAnalyzers.Package.csproj");
            // Its own bin/ and obj/ under Root: `dotnet test` on the solution may still be restoring and building the same
            // projects in the repository's folders while this test runs, and sharing their assets files races with it.
            var artifacts = Path.Combine(Root, "artifacts");
            var pack = Run("dotnet", $"pack \"{packageProject}\" -c Release -o \"{Feed}\" -p:Version={Version} -p:UseArtifactsOutput=true -p:ArtifactsPath=\"{artifacts}\" -nologo", RepositoryRoot);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
            }

            PackagePath = Path.Combine(Feed, $"PerfAnalyzers.{Version}.nupkg");
        }

        public static string RepositoryRoot => Metadata("RepositoryRoot");

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        public string PackagePath { get; }

        public IReadOnlyList<string> Entries()
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(PackagePath);
            return archive.Entries.Select(e => e.FullName).ToList();
        }

        /// <summary>A web project with EF Core that references PerfAnalyzers from the folder feed, holding the fixture files.</summary>
        public string CreateConsumerProject(string name)
        {
            var project = Path.Combine(Root, name);
            Directory.CreateDirectory(project);
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "tests", "PerfAnalyzers.EndToEnd", "Fixture"), "*.cs"))
            {
                File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
            }

            // Severities the fixture sets the way a user would (a suggestion raised to a warning).
            var editorConfig = Path.Combine(RepositoryRoot, "tests", "PerfAnalyzers.EndToEnd", "Fixture", ".editorconfig");
            if (File.Exists(editorConfig))
            {
                File.Copy(editorConfig, Path.Combine(project, ".editorconfig"));
            }

            var efCore = Metadata("EfCoreVersion");
            File.WriteAllText(Path.Combine(project, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>{Metadata("TargetFramework")}</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <OutputType>Library</OutputType>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="PerfAnalyzers" Version="{Version}" />
                    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="{efCore}" />
                    <PackageReference Include="Microsoft.EntityFrameworkCore.Proxies" Version="{efCore}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="perfanalyzers-local" value="{Feed}" />
                  </packageSources>
                </configuration>
                """);

            // Keep the repository's build settings out of the consumer project.
            File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(project, "Directory.Build.targets"), "<Project />");
            return project;
        }

        public (int ExitCode, string Output) Run(string fileName, string arguments, string workingDirectory)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{fileName} {arguments}' did not finish in 10 minutes.");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);

                // Each run installs a version of its own into NuGet's global cache; take it out again.
                var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                var installed = Path.Combine(globalPackages, "perfanalyzers", Version);
                if (Directory.Exists(installed))
                {
                    Directory.Delete(installed, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; a failing dispose would hide the real test result.
            }
        }

        private static string Metadata(string key)
            => typeof(PackedPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
    }
}
