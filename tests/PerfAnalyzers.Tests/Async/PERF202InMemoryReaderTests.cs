using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "What is not flagged": a reader or writer made over a MemoryStream or an embedded resource
    /// (also decompressed), the console's writers
    /// chosen through a local, and ASP.NET Core's InputFormatterResult factories do no I/O; a reader over another stream
    /// is still flagged.
    /// </summary>
    public class PERF202InMemoryReaderTests
    {
        private const string Usings = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            """;

        // smtp4dev's message converter: the message's bytes read first, then parsed line by line.
        [Fact]
        public Task A_reader_made_over_a_new_memory_stream_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class Converter
            {
                public async Task<int> CountHeaders(Stream message)
                {
                    var data = new byte[message.Length];
                    await message.ReadAsync(data, 0, data.Length);
                    var count = 0;
                    using (StreamReader reader = new StreamReader(new MemoryStream(data)))
                    {
                        while (reader.ReadLine() is { Length: > 0 })
                        {
                            count++;
                        }
                    }

                    return count;
                }
            }
            """);

        // A parser of a library over any TextReader or Stream: Read() has ReadAsync() beside it.
        private const string LibraryReader = """
            public sealed class CsvReader : IDisposable
            {
                private readonly TextReader reader;
                public CsvReader(TextReader reader, IFormatProvider culture) => this.reader = reader;
                public bool Read() => reader.ReadLine() != null;
                public async Task<bool> ReadAsync() => await reader.ReadLineAsync() != null;
                public void Dispose() => reader.Dispose();
            }

            public sealed class RecordReader
            {
                private readonly Stream stream;
                public RecordReader(Stream stream) => this.stream = stream;
                public bool Read() => stream.ReadByte() >= 0;
                public async Task<bool> ReadAsync() => await stream.ReadAsync(new byte[1], 0, 1) > 0;
            }

            """;

        // An apprenticeship agency's Ofqual import: the file downloaded as a string, then parsed row by row.
        [Fact]
        public Task A_library_reader_over_a_string_reader_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + LibraryReader + """
            public class OfqualImport
            {
                public async Task<int> CountRows(Func<Task<string>> download)
                {
                    string data = await download();
                    using var stringReader = new StringReader(data);
                    using var csvReader = new CsvReader(stringReader, System.Globalization.CultureInfo.InvariantCulture);
                    var rows = 0;
                    while (csvReader.Read())
                    {
                        rows++;
                    }

                    return rows;
                }
            }
            """);

        [Fact]
        public Task A_library_reader_over_a_stream_reader_over_a_memory_stream_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + LibraryReader + """
            public class Import
            {
                public async Task<bool> First(byte[] data)
                {
                    await Task.Yield();
                    var csv = new CsvReader(new StreamReader(new MemoryStream(data)), null);
                    var records = new RecordReader(new MemoryStream(data));
                    return csv.Read() && records.Read();
                }
            }
            """);

        [Fact]
        public Task A_library_reader_over_a_file_is_reported() => VerifyCS.AnalyzerAsync(Usings + LibraryReader + """
            public class Import
            {
                public async Task<bool> First(string path, Stream upload)
                {
                    await Task.Yield();
                    var csv = new CsvReader(new StreamReader(path), null);
                    var records = new RecordReader(upload);
                    return {|PERF202:csv.Read()|} && {|PERF202:records.Read()|};
                }
            }
            """);

        [Fact]
        public Task A_library_reader_over_a_text_reader_parameter_is_reported() => VerifyCS.AnalyzerAsync(Usings + LibraryReader + """
            public class Import
            {
                public async Task<bool> First(TextReader source)
                {
                    await Task.Yield();
                    using var csv = new CsvReader(source, null);
                    return {|PERF202:csv.Read()|};
                }
            }
            """);

        // SimpleIdServer's SCIM bulk endpoint: each operation's response captured in a memory stream, then read back.
        [Fact]
        public Task A_reader_over_a_response_body_set_to_a_memory_stream_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Http;

            public class Bulk
            {
                public async Task<string> Run(RequestDelegate handler)
                {
                    var context = new DefaultHttpContext();
                    context.Response.Body = new MemoryStream();
                    await handler(context);
                    context.Response.Body.Position = 0;
                    return new StreamReader(context.Response.Body).ReadToEnd();
                }
            }
            """);

        [Fact]
        public Task A_reader_over_a_response_body_read_before_it_is_set_to_a_memory_stream_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Http;

            public class Bulk
            {
                public async Task<string> Run(HttpContext context)
                {
                    await Task.Yield();
                    var text = {|PERF202:new StreamReader(context.Request.Body).ReadToEnd()|};
                    context.Request.Body = new MemoryStream();
                    return text;
                }
            }
            """);

        [Fact]
        public Task A_reader_over_a_body_also_set_to_another_stream_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Http;

            public class Bulk
            {
                public async Task<string> Run(HttpContext context, Stream upstream, bool capture)
                {
                    await Task.Yield();
                    context.Response.Body = capture ? new MemoryStream() : upstream;
                    context.Response.Body = new MemoryStream();
                    return {|PERF202:new StreamReader(context.Response.Body).ReadToEnd()|};
                }
            }
            """);

        // BlazorBoilerplate's translation upload: the file copied into memory, then read as text.
        [Fact]
        public Task A_reader_over_a_memory_stream_filled_before_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class Upload
            {
                public async Task<string> Read(Stream file)
                {
                    using var stream = new MemoryStream();
                    await file.CopyToAsync(stream);
                    stream.Position = 0;
                    using var reader = new StreamReader(stream);
                    return reader.ReadToEnd();
                }
            }
            """);

        [Fact]
        public Task The_console_chosen_through_a_local_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class Splash
            {
                public async Task Show(bool toStdout, string[] lines)
                {
                    var output = toStdout ? Console.Error : Console.Out;
                    foreach (var line in lines)
                    {
                        output.WriteLine(line);
                    }

                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task A_reader_over_another_stream_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class Upload
            {
                public async Task<string> Read(Stream file)
                {
                    await Task.Yield();
                    using var reader = new StreamReader(file);
                    return {|PERF202:reader.ReadToEnd()|};
                }
            }
            """);

        [Fact]
        public Task A_writer_chosen_between_the_console_and_a_file_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            public class Log
            {
                public async Task Write(bool quiet, string path, string line)
                {
                    await Task.Yield();
                    using var file = new StreamWriter(path);
                    var output = quiet ? file : Console.Out;
                    {|PERF202:output.WriteLine(line)|};
                }
            }
            """);

        // TheIdServer's health report: the JSON written into memory, then sent with WriteAsync.
        [Fact]
        public Task Flushing_a_json_writer_over_a_memory_stream_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using System.Text;
            using System.Text.Json;

            public class HealthReport
            {
                public Task<string> Write(string status)
                {
                    using var memoryStream = new MemoryStream();
                    using var jsonWriter = new Utf8JsonWriter(memoryStream);
                    jsonWriter.WriteStartObject();
                    jsonWriter.WriteString("status", status);
                    jsonWriter.WriteEndObject();
                    jsonWriter.Flush();
                    return Task.FromResult(Encoding.UTF8.GetString(memoryStream.ToArray()));
                }
            }
            """);

        [Fact]
        public Task Flushing_a_json_writer_over_a_buffer_writer_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using System.Buffers;
            using System.Text.Json;

            public class Payload
            {
                public async Task<int> Write(string status)
                {
                    await Task.Yield();
                    var buffer = new ArrayBufferWriter<byte>();
                    using var jsonWriter = new Utf8JsonWriter(buffer);
                    jsonWriter.WriteStringValue(status);
                    jsonWriter.Flush();
                    return buffer.WrittenCount;
                }
            }
            """);

        [Fact]
        public Task Flushing_a_json_writer_over_another_stream_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using System.Text.Json;

            public class Payload
            {
                public async Task Write(Stream body, string status)
                {
                    await Task.Yield();
                    using var jsonWriter = new Utf8JsonWriter(body);
                    jsonWriter.WriteStringValue(status);
                    {|PERF202:jsonWriter.Flush()|};
                }
            }
            """);

        // TagzApp's Twitter provider: sample tweets shipped as a compressed embedded resource.
        [Fact]
        public Task Deserializing_a_decompressed_embedded_resource_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using System.IO.Compression;
            using System.Reflection;
            using System.Text.Json;

            public class Samples
            {
                public async Task<string[]?> Load()
                {
                    await Task.Yield();
                    var assembly = Assembly.GetExecutingAssembly();
                    using var stream = assembly.GetManifestResourceStream("Samples.tweets.json.gz");
                    if (stream is null)
                    {
                        return null;
                    }

                    using var unzip = new GZipStream(stream, CompressionMode.Decompress);
                    return JsonSerializer.Deserialize<string[]>(unzip);
                }
            }
            """);

        [Fact]
        public Task A_reader_over_an_embedded_resource_is_not_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using System.Reflection;

            public class Scripts
            {
                public async Task<string> Seed()
                {
                    await Task.Yield();
                    using var reader = new StreamReader(typeof(Scripts).Assembly.GetManifestResourceStream("Scripts.seed.sql")!);
                    return reader.ReadToEnd();
                }
            }
            """);

        [Fact]
        public Task Deserializing_a_decompressed_file_is_reported() => VerifyCS.AnalyzerAsync(Usings + """
            using System.IO.Compression;
            using System.Text.Json;

            public class Samples
            {
                public async Task<string[]?> Load(string path)
                {
                    await Task.Yield();
                    using var file = File.OpenRead(path);
                    using var unzip = new GZipStream(file, CompressionMode.Decompress);
                    return {|PERF202:JsonSerializer.Deserialize<string[]>(unzip)|};
                }
            }
            """);

        [Fact]
        public Task An_input_formatter_result_is_not_reported() => VerifyCS.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.Formatters;

            public class HtmlBodyInputFormatter : IInputFormatter
            {
                public bool CanRead(InputFormatterContext context) => context.HttpContext.Request.ContentType == "text/html";

                public async Task<InputFormatterResult> ReadAsync(InputFormatterContext context)
                {
                    var value = await new StreamReader(context.HttpContext.Request.Body).ReadToEndAsync();
                    return value.Length == 0 ? InputFormatterResult.NoValue() : InputFormatterResult.Success(value);
                }
            }
            """);
    }
}
