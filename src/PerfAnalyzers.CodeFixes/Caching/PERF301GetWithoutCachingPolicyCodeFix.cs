using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// PERF301 fixes: "Cache for N seconds" (<c>[ResponseCache(Duration = N)]</c> / <c>.CacheOutput(p =&gt; p.Expire(..))</c>;
    /// a client-only policy for endpoints that require authorization) and "Mark as not cacheable".
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF301GetWithoutCachingPolicyCodeFix)), Shared]
    public sealed class PERF301GetWithoutCachingPolicyCodeFix : CodeFixProvider
    {
        public const string CacheKey = "PERF301.Cache";
        public const string NoStoreKey = "PERF301.NoStore";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.GetWithoutCachingPolicy);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken));

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var duration = Duration(diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create($"Cache for {duration} seconds", ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), CacheKey, ct)!, CacheKey),
                    diagnostic);
                context.RegisterCodeFix(
                    CodeAction.Create("Mark as not cacheable", ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), NoStoreKey, ct)!, NoStoreKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            if (!(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax root))
            {
                return document;
            }

            var noStore = key == NoStoreKey;
            var edits = new Dictionary<SyntaxNode, SyntaxNode>();
            var namespaces = new HashSet<string>();
            foreach (var diagnostic in diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var isPrivate = diagnostic.Properties.TryGetValue(PERF301GetWithoutCachingPolicyAnalyzer.PrivateProperty, out var p) && p == "true";
                var duration = Duration(diagnostic);
                if (node is MethodDeclarationSyntax method && !edits.ContainsKey(method))
                {
                    edits[method] = AddAttribute(method, ControllerAttribute(noStore, isPrivate, duration));
                    namespaces.Add("Microsoft.AspNetCore.Mvc");
                }
                else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation && !edits.ContainsKey(invocation))
                {
                    var convention = MinimalConvention(noStore, isPrivate, duration, namespaces);
                    edits[invocation] = SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName(convention.Name)),
                            SyntaxFactory.ParseArgumentList(convention.Arguments))
                        .WithTrailingTrivia(invocation.GetTrailingTrivia());
                }
            }

            if (edits.Count == 0)
            {
                return document;
            }

            var newRoot = root.ReplaceNodes(edits.Keys, (original, _) => edits[original]);
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            foreach (var ns in namespaces.OrderBy(n => n, System.StringComparer.Ordinal))
            {
                newRoot = UsingDirectives.Ensure(newRoot, ns, compilation);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static string ControllerAttribute(bool noStore, bool isPrivate, string duration)
            => noStore ? "ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)"
            : isPrivate ? $"ResponseCache(Duration = {duration}, Location = ResponseCacheLocation.Client)"
            : $"ResponseCache(Duration = {duration})";

        private static (string Name, string Arguments) MinimalConvention(bool noStore, bool isPrivate, string duration, HashSet<string> namespaces)
        {
            if (noStore)
            {
                namespaces.Add("Microsoft.Extensions.DependencyInjection");
                return ("CacheOutput", "(p => p.NoCache())");
            }

            if (isPrivate)
            {
                // Output caching is a shared server cache: a per-user response may only be cached by the client.
                namespaces.Add("Microsoft.AspNetCore.Http");
                return ("AddEndpointFilter", $"(async (context, next) => {{ context.HttpContext.Response.Headers.CacheControl = \"private, max-age={duration}\"; return await next(context); }})");
            }

            namespaces.Add("System");
            namespaces.Add("Microsoft.Extensions.DependencyInjection");
            return ("CacheOutput", $"(p => p.Expire(TimeSpan.FromSeconds({duration})))");
        }

        private static MethodDeclarationSyntax AddAttribute(MethodDeclarationSyntax method, string attributeText)
        {
            var attribute = SyntaxFactory.ParseCompilationUnit($"[{attributeText}] class C {{ }}").Members[0].AttributeLists[0].Attributes[0];
            var lists = method.AttributeLists;
            if (lists.Count == 0)
            {
                // A GET action always carries [HttpGet]/[HttpHead]; nothing else is reported.
                return method;
            }

            var last = lists[lists.Count - 1];
            var indentation = last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
            var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(last.GetTrailingTrivia());
            return method.WithAttributeLists(lists.Add(newList));
        }

        private static string Duration(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(PERF301GetWithoutCachingPolicyAnalyzer.DurationProperty, out var value) && value != null ? value : "60";
    }
}
