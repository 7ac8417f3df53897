using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>A tracking EF query materialised in a read-only request handler (docs/rules/PERF107.md).</summary>
    internal sealed class TrackingQuery
    {
        public TrackingQuery(EfExecution execution, IOperation noTrackingTarget, ITypeSymbol entity)
        {
            Execution = execution;
            NoTrackingTarget = noTrackingTarget;
            Entity = entity;
        }

        public EfExecution Execution { get; }

        /// <summary>The query root (the set, <c>Set&lt;T&gt;()</c>, <c>FromSql</c>, the application call) after which the fix inserts <c>.AsNoTracking()</c>.</summary>
        public IOperation NoTrackingTarget { get; }

        public ITypeSymbol Entity { get; }
    }

    /// <summary>
    /// PERF107's model. Checks in order of cost: the call's name, whether its function is a request handler, the query
    /// chain in the handler (explicit tracking choice, projection, root), the whole handler (writes, saves, entities
    /// handed to other code), the application members the query comes through (bound once per member per
    /// compilation), and last whether any source file makes no-tracking the default.
    /// </summary>
    internal static class ReadOnlyTrackingModel
    {
        private const int MaxChain = 32;

        private const int MaxMemberDepth = QueryProvenance.MaxDepth;

        // How many values (locals, lambda parameters, members read) one handler's entity flow may visit.
        private const int MaxFlowSteps = 256;

        // Collections of entities. First/Single return one entity: the snapshot of one row costs little next to its round trip.
        private static readonly ImmutableHashSet<string> MaterialiserNames = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ToList", "ToListAsync", "ToArray", "ToArrayAsync", "ToDictionary", "ToDictionaryAsync",
            "ToHashSet", "ToHashSetAsync", "ToLookup", "ToLookupAsync");

        private static readonly ImmutableHashSet<string> TrackingChoiceNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "AsNoTracking", "AsNoTrackingWithIdentityResolution", "AsTracking");

        // DbContext / DbSet calls that attach, update or remove entities, or give access to their tracking entries.
        private static readonly ImmutableHashSet<string> ContextWriteNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Update", "UpdateRange", "Remove", "RemoveRange", "Attach", "AttachRange", "Entry");

        private static readonly string[] CollectionMutatorPrefixes = { "Add", "Insert", "Remove", "Clear", "TryAdd", "TryRemove", "Push", "Pop", "Enqueue", "Dequeue", "Set" };

        private static readonly PerTreeFlag NoTrackingTrees = new PerTreeFlag(ConfiguresNoTracking);

        private static readonly PerCompilationAnswers<ISymbol, MemberAnswer> MemberAnswers =
            new PerCompilationAnswers<ISymbol, MemberAnswer>(slotsPerTree: 16, comparer: SymbolEqualityComparer.Default);

        /// <summary>
        /// The tracking query <paramref name="invocation"/> materialises in a read-only request handler, or null.
        /// <paramref name="noTrackingByDefault"/> is asked last, only for a query that would be reported.
        /// </summary>
        public static TrackingQuery? TryFind(
            IInvocationOperation invocation,
            SemanticContext types,
            RequestHandlerModel handlers,
            ISymbol? containingSymbol,
            Func<CancellationToken, bool> noTrackingByDefault,
            CancellationToken cancellationToken)
        {
            if (!MaterialiserNames.Contains(invocation.TargetMethod.Name))
            {
                return null;
            }

            var handler = FindHandler(invocation, handlers, containingSymbol, out var kind);
            if (handler == null
                || !EfQueryModel.TryGetExecution(invocation, types, out var execution)
                || execution.Kind != EfExecutionKind.Materialise
                || execution.Query == null)
            {
                return null;
            }

            var query = execution.Query.WalkDownConversion();
            var element = QueryElementType(query.Type, types);
            if (element == null)
            {
                return null;
            }

            // The chain in the handler first, without reading application members.
            var truncated = false;
            var local = Walk(query, types, resolveMembers: false, member: null, depth: 0, ref truncated);
            if (local.Kind == RootKind.None || (local.Kind == RootKind.Entity && !SymbolEqualityComparer.Default.Equals(local.Entity, element)))
            {
                return null;
            }

            var flow = new FlowState(kind == RequestHandlerKind.RazorPageHandler);
            if (WritesOrSaves(handler, types) || !IsReadOnlyUse(invocation, handler, types, flow, cancellationToken))
            {
                return null;
            }

            var root = local.Kind == RootKind.Entity ? local : Walk(query, types, resolveMembers: true, member: null, depth: 0, ref truncated);
            if (root.Kind != RootKind.Entity || root.Target == null || !SymbolEqualityComparer.Default.Equals(root.Entity, element))
            {
                return null;
            }

            return noTrackingByDefault(cancellationToken) ? null : new TrackingQuery(execution, root.Target, root.Entity!);
        }

        /// <summary>
        /// True when some source file sets <c>QueryTrackingBehavior.NoTracking</c> (or <c>NoTrackingWithIdentityResolution</c>):
        /// <c>UseQueryTrackingBehavior(..)</c> on the options, or <c>ChangeTracker.QueryTrackingBehavior = ..</c> in a
        /// context. A syntactic fact cached per syntax tree, so an edit rescans one file.
        /// </summary>
        public static bool IsNoTrackingByDefault(Compilation compilation, CancellationToken cancellationToken) => NoTrackingTrees.AnyTree(compilation, cancellationToken);

        private static bool ConfiguresNoTracking(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!TextMarker.QueryTrackingBehavior.OccursIn(tree, cancellationToken))
            {
                return false;
            }

            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken)
                    && token.ValueText is "NoTracking" or "NoTrackingWithIdentityResolution"
                    && token.Parent is IdentifierNameSyntax name
                    && name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                    && DeclarationSyntax.LastName(access.Expression) == "QueryTrackingBehavior"
                    && !SetsOnlyALocalContext(access))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>ctx.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;</c> where <c>ctx</c> is a local of the
        /// function, not returned by it: one context created for one method's reads, not a default of the application
        /// (found in BTCPay Server, where four such methods kept PERF107 silent for the whole web project). A handler that
        /// sets it on its own context is left alone anyway, as one that uses the change tracker.
        /// </summary>
        private static bool SetsOnlyALocalContext(MemberAccessExpressionSyntax value)
        {
            if (value.Parent is not AssignmentExpressionSyntax assignment
                || assignment.Right != value
                || assignment.Left is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "QueryTrackingBehavior", Expression: MemberAccessExpressionSyntax tracker }
                || tracker.Name.Identifier.ValueText != "ChangeTracker"
                || tracker.Expression is not IdentifierNameSyntax receiver)
            {
                return false;
            }

            SyntaxNode? function = assignment.Parent;
            while (function != null && function is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax))
            {
                function = function.Parent;
            }

            if (function == null)
            {
                return false;
            }

            var name = receiver.Identifier.ValueText;
            var declared = false;
            foreach (var node in function.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                        declared = true;
                        break;
                    case ReturnStatementSyntax { Expression: IdentifierNameSyntax returned } when returned.Identifier.ValueText == name:
                        // A factory that configures the contexts it hands out: a default for them.
                        return false;
                }
            }

            return declared;
        }


        /// <summary>
        /// The body of the request handler the call is in: a controller action's or Razor Pages handler's body, a
        /// minimal-API lambda or local function, a FastEndpoints endpoint class's handler. Null when the nearest enclosing
        /// function is anything else.
        /// </summary>
        private static IOperation? FindHandler(IOperation operation, RequestHandlerModel handlers, ISymbol? containingSymbol, out RequestHandlerKind kind)
        {
            kind = RequestHandlerKind.MinimalApi;
            var root = operation;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return handlers.IsMinimalApiHandler(lambda) ? lambda : null;
                    case ILocalFunctionOperation localFunction:
                        return handlers.IsMinimalApiHandler(localFunction) ? localFunction : null;
                }

                root = current;
            }

            kind = containingSymbol is IMethodSymbol method ? handlers.GetHandlerKind(method) : RequestHandlerKind.None;
            return kind is RequestHandlerKind.ControllerAction or RequestHandlerKind.RazorPageHandler or RequestHandlerKind.MinimalApi or RequestHandlerKind.EndpointClass
                ? root
                : null;
        }

        // ---- The query chain ----

        private enum RootKind
        {
            /// <summary>Not a tracking entity query we understand, or tracking chosen explicitly.</summary>
            None,

            /// <summary>A tracking query of <see cref="Root.Entity"/>.</summary>
            Entity,

            /// <summary>Comes through an application member not read yet.</summary>
            Pending,

            /// <summary>Inside an application member: returns what its parameter <see cref="Root.Parameter"/> is passed.</summary>
            Parameter,
        }

        private readonly struct Root
        {
            public static readonly Root None = default;

            public static readonly Root Pending = new Root(RootKind.Pending, null, null, -1);

            public Root(RootKind kind, IOperation? target, ITypeSymbol? entity, int parameter)
            {
                Kind = kind;
                Target = target;
                Entity = entity;
                Parameter = parameter;
            }

            public RootKind Kind { get; }

            public IOperation? Target { get; }

            public ITypeSymbol? Entity { get; }

            public int Parameter { get; }

            public static Root ForEntity(IOperation target, ITypeSymbol? entity)
                => entity == null ? None : new Root(RootKind.Entity, target, entity, -1);
        }

        /// <summary>
        /// Walks from the query down its operators (through locals written once) to its root. Inside an application
        /// member (<paramref name="member"/>), a parameter passed through is reported as such.
        /// </summary>
        private static Root Walk(IOperation? operation, SemanticContext types, bool resolveMembers, IMethodSymbol? member, int depth, ref bool truncated)
        {
            var current = operation;
            for (var step = 0; current != null && step < MaxChain; step++)
            {
                current = current.UnwrapValue();
                switch (current)
                {
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        var containing = method.ContainingType?.OriginalDefinition;
                        if (containing == null)
                        {
                            return Root.None;
                        }

                        if (IsTrackingChoice(method, types))
                        {
                            // The developer chose either way.
                            return Root.None;
                        }

                        if (method.Name == "Set" && types.IsDbContext(containing) && types.IsDbSet(method.ReturnType))
                        {
                            return Root.ForEntity(invocation, SetElementType(method.ReturnType, types));
                        }

                        if (method.Name.StartsWith("FromSql", StringComparison.Ordinal) && SymbolFacts.Is(containing, types.RelationalQueryableExtensions))
                        {
                            return Root.ForEntity(invocation, QueryElementType(invocation.Type, types));
                        }

                        if (EfQueryModel.IsQueryOperator(method, types))
                        {
                            if (ProjectsIntoNewObjects(invocation))
                            {
                                return Root.None;
                            }

                            current = EfQueryModel.GetSource(invocation);
                            continue;
                        }

                        if (!IsApplicationQueryMember(method, invocation.Type, types))
                        {
                            return Root.None;
                        }

                        if (!resolveMembers)
                        {
                            return Root.Pending;
                        }

                        var answer = GetMemberAnswer(method, types, depth, ref truncated);
                        switch (answer.Kind)
                        {
                            case RootKind.Entity:
                                return Root.ForEntity(invocation, EntityOf(answer, invocation.Type, types));
                            case RootKind.Parameter:
                                current = invocation.ArgumentFor(answer.Parameter);
                                continue;
                            default:
                                return Root.None;
                        }

                    case IPropertyReferenceOperation property:
                        if (types.IsDbSet(property.Type))
                        {
                            return Root.ForEntity(property, SetElementType(property.Type, types));
                        }

                        if (IdentityStoreCalls.IsEfStoreQueryable(property, types))
                        {
                            // userManager.Users / roleManager.Roles over Identity's EF Core store: its DbSet of users or roles.
                            return Root.ForEntity(property, QueryElementType(property.Type, types));
                        }

                        var getter = property.Property.GetMethod;
                        if (getter == null || property.Property.Parameters.Length > 0 || !IsApplicationQueryMember(getter, property.Type, types))
                        {
                            return Root.None;
                        }

                        if (!resolveMembers)
                        {
                            return Root.Pending;
                        }

                        var propertyAnswer = GetMemberAnswer(getter, types, depth, ref truncated);
                        return propertyAnswer.Kind == RootKind.Entity ? Root.ForEntity(property, EntityOf(propertyAnswer, property.Type, types)) : Root.None;

                    case IFieldReferenceOperation field:
                        return types.IsDbSet(field.Type) ? Root.ForEntity(field, SetElementType(field.Type, types)) : Root.None;

                    case IParameterReferenceOperation parameter:
                        if (types.IsDbSet(parameter.Type))
                        {
                            return Root.ForEntity(parameter, SetElementType(parameter.Type, types));
                        }

                        // A parameter of the member, or the receiver of its extension block (db.Files.ForPublication(id)).
                        return member != null && SymbolFacts.OrdinalIn(parameter.Parameter, member) is >= 0 and var ordinal
                            ? new Root(RootKind.Parameter, null, null, ordinal)
                            : Root.None;

                    case ILocalReferenceOperation local:
                        if (types.IsDbSet(local.Type))
                        {
                            // A local holding the set: the fix goes after the read, the local keeps its type.
                            return Root.ForEntity(local, SetElementType(local.Type, types));
                        }

                        if ((!EfQueryModel.TryGetSingleValue(local, out var value) || value == null)
                            && !TryGetFilteredValue(local, types, out value))
                        {
                            return Root.None;
                        }

                        current = value;
                        continue;

                    default:
                        return Root.None;
                }
            }

            return Root.None;
        }

        /// <summary><c>AsNoTracking()</c>, <c>AsNoTrackingWithIdentityResolution()</c> or <c>AsTracking()</c> of EF Core.</summary>
        private static bool IsTrackingChoice(IMethodSymbol method, SemanticContext types)
            => TrackingChoiceNames.Contains(method.Name) && SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.EntityFrameworkQueryableExtensions);

        /// <summary>
        /// The one value of a local the handler otherwise writes only as <c>q = q.Where(..)</c> (filters, ordering, paging
        /// added under conditions, found in Cleanuparr's event lists): each such write keeps the rows entities of the same
        /// set. Not when one of them chooses the tracking itself or projects into new objects.
        /// </summary>
        private static bool TryGetFilteredValue(ILocalReferenceOperation local, SemanticContext types, out IOperation? value)
        {
            var composed = ImmutableArray.CreateBuilder<IInvocationOperation>();
            if (!EfQueryModel.TryGetComposedValue(local, types, composed, out value) || value == null)
            {
                return false;
            }

            foreach (var invocation in composed)
            {
                var method = invocation.TargetMethod;
                if (!EfQueryModel.IsQueryOperator(method, types) || ProjectsIntoNewObjects(invocation) || IsTrackingChoice(method, types))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>Select(x =&gt; new T { .. })</c> and the like: the rows become new objects EF does not track, even when
        /// their type is an entity type.
        /// </summary>
        private static bool ProjectsIntoNewObjects(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.Name is not ("Select" or "SelectMany"))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                foreach (var descendant in argument.Value.DescendantsAndSelf())
                {
                    if (descendant is IAnonymousFunctionOperation lambda)
                    {
                        foreach (var returned in lambda.Body.Descendants())
                        {
                            if (returned is IReturnOperation { ReturnedValue: { } value }
                                && value.WalkDownConversion() is IObjectCreationOperation or IAnonymousObjectCreationOperation or ITupleOperation)
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsApplicationQueryMember(IMethodSymbol method, ITypeSymbol? type, SemanticContext types)
            => !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty
            && !types.IsLinqOperatorClass(method.ContainingType)
            && types.IsQueryable(type);

        /// <summary>T of <c>IQueryable&lt;T&gt;</c> for a query type (a DbSet, an IQueryable, an IOrderedQueryable …).</summary>
        /// <summary>
        /// The entity a member's answer names, for a use of the member whose value has <paramref name="useType"/>: a generic
        /// repository's member answers for its type parameter (<c>DbSet&lt;T&gt;</c>), and the use's own element type is the
        /// entity then (<c>IRepository&lt;Issue&gt;.GetAll()</c>, found in Ombi).
        /// </summary>
        private static ITypeSymbol? EntityOf(MemberAnswer answer, ITypeSymbol? useType, SemanticContext types)
            => answer.Entity is ITypeParameterSymbol ? QueryElementType(useType, types) : answer.Entity;

        private static ITypeSymbol? QueryElementType(ITypeSymbol? type, SemanticContext types)
        {
            if (type is not INamedTypeSymbol named || types.IQueryableOfT == null)
            {
                return null;
            }

            if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.IQueryableOfT))
            {
                return named.TypeArguments[0];
            }

            foreach (var implemented in named.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, types.IQueryableOfT))
                {
                    return implemented.TypeArguments[0];
                }
            }

            return null;
        }

        private static ITypeSymbol? SetElementType(ITypeSymbol? type, SemanticContext types)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, types.DbSet) && current.TypeArguments.Length == 1)
                {
                    return current.TypeArguments[0];
                }
            }

            return null;
        }

        // ---- Application members the query comes through ----

        private sealed class MemberAnswer
        {
            public static readonly MemberAnswer None = new MemberAnswer(RootKind.None, null, -1);

            public MemberAnswer(RootKind kind, ITypeSymbol? entity, int parameter, int levels = 0)
            {
                Kind = kind;
                Entity = entity;
                Parameter = parameter;
                Levels = levels;
            }

            public RootKind Kind { get; }

            public ITypeSymbol? Entity { get; }

            public int Parameter { get; }

            /// <summary>
            /// How many of <see cref="MaxMemberDepth"/>'s levels the walk that found it needed: reused only where at least
            /// that many are left, so that the answer does not depend on which member was analysed first.
            /// </summary>
            public int Levels { get; }

            public MemberAnswer WithLevels(int levels) => Kind == RootKind.None ? this : new MemberAnswer(Kind, Entity, Parameter, levels);
        }

        /// <summary>The deepest level the member being answered reaches: its depth plus the levels it needs.</summary>
        [ThreadStatic]
        private static int reach;

        /// <summary>
        /// What an application method or property getter returning a query returns: a tracking query of one entity
        /// type on every path, or a parameter passed through. Anything else, an explicit tracking choice included, is
        /// <see cref="MemberAnswer.None"/>. Kept per member per compilation unless a depth cut made it partial.
        /// </summary>
        private static MemberAnswer GetMemberAnswer(IMethodSymbol method, SemanticContext types, int depth, ref bool truncated)
        {
            // A closed interface construction is answered by its own implementations (docs/concepts.md#ef-query).
            method = SemanticContext.SummaryKey(method);
            var cache = MemberAnswers.For(types);
            if (cache.TryGetValue(method, out var known) && known.Levels <= MaxMemberDepth - depth)
            {
                reach = Math.Max(reach, depth + known.Levels);
                return known;
            }

            if (depth >= MaxMemberDepth)
            {
                truncated = true;
                return MemberAnswer.None;
            }

            var innerTruncated = false;
            var outerReach = reach;
            reach = depth + 1;
            MemberAnswer answer;
            try
            {
                answer = ComputeMemberAnswer(method, types, depth + 1, ref innerTruncated);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never throw from an analyzer: an unreadable member is not a query we understand.
                answer = MemberAnswer.None;
            }

            var levels = reach - depth;
            reach = Math.Max(outerReach, reach);
            if (innerTruncated)
            {
                truncated = true;
            }
            else
            {
                answer = answer.WithLevels(levels);
                cache.Store(method, answer);
            }

            return answer;
        }

        private static MemberAnswer ComputeMemberAnswer(IMethodSymbol method, SemanticContext types, int depth, ref bool truncated)
        {
            if (method.ContainingType?.TypeKind == TypeKind.Interface && method.IsAbstract)
            {
                var implementations = types.SourceImplementations(method);
                if (implementations == null || implementations.Count == 0)
                {
                    return MemberAnswer.None;
                }

                MemberAnswer? combined = null;
                foreach (var implementation in implementations)
                {
                    var answer = GetMemberAnswer(implementation, types, depth, ref truncated);
                    if (answer.Kind != RootKind.Entity || (combined != null && !SymbolEqualityComparer.Default.Equals(combined.Entity, answer.Entity)))
                    {
                        return MemberAnswer.None;
                    }

                    combined ??= answer;
                }

                return combined ?? MemberAnswer.None;
            }

            if (method.IsAbstract || method.IsExtern || method.IsAsync || method.IsVirtual || method.IsOverride)
            {
                // An override elsewhere may answer otherwise.
                return method.IsOverride && method.IsSealed ? ComputeBody(method, types, depth, ref truncated) : MemberAnswer.None;
            }

            return ComputeBody(method, types, depth, ref truncated);
        }

        private static MemberAnswer ComputeBody(IMethodSymbol method, SemanticContext types, int depth, ref bool truncated)
        {
            // Another project's source (the IDE hands it over as another compilation) cannot be bound here; a compiled
            // reference has no body either: both give the same answer.
            if (!types.IsDeclaredInCompilation(method))
            {
                return MemberAnswer.None;
            }

            var values = new List<IOperation>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (syntax is ArrowExpressionClauseSyntax arrow && arrow.Parent is PropertyDeclarationSyntax)
                {
                    syntax = arrow;
                }

                foreach (var node in syntax.DescendantNodes())
                {
                    if (node is YieldStatementSyntax)
                    {
                        return MemberAnswer.None;
                    }
                }

                // Another tree than the one being analysed: bound once per member per compilation (the answer is cached).
#pragma warning disable RS1030
                var model = types.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                var body = model.GetOperation(syntax);
                if (body == null)
                {
                    return MemberAnswer.None;
                }

                if (body is IReturnOperation { ReturnedValue: { } single })
                {
                    values.Add(single);
                }
                else
                {
                    body.CollectReturnedValues(values);
                }
            }

            if (values.Count == 0)
            {
                return MemberAnswer.None;
            }

            MemberAnswer? combined = null;
            foreach (var value in values)
            {
                var root = Walk(value, types, resolveMembers: true, method, depth, ref truncated);
                MemberAnswer answer;
                if (root.Kind == RootKind.Entity && SymbolEqualityComparer.Default.Equals(root.Entity, QueryElementType(value.WalkDownConversion().Type, types)))
                {
                    answer = new MemberAnswer(RootKind.Entity, root.Entity, -1);
                }
                else if (root.Kind == RootKind.Parameter)
                {
                    answer = new MemberAnswer(RootKind.Parameter, null, root.Parameter);
                }
                else
                {
                    return MemberAnswer.None;
                }

                if (combined != null
                    && (combined.Kind != answer.Kind || combined.Parameter != answer.Parameter || !SymbolEqualityComparer.Default.Equals(combined.Entity, answer.Entity)))
                {
                    return MemberAnswer.None;
                }

                combined ??= answer;
            }

            return combined ?? MemberAnswer.None;
        }

        // ---- The whole handler ----

        /// <summary>
        /// SaveChanges on anything, a write of Identity's managers, Update/Remove/Attach/Entry on a context or set, the
        /// ChangeTracker, or the context handed to the application's own code: the handler (or code it calls) may write.
        /// </summary>
        private static bool WritesOrSaves(IOperation handler, SemanticContext types)
        {
            foreach (var operation in handler.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        if (method.Name is "SaveChanges" or "SaveChangesAsync" || IdentityStoreCalls.IsManagerWrite(method, types))
                        {
                            return true;
                        }

                        var containing = method.ContainingType;
                        if (ContextWriteNames.Contains(method.Name) && (types.IsDbContext(containing) || types.IsDbSet(containing)))
                        {
                            return true;
                        }

                        // The application's own code given the context may attach or modify (a query-returning member only composes a query).
                        if (!method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty && !types.IsQueryable(method.ReturnType)
                            && PassesContext(invocation.Arguments, invocation.Instance, types))
                        {
                            return true;
                        }

                        // A method of the application that saves (a repository's Save(), a unit of work's Commit()), through
                        // the shared summary (docs/rules/PERF105.md, "Through a call").
                        if (!types.IsQueryable(method.ReturnType) && !types.IsLinqOperatorClass(method.ContainingType)
                            && (method.ContainingType?.TypeKind == TypeKind.Interface || types.IsDeclaredByApplication(method.OriginalDefinition))
                            && RunSummary.Saves.GetPath(invocation, types).Count > 0)
                        {
                            return true;
                        }

                        break;
                    case IObjectCreationOperation creation when creation.Constructor != null
                        && !creation.Constructor.DeclaringSyntaxReferences.IsEmpty && PassesContext(creation.Arguments, null, types):
                        return true;
                    case IPropertyReferenceOperation property when property.Property.Name == "ChangeTracker" && types.IsDbContext(property.Property.ContainingType):
                        return true;
                }
            }

            return false;
        }

        private static bool PassesContext(ImmutableArray<IArgumentOperation> arguments, IOperation? instance, SemanticContext types)
        {
            if (instance != null && types.IsDbContext(instance.Type) && !instance.IsImplicit)
            {
                // A method of the application's own context: it may attach or modify.
                return true;
            }

            foreach (var argument in arguments)
            {
                if (types.IsDbContext(argument.Value.WalkDownConversion().Type))
                {
                    return true;
                }
            }

            return false;
        }

        // ---- Where the entities go ----

        private sealed class FlowState
        {
            public FlowState(bool pageModel) => PageModel = pageModel;

            public readonly HashSet<ISymbol> Visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            public int Steps;

            /// <summary>A Razor Pages handler: its own properties carry the model to the page it renders.</summary>
            public bool PageModel { get; }
        }

        /// <summary>
        /// True when the value (the materialised entities, or a value reached from them) is only read: returned,
        /// wrapped in a response, read by LINQ to Objects, formatted. Any write to a member, any call of the
        /// application's or an unknown method receiving it, any escape into a field answers false.
        /// </summary>
        private static bool IsReadOnlyUse(IOperation value, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++state.Steps > MaxFlowSteps)
            {
                return false;
            }

            var top = value.ClimbToValueUse();
            var parent = top.Parent;
            switch (parent)
            {
                case null:
                case IReturnOperation:
                case IExpressionStatementOperation:
                case IInterpolationOperation:
                case IBinaryOperation:
                case IIsTypeOperation:
                    return true;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsReadOnlyLocal(declarator.Symbol, handler, types, state, cancellationToken);

                case ISimpleAssignmentOperation assignment when assignment.Value == top:
                    switch (assignment.Target)
                    {
                        case ILocalReferenceOperation target:
                            return IsReadOnlyLocal(target.Local, handler, types, state, cancellationToken);
                        case IPropertyReferenceOperation when assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation }:
                            // new Dto { Product = p }: the value now travels inside the new object.
                            return IsReadOnlyUse(creation, handler, types, state, cancellationToken);
                        case IPropertyReferenceOperation when assignment.Parent is IAnonymousObjectCreationOperation anonymous:
                            return IsReadOnlyUse(anonymous, handler, types, state, cancellationToken);
                        case IMemberReferenceOperation { Instance: IInstanceReferenceOperation } own when state.PageModel:
                            // Products = await db.Products.ToListAsync(): the page model hands them to its page; its other uses in the handler are checked.
                            return IsReadOnlyOwnMember(own.Member, assignment, handler, types, state, cancellationToken);
                        default:
                            return false;
                    }

                case IAssignmentOperation written:
                    // The value itself is the target: a local holding entities written again. Its other reads are checked on their own.
                    return written.Target == top && top is ILocalReferenceOperation;

                case IIncrementOrDecrementOperation:
                    return top is ILocalReferenceOperation;

                case IPropertyReferenceOperation property when property.Instance == top:
                    return IsReadOnlyMember(property, property.Type, handler, types, state, cancellationToken);

                case IFieldReferenceOperation field when field.Instance == top:
                    return IsReadOnlyMember(field, field.Type, handler, types, state, cancellationToken);

                case IArrayElementReferenceOperation element when element.ArrayReference == top:
                    return IsReadOnlyMember(element, element.Type, handler, types, state, cancellationToken);

                case IInvocationOperation invocation when invocation.Instance == top:
                    return IsReadOnlyReceiver(invocation, handler, types, state, cancellationToken);

                case IArgumentOperation argument:
                    return IsReadOnlyArgument(argument, handler, types, state, cancellationToken);

                case IForEachLoopOperation loop when loop.Collection == top:
                    foreach (var local in loop.Locals)
                    {
                        // foreach (var name in roles.Select(r => r.Name)): a string or a number holds no entity.
                        if (!StopsFlow(local.Type) && !IsReadOnlyLocal(local, handler, types, state, cancellationToken))
                        {
                            return false;
                        }
                    }

                    return true;

                case IConditionalAccessOperation access when access.Operation == top:
                    if (access.ReceiverPlaceholder() is { } placeholder && !IsReadOnlyUse(placeholder, handler, types, state, cancellationToken))
                    {
                        return false;
                    }

                    return StopsFlow(access.Type) || IsReadOnlyUse(access, handler, types, state, cancellationToken);

                case IConditionalAccessOperation access when access.WhenNotNull == top:
                    // The whole access is checked where its receiver was.
                    return true;

                case IConditionalOperation conditional when conditional.Condition != top:
                    return IsReadOnlyUse(conditional, handler, types, state, cancellationToken);

                case ICoalesceOperation coalesce:
                    return IsReadOnlyUse(coalesce, handler, types, state, cancellationToken);

                case IIsPatternOperation pattern when pattern.Value == top:
                    foreach (var descendant in pattern.Pattern.DescendantsAndSelf())
                    {
                        var declared = descendant switch
                        {
                            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                            _ => null,
                        };
                        if (declared is ILocalSymbol local && !IsReadOnlyLocal(local, handler, types, state, cancellationToken))
                        {
                            return false;
                        }
                    }

                    return true;

                default:
                    return false;
            }
        }

        /// <summary>A member, indexer or element read from the entities: written to, it modifies them; read, it is followed when it can hold entities.</summary>
        private static bool IsReadOnlyMember(IOperation member, ITypeSymbol? type, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            if (IsWriteTarget(member))
            {
                return false;
            }

            return StopsFlow(type) || IsReadOnlyUse(member, handler, types, state, cancellationToken);
        }

        private static bool IsWriteTarget(IOperation operation)
        {
            var parent = operation.Parent;
            return parent switch
            {
                IAssignmentOperation assignment => assignment.Target == operation,
                IIncrementOrDecrementOperation increment => increment.Target == operation,
                IArgumentOperation argument => argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out },
                ITupleOperation => true,
                _ => false,
            };
        }

        /// <summary>A method called on the entities or their collection.</summary>
        private static bool IsReadOnlyReceiver(IInvocationOperation invocation, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType?.SpecialType == SpecialType.System_Object || method.Name is "ToString" or "GetHashCode" or "Equals" or "GetType")
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out })
                {
                    // dictionary.TryGetValue(id, out var product): the entity leaves through the out variable.
                    return false;
                }
            }

            return IsFrameworkCollection(method.ContainingType) && !IsCollectionMutator(method.Name)
                && AreReadOnlyLambdas(invocation.Arguments, handler, types, state, cancellationToken)
                && (StopsFlow(invocation.Type) || IsReadOnlyUse(invocation, handler, types, state, cancellationToken));
        }

        /// <summary>The entities passed to a method or constructor.</summary>
        private static bool IsReadOnlyArgument(IArgumentOperation argument, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            if (argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out })
            {
                return false;
            }

            switch (argument.Parent)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    var containing = method.ContainingType?.OriginalDefinition;
                    if (SymbolFacts.Is(containing, types.Enumerable) || (IsFrameworkCollection(containing) && !IsCollectionMutator(method.Name)))
                    {
                        // LINQ to Objects over the entities: its lambdas see them, its result may still hold them.
                        return AreReadOnlyLambdas(invocation.Arguments, handler, types, state, cancellationToken)
                            && (StopsFlow(invocation.Type) || IsReadOnlyUse(invocation, handler, types, state, cancellationToken));
                    }

                    return IsResponseOrFormatting(method, types);

                case IObjectCreationOperation creation:
                    var type = creation.Type as INamedTypeSymbol;
                    if (IsFrameworkCollection(type))
                    {
                        // new List<Product>(products): a copy holding the same entities.
                        return IsReadOnlyUse(creation, handler, types, state, cancellationToken);
                    }

                    // new OkObjectResult(products), new JsonResult(products): a response.
                    return type != null && type.DeclaringSyntaxReferences.IsEmpty && IsInNamespace(type, "Microsoft.AspNetCore.Mvc")
                        && type.Name.EndsWith("Result", StringComparison.Ordinal);

                default:
                    return false;
            }
        }

        /// <summary>Ok(x), Json(x), View(x), Results.Ok(x), TypedResults.Ok(x), FastEndpoints' Send.OkAsync(x), string.Join, JsonSerializer.Serialize: they only read.</summary>
        private static bool IsResponseOrFormatting(IMethodSymbol method, SemanticContext types)
        {
            var containing = method.ContainingType?.OriginalDefinition;
            if (containing == null || !containing.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            if (SymbolFacts.Is(containing, types.ControllerBase) || SymbolFacts.Is(containing, types.MvcController) || SymbolFacts.Is(containing, types.PageModel))
            {
                // TryUpdateModelAsync binds request values into the object it is given.
                return !method.Name.StartsWith("TryUpdateModel", StringComparison.Ordinal);
            }

            return SymbolFacts.Is(containing, types.Results) || SymbolFacts.Is(containing, types.TypedResults)
                || containing.SpecialType == SpecialType.System_String
                || SymbolFacts.Is(containing, types.JsonSerializer)
                || RequestHandlerModel.IsFastEndpointsSend(method);
        }

        /// <summary>Every lambda argument only reads the elements it is given; a method group (application code) does not count as reading.</summary>
        private static bool AreReadOnlyLambdas(ImmutableArray<IArgumentOperation> arguments, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            foreach (var argument in arguments)
            {
                var value = argument.Value.WalkDownConversion();
                if (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target;
                }

                if (value is IMethodReferenceOperation)
                {
                    return false;
                }

                if (value is not IAnonymousFunctionOperation lambda)
                {
                    continue;
                }

                foreach (var parameter in lambda.Symbol.Parameters)
                {
                    if (StopsFlow(parameter.Type) || !state.Visited.Add(parameter))
                    {
                        continue;
                    }

                    foreach (var descendant in lambda.Body.Descendants())
                    {
                        if (descendant is IParameterReferenceOperation reference
                            && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter)
                            && !IsReadOnlyUse(reference, handler, types, state, cancellationToken))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        /// <summary>Every read of a local holding entities only reads them; writes to the local itself are not writes to them.</summary>
        private static bool IsReadOnlyLocal(ILocalSymbol local, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            if (local.IsRef)
            {
                return false;
            }

            if (!state.Visited.Add(local))
            {
                return true;
            }

            foreach (var operation in handler.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !reference.IsDeclaration
                    && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                    && !IsReadOnlyUse(reference, handler, types, state, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Every other read of a page model's own property or field in the handler only reads the entities it holds.</summary>
        private static bool IsReadOnlyOwnMember(ISymbol member, IOperation write, IOperation handler, SemanticContext types, FlowState state, CancellationToken cancellationToken)
        {
            if (!state.Visited.Add(member))
            {
                return true;
            }

            foreach (var operation in handler.Descendants())
            {
                if (operation is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } reference
                    && SymbolEqualityComparer.Default.Equals(reference.Member, member)
                    && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                    && !IsReadOnlyUse(reference, handler, types, state, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Values that cannot hold an entity: value types (enums, numbers, dates) and strings.</summary>
        private static bool StopsFlow(ITypeSymbol? type)
            => type != null && (type.IsValueType && type is not ITypeParameterSymbol || type.SpecialType == SpecialType.System_String);

        private static bool IsFrameworkCollection(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            return type is INamedTypeSymbol named && named.DeclaringSyntaxReferences.IsEmpty
                && (IsInNamespace(named, "System.Collections.Generic") || IsInNamespace(named, "System.Collections.Immutable")
                    || IsInNamespace(named, "System.Collections.ObjectModel") || IsInNamespace(named, "System.Linq"));
        }

        private static bool IsCollectionMutator(string name)
        {
            foreach (var prefix in CollectionMutatorPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return name is "ForEach" or "Sort" or "Reverse" or "CopyTo";
        }

        private static bool IsInNamespace(INamedTypeSymbol type, string name)
            => SymbolFacts.IsNamespace(type.ContainingNamespace, name);
    }
}
