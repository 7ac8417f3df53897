using System.Threading.Tasks;
using PerfAnalyzers.Payload;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF403HttpContentBufferedAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF403HttpContentBufferedAnalyzer, PerfAnalyzers.Payload.PERF403HttpContentBufferedCodeFix>;

namespace PerfAnalyzers.Tests.Payload
{
    public class PERF403HttpContentBufferedTests
    {
        private const string Usings = """
            using System.IO;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;

            public record Forecast(string Summary);

            """;

        private static readonly string FixedUsings = Usings.Replace("using System.Net.Http;\n", "using System.Net.Http;\nusing System.Net.Http.Json;\n");

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Usings + body, frameworks: Infrastructure.Frameworks.NetCore);

        private static Task Fix(string body, string fixedBody) => VerifyFix.CodeFixAsync(Usings + body, FixedUsings + fixedBody, PERF403HttpContentBufferedCodeFix.EquivalenceKey, frameworks: Infrastructure.Frameworks.NetCore);

        [Fact]
        public Task Reports_string_deserialised_directly() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get() => JsonSerializer.Deserialize<Forecast>(await {|PERF403:client.GetStringAsync("/forecast")|});
            }
            """);

        // The message names whose content it is: a response's, or the request an HTTP-triggered function is handed.
        [Fact]
        public Task The_message_names_a_response_content() => VerifyCS.AnalyzerAsync(Usings + """
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    using var response = await client.GetAsync("/forecast");
                    return JsonSerializer.Deserialize<Forecast>(await {|#0:response.Content.ReadAsStringAsync()|});
                }
            }
            """, frameworks: Infrastructure.Frameworks.NetCore, expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PERF403", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("ReadAsStringAsync", "response"));

        [Fact]
        public Task The_message_names_a_request_content() => VerifyCS.AnalyzerAsync(Usings + """
            public static class PaymentEventFunction
            {
                public static async Task<Forecast?> Run(HttpRequestMessage req)
                    => JsonSerializer.Deserialize<Forecast>(await {|#0:req.Content.ReadAsStringAsync()|});
            }
            """, frameworks: Infrastructure.Frameworks.NetCore, expected: new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PERF403", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("ReadAsStringAsync", "request"));

        [Fact]
        public Task Reports_string_held_in_a_local_then_deserialised() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get(CancellationToken ct)
                {
                    var json = await {|PERF403:client.GetStringAsync("/forecast", ct)|};
                    return JsonSerializer.Deserialize<Forecast>(json);
                }
            }
            """);

        [Fact]
        public Task Reports_content_read_as_string_then_deserialised() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    using var response = await client.GetAsync("/forecast");
                    var json = await {|PERF403:response.Content.ReadAsStringAsync()|};
                    return JsonSerializer.Deserialize<Forecast>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
                }
            }
            """);

        [Fact]
        public Task Reports_bytes_wrapped_in_a_memory_stream_or_copied() => Verify("""
            public class Downloader(HttpClient client)
            {
                public async Task<Stream> Open() => new MemoryStream(await {|PERF403:client.GetByteArrayAsync("/file")|});

                public async Task Copy(Stream target)
                {
                    var bytes = await {|PERF403:client.GetByteArrayAsync("/file")|};
                    await target.WriteAsync(bytes);
                }

                public async Task Save(HttpResponseMessage response)
                {
                    await File.WriteAllBytesAsync("a.bin", await {|PERF403:response.Content.ReadAsByteArrayAsync()|});
                    await File.WriteAllTextAsync("a.txt", await {|PERF403:response.Content.ReadAsStringAsync()|});
                }
            }
            """);

        [Fact]
        public Task Reports_string_written_to_a_text_writer() => Verify("""
            public class Downloader(HttpClient client)
            {
                public async Task Copy(TextWriter writer) => await writer.WriteAsync(await {|PERF403:client.GetStringAsync("/text")|});
            }
            """);

        [Fact]
        public Task Reports_string_passed_to_newtonsoft() => Verify("""
            namespace Newtonsoft.Json
            {
                public static class JsonConvert
                {
                    public static T? DeserializeObject<T>(string value) => default;
                }
            }

            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get() => Newtonsoft.Json.JsonConvert.DeserializeObject<Forecast>(await {|PERF403:client.GetStringAsync("/forecast")|});
            }
            """);

        // OpenDeepWiki's Git platform clients parse the response text into a JsonDocument.
        [Fact]
        public Task Reports_string_parsed_into_a_document_or_node() => Verify("""
            namespace Newtonsoft.Json.Linq
            {
                public class JObject
                {
                    public static JObject Parse(string json) => new JObject();
                }
            }

            public class RepositoryClient(HttpClient client)
            {
                public async Task<int> Count(HttpResponseMessage response)
                {
                    var json = await {|PERF403:response.Content.ReadAsStringAsync()|};
                    using var document = JsonDocument.Parse(json);
                    return document.RootElement.GetArrayLength();
                }

                public async Task<string?> Name() => System.Text.Json.Nodes.JsonNode.Parse(await {|PERF403:client.GetStringAsync("/repo")|})?["name"]?.GetValue<string>();

                public async Task<Newtonsoft.Json.Linq.JObject> Raw() => Newtonsoft.Json.Linq.JObject.Parse(await {|PERF403:client.GetStringAsync("/raw")|});
            }
            """);

        [Fact]
        public Task Ignores_a_parsed_string_that_is_also_kept_or_not_from_a_response() => Verify("""
            public class RepositoryClient(HttpClient client)
            {
                public string? Last { get; private set; }

                public async Task<int> Count()
                {
                    var json = await client.GetStringAsync("/repos");
                    Last = json;
                    using var document = JsonDocument.Parse(json);
                    return document.RootElement.GetArrayLength();
                }

                public int Local(string path)
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(path));
                    return document.RootElement.GetArrayLength();
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_parsed_document() => VerifyFix.NoCodeFixAsync(Usings + """
            public class RepositoryClient(HttpClient client)
            {
                public async Task<int> Count()
                {
                    using var document = JsonDocument.Parse(await {|PERF403:client.GetStringAsync("/repos")|});
                    return document.RootElement.GetArrayLength();
                }
            }
            """, PERF403HttpContentBufferedCodeFix.EquivalenceKey, frameworks: Infrastructure.Frameworks.NetCore);

        [Fact]
        public Task Ignores_a_look_alike_deserializer() => Verify("""
            public static class JsonConvert
            {
                public static T? DeserializeObject<T>(string value) => default;
            }

            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get() => JsonConvert.DeserializeObject<Forecast>(await client.GetStringAsync("/forecast"));
            }
            """);

        [Fact]
        public Task Ignores_string_used_for_something_else_too() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    var json = await client.GetStringAsync("/forecast");
                    System.Diagnostics.Debug.WriteLine(json.Length);
                    return JsonSerializer.Deserialize<Forecast>(json);
                }
            }
            """);

        [Fact]
        public Task Ignores_string_returned_or_inspected() => Verify("""
            public class StatusClient(HttpClient client)
            {
                public Task<string> Raw() => client.GetStringAsync("/status");

                public async Task<bool> IsUp() => (await client.GetStringAsync("/status")) == "up";

                public async Task<int> Length(HttpResponseMessage response) => (await response.Content.ReadAsByteArrayAsync()).Length;
            }
            """);

        [Fact]
        public Task Ignores_streaming_reads() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    await using var stream = await client.GetStreamAsync("/forecast");
                    return await JsonSerializer.DeserializeAsync<Forecast>(stream);
                }

                public async Task<Forecast?> GetJson() => await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Forecast>(client, "/forecast");
            }
            """);

        [Fact]
        public Task Ignores_a_string_from_elsewhere_deserialised() => Verify("""
            public class Cache
            {
                public Forecast? Load() => JsonSerializer.Deserialize<Forecast>(File.ReadAllText("cache.json"));
            }
            """);

        [Fact]
        public Task Ignores_string_stored_in_a_field() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                private string? last;

                public async Task<Forecast?> Get()
                {
                    last = await client.GetStringAsync("/forecast");
                    return JsonSerializer.Deserialize<Forecast>(last);
                }
            }
            """);

        [Fact]
        public Task Ignores_string_in_a_local_declared_with_an_earlier_read() => Verify("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<int> Get()
                {
                    var json = await client.GetStringAsync("/today");
                    var today = JsonSerializer.Deserialize<Forecast[]>(json)!;
                    json = await client.GetStringAsync("/tomorrow");
                    var tomorrow = JsonSerializer.Deserialize<Forecast[]>(json)!;
                    return today.Length + tomorrow.Length;
                }
            }
            """);

        [Fact]
        public Task Ignores_bytes_opened_as_a_zip_archive() => Verify("""
            public class PackageClient(HttpClient client)
            {
                public async Task<int> Count()
                {
                    var zip = await client.GetByteArrayAsync("/package.zip");
                    using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
                    return archive.Entries.Count;
                }

                public async Task<int> CountThroughALocal()
                {
                    using var stream = new MemoryStream(await client.GetByteArrayAsync("/package.zip"));
                    using var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read);
                    return archive.Entries.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_bytes_in_a_memory_stream_used_for_more_than_a_zip_archive() => Verify("""
            public class PackageClient(HttpClient client)
            {
                public async Task Copy(Stream target)
                {
                    using var stream = new MemoryStream(await {|PERF403:client.GetByteArrayAsync("/package.zip")|});
                    await stream.CopyToAsync(target);
                }
            }
            """);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get() => JsonSerializer.Deserialize<Forecast>(await client.GetStringAsync({|CS0103:url|}));

                public async Task Other() => {|CS0103:Unknown|}(await client.GetStringAsync("/x"));
            }
            """, frameworks: Infrastructure.Frameworks.NetCore);

        [Fact]
        public Task Fix_reads_json_from_the_client_stream() => Fix("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get() => JsonSerializer.Deserialize<Forecast>(await {|PERF403:client.GetStringAsync("/forecast")|});

                public async Task<Forecast?> GetWithToken(CancellationToken ct)
                {
                    var json = await {|PERF403:client.GetStringAsync("/forecast", ct)|};
                    return JsonSerializer.Deserialize<Forecast>(json, JsonSerializerOptions.Web);
                }
            }
            """, """
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get() => await client.GetFromJsonAsync<Forecast>("/forecast");

                public async Task<Forecast?> GetWithToken(CancellationToken ct)
                {
                    return await client.GetFromJsonAsync<Forecast>("/forecast", JsonSerializerOptions.Web, ct);
                }
            }
            """);

        [Fact]
        public Task Fix_keeps_the_comment_above_the_removed_local() => Fix("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get(CancellationToken ct)
                {
                    // The forecast service answers in under a second.
                    var json = await {|PERF403:client.GetStringAsync("/forecast", ct)|};
                    return JsonSerializer.Deserialize<Forecast>(json);
                }
            }
            """, """
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get(CancellationToken ct)
                {
                    // The forecast service answers in under a second.
                    return await client.GetFromJsonAsync<Forecast>("/forecast", ct);
                }
            }
            """);

        [Fact]
        public Task Fix_reads_json_from_the_content_and_stops_buffering_the_response() => Fix("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    using var response = await client.GetAsync("/forecast");
                    response.EnsureSuccessStatusCode();
                    var json = await {|PERF403:response.Content.ReadAsStringAsync()|};
                    return JsonSerializer.Deserialize<Forecast>(json);
                }
            }
            """, """
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    using var response = await client.GetAsync("/forecast", HttpCompletionOption.ResponseHeadersRead);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<Forecast>();
                }
            }
            """);

        // OpenDeepWiki's chat providers: the response is never disposed, so a read left undone on an error path would hold
        // its connection; the buffered default stays, and the text copy still goes.
        [Fact]
        public Task Fix_leaves_an_undisposed_response_buffered() => Fix("""
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    var response = await client.GetAsync("/forecast");
                    response.EnsureSuccessStatusCode();
                    var json = await {|PERF403:response.Content.ReadAsStringAsync()|};
                    return JsonSerializer.Deserialize<Forecast>(json);
                }
            }
            """, """
            public class WeatherClient(HttpClient client)
            {
                public async Task<Forecast?> Get()
                {
                    var response = await client.GetAsync("/forecast");
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<Forecast>();
                }
            }
            """);

        [Fact]
        public Task No_fix_for_copies() => VerifyFix.NoCodeFixAsync(Usings + """
            public class Downloader(HttpClient client)
            {
                public async Task<Stream> Open() => new MemoryStream(await {|PERF403:client.GetByteArrayAsync("/file")|});
            }
            """, PERF403HttpContentBufferedCodeFix.EquivalenceKey, frameworks: Infrastructure.Frameworks.NetCore);
    }
}
