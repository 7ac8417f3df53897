using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace PerfAnalyzers.Infrastructure
{
    /// <summary>Small helpers every code fix uses to produce tidy code.</summary>
    internal static class CodeFixSyntax
    {
        /// <summary>
        /// Parses an expression written with fully qualified names and marks it so that
        /// <see cref="FinishAsync"/> adds the needed usings and shortens the names.
        /// </summary>
        public static ExpressionSyntax QualifiedExpression(string text)
            => SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        public static TypeSyntax QualifiedType(string text)
            => SyntaxFactory.ParseTypeName(text).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        public static MemberDeclarationSyntax QualifiedMember(string text)
            => SyntaxFactory.ParseMemberDeclaration(text)!.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        /// <summary>Adds the usings that annotated names need, then simplifies and formats what the fix touched.</summary>
        public static async Task<Document> FinishAsync(Document document, CancellationToken cancellationToken)
        {
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        public static async Task<Document> FinishAsync(DocumentEditor editor, CancellationToken cancellationToken)
            => await FinishAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }
}
