using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Database;

namespace PerfAnalyzers.CodeFixes.Database
{
    /// <summary>
    /// PERF104: moves the in-memory operators that follow ToList / ToArray / AsEnumerable / ToListAsync into the query,
    /// before the materialisation (<c>q.ToList().Where(p).ToList()</c> → <c>q.Where(p).ToList()</c>,
    /// <c>q.ToList().Count()</c> → <c>q.Count()</c>, <c>(await q.ToListAsync(ct)).First(p)</c> → <c>await q.FirstAsync(p, ct)</c>).
    /// Which operators move is the analyzer's decision (<see cref="PERF104MaterialisedBeforeFilteredAnalyzer.SequenceOperatorsProperty"/>,
    /// <see cref="PERF104MaterialisedBeforeFilteredAnalyzer.TerminalOperatorProperty"/>); a materialised local has no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PERF104MaterialisedBeforeFilteredCodeFix)), Shared]
    public sealed class PERF104MaterialisedBeforeFilteredCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "PERF104.MoveIntoQuery";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MaterialisedBeforeFiltered);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax materialiser
                    && MovedRun.TryFind(materialiser, diagnostic) is { } run)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Move the operators into the query",
                            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(run.Replaced, run.Rewrite()))),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The chain the analyzer decided to move, found in the code.</summary>
        private sealed class MovedRun
        {
            private MovedRun(InvocationExpressionSyntax materialiser, List<InvocationExpressionSyntax> operators, string? terminal, ExpressionSyntax replaced, ArgumentListSyntax? configureAwait)
            {
                Materialiser = materialiser;
                Operators = operators;
                Terminal = terminal;
                Replaced = replaced;
                ConfigureAwait = configureAwait;
            }

            /// <summary>The arguments of the <c>ConfigureAwait(..)</c> the awaited materialisation had, if any.</summary>
            public ArgumentListSyntax? ConfigureAwait { get; }

            /// <summary>The ToList / AsEnumerable / ToListAsync … call.</summary>
            public InvocationExpressionSyntax Materialiser { get; }

            /// <summary>The sequence operators that move (Where, Select …).</summary>
            public List<InvocationExpressionSyntax> Operators { get; }

            /// <summary>The operator that ends the query instead of the materialisation (First, Count …); null to materialise as before.</summary>
            public string? Terminal { get; }

            /// <summary>The outermost expression of the chain: what the rewrite replaces (the terminal call or property, else the last operator).</summary>
            public ExpressionSyntax Replaced { get; }

            public static MovedRun? TryFind(InvocationExpressionSyntax materialiser, Diagnostic diagnostic)
            {
                if (!diagnostic.Properties.TryGetValue(PERF104MaterialisedBeforeFilteredAnalyzer.SequenceOperatorsProperty, out var countText)
                    || !int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
                    || materialiser.Expression is not MemberAccessExpressionSyntax)
                {
                    return null;
                }

                diagnostic.Properties.TryGetValue(PERF104MaterialisedBeforeFilteredAnalyzer.TerminalOperatorProperty, out var terminal);
                ExpressionSyntax current = materialiser;
                ArgumentListSyntax? configureAwait = null;
                if (PERF104MaterialisedBeforeFilteredAnalyzer.ConfigureAwaitOn(current) is { Parent: AwaitExpressionSyntax } configure)
                {
                    // (await q.ToListAsync().ConfigureAwait(false)).Where(..): the rewritten call keeps it.
                    configureAwait = configure.ArgumentList;
                    current = configure;
                }

                if (current.Parent is AwaitExpressionSyntax awaited)
                {
                    // (await q.ToListAsync()).Where(..)
                    if (awaited.Parent is not ParenthesizedExpressionSyntax parenthesized)
                    {
                        return null;
                    }

                    current = parenthesized;
                }

                var operators = new List<InvocationExpressionSyntax>();
                while (operators.Count < count)
                {
                    if (!(current.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } member) || member.Expression != current)
                    {
                        return null;
                    }

                    operators.Add(call);
                    current = call;
                }

                if (terminal != null)
                {
                    if (current.Parent is not MemberAccessExpressionSyntax member || member.Expression != current)
                    {
                        return null;
                    }

                    // An invoked operator, or List.Count / array Length.
                    current = member.Parent is InvocationExpressionSyntax call ? call : member;
                }

                return new MovedRun(materialiser, operators, terminal, current, configureAwait);
            }

            /// <summary>The operators written on the query, before the materialisation or instead of it.</summary>
            public ExpressionSyntax Rewrite()
            {
                var access = (MemberAccessExpressionSyntax)Materialiser.Expression;
                var materialiserName = access.Name.Identifier.ValueText;
                var isAsync = materialiserName.EndsWith("Async", StringComparison.Ordinal);
                var tokenArguments = Materialiser.ArgumentList.Arguments.Select(a => a.ToString()).ToList();
                var text = access.Expression.ToString() + string.Concat(Operators.Select(o => "." + ((MemberAccessExpressionSyntax)o.Expression).Name.Identifier.ValueText + o.ArgumentList));
                var configure = ConfigureAwait != null ? ".ConfigureAwait" + ConfigureAwait : "";
                string result;
                if (Terminal == null)
                {
                    // The run ends with a sequence operator: materialise after it, as before.
                    result = isAsync
                        ? $"await {text}.{materialiserName}({string.Join(", ", tokenArguments)}){configure}"
                        : $"{text}.{materialiserName}{Materialiser.ArgumentList}";
                }
                else
                {
                    var arguments = (Replaced as InvocationExpressionSyntax)?.ArgumentList.Arguments.Select(a => a.ToString()).ToList() ?? new List<string>();
                    result = isAsync
                        ? $"await {text}.{Terminal}Async({string.Join(", ", arguments.Concat(tokenArguments))}){configure}"
                        : $"{text}.{Terminal}({string.Join(", ", arguments)})";
                }

                if (isAsync && NeedsParentheses(Replaced))
                {
                    result = "(" + result + ")";
                }

                return SyntaxFactory.ParseExpression(result).WithTriviaFrom(Replaced);
            }

            private static bool NeedsParentheses(SyntaxNode node)
                => node.Parent is MemberAccessExpressionSyntax || node.Parent is ElementAccessExpressionSyntax
                || node.Parent is ConditionalAccessExpressionSyntax || node.Parent is PostfixUnaryExpressionSyntax;
        }
    }
}
