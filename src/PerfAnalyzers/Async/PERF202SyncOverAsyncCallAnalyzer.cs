using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF202: a synchronous call in async code or a request handler where an async counterpart exists — by the
    /// general lookup (<see cref="AsyncCounterpartLookup"/>), or for an EF Core query executed through a LINQ
    /// operator, its <c>EntityFrameworkQueryableExtensions.…Async</c> form. The diagnostic carries the async method's
    /// name, whether it takes a CancellationToken, and its extension namespace for the fix.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF202SyncOverAsyncCallAnalyzer : DiagnosticAnalyzer
    {
        public const string AsyncNameProperty = "AsyncName";
        public const string TakesTokenProperty = "TakesToken";
        public const string ExtensionNamespaceProperty = "ExtensionNamespace";
        public const string TokenParameterProperty = "TokenParameter";
        public const string SyncParameterCountProperty = "SyncParameterCount";
        public const string ExcludedSymbolsOption = "excluded_symbols";

        /// <summary>Set to <see cref="ForEachShape"/> on a report of a synchronous <c>foreach</c> over an EF query.</summary>
        public const string ShapeProperty = "Shape";
        public const string ForEachShape = "ForEach";

        /// <summary>Set on a report of an EF query handed to one of EF Core's range methods, which enumerates it.</summary>
        public const string RangeArgumentShape = "RangeArgument";

        /// <summary>Set on a report of a call to a synchronous method of the application that waits on the database: no fix.</summary>
        public const string ThroughCallShape = "ThroughCall";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF202SyncOverAsyncCall);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.Task == null)
                {
                    return;
                }

                var scope = new AsyncScope(types, start.Options, DiagnosticIds.SyncOverAsyncCall);
                var exclusions = new PerTreeOptions<ImmutableHashSet<string>>(start.Options, ParseExclusions);
                start.RegisterOperationAction(c => Analyze(c, types, scope, exclusions), OperationKind.Invocation);
                if (types.ReferencesEfCore && types.EntityFrameworkQueryableExtensions != null)
                {
                    start.RegisterOperationAction(c => AnalyzeForEach(c, types, scope), OperationKind.Loop);
                    start.RegisterSyntaxNodeAction(c => AnalyzeSpread(c, types, scope), SyntaxKind.SpreadElement);
                    start.RegisterOperationAction(c => AnalyzeHandedQuery(c, c.Operation, types, scope), OperationKind.ObjectCreation);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types, AsyncScope scope, PerTreeOptions<ImmutableHashSet<string>> exclusions)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            // Any range method is left here, whatever its type (a repository's AddRange is not judged by its twin); EF Core's
            // AddRangeAsync too, before the async names are set aside: it enumerates the query synchronously inside the call
            // (Bitwarden's group membership updates).
            if (method.Name is "AddRange" or "RemoveRange" or "UpdateRange" or "AttachRange" || EfQueryModel.EnumeratesItsSequenceArgument(method, types))
            {
                AnalyzeHandedQuery(context, invocation, types, scope);
                return;
            }

            var receiver = (invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null));
            receiver = receiver == null ? null : Infrastructure.OperationExtensions.WalkDownConversion(receiver);

            if (method.Name.EndsWith("Async", StringComparison.Ordinal) || method.Name == "Dispose")
            {
                // A method of this project named for async work that returns no task (a PersonConnectionsAsync(id)
                // returning an array it queried with ToArray()) blocks like any other synchronous helper. Most calls named
                // so are the framework's, ruled out by their assembly before anything else is read; the helper check rules
                // out async and task-returning methods.
                if (method.Name.Length > "Async".Length && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, context.Compilation.Assembly))
                {
                    AnalyzeBlockingHelper(context, invocation, receiver, types, scope, exclusions);
                }

                return;
            }

            // Most calls have no async counterpart at all: ruled out by name, from the member names the compiler keeps
            // per type, before any other check (reading a method's return type or kind through the public API allocates).
            // EF Core's counterparts (ToListAsync for ToList) exist only for a query: in-memory LINQ (list.ToList(),
            // items.Count()) is ruled out here too, by the member names of Enumerable.
            var mayExecuteEfQuery = types.HasEfAsyncCounterpartName(method.Name) && receiver != null && types.IsQueryable(receiver.Type);
            if (!mayExecuteEfQuery && !AsyncCounterpartLookup.MayHaveCounterpart(method, receiver?.Type))
            {
                AnalyzeBlockingHelper(context, invocation, receiver, types, scope, exclusions);
                return;
            }

            if (types.IsTaskLike(method.ReturnType) || types.IsTaskLike(method.ContainingType) || method.MethodKind != MethodKind.Ordinary)
            {
                return;
            }

            if (IsExcluded(method, receiver, types) || (method.Name == "Wait" && PERF201BlockingWaitAnalyzer.IsZeroTimeout(invocation, types)) || IsUserExcluded(method, receiver?.Type, exclusions.Get(invocation.Syntax.SyntaxTree))
                || ReadsOnlyInMemoryStreams(invocation, types) || IsReaderOverMemoryOrConsole(receiver, types))
            {
                return;
            }

            var counterpart = FindEfCounterpart(invocation, receiver, types)
                ?? AsyncCounterpartLookup.Find(method, receiver?.Type, types, context.Compilation, context.ContainingSymbol.ContainingType);
            if (counterpart == null)
            {
                // A namesake that is no counterpart (GetAllAsync(filter, ..) beside GetAll()) leaves the call to be judged by
                // its body, as any method without one; not inside that namesake, which wraps the call on purpose. A NameAsync
                // of another class that wraps the call (Task.FromResult(repository.GetAll())) is no namesake: it blocks.
                if (!mayExecuteEfQuery && context.ContainingSymbol.Name != method.Name + "Async")
                {
                    AnalyzeBlockingHelper(context, invocation, receiver, types, scope, exclusions);
                }

                return;
            }

            if (IsInsideTheCounterpart(counterpart, context.ContainingSymbol) || !scope.IsInScope(invocation, context.ContainingSymbol)
                || UsesXmlWithoutAsync(invocation, receiver, types) || RunsBothHooks(invocation, counterpart) || SkipsTheReceiversOverride(invocation, receiver, counterpart) || OpensWithoutReading(invocation, receiver, types)
                || OnlyAddsToAContext(method, types))
            {
                return;
            }

            var takesToken = TakesToken(method, counterpart);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(AsyncNameProperty, AwaitedTypeFits(invocation, counterpart, types) ? counterpart.Name : null)
                .Add(TakesTokenProperty, takesToken ? "true" : "false")
                .Add(TokenParameterProperty, takesToken ? counterpart.Parameters[counterpart.Parameters.Length - 1].Name : null)
                .Add(SyncParameterCountProperty, ExplicitParameterCount(invocation).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add(ExtensionNamespaceProperty, counterpart.IsExtensionMethod ? counterpart.ContainingNamespace.ToDisplayString() : null);
            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF202SyncOverAsyncCall, invocation.Syntax.GetLocation(), properties, method.Name, counterpart.Name, string.Empty, string.Empty));
        }

        /// <summary>
        /// <c>UpdateTitles(schedule)</c> in async code, where <c>UpdateTitles</c> is a synchronous method of the application
        /// that runs an EF query or saves without awaiting (<c>db.Appointments.Where(..).ToList()</c>), itself or through
        /// synchronous methods it calls (<see cref="RunSummary.Blocks"/>): the thread waits on the database as if the
        /// query were written here (docs/rules/PERF202.md, "Through a synchronous method"). Only in async code: a synchronous
        /// request handler calling it is synchronous throughout. No fix: the method needs an async twin, which only its
        /// author can write. Reached only for calls without an async counterpart by name, so cheap checks come first and
        /// the summary last.
        /// </summary>
        private static void AnalyzeBlockingHelper(OperationAnalysisContext context, IInvocationOperation invocation, IOperation? receiver, SemanticContext types, AsyncScope scope, PerTreeOptions<ImmutableHashSet<string>> exclusions)
        {
            var method = invocation.TargetMethod;
            if (!types.ReferencesEfCore
                || method.MethodKind != MethodKind.Ordinary
                || method.IsAsync
                || (method.ContainingType?.TypeKind != TypeKind.Interface && !types.IsDeclaredByApplication(method.OriginalDefinition))
                || types.IsLinqOperatorClass(method.ContainingType)
                || types.IsTaskLike(method.ReturnType)
                || IsAsyncSequence(method.ReturnType)
                || !scope.IsInAsyncCode(invocation, context.ContainingSymbol)
                || EfQueryModel.IsInsideExpressionTree(invocation, types)
                || RunSummary.SchedulesForLater(invocation)
                || IsUserExcluded(method, receiver?.Type, exclusions.Get(invocation.Syntax.SyntaxTree)))
            {
                return;
            }

            // Reading a method of this project binds its body: only for one that can reach a database (below).
            if (types.IsDeclaredInCompilation(method) && method.ContainingType?.TypeKind != TypeKind.Interface && !MayReachADatabase(method, types))
            {
                return;
            }

            var path = RunSummary.Blocks.GetPath(invocation, types);
            if (path.Count == 0)
            {
                return;
            }

            // No AsyncName: nothing for the fix to call. A helper already named ...Async is to return a task under its name.
            var namedAsync = method.Name.EndsWith("Async", StringComparison.Ordinal);
            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF202SyncOverAsyncCall,
                invocation.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, ThroughCallShape),
                method.Name,
                namedAsync ? method.Name : method.Name + "Async",
                " ('" + string.Join("' → '", path) + "')",
                namedAsync ? "make it return a task and " : "write an async version of it and "));
        }

        // IAsyncEnumerable<T> (or IAsyncEnumerator<T>): streamed asynchronously by whoever enumerates it.
        private static bool IsAsyncSequence(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "IAsyncEnumerable" or "IAsyncEnumerator", ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } } };

        /// <summary>
        /// Whether a synchronous method of this project can reach a database, told from its declaration without binding its
        /// body (docs/rules/PERF202.md, "Through a synchronous method"): it takes a context, a set, a query, a factory of
        /// contexts or an interface of the application; or it is an instance method of a class (or an application base
        /// class) holding such a value or any other class of the application, in a field, a property or a constructor
        /// parameter. A static helper given only plain values (a mapper, a validator) is not read.
        /// </summary>
        private static bool MayReachADatabase(IMethodSymbol method, SemanticContext types)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsDataAccess(parameter.Type, types, classesCount: false))
                {
                    return true;
                }
            }

            if (method.IsStatic)
            {
                return false;
            }

            for (var type = method.ContainingType; type != null && types.IsDeclaredByApplication(type.OriginalDefinition); type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    var held = member switch
                    {
                        IFieldSymbol { IsStatic: false } field => field.Type,
                        IPropertySymbol { IsStatic: false } property => property.Type,
                        _ => null,
                    };
                    if (held != null && IsDataAccess(held, types, classesCount: true))
                    {
                        return true;
                    }
                }

                foreach (var constructor in type.InstanceConstructors)
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        if (IsDataAccess(parameter.Type, types, classesCount: true))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsDataAccess(ITypeSymbol type, SemanticContext types, bool classesCount)
        {
            if (types.IsDbContext(type) || types.IsDbSet(type) || types.IsQueryable(type))
            {
                return true;
            }

            if (type is ITypeParameterSymbol typeParameter)
            {
                // Repository<TContext> where TContext : DbContext: the constraints say what the value can be. A constraint
                // that is itself a type parameter is not followed.
                foreach (var constraint in typeParameter.ConstraintTypes)
                {
                    if (constraint is not ITypeParameterSymbol && IsDataAccess(constraint, types, classesCount))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                // IDbContextFactory<AppDb>, Lazy<AppDb>, Func<AppDb>, IDbContextFactory<TContext>.
                foreach (var argument in generic.TypeArguments)
                {
                    if (types.IsDbContext(argument) || DeclaredDataAccess.IsConstrainedToDbContext(argument, types))
                    {
                        return true;
                    }
                }
            }

            return types.IsDeclaredByApplication(type.OriginalDefinition)
                && (type.TypeKind == TypeKind.Interface || (classesCount && type.TypeKind == TypeKind.Class));
        }

        /// <summary>
        /// <c>foreach (var order in db.Orders.Where(..))</c> in async code: the loop executes the query and reads its rows
        /// synchronously, each <c>MoveNext</c> waiting on the database. <c>await foreach</c> over <c>AsAsyncEnumerable()</c>
        /// reads the same rows the same way without holding the thread (docs/rules/PERF202.md). Only a collection whose
        /// type is a query: an <c>IEnumerable</c> the query model traces to EF (a method returning the query as a sequence)
        /// has no <c>AsAsyncEnumerable</c> to await.
        /// </summary>
        private static void AnalyzeForEach(OperationAnalysisContext context, SemanticContext types, AsyncScope scope)
        {
            if (context.Operation is not IForEachLoopOperation { IsAsynchronous: false } loop
                || !types.IsQueryable(loop.Collection.WalkDownConversion().Type)
                || loop.Syntax is not CommonForEachStatementSyntax statement
                || !scope.IsInScope(loop, context.ContainingSymbol)
                || !EfQueryModel.TryGetExecution(loop, types, out _))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, ForEachShape);
            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF202SyncOverAsyncCall, statement.Expression.GetLocation(), properties, "foreach", "foreach", string.Empty, string.Empty));
        }

        /// <summary>
        /// <c>db.Tags.RemoveRange(db.Tags.Where(t =&gt; t.PostId == id))</c> in async code: EF Core's range methods enumerate the
        /// sequence they are given, so a query handed to them runs and is read synchronously (found in TASVideos' publication
        /// editor); so do <c>string.Join</c>/<c>Concat</c>, <c>List&lt;T&gt;.AddRange</c>/<c>InsertRange</c> and
        /// <c>new List&lt;T&gt;(query)</c> / <c>new HashSet&lt;T&gt;(query)</c> (<see cref="EfQueryModel.QueryHandedToAnEnumeratingMethod"/>,
        /// which rules other calls and types out first). Awaiting <c>ToListAsync()</c> on the argument reads the same rows
        /// without blocking (docs/rules/PERF202.md). <c>AddRangeAsync</c> enumerates its argument synchronously too, so it is
        /// no way out for <c>AddRange</c>.
        /// </summary>
        private static void AnalyzeHandedQuery(OperationAnalysisContext context, IOperation call, SemanticContext types, AsyncScope scope)
        {
            if (types.ReferencesEfCore
                && EfQueryModel.QueryHandedToAnEnumeratingMethod(call, types) is { } query
                && scope.IsInScope(call, context.ContainingSymbol))
            {
                context.ReportOutsideGeneratedCode(LoadFirst(query.Syntax.GetLocation(), EfQueryModel.EnumeratingMethodName(call)));
            }
        }

        /// <summary>
        /// <c>[.. db.Tags.Where(t =&gt; t.PostId == id)]</c> in async code: a collection expression enumerates what it spreads,
        /// so a spread EF query (a call, a <c>DbSet</c>, a local holding a query) runs and is read synchronously, as
        /// <c>ToList()</c> would (the IDE offers the spread in place of <c>ToList()</c>, IDE0305). Awaiting <c>ToListAsync()</c>
        /// on it reads the same rows without blocking (docs/rules/PERF202.md); the fix is the range argument's. A syntax
        /// action: spreads are rare, so only they are bound.
        /// </summary>
        private static void AnalyzeSpread(SyntaxNodeAnalysisContext context, SemanticContext types, AsyncScope scope)
        {
            var spread = (SpreadElementSyntax)context.Node;
            if (context.ContainingSymbol is not { } containing
                || context.SemanticModel.GetOperation(spread.Expression, context.CancellationToken) is not { } query
                || !EfQueryModel.IsSpreadQuery(query, types)
                || !scope.IsInScope(query, containing))
            {
                return;
            }

            context.ReportOutsideGeneratedCode(LoadFirst(spread.Expression.GetLocation(), EfQueryModel.SpreadName));
        }

        // A query read whole by what it is handed to (a range method, a spread): the fix loads it first with ToListAsync().
        private static readonly ImmutableDictionary<string, string?> LoadFirstProperties = ImmutableDictionary<string, string?>.Empty
            .Add(ShapeProperty, RangeArgumentShape)
            .Add(AsyncNameProperty, "ToListAsync");

        /// <summary><c>'RemoveRange' blocks on I/O; await 'ToListAsync' instead</c>, on the query <paramref name="location"/> covers.</summary>
        private static Diagnostic LoadFirst(Location location, string readBy)
            => Diagnostic.Create(Descriptors.PERF202SyncOverAsyncCall, location, LoadFirstProperties, readBy, "ToListAsync", string.Empty, string.Empty);

        /// <summary>
        /// The awaited counterpart gives what the call gave: the same type, or the result is not used. Otherwise the fix
        /// could break the code (<c>SqlConnection.BeginTransaction()</c> is a <c>SqlTransaction</c>, the base's
        /// <c>BeginTransactionAsync</c> a <c>DbTransaction</c> that a <c>SqlCommand</c> does not take), so none is offered.
        /// </summary>
        private static bool AwaitedTypeFits(IInvocationOperation invocation, IMethodSymbol counterpart, SemanticContext types)
        {
            if (invocation.Parent is IExpressionStatementOperation || invocation.TargetMethod.ReturnsVoid)
            {
                return true;
            }

            // Only a narrower sync type is a problem: the awaited value is then a base class of what the code used.
            var awaited = types.AwaitedType(counterpart.ReturnType);
            var used = invocation.TargetMethod.ReturnType;
            return SymbolEqualityComparer.Default.Equals(awaited, counterpart.ReturnType)
                || awaited is not INamedTypeSymbol { IsGenericType: false, TypeKind: TypeKind.Class } awaitedClass
                || SymbolEqualityComparer.Default.Equals(awaitedClass, used)
                || !SymbolFacts.IsOrDerivesFrom(used, awaitedClass);
        }

        /// <summary>The parameters written in the argument list: an extension method called as x.M() takes its "this" from x.</summary>
        private static int ExplicitParameterCount(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var reduced = method.IsExtensionMethod && invocation.Arguments.Length > 0
                && invocation.Arguments[0].Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax;
            return method.Parameters.Length - (reduced ? 1 : 0);
        }

        /// <summary>A params sync method (<c>Find(params object[])</c>) keeps its call shape: a token would become a key value.</summary>
        private static bool TakesToken(IMethodSymbol method, IMethodSymbol counterpart)
            => AsyncCounterpartLookup.TakesExtraToken(method, counterpart)
            && (method.Parameters.Length == 0 || !method.Parameters[method.Parameters.Length - 1].IsParams);

        /// <summary><c>query.ToList()</c> on an EF query → <c>EntityFrameworkQueryableExtensions.ToListAsync</c>.</summary>
        private static IMethodSymbol? FindEfCounterpart(IInvocationOperation invocation, IOperation? receiver, SemanticContext types)
        {
            if (!types.ReferencesEfCore || types.EntityFrameworkQueryableExtensions == null || receiver == null || !types.IsQueryable(receiver.Type)
                || !EfQueryModel.TryGetExecution(invocation, types, out var execution) || execution.IsAsync || execution.IsSpread
                || execution.Kind is EfExecutionKind.Find or EfExecutionKind.ExplicitLoad or EfExecutionKind.Enumerate)
            {
                return null;
            }

            var parameterCount = invocation.TargetMethod.Parameters.Length;
            IMethodSymbol? best = null;
            foreach (var member in types.EntityFrameworkQueryableExtensions.GetMembers(invocation.TargetMethod.Name + "Async"))
            {
                if (member is IMethodSymbol candidate
                    && candidate.Parameters.Length == parameterCount + 1
                    && SymbolFacts.Is(candidate.Parameters[parameterCount].Type, types.CancellationToken)
                    && SameShape(invocation.TargetMethod.OriginalDefinition, candidate))
                {
                    best = candidate;
                }
            }

            return best;
        }

        /// <summary>
        /// Parameters after the source agree on their generic definition (an Expression stays an Expression). Both methods
        /// are compared as declared: <c>Contains&lt;int&gt;(source, 5)</c> constructed has an <c>int</c> where
        /// <c>ContainsAsync</c> declares <c>TSource</c>.
        /// </summary>
        private static bool SameShape(IMethodSymbol sync, IMethodSymbol candidate)
        {
            for (var i = 1; i < sync.Parameters.Length; i++)
            {
                var left = sync.Parameters[i].Type;
                var right = candidate.Parameters[i].Type;
                if (left.TypeKind == TypeKind.TypeParameter || right.TypeKind == TypeKind.TypeParameter)
                {
                    if (left.TypeKind != right.TypeKind)
                    {
                        return false;
                    }

                    continue;
                }

                if (left.OriginalDefinition.MetadataName != right.OriginalDefinition.MetadataName)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>public Task&lt;bool&gt; ExistsAsync() =&gt; Task.FromResult(Exists());</c>: the call sits in the twin the advice
        /// would send it to (or in an override of it), so the advice would call itself (found in Smartstore).
        /// </summary>
        private static bool IsInsideTheCounterpart(IMethodSymbol counterpart, ISymbol containingSymbol)
        {
            for (var method = containingSymbol as IMethodSymbol; method != null; method = method.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, counterpart.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>notes = ExecuteJob(provider); notes += await ExecuteJobAsync(provider);</c> in a base class: a virtual method of
        /// its own and its async twin both called on <c>this</c> in one body are two hooks that derived classes override one
        /// or the other of; awaiting the async one instead would skip the jobs that override only the sync one (found in
        /// Oqtane's <c>HostedServiceBase</c>).
        /// </summary>
        private static bool RunsBothHooks(IInvocationOperation invocation, IMethodSymbol counterpart)
        {
            var method = invocation.TargetMethod;
            if (invocation.Instance is not IInstanceReferenceOperation || !(method.IsVirtual || method.IsAbstract || method.IsOverride))
            {
                return false;
            }

            foreach (var call in OperationTreeIndex.For(invocation).Invocations)
            {
                if (call.Instance is IInstanceReferenceOperation
                    && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, counterpart.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>vm.DoAdd()</c> where the receiver's class overrides <c>DoAdd</c> and not <c>DoAddAsync</c>, which a base class
        /// declares next to it: awaiting the async method would run the base class's version and skip the override's work
        /// (found in WalkingTec.Mvvm, whose view models override only the synchronous <c>DoAdd</c>/<c>DoEdit</c> to save
        /// their many-to-many links). Read along the receiver's base classes, from its own type to the counterpart's.
        /// </summary>
        private static bool SkipsTheReceiversOverride(IInvocationOperation invocation, IOperation? receiver, IMethodSymbol counterpart)
        {
            var method = invocation.TargetMethod;
            if (!(method.IsVirtual || method.IsAbstract || method.IsOverride) || receiver?.Type is not INamedTypeSymbol receiverType
                || counterpart.IsExtensionMethod || counterpart.IsStatic)
            {
                return false;
            }

            var counterpartClass = counterpart.ContainingType.OriginalDefinition;
            for (var type = receiverType; type != null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, counterpartClass))
                {
                    return false;
                }

                // Any overload of the counterpart's name: DbContext.SaveChangesAsync(ct) runs the overridden
                // SaveChangesAsync(bool, ct), as SaveChanges() runs SaveChanges(bool) (found in OoS-Backend's soft delete).
                if (type.GetMembers(counterpart.Name).Any(member => member is IMethodSymbol { IsOverride: true }))
                {
                    return false;
                }

                foreach (var member in type.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol { IsOverride: true } candidate && Overrides(candidate, method) && !OnlyCallsBase(candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>public override void DoAdd() { base.DoAdd(); }</c>, as code generators write them: the override adds nothing
        /// that the base class's async twin would skip. Read from syntax; an override without source does work of its own.
        /// </summary>
        private static bool OnlyCallsBase(IMethodSymbol method)
        {
            var references = method.DeclaringSyntaxReferences;
            if (references.Length != 1 || references[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            var single = declaration.ExpressionBody?.Expression
                ?? (declaration.Body is { Statements: { Count: 1 } statements }
                    ? statements[0] switch
                    {
                        ExpressionStatementSyntax statement => statement.Expression,
                        ReturnStatementSyntax statement => statement.Expression,
                        _ => null,
                    }
                    : null);
            if (single is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax, Name: var name } } call
                || name.Identifier.ValueText != method.Name
                || call.ArgumentList.Arguments.Count != method.Parameters.Length)
            {
                return false;
            }

            for (var i = 0; i < method.Parameters.Length; i++)
            {
                if (call.ArgumentList.Arguments[i] is not { NameColon: null, Expression: IdentifierNameSyntax argument }
                    || argument.Identifier.ValueText != method.Parameters[i].Name)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The two are the same virtual method, one overriding the other (the call may name either).</summary>
        private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
            => SymbolEqualityComparer.Default.Equals(FirstDeclaration(candidate), FirstDeclaration(method));

        private static IMethodSymbol FirstDeclaration(IMethodSymbol method)
        {
            var first = method.OriginalDefinition;
            for (var depth = 0; first.OverriddenMethod != null && depth < 32; depth++)
            {
                first = first.OverriddenMethod.OriginalDefinition;
            }

            return first;
        }

        /// <summary>
        /// An <c>XmlWriter</c>/<c>XmlReader</c> (the receiver, or an argument the counterpart would drive: <c>doc.Save(writer)</c>)
        /// runs its <c>…Async</c> methods only when <c>XmlWriter.Create</c>/<c>XmlReader.Create</c> made it with settings
        /// whose <c>Async</c> is true; otherwise they throw (<c>InvalidOperationException</c>, <c>NotImplementedException</c>
        /// from <c>XmlTextWriter</c>/<c>XmlTextReader</c>). True unless every such object is a local seen created that way.
        /// </summary>
        private static bool UsesXmlWithoutAsync(IInvocationOperation invocation, IOperation? receiver, SemanticContext types)
        {
            if (receiver != null && IsXmlWriterOrReader(receiver.Type, types) && !IsAsyncXml(receiver, types))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value != receiver && IsXmlWriterOrReader(value.Type, types) && !IsAsyncXml(value, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsXmlWriterOrReader(ITypeSymbol? type, SemanticContext types)
            => type != null && (SymbolFacts.IsOrDerivesFrom(type, types.XmlWriter) || SymbolFacts.IsOrDerivesFrom(type, types.XmlReader));

        /// <summary><c>XmlWriter.Create(.., settings)</c> (or a local it initialises) whose settings set <c>Async = true</c>.</summary>
        private static bool IsAsyncXml(IOperation value, SemanticContext types)
        {
            value = OnlyValueOf(value);
            if (value is not IInvocationOperation { TargetMethod.Name: "Create" } create
                || !(SymbolFacts.Is(create.TargetMethod.ContainingType, types.XmlWriter) || SymbolFacts.Is(create.TargetMethod.ContainingType, types.XmlReader)))
            {
                return false;
            }

            foreach (var argument in create.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if ((SymbolFacts.Is(parameterType, types.XmlWriterSettings) || SymbolFacts.Is(parameterType, types.XmlReaderSettings))
                    && SetsAsync(argument.Value.WalkDownConversion()))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>new XmlWriterSettings { Async = true, .. }</c>, in the call or as the only value of a local whose
        /// <c>Async</c> is not set again later (<c>settings.Async = false</c>).
        /// </summary>
        private static bool SetsAsync(IOperation settings)
        {
            if (settings is ILocalReferenceOperation local && SetsAsyncLater(local))
            {
                return false;
            }

            if (OnlyValueOf(settings) is not IObjectCreationOperation { Initializer: { } initializer })
            {
                return false;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Async" }, Value.ConstantValue: { HasValue: true, Value: true } })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SetsAsyncLater(ILocalReferenceOperation settings)
        {
            foreach (var occurrence in OperationTreeIndex.For(settings).Occurrences(settings.Local))
            {
                if (occurrence.Parent is IPropertyReferenceOperation { Property.Name: "Async" } property
                    && property.Parent is IAssignmentOperation assignment && assignment.Target == property)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The only value ever written to a local (<c>using var writer = XmlWriter.Create(..)</c>), or the operation itself:
        /// a writer declared async and then reassigned (<c>writer = new XmlTextWriter(..)</c>) is not taken as async.
        /// </summary>
        private static IOperation OnlyValueOf(IOperation value)
        {
            if (value is not ILocalReferenceOperation local)
            {
                return value;
            }

            return EfQueryModel.TryGetSingleValue(local, out var written) && written != null ? written.WalkDownConversion() : value;
        }

        /// <summary>
        /// <c>entry = zip.CreateEntry(path); using (var stream = entry.Open())</c>: the value a local was given by the
        /// statement right before the one that makes the call, in the same block, when the local has other values elsewhere
        /// (found in Damselfly's export, which creates the entry from a file in one branch and empty in the other).
        /// </summary>
        private static IOperation? ValueJustAssigned(IInvocationOperation invocation, IOperation receiver)
        {
            if (receiver is not ILocalReferenceOperation { Local: var local })
            {
                return null;
            }

            if (invocation.StatementInBlock(out var block) is not { } statement || block.Operations.IndexOf(statement) is not (> 0 and var index))
            {
                return null;
            }

            return block.Operations[index - 1] is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment }
                && SymbolEqualityComparer.Default.Equals(target.Local, local)
                ? assignment.Value.WalkDownConversion()
                : null;
        }

        /// <summary>
        /// <c>zip.CreateEntry(answer.Value)</c> where the name's type is missing (a package the build cannot see): the call
        /// does not bind, but still has the entry's type, and is the same creation (found in an admin site's file export).
        /// </summary>
        private static bool IsUnboundCreateEntry(IOperation? created, SemanticContext types)
            => created is IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateEntry" } } } invalid
            && SymbolFacts.Is(invalid.Type, types.ZipArchiveEntry);

        /// <summary>
        /// <c>entry.Open()</c> on an entry the code has just created (<c>zip.CreateEntry(..)</c>, directly or as the only
        /// value of a local), or <c>ZipFile.Open(path, ZipArchiveMode.Create)</c>: neither reads anything, and their async
        /// twins do the same work synchronously, so awaiting them removes no blocking (docs/rules/PERF202.md; found in
        /// LANCommander's exporters). The blocking write of such an entry happens when its stream is disposed.
        /// </summary>
        private static bool OpensWithoutReading(IInvocationOperation invocation, IOperation? receiver, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "Open")
            {
                return false;
            }

            if (receiver != null && SymbolFacts.Is(method.ContainingType, types.ZipArchiveEntry))
            {
                var created = OnlyValueOf(receiver);
                if (created is ILocalReferenceOperation)
                {
                    created = ValueJustAssigned(invocation, receiver) ?? created;
                }

                return (created is IInvocationOperation { TargetMethod.Name: "CreateEntry" } create
                        && SymbolFacts.Is(create.TargetMethod.ContainingType, types.ZipArchive))
                    || IsUnboundCreateEntry(created, types);
            }

            if (!SymbolFacts.Is(method.ContainingType, types.ZipFile))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (SymbolFacts.Is(argument.Parameter?.Type, types.ZipArchiveMode)
                    && argument.Value.WalkDownConversion() is IFieldReferenceOperation { Field.Name: "Create" } mode
                    && SymbolFacts.Is(mode.Field.ContainingType, types.ZipArchiveMode))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>md5.ComputeHash(buffer)</c>, <c>JsonSerializer.Serialize(buffer, value)</c> or <c>document.Save(buffer)</c> over a
        /// <c>MemoryStream</c>: a hash algorithm, System.Text.Json's serializer and LINQ to XML do no I/O of their own, so the
        /// call reads or writes only the streams it is given, and those are in memory (their type says so, or a local whose
        /// only value is <c>new MemoryStream(..)</c>; found in BaGet's Google Cloud storage and TheIdServer's key ring). A
        /// stream of unknown kind keeps the report.
        /// </summary>
        private static bool ReadsOnlyInMemoryStreams(IInvocationOperation invocation, SemanticContext types)
        {
            var containing = invocation.TargetMethod.ContainingType;
            if (!SymbolFacts.IsOrDerivesFrom(containing, types.HashAlgorithm) && !SymbolFacts.Is(containing, types.JsonSerializer)
                && !IsXmlDocumentType(containing))
            {
                return false;
            }

            var streams = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (!SymbolFacts.IsOrDerivesFrom(argument.Parameter?.Type, types.Stream))
                {
                    continue;
                }

                streams++;
                if (!IsInMemoryStream(argument.Value, types, 0))
                {
                    return false;
                }
            }

            return streams > 0;
        }

        /// <summary>LINQ to XML's documents and elements: <c>Save(stream)</c> and <c>Load(stream)</c> touch only that stream.</summary>
        private static bool IsXmlDocumentType(INamedTypeSymbol? type)
            => type is { Name: "XDocument" or "XElement" } && SymbolFacts.IsNamespace(type.ContainingNamespace, "System.Xml.Linq");

        /// <summary>
        /// A repository's <c>Create(entity) =&gt; db.Set&lt;T&gt;().Add(entity)</c> next to <c>CreateAsync</c> awaiting
        /// <c>AddAsync</c>: the method only adds to EF Core's change tracker, which does no I/O, as <c>Add</c> itself is
        /// not reported (docs/rules/PERF202.md; found in EPlast's repository base). Read from the body of the method, or
        /// of every implementation in source of an interface method; only when a counterpart was found, so rarely.
        /// </summary>
        private static bool OnlyAddsToAContext(IMethodSymbol method, SemanticContext types)
        {
            var definition = method.OriginalDefinition;
            List<IMethodSymbol>? bodies;
            if (definition.ContainingType?.TypeKind == TypeKind.Interface && definition.IsAbstract)
            {
                // The construction the call names (IRepositoryBase<UserPlastDegree>.Create): only its implementations run.
                bodies = types.SourceImplementations(method);
                if (bodies == null || bodies.Count == 0 || types.ImplementationsInOtherProjects(definition) is not { Count: 0 })
                {
                    return false;
                }
            }
            else
            {
                bodies = new List<IMethodSymbol> { definition };
            }

            foreach (var body in bodies)
            {
                if (!BodyOnlyAddsToAContext(body, types))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool BodyOnlyAddsToAContext(IMethodSymbol method, SemanticContext types)
        {
            if (method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            var expression = DeclarationSyntax.SoleExpressionOf(declaration);

            // return db.Set<T>().Add(entity).Entity; (found in StreetCode's repository base): the entry's entity.
            if (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Entity", Expression: InvocationExpressionSyntax entry })
            {
                expression = entry;
            }

            if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "AddRange" } } call)
            {
                return false;
            }

#pragma warning disable RS1030 // One statement of another method, read only when a twin was found for a call of it.
            var model = types.Compilation.GetSemanticModel(call.SyntaxTree);
#pragma warning restore RS1030
            return model.GetSymbolInfo(call).Symbol is IMethodSymbol added
                && (types.IsDbSet(added.ContainingType) || types.IsDbContext(added.ContainingType));
        }

        /// <summary>
        /// A reader or writer made over a <c>MemoryStream</c> (<c>new StreamReader(new MemoryStream(data))</c>, a reader over
        /// a memory stream filled before, a <c>Utf8JsonWriter</c> over one or over a buffer writer), or the console chosen through a local (<c>var output = quiet ? Console.Error :
        /// Console.Out;</c>), read from the receiver or the one value of its local: no I/O to wait for (docs/rules/PERF202.md;
        /// found in smtp4dev's message converter and splash screen, and in BlazorBoilerplate's translation upload).
        /// </summary>
        private static bool IsReaderOverMemoryOrConsole(IOperation? receiver, SemanticContext types)
        {
            var value = receiver == null ? null : OnlyValueOf(receiver);
            return value is IObjectCreationOperation or IConditionalOperation or IPropertyReferenceOperation && IsMemoryOrConsole(value, types);
        }

        private static bool IsMemoryOrConsole(IOperation value, SemanticContext types)
        {
            switch (value.WalkDownConversion())
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsMemoryOrConsole(conditional.WhenTrue, types) && IsMemoryOrConsole(whenFalse, types);
                case IPropertyReferenceOperation { Property.Name: "Out" or "Error" or "In" } property:
                    return SymbolFacts.Is(property.Property.ContainingType, types.Console);
                case IObjectCreationOperation { Constructor.ContainingType: { Name: "StreamReader" or "StreamWriter" or "BinaryReader" or "BinaryWriter" } type, Arguments.Length: > 0 } creation:
                    return SymbolFacts.IsNamespace(type.ContainingNamespace, "System.IO")
                        && IsInMemoryStream(creation.Arguments[0].Value, types, 0);

                // System.Text.Json's writer over a buffer writer only advances the buffer when flushed; over a stream it
                // writes to that stream (found in TheIdServer's health report, written into a MemoryStream).
                case IObjectCreationOperation { Constructor.ContainingType: { Name: "Utf8JsonWriter" } jsonWriter, Arguments.Length: > 0 } creation:
                    return SymbolFacts.IsNamespace(jsonWriter.ContainingNamespace, "System.Text.Json")
                        && (!SymbolFacts.IsOrDerivesFrom(creation.Arguments[0].Parameter?.Type, types.Stream)
                            || IsInMemoryStream(creation.Arguments[0].Value, types, 0));
                case IObjectCreationOperation { Arguments.Length: > 0 } creation:
                    return WrapsOnlyInMemorySources(creation, types, 0);
                default:
                    return false;
            }
        }

        /// <summary>
        /// A reader or writer of a library made over in-memory text or bytes: <c>new CsvReader(new StringReader(csv), ..)</c>
        /// or <c>new JsonTextReader(new StringReader(json))</c>, each source it is given (an argument of type
        /// <c>TextReader</c>, <c>TextWriter</c> or <c>Stream</c>) being a <c>StringReader</c>/<c>StringWriter</c>, an in-memory
        /// stream, or a reader made over one in turn. Its reads wait for nothing (found in an apprenticeship agency's
        /// Ofqual import, which downloads the file as a string before parsing it). A source of unknown kind is not.
        /// </summary>
        private static bool WrapsOnlyInMemorySources(IObjectCreationOperation creation, SemanticContext types, int depth)
        {
            if (depth >= 3)
            {
                return false;
            }

            var sources = 0;
            foreach (var argument in creation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (SymbolFacts.IsOrDerivesFrom(parameterType, types.Stream))
                {
                    if (!IsInMemoryStream(argument.Value, types, 0))
                    {
                        return false;
                    }
                }
                else if (SymbolFacts.IsOrDerivesFrom(parameterType, types.TextReader) || SymbolFacts.IsOrDerivesFrom(parameterType, types.TextWriter))
                {
                    if (!IsInMemoryText(argument.Value, types, depth))
                    {
                        return false;
                    }
                }
                else
                {
                    continue;
                }

                sources++;
            }

            return sources > 0;
        }

        // A StringReader or StringWriter (by type, or the one value of a local), or a reader or writer made over in-memory
        // sources (a StreamReader over a MemoryStream).
        private static bool IsInMemoryText(IOperation text, SemanticContext types, int depth)
        {
            var value = OnlyValueOf(text.WalkDownConversion());
            if (SymbolFacts.IsOrDerivesFrom(value.Type, types.StringReader) || SymbolFacts.IsOrDerivesFrom(value.Type, types.StringWriter))
            {
                return true;
            }

            return value is IObjectCreationOperation { Arguments.Length: > 0 } creation
                && (creation.Constructor?.ContainingType is { Name: "StreamReader" or "StreamWriter" } reader && SymbolFacts.IsNamespace(reader.ContainingNamespace, "System.IO")
                    ? IsInMemoryStream(creation.Arguments[0].Value, types, 0)
                    : WrapsOnlyInMemorySources(creation, types, depth + 1));
        }

        /// <summary>
        /// A stream whose reads wait for no device: a <c>MemoryStream</c> by its type (also the one value of a local), an
        /// embedded resource (<c>assembly.GetManifestResourceStream(name)</c>, read from the loaded assembly's image), or a
        /// decompressing stream over one of those (<c>new GZipStream(resource, CompressionMode.Decompress)</c>, found in
        /// TagzApp's sample tweets). A stream of unknown kind (a parameter, a file, a response) is not.
        /// </summary>
        private static bool IsInMemoryStream(IOperation stream, SemanticContext types, int depth)
        {
            var value = OnlyValueOf(stream.WalkDownConversion());
            if (SymbolFacts.IsOrDerivesFrom(value.Type, types.MemoryStream))
            {
                return true;
            }

            switch (value)
            {
                case IInvocationOperation { TargetMethod: { Name: "GetManifestResourceStream", ContainingType: { Name: "Assembly" } assembly } }:
                    return SymbolFacts.IsNamespace(assembly.ContainingNamespace, "System.Reflection");
                case IObjectCreationOperation { Constructor.ContainingType: { Name: "GZipStream" or "DeflateStream" or "BrotliStream" or "ZLibStream" } compression, Arguments.Length: > 0 } creation:
                    return depth < 3
                        && SymbolFacts.IsNamespace(compression.ContainingNamespace, "System.IO.Compression")
                        && IsInMemoryStream(creation.Arguments[0].Value, types, depth + 1);
                case IPropertyReferenceOperation property:
                    return IsSetToMemoryStreamsBefore(property, types);
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>context.Response.Body</c> read after the method set it to <c>new MemoryStream()</c> (a response captured in
        /// memory, found in SimpleIdServer's SCIM bulk endpoint, which runs each operation against a context of its own):
        /// every assignment to the same property of the same local or parameter in the method stores a <c>MemoryStream</c>,
        /// and one comes before the read.
        /// </summary>
        private static bool IsSetToMemoryStreamsBefore(IPropertyReferenceOperation read, SemanticContext types)
        {
            if (!IsLocalPath(read))
            {
                return false;
            }

            var before = false;
            foreach (var operation in OperationTreeIndex.Root(read).Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && SamePath(target, read))
                {
                    if (!SymbolFacts.IsOrDerivesFrom(assignment.Value.WalkDownConversion().Type, types.MemoryStream))
                    {
                        return false;
                    }

                    before |= assignment.Syntax.Span.End <= read.Syntax.SpanStart;
                }
            }

            return before;
        }

        // x.Response.Body, where x is a local or a parameter: a path the method itself holds.
        private static bool IsLocalPath(IOperation operation)
        {
            for (var depth = 0; depth < 4; depth++)
            {
                switch (operation.WalkDownConversion())
                {
                    case IPropertyReferenceOperation { Instance: { } instance, Property.Parameters.Length: 0 }:
                        operation = instance;
                        continue;
                    case ILocalReferenceOperation or IParameterReferenceOperation:
                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool SamePath(IOperation left, IOperation right)
        {
            left = left.WalkDownConversion();
            right = right.WalkDownConversion();
            return (left, right) switch
            {
                (IPropertyReferenceOperation a, IPropertyReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Property, b.Property)
                    && a.Instance != null && b.Instance != null && SamePath(a.Instance, b.Instance),
                (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
                (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
                _ => false,
            };
        }

        private static bool IsExcluded(IMethodSymbol method, IOperation? receiver, SemanticContext types)
        {
            var receiverType = receiver?.Type;
            var containing = method.ContainingType;
            if (SymbolFacts.IsOrDerivesFrom(receiverType, types.MemoryStream) || SymbolFacts.IsOrDerivesFrom(receiverType, types.StringReader)
                || SymbolFacts.IsOrDerivesFrom(receiverType, types.StringWriter) || SymbolFacts.IsOrDerivesFrom(containing, types.CancellationTokenSource)
                || SymbolFacts.Is(containing, types.Console)
                || (receiver is IPropertyReferenceOperation property && SymbolFacts.Is(property.Property.ContainingType, types.Console))
                || IsSqlite(receiverType) || IsSqlite(containing))
            {
                return true;
            }

            // pipe.Writer.Complete() / pipe.Reader.Complete() on an in-memory Pipe: bookkeeping, no I/O (a PipeWriter
            // over a stream would flush it, so only a Pipe's own ends; found in ErsatzTV's graphics elements).
            if (method.Name == "Complete"
                && receiver is IPropertyReferenceOperation { Property: { Name: "Writer" or "Reader", ContainingType: { Name: "Pipe" } pipe } }
                && SymbolFacts.IsNamespace(pipe.ContainingNamespace, "System.IO.Pipelines"))
            {
                return true;
            }

            if (SymbolFacts.IsOrDerivesFrom(receiverType ?? containing, types.DbDataReader)
                && (method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name == "IsDBNull"))
            {
                return true;
            }

            // Context.Add(entity) on a TContext : DbContext (found in OpenIddict's stores) binds to DbContext.Add: the
            // declaring type answers when the receiver's is a type parameter.
            if ((method.Name == "Add" || method.Name == "AddRange")
                && (types.IsDbContext(receiverType ?? containing) || types.IsDbSet(receiverType ?? containing)
                    || types.IsDbContext(containing) || types.IsDbSet(containing)))
            {
                return true;
            }

            if (method.Name == "Validate" && (IsFluentValidation(containing) || IsFluentValidation(receiverType)))
            {
                return true;
            }

            // InputFormatterResult.Success(model): a result object; ASP.NET Core's SuccessAsync only wraps it in a finished
            // task (found in smtp4dev's HTML body formatter).
            if (containing is { Name: "InputFormatterResult" } && SymbolFacts.IsNamespace(containing.ContainingNamespace, "Microsoft.AspNetCore.Mvc.Formatters"))
            {
                return true;
            }

            // Database.UseTransaction(dbTransaction) joins a transaction that exists only on an already open
            // connection, which EF Core requires to be the context's own: nothing is sent to the server
            // (docs/rules/PERF202.md).
            if (method.Name == "UseTransaction" && SymbolFacts.Is(containing, types.RelationalDatabaseFacadeExtensions))
            {
                return true;
            }

            return method.Name == "CreateDbContext" && types.DbContextFactory != null
                && (SymbolFacts.Is(containing.OriginalDefinition, types.DbContextFactory) || Implements(containing, types.DbContextFactory));
        }

        // FluentValidation's Validate never blocks on I/O: a validator with asynchronous rules (MustAsync,
        // CustomAsync, ..) throws when run synchronously instead of waiting for them (docs/rules/PERF202.md).
        private static bool IsFluentValidation(ITypeSymbol? type)
        {
            var ns = type?.ContainingNamespace;
            while (ns != null && !ns.IsGlobalNamespace && !ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns != null && !ns.IsGlobalNamespace && ns.Name == "FluentValidation";
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol generic)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolFacts.Is(implemented.OriginalDefinition, generic))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSqlite(ITypeSymbol? type)
        {
            var ns = type?.ContainingNamespace;
            return ns != null && !ns.IsGlobalNamespace && ns.Name == "Sqlite" && ns.ContainingNamespace?.Name == "Data"
                && ns.ContainingNamespace.ContainingNamespace?.Name == "Microsoft";
        }

        private static bool IsUserExcluded(IMethodSymbol method, ITypeSymbol? receiverType, ImmutableHashSet<string> excluded)
        {
            if (excluded.IsEmpty)
            {
                return false;
            }

            foreach (var type in new[] { method.ContainingType, receiverType })
            {
                var id = type == null ? null : DocumentationCommentId.CreateDeclarationId(type.OriginalDefinition);
                if (id != null && (excluded.Contains(id) || excluded.Contains("M:" + id.Substring(2) + "." + method.Name)))
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableHashSet<string> ParseExclusions(AnalyzerConfigOptions options)
        {
            var raw = PerfOptions.GetRaw(options, DiagnosticIds.SyncOverAsyncCall, ExcludedSymbolsOption);
            if (raw == null)
            {
                return ImmutableHashSet<string>.Empty;
            }

            var builder = ImmutableHashSet.CreateBuilder(StringComparer.Ordinal);
            foreach (var part in raw.Split(','))
            {
                var id = part.Trim();
                if (id.StartsWith("T:", StringComparison.Ordinal) || id.StartsWith("M:", StringComparison.Ordinal))
                {
                    builder.Add(id);
                }
            }

            return builder.ToImmutable();
        }
    }
}
