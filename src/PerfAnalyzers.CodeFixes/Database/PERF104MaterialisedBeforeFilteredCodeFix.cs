using System;
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
using PerfAnalyzers.Database;

using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF104: moves the in-memory operators that follow ToList / ToArray / AsEnumerable / ToListAsync into the query,
    /// before the materialisation (<c>q.ToList().Where(p).ToList()</c> → <c>q.Where(p).ToList()</c>,
    /// <c>q.ToList().Count()</c> → <c>q.Count()</c>, <c>(await q.ToListAsync(ct)).First(p)</c> → <c>await q.FirstAsync(p, ct)</c>).
    /// Only direct chains are rewritten; a materialised local is left to the user.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF104MaterialisedBeforeFilteredCodeFix)), Shared]
    public sealed class PERF104MaterialisedBeforeFilteredCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF104.MoveIntoQuery";

        private static readonly ImmutableHashSet<string> Deferred = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Where", "Select", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "Take", "Distinct");

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MaterialisedBeforeFiltered);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.ContainsKey(PERF104MaterialisedBeforeFilteredAnalyzer.ThroughLocalProperty)
                    || model == null
                    || !(root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation)
                    || !TryRewrite(invocation, model, context.CancellationToken, out var target, out var replacement))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Move the operators into the query",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(target, replacement))),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static bool TryRewrite(InvocationExpressionSyntax materialiser, SemanticModel model, CancellationToken cancellationToken, out ExpressionSyntax target, out ExpressionSyntax replacement)
        {
            target = materialiser;
            replacement = materialiser;
            var enumerable = SemanticContext.For(model.Compilation).Enumerable;
            if (!(materialiser.Expression is MemberAccessExpressionSyntax access) || enumerable == null)
            {
                return false;
            }

            var source = access.Expression;
            var materialiserName = access.Name.Identifier.ValueText;
            var isAsync = materialiserName.EndsWith("Async", StringComparison.Ordinal);
            var tokenArguments = materialiser.ArgumentList.Arguments.Select(a => a.ToString()).ToList();
            ExpressionSyntax current = materialiser;
            if (isAsync)
            {
                if (!(current.Parent is AwaitExpressionSyntax awaited) || !(awaited.Parent is ParenthesizedExpressionSyntax parenthesized))
                {
                    return false;
                }

                current = parenthesized;
            }

            var operators = new List<(string Name, ArgumentListSyntax? Arguments)>();
            string? terminal = null;
            ArgumentListSyntax? terminalArguments = null;
            while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current)
            {
                var name = member.Name.Identifier.ValueText;
                if (!(member.Parent is InvocationExpressionSyntax call))
                {
                    if (operators.Count == 0 && (name == "Count" || name == "Length"))
                    {
                        terminal = "Count";
                        current = member;
                    }

                    break;
                }

                if (!(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method)
                    || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, enumerable)
                    || !ArgumentsTranslatable(call.ArgumentList, model, cancellationToken))
                {
                    break;
                }

                if (Deferred.Contains(name))
                {
                    operators.Add((name, call.ArgumentList));
                    current = call;
                    continue;
                }

                if (name == "Last" || name == "LastOrDefault" || (!MaterialisedQuery.InMemoryOperators.Contains(name) && name != "ToList" && name != "ToArray"))
                {
                    break;
                }

                if ((name == "ToList" || name == "ToArray") && operators.Count == 0)
                {
                    break;
                }

                terminal = name;
                terminalArguments = call.ArgumentList;
                current = call;
                break;
            }

            if (operators.Count == 0 && terminal == null)
            {
                return false;
            }

            var text = source.ToString() + string.Concat(operators.Select(o => "." + o.Name + o.Arguments));
            string result;
            if (terminal == null)
            {
                // The run ends with a deferred operator: materialise after it, as before.
                result = isAsync
                    ? $"await {text}.{materialiserName}({string.Join(", ", tokenArguments)})"
                    : $"{text}.{materialiserName}{materialiser.ArgumentList}";
            }
            else
            {
                var arguments = terminalArguments?.Arguments.Select(a => a.ToString()).ToList() ?? new List<string>();
                result = isAsync
                    ? $"await {text}.{terminal}Async({string.Join(", ", arguments.Concat(tokenArguments))})"
                    : $"{text}.{terminal}({string.Join(", ", arguments)})";
            }

            if (isAsync && NeedsParentheses(current))
            {
                result = "(" + result + ")";
            }

            target = current;
            replacement = SyntaxFactory.ParseExpression(result).WithTriviaFrom(current);
            return true;
        }

        /// <summary>Lambdas must become expression trees: expression-bodied, no index parameter, no method groups.</summary>
        private static bool ArgumentsTranslatable(ArgumentListSyntax arguments, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var argument in arguments.Arguments)
            {
                switch (argument.Expression)
                {
                    case SimpleLambdaExpressionSyntax simple when simple.ExpressionBody != null:
                        continue;
                    case ParenthesizedLambdaExpressionSyntax parenthesized when parenthesized.ExpressionBody != null && parenthesized.ParameterList.Parameters.Count == 1:
                        continue;
                    case AnonymousFunctionExpressionSyntax _:
                        return false;
                    case IdentifierNameSyntax _:
                    case MemberAccessExpressionSyntax _:
                        if (model.GetSymbolInfo(argument.Expression, cancellationToken) is var info && (info.Symbol is IMethodSymbol || info.CandidateSymbols.Any(s => s is IMethodSymbol)))
                        {
                            return false;
                        }

                        continue;
                    case LiteralExpressionSyntax _:
                    case BinaryExpressionSyntax _:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static bool NeedsParentheses(SyntaxNode node)
            => node.Parent is MemberAccessExpressionSyntax || node.Parent is ElementAccessExpressionSyntax
            || node.Parent is ConditionalAccessExpressionSyntax || node.Parent is PostfixUnaryExpressionSyntax;
    }
}
