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

        // The field, constructor parameter or shared client is added once per type: diagnostics are fixed one after another.
        public override FixAllProvider GetFixAllProvider()
            => SequentialFixAll.Create<BaseObjectCreationExpressionSyntax>(async (document, creation, _, key, cancellationToken)
                => await FixAsync(document, creation, key, cancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (model == null || root == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
                || HttpClientCreationShape.TryCreate(creation, model, context.CancellationToken) is not HttpClientCreationShape shape)
            {
                return;
            }

            if (await CanUseFactoryAsync(shape, document, model, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use IHttpClientFactory", c => FixAsync(document, creation, UseFactoryKey, c), UseFactoryKey),
                    context.Diagnostics);
            }

            if (CanUseSharedClient(shape, model))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use a shared static HttpClient", c => FixAsync(document, creation, UseSharedClientKey, c), UseSharedClientKey),
                    context.Diagnostics);
            }
        }

        private static async Task<Document> FixAsync(Document document, BaseObjectCreationExpressionSyntax creation, string? equivalenceKey, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var newLine = CodeFixSyntax.NewLine(editor.OriginalRoot);
            if (HttpClientCreationShape.TryCreate(creation, model, cancellationToken) is not HttpClientCreationShape shape
                || model.GetDeclaredSymbol(shape.Type, cancellationToken) is not INamedTypeSymbol type)
            {
                return document;
            }

            if (equivalenceKey == UseFactoryKey && await CanUseFactoryAsync(shape, document, model, cancellationToken).ConfigureAwait(false))
            {
                var existing = FindFactoryMember(type, model.Compilation);
                var names = FreshNames.ForMembers(shape.Type, creation.SpanStart, model);
                var factory = existing?.Name ?? (shape.Type.ParameterList != null ? names.Take(FactoryParameter) : names.Take(FactoryField));
                ReplaceCreation(editor, shape, FactoryCall(shape, factory).WithTriviaFrom(creation), newLine);

                // The type-level edit comes last, so it sees the creation already replaced inside a constructor.
                if (existing == null)
                {
                    var parameter = shape.Type.ParameterList != null ? factory : names.Take(FactoryParameter);
                    editor.ReplaceNode(shape.Type, (current, _) => AddFactory((TypeDeclarationSyntax)current, factory, parameter, newLine));
                }
            }
            else if (equivalenceKey == UseSharedClientKey && CanUseSharedClient(shape, model))
            {
                ReplaceCreation(editor, shape, SyntaxFactory.IdentifierName(SharedClientName).WithTriviaFrom(creation), newLine);
                if (FindSharedClient(type, model.Compilation) == null)
                {
                    var field = CodeFixSyntax.QualifiedMember(
                        "private static readonly System.Net.Http.HttpClient " + SharedClientName
                        + " = new(new System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = System.TimeSpan.FromMinutes(2) });",
                        newLine);
                    editor.ReplaceNode(shape.Type, (current, _) =>
                    {
                        var currentType = (TypeDeclarationSyntax)current;
                        return currentType.WithMembers(CodeFixSyntax.InsertMember(currentType.Members, 0, field, newLine));
                    });
                }
            }
            else
            {
                return document;
            }

            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<bool> CanUseFactoryAsync(HttpClientCreationShape shape, Document document, SemanticModel model, CancellationToken cancellationToken)
        {
            var factoryType = SemanticContext.For(model.Compilation).HttpClientFactory;
            if (factoryType == null
                || shape.IsStaticContext
                || !(shape.Type is ClassDeclarationSyntax || (shape.Type is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)))
                || model.GetDeclaredSymbol(shape.Type, cancellationToken) is not INamedTypeSymbol type
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
                || model.GetDeclaredSymbol(shape.Type) is not INamedTypeSymbol type)
            {
                return false;
            }

            var existing = type.GetMembers(SharedClientName);
            return existing.Length == 0 || FindSharedClient(type, model.Compilation) != null;
        }

        private static ISymbol? FindSharedClient(ITypeSymbol type, Compilation compilation)
        {
            var httpClient = SemanticContext.For(compilation).HttpClient;
            return type.GetMembers(SharedClientName).FirstOrDefault(m => m is IFieldSymbol { IsStatic: true } field && SymbolFacts.Is(field.Type, httpClient));
        }

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

        private static ExpressionSyntax FactoryCall(HttpClientCreationShape shape, string receiver)
        {
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

        /// <summary>
        /// A primary constructor parameter, or a field set by a new parameter of every constructor (a new constructor when
        /// there is none).
        /// </summary>
        private static TypeDeclarationSyntax AddFactory(TypeDeclarationSyntax type, string fieldName, string parameterName, string newLine)
        {
            var factoryType = CodeFixSyntax.QualifiedType("System.Net.Http.IHttpClientFactory");
            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName)).WithType(factoryType);

            if (type.ParameterList != null)
            {
                return type.WithParameterList(type.ParameterList.AddParameters(parameter));
            }

            var assignment = CodeFixSyntax.Statement(fieldName + " = " + parameterName + ";", newLine);
            var members = type.Members;
            var constructors = members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
            if (constructors.Count == 0)
            {
                var constructor = (ConstructorDeclarationSyntax)CodeFixSyntax.QualifiedMember(
                    "public " + type.Identifier.ValueText + "(System.Net.Http.IHttpClientFactory " + parameterName + ") { " + fieldName + " = " + parameterName + "; }", newLine, blankLineBefore: true);
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

            var field = CodeFixSyntax.QualifiedMember("private readonly System.Net.Http.IHttpClientFactory " + fieldName + ";", newLine);
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
