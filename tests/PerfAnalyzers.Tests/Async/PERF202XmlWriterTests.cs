using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, PerfAnalyzers.Async.PERF202SyncOverAsyncCallCodeFix>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "What is not flagged": an <c>XmlWriter</c>/<c>XmlReader</c> runs its <c>…Async</c> methods
    /// only when <c>XmlWriter.Create</c>/<c>XmlReader.Create</c> made it with settings whose <c>Async</c> is true; any other
    /// one throws from them (<c>XmlTextWriter</c>/<c>XmlTextReader</c> do not implement them). Found in Smartstore.
    /// </summary>
    public class PERF202XmlWriterTests
    {
        private const string Usings = """
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using System.Xml;
            using System.Xml.Linq;

            """;

        // ---- flagged: created with Async = true ----

        [Fact]
        public Task Reports_writer_created_with_settings_setting_async_in_the_call() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output, string[] names)
                {
                    await Task.Yield();
                    using var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Async = true });
                    {|PERF202:writer.WriteStartDocument()|};
                    foreach (var name in names)
                    {
                        {|PERF202:writer.WriteStartElement(null, "name", null)|};
                        {|PERF202:writer.WriteString(name)|};
                        {|PERF202:writer.WriteEndElement()|};
                    }

                    {|PERF202:writer.Flush()|};
                }
            }
            """);

        [Fact]
        public Task Reports_writer_and_reader_created_with_a_settings_local() => VerifyCS.AnalyzerAsync(Usings + """
            public class Copier
            {
                public async Task CopyAsync(Stream input, Stream output)
                {
                    var readerSettings = new XmlReaderSettings { Async = true };
                    var writerSettings = new XmlWriterSettings { Async = true };
                    using (var reader = XmlReader.Create(input, readerSettings))
                    using (var writer = XmlWriter.Create(output, writerSettings))
                    {
                        while ({|PERF202:reader.Read()|})
                        {
                            {|PERF202:writer.WriteNode(reader, true)|};
                        }
                    }

                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_saving_a_document_to_an_async_writer() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task SaveAsync(XDocument document, Stream output)
                {
                    await Task.Yield();
                    using var writer = XmlWriter.Create(output, new XmlWriterSettings { Async = true });
                    {|PERF202:document.Save(writer)|};
                }
            }
            """);

        [Fact]
        public Task Reports_writer_whose_settings_local_gets_other_members_set_later() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output)
                {
                    await Task.Yield();
                    var settings = new XmlWriterSettings { Async = true };
                    settings.Indent = true;
                    using var writer = XmlWriter.Create(output, settings);
                    {|PERF202:writer.WriteEndDocument()|};
                }
            }
            """);

        [Fact]
        public Task Fix_awaits_the_async_method_of_an_async_writer() => VerifyFix.CodeFixAsync(Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output)
                {
                    await Task.Yield();
                    using var writer = XmlWriter.Create(output, new XmlWriterSettings { Async = true });
                    {|PERF202:writer.WriteEndDocument()|};
                }
            }
            """, Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output)
                {
                    await Task.Yield();
                    using var writer = XmlWriter.Create(output, new XmlWriterSettings { Async = true });
                    await writer.WriteEndDocumentAsync();
                }
            }
            """);

        // ---- not flagged: the async methods would throw ----

        [Fact]
        public Task Ignores_text_writer_over_a_string_writer() => VerifyCS.AnalyzerAsync(Usings + """
            public class ResourceExporter
            {
                public async Task<string> ExportAsync(Task<string[]> load)
                {
                    var text = new StringWriter();
                    using var writer = new XmlTextWriter(text);
                    writer.WriteStartDocument();
                    writer.WriteStartElement("Language");
                    foreach (var name in await load)
                    {
                        writer.WriteStartElement(null, "Resource", null);
                        writer.WriteString(name);
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                    writer.WriteEndDocument();
                    return text.ToString();
                }
            }
            """);

        [Fact]
        public Task Ignores_writer_created_over_a_string_builder() => VerifyCS.AnalyzerAsync(Usings + """
            public class ThemeExporter
            {
                public async Task<string> ExportAsync(Task<string[]> load)
                {
                    var names = await load;
                    var builder = new StringBuilder();
                    using (var writer = XmlWriter.Create(builder))
                    {
                        writer.WriteStartDocument();
                        foreach (var name in names)
                        {
                            writer.WriteStartElement(null, "Var", null);
                            writer.WriteString(name);
                            writer.WriteEndElement();
                        }

                        writer.WriteEndDocument();
                    }

                    return builder.ToString();
                }
            }
            """);

        [Fact]
        public Task Ignores_writers_and_readers_created_without_async_settings() => VerifyCS.AnalyzerAsync(Usings + """
            public class Copier
            {
                public async Task CopyAsync(Stream input, Stream output, XmlWriterSettings given, XmlWriter outer, bool async)
                {
                    await Task.Yield();
                    using var plain = XmlWriter.Create(output);
                    plain.WriteEndDocument();
                    plain.Flush();
                    using var indented = XmlWriter.Create(output, new XmlWriterSettings { Indent = true });
                    indented.WriteEndDocument();
                    using var notAsync = XmlWriter.Create(output, new XmlWriterSettings { Async = false });
                    notAsync.Flush();
                    using var unknown = XmlWriter.Create(output, given);
                    unknown.Flush();
                    using var maybe = XmlWriter.Create(output, new XmlWriterSettings { Async = async });
                    maybe.Flush();
                    outer.Flush();
                    using var reader = XmlReader.Create(input);
                    while (reader.Read())
                    {
                        reader.Skip();
                    }

                    using var textReader = new XmlTextReader(input);
                    textReader.Read();
                }
            }
            """);

        [Fact]
        public Task Ignores_writer_reassigned_after_an_async_creation() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output, bool legacy)
                {
                    await Task.Yield();
                    var writer = XmlWriter.Create(output, new XmlWriterSettings { Async = true });
                    if (legacy)
                    {
                        writer = new XmlTextWriter(output, Encoding.UTF8);
                    }

                    writer.WriteEndDocument();
                    writer.Flush();
                }
            }
            """);

        [Fact]
        public Task Ignores_writer_whose_settings_local_is_reassigned() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output, bool indent)
                {
                    await Task.Yield();
                    var settings = new XmlWriterSettings { Async = true };
                    if (indent)
                    {
                        settings = new XmlWriterSettings { Indent = true };
                    }

                    using var writer = XmlWriter.Create(output, settings);
                    writer.WriteEndDocument();
                }
            }
            """);

        [Fact]
        public Task Ignores_writer_whose_settings_turn_async_off_later() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task ExportAsync(Stream output, bool buffered)
                {
                    await Task.Yield();
                    var settings = new XmlWriterSettings { Async = true };
                    settings.Async = buffered;
                    using var writer = XmlWriter.Create(output, settings);
                    writer.WriteEndDocument();
                }
            }
            """);

        [Fact]
        public Task Ignores_saving_a_document_to_a_writer_without_async() => VerifyCS.AnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task<string> SaveAsync(XDocument document)
                {
                    await Task.Yield();
                    var builder = new StringBuilder();
                    using (var writer = XmlWriter.Create(builder))
                    {
                        document.Save(writer);
                        document.Root!.WriteTo(writer);
                    }

                    return builder.ToString();
                }
            }
            """);
    }
}
