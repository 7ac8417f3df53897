using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF108: an executed EF query that includes two collection navigations side by side (not one
    /// Include(..).ThenInclude(..) path), with no AsSplitQuery/AsSingleQuery on it and no split-by-default
    /// configuration in the compilation: the single SQL query returns the product of the collections' rows. Navigations
    /// the model auto-includes on the queried entity count as included.
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

                // EF Core 3.x: every query is a single query and there is no AsSplitQuery (it came in 5.0) to offer.
                if (types.RelationalQueryableExtensions.GetMembers("AsSplitQuery").IsEmpty)
                {
                    return;
                }

                var compilation = start.Compilation;
                // A splitting default chosen (split, or single on purpose), or configured out of sight (no provider
                // configured in this compilation): either way the rule has nothing to say.
                var splitByDefault = new CompilationFact<bool>(cancellationToken =>
                    !CollectionIncludeModel.ConfiguresAProvider(compilation, cancellationToken) || CollectionIncludeModel.HasSplittingDefault(compilation, cancellationToken));
                var autoIncludes = new CompilationFact<AutoIncludedNavigations>(cancellationToken => AutoIncludedNavigations.For(compilation, cancellationToken));
                var rule = new Rule(types, splitByDefault.Get, autoIncludes.Get);
                start.RegisterOperationAction(rule.Analyze, OperationKind.Invocation, OperationKind.Loop);
                start.RegisterSyntaxNodeAction(rule.AnalyzeSpread, SyntaxKind.SpreadElement);
            });
        }

        /// <summary>The compilation's facts, and the callback that reads them (one delegate per compilation, not per call).</summary>
        private sealed class Rule
        {
            private readonly SemanticContext types;
            private readonly Func<CancellationToken, bool> isSplitByDefault;
            private readonly Func<CancellationToken, AutoIncludedNavigations> autoIncludes;

            public Rule(SemanticContext types, Func<CancellationToken, bool> isSplitByDefault, Func<CancellationToken, AutoIncludedNavigations> autoIncludes)
            {
                this.types = types;
                this.isSplitByDefault = isSplitByDefault;
                this.autoIncludes = autoIncludes;
            }

            public void Analyze(OperationAnalysisContext context)
            {
                var operation = context.Operation;

                // A query spread into a collection expression ([.. db.Blogs.Include(..).Include(..)]) is AnalyzeSpread's.
                if ((operation is ILoopOperation && operation is not IForEachLoopOperation) || EfQueryModel.MaySpreadAQuery(operation, types))
                {
                    return;
                }

                if (Find(operation, context.CancellationToken) is { } diagnostic)
                {
                    context.ReportOutsideGeneratedCode(diagnostic);
                }
            }

            /// <summary>
            /// <c>[.. db.Blogs.Include(b =&gt; b.Posts).Include(b =&gt; b.Tags)]</c>: the collection expression runs the query it
            /// spreads. A syntax action, so that a spread local holding the query is seen as well as a spread call.
            /// </summary>
            public void AnalyzeSpread(SyntaxNodeAnalysisContext context)
            {
                if (context.SemanticModel.GetOperation(((SpreadElementSyntax)context.Node).Expression, context.CancellationToken) is { } query
                    && EfQueryModel.MaySpreadAQuery(query, types)
                    && Find(query, context.CancellationToken) is { } diagnostic)
                {
                    context.ReportOutsideGeneratedCode(diagnostic);
                }
            }

            private Diagnostic? Find(IOperation operation, CancellationToken cancellationToken)
            {
                // Two collection paths take two Include calls written in the method that executes the query (locals are
                // followed) or in a member of the same file whose query it starts at, or navigations the model
                // auto-includes beside them: a call in a file with too few is ruled out before it is classified. The
                // model's auto-includes are read only from the files that call AutoInclude, once per compilation.
                var includeCalls = CollectionIncludeModel.IncludeCallsAround(operation.Syntax, cancellationToken);
                if (includeCalls < 2 && includeCalls + autoIncludes(cancellationToken).MostPerEntity < 2
                    && !CollectionIncludeModel.TreeHasAMemberIncludingTwice(operation.Syntax.SyntaxTree, cancellationToken))
                {
                    return null;
                }

                var found = CollectionIncludeModel.TryFind(operation, types, autoIncludes, isSplitByDefault, cancellationToken);
                return found == null
                    ? null
                    : Diagnostic.Create(
                        Descriptors.PERF108CartesianExplosion,
                        GetLocation(found.Execution),
                        found.First,
                        found.Second,
                        found.AutoIncludedNote);
            }
        }

        /// <summary>The executing call from its name on (<c>ToListAsync()</c>), the collection a foreach enumerates, or the spread query.</summary>
        internal static Location GetLocation(EfExecution execution)
        {
            var syntax = execution.Operation.Syntax;
            if (execution.IsSpread)
            {
                return syntax.GetLocation();
            }

            if (execution.Operation is IForEachLoopOperation loop)
            {
                return loop.Collection.Syntax.GetLocation();
            }

            return CallLocations.FromCalledName(syntax);
        }
    }
}
