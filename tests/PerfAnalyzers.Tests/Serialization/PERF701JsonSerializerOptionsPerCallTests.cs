using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Serialization.PERF701JsonSerializerOptionsPerCallAnalyzer>;

namespace PerfAnalyzers.Tests.Serialization
{
    public class PERF701JsonSerializerOptionsPerCallTests
    {
        private const string Usings = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;

            public record Order(int Id, string Customer);

            """;

        private static Task Verify(string body, string? editorConfig = null) => VerifyCS.AnalyzerAsync(Usings + body, editorConfig, Frameworks.NetCore);

        private static Task VerifyWeb(string body) => VerifyCS.AnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            """ + Usings + body);

        // Flagged.

        [Fact]
        public Task Reports_options_passed_straight_to_the_serializer() => Verify("""
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions { WriteIndented = true }|});
            }
            """);

        // A payments service logs each event with new options; the event's type comes from a package the build cannot resolve.
        [Fact]
        public Task Reports_options_passed_to_a_serializer_call_whose_value_has_a_missing_type() => Verify("""
            public class EventLogger
            {
                public string Describe({|CS0246:EarningsEvent|} message) => JsonSerializer.Serialize(message, {|PERF701:new JsonSerializerOptions { WriteIndented = true }|});
            }
            """);

        // An NHS screening service's event function: the options live in a local, and the event's type comes from a
        // package the build cannot resolve.
        [Fact]
        public Task Reports_options_in_a_local_passed_to_a_serializer_call_whose_value_has_a_missing_type() => Verify("""
            public class EpisodeFunction
            {
                public Order? Run({|CS0246:EventGridEvent|} message)
                {
                    JsonSerializerOptions options = {|PERF701:new() { ReferenceHandler = ReferenceHandler.Preserve }|};
                    return JsonSerializer.Deserialize<Order>(message.Data.ToString(), options);
                }
            }
            """);

        [Fact]
        public Task Ignores_options_in_a_local_passed_to_an_unbound_call_of_another_type() => Verify("""
            public class EpisodeFunction
            {
                public object? Run({|CS0246:EventGridEvent|} message)
                {
                    JsonSerializerOptions options = new() { ReferenceHandler = ReferenceHandler.Preserve };
                    return {|CS0103:Formatter|}.Deserialize(message.Data.ToString(), options);
                }
            }
            """);

        [Fact]
        public Task Ignores_options_passed_to_an_unbound_call_of_another_type() => Verify("""
            public static class Printer
            {
                public static string Serialize(object value, JsonSerializerOptions options) => value.ToString()!;
            }

            public class EventLogger
            {
                public string Describe({|CS0246:EarningsEvent|} message) => {|CS0103:Formatter|}.Serialize(message, new JsonSerializerOptions { WriteIndented = true });
            }
            """);

        [Fact]
        public Task Reports_options_in_a_local_passed_to_the_http_client_json_extensions() => Verify("""
            public class OrderClient(HttpClient client)
            {
                public async Task<Order?> Get(int id)
                {
                    var options = {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|};
                    await client.PostAsJsonAsync("/audit", id, options);
                    return await client.GetFromJsonAsync<Order>($"/orders/{id}", options);
                }

                public async Task<Order?> Read(HttpResponseMessage response)
                    => await response.Content.ReadFromJsonAsync<Order>({|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|});
            }
            """);

        // OpenDeepWiki's publisher writes a JsonNode with new options per message.
        [Fact]
        public Task Reports_options_passed_to_a_json_node() => Verify("""
            public class Publisher
            {
                public string Write(System.Text.Json.Nodes.JsonObject payload) => payload.ToJsonString({|PERF701:new JsonSerializerOptions { WriteIndented = true }|});

                public void Copy(System.Text.Json.Nodes.JsonNode node, Utf8JsonWriter writer) => node.WriteTo(writer, {|PERF701:new JsonSerializerOptions()|});
            }
            """);

        [Fact]
        public Task Reports_options_configured_after_creation_then_passed() => Verify("""
            public class OrderWriter
            {
                public string Write(Order order)
                {
                    var options = {|PERF701:new JsonSerializerOptions()|};
                    options.Converters.Add(new JsonStringEnumConverter());
                    options.WriteIndented = true;
                    return JsonSerializer.Serialize(order, options);
                }
            }
            """);

        [Fact]
        public Task Reports_a_property_getter_that_returns_a_new_instance() => Verify("""
            public class OrderWriter
            {
                public static JsonSerializerOptions Options => {|PERF701:new(JsonSerializerDefaults.Web)|};

                private JsonSerializerOptions Indented
                {
                    get { return {|PERF701:new JsonSerializerOptions { WriteIndented = true }|}; }
                }

                public string Write(Order order) => JsonSerializer.Serialize(order, Options) + JsonSerializer.Serialize(order, Indented);
            }
            """);

        [Fact]
        public Task Reports_options_created_in_a_lambda_and_a_local_function() => Verify("""
            public class OrderWriter
            {
                public IEnumerable<string> WriteAll(IEnumerable<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        yield return Write(order);
                    }

                    string Write(Order o) => JsonSerializer.Serialize(o, {|PERF701:new JsonSerializerOptions()|});
                }

                public System.Func<Order, string> Writer => o => JsonSerializer.Serialize(o, {|PERF701:new JsonSerializerOptions()|});
            }
            """);

        [Fact]
        public Task Reports_an_instance_field_and_a_constructor_assignment_of_a_controller() => VerifyWeb("""
            [ApiController]
            public class OrdersController : ControllerBase
            {
                private readonly JsonSerializerOptions options = {|PERF701:new(JsonSerializerDefaults.Web)|};
                private readonly JsonSerializerOptions indented;

                public OrdersController() => indented = {|PERF701:new JsonSerializerOptions { WriteIndented = true }|};

                [HttpGet("/orders/{id}")]
                public string Get(int id) => JsonSerializer.Serialize(new Order(id, "a"), id > 0 ? options : indented);
            }
            """);

        [Fact]
        public Task Reports_options_created_in_minimal_api_handlers_and_mvc_results() => VerifyWeb("""
            public class OrdersController : Controller
            {
                public IActionResult Get(int id) => Json(new Order(id, "a"), {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|});

                public IActionResult Other(int id) => new JsonResult(new Order(id, "a"), {|PERF701:new JsonSerializerOptions()|});
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/orders/{id}", (int id) => Results.Json(new Order(id, "a"), {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|}));
                    app.MapPost("/orders", async (HttpContext context) =>
                    {
                        var order = await context.Request.ReadFromJsonAsync<Order>({|PERF701:new JsonSerializerOptions()|});
                        await context.Response.WriteAsJsonAsync(order, {|PERF701:new JsonSerializerOptions()|});
                    });
                }
            }
            """);

        [Fact]
        public Task Message_names_where_the_options_are_created() => VerifyCS.AnalyzerAsync(Usings + """
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, {|#0:new JsonSerializerOptions()|});

                public JsonSerializerOptions Options => {|#1:new JsonSerializerOptions()|};
            }
            """, null, Frameworks.NetCore, OutputKind.DynamicallyLinkedLibrary,
            VerifyCS.Diagnostic(Descriptors.PERF701JsonSerializerOptionsPerCall).WithLocation(0).WithArguments("on every call of 'Write'"),
            VerifyCS.Diagnostic(Descriptors.PERF701JsonSerializerOptionsPerCall).WithLocation(1).WithArguments("on every read of property 'Options'"));

        // Not flagged.

        [Fact]
        public Task Ignores_static_readonly_fields_and_auto_property_initializers() => Verify("""
            public class OrderWriter
            {
                private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

                public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);

                public string Write(Order order) => JsonSerializer.Serialize(order, Indented) + JsonSerializer.Serialize(order, Web);
            }
            """);

        [Fact]
        public Task Ignores_instance_fields_of_types_whose_lifetime_is_unknown() => Verify("""
            public class OrderWriter
            {
                private readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web);
                private readonly JsonSerializerOptions indented;

                public OrderWriter() => indented = new JsonSerializerOptions { WriteIndented = true };

                public string Write(Order order) => JsonSerializer.Serialize(order, options) + JsonSerializer.Serialize(order, indented);
            }
            """);

        [Fact]
        public Task Ignores_the_built_in_shared_instances() => Verify("""
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, JsonSerializerOptions.Default) + JsonSerializer.Serialize(order, JsonSerializerOptions.Web);
            }
            """);

        [Fact]
        public Task Ignores_source_generated_contexts() => Verify("""
            // What the source generator writes for [JsonSerializable(typeof(Order))], reduced to what the test needs.
            public sealed class ShopJsonContext(JsonSerializerOptions options) : JsonSerializerContext(options)
            {
                public static ShopJsonContext Default { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));

                public System.Text.Json.Serialization.Metadata.JsonTypeInfo<Order> Order
                    => (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Order>)Options.GetTypeInfo(typeof(Order));

                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
            }

            public class OrderWriter
            {
                private static readonly ShopJsonContext Indented = new(new JsonSerializerOptions { WriteIndented = true });

                public string Write(Order order) => JsonSerializer.Serialize(order, ShopJsonContext.Default.Order) + JsonSerializer.Serialize(order, Indented.Order);
            }
            """);

        [Fact]
        public Task Ignores_options_created_once_at_start_up() => VerifyCS.AnalyzerAsync("""
            using System.Text.Json;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            app.MapGet("/orders/{id}", (int id) => Results.Json(new { id }, options));
            System.Console.WriteLine(JsonSerializer.Serialize(new { started = true }, new JsonSerializerOptions()));
            app.Run();

            public static class Warmup
            {
                public static readonly string Probe;

                static Warmup() => Probe = JsonSerializer.Serialize(1, new JsonSerializerOptions());
            }
            """, outputKind: OutputKind.ConsoleApplication);

        // ---- Console programs (docs/rules/PERF701.md, "Console programs") ----

        private static Task VerifyConsole(string body) => VerifyCS.AnalyzerAsync(Usings + """
            public static class Program
            {
                public static void Main(string[] args) => ViewGenerator.Run(args);
            }

            """ + body, frameworks: Frameworks.NetCore, outputKind: OutputKind.ConsoleApplication);

        // A school-performance data generator: its raw-source list is loaded once per run.
        [Fact]
        public Task Ignores_options_made_per_call_in_a_console_program() => VerifyConsole("""
            public static class ViewGenerator
            {
                public static void Run(string[] paths) => System.Console.WriteLine(Load(paths[0]).Count);

                private static List<Order> Load(string json)
                {
                    var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
                    return JsonSerializer.Deserialize<List<Order>>(json, options) ?? new List<Order>();
                }
            }
            """);

        [Fact]
        public Task Reports_options_made_in_a_loop_of_a_console_program() => VerifyConsole("""
            public static class ViewGenerator
            {
                public static void Run(string[] paths)
                {
                    foreach (var json in paths)
                    {
                        var order = JsonSerializer.Deserialize<Order>(json, {|PERF701:new JsonSerializerOptions { PropertyNameCaseInsensitive = true }|});
                        System.Console.WriteLine(order?.Id);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_options_made_per_call_in_a_hosted_executable() => VerifyCS.AnalyzerAsync(Usings + """
            public static class Program
            {
                public static void Main(string[] args) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.Run(Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder(args).Build());
            }

            public class Importer
            {
                public Order? Read(string json) => JsonSerializer.Deserialize<Order>(json, {|PERF701:new JsonSerializerOptions { PropertyNameCaseInsensitive = true }|});
            }
            """, outputKind: OutputKind.ConsoleApplication);

        [Fact]
        public Task Ignores_options_that_escape_the_call() => Verify("""
            public class OptionsFactory
            {
                private JsonSerializerOptions? last;

                public JsonSerializerOptions Create()
                {
                    var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
                    JsonSerializer.Serialize(1, options);
                    return options;
                }

                public void Remember(Order order)
                {
                    var options = new JsonSerializerOptions();
                    last = options;
                    JsonSerializer.Serialize(order, options);
                }

                public System.Func<Order, string> Writer()
                {
                    var options = new JsonSerializerOptions();
                    return o => JsonSerializer.Serialize(o, options);
                }
            }
            """);

        [Fact]
        public Task Ignores_cached_getters_and_options_passed_elsewhere() => Verify("""
            public class OrderWriter
            {
                private JsonSerializerOptions? cached;

                public JsonSerializerOptions Options => cached ??= new JsonSerializerOptions(JsonSerializerDefaults.Web);

                public string Describe() => Format(new JsonSerializerOptions());

                private static string Format(JsonSerializerOptions options) => options.WriteIndented.ToString();
            }
            """);

        [Fact]
        public Task Ignores_the_shapes_ca1869_reports_when_asked_to() => Verify("""
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, new JsonSerializerOptions());

                public string WriteLocal(Order order)
                {
                    var options = new JsonSerializerOptions();
                    return JsonSerializer.Serialize(order, options);
                }

                public JsonContent Content(Order order) => JsonContent.Create(order, options: {|PERF701:new JsonSerializerOptions()|});

                public JsonSerializerOptions Options => {|PERF701:new JsonSerializerOptions()|};
            }
            """, "perf_analyzers.PERF701.include_ca1869_shapes = false");

        // trouble-training's webhook sender: the event is dynamic, so the serializer call is bound at run time.
        [Fact]
        public Task Reports_options_passed_to_a_serializer_call_bound_at_run_time() => Verify("""
            public class HookSender
            {
                public string Send(dynamic payload)
                {
                    var options = {|PERF701:new JsonSerializerOptions { WriteIndented = true, IncludeFields = true }|};
                    var body = JsonSerializer.Serialize<dynamic>(payload, options);
                    return body + JsonSerializer.Serialize(new List<string>(), options);
                }

                public string SendInline(dynamic payload) => JsonSerializer.Serialize(payload, {|PERF701:new JsonSerializerOptions()|});
            }
            """, "perf_analyzers.PERF701.include_ca1869_shapes = false");

        [Fact]
        public Task Ignores_options_passed_to_a_dynamic_receiver() => Verify("""
            public class HookSender
            {
                public object Send(dynamic writer, Order order)
                {
                    var options = new JsonSerializerOptions();
                    return writer.Write(order, options);
                }
            }
            """);

        [Fact]
        public Task An_invalid_option_value_keeps_the_default() => Verify("""
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions()|});
            }
            """, "perf_analyzers.PERF701.include_ca1869_shapes = no");

        [Fact]
        public Task Ignores_compilations_without_system_text_json_options_of_their_own_kind() => Verify("""
            namespace Other
            {
                public sealed class JsonSerializerOptions
                {
                }

                public static class Writer
                {
                    public static string Write(object value, JsonSerializerOptions options) => value.ToString()!;

                    public static string Run() => Write(1, new JsonSerializerOptions());
                }
            }
            """);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Usings + """
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, new JsonSerializerOptions({|CS0103:unknown|}));

                public string Other(Order order) => {|CS0103:Missing|}(order, new JsonSerializerOptions());
            }
            """, frameworks: Frameworks.NetCore);
    }
}
