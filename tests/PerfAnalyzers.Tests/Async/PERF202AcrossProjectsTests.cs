using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// PERF202 on a static factory of another project of the application whose static async twin can only wrap it
    /// (docs/rules/PERF202.md, "Not flagged": a result wrapper in a shared project, found in BlazorHero).
    /// </summary>
    public class PERF202AcrossProjectsTests
    {
        private const string SharedProject = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Shop.Shared
            {
                public interface IResult { List<string> Messages { get; } bool Succeeded { get; } }

                public class Result : IResult
                {
                    public List<string> Messages { get; set; } = new();
                    public bool Succeeded { get; set; }
                    public static IResult Fail(string message) => new Result { Messages = new List<string> { message } };
                    public static Task<IResult> FailAsync(string message) => Task.FromResult(Fail(message));
                    public static IResult Fail(List<string> messages) => new Result { Messages = messages };
                    public static Task<IResult> FailAsync(List<string> messages) => Task.FromResult(Fail(messages));
                }

                public class Result<T> : Result
                {
                    public T? Data { get; set; }
                    public static Result<T> Success(T data, string message) => new Result<T> { Data = data, Succeeded = true };
                    public static Task<Result<T>> SuccessAsync(T data, string message) => Task.FromResult(Success(data, message));
                }

                public readonly struct Outcome<T> { public T Value { get; init; } }

                public static class OutcomeFactory
                {
                    public static Outcome<T> From<T>(T value) => new Outcome<T> { Value = value };
                    public static Task<Outcome<T>> FromAsync<T>(T value) => Task.FromResult(From(value));
                }

                public static class Documents
                {
                    public static Document Load(string path) => new Document { Text = File.ReadAllText(path) };
                    public static async Task<Document> LoadAsync(string path) => new Document { Text = await File.ReadAllTextAsync(path) };
                }

                public class Document
                {
                    public string Text { get; set; } = "";
                    public static Document Load(string path) => new Document { Text = File.ReadAllText(path) };
                    public static async Task<Document> LoadAsync(string path) => new Document { Text = await File.ReadAllTextAsync(path) };
                }

                public class Report
                {
                    public static Report Render(Stream output) { output.Write(new byte[1]); return new Report(); }
                    public static async Task<Report> RenderAsync(Stream output) { await output.WriteAsync(new byte[1]); return new Report(); }
                }

                public class Snapshot
                {
                    public static Snapshot Take(string name) => new Snapshot();
                    public static Task<Snapshot> TakeAsync(string name, CancellationToken cancellationToken) => Task.FromResult(new Snapshot());
                }
            }
            """;

        private static readonly Lazy<MetadataReference> SharedReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Shared", SharedProject, Frameworks.Web));

        // The same code shipped as a package signed by its publisher: not the application's own code.
        private static readonly Lazy<MetadataReference> SignedPackageReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Shared", SharedProject, Frameworks.Web, ProbeCompilations.EfCorePublicKey()));

        private const string UsesShared = """
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Shop.Shared;

            """;

        private static Task VerifyAsync(string source, MetadataReference? shared = null)
        {
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, UsesShared + source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(shared ?? SharedReference.Value);
            return test.RunAsync();
        }

        // ---- Not flagged: a value factory whose twin can only wrap it ----

        [Fact]
        public Task Result_factory_of_another_project_is_not_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<IResult> Handle(string reason)
                {
                    await Task.Yield();
                    return Result.Fail(reason);
                }
            }
            """);

        [Fact]
        public Task Result_factory_taking_a_list_of_messages_is_not_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<IResult> Handle(List<string> errors)
                {
                    await Task.Yield();
                    return Result.Fail(errors);
                }
            }
            """);

        [Fact]
        public Task Generic_result_factory_taking_a_type_parameter_value_is_not_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<Result<int>> Handle(int id)
                {
                    await Task.Yield();
                    return Result<int>.Success(id, "found");
                }
            }
            """);

        [Fact]
        public Task Static_factory_class_building_a_type_of_its_assembly_is_not_reported() => VerifyAsync("""
            public class Handler
            {
                // ErrorOrFactory.From(value) in amantinband's clean-architecture.
                public async Task<Outcome<string>> Handle(string name)
                {
                    await Task.Yield();
                    return OutcomeFactory.From(name);
                }
            }
            """);

        // ---- Flagged: the declarations leave I/O possible ----

        [Fact]
        public Task Static_factory_class_named_for_io_is_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<string> Handle(string path)
                {
                    await Task.Yield();
                    return {|PERF202:Documents.Load(path)|}.Text;
                }
            }
            """);

        [Fact]
        public Task Factory_named_for_io_is_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<string> Handle(string path)
                {
                    await Task.Yield();
                    return {|PERF202:Document.Load(path)|}.Text;
                }
            }
            """);

        [Fact]
        public Task Factory_taking_a_stream_is_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<Report> Handle(Stream output)
                {
                    await Task.Yield();
                    return {|PERF202:Report.Render(output)|};
                }
            }
            """);

        [Fact]
        public Task Factory_whose_twin_takes_a_cancellation_token_is_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<Snapshot> Handle(string name)
                {
                    await Task.Yield();
                    return {|PERF202:Snapshot.Take(name)|};
                }
            }
            """);

        [Fact]
        public Task Result_factory_of_a_package_signed_by_its_publisher_is_reported() => VerifyAsync("""
            public class Handler
            {
                public async Task<IResult> Handle(string reason)
                {
                    await Task.Yield();
                    return {|PERF202:Result.Fail(reason)|};
                }
            }
            """, SignedPackageReference.Value);
    }
}
