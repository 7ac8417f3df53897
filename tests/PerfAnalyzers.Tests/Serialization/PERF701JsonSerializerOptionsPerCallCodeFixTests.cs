using System.Threading.Tasks;
using PerfAnalyzers.Serialization;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Serialization.PERF701JsonSerializerOptionsPerCallAnalyzer, PerfAnalyzers.Serialization.PERF701JsonSerializerOptionsPerCallCodeFix>;

namespace PerfAnalyzers.Tests.Serialization
{
    /// <summary>Fixed code must compile and no longer be flagged; every fix runs one at a time and through Fix All.</summary>
    public class PERF701JsonSerializerOptionsPerCallCodeFixTests
    {
        private const string Usings = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            public record Order(int Id, string Customer);

            """;

        private static Task Fix(string body, string fixedBody, Frameworks frameworks = Frameworks.NetCore)
            => VerifyFix.CodeFixAsync(Usings + body, Usings + fixedBody, PERF701JsonSerializerOptionsPerCallCodeFix.EquivalenceKey, frameworks: frameworks);

        private static Task NoFix(string body, Frameworks frameworks = Frameworks.NetCore)
            => VerifyFix.NoCodeFixAsync(Usings + body, PERF701JsonSerializerOptionsPerCallCodeFix.EquivalenceKey, frameworks: frameworks);

        [Fact]
        public Task Fix_hoists_an_argument_into_a_static_readonly_field() => Fix("""
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions { WriteIndented = true }|});
            }
            """, """
            public class OrderWriter
            {
                private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
                {
                    WriteIndented = true
                };

                public string Write(Order order) => JsonSerializer.Serialize(order, JsonOptions);
            }
            """);

        [Fact]
        public Task Fix_hoists_the_options_of_a_json_node() => Fix("""
            public class Publisher
            {
                public string Write(System.Text.Json.Nodes.JsonObject payload) => payload.ToJsonString({|PERF701:new JsonSerializerOptions { WriteIndented = true }|});
            }
            """, """
            public class Publisher
            {
                private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
                {
                    WriteIndented = true
                };

                public string Write(System.Text.Json.Nodes.JsonObject payload) => payload.ToJsonString(JsonOptions);
            }
            """);

        [Fact]
        public Task Fix_replaces_a_local_by_a_field_named_after_it() => Fix("""
            public class OrderClient(HttpClient client)
            {
                private readonly string path = "/orders";

                public async Task<Order?> Get(int id)
                {
                    // Web defaults: camelCase names.
                    var webOptions = {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|};
                    await client.PostAsJsonAsync("/audit", id, webOptions);
                    return await client.GetFromJsonAsync<Order>($"{path}/{id}", webOptions);
                }
            }
            """, """
            public class OrderClient(HttpClient client)
            {
                private readonly string path = "/orders";
                private static readonly JsonSerializerOptions WebOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web);

                public async Task<Order?> Get(int id)
                {
                    // Web defaults: camelCase names.
                    await client.PostAsJsonAsync("/audit", id, WebOptions);
                    return await client.GetFromJsonAsync<Order>($"{path}/{id}", WebOptions);
                }
            }
            """);

        [Fact]
        public Task Fix_replaces_a_local_read_by_a_serializer_call_bound_at_run_time() => Fix("""
            public class HookSender
            {
                public string Send(dynamic payload)
                {
                    var options = {|PERF701:new JsonSerializerOptions { WriteIndented = true }|};
                    string body = JsonSerializer.Serialize<dynamic>(payload, options);
                    return body;
                }
            }
            """, """
            public class HookSender
            {
                private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
                {
                    WriteIndented = true
                };

                public string Send(dynamic payload)
                {
                    string body = JsonSerializer.Serialize<dynamic>(payload, Options);
                    return body;
                }
            }
            """);

        [Fact]
        public Task Fix_makes_a_getter_return_one_shared_instance() => Fix("""
            public class OrderWriter
            {
                public JsonSerializerOptions Options => {|PERF701:new(JsonSerializerDefaults.Web)|};
            }
            """, """
            public class OrderWriter
            {
                private static readonly JsonSerializerOptions SharedOptions = new(JsonSerializerDefaults.Web);

                public JsonSerializerOptions Options => SharedOptions;
            }
            """);

        [Fact]
        public Task Fix_makes_the_instance_field_of_a_controller_static() => VerifyFix.CodeFixAsync("""
            using System.Text.Json;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class OrdersController : ControllerBase
            {
                private readonly JsonSerializerOptions options = {|PERF701:new(JsonSerializerDefaults.Web)|};

                [HttpGet("/orders/{id}")]
                public string Get(int id) => JsonSerializer.Serialize(new { id }, options);
            }
            """, """
            using System.Text.Json;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class OrdersController : ControllerBase
            {
                private static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web);

                [HttpGet("/orders/{id}")]
                public string Get(int id) => JsonSerializer.Serialize(new { id }, options);
            }
            """, PERF701JsonSerializerOptionsPerCallCodeFix.EquivalenceKey);

        [Fact]
        public Task Fix_all_shares_one_field_per_initializer_and_names_the_others_apart() => Fix("""
            public class OrderWriter
            {
                public string Write(Order order) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|});

                public Order? Read(string json) => JsonSerializer.Deserialize<Order>(json, {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|});

                public string Indented(Order order) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions { WriteIndented = true }|});
            }

            public class OrderReader
            {
                public Order? Read(string json) => JsonSerializer.Deserialize<Order>(json, {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|});
            }
            """, """
            public class OrderWriter
            {
                private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web);
                private static readonly JsonSerializerOptions JsonOptions2 = new JsonSerializerOptions
                {
                    WriteIndented = true
                };

                public string Write(Order order) => JsonSerializer.Serialize(order, JsonOptions);

                public Order? Read(string json) => JsonSerializer.Deserialize<Order>(json, JsonOptions);

                public string Indented(Order order) => JsonSerializer.Serialize(order, JsonOptions2);
            }

            public class OrderReader
            {
                private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web);

                public Order? Read(string json) => JsonSerializer.Deserialize<Order>(json, JsonOptions);
            }
            """);

        [Fact]
        public Task No_fix_when_the_initializer_reads_a_parameter_or_an_instance_member() => NoFix("""
            public class OrderWriter
            {
                private readonly bool indented = true;

                public string Write(Order order, bool indent) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions { WriteIndented = indent }|});

                public string WriteMine(Order order) => JsonSerializer.Serialize(order, {|PERF701:new JsonSerializerOptions { WriteIndented = indented }|});
            }
            """);

        [Fact]
        public Task No_fix_when_the_local_is_configured_after_creation() => NoFix("""
            public class OrderWriter
            {
                public string Write(Order order)
                {
                    var options = {|PERF701:new JsonSerializerOptions()|};
                    options.WriteIndented = true;
                    return JsonSerializer.Serialize(order, options);
                }
            }
            """);

        [Fact]
        public Task No_fix_for_a_constructor_assignment_or_a_field_read_through_this() => VerifyFix.NoCodeFixAsync("""
            using System.Text.Json;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class OrdersController : ControllerBase
            {
                private readonly JsonSerializerOptions options = {|PERF701:new(JsonSerializerDefaults.Web)|};
                private readonly JsonSerializerOptions indented;

                public OrdersController() => indented = {|PERF701:new JsonSerializerOptions { WriteIndented = true }|};

                [HttpGet("/orders/{id}")]
                public string Get(int id) => JsonSerializer.Serialize(new { id }, id > 0 ? this.options : indented);
            }
            """, PERF701JsonSerializerOptionsPerCallCodeFix.EquivalenceKey);

        [Fact]
        public Task No_fix_in_top_level_statements()
        {
            const string Program = """
                using System.Text.Json;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;

                var app = WebApplication.Create(args);
                app.MapGet("/orders/{id}", (int id) => Results.Json(new { id }, {|PERF701:new JsonSerializerOptions(JsonSerializerDefaults.Web)|}));
                app.Run();
                """;
            return VerifyFix.CodeFixAsync(Program, Program, PERF701JsonSerializerOptionsPerCallCodeFix.EquivalenceKey, outputKind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
        }
    }
}
