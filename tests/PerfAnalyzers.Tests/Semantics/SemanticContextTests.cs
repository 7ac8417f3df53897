using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PerfAnalyzers.Semantics;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Infrastructure.ProbeCompilations;

namespace PerfAnalyzers.Tests.Semantics
{
    /// <summary>The per-compilation registry: one context per compilation, lookups that tolerate types defined twice.</summary>
    public class SemanticContextTests
    {
        [Fact]
        public void One_context_is_shared_per_compilation()
        {
            var compilation = Compile("class C { }", Frameworks.Web);
            Assert.Same(SemanticContext.For(compilation), SemanticContext.For(compilation));
            Assert.NotSame(SemanticContext.For(compilation), SemanticContext.For(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { }"))));
        }

        [Fact]
        public void Types_of_the_application_are_told_from_framework_and_package_types()
        {
            var key = EfCorePublicKey();
            var unsigned = ReferencedProject("Shop.Domain", "namespace Shop.Domain { public class Order { } }", Frameworks.NetCore);
            var signed = ReferencedProject("Shop.Billing", "namespace Shop.Billing { public class Invoice { } }", Frameworks.NetCore, key);
            var compilation = Compile("public class Cart { }", Frameworks.Web, unsigned, signed);
            var context = SemanticContext.For(compilation);

            Assert.True(context.IsDeclaredByApplication(compilation.GetTypeByMetadataName("Cart")!));
            Assert.True(context.IsDeclaredByApplication(compilation.GetTypeByMetadataName("Shop.Domain.Order")!));
            Assert.False(context.IsDeclaredByApplication(compilation.GetTypeByMetadataName("Shop.Billing.Invoice")!));
            Assert.False(context.IsDeclaredByApplication(compilation.GetTypeByMetadataName("System.Uri")!));
            Assert.False(context.IsDeclaredByApplication(context.DbContext!));

            // An application that signs its projects signs them with one key.
            var signedApplication = compilation.WithOptions(compilation.Options.WithCryptoPublicKey(key).WithPublicSign(true));
            var signedContext = SemanticContext.For(signedApplication);
            Assert.True(signedContext.IsDeclaredByApplication(signedApplication.GetTypeByMetadataName("Shop.Billing.Invoice")!));
            Assert.True(signedContext.IsDeclaredByApplication(signedApplication.GetTypeByMetadataName("Shop.Domain.Order")!));
        }

        [Fact]
        public void Frameworks_that_are_not_referenced_resolve_to_nothing()
        {
            var context = SemanticContext.For(Compile("class C { }", Frameworks.NetCore));
            Assert.NotNull(context.Task);
            Assert.Null(context.DbContext);
            Assert.False(context.ReferencesEfCore);
            Assert.False(context.ReferencesAspNetCore);
            Assert.Null(context.Handlers);
        }

        [Fact]
        public void Web_and_ef_core_references_are_seen()
        {
            var context = SemanticContext.For(Compile("class C { }", Frameworks.Web));
            Assert.True(context.ReferencesEfCore);
            Assert.True(context.ReferencesAspNetCore);
            Assert.NotNull(context.Handlers);
            Assert.False(context.IsTestProject);
        }

        [Fact]
        public void A_type_defined_in_the_compilation_wins_over_a_referenced_one()
        {
            var compilation = Compile("namespace Microsoft.AspNetCore.Mvc { public class NonActionAttribute : System.Attribute { } }", Frameworks.Web);
            var resolved = SemanticContext.For(compilation).NonActionAttribute;
            Assert.NotNull(resolved);
            Assert.Equal(compilation.Assembly, resolved!.ContainingAssembly);
        }

        [Fact]
        public void Generic_and_nested_metadata_names_resolve_to_their_types()
        {
            var context = SemanticContext.For(Compile("class C { }", Frameworks.Web));
            Assert.Equal("Task", context.TaskOfT!.Name);
            Assert.Equal(1, context.TaskOfT.Arity);
            Assert.Equal(0, context.Task!.Arity);
            var nestedInGeneric = context.ConfiguredTaskAwaiterOfT;
            Assert.Equal("ConfiguredTaskAwaiter", nestedInGeneric!.Name);
            Assert.Equal("ConfiguredTaskAwaitable", nestedInGeneric.ContainingType.Name);
            Assert.Equal(1, nestedInGeneric.ContainingType.Arity);
            Assert.Equal(0, context.ConfiguredTaskAwaiter!.ContainingType.Arity);
        }

        [Fact]
        public void A_name_in_a_namespace_no_reference_declares_resolves_to_nothing()
        {
            var context = SemanticContext.For(Compile("namespace Grpc { class Core { } }", Frameworks.Web));
            Assert.Null(context.BindServiceMethodAttribute);
        }

        [Fact]
        public void A_public_type_wins_over_an_internal_copy_in_another_reference()
        {
            var polyfill = Library("Polyfill", "namespace Grpc.Core { internal class BindServiceMethodAttribute : System.Attribute { } }");
            var real = Library("Grpc.Core.Api", "namespace Grpc.Core { public class BindServiceMethodAttribute : System.Attribute { } }");
            var resolved = SemanticContext.For(Compile("class C { }", Frameworks.NetCore, polyfill, real)).BindServiceMethodAttribute;
            Assert.NotNull(resolved);
            Assert.Equal("Grpc.Core.Api", resolved!.ContainingAssembly.Name);
        }

        [Fact]
        public void A_type_visible_from_two_references_is_ambiguous_and_resolves_to_nothing()
        {
            var first = Library("First", "namespace Grpc.Core { public class BindServiceMethodAttribute : System.Attribute { } }");
            var second = Library("Second", "namespace Grpc.Core { public class BindServiceMethodAttribute : System.Attribute { } }");
            Assert.Null(SemanticContext.For(Compile("class C { }", Frameworks.NetCore, first, second)).BindServiceMethodAttribute);
        }

        [Fact]
        public void Xunit_makes_a_test_project()
            => Assert.True(SemanticContext.For(Compile("class C { }", Frameworks.Web | Frameworks.Xunit)).IsTestProject);

        [Theory]
        [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { }", "OrdersController", true, true)]
        [InlineData("public class Orders { }", "Orders", false, false)]
        [InlineData("public class PricesController { }", "PricesController", true, true)]
        [InlineData("public abstract class ApiBase : Microsoft.AspNetCore.Mvc.ControllerBase { }", "ApiBase", false, true)]
        [InlineData("public abstract class ApiBase<T> : Microsoft.AspNetCore.Mvc.ControllerBase { }", "ApiBase`1", false, true)]
        [InlineData("[Microsoft.AspNetCore.Mvc.NonController] public class ToolsController : Microsoft.AspNetCore.Mvc.ControllerBase { }", "ToolsController", false, false)]
        [InlineData("internal class HiddenController : Microsoft.AspNetCore.Mvc.ControllerBase { }", "HiddenController", false, false)]
        [InlineData("public class ChatHub : Microsoft.AspNetCore.SignalR.Hub { }", "ChatHub", false, true)]
        [InlineData("public class IndexModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel { }", "IndexModel", false, true)]
        public void Controllers_and_per_request_types_follow_one_definition(string source, string typeName, bool controller, bool perRequest)
        {
            var compilation = Compile(source, Frameworks.Web);
            var context = SemanticContext.For(compilation);
            var type = compilation.GetTypeByMetadataName(typeName)!;
            Assert.Equal(controller, context.IsController(type));
            Assert.Equal(perRequest, context.IsPerRequestType(type));
        }
    }
}
