using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// "Calling this method runs an EF query" (<see cref="Queries"/>, docs/concepts.md#executing-an-ef-query, through a
    /// call), "calling this method saves the DbContext" (<see cref="Saves"/>, docs/rules/PERF105.md, "Through a call") or
    /// "calling this method waits on the database synchronously" (<see cref="Blocks"/>, docs/rules/PERF202.md): a source method whose body does it on every call, directly or through methods of the application up to
    /// <see cref="QueryProvenance.MaxDepth"/> calls down. Computed once per method per compilation (again only when a
    /// walk reaches it with fewer levels left than its cached answer needs) and cached on the
    /// <see cref="SemanticContext"/>; recursion counts as "no". What runs under a cache check (an <c>if</c> reading a
    /// field, <c>TryGetValue</c>, <c>??=</c>) runs only on the first call and does not count.
    /// </summary>
    internal sealed class RunSummary
    {
        /// <summary>Runs an EF query: the path ends at the executing call (<c>FirstOrDefaultAsync</c>).</summary>
        public static readonly RunSummary Queries = new RunSummary(types => types.RunSummaries, DirectQuery, tryCatchIsolates: false, skipsQueriesReportedInTheirOwnLoop: true);

        /// <summary>Saves a DbContext: the path ends at <c>SaveChanges</c> / <c>SaveChangesAsync</c>.</summary>
        public static readonly RunSummary Saves = new RunSummary(types => types.SaveSummaries, DirectSave, tryCatchIsolates: true, skipsQueriesReportedInTheirOwnLoop: false);

        /// <summary>
        /// Waits on the database synchronously (PERF202 through a call, docs/rules/PERF202.md): a synchronous method whose
        /// body runs an EF query or saves without awaiting, itself or through synchronous methods of the application; the
        /// path ends at the blocking call (<c>ToList</c>, <c>SaveChanges</c>). A method returning a task is never such a
        /// method: a blocking call in its body is in async code and reported there. Once is enough: a blocking call in a
        /// loop of the method, or flushing the loop's batches, blocks all the same.
        /// </summary>
        public static readonly RunSummary Blocks = new RunSummary(types => types.BlockingSummaries, DirectBlockingCall, tryCatchIsolates: false, skipsQueriesReportedInTheirOwnLoop: false);

        // The methods being summarised on this thread (the kinds share it: a walk of one kind never starts another).
        [ThreadStatic]
        private static List<ISymbol>? walking;

        // Interface methods on the stack: their implementations take no level of their own.
        [ThreadStatic]
        private static int interfaceFrames;

        [ThreadStatic]
        private static bool depthCut;

        [ThreadStatic]
        private static bool cycleCut;

        // The interface method whose implementations are being asked, and whether the one being read called it again
        // (a decorator forwarding to the instance it wraps).
        [ThreadStatic]
        private static ISymbol? votingInterfaceMethod;

        [ThreadStatic]
        private static bool forwardedToVotingMethod;

        private readonly Func<SemanticContext, ConcurrentDictionary<ISymbol, object>> cacheOf;
        private readonly Func<IOperation, SemanticContext, string?> directRun;

        // True for saves: a save the called method wraps in try/catch is isolated on purpose (an inbox recording each
        // handler's event on its own, a duplicate key caught), like a try/catch per element in the loop itself.
        private readonly bool tryCatchIsolates;

        // True for queries: a query in a loop of the called method is reported there (ReportedInItsOwnLoop).
        private readonly bool skipsQueriesReportedInTheirOwnLoop;

        private RunSummary(Func<SemanticContext, ConcurrentDictionary<ISymbol, object>> cacheOf, Func<IOperation, SemanticContext, string?> directRun, bool tryCatchIsolates, bool skipsQueriesReportedInTheirOwnLoop)
        {
            this.tryCatchIsolates = tryCatchIsolates;
            this.skipsQueriesReportedInTheirOwnLoop = skipsQueriesReportedInTheirOwnLoop;
            this.cacheOf = cacheOf;
            this.directRun = directRun;
        }

        /// <summary>
        /// A call inside a loop that a summary may answer for (PERF101's and PERF105's "through a call"): a method
        /// declared in source or on an interface, not a LINQ operator, not inside an expression tree, in a loop that
        /// neither exits right after the call, retries it nor runs it as a periodic flush, a memo or on an error path (docs/concepts.md#loop-exclusions). Cheap checks only: the
        /// caller asks for the summary last.
        /// </summary>
        public static bool IsCandidateCallInLoop(IInvocationOperation call, SemanticContext types, out LoopContext loop)
        {
            loop = null!;
            var method = call.TargetMethod;
            return !types.IsLinqOperatorClass(method.ContainingType)
                && MaySummarise(method, types)
                && !SchedulesForLater(call)
                && IsCallInLoop(call, types, out loop);
        }

        /// <summary>A method a summary may answer for: declared by the application, or on an interface (its implementations vote).</summary>
        public static bool MaySummarise(IMethodSymbol method, SemanticContext types)
            => method.ContainingType?.TypeKind == TypeKind.Interface || types.IsDeclaredByApplication(method.OriginalDefinition);

        /// <summary>
        /// <c>_ = RunDelayedStopAsync(id, delay)</c> (or the call as a statement, its task not awaited) where the method
        /// starts by awaiting <c>Task.Delay</c>: the call schedules work for later, often a debounce that a newer call
        /// cancels, and runs nothing on this iteration (docs/concepts.md#executing-an-ef-query, "Through a call"; found in
        /// LANCommander's server manager). Read from syntax: the method's first statement, or the first one of a
        /// <c>try</c> that starts it, is <c>await Task.Delay(..)</c>.
        /// </summary>
        public static bool SchedulesForLater(IInvocationOperation call)
        {
            var discarded = call.Parent switch
            {
                ISimpleAssignmentOperation { Target: IDiscardOperation } assignment => assignment.Value == call,
                IExpressionStatementOperation => true,
                _ => false,
            };
            if (!discarded)
            {
                return false;
            }

            foreach (var reference in call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax { Body: { } body } && StartsWithDelay(body))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool StartsWithDelay(BlockSyntax body)
        {
            var first = body.Statements.FirstOrDefault();
            if (first is TryStatementSyntax attempt)
            {
                first = attempt.Block.Statements.FirstOrDefault();
            }

            if (first is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax awaited })
            {
                return false;
            }

            var waited = awaited.Expression;
            if (waited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } })
            {
                waited = configured;
            }

            return waited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Delay", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task" } } };
        }

        /// <summary>
        /// A call that runs once per iteration of a loop: not inside an expression tree, in a loop that neither exits right
        /// after the call, retries it nor runs it as a periodic flush, a memo or on an error path (docs/concepts.md#loop-exclusions).
        /// </summary>
        public static bool IsCallInLoop(IInvocationOperation call, SemanticContext types, out LoopContext loop)
        {
            loop = null!;
            if (EfQueryModel.IsInsideExpressionTree(call, types)
                || !LoopModel.TryGetEnclosingLoop(call, types, out var enclosing)
                || enclosing == null
                || LoopExclusions.ExitsAfter(call, enclosing)
                || LoopExclusions.IsRetry(call, enclosing)
                || LoopExclusions.IsPeriodicFlush(call, enclosing)
                || LoopExclusions.IsMemoised(call, enclosing)
                || LoopExclusions.IsOnErrorPath(call, enclosing)
                || LoopExclusions.IsKeyedBranch(call, enclosing, types)
                || LoopExclusions.ProbesAFreshRandomValue(call, enclosing)
                || LoopExclusions.WaitsForARow(call, enclosing)
                || LoopExclusions.RunsEachRegisteredService(call, enclosing))
            {
                return false;
            }

            loop = enclosing;
            return true;
        }

        /// <summary>The message's account of a call's path and loop: <c>('Load' → 'FirstOrDefault') on each iteration of …</c>.</summary>
        public static string DescribeThrough(IReadOnlyList<string> path, LoopContext loop) => DescribeThrough(path, loop.Description);

        /// <summary>The same account for a call whose repetition is told otherwise: <c>('Load' → 'FirstOrDefault') for each …</c>.</summary>
        public static string DescribeThrough(IReadOnlyList<string> path, string repetition)
            => "('" + string.Join("' → '", path) + "') " + repetition;

        /// <summary>
        /// The path from the called method to the executing call: <c>GetRate</c>, <c>FirstOrDefaultAsync</c>; empty when none.
        /// A method that runs only the query it is given (<c>SelectOneAsync(this IQueryable&lt;T&gt; source, ..)</c>) has no path
        /// here: whether it queries depends on the argument, which only a call site shows.
        /// </summary>
        public IReadOnlyList<string> GetPath(IMethodSymbol method, SemanticContext types)
            => Find(method, types) is { GivenQuery: < 0 } found ? found.Path : Array.Empty<string>();

        /// <summary>
        /// For a method that runs only the query it is given (<c>ToListWithNoLockAsync(this IQueryable&lt;T&gt; query)</c>,
        /// <c>SelectOneAsync(this IQueryable&lt;T&gt; source, ..)</c>), the ordinal of that parameter and the executing call's
        /// name (<c>ToListAsync</c>); -1 for any other method.
        /// </summary>
        public int GivenQueryRunBy(IMethodSymbol method, SemanticContext types, out string executing)
        {
            executing = "";
            if (Find(method, types) is not { GivenQuery: >= 0, Guard: < 0, OtherPath: null } found || found.Path.Length == 0)
            {
                return -1;
            }

            executing = found.Path[found.Path.Length - 1];
            return found.GivenQuery;
        }

        /// <summary>
        /// The path a call reaches: its method's, or for a mediator's <c>Send(request)</c> the one handler's in source,
        /// named first (<c>GetPriceHandler.Handle</c>, <c>FirstOrDefaultAsync</c>).
        /// </summary>
        public IReadOnlyList<string> GetPath(IInvocationOperation call, SemanticContext types)
        {
            if (HandlerOf(call, types) is not { } handle)
            {
                return Find(call.TargetMethod, types) is { } run && Bind(run, call, null, types) is { } bound
                    ? bound.Path
                    : Array.Empty<string>();
            }

            return HandlerRun(handle, types)?.Path ?? Array.Empty<string>();
        }

        /// <summary>What a request sent to its one handler runs: the handler's run, named first, one level deeper.</summary>
        private Found? HandlerRun(IMethodSymbol handle, SemanticContext types)
        {
            if (Find(handle, types) is not { GivenQuery: < 0 } handled)
            {
                return null;
            }

            // Another project's handler, judged from its declaration, is already named with its class.
            var name = NameWithType(handle);
            return handled.Path.Length == 1 && handled.Path[0] == name
                ? handled
                : new Found(Prepend(name, handled.Path), handled.Levels + 1);
        }

        /// <summary>
        /// <c>mediator.Send(new GetPrice(id))</c> on MediatR's or Mediator's <c>ISender</c>/<c>IMediator</c>, and
        /// <c>SendAsync</c>/<c>QueryAsync</c> on LiteBus's <c>ICommandMediator</c>/<c>IQueryMediator</c> or an application's
        /// own <c>IMediator</c> (told by name, the packages need not be referenced where the rule runs): the
        /// <c>Handle</c>/<c>HandleAsync</c> of the request type's one handler in source.
        /// </summary>
        private static IMethodSymbol? MediatorHandler(IInvocationOperation call, SemanticContext types)
        {
            var method = call.TargetMethod;
            if (method.Name is not ("Send" or "SendAsync" or "QueryAsync")
                || method.ContainingType?.Name is not ("ISender" or "IMediator" or "Mediator" or "ICommandMediator" or "IQueryMediator")
                || call.Arguments.Length == 0)
            {
                return null;
            }

            var requestType = call.Arguments[0].Value.WalkDownConversion().Type;
            return requestType is INamedTypeSymbol { DeclaringSyntaxReferences.IsEmpty: false } ? types.RequestHandler(requestType) : null;
        }

        /// <summary>
        /// The handler a call hands its request to: a mediator's (<see cref="MediatorHandler"/>), or a generic dispatcher's
        /// of the application (<c>queries.Handle&lt;GetHearing, Hearing&gt;(query)</c>, <see cref="SemanticContext.DispatchedHandler"/>),
        /// whose handler may be another project's, judged from its declaration.
        /// </summary>
        private static IMethodSymbol? HandlerOf(IInvocationOperation call, SemanticContext types)
            => MediatorHandler(call, types) ?? types.DispatchedHandler(call.TargetMethod);

        /// <summary>
        /// The run a call of <paramref name="method"/> reaches within the levels left to this walk. The answer must not
        /// depend on which method the compiler happened to analyse first (the IDE and a build, or two threads, analyse
        /// in different orders): a cached run is reused only when it fits in the levels left, and an answer cut short by
        /// the depth limit is cached only as "none within that many levels".
        /// </summary>
        private Found? Find(IMethodSymbol method, SemanticContext types)
        {
            // Summarised per definition, except a method of a closed interface construction (IBaseRepository<Bucket>.Update),
            // which only that construction's implementations answer for. The walk's stack holds definitions.
            method = SemanticContext.SummaryKey(method);
            var definition = method.OriginalDefinition;
            if ((method.ContainingType?.TypeKind != TypeKind.Interface && !types.IsDeclaredByApplication(method))
                || (this == Blocks && (method.IsAsync || types.IsTaskLike(method.ReturnType))))
            {
                return null;
            }

            var stack = walking ??= new List<ISymbol>();

            // A method already being summarised is a cycle whatever is cached for it or however deep the walk is: asked
            // first, so that a decorator forwarding to the interface method being voted on is told apart the same way in
            // every order the compiler analyses methods in (a cached or depth-cut answer would make it vote "no").
            if (stack.Contains(definition, SymbolEqualityComparer.Default))
            {
                cycleCut = true;
                forwardedToVotingMethod |= SymbolEqualityComparer.Default.Equals(definition, votingInterfaceMethod);
                return null;
            }

            var levelsLeft = QueryProvenance.MaxDepth - (stack.Count - interfaceFrames);
            var cache = cacheOf(types);
            if (cache.TryGetValue(method, out var cached) && cached is Answer known && known.HoldsFor(levelsLeft))
            {
                depthCut |= known.LimitedByDepth;
                return known.Run;
            }

            if (levelsLeft <= 0)
            {
                depthCut = true;
                return null;
            }

            var outerDepthCut = depthCut;
            var outerCycleCut = cycleCut;
            depthCut = false;
            cycleCut = false;
            stack.Add(definition);
            Found? result;
            try
            {
                result = Compute(method, types);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never throw from an analyzer: an unreadable method runs no query we know of.
                result = null;
            }
            finally
            {
                stack.RemoveAt(stack.Count - 1);
            }

            // A cycle-cut answer depends on the methods above it on the stack: it is not shared. An answer the depth limit
            // cut holds for this many levels or fewer; a whole answer holds wherever its run fits.
            var cutByDepth = depthCut;
            var cutByCycle = cycleCut;
            depthCut = outerDepthCut || cutByDepth;
            cycleCut = outerCycleCut || cutByCycle;
            if (!cutByCycle)
            {
                cache[method] = new Answer(result, cutByDepth ? levelsLeft : int.MaxValue);
            }

            return result;
        }

        private Found? Compute(IMethodSymbol method, SemanticContext types)
        {
            if (method.ContainingType?.TypeKind == TypeKind.Interface && method.IsAbstract)
            {
                // Every implementation in sight must run a query (at least one): the shortest path names it (NamesBetterPath).
                var implementations = types.ImplementationsInSight(method);
                Found? first = null;
                Found? sharedGuard = null;
                var levels = 0;
                var given = -1;
                if (implementations == null)
                {
                    return null;
                }

                if (implementations.Count == 0)
                {
                    // A unit of work implemented in a project this one cannot see: EF Core's own save signature tells.
                    // For Blocks, only the synchronous save: SaveChangesAsync is awaited where it is called.
                    return (this == Saves || (this == Blocks && method.Name == "SaveChanges")) && DeclaredDataAccess.MirrorsSaveChanges(method, types)
                        ? new Found(new[] { NameWithType(method) }, 1)
                        : null;
                }

                // The implementations stand for the interface method at its own level, as in query provenance.
                interfaceFrames++;
                var outerVoting = votingInterfaceMethod;
                var outerForwarded = forwardedToVotingMethod;
                votingInterfaceMethod = method.OriginalDefinition;
                try
                {
                    foreach (var implementation in implementations)
                    {
                        if (walking!.Contains(implementation.OriginalDefinition, SymbolEqualityComparer.Default))
                        {
                            // The decorator this vote was reached from (a call of its own method that forwards to the
                            // interface): it takes no vote, as when the vote reaches it.
                            continue;
                        }

                        // IDb.SaveChangesAsync() implemented by a DbContext class that inherits EF Core's own: the
                        // implementation is the save itself (found in Piranha).
                        forwardedToVotingMethod = false;
                        // An interface of the application implemented by Identity's manager itself, inherited
                        // (IApplicationRoleManager.FindByNameAsync on a RoleManager<Role>): the store lookup is the run.
                        // IReservationsDataContext.SaveChanges() on a context class that inherits EF Core's own: the
                        // save blocks, and the interface declares no SaveChangesAsync to await (found in a reservations
                        // API's repositories).
                        var found = this == Saves && PERF105SaveChangesInLoopAnalyzer.IsSaveChanges(implementation, types)
                            ? new Found(new[] { implementation.Name }, 1)
                            : this == Blocks && !types.IsDeclaredInCompilation(implementation) && IsSynchronousSave(implementation, types)
                                ? new Found(new[] { NameWithType(implementation) }, 1)
                            : this == Queries && IdentityStoreCalls.QueryName(implementation, types) is { } storeRead
                                ? new Found(new[] { storeRead }, 1)
                                : Find(implementation, types);
                        if (found == null && forwardedToVotingMethod)
                        {
                            // A decorator that hands the call on to the instance it wraps (await inner.Create(entity);
                            // then clears its cache, found in FluentCMS's caching repositories): it does what the
                            // other implementations do, so it takes no vote. One that answers from its cache first
                            // never reaches the forward and still votes "no query".
                            continue;
                        }

                        if (found == null || (found.GivenQuery >= 0 && given >= 0 && found.GivenQuery != given))
                        {
                            return null;
                        }

                        // One implementation that runs only the query it is given makes the interface method do so too.
                        given = Math.Max(given, found.GivenQuery);
                        first = first == null || NamesBetterPath(found, first) ? found : first;
                        levels = Math.Max(levels, found.Levels);

                        // A flag decides for the interface method only when it decides the same way in every implementation.
                        sharedGuard = found.Guard >= 0 && (sharedGuard == null || sharedGuard.SameGuard(found))
                            ? sharedGuard ?? found
                            : Unguarded;
                    }
                }
                finally
                {
                    interfaceFrames--;
                    votingInterfaceMethod = outerVoting;
                    forwardedToVotingMethod = outerForwarded;
                }

                if (first == null)
                {
                    // Only decorators, each forwarding to another: nothing known runs.
                    return null;
                }

                return sharedGuard != null && sharedGuard != Unguarded && given < 0
                    ? new Found(first!.Path, levels, sharedGuard.HeldGuard)
                    : new Found(first!.Path, levels, given);
            }

            if (method.IsAbstract || method.IsExtern)
            {
                return null;
            }

            if (!types.IsDeclaredInCompilation(method))
            {
                // Another project's method: no body to read, so its declaration alone must tell. Named by its class, as
                // the call site may name an interface.
                var byDeclaration = this == Saves ? DeclaredDataAccess.SavesByDeclaration(method, types)
                    : this == Blocks ? DeclaredDataAccess.QueriesByDeclaration(method, types) || DeclaredDataAccess.SavesByDeclaration(method, types)
                    : DeclaredDataAccess.QueriesByDeclaration(method, types);
                if (byDeclaration)
                {
                    return new Found(new[] { NameWithType(method) }, 1);
                }

                return this == Queries && DeclaredDataAccess.RunsTheQueryItIsGiven(method, types, out var given)
                    ? new Found(new[] { NameWithType(method) }, 1, givenQuery: given)
                    : null;
            }

            // A run that depends on the query the method is given is kept aside while the body is searched for one that
            // does not: that one holds for every call.
            var givenRun = new StrongBox<Found?>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();

                // Another tree than the one being analysed: bound once per method per compilation (the summary is cached).
#pragma warning disable RS1030
                var model = types.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                var body = model.GetOperation(syntax);
                if (body == null)
                {
                    continue;
                }

                var found = FindRun(body, method, givenRun, types);
                if (found != null)
                {
                    return found;
                }
            }

            return givenRun.Value;
        }

        private Found? FindRun(IOperation operation, IMethodSymbol owner, StrongBox<Found?> givenRun, SemanticContext types)
            => FindRunAmong(operation, operation.ChildOperations, owner, givenRun, types);

        private Found? FindRunAmong(IOperation operation, IEnumerable<IOperation> children, IMethodSymbol owner, StrongBox<Found?> givenRun, SemanticContext types)
        {
            foreach (var child in children)
            {
                if (child is IConditionalOperation flagged && ParameterGuard.Of(flagged, owner) is { } guard)
                {
                    // if (save) await SaveChangesAsync(): the caller's argument decides (Ombi's AddRange(content, false)).
                    // Kept aside like a run on a given query, while the rest of the body is searched for one that holds for
                    // every call. The same for a run in the else branch only, which runs when the flag is the other value
                    // (Remotely's RunScript(.., runAsHostedService: true) queries only in its else-if).
                    var whenTrue = FindRunAmong(flagged, new[] { flagged.WhenTrue }, owner, givenRun, types);
                    var whenFalse = flagged.WhenFalse == null ? null : FindRunAmong(flagged, new[] { flagged.WhenFalse }, owner, givenRun, types);
                    if (whenFalse == null && whenTrue is { GivenQuery: < 0, Guard: < 0 } guarded)
                    {
                        givenRun.Value ??= new Found(guarded.Path, guarded.Levels, guard);
                        continue;
                    }

                    if (whenTrue == null && whenFalse is { GivenQuery: < 0, Guard: < 0 } otherwise)
                    {
                        givenRun.Value ??= new Found(otherwise.Path, otherwise.Levels, guard.Otherwise());
                        continue;
                    }

                    if (whenTrue is { GivenQuery: < 0, Guard: < 0, OtherPath: null } either && whenFalse is { GivenQuery: < 0, Guard: < 0, OtherPath: null } or)
                    {
                        // Both branches run one, so every call does; for a flag, a call passing the other constant names the
                        // else branch's path (Oqtane's GetUser(id, tracking: false) runs FirstOrDefault, not Find).
                        var run = new Found(either.Path, either.Levels);
                        return guard.NeedsConstant ? run : run.WithOtherBranch(guard.Ordinal, guard.RunsWhenEqual, or);
                    }
                }

                switch (child)
                {
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        continue;
                    case IConditionalOperation conditional when IsCacheCheck(conditional.Condition):
                        // The condition itself runs on every call (if (await _data.Peers(inbox).SingleOrDefaultAsync() is
                        // not { } peer) return;, found in Letterbook's scheduler); what it guards runs on the first only.
                        if (FindRunAmong(conditional, new[] { conditional.Condition }, owner, givenRun, types) is { } inCondition)
                        {
                            return inCondition;
                        }

                        // if (cache.TryGetValue(key, out var hit)) return hit;: what follows runs on a miss only, as after
                        // a statement that looks up a cache (a caching decorator's read, found in FluentCMS).
                        if (operation is IBlockOperation block && ReturnsOrThrows(conditional.WhenTrue)
                            && (LooksUpACache(conditional.Condition) || FindsItsKey(conditional.Condition) || ReturnsOnceInitialised(conditional, block)))
                        {
                            return null;
                        }

                        continue;
                    case ICatchClauseOperation _:
                        // The error path: it runs when the call failed, not on every call.
                        continue;
                    case ISwitchOperation { Value: var switched } when switched.WalkDownConversion() is IParameterReferenceOperation:
                        // switch (version) { case "3.1.3": Upgrade_3_1_3(); .. } on the method's own parameter: each case a
                        // mode the caller chooses, as for if (kind == ImageKind.Chapter) (Oqtane's upgrade steps, called once
                        // per version). A switch on a member of an argument (switch (item.Kind)) is searched as usual.
                        if (FindRunAmong(child, new[] { switched }, owner, givenRun, types) is { } inValue)
                        {
                            return inValue;
                        }

                        // Unless every mode runs one: a lookup by kind whose every case queries its own table queries
                        // whichever kind it is given (PlexRipper's GetDownloadTaskAsync(id, type)).
                        if (InEveryCase((ISwitchOperation)child, owner, givenRun, types) is { } inEveryCase)
                        {
                            return inEveryCase;
                        }

                        continue;
                    case ILoopOperation schedule when LoopModel.IsJobSchedule(schedule, types):
                        // A worker's own schedule (await foreach over a channel, a polling loop): a call starts the
                        // worker, and what it runs per message is no cost of the call (OpenDeepWiki's chat consumers,
                        // started once per degree of concurrency by Enumerable.Range(0, n).Select(_ => Consume(..))).
                        continue;
                    case ITryOperation tryOperation when tryCatchIsolates && PERF105SaveChangesInLoopAnalyzer.IsolatesAFailure(tryOperation)
                        && !LoopExclusions.IsRetryAttempt(tryOperation):
                        // A catch that sets the save aside isolates it; one that leads to the next attempt of a retry loop
                        // (a repository's SaveAsync retrying concurrency conflicts, found in GZCTF) saves on every call.
                        continue;
                    case ICoalesceAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
                    case ICoalesceOperation coalesce when IsMember(coalesce.Value):
                        // cache ??= Load(), cache ?? (cache = Load()): the query runs on the first call only.
                        continue;
                }

                if (directRun(child, types) is { } name)
                {
                    if (RunsOnEveryCall(child, types))
                    {
                        return new Found(new[] { name }, 1);
                    }

                    continue;
                }

                if (this != Saves && GivenQueryRun(child, owner, types, out var executed) is var ordinal and >= 0)
                {
                    // The query the method is given (a parameter): it runs where the caller passes an EF query. A
                    // synchronous execution of it blocks there too (a paging helper's source.Count() and ToList(), a
                    // filter's found.AddRange(source.Select(..))).
                    if (this == Blocks
                        ? !executed.EndsWith("Async", StringComparison.Ordinal)
                        : !ReportedInItsOwnLoop(child, types) && !RunsInABatchRunOfItsOwn(child, types))
                    {
                        givenRun.Value ??= new Found(new[] { executed }, 1, ordinal);
                    }

                    continue;
                }

                if (this != Saves && child is IForEachLoopOperation enumerating
                    && EfQueryModel.PassedParameter(enumerating.Collection.WalkDownConversion(), owner, types) is var enumerated and >= 0
                    && (this == Blocks ? !enumerating.IsAsynchronous : !ReportedInItsOwnLoop(child, types) && !RunsInABatchRunOfItsOwn(child, types)))
                {
                    // A foreach over the query the method is given runs it where the caller passes an EF query (Ombi's
                    // recently-added list hands its queries to helpers that enumerate them). The body is read on.
                    givenRun.Value ??= new Found(new[] { enumerating.IsAsynchronous ? "await foreach" : "foreach" }, 1, enumerated);
                }

                if (child is IInvocationOperation sent && HandlerOf(sent, types) is { } handler && !SchedulesForLater(sent)
                    && HandlerRun(handler, types) is { } handled && RunsOnEveryCall(sent, types))
                {
                    // A request sent to the mediator runs what its one handler runs, as at a loop's own call (found in
                    // PlexRipper, whose command handlers send further commands that save).
                    return handled;
                }

                if (child is IInvocationOperation call && !types.IsLinqOperatorClass(call.TargetMethod.ContainingType)
                    && !SchedulesForLater(call)
                    && Find(call.TargetMethod, types) is { } found
                    && Bind(found, call, owner, types) is { } callee)
                {
                    if (RunsOnEveryCall(call, types))
                    {
                        var run = new Found(Prepend(call.TargetMethod.Name, callee.Path), callee.Levels + 1, callee.GivenQuery);
                        if (run.GivenQuery < 0)
                        {
                            return run;
                        }

                        givenRun.Value ??= run;
                    }

                    continue;
                }

                var nested = FindRun(child, owner, givenRun, types);
                if (nested != null)
                {
                    return nested;
                }

                // What follows a return or a throw in the same block never runs (a method disabled by an early return).
                // What follows a cache lookup runs on a miss only (if (cached.HasValue) return cached.Value; ..query..).
                if (operation is IBlockOperation
                    && (child is IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation or IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }
                        || LooksUpACache(child)))
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>
        /// The run of the first case of a switch on a parameter when every case but <c>default</c> (two at least) runs one
        /// on every pass through it: whichever mode the caller chooses, but the default, the call runs one.
        /// </summary>
        private Found? InEveryCase(ISwitchOperation modes, IMethodSymbol owner, StrongBox<Found?> givenRun, SemanticContext types)
        {
            Found? first = null;
            var cases = 0;
            foreach (var section in modes.Cases)
            {
                if (section.Clauses.All(clause => clause is IDefaultCaseClauseOperation))
                {
                    continue;
                }

                if (FindRunAmong(section, section.Body, owner, givenRun, types) is not { GivenQuery: < 0, Guard: < 0 } run)
                {
                    return null;
                }

                first ??= run;
                cases++;
            }

            return cases >= 2 ? first : null;
        }

        /// <summary>
        /// A run (a direct one, or a call that reaches one) that counts for every call of the method being summarised: not
        /// one its own loop reports, batches or flushes periodically (below). A blocking call blocks wherever it stands.
        /// </summary>
        private bool RunsOnEveryCall(IOperation operation, SemanticContext types)
            => this == Blocks
                || (!ReportedInItsOwnLoop(operation, types) && !ClosesItsOwnBatches(operation, types) && !RunsInABatchRunOfItsOwn(operation, types)
                    && !FlushesPeriodicallyInItsOwnLoop(operation, types));

        /// <summary>
        /// A query the called method runs per element of a loop of its own (<c>foreach (var key in keys) await
        /// db.Episodes.FirstOrDefaultAsync(..)</c>) is PERF101's finding there, at the query; a loop over servers or sections
        /// that calls such a method per element is not reported again for it, since the advice (call a batch form once
        /// before the loop) cannot apply to a method that already iterates (found in Ombi's Plex sync). Once the inner loop
        /// is fixed, the method runs one query per call and the outer call is reported. Queries only: a save in a loop of
        /// the called method counts as it did.
        /// </summary>
        private bool ReportedInItsOwnLoop(IOperation operation, SemanticContext types)
        {
            if (!skipsQueriesReportedInTheirOwnLoop)
            {
                return false;
            }

            if (EfQueryModel.TryGetExecution(operation, types, out var execution))
            {
                // A flush once every so many elements of the method's loop (if (pending.Count > 500) { ..query..;
                // pending.Clear(); }) does not run on every call either (found in Ombi's Plex movie loop).
                return LoopModel.TryGetEnclosingLoop(execution.Operation, types, out var loop) && loop != null
                    && ((!LoopExclusions.IsExcluded(execution, loop, types) && !LoopExclusions.IsBatchLoop(loop, types))
                        || LoopExclusions.IsPeriodicFlush(execution.Operation, loop));
            }

            return operation is IInvocationOperation call && IsCallInLoop(call, types, out var callLoop) && !LoopExclusions.IsBatchLoop(callLoop, types);
        }

        /// <summary>
        /// Saves only: a save the called method makes right after a loop of its own that pages or flushes the same way
        /// closes that loop's batches (<see cref="LoopExclusions.ClosesALoopsBatches"/>): the method saves per batch run,
        /// and a loop over servers or sections calling it is not an N+1 of writes (found in Ombi's episode sync).
        /// </summary>
        private bool ClosesItsOwnBatches(IOperation operation, SemanticContext types)
            => this == Saves && operation is IInvocationOperation save && LoopExclusions.ClosesALoopsBatches(save, types);

        /// <summary>
        /// A query or a save the called method makes once per batch of a batch loop of its own (docs/concepts.md#loop-exclusions,
        /// 2 and 4: it pages, drains or chunks), or the read that takes a drain's first batch: the method is itself the
        /// batched form, and a loop over sites or sections calling it runs one batch run per element, not an N+1 (found in
        /// Oqtane's purge and search-index jobs, which drain each site's old rows 100 at a time). Saves after such a loop are
        /// <see cref="ClosesItsOwnBatches"/>.
        /// </summary>
        private static bool RunsInABatchRunOfItsOwn(IOperation operation, SemanticContext types)
        {
            var isQuery = EfQueryModel.TryGetExecution(operation, types, out var execution);
            if (isQuery && LoopExclusions.PrimesADrain(execution, types))
            {
                return true;
            }

            if (!LoopModel.TryGetEnclosingLoop(operation, types, out var loop) || loop == null || loop.IsLambda)
            {
                return false;
            }

            return LoopExclusions.IsBatchLoop(loop, types) || (isQuery && LoopExclusions.IsPaging(execution, loop, types));
        }

        /// <summary>
        /// A query or a save the called method makes as a periodic flush of a loop of its own (<c>if (pending.Count &gt;
        /// 500) { await repo.AddRange(pending); pending.Clear(); }</c>, docs/concepts.md#loop-exclusions, 5): it runs once
        /// every so many elements, not on every call, directly or through a method of the application (found in Ombi's
        /// Plex movie loop, called once per library section).
        /// </summary>
        private static bool FlushesPeriodicallyInItsOwnLoop(IOperation operation, SemanticContext types)
            => LoopModel.TryGetEnclosingLoop(operation, types, out var loop) && loop != null && !loop.IsLambda
                && LoopExclusions.IsPeriodicFlush(operation, loop);

        /// <summary>
        /// The run of <paramref name="call"/> given its arguments: a callee that runs only the query it is given runs one
        /// when the argument is an EF query, and passes the condition on when the argument is the query
        /// <paramref name="owner"/> (the method being summarised) is given in turn. Null when the argument is neither.
        /// </summary>
        private static Found? Bind(Found callee, IInvocationOperation call, IMethodSymbol? owner, SemanticContext types)
        {
            if (callee.OtherPath != null)
            {
                // Both branches of an if on a flag run a query: the path is the branch the call's constant selects.
                return call.ArgumentFor(callee.FlagOrdinal)?.ConstantValue is { HasValue: true, Value: bool value } && value != callee.PathRunsWhen
                    ? new Found(callee.OtherPath, callee.OtherLevels)
                    : new Found(callee.Path, callee.Levels);
            }

            if (callee.Guard >= 0)
            {
                // The flag or mode as written, or the parameter's default when the call leaves it out.
                if (call.ArgumentFor(callee.Guard)?.ConstantValue is { HasValue: true } argument)
                {
                    return Equals(argument.Value, callee.GuardValue) == callee.GuardRunsWhen ? new Found(callee.Path, callee.Levels) : null;
                }

                return callee.GuardNeedsConstant ? null : new Found(callee.Path, callee.Levels);
            }

            if (callee.GivenQuery < 0)
            {
                return callee;
            }

            if (call.ArgumentFor(callee.GivenQuery) is not { } given)
            {
                return null;
            }

            if (EfQueryModel.IsEfQuery(given, types))
            {
                return new Found(callee.Path, callee.Levels);
            }

            return owner != null && EfQueryModel.PassedParameter(given, owner, types) is var passed and >= 0
                ? new Found(callee.Path, callee.Levels, passed)
                : null;
        }

        /// <summary>
        /// The ordinal of the parameter whose query <paramref name="operation"/> runs: an execution composed on it
        /// (<c>source.Count()</c>), or a method that enumerates it (<c>found.AddRange(source.Select(..))</c>,
        /// <c>string.Join(",", source)</c>); -1 when it runs none. <paramref name="name"/> is the executing call's.
        /// </summary>
        private static int GivenQueryRun(IOperation operation, IMethodSymbol owner, SemanticContext types, out string name)
        {
            name = "";
            if (operation is IInvocationOperation executing && EfQueryModel.ExecutedParameter(executing, owner, types, out var executed) is var ordinal and >= 0)
            {
                name = executed;
                return ordinal;
            }

            if (operation is IInvocationOperation or IObjectCreationOperation
                && EfQueryModel.ParameterHandedToAnEnumeratingMethod(operation, owner, types) is var handed and >= 0)
            {
                name = EfQueryModel.EnumeratingMethodName(operation);
                return handed;
            }

            return -1;
        }

        /// <summary>
        /// The executing call's name when <paramref name="operation"/> executes an EF query itself. Explicit loading
        /// (<c>Entry(book).Collection(b =&gt; b.Tags).LoadAsync()</c>) counts: written in a loop it is PERF103's, but a loop
        /// calling a method that loads has no other report (found in Librum-Server's book deletion and GZCTF's challenge removal).
        /// </summary>
        private static string? DirectQuery(IOperation operation, SemanticContext types)
            => EfQueryModel.TryGetExecution(operation, types, out var execution)
                ? execution.Name
                : HandedToAnEnumeratingMethod(operation, types) ?? IdentityStoreCalls.QueryName(operation, types);

        /// <summary>
        /// The name of a method that enumerates the EF query it is handed (<c>string.Join('|', db.Schools.Where(..))</c>,
        /// <see cref="EfQueryModel.QueryHandedToAnEnumeratingMethod"/>): it runs the query, synchronously.
        /// </summary>
        private static string? HandedToAnEnumeratingMethod(IOperation operation, SemanticContext types)
            => EfQueryModel.QueryHandedToAnEnumeratingMethod(operation, types) != null
                ? EfQueryModel.EnumeratingMethodName(operation)
                : null;

        /// <summary>
        /// The name of a call that waits on the database without awaiting: an EF query executed synchronously (<c>ToList</c>,
        /// <c>FirstOrDefault</c>, <c>foreach</c> over the query, an explicit <c>Load</c>) or a synchronous <c>SaveChanges</c>.
        /// </summary>
        private static string? DirectBlockingCall(IOperation operation, SemanticContext types)
        {
            // A spread query ([.. query]) is read synchronously: the model gives it as an execution that is not async.
            if (EfQueryModel.TryGetExecution(operation, types, out var execution))
            {
                return execution.IsAsync ? null : execution.Name;
            }

            if (HandedToAnEnumeratingMethod(operation, types) is { } handedTo)
            {
                return handedTo;
            }

            return operation is IInvocationOperation call && IsSynchronousSave(call.TargetMethod, types)
                ? call.TargetMethod.Name
                : null;
        }

        /// <summary><c>SaveChanges()</c> on a DbContext or an interface that stands for one: it waits on the database.</summary>
        private static bool IsSynchronousSave(IMethodSymbol method, SemanticContext types)
            => PERF105SaveChangesInLoopAnalyzer.IsSaveChanges(method, types) && !types.IsTaskLike(method.ReturnType);

        private static string? DirectSave(IOperation operation, SemanticContext types)
            => operation is IInvocationOperation call && PERF105SaveChangesInLoopAnalyzer.IsSaveChanges(call.TargetMethod, types)
                ? call.TargetMethod.Name
                : null;

        /// <summary>
        /// A parameter of the method being summarised that decides whether a branch runs: the condition is the parameter
        /// itself, a <c>bool</c> flag, or its negation (<c>if (save)</c>, <c>if (!deferSave)</c>), or the parameter compared
        /// with a named constant of its own type (<c>status != WatchStatus.Completed</c>, <c>kind is ImageKind.Chapter</c>): a
        /// mode the caller chooses, run for a call that passes a constant selecting it (Kyoo's episode-created handler calls
        /// <c>_SetShowStatus(.., WatchStatus.Watching, ..)</c> per user, whose count query runs unless the status is
        /// Completed). The parameter must not be written before the condition, nor anywhere when the condition is in a loop:
        /// then the argument no longer decides.
        /// </summary>
        private readonly struct ParameterGuard
        {
            public ParameterGuard(int ordinal, object? value, bool runsWhenEqual, bool needsConstant)
            {
                Ordinal = ordinal;
                Value = value;
                RunsWhenEqual = runsWhenEqual;
                NeedsConstant = needsConstant;
            }

            public int Ordinal { get; }

            public object? Value { get; }

            public bool RunsWhenEqual { get; }

            public bool NeedsConstant { get; }

            /// <summary>The guard of the else branch.</summary>
            public ParameterGuard Otherwise() => new ParameterGuard(Ordinal, Value, !RunsWhenEqual, NeedsConstant);

            public static ParameterGuard? Of(IConditionalOperation conditional, IMethodSymbol owner)
            {
                var condition = conditional.Condition.WalkDownConversion();
                var runsWhen = true;
                if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                {
                    runsWhen = false;
                    condition = not.Operand.WalkDownConversion();
                }

                if (condition is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean } flag } && OwnParameter(flag, owner))
                {
                    return NotWrittenBefore(flag, conditional) ? new ParameterGuard(flag.Ordinal, true, runsWhen, needsConstant: false) : (ParameterGuard?)null;
                }

                IOperation? tested = null;
                IOperation? constant = null;
                switch (condition)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                        (tested, constant) = comparison.LeftOperand.ConstantValue.HasValue ? (comparison.RightOperand, comparison.LeftOperand) : (comparison.LeftOperand, comparison.RightOperand);
                        runsWhen = runsWhen == (comparison.OperatorKind == BinaryOperatorKind.Equals);
                        break;
                    case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } test:
                        (tested, constant) = (test.Value, value);
                        break;
                    case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } } test:
                        (tested, constant) = (test.Value, value);
                        runsWhen = !runsWhen;
                        break;
                }

                // A named constant (an enum member, a const field), as the cache-check rule reads a mode: a literal
                // (if (libraryId == 0)) is a value test, and its branch counts for every call as before.
                if (tested is IParameterReferenceOperation { Parameter: var mode }
                    && OwnParameter(mode, owner)
                    && constant is { ConstantValue: { HasValue: true, Value: { } compared } }
                    && constant.WalkDownConversion() is IFieldReferenceOperation { Field.IsConst: true }
                    && SymbolEqualityComparer.Default.Equals(constant.Type, mode.Type)
                    && IsModeType(mode.Type)
                    && NotWrittenBefore(mode, conditional))
                {
                    return new ParameterGuard(mode.Ordinal, compared, runsWhen, needsConstant: true);
                }

                return null;
            }

            private static bool OwnParameter(IParameterSymbol parameter, IMethodSymbol owner)
                => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner);

            private static bool IsModeType(ITypeSymbol type)
                => type.TypeKind == TypeKind.Enum
                || type.SpecialType is SpecialType.System_String or SpecialType.System_Char or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Boolean;

            // No write of the parameter before the condition, and none at all when the condition is in a loop of the method.
            private static bool NotWrittenBefore(IParameterSymbol parameter, IOperation condition)
            {
                var root = condition;
                var inLoop = false;
                while (root.Parent != null)
                {
                    root = root.Parent;
                    inLoop |= root is ILoopOperation;
                }

                foreach (var operation in root.Descendants())
                {
                    var written = operation switch
                    {
                        IAssignmentOperation assignment => assignment.Target,
                        IIncrementOrDecrementOperation step => step.Target,
                        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference => byReference.Value,
                        _ => null,
                    };
                    if (written?.WalkDownConversion() is IParameterReferenceOperation { Parameter: var target }
                        && SymbolEqualityComparer.Default.Equals(target, parameter)
                        && (inLoop || operation.Syntax.SpanStart < condition.Syntax.SpanStart))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>
        /// <c>if (_agent != null || !IsConfigured()) return;</c> followed, in the same block, by a statement that assigns
        /// <c>_agent</c>: a lazy initialiser written with an early return, so what follows runs on the first call only, as
        /// inside <c>if (_agent == null) { .. }</c> (found in the xAPI services of cmu-sei's Gallery and Blueprint, which
        /// look the user's name up once per service instance). The field must not be <c>readonly</c>, and the condition
        /// must hold when it is set: a null test of it, alone or as one side of <c>||</c>.
        /// </summary>
        private static bool ReturnsOnceInitialised(IConditionalOperation conditional, IBlockOperation block)
        {
            var field = InitialisedField(conditional.Condition.WalkDownConversion());
            if (field == null)
            {
                return false;
            }

            for (var i = block.Operations.IndexOf(conditional) + 1; i > 0 && i < block.Operations.Length; i++)
            {
                foreach (var descendant in block.Operations[i].DescendantsAndSelf())
                {
                    if (descendant is ISimpleAssignmentOperation { Target: IFieldReferenceOperation written } && SymbolEqualityComparer.Default.Equals(written.Field, field))
                    {
                        return true;
                    }
                }
            }

            return false;

            // _agent != null, null != _agent, _agent is not null, or one side of an || holding one.
            static IFieldSymbol? InitialisedField(IOperation condition)
            {
                switch (condition)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                        return InitialisedField(or.LeftOperand.WalkDownConversion()) ?? InitialisedField(or.RightOperand.WalkDownConversion());
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                        return NullTested(notEquals.LeftOperand, notEquals.RightOperand) ?? NullTested(notEquals.RightOperand, notEquals.LeftOperand);
                    case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } } pattern
                        when constant.WalkDownConversion().ConstantValue is { HasValue: true, Value: null }:
                        return Settable(pattern.Value);
                    default:
                        return null;
                }
            }

            static IFieldSymbol? NullTested(IOperation value, IOperation other)
                => other.WalkDownConversion().ConstantValue is { HasValue: true, Value: null } ? Settable(value) : null;

            static IFieldSymbol? Settable(IOperation value)
                => value.WalkDownConversion() is IFieldReferenceOperation { Field: { IsReadOnly: false, IsConst: false } field } ? field : null;
        }

        /// <summary>An <c>if</c> that reads a field or asks a cache: what it guards runs on the first call only.</summary>
        private static bool IsCacheCheck(IOperation condition)
        {
            foreach (var descendant in condition.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IFieldReferenceOperation { Field.IsConst: true } constant:
                        // A mode the caller chooses (if (kind == ImageKind.Chapter)) only when compared with a parameter
                        // itself: a member of one (item.Type == RelationshipType.OneToMany) varies with each element.
                        if (ComparedWithAParameter(constant))
                        {
                            return true;
                        }

                        break;
                    case IFieldReferenceOperation { Field: var field } reference when MayHoldState(field) && !IsFixedAfterConstruction(reference):
                    case IInvocationOperation { TargetMethod: { Name: "TryGetValue" } }:
                    case IInvocationOperation { TargetMethod: { Name: "ContainsKey" } }:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>kind == ImageKind.Chapter</c>, <c>ImageKind.Chapter != kind</c> or <c>kind is ImageKind.Chapter</c>, with
        /// <c>kind</c> a parameter of the method.
        /// </summary>
        private static bool ComparedWithAParameter(IOperation constant)
        {
            var node = constant;
            while (node.Parent is IConversionOperation conversion)
            {
                node = conversion;
            }

            switch (node.Parent)
            {
                case IBinaryOperation binary:
                    var other = binary.LeftOperand == node ? binary.RightOperand : binary.LeftOperand;
                    return other.WalkDownConversion() is IParameterReferenceOperation;
                case IConstantPatternOperation { Parent: IIsPatternOperation pattern }:
                    return pattern.Value.WalkDownConversion() is IParameterReferenceOperation;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Any field but a framework's <c>static readonly</c> value or string, an empty sentinel (<c>Guid.Empty</c>,
        /// <c>string.Empty</c>, <c>DateTime.MinValue</c>): <c>entity.Id != Guid.Empty</c> is a precondition that holds on
        /// nearly every call, no cache (found in WalkingTec.Mvvm's cascade delete, whose query sits under such a guard).
        /// A constant (an enum member) compared with a parameter (<c>if (type == ImageType.Chapter)</c>) makes the branch a
        /// mode the caller chooses: Jellyfin's image lookups query only for chapter images, which their loops do not ask
        /// for (see <see cref="IsCacheCheck"/>).
        /// </summary>
        private static bool MayHoldState(IFieldSymbol field)
            => !(field.IsStatic && field.IsReadOnly && !field.IsConst && field.DeclaringSyntaxReferences.IsEmpty
                && (field.Type.IsValueType || field.Type.SpecialType == SpecialType.System_String));

        /// <summary>
        /// A <c>readonly</c> field that cannot remember a first call: a value or string set once at construction
        /// (<c>if (_auditEnabled)</c>), options, settings, configuration or the host environment (<c>if
        /// (_options.SendEmails)</c>, <c>if (_environment.IsDevelopment())</c>), or a service the method reads without
        /// writing through it (<c>if (await _users.IsAdminAsync(id))</c>). Its branch runs on the calls the configuration
        /// or the arguments select, not on the first one only, so a query in it counts (a reader found a query under an
        /// options check taken for a cache check). Still a cache check: a field that is not <c>readonly</c>, which the first
        /// call may assign (<c>if (_owner == null) _owner = await ..</c>); a <c>readonly</c> collection, lazy value or cache,
        /// which it may fill (<c>if (_byId.Count == 0)</c>); and a <c>readonly</c> holder the method writes through
        /// (<c>if (_siteState.Alias != null) return _siteState.Alias; .. _siteState.Alias = alias;</c>, Oqtane's
        /// per-request alias).
        /// </summary>
        private static bool IsFixedAfterConstruction(IFieldReferenceOperation reference)
        {
            var field = reference.Field;
            if (!field.IsReadOnly)
            {
                return false;
            }

            var type = field.Type;
            if (type.IsValueType || type.SpecialType == SpecialType.System_String)
            {
                return true;
            }

            if (type is ITypeParameterSymbol
                || ContainsCache(field.Name) || ContainsCache(type.Name) || type.Name.IndexOf("Lazy", StringComparison.Ordinal) >= 0
                || IsCollection(type))
            {
                return false;
            }

            return NamesConfiguration(type.Name) || !WritesThrough(reference);

            static bool NamesConfiguration(string name)
                => name.EndsWith("Options", StringComparison.Ordinal) || name.EndsWith("OptionsMonitor", StringComparison.Ordinal)
                || name.EndsWith("OptionsSnapshot", StringComparison.Ordinal) || name.EndsWith("Settings", StringComparison.Ordinal)
                || name.EndsWith("Configuration", StringComparison.Ordinal) || name.EndsWith("Config", StringComparison.Ordinal)
                || name.EndsWith("Environment", StringComparison.Ordinal);

            static bool ContainsCache(string name) => name.IndexOf("cache", StringComparison.OrdinalIgnoreCase) >= 0;

            static bool IsCollection(ITypeSymbol type)
                => type.SpecialType == SpecialType.System_Collections_IEnumerable || type is IArrayTypeSymbol || SymbolFacts.ImplementsEnumerable(type);
        }

        /// <summary>The method holding <paramref name="reference"/> assigns a member through the same field (<c>_state.Alias = alias</c>).</summary>
        private static bool WritesThrough(IFieldReferenceOperation reference)
        {
            foreach (var operation in OperationTreeIndex.Root(reference).Descendants())
            {
                if (operation is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: { } instance } }
                    && instance.WalkDownConversion() is IFieldReferenceOperation written
                    && SymbolEqualityComparer.Default.Equals(written.Field, reference.Field))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A statement that reads a cache: a <c>Get…</c>/<c>TryGet…</c> call on a type whose name says it caches
        /// (<c>IMemoryCache</c>, <c>IDistributedCache</c>, <c>HybridCache</c>, a caching provider), or on its extensions, or
        /// one whose own name does (<c>TryGetFromCache(key, out var session)</c> over a dictionary field, found in
        /// OpenDeepWiki's chat sessions).
        /// </summary>
        private static bool LooksUpACache(IOperation statement)
        {
            // The calls written inside the statement, from the tree's index: the statements of nested blocks are asked
            // about at every level of nesting, and a walk per question read the inner ones again each time.
            foreach (var call in OperationTreeIndex.For(statement).InvocationsWithin(statement.Syntax.Span))
            {
                var method = call.TargetMethod;
                if ((method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name.StartsWith("TryGet", StringComparison.Ordinal))
                    && (NamesACache(method.ContainingType) || NamesACache(call.Instance?.Type) || NamesACacheLookup(method.Name) || IsACacheMember(call.Instance)
                        || (method.IsExtensionMethod && call.Arguments.Length > 0 && NamesACache(call.Arguments[0].Value.WalkDownConversion().Type))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A field or property whose name says it caches (<c>_cache.TryGet(id, out var item)</c> over an LRU of another
        /// library, found in Jellyfin's library manager): the lookup reads a cache whatever its type is called.
        /// </summary>
        private static bool IsACacheMember(IOperation? instance)
            => instance?.WalkDownConversion() switch
            {
                IFieldReferenceOperation field => field.Field.Name.IndexOf("cache", StringComparison.OrdinalIgnoreCase) >= 0,
                IPropertyReferenceOperation property => property.Property.Name.IndexOf("cache", StringComparison.OrdinalIgnoreCase) >= 0,
                _ => false,
            };

        /// <summary>
        /// <c>if (done.ContainsKey(key) &amp;&amp; ..) return;</c>: the method returns when the key is already there, a memo
        /// (WalkingTec.Mvvm's test-data seeding, called per foreign key, saves each type's rows once). The call itself, or
        /// the left of an <c>&amp;&amp;</c>; a negated one (<c>if (!done.ContainsKey(key)) return;</c>) returns on a miss instead.
        /// </summary>
        private static bool FindsItsKey(IOperation condition)
        {
            condition = condition.WalkDownConversion();
            while (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both)
            {
                condition = both.LeftOperand.WalkDownConversion();
            }

            return condition is IInvocationOperation { TargetMethod.Name: "ContainsKey" or "TryGetValue", Instance: not null };
        }

        /// <summary>A <c>return</c> or <c>throw</c>, alone or as a block's last statement.</summary>
        private static bool ReturnsOrThrows(IOperation branch)
        {
            if (branch is IBlockOperation { Operations: { Length: > 0 } statements })
            {
                branch = statements[statements.Length - 1];
            }

            return branch is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
        }

        // TryGetFromCache, TryGetCached…, GetCachedSettings, GetFromCache: a lookup named for the cache it reads. Not
        // GetCacheKey (found in Jellyfin's user data, which builds a key and then queries).
        private static bool NamesACacheLookup(string name)
            => (name.StartsWith("TryGet", StringComparison.Ordinal) && name.IndexOf("Cach", StringComparison.Ordinal) >= 0 && !name.EndsWith("Key", StringComparison.Ordinal))
            || name.StartsWith("GetCached", StringComparison.Ordinal)
            || name.StartsWith("GetFromCache", StringComparison.Ordinal);

        private static bool NamesACache(ITypeSymbol? type)
            => type != null && type.Name.IndexOf("Cach", StringComparison.Ordinal) >= 0;

        /// <summary>
        /// The path the message names for an interface method: the shortest of its implementations', then the first in
        /// ordinal order, so that it does not depend on the order the compiler reads the files in.
        /// </summary>
        private static bool NamesBetterPath(Found candidate, Found current)
        {
            if (candidate.Path.Length != current.Path.Length)
            {
                return candidate.Path.Length < current.Path.Length;
            }

            for (var i = 0; i < candidate.Path.Length; i++)
            {
                var order = string.CompareOrdinal(candidate.Path[i], current.Path[i]);
                if (order != 0)
                {
                    return order < 0;
                }
            }

            return false;
        }

        /// <summary><c>OrderRepository.GetById</c>: a method whose body is not read is named with its type.</summary>
        private static string NameWithType(IMethodSymbol method)
            => method.ContainingType == null ? method.Name : method.ContainingType.Name + "." + method.Name;

        /// <summary>A path with the name of the method that leads to it in front.</summary>
        private static string[] Prepend(string first, string[] path)
        {
            var result = new string[path.Length + 1];
            result[0] = first;
            Array.Copy(path, 0, result, 1, path.Length);
            return result;
        }

        private static bool IsMember(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IFieldReferenceOperation || value is IPropertyReferenceOperation;
        }

        // Implementations of an interface method whose runs depend on different flags (or some on none).
        private static readonly Found Unguarded = new Found(Array.Empty<string>(), 0);

        /// <summary>A run found: the path from the called method's callee to the executing call, and the levels it took.</summary>
        private sealed class Found
        {
            public Found(string[] path, int levels, int givenQuery = -1, int guard = -1, bool guardRunsWhen = true)
            {
                Path = path;
                Levels = levels;
                GivenQuery = givenQuery;
                Guard = guard;
                GuardRunsWhen = guardRunsWhen;
            }

            public Found(string[] path, int levels, in ParameterGuard guard)
                : this(path, levels, -1, guard.Ordinal, guard.RunsWhenEqual)
            {
                GuardValue = guard.Value;
                GuardNeedsConstant = guard.NeedsConstant;
            }

            /// <summary>The value <see cref="Guard"/>'s argument is compared with: <c>true</c> for a flag, the constant for a mode.</summary>
            public object? GuardValue { get; } = true;

            /// <summary>
            /// A mode compared with a constant (<c>if (status != WatchStatus.Completed)</c>): only a call passing a constant
            /// runs it; a flag's run counts for a call passing a value that is not a constant, as it did.
            /// </summary>
            public bool GuardNeedsConstant { get; }

            /// <summary>The guard this run holds under, for a run that stands for several (an interface's implementations).</summary>
            public ParameterGuard HeldGuard => new ParameterGuard(Guard, GuardValue, GuardRunsWhen, GuardNeedsConstant);

            public bool SameGuard(Found other)
                => Guard == other.Guard && GuardRunsWhen == other.GuardRunsWhen && Equals(GuardValue, other.GuardValue) && GuardNeedsConstant == other.GuardNeedsConstant;

            public string[] Path { get; }

            /// <summary>
            /// -1 when no parameter of the method's own decides whether the run happens; otherwise its ordinal: a <c>bool</c>
            /// flag (<c>if (save) await SaveChangesAsync();</c>) or a mode compared with a constant (<c>if (status !=
            /// WatchStatus.Completed)</c>), the run happening when the argument equals <see cref="GuardValue"/> as
            /// <see cref="GuardRunsWhen"/> says: a call passing another constant skips it (<see cref="Bind"/>).
            /// </summary>
            public int Guard { get; }

            public bool GuardRunsWhen { get; }

            /// <summary>
            /// -1 when the run happens on every call; otherwise the ordinal of the parameter whose query the run executes: a
            /// call runs it when it passes an EF query there (<see cref="Bind"/>).
            /// </summary>
            public int GivenQuery { get; }

            /// <summary>Levels of the depth limit it took, the called method included (an interface method and its implementation take one).</summary>
            public int Levels { get; }

            /// <summary>
            /// Null, or the path of the other branch of an <c>if</c> on the method's own <c>bool</c> parameter
            /// <see cref="FlagOrdinal"/> whose branches both run one: <see cref="Path"/> runs when the flag is
            /// <see cref="PathRunsWhen"/>, this one otherwise. Either way the run happens on every call.
            /// </summary>
            public string[]? OtherPath { get; private set; }

            public int OtherLevels { get; private set; }

            public int FlagOrdinal { get; private set; } = -1;

            public bool PathRunsWhen { get; private set; }

            public Found WithOtherBranch(int flagOrdinal, bool pathRunsWhen, Found other)
            {
                OtherPath = other.Path;
                OtherLevels = other.Levels;
                FlagOrdinal = flagOrdinal;
                PathRunsWhen = pathRunsWhen;
                return this;
            }
        }

        /// <summary>
        /// A cached answer and the levels it holds for: at least the run's own levels, and at most the levels the walk had
        /// when the depth limit cut part of it (with more, a run it could not reach, or an earlier one, may be found).
        /// </summary>
        private sealed class Answer
        {
            public Answer(Found? run, int maxLevels)
            {
                Run = run;
                MaxLevels = maxLevels;
            }

            public Found? Run { get; }

            /// <summary>The most levels it holds for: int.MaxValue unless the depth limit cut the walk that found it.</summary>
            public int MaxLevels { get; }

            public bool LimitedByDepth => MaxLevels != int.MaxValue;

            public bool HoldsFor(int levelsLeft) => (Run?.Levels ?? 0) <= levelsLeft && levelsLeft <= MaxLevels;
        }
    }
}
