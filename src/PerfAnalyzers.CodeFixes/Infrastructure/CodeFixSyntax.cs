using System;
using System.Collections.Generic;
using System.Linq;
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
        /// <see cref="FinishAsync(Document, CancellationToken)"/> adds the needed usings and shortens the names.
        /// </summary>
        public static ExpressionSyntax QualifiedExpression(string text)
            => Qualified(SyntaxFactory.ParseExpression(text)).WithAdditionalAnnotations(Formatter.Annotation);

        public static TypeSyntax QualifiedType(string text) => Qualified(SyntaxFactory.ParseTypeName(text));

        /// <summary>Marks code written with fully qualified names: its namespaces are imported (see <see cref="Imports"/>), then the names shortened.</summary>
        public static TNode Qualified<TNode>(TNode node)
            where TNode : SyntaxNode
            => node.WithAdditionalAnnotations(Simplifier.Annotation, Imports.QualifiedNames);

        /// <summary>The document's own line ending, so new code does not mix CRLF into an LF file or the reverse.</summary>
        public static string NewLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        /// <summary>A new member laid out on lines of its own, optionally after a blank line.</summary>
        public static MemberDeclarationSyntax QualifiedMember(string text, string newLine, bool blankLineBefore = false)
        {
            var member = Qualified(SyntaxFactory.ParseMemberDeclaration(text)!
                .NormalizeWhitespace("    ", newLine)
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            return blankLineBefore ? member.WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine)) : member;
        }

        /// <summary>
        /// Removes statements; comments above a removed statement move to the next statement of its block that
        /// stays, so a fix never deletes what the user wrote about the code.
        /// </summary>
        public static void RemoveStatementsKeepingComments(DocumentEditor editor, params StatementSyntax?[] statements)
        {
            var removed = statements.Where(s => s != null).Select(s => s!).Distinct().OrderBy(s => s.SpanStart).ToList();
            var moved = new Dictionary<StatementSyntax, SyntaxTriviaList>();
            foreach (var statement in removed)
            {
                var leading = statement.GetLeadingTrivia();
                var next = statement.Parent is BlockSyntax block
                    ? block.Statements.Skip(block.Statements.IndexOf(statement) + 1).FirstOrDefault(s => !removed.Contains(s))
                    : null;
                if (next != null && leading.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
                {
                    // Comments keep their order: earlier statements' comments come first.
                    moved[next] = moved.TryGetValue(next, out var earlier)
                        ? earlier.AddRange(leading.SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                        : leading;
                }

                editor.RemoveNode(statement);
            }

            foreach (var pair in moved)
            {
                editor.ReplaceNode(pair.Key, (current, _) => current.WithLeadingTrivia(
                    pair.Value.AddRange(current.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))));
            }
        }

        /// <summary>Inserts a member and keeps a blank line between it and a following member of another kind.</summary>
        public static SyntaxList<MemberDeclarationSyntax> InsertMember(SyntaxList<MemberDeclarationSyntax> members, int index, MemberDeclarationSyntax member, string newLine)
        {
            if (index < members.Count && members[index].GetType() != member.GetType())
            {
                var next = members[index];
                var leading = next.GetLeadingTrivia();
                if (leading.Count == 0 || !leading[0].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    members = members.Replace(next, next.WithLeadingTrivia(leading.Insert(0, SyntaxFactory.EndOfLine(newLine))));
                }
            }

            return members.Insert(index, member);
        }

        /// <summary>A new statement on a line of its own.</summary>
        public static StatementSyntax Statement(string text, string newLine)
            => SyntaxFactory.ParseStatement(text)
                .NormalizeWhitespace("    ", newLine)
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>Adds the usings the fix marked (see <see cref="Imports"/>), then simplifies and formats what the fix touched.</summary>
        public static async Task<Document> FinishAsync(Document document, CancellationToken cancellationToken)
        {
            document = await Imports.AddAsync(document, cancellationToken).ConfigureAwait(false);
            try
            {
                document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Roslyn 4.8's simplifier can throw on broken code around the edit (seen: a type whose `class`
                // keyword is missing, which turns its Main into a top-level local function). The fully qualified
                // names still compile, so keep them rather than fail the fix, and drop the annotation so the code
                // action's own clean-up does not run into the same throw.
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root != null)
                {
                    document = document.WithSyntaxRoot(root.ReplaceNodes(
                        root.GetAnnotatedNodes(Simplifier.Annotation),
                        (_, rewritten) => rewritten.WithoutAnnotations(Simplifier.Annotation)));
                }
            }

            return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        public static async Task<Document> FinishAsync(DocumentEditor editor, CancellationToken cancellationToken)
            => await FinishAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }
}
