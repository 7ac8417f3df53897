using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF108: an executed EF query that includes two collection navigations side by side (not one
    /// Include(..).ThenInclude(..) path), with no AsSplitQuery/AsSingleQuery on it and no split-by-default
    /// configuration in the compilation: the single SQL query returns the product of the collections' rows.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF108CartesianExplosionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF108CartesianExplosion);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);

                // AsSplitQuery is relational: without the relational provider there is nothing to suggest.
                if (!types.ReferencesEfCore || types.RelationalQueryableExtensions == null || types.EntityFrameworkQueryableExtensions == null)
                {
                    return;
                }

                var compilation = start.Compilation;
                var splitByDefault = new CompilationFact<bool>(cancellationToken => CollectionIncludeModel.IsSplitByDefault(compilation, cancellationToken));
                Func<CancellationToken, bool> isSplitByDefault = splitByDefault.Get;
                start.RegisterOperationAction(c => Analyze(c, types, isSplitByDefault), OperationKind.Invocation, OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, Func<CancellationToken, bool> isSplitByDefault)
        {
            var operation = context.Operation;
            if (operation is ILoopOperation && operation is not IForEachLoopOperation)
            {
                return;
            }

            // Two collection paths take two Include calls, written in the method that executes the query (locals are
            // followed, other methods are not): a call in a member with fewer is ruled out before it is classified.
            if (!CollectionIncludeModel.MayLoadTwoCollectionPaths(operation.Syntax, context.CancellationToken))
            {
                return;
            }

            var found = CollectionIncludeModel.TryFind(operation, types, isSplitByDefault, context.CancellationToken);
            if (found == null)
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF108CartesianExplosion,
                GetLocation(found.Execution),
                found.First,
                found.Second));
        }

        /// <summary>The executing call from its name on (<c>ToListAsync()</c>), or the collection a foreach enumerates.</summary>
        internal static Location GetLocation(EfExecution execution)
        {
            var syntax = execution.Operation.Syntax;
            if (execution.Operation is IForEachLoopOperation loop)
            {
                return loop.Collection.Syntax.GetLocation();
            }

            if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation)
            {
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, invocation.Span.End));
            }

            return syntax.GetLocation();
        }
    }
}
