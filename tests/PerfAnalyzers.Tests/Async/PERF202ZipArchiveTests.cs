using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "What is not flagged": opening a zip entry the code has just created, or a new archive with
    /// <c>ZipArchiveMode.Create</c>, reads nothing, so <c>OpenAsync</c> would remove no blocking (found in LANCommander's
    /// exporters). Opening an existing entry or archive reads it and is flagged.
    /// </summary>
    public class PERF202ZipArchiveTests
    {
        private const string Usings = """
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Usings + body);

        // ---- Flagged ----

        [Fact]
        public Task Reports_OpenRead_of_an_existing_archive() => Verify("""
            public class Exporter
            {
                public async Task<int> CountAsync(string path)
                {
                    using var zip = {|PERF202:ZipFile.OpenRead(path)|};
                    await Task.Yield();
                    return zip.Entries.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_Open_of_an_entry_read_from_the_archive() => Verify("""
            public class Exporter
            {
                public async Task CopyAsync(ZipArchive zip, Stream target)
                {
                    var entry = zip.GetEntry("manifest.yml")!;
                    using var source = {|PERF202:entry.Open()|};
                    await source.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Reports_Open_of_an_archive_in_Update_mode() => Verify("""
            public class Exporter
            {
                public async Task PatchAsync(string path)
                {
                    using var zip = {|PERF202:ZipFile.Open(path, ZipArchiveMode.Update)|};
                    await Task.Yield();
                    zip.GetEntry("old")?.Delete();
                }
            }
            """);

        [Fact]
        public Task Reports_Open_of_an_entry_local_that_may_hold_an_existing_entry() => Verify("""
            public class Exporter
            {
                public async Task CopyAsync(ZipArchive zip, Stream source, bool replace)
                {
                    var entry = zip.CreateEntry("data.bin");
                    if (replace)
                    {
                        entry = zip.GetEntry("data.bin")!;
                    }

                    using var target = {|PERF202:entry.Open()|};
                    await source.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Reports_Open_of_an_entry_local_just_given_an_existing_entry() => Verify("""
            public class Exporter
            {
                public async Task CopyAsync(ZipArchive zip, Stream source)
                {
                    var entry = zip.CreateEntry("data.bin");
                    await source.FlushAsync();
                    entry = zip.GetEntry("other.bin")!;
                    using var target = {|PERF202:entry.Open()|};
                    await source.CopyToAsync(target);
                }
            }
            """);

        // ---- Not flagged ----

        // An admin site's file export names each entry from an answer whose type comes from a package the build cannot
        // see: CreateEntry(..) does not bind, but it is still the entry just created; the copy from the response still is I/O.
        [Fact]
        public Task Ignores_Open_of_an_entry_created_with_a_name_of_a_missing_type() => Verify("""
            using System.Net.Http;

            public class Exporter
            {
                public async Task WriteAsync(ZipArchive zip, HttpResponseMessage response, {|CS0246:Answer|} answer)
                {
                    var entry = zip.CreateEntry(answer.Value);
                    using (var target = entry.Open())
                    {
                        var source = await response.Content.ReadAsStreamAsync();
                        {|PERF202:source.CopyTo(target)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_Open_of_an_entry_read_with_a_name_of_a_missing_type() => Verify("""
            public class Exporter
            {
                public async Task CopyAsync(ZipArchive zip, Stream target, {|CS0246:Answer|} answer)
                {
                    var entry = zip.GetEntry(answer.Value)!;
                    using var source = {|PERF202:entry.Open()|};
                    await source.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Ignores_Open_of_an_entry_just_created() => Verify("""
            public class Exporter
            {
                public async Task WriteAsync(ZipArchive zip, Stream source)
                {
                    var entry = zip.CreateEntry("data.bin");
                    using var target = entry.Open();
                    await source.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Ignores_Open_of_an_entry_created_right_before_in_its_branch() => Verify("""
            public class Exporter
            {
                public async Task WriteAsync(ZipArchive zip, Stream source, string path, bool unchanged)
                {
                    ZipArchiveEntry entry;
                    if (unchanged)
                    {
                        entry = {|PERF202:zip.CreateEntryFromFile(path, "data.bin")|};
                    }
                    else
                    {
                        entry = zip.CreateEntry("data.bin");
                        using (var target = entry.Open())
                        {
                            await source.CopyToAsync(target);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_Open_chained_on_CreateEntry() => Verify("""
            public class Exporter
            {
                public async Task WriteAsync(ZipArchive zip, Stream source)
                {
                    using var target = zip.CreateEntry("data.bin", CompressionLevel.Fastest).Open();
                    await source.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Ignores_a_new_archive_opened_in_Create_mode() => Verify("""
            public class Exporter
            {
                public async Task CreateAsync(string path, Stream source)
                {
                    using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
                    using var target = zip.CreateEntry("data.bin").Open();
                    await source.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_entry_created_and_opened_in_a_loop() => Verify("""
            public class Exporter
            {
                public async Task WriteAsync(ZipArchive zip, Stream[] sources)
                {
                    foreach (var source in sources)
                    {
                        var entry = zip.CreateEntry("part");
                        await using var target = entry.Open();
                        await source.CopyToAsync(target);
                    }
                }
            }
            """);
    }
}
