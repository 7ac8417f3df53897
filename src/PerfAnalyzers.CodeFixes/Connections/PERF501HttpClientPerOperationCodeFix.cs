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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using PerfAnalyzers.Infrastructure;

using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Connections
{
    /// <summary>
    /// PERF501 fixes: inject <c>IHttpClientFactory</c> and create clients from it, or share one static
    /// client with a pooled connection lifetime. Fix All adds the field, constructor parameter or shared
    /// client once per type.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF501HttpClientPerOperationCodeFix)), Shared]
    public sealed class PERF501HttpClientPerOperationCodeFix : CodeFixProvider
    {
        public const string UseFactoryKey = "PERF501.UseHttpClientFactory";
        public const string UseSharedClientKey = "PERF501.UseSharedStaticHttpClient";

        private const string FactoryField = "_httpClientFactory";
        private const string FactoryParameter = "httpClientFactory";
        private const string SharedClientName = "SharedHttpClient";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HttpClientPerOperation);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) => await FixDocumentAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (model == null || root == null
                || !(root.FindNode(context.Span, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax creation)
                || !(HttpClientCreationShape.TryCreate(creation, model, context.CancellationToken) is HttpClientCreationShape shape))
            {
                return;
            }

            if (await CanUseFactoryAsync(shape, document, model, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use IHttpClientFactory", c => FixDocumentAsync(document, context.Diagnostics, UseFactoryKey, c), UseFactoryKey),
                    context.Diagnostics);
            }

            if (CanUseSharedClient(shape, model))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use a shared static HttpClient", c => FixDocumentAsync(document, context.Diagnostics, UseSharedClientKey, c), UseSharedClientKey),
                    context.Diagnostics);
            }
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var root = editor.OriginalRoot;
            var typesNeedingMember = new Dictionary<TypeDeclarationSyntax, ITypeSymbol>();
            var newLine = CodeFixSyntax.NewLine(root);

            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax creation)
                    || !(HttpClientCreationShape.TryCreate(creation, model, cancellationToken) is HttpClientCreationShape shape))
                {
                    continue;
                }

                ExpressionSyntax replacement;
                if (equivalenceKey == UseFactoryKey && await CanUseFactoryAsync(shape, document, model, cancellationToken).ConfigureAwait(false))
                {
                    replacement = FactoryCall(shape, model);
                }
                else if (equivalenceKey == UseSharedClientKey && CanUseSharedClient(shape, model))
                {
                    replacement = SyntaxFactory.IdentifierName(SharedClientName);
                }
                else
                {
                    continue;
                }

                ReplaceCreation(editor, shape, replacement.WithTriviaFrom(creation), newLine);
                if (model.GetDeclaredSymbol(shape.Type, cancellationToken) is ITypeSymbol typeSymbol)
                {
                    typesNeedingMember[shape.Type] = typeSymbol;
                }
            }

            // Type-level edits come last, so they see the creations already replaced inside constructors.
            foreach (var pair in typesNeedingMember)
            {
                if (equivalenceKey == UseFactoryKey)
                {
                    var existing = FindFactoryMember(pair.Value, model.Compilation);
                    editor.ReplaceNode(pair.Key, (current, _) => AddFactory((TypeDeclarationSyntax)current, existing, newLine));
                }
                else if (FindSharedClient(pair.Value) == null)
                {
                    var field = CodeFixSyntax.QualifiedMember(
                        "private static readonly System.Net.Http.HttpClient " + SharedClientName
                        + " = new(new System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = System.TimeSpan.FromMinutes(2) });",
                        newLine);
                    editor.ReplaceNode(pair.Key, (current, _) =>
                    {
                        var type = (TypeDeclarationSyntax)current;
                        return type.WithMembers(CodeFixSyntax.InsertMember(type.Members, 0, field, newLine));
                    });
                }
            }

            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<bool> CanUseFactoryAsync(HttpClientCreationShape shape, Document document, SemanticModel model, CancellationToken cancellationToken)
        {
            var factoryType = SemanticContext.For(model.Compilation).HttpClientFactory;
            if (factoryType == null
                || shape.IsStaticContext
                || !(shape.Type is ClassDeclarationSyntax || (shape.Type is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)))
                || !(model.GetDeclaredSymbol(shape.Type, cancellationToken) is INamedTypeSymbol type)
                || type.IsStatic)
            {
                return false;
            }

            if (shape.Type.ParameterList != null || FindFactoryMember(type, model.Compilation) is IParameterSymbol)
            {
                return true;
            }

            // Without a primary constructor the fix adds a constructor parameter: every constructor must be one
            // this document can edit, none may chain to another, and no derived class may depend on them.
            if (shape.IsMemberInitializer)
            {
                return false;
            }

            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared)
                {
                    continue;
                }

                if (constructor.DeclaringSyntaxReferences.Length != 1
                    || constructor.DeclaringSyntaxReferences[0].SyntaxTree != shape.Type.SyntaxTree
                    || (constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { ThisOrBaseKeyword: { RawKind: (int)SyntaxKind.ThisKeyword } } }))
                {
                    return false;
                }
            }

            var derived = await SymbolFinder.FindDerivedClassesAsync(type, document.Project.Solution, transitive: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            return !derived.Any();
        }

        private static bool CanUseSharedClient(HttpClientCreationShape shape, SemanticModel model)
        {
            // A shared client must never be reconfigured per call or disposed.
            if (shape.IsConfigured || shape.MayBeDisposed || shape.KeepsUsingStatement
                || SemanticContext.For(model.Compilation).SocketsHttpHandler == null
                || !(model.GetDeclaredSymbol(shape.Type) is INamedTypeSymbol type))
            {
                return false;
            }

            var existing = type.GetMembers(SharedClientName);
            return existing.Length == 0 || FindSharedClient(type) != null;
        }

        private static ISymbol? FindSharedClient(ITypeSymbol type)
            => type.GetMembers(SharedClientName).FirstOrDefault(m => m is IFieldSymbol { IsStatic: true } field && field.Type.Name == "HttpClient");

        /// <summary>An IHttpClientFactory the type already has: a primary constructor parameter or a field.</summary>
        private static ISymbol? FindFactoryMember(ITypeSymbol type, Compilation compilation)
        {
            var factoryType = SemanticContext.For(compilation).HttpClientFactory;
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field && SymbolEqualityComparer.Default.Equals(field.Type, factoryType))
                {
                    return field;
                }
            }

            foreach (var constructor in type.GetMembers(".ctor").OfType<IMethodSymbol>())
            {
                if (constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is TypeDeclarationSyntax)
                {
                    return constructor.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, factoryType));
                }
            }

            return null;
        }

        private static ExpressionSyntax FactoryCall(HttpClientCreationShape shape, SemanticModel model)
        {
            var type = model.GetDeclaredSymbol(shape.Type);
            var existing = type == null ? null : FindFactoryMember(type, model.Compilation);
            var receiver = existing?.Name ?? (shape.Type.ParameterList != null ? FactoryParameter : FactoryField);
            var name = shape.SetsBaseAddress ? "\"" + ClientName(shape.Type.Identifier.ValueText) + "\"" : string.Empty;
            return SyntaxFactory.ParseExpression(receiver + ".CreateClient(" + name + ")");
        }

        /// <summary>The named client for a type that sets a BaseAddress: "WeatherController" → "Weather".</summary>
        private static string ClientName(string typeName)
        {
            foreach (var suffix in new[] { "Controller", "Service", "Client", "Hub", "Model" })
            {
                if (typeName.Length > suffix.Length && typeName.EndsWith(suffix, System.StringComparison.Ordinal))
                {
                    return typeName.Substring(0, typeName.Length - suffix.Length);
                }
            }

            return typeName;
        }

        private static void ReplaceCreation(DocumentEditor editor, HttpClientCreationShape shape, ExpressionSyntax replacement, string newLine)
        {
            if (shape.InitializedDeclaration != null && shape.Local != null && shape.Creation.Initializer != null)
            {
                // `new HttpClient { BaseAddress = x }` → the factory's client, then `client.BaseAddress = x;`.
                var assignments = shape.Creation.Initializer.Expressions
                    .Cast<AssignmentExpressionSyntax>()
                    .Select(a => CodeFixSyntax.Statement(shape.Local.Name + "." + a.Left.ToString() + " = " + a.Right.ToString() + ";", newLine));
                editor.InsertAfter(shape.InitializedDeclaration, assignments);
            }

            editor.ReplaceNode(shape.Creation, replacement);
            if (shape.UsingDeclaration != null)
            {
                // The factory's and the shared client's handlers are pooled: nothing to dispose.
                editor.ReplaceNode(shape.UsingDeclaration, (current, _) =>
                {
                    var statement = (LocalDeclarationStatementSyntax)current;
                    return statement
                        .WithAwaitKeyword(default)
                        .WithUsingKeyword(default)
                        .WithLeadingTrivia(statement.GetLeadingTrivia());
                });
            }
            else if (shape.UnwrappableUsing is UsingStatementSyntax usingStatement)
            {
                var body = usingStatement.Statement is BlockSyntax block ? block.Statements.ToArray() : new[] { usingStatement.Statement };
                editor.InsertAfter(usingStatement, body.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)));
                editor.ReplaceNode(usingStatement, (current, _) =>
                {
                    var currentUsing = (UsingStatementSyntax)current;
                    return SyntaxFactory.LocalDeclarationStatement(currentUsing.Declaration!)
                        .WithLeadingTrivia(currentUsing.GetLeadingTrivia())
                        .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
            }
        }

        private static TypeDeclarationSyntax AddFactory(TypeDeclarationSyntax type, ISymbol? existing, string newLine)
        {
            if (existing != null)
            {
                return type;
            }

            var factoryType = CodeFixSyntax.QualifiedType("System.Net.Http.IHttpClientFactory");
            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(FactoryParameter)).WithType(factoryType);

            if (type.ParameterList != null)
            {
                return type.WithParameterList(type.ParameterList.AddParameters(parameter));
            }

            var assignment = CodeFixSyntax.Statement(FactoryField + " = " + FactoryParameter + ";", newLine);
            var members = type.Members;
            var constructors = members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
            if (constructors.Count == 0)
            {
                var constructor = (ConstructorDeclarationSyntax)CodeFixSyntax.QualifiedMember(
                    "public " + type.Identifier.ValueText + "(System.Net.Http.IHttpClientFactory " + FactoryParameter + ") { " + FactoryField + " = " + FactoryParameter + "; }", newLine, blankLineBefore: true);
                members = CodeFixSyntax.InsertMember(members, FirstNonFieldIndex(members), constructor, newLine);
            }
            else
            {
                foreach (var constructor in constructors)
                {
                    var current = members.First(m => m.IsEquivalentTo(constructor));
                    var currentConstructor = (ConstructorDeclarationSyntax)current;
                    var body = currentConstructor.Body
                        ?? SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(currentConstructor.ExpressionBody!.Expression));
                    var updated = currentConstructor
                        .WithParameterList(currentConstructor.ParameterList.AddParameters(parameter))
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithBody(body.WithStatements(body.Statements.Insert(0, assignment)))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    members = members.Replace(current, updated);
                }
            }

            var field = CodeFixSyntax.QualifiedMember("private readonly System.Net.Http.IHttpClientFactory " + FactoryField + ";", newLine);
            return type.WithMembers(CodeFixSyntax.InsertMember(members, 0, field, newLine));
        }

        private static int FirstNonFieldIndex(SyntaxList<MemberDeclarationSyntax> members)
        {
            var index = 0;
            while (index < members.Count && members[index] is FieldDeclarationSyntax)
            {
                index++;
            }

            return index;
        }
    }
}
