using System.Collections.Immutable;
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
    /// PERF101: an EF Core query executed once per iteration of a loop or of a per-element lambda (N+1 queries).
    /// Explicit loading through <c>Entry(..)</c> is PERF103's; paging, retry and exit-after-query loops are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF101QueryInLoopAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property set when the query reads nothing that changes per iteration.</summary>
        public const string LoopInvariantProperty = "LoopInvariant";

        /// <summary>
        /// Diagnostic property set when the query runs inside a method the loop calls: the hoisting fix does not apply
        /// (docs/rules/PERF101.md, "through a call").
        /// </summary>
        public const string ThroughCallProperty = "ThroughCall";

        /// <summary>
        /// Diagnostic property set when the query is handed to a method that enumerates it (<c>string.Join(',', query)</c>):
        /// no hoisting fix, which rewrites a call that runs the query.
        /// </summary>
        public const string HandedToMethodProperty = "HandedToMethod";

        private const string HoistSuffix = "; it does not depend on the loop, so run it once before the loop";

        // A lambda that a method of the application calls in its loop: the query can run once before that call.
        private const string BeforeTheCallSuffix = "; it does not depend on the element, so run it once before the call";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF101QueryInLoop);

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

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation, OperationKind.Loop);
                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeMethodGroup(c, types), OperationKind.MethodReference);
                start.RegisterSyntaxNodeAction(c => AnalyzeSpread(c, types), SyntaxKind.SpreadElement);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            // A query passed as a sequence to a method that enumerates it per element: the loop is in the called method.
            if (context.Operation is IInvocationOperation { TargetMethod.DeclaringSyntaxReferences.IsEmpty: false } sourceCall)
            {
                AnalyzeSequenceArguments(context, sourceCall, types);
            }

            // Both findings need a loop around the operation. Most operations have none, and walking up to find out is
            // far cheaper than classifying a query (which may follow locals and the application's own methods).
            if (!LoopModel.IsInsideLoop(context.Operation, types))
            {
                return;
            }

            // One classification per operation: an invocation that executes no query may still call one that does.
            if (!EfQueryModel.TryGetExecution(context.Operation, types, out var execution))
            {
                if (context.Operation is IInvocationOperation call)
                {
                    if (EfQueryModel.QueryHandedToAnEnumeratingMethod(call, types) is { } handed)
                    {
                        AnalyzeHandedQuery(context, call, handed, types);
                        return;
                    }

                    AnalyzeCall(context, call, types);
                }

                return;
            }

            // A query spread into a collection expression is the spread action's: a spread DbSet or local is no invocation.
            if (!execution.IsSpread && QueryInLoop(execution, types) is { } diagnostic)
            {
                context.ReportOutsideGeneratedCode(diagnostic);
            }
        }

        /// <summary>
        /// <c>List&lt;Tag&gt; tags = [.. db.Tags.Where(t =&gt; t.PostId == post.Id)];</c> in a loop: the collection expression runs
        /// the query it spreads on every iteration, as <c>ToList()</c> would (docs/rules/PERF101.md). A syntax action, so that
        /// a spread <c>DbSet</c> or local is seen as well as a spread call; spreads are rare, so only they are bound. A spread of
        /// a call that runs the query itself (<c>[.. query.ToList()]</c>) is that call's, reported by the operation action.
        /// </summary>
        private static void AnalyzeSpread(SyntaxNodeAnalysisContext context, SemanticContext types)
        {
            var spread = (SpreadElementSyntax)context.Node;
            if (context.SemanticModel.GetOperation(spread.Expression, context.CancellationToken) is { } query
                && LoopModel.IsInsideLoop(query, types)
                && EfQueryModel.TryGetExecution(query, types, out var execution)
                && execution.IsSpread
                && QueryInLoop(execution, types) is { } diagnostic)
            {
                context.ReportOutsideGeneratedCode(diagnostic);
            }
        }

        /// <summary>
        /// <c>record.Urns = string.Join('|', db.Schools.Where(s =&gt; s.Postcode == record.Postcode).Select(s =&gt; s.Urn));</c> in a
        /// loop: the method enumerates the query it is handed, so the query runs on every iteration (docs/rules/PERF101.md).
        /// Reported on the query, named by the method; no fix (the hoist rewrites a call that runs the query).
        /// </summary>
        private static void AnalyzeHandedQuery(OperationAnalysisContext context, IOperation call, IOperation query, SemanticContext types)
        {
            var execution = new EfExecution(query, query, EfQueryModel.EnumeratingMethodName(call), isAsync: false, EfExecutionKind.Materialise, EfQueryModel.GetRoot(query, types));
            if (QueryInLoop(execution, types, handedToMethod: true) is { } diagnostic)
            {
                context.ReportOutsideGeneratedCode(diagnostic);
            }
        }

        /// <summary>
        /// <c>new List&lt;OrderLine&gt;(db.Lines.Where(..))</c> in a loop: the constructor copies the query, running it on
        /// every iteration. Most object creations are of other types, which <see cref="EfQueryModel.QueryHandedToAnEnumeratingMethod"/>
        /// rules out first from the type and argument count.
        /// </summary>
        private static void AnalyzeCreation(OperationAnalysisContext context, SemanticContext types)
        {
            var creation = context.Operation;
            if (EfQueryModel.QueryHandedToAnEnumeratingMethod(creation, types) is { } handed
                && LoopModel.IsInsideLoop(creation, types))
            {
                AnalyzeHandedQuery(context, creation, handed, types);
            }
        }

        /// <summary>The report for a query executed in a loop, or null when the loop or the query is left alone.</summary>
        private static Diagnostic? QueryInLoop(in EfExecution execution, SemanticContext types, bool handedToMethod = false)
        {
            if (execution.Kind == EfExecutionKind.ExplicitLoad
                || execution.Root == EfQueryRoot.EntryQuery
                || !LoopModel.TryGetEnclosingLoop(execution.Operation, types, out var loop)
                || loop == null
                || LoopExclusions.IsExcluded(execution, loop, types)
                || (execution.Kind == EfExecutionKind.Find && IsPreloadedBeforeLoop(execution, loop, types))
                || LoopExclusions.IsBatchLoop(loop, types))
            {
                return null;
            }

            var invariant = !loop.IsWhileOrDo && !loop.DependsOnLoop(execution.Operation is IForEachLoopOperation forEach ? forEach.Collection : execution.Operation);
            var properties = invariant
                ? ImmutableDictionary<string, string?>.Empty.Add(LoopInvariantProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            properties = handedToMethod ? properties.Add(HandedToMethodProperty, "true") : properties;
            return Diagnostic.Create(
                Descriptors.PERF101QueryInLoop,
                GetLocation(execution.Operation),
                properties,
                execution.Name,
                loop.Description,
                !invariant ? "" : loop.IsLoopOfCalledMethod ? BeforeTheCallSuffix : HoistSuffix);
        }

        /// <summary>
        /// A call, inside a loop, of an application method that runs a query on every call (N+1 through a call): reported
        /// at the call with the path to the query. Cheap checks first: a loop, a method declared in source or an interface.
        /// </summary>
        private static void AnalyzeCall(OperationAnalysisContext context, IInvocationOperation call, SemanticContext types)
        {
            // userManager.GetRolesAsync(user) per element: Identity's store runs the query, out of the compilation's sight.
            if (IdentityStoreCalls.QueryName(call, types) is { } storeQuery)
            {
                if (RunSummary.IsCallInLoop(call, types, out var storeLoop) && !LoopExclusions.IsBatchLoop(storeLoop, types))
                {
                    ReportThroughCall(context, call, storeQuery, storeLoop.Description);
                }

                return;
            }

            if (!RunSummary.IsCandidateCallInLoop(call, types, out var loop))
            {
                return;
            }

            var path = RunSummary.Queries.GetPath(call, types);
            if (path.Count == 0 || LoopExclusions.IsBatchLoop(loop, types) || IsClosingFlush(call, types))
            {
                return;
            }

            var suffix = !IsInvariantCall(call, loop) ? "" : loop.IsLoopOfCalledMethod ? BeforeTheCallSuffix : HoistSuffix;
            ReportThroughCall(context, call, call.TargetMethod.Name, RunSummary.DescribeThrough(path, loop), suffix);
        }

        /// <summary>
        /// <c>caseNotes.Select(AddRelatedInformation)</c> where the application's method runs a query: the operator calls it
        /// once per element, an N+1 through a call (docs/rules/PERF101.md, "Through a call"; found in two of a council's
        /// social-care APIs). Reported at the method's name with the path; no fix. Cheap checks first: a method group given
        /// to a framework per-element operator, a method of the application; the summary last.
        /// </summary>
        private static void AnalyzeMethodGroup(OperationAnalysisContext context, SemanticContext types)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            var method = reference.Method;
            if (!LoopModel.IsPerElementMethodGroup(reference, types, out var repetition) || !RunSummary.MaySummarise(method, types))
            {
                return;
            }

            var path = RunSummary.Queries.GetPath(method, types);
            if (path.Count > 0)
            {
                ReportThroughCall(context, reference, method.Name, RunSummary.DescribeThrough(path, repetition));
            }
        }

        /// <summary>
        /// A call that closes a loop's batches (docs/concepts.md#loop-exclusions, 8): right after a loop that makes the
        /// same call as its periodic flush, or, when it saves, after a batch loop (the queries it runs to save are part of
        /// that save). A call that only reads, after a batch loop that does not make it, still runs per outer element.
        /// </summary>
        private static bool IsClosingFlush(IInvocationOperation call, SemanticContext types)
            => LoopExclusions.FlushesTheLastBatchOf(call)
            || (LoopExclusions.ClosesALoopsBatches(call, types) && RunSummary.Saves.GetPath(call, types).Count > 0);

        /// <summary>
        /// A call that reads nothing of the iteration (<c>users.GetUserById(userId)</c> with <c>userId</c> fixed for the
        /// loop): it can run once before the loop. Only for calls that take arguments, in loops that do not write this
        /// object's fields or properties, which the called method may read instead of its arguments.
        /// </summary>
        private static bool IsInvariantCall(IInvocationOperation call, LoopContext loop)
        {
            if (loop.IsWhileOrDo || call.Arguments.Length == 0 || loop.DependsOnLoop(call) || IsChosenPerElement(call, loop))
            {
                return false;
            }

            foreach (var descendant in loop.Loop.Descendants())
            {
                if (descendant is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } }
                    || descendant is IIncrementOrDecrementOperation { Target: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The call runs for some elements only: it sits in a branch of an <c>if</c>, a <c>?:</c> or a <c>switch</c> whose
        /// condition reads the iteration (<c>if (session.Id == current) await SignOut();</c>). Run once before the loop, it
        /// would run where the loop would not have run it, and a called method may write.
        /// </summary>
        private static bool IsChosenPerElement(IOperation call, LoopContext loop)
        {
            var child = call;
            for (var current = call.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case IConditionalOperation conditional when child != conditional.Condition && loop.DependsOnLoop(conditional.Condition):
                    case ISwitchCaseOperation { Parent: ISwitchOperation { Value: var switched } } when loop.DependsOnLoop(switched):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>items.Join(db.Brands, ..)</c> where <c>Join</c> takes <c>IEnumerable&lt;Brand&gt; brands</c> and runs
        /// <c>brands.FirstOrDefault(..)</c> for each item: every enumeration of the query runs it and reads all its rows
        /// (docs/rules/PERF101.md, "A query passed as a sequence"; found in TailwindTraders' product controllers). Reported
        /// at the argument; cheap checks (a sequence parameter, a queryable argument) before the query and the callee.
        /// </summary>
        private static void AnalyzeSequenceArguments(OperationAnalysisContext context, IInvocationOperation call, SemanticContext types)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter
                    || argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Value.WalkDownConversion() is not { Type: { } argumentType } value
                    || !types.IsQueryable(argumentType)
                    || !EfQueryModel.IsEfQuery(value, types)
                    || !SequenceParameterLoops.IsEnumeratedPerElement(parameter, types))
                {
                    continue;
                }

                // A method taking an IQueryable may run EF Core's own async operators on it (AnyAsync), which a list does not
                // support: the method has to change with the argument.
                var queryable = types.IsQueryable(parameter.Type);
                context.ReportOutsideGeneratedCode(Diagnostic.Create(
                    Descriptors.PERF101QueryInLoop,
                    value.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(ThroughCallProperty, "true"),
                    QueryName(value),
                    $"each time '{call.TargetMethod.Name}' {(queryable ? "runs" : "enumerates")} it as '{parameter.Name}' in a loop",
                    queryable
                        ? $"; load its rows once before the call and have '{call.TargetMethod.Name}' search them in memory"
                        : "; load it once before the call and pass the list"));
            }
        }

        // db.Brands → 'Brands'; a local or a parameter by its name; anything else by its text, shortened.
        private static string QueryName(IOperation value)
            => value switch
            {
                IPropertyReferenceOperation property => property.Property.Name,
                IFieldReferenceOperation field => field.Field.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                _ => Shortened(value.Syntax.ToString()),
            };

        private static string Shortened(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

        /// <summary>A query the loop reaches through a call: no fix (there is no query in the loop to hoist or batch).</summary>
        private static void ReportThroughCall(OperationAnalysisContext context, IOperation call, string name, string description, string suffix = "")
            => context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF101QueryInLoop,
                call.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ThroughCallProperty, "true"),
                name,
                description,
                suffix));

        /// <summary>
        /// Find answers from the change tracker without a query when the entity is tracked: a tracking query that
        /// materialises the same entity type before the loop (ToList, Load …, no AsNoTracking) is the preload idiom.
        /// </summary>
        private static bool IsPreloadedBeforeLoop(in EfExecution find, LoopContext loop, SemanticContext types)
        {
            var entity = FindEntityType(find);
            if (entity == null)
            {
                return false;
            }

            var invocations = OperationTreeIndex.For(loop.Loop).Invocations;
            for (var i = 0; i < invocations.Count; i++)
            {
                var invocation = invocations[i];
                if (invocation.Syntax.SpanStart < loop.Loop.Syntax.SpanStart
                    && EfQueryModel.TryGetExecution(invocation, types, out var execution)
                    && execution.Kind == EfExecutionKind.Materialise
                    && execution.Query?.Type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments }
                    && SymbolEqualityComparer.Default.Equals(arguments[0], entity)
                    && !HasNoTracking(execution.Query, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static ITypeSymbol? FindEntityType(in EfExecution find)
        {
            if (find.Operation is IInvocationOperation invocation)
            {
                if (invocation.TargetMethod.IsGenericMethod && invocation.TargetMethod.TypeArguments.Length == 1)
                {
                    return invocation.TargetMethod.TypeArguments[0];
                }

                if (invocation.Instance?.Type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments })
                {
                    return arguments[0];
                }
            }

            return null;
        }

        private static bool HasNoTracking(IOperation query, SemanticContext types)
        {
            foreach (var call in EfQueryModel.GetOperators(query, types))
            {
                if (call.TargetMethod.Name.StartsWith("AsNoTracking", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The executing call (from the receiver to the closing parenthesis), or a foreach loop's collection.</summary>
        internal static Location GetLocation(IOperation operation)
            => operation.Syntax is CommonForEachStatementSyntax loop
                ? loop.Expression.GetLocation()
                : EfQueryModel.WholeQueryExpression(operation).Syntax.GetLocation();
    }
}
