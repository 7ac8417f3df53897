using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF104: an EF query materialised (ToList, ToArray, AsEnumerable, ToListAsync …) and then filtered, projected,
    /// ordered, paged or aggregated in memory, so every row crosses the wire first. Silent when the in-memory lambdas
    /// use something EF cannot translate (a method of the user's code, an unmapped property).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF104MaterialisedBeforeFilteredAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the result goes through a local (the code fix only rewrites direct chains).</summary>
        public const string ThroughLocalProperty = "ThroughLocal";

        /// <summary>
        /// Diagnostic property, present when the code fix applies: how many sequence operators (Where, Select, OrderBy …)
        /// written right after the materialisation move into the query.
        /// </summary>
        public const string SequenceOperatorsProperty = "SequenceOperators";

        /// <summary>
        /// Diagnostic property: the operator that ends the moved run (First, Count, Sum …, or ToList / ToArray after a
        /// sequence operator; <c>Count</c> also for List.Count and array Length); absent when the run ends with a sequence
        /// operator, after which the query is materialised as before.
        /// </summary>
        public const string TerminalOperatorProperty = "TerminalOperator";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF104MaterialisedBeforeFiltered);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!MaterialisedQuery.TryCreate(invocation, types, out var query))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (query.ThroughLocal)
            {
                properties = properties.Add(ThroughLocalProperty, "true");
            }
            else if (TryGetMovableRun(query, types, context.CancellationToken, out var sequenceOperators, out var terminal))
            {
                properties = properties.Add(SequenceOperatorsProperty, sequenceOperators.ToString(CultureInfo.InvariantCulture));
                if (terminal != null)
                {
                    properties = properties.Add(TerminalOperatorProperty, terminal);
                }
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF104MaterialisedBeforeFiltered,
                invocation.Syntax.GetLocation(),
                properties,
                invocation.TargetMethod.Name,
                query.ConsumerName));
        }
    
        /// <summary>
        /// The <c>task.ConfigureAwait(..)</c> call made on <paramref name="task"/>, or null: the awaited expression of
        /// <c>await q.ToListAsync().ConfigureAwait(false)</c>. The code fix reads the same shape to keep the call.
        /// </summary>
        internal static InvocationExpressionSyntax? ConfigureAwaitOn(ExpressionSyntax task)
            => task.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configure } access
                && access.Expression == task
                ? configure
                : null;

        /// <summary>
        /// The run of in-memory operators the code fix moves into the query, chained right after the materialisation
        /// (after <c>(await q.ToListAsync())</c> for the async forms): sequence operators, then at most one operator that
        /// ends the query. The run stops at an operator EF has no counterpart for (Last), or whose arguments cannot become
        /// an expression tree as written. False when nothing moves.
        /// </summary>
        private static bool TryGetMovableRun(MaterialisedQuery query, SemanticContext types, CancellationToken cancellationToken, out int sequenceOperators, out string? terminal)
        {
            sequenceOperators = 0;
            terminal = null;
            var model = query.Materialiser.SemanticModel;
            if (model == null || query.Materialiser.Syntax is not ExpressionSyntax current)
            {
                return false;
            }

            if (query.Materialiser.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                // (await q.ToListAsync(ct)) or (await q.ToListAsync(ct).ConfigureAwait(false))
                var awaitedTask = (ExpressionSyntax?)ConfigureAwaitOn(current) ?? current;
                if (awaitedTask.Parent is not AwaitExpressionSyntax awaited || awaited.Parent is not ParenthesizedExpressionSyntax parenthesized)
                {
                    return false;
                }

                current = parenthesized;
            }

            while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current)
            {
                var name = member.Name.Identifier.ValueText;
                if (member.Parent is not InvocationExpressionSyntax call)
                {
                    // List.Count / array Length right after the materialisation.
                    if (sequenceOperators == 0 && (name == "Count" || name == "Length"))
                    {
                        terminal = "Count";
                    }

                    break;
                }

                if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
                    || !SymbolFacts.Is(method.ContainingType, types.Enumerable)
                    || !ArgumentsTranslatable(call.ArgumentList, model, cancellationToken)
                    || TakesADefaultValue(method))
                {
                    break;
                }

                if (MaterialisedQuery.InMemoryOperators.Contains(name) && ReturnsSequence(method))
                {
                    sequenceOperators++;
                    current = call;
                    continue;
                }

                if (name == "Last" || name == "LastOrDefault" || (!MaterialisedQuery.InMemoryOperators.Contains(name) && name != "ToList" && name != "ToArray"))
                {
                    break;
                }

                if ((name == "ToList" || name == "ToArray") && sequenceOperators == 0)
                {
                    break;
                }

                terminal = name;
                break;
            }

            return sequenceOperators > 0 || terminal != null;
        }

        /// <summary>Where, Select, OrderBy …: the operator's declared result is a sequence, so more operators can follow it in the query.</summary>
        private static bool ReturnsSequence(IMethodSymbol method)
        {
            var returnType = method.OriginalDefinition.ReturnType;
            return returnType.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                || returnType.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
        }

        /// <summary>
        /// <c>FirstOrDefault(predicate, defaultValue)</c> and the other overloads .NET 6 added with a default value: EF Core
        /// translates none of them, so moved into the query the call would throw "could not be translated" (found in
        /// OpenBudgeteer's <c>FirstOrDefault(pred, null)</c>).
        /// </summary>
        private static bool TakesADefaultValue(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == "defaultValue")
                {
                    return true;
                }
            }

            return false;
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
    }
}
