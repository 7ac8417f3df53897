using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// Where PERF405's fix adds compression in a Startup-style application (docs/rules/PERF405.md, "How to fix"): the
    /// one class the project passes to <c>UseStartup&lt;T&gt;()</c>, its <c>ConfigureServices(IServiceCollection ..)</c>
    /// and its <c>Configure(IApplicationBuilder ..)</c>. Null, so no fix is offered, whenever that is not certain:
    /// several Startup classes, <c>UseStartup</c> without a type argument, environment-specific <c>Configure{Env}</c>
    /// methods (the host would call those instead in that environment), or methods without a body the fix can extend.
    /// </summary>
    internal sealed class StartupCompressionPlan
    {
        private const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
        private const string ApplicationBuilder = "Microsoft.AspNetCore.Builder.IApplicationBuilder";

        private StartupCompressionPlan(MethodDeclarationSyntax configureServices, Document servicesDocument, MethodDeclarationSyntax configure, Document configureDocument)
        {
            ConfigureServices = configureServices;
            ServicesDocument = servicesDocument;
            Configure = configure;
            ConfigureDocument = configureDocument;
        }

        public MethodDeclarationSyntax ConfigureServices { get; }

        public Document ServicesDocument { get; }

        public MethodDeclarationSyntax Configure { get; }

        public Document ConfigureDocument { get; }

        public string ServicesName => ConfigureServices.ParameterList.Parameters[0].Identifier.ValueText;

        public string AppName => Configure.ParameterList.Parameters[0].Identifier.ValueText;

        public static async Task<StartupCompressionPlan?> FindAsync(Project project, CancellationToken cancellationToken)
        {
            var startup = await FindStartupTypeAsync(project, cancellationToken).ConfigureAwait(false);
            if (startup == null)
            {
                return null;
            }

            IMethodSymbol? configureServices = null;
            IMethodSymbol? configure = null;
            foreach (var method in startup.GetMembers().OfType<IMethodSymbol>())
            {
                var first = method.Parameters.Length > 0 ? method.Parameters[0].Type.ToDisplayString() : null;
                if (!method.Name.StartsWith("Configure", System.StringComparison.Ordinal) || (first != ServiceCollection && first != ApplicationBuilder))
                {
                    continue;
                }

                if (method.Name == "ConfigureServices" && first == ServiceCollection && configureServices == null)
                {
                    configureServices = method;
                }
                else if (method.Name == "Configure" && first == ApplicationBuilder && configure == null)
                {
                    configure = method;
                }
                else
                {
                    // ConfigureDevelopmentServices, ConfigureProduction(IApplicationBuilder ..), an overload: the host may
                    // call another method than the one the fix would edit.
                    return null;
                }
            }

            var servicesSyntax = await ExtensibleBodyAsync(configureServices, cancellationToken).ConfigureAwait(false);
            var configureSyntax = await ExtensibleBodyAsync(configure, cancellationToken).ConfigureAwait(false);
            var servicesDocument = servicesSyntax == null ? null : project.GetDocument(servicesSyntax.SyntaxTree);
            var configureDocument = configureSyntax == null ? null : project.GetDocument(configureSyntax.SyntaxTree);
            return servicesSyntax == null || configureSyntax == null || servicesDocument == null || configureDocument == null
                ? null
                : new StartupCompressionPlan(servicesSyntax, servicesDocument, configureSyntax, configureDocument);
        }

        /// <summary>The single type every <c>UseStartup&lt;T&gt;()</c> of the project names, declared in its source.</summary>
        private static async Task<INamedTypeSymbol?> FindStartupTypeAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null)
            {
                return null;
            }

            // The files whose text calls UseStartup, from the lexical index the analyzer already read them with.
            INamedTypeSymbol? found = null;
            foreach (var tree in InvokedNames.TreesInvokingEither(compilation, "UseStartup", "UseStartup" + InvokedNames.GenericSuffix, cancellationToken))
            {
                if (project.GetDocument(tree) is not { } document)
                {
                    continue;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null)
                {
                    return null;
                }

                foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };
                    if (name?.Identifier.ValueText != "UseStartup")
                    {
                        continue;
                    }

                    if (name is not GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic
                        || model.GetTypeInfo(generic.TypeArgumentList.Arguments[0], cancellationToken).Type is not INamedTypeSymbol type
                        || type.DeclaringSyntaxReferences.IsEmpty
                        || (found != null && !SymbolEqualityComparer.Default.Equals(found, type)))
                    {
                        return null;
                    }

                    found = type;
                }
            }

            return found;
        }

        /// <summary>The method's declaration when it has a block body, or a void expression body that can become one.</summary>
        private static async Task<MethodDeclarationSyntax?> ExtensibleBodyAsync(IMethodSymbol? method, CancellationToken cancellationToken)
        {
            if (method == null || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = await method.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            return syntax is MethodDeclarationSyntax declaration
                && (declaration.Body != null || (declaration.ExpressionBody != null && method.ReturnsVoid))
                ? declaration
                : null;
        }

        /// <summary><paramref name="method"/> with <paramref name="statement"/> as the first statement of its body.</summary>
        public static MethodDeclarationSyntax WithFirstStatement(MethodDeclarationSyntax method, StatementSyntax statement, string newLine)
        {
            if (method.Body != null)
            {
                return method.WithBody(method.Body.WithStatements(method.Body.Statements.Insert(0, statement)));
            }

            // A void expression body: `=> services.AddControllers();` becomes a block that runs the same call after the new one.
            var expression = method.ExpressionBody!.Expression;
            // The new statement starts a line, so the formatter shifts its lambda's lines by the indentation it adds.
            var body = SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)),
                SyntaxFactory.List(new[] { statement, SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()) }),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
            return method
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithParameterList(method.ParameterList.WithoutTrailingTrivia())
                .WithBody(body.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        }

        /// <summary>The documents the fix edits, each with the methods of it that get a statement.</summary>
        public IEnumerable<(Document Document, List<(MethodDeclarationSyntax Method, bool IsServices)> Methods)> Edits()
        {
            if (ServicesDocument.Id == ConfigureDocument.Id)
            {
                yield return (ServicesDocument, new List<(MethodDeclarationSyntax, bool)> { (ConfigureServices, true), (Configure, false) });
                yield break;
            }

            yield return (ServicesDocument, new List<(MethodDeclarationSyntax, bool)> { (ConfigureServices, true) });
            yield return (ConfigureDocument, new List<(MethodDeclarationSyntax, bool)> { (Configure, false) });
        }
    }
}
