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
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// PERF302 fix (docs/rules/PERF302.md, "How to fix"): states what the write is missing where the write states
    /// its entry: an expiration argument or options for <c>Set</c>, properties in the initializer of the options
    /// created in the function, or statements at the start of the <c>GetOrCreate(Async)</c> factory lambda. The
    /// expiration is <c>AbsoluteExpirationRelativeToNow</c> of the configured number of seconds; the size is 1.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF302UnboundedMemoryCacheEntryCodeFix)), Shared]
    public sealed class PERF302UnboundedMemoryCacheEntryCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF302.StateExpirationAndSize";

        private const string ExpirationProperty = "AbsoluteExpirationRelativeToNow";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnboundedMemoryCacheEntry);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create<SyntaxNode>((document, node, diagnostic, _, cancellationToken) => FixAsync(document, node, diagnostic, cancellationToken));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var diagnostic = context.Diagnostics[0];
            if (root == null || model == null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not SyntaxNode node
                || Plan(node, diagnostic, model, context.CancellationToken) is not Edit edit)
            {
                return;
            }

            var title = edit.AddExpiration && edit.AddSize
                ? $"Expire after {edit.Seconds} seconds and set a Size"
                : edit.AddExpiration ? $"Expire after {edit.Seconds} seconds" : "Set a Size of 1";
            context.RegisterCodeFix(
                CodeAction.Create(title, async ct => await FixAsync(context.Document, node, diagnostic, ct).ConfigureAwait(false) ?? context.Document, EquivalenceKey),
                diagnostic);
        }

        private sealed class Edit
        {
            public Edit(MemoryCacheWrite write, InvocationExpressionSyntax invocation, bool addExpiration, bool addSize, string seconds)
            {
                Write = write;
                Invocation = invocation;
                AddExpiration = addExpiration;
                AddSize = addSize;
                Seconds = seconds;
            }

            public MemoryCacheWrite Write { get; }

            public InvocationExpressionSyntax Invocation { get; }

            public bool AddExpiration { get; }

            public bool AddSize { get; }

            public string Seconds { get; }

            public string ExpirationValue => $"global::System.TimeSpan.FromSeconds({Seconds})";
        }

        /// <summary>What to add, recomputed on the current document: Fix All may already have added it through shared options.</summary>
        private static Edit? Plan(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
        {
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not InvocationExpressionSyntax invocation
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || MemoryCacheWrite.Find(operation, SemanticContext.For(model.Compilation), cancellationToken) is not MemoryCacheWrite write
                || write.FixTarget == CacheWriteFixTarget.None
                || !diagnostic.Properties.TryGetValue(PERF302UnboundedMemoryCacheEntryAnalyzer.MissingProperty, out var missing) || missing == null)
            {
                return null;
            }

            // A Set under a constant key may be the only copy of its data (a list of other keys, a guild's tags written once):
            // an expiration would drop it for good, so whether one is safe depends on how the entry is read
            // (docs/rules/PERF302.md, "Code fix"). GetOrCreate's factory reloads an expired entry.
            var addExpiration = missing.Contains("Expiration") && !write.Expires && !SetsAConstantKey(operation);
            var addSize = missing.Contains("Size") && !write.HasSize;
            if (!addExpiration && !addSize)
            {
                return null;
            }

            var seconds = diagnostic.Properties.TryGetValue(PERF302UnboundedMemoryCacheEntryAnalyzer.SecondsProperty, out var value) && int.TryParse(value, out var parsed) && parsed > 0
                ? parsed.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : PERF302UnboundedMemoryCacheEntryAnalyzer.DefaultExpirationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return write.FixTarget switch
            {
                CacheWriteFixTarget.SetArguments when invocation.ArgumentList.Arguments.Any(a => a.NameColon != null) => null,
                CacheWriteFixTarget.Factory when write.Factory?.Syntax is not (SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 }) => null,

                // `entry => throw ..` has no value to return from a block.
                CacheWriteFixTarget.Factory when ((LambdaExpressionSyntax)write.Factory!.Syntax).ExpressionBody is ThrowExpressionSyntax => null,
                _ => new Edit(write, invocation, addExpiration, addSize, seconds),
            };
        }

        private static bool SetsAConstantKey(IInvocationOperation operation)
        {
            if (operation.TargetMethod.Name != "Set")
            {
                return false;
            }

            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter?.Name == "key")
                {
                    return argument.Value.WalkDownConversion().ConstantValue.HasValue;
                }
            }

            return false;
        }

        private static async Task<Document?> FixAsync(Document document, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || Plan(node, diagnostic, model, cancellationToken) is not Edit edit)
            {
                return null;
            }

            SyntaxNode newRoot;
            switch (edit.Write.FixTarget)
            {
                case CacheWriteFixTarget.SetArguments:
                    newRoot = root.ReplaceNode(edit.Invocation.ArgumentList, SetArguments(edit));
                    break;
                case CacheWriteFixTarget.OptionsCreation:
                    var creation = edit.Write.OptionsCreation!.Syntax;
                    newRoot = root.ReplaceNode(creation, WithProperties(creation, Assignments(edit)));
                    break;
                case CacheWriteFixTarget.Factory:
                    var lambda = (LambdaExpressionSyntax)edit.Write.Factory!.Syntax;
                    newRoot = root.ReplaceNode(lambda, WithEntryStatements(lambda, edit, CodeFixSyntax.NewLine(root)));
                    break;
                default:
                    return null;
            }

            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// <c>Set(key, value)</c> gains an expiration argument (or options when a size is needed too); the TimeSpan,
        /// DateTimeOffset and IChangeToken overloads become options with the same setting and a Size.
        /// </summary>
        private static ArgumentListSyntax SetArguments(Edit edit)
        {
            var arguments = edit.Invocation.ArgumentList;
            var fourth = edit.Write.Invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 3 && !a.IsImplicit);
            var properties = new List<string>();
            if (fourth?.Syntax is ArgumentSyntax existing)
            {
                var text = existing.Expression.WithoutTrivia().ToString();
                properties.Add(fourth.Parameter!.Type.Name switch
                {
                    "TimeSpan" => $"{ExpirationProperty} = {text}",
                    "DateTimeOffset" => $"AbsoluteExpiration = {text}",
                    _ => $"ExpirationTokens = {{ {text} }}",
                });
                properties.AddRange(Assignments(edit));
                var options = Options(properties).WithTriviaFrom(existing.Expression);
                return arguments.ReplaceNode(existing, existing.WithExpression(options));
            }

            var added = edit.AddSize
                ? Options(Assignments(edit))
                : CodeFixSyntax.QualifiedExpression(edit.ExpirationValue);
            return arguments.AddArguments(SyntaxFactory.Argument(added));
        }

        private static List<string> Assignments(Edit edit)
        {
            var assignments = new List<string>();
            if (edit.AddExpiration)
            {
                assignments.Add($"{ExpirationProperty} = {edit.ExpirationValue}");
            }

            if (edit.AddSize)
            {
                assignments.Add("Size = 1");
            }

            return assignments;
        }

        private static ExpressionSyntax Options(IEnumerable<string> properties)
            => CodeFixSyntax.QualifiedExpression($"new global::Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions {{ {string.Join(", ", properties)} }}")
                .WithoutAnnotations(Formatter.Annotation);

        /// <summary>The options creation with the assignments at the end of its initializer, in the initializer's own layout.</summary>
        private static SyntaxNode WithProperties(SyntaxNode creation, List<string> assignments)
        {
            var added = assignments.Select(a => CodeFixSyntax.Qualified(SyntaxFactory.ParseExpression(a))).ToList();
            var initializer = creation switch
            {
                ObjectCreationExpressionSyntax explicitCreation => explicitCreation.Initializer,
                ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.Initializer,
                _ => null,
            };

            if (initializer == null)
            {
                var fresh = ((ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression($"new object {{ {string.Join(", ", assignments)} }}")).Initializer!;
                added[added.Count - 1] = added[added.Count - 1].WithTrailingTrivia(SyntaxFactory.Space);
                fresh = fresh.WithExpressions(SyntaxFactory.SeparatedList(added, fresh.Expressions.GetSeparators()))
                    .WithLeadingTrivia(SyntaxFactory.Space)
                    .WithTrailingTrivia(creation.GetTrailingTrivia());
                switch (creation)
                {
                    case ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } bare:
                        // new MemoryCacheEntryOptions() { .. } reads as new MemoryCacheEntryOptions { .. }.
                        return bare.WithArgumentList(null).WithType(bare.Type.WithoutTrailingTrivia()).WithInitializer(fresh);
                    case ObjectCreationExpressionSyntax withArguments:
                        return withArguments.WithoutTrailingTrivia().WithInitializer(fresh);
                    default:
                        return ((ImplicitObjectCreationExpressionSyntax)creation).WithoutTrailingTrivia().WithInitializer(fresh);
                }
            }

            var expressions = initializer.Expressions;
            var multiLine = initializer.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia)
                || (expressions.Count > 0 && expressions[0].GetLeadingTrivia().Any(SyntaxKind.EndOfLineTrivia));
            var nodes = new List<SyntaxNode>();
            var separators = new List<SyntaxToken>();
            SyntaxTriviaList lastTrailing = default;
            SyntaxTriviaList elementLeading = multiLine && expressions.Count > 0 ? expressions[0].GetLeadingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Space);
            for (var i = 0; i < expressions.Count; i++)
            {
                var expression = expressions[i];
                if (i < expressions.SeparatorCount)
                {
                    nodes.Add(expression);
                    separators.Add(expressions.GetSeparator(i));
                }
                else
                {
                    // The last element without a trailing comma: its trailing trivia moves after the new elements.
                    lastTrailing = expression.GetTrailingTrivia();
                    nodes.Add(expression.WithoutTrailingTrivia());
                    separators.Add(multiLine ? SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(lastTrailing) : SyntaxFactory.Token(SyntaxKind.CommaToken));
                }
            }

            var hadTrailingComma = expressions.Count > 0 && expressions.SeparatorCount == expressions.Count;
            if (hadTrailingComma)
            {
                lastTrailing = expressions.GetSeparator(expressions.Count - 1).TrailingTrivia;
            }

            for (var i = 0; i < added.Count; i++)
            {
                var last = i == added.Count - 1;
                var element = added[i].WithLeadingTrivia(expressions.Count == 0 && !multiLine && i == 0 ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : elementLeading);
                if (last && !hadTrailingComma)
                {
                    nodes.Add(element.WithTrailingTrivia(expressions.Count == 0 ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : lastTrailing));
                }
                else
                {
                    nodes.Add(element);
                    separators.Add(multiLine ? SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(lastTrailing) : SyntaxFactory.Token(SyntaxKind.CommaToken));
                }
            }

            var rebuilt = initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(SyntaxFactory.NodeOrTokenList(Interleave(nodes, separators))));
            return creation.ReplaceNode(initializer, rebuilt);
        }

        private static IEnumerable<SyntaxNodeOrToken> Interleave(List<SyntaxNode> nodes, List<SyntaxToken> separators)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                yield return nodes[i];
                if (i < separators.Count)
                {
                    yield return separators[i];
                }
            }
        }

        /// <summary>The factory lambda with the entry's expiration and size set at its start.</summary>
        private static LambdaExpressionSyntax WithEntryStatements(LambdaExpressionSyntax lambda, Edit edit, string newLine)
        {
            var entry = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                _ => "entry",
            };

            var statements = new List<StatementSyntax>();
            if (edit.AddExpiration)
            {
                statements.Add(CodeFixSyntax.Qualified(CodeFixSyntax.Statement($"{entry}.{ExpirationProperty} = {edit.ExpirationValue};", newLine)));
            }

            if (edit.AddSize)
            {
                statements.Add(CodeFixSyntax.Statement($"{entry}.Size = 1;", newLine));
            }

            if (lambda.Block != null)
            {
                return lambda.WithBlock(lambda.Block.WithStatements(lambda.Block.Statements.InsertRange(0, statements)));
            }

            var body = lambda.ExpressionBody!;
            statements.Add(SyntaxFactory.ReturnStatement(body.WithoutTrivia()).WithAdditionalAnnotations(Formatter.Annotation));
            var block = SyntaxFactory.Block(statements)
                .WithTrailingTrivia(body.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            return lambda
                .WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(SyntaxFactory.ElasticMarker))
                .WithExpressionBody(null)
                .WithBlock(block);
        }
    }
}
