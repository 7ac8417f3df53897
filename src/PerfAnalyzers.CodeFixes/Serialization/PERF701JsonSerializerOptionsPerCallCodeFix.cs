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
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Serialization
{
    /// <summary>
    /// PERF701 fix: the options become one <c>private static readonly JsonSerializerOptions</c> field of the containing
    /// type with the same initializer, when that initializer reads no local, parameter or instance member
    /// (docs/rules/PERF701.md, "How to fix"). A readonly private instance field of a per-request type becomes static
    /// instead. A field with the same initializer that an earlier fix added is reused.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF701JsonSerializerOptionsPerCallCodeFix)), Shared]
    public sealed class PERF701JsonSerializerOptionsPerCallCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF701.HoistToStaticField";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.JsonSerializerOptionsPerCall);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<SyntaxNode>((document, node, _, _, cancellationToken) => FixAsync(document, node, cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
                || Plan(creation, model, context.CancellationToken) == null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Reuse one static readonly JsonSerializerOptions", async ct => await FixAsync(context.Document, creation, ct).ConfigureAwait(false) ?? context.Document, EquivalenceKey),
                context.Diagnostics);
        }

        private sealed class Hoist
        {
            public Hoist(JsonOptionsShape shape, TypeDeclarationSyntax type, INamedTypeSymbol typeSymbol)
            {
                Shape = shape;
                Type = type;
                TypeSymbol = typeSymbol;
            }

            public JsonOptionsShape Shape { get; }

            public TypeDeclarationSyntax Type { get; }

            public INamedTypeSymbol TypeSymbol { get; }

            /// <summary>For a local: its declaration statement and the identifiers that read it.</summary>
            public LocalDeclarationStatementSyntax? LocalStatement { get; set; }

            public ILocalSymbol? Local { get; set; }

            public List<IdentifierNameSyntax> LocalReads { get; } = new List<IdentifierNameSyntax>();

            /// <summary>For a per-request field: the declaration that becomes static.</summary>
            public FieldDeclarationSyntax? Field { get; set; }

            public string PreferredName { get; set; } = "JsonOptions";
        }

        private static Hoist? Plan(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation
                || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not TypeDeclarationSyntax type
                || type is InterfaceDeclarationSyntax
                || model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol typeSymbol
                || Member(model.GetEnclosingSymbol(creation.SpanStart, cancellationToken)) is not ISymbol member)
            {
                return null;
            }

            var types = SemanticContext.For(model.Compilation);
            var finding = JsonOptionsCreation.Classify(operation, member, types);
            var hoist = new Hoist(finding.Shape, type, typeSymbol);
            switch (finding.Shape)
            {
                case JsonOptionsShape.Argument:
                    return IsStaticSafe(operation, creation) ? hoist : null;

                case JsonOptionsShape.Getter:
                    hoist.PreferredName = "Shared" + ((IMethodSymbol)member).AssociatedSymbol!.Name;
                    return IsStaticSafe(operation, creation) ? hoist : null;

                case JsonOptionsShape.Local:
                    if (!finding.LocalIsOnlyPassed || !IsStaticSafe(operation, creation)
                        || creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                        || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
                        || declaration.Parent is not LocalDeclarationStatementSyntax statement
                        || statement.UsingKeyword != default || statement.IsConst
                        || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
                    {
                        return null;
                    }

                    hoist.LocalStatement = statement;
                    hoist.Local = local;
                    hoist.PreferredName = PascalCase(local.Name);
                    var body = statement.Parent;
                    foreach (var identifier in body!.DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (identifier.Identifier.ValueText == local.Name
                            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                        {
                            hoist.LocalReads.Add(identifier);
                        }
                    }

                    return hoist;

                case JsonOptionsShape.PerRequestField:
                    if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax fieldDeclarator }
                        || fieldDeclarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field }
                        || !field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                        || field.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword))
                        || IsUsedAsInstanceMember(typeSymbol, fieldDeclarator.Identifier.ValueText, cancellationToken))
                    {
                        return null;
                    }

                    hoist.Field = field;
                    return hoist;

                default:
                    return null;
            }
        }

        private static async Task<Document?> FixAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model == null || node is not BaseObjectCreationExpressionSyntax creation || Plan(creation, model, cancellationToken) is not Hoist hoist)
            {
                return null;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            if (hoist.Field != null)
            {
                var field = hoist.Field;
                var readonlyIndex = field.Modifiers.IndexOf(SyntaxKind.ReadOnlyKeyword);
                var modifiers = field.Modifiers.Insert(readonlyIndex, SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                editor.ReplaceNode(field, field.WithModifiers(modifiers));
                return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
            }

            var name = ExistingField(hoist, creation, model, cancellationToken);
            var addField = name == null;
            name ??= FreeName(hoist, creation, model);
            var reference = SyntaxFactory.IdentifierName(name);
            if (hoist.LocalStatement != null)
            {
                foreach (var read in hoist.LocalReads)
                {
                    editor.ReplaceNode(read, reference.WithTriviaFrom(read));
                }

                CodeFixSyntax.RemoveStatementsKeepingComments(editor, hoist.LocalStatement);
            }
            else
            {
                editor.ReplaceNode(creation, reference.WithTriviaFrom(creation));
            }

            if (addField)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var newLine = CodeFixSyntax.NewLine(root!);
                var initializer = creation.WithoutTrivia().NormalizeWhitespace("    ", newLine).ToFullString();
                var fieldText = $"private static readonly System.Text.Json.JsonSerializerOptions {name} = {initializer};";
                editor.ReplaceNode(hoist.Type, (current, _) =>
                {
                    var type = (TypeDeclarationSyntax)current;
                    var index = 0;
                    for (var i = 0; i < type.Members.Count; i++)
                    {
                        if (type.Members[i] is FieldDeclarationSyntax)
                        {
                            index = i + 1;
                        }
                    }

                    var member = CodeFixSyntax.QualifiedMember(fieldText, newLine);
                    return type.WithMembers(CodeFixSyntax.InsertMember(type.Members, index, member, newLine));
                });
            }

            return await CodeFixSyntax.FinishAsync(editor, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A static readonly options field of the type with the same initializer (one an earlier fix added).</summary>
        private static string? ExistingField(Hoist hoist, BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            var text = creation.WithoutTrivia().NormalizeWhitespace().ToFullString();
            var types = SemanticContext.For(model.Compilation);
            foreach (var field in hoist.TypeSymbol.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic && field.IsReadOnly && SymbolFacts.Is(field.Type, types.JsonSerializerOptions)
                    && field.DeclaringSyntaxReferences.Length == 1
                    && field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax value }
                    && value.WithoutTrivia().NormalizeWhitespace().ToFullString() == text)
                {
                    return field.Name;
                }
            }

            return null;
        }

        /// <summary>The preferred name, or the preferred name with a number, that nothing in scope at the creation uses yet.</summary>
        private static string FreeName(Hoist hoist, BaseObjectCreationExpressionSyntax creation, SemanticModel model)
        {
            for (var i = 1; ; i++)
            {
                var name = i == 1 ? hoist.PreferredName : hoist.PreferredName + i;
                var taken = hoist.TypeSymbol.Name == name
                    || hoist.TypeSymbol.GetMembers(name).Length > 0
                    || model.LookupSymbols(creation.SpanStart, name: name).Any(s => !SymbolEqualityComparer.Default.Equals(s, hoist.Local));
                if (!taken)
                {
                    return name;
                }
            }
        }

        /// <summary>The member whose code this is: lambdas and local functions are looked through.</summary>
        private static ISymbol? Member(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol;
        }

        /// <summary>The initializer reads no local, parameter, instance member, local function or method type parameter.</summary>
        private static bool IsStaticSafe(IObjectCreationOperation creation, SyntaxNode syntax)
        {
            foreach (var operation in new IOperation[] { creation }.Concat(creation.Descendants()))
            {
                switch (operation)
                {
                    case ILocalReferenceOperation:
                    case IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver }:
                        // The implicit receiver is the object an initializer sets members of, not `this`.
                        return false;
                    case IParameterReferenceOperation parameter
                        when !parameter.Parameter.ContainingSymbol.DeclaringSyntaxReferences.Any(r => syntax.Span.Contains(r.Span)):
                        return false;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }:
                    case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction }:
                        return false;
                    case IInvocationOperation invocation when invocation.TargetMethod.TypeArguments.Any(UsesMethodTypeParameter):
                        return false;
                    case ITypeOfOperation typeOf when UsesMethodTypeParameter(typeOf.TypeOperand):
                        return false;
                }

                if (UsesMethodTypeParameter(operation.Type))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool UsesMethodTypeParameter(ITypeSymbol? type) => type switch
        {
            ITypeParameterSymbol parameter => parameter.TypeParameterKind == TypeParameterKind.Method,
            IArrayTypeSymbol array => UsesMethodTypeParameter(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(UsesMethodTypeParameter),
            _ => false,
        };

        /// <summary>
        /// The field is read through <c>this.</c> or assigned outside its initializer somewhere in the type: making it
        /// static would not compile.
        /// </summary>
        private static bool IsUsedAsInstanceMember(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name.Identifier.ValueText == name)
                    {
                        return true;
                    }

                    if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && target.Identifier.ValueText == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string PascalCase(string name)
        {
            var trimmed = name.TrimStart('_');
            if (trimmed.StartsWith("s_", System.StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring(2);
            }

            return trimmed.Length == 0 ? "JsonOptions" : char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
        }
    }
}
