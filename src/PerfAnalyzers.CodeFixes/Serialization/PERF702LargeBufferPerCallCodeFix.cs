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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;

namespace PerfAnalyzers.Serialization
{
    /// <summary>
    /// PERF702 fix: <c>var buffer = new byte[n];</c> becomes <c>var buffer = ArrayPool&lt;byte&gt;.Shared.Rent(n);</c> and the
    /// rest of the block runs in a <c>try</c> whose <c>finally</c> returns the buffer — only when no use of the buffer
    /// depends on its length (docs/rules/PERF702.md, "How to fix"): a rented array can be longer than asked for.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF702LargeBufferPerCallCodeFix)), Shared]
    public sealed class PERF702LargeBufferPerCallCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF702.RentFromArrayPool";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LargeBufferPerCall);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<SyntaxNode>((document, node, _, _, cancellationToken) => FixAsync(document, node, cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not ArrayCreationExpressionSyntax creation
                || Plan(creation, model, context.CancellationToken) == null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Rent the buffer from ArrayPool", async ct => await FixAsync(context.Document, creation, ct).ConfigureAwait(false) ?? context.Document, EquivalenceKey),
                context.Diagnostics);
        }

        private sealed class Rent
        {
            public Rent(LocalDeclarationStatementSyntax statement, BlockSyntax block, string element, string name)
            {
                Statement = statement;
                Block = block;
                Element = element;
                Name = name;
            }

            public LocalDeclarationStatementSyntax Statement { get; }

            public BlockSyntax Block { get; }

            public string Element { get; }

            public string Name { get; }
        }

        private static Rent? Plan(ArrayCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (creation.Type.RankSpecifiers.Count != 1 || creation.Type.RankSpecifiers[0].Sizes.Count != 1 || creation.Initializer != null
                || creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
                || declaration.Parent is not LocalDeclarationStatementSyntax statement
                || statement.UsingKeyword != default || statement.IsConst
                || statement.Parent is not BlockSyntax block
                || model.GetOperation(creation, cancellationToken) is not IArrayCreationOperation { Type: IArrayTypeSymbol array } operation
                || JsonOptionsCreation.Climb(operation).Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declaratorOperation })
            {
                return null;
            }

            var element = array.ElementType.SpecialType switch
            {
                SpecialType.System_Byte => "byte",
                SpecialType.System_Char => "char",
                _ => null,
            };
            var uses = new List<ILocalReferenceOperation>();
            if (element == null
                || !RequestBuffer.TryCollectUses(declaratorOperation, declaratorOperation.Symbol, uses)
                || !uses.All(RequestBuffer.IsLengthIndependent))
            {
                return null;
            }

            // The rest of the block moves into the try: a local function there could be called from before it.
            var rest = block.Statements.Skip(block.Statements.IndexOf(statement) + 1).ToList();
            if (rest.Count == 0 || rest.Any(s => s is LocalFunctionStatementSyntax or LabeledStatementSyntax))
            {
                return null;
            }

            return new Rent(statement, block, element, declarator.Identifier.ValueText);
        }

        private static async Task<Document?> FixAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (model == null || root == null || node is not ArrayCreationExpressionSyntax creation || Plan(creation, model, cancellationToken) is not Rent rent)
            {
                return null;
            }

            var pool = $"System.Buffers.ArrayPool<{rent.Element}>.Shared";
            var length = creation.Type.RankSpecifiers[0].Sizes[0].WithoutTrivia();
            var rentCall = SyntaxFactory.InvocationExpression(
                CodeFixSyntax.QualifiedExpression(pool + ".Rent"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(length))));
            var declaration = rent.Statement.ReplaceNode(creation, rentCall.WithTriviaFrom(creation));

            var index = rent.Block.Statements.IndexOf(rent.Statement);
            var rest = rent.Block.Statements.Skip(index + 1).ToList();
            var returnCall = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                CodeFixSyntax.QualifiedExpression(pool + ".Return"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(rent.Name))))));
            var tryStatement = SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(rest),
                    default,
                    SyntaxFactory.FinallyClause(SyntaxFactory.Block(returnCall)))
                .WithAdditionalAnnotations(Formatter.Annotation);

            var statements = rent.Block.Statements.Take(index).Append(declaration).Append(tryStatement);
            var block = rent.Block.WithStatements(SyntaxFactory.List(statements));
            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(root.ReplaceNode(rent.Block, block)), cancellationToken).ConfigureAwait(false);
        }
    }
}
