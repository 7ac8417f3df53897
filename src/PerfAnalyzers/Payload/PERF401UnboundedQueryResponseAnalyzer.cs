using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF401: a request handler returns (directly, through <c>Ok</c>/<c>Results.Ok</c>/<c>TypedResults.Ok</c>/<c>Json</c>/
    /// <c>new ObjectResult</c>, or through a local) an EF query materialised with <c>ToList(Async)</c>/<c>ToArray(Async)</c>
    /// that has no <c>Take</c> and no paging helper: the whole table is buffered before the first byte is sent.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF401UnboundedQueryResponseAnalyzer : DiagnosticAnalyzer
    {
        public const string PageSizeProperty = "PageSize";

        /// <summary>Set when a response object carries the list: streaming it would change that object's type, so only paging is offered.</summary>
        public const string CarriedProperty = "Carried";

        /// <summary>
        /// Set when the list reaches the response reordered in memory (<c>Ok(list.OrderBy(..))</c>): paging the query would
        /// page it in another order than the response's, and streaming cannot sort in memory, so no fix is offered.
        /// </summary>
        public const string ReorderedProperty = "Reordered";

        /// <summary>
        /// Set in a FastEndpoints handler: its signature and response type are the framework's and the endpoint's type
        /// arguments, so neither a stream nor paging parameters can be added in place; no fix is offered.
        /// </summary>
        public const string EndpointClassProperty = "EndpointClass";

        /// <summary>
        /// Diagnostic property set when the query is a stored procedure's result (<c>FromSqlRaw("EXEC ..")</c>): SQL Server
        /// cannot compose paging over it, so only streaming is offered (docs/rules/PERF401.md).
        /// </summary>
        public const string StoredProcedureProperty = "StoredProcedure";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF401UnboundedQueryResponse);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore || types.Handlers is not RequestHandlerModel handlers)
                {
                    return;
                }

                var pageSizes = new PerTreeOptions<int>(start.Options, options =>
                    PerfOptions.GetInt(options, DiagnosticIds.UnboundedQueryResponse, "default_page_size", 50, 1, 100000));
                start.RegisterOperationAction(operation => Analyze(operation, handlers, types, pageSizes), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, RequestHandlerModel handlers, SemanticContext types, PerTreeOptions<int> pageSizes)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is not ("ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync")
                || !EfQueryModel.TryGetExecution(invocation, types, out var execution)
                || execution.Kind != EfExecutionKind.Materialise
                || IsPaged(execution.Query, types))
            {
                return;
            }

            // The response check is local to the handler; the bound check may read the entity model, so it comes last.
            var uses = new List<IOperation>();
            ValueUses.TryCollect(ThroughCollectionExpressions(invocation), uses);
            var firstReordered = int.MaxValue;
            for (var i = 0; i < uses.Count; i++)
            {
                var use = uses[i];
                if (uses.Count < MaxUses && Reordered(use, types) is { } reordered)
                {
                    // Ok(list.OrderBy(p => p.Name)): every row goes on, in another order.
                    firstReordered = Math.Min(firstReordered, uses.Count);
                    ValueUses.TryCollect(reordered, uses);
                    continue;
                }

                var carried = false;
                var returned = ReturnedFromHandler(use, types, handlers, context.ContainingSymbol);
                if (!returned && CarryingResponse(use, types) is { } response)
                {
                    carried = true;
                    var responseUses = new List<IOperation>();
                    ValueUses.TryCollect(response, responseUses);
                    returned = responseUses.Exists(responseUse => ReturnedFromHandler(responseUse, types, handlers, context.ContainingSymbol));
                }

                if (returned)
                {
                    if (IsBounded(execution.Query, types, context.Compilation, context.CancellationToken))
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add(
                        PageSizeProperty, pageSizes.Get(invocation.Syntax.SyntaxTree).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (carried)
                    {
                        properties = properties.Add(CarriedProperty, "true");
                    }

                    if (i >= firstReordered)
                    {
                        properties = properties.Add(ReorderedProperty, "true");
                    }

                    if (context.ContainingSymbol is IMethodSymbol handler && handlers.GetHandlerKind(handler) == RequestHandlerKind.EndpointClass)
                    {
                        properties = properties.Add(EndpointClassProperty, "true");
                    }

                    if (EfQueryModel.IsStoredProcedureResult(execution.Query, types))
                    {
                        properties = properties.Add(StoredProcedureProperty, "true");
                    }

                    context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF401UnboundedQueryResponse, invocation.Syntax.GetLocation(), properties, invocation.TargetMethod.Name));
                    return;
                }
            }
        }

        // Uses followed through reorderings: a few per list in practice.
        private const int MaxUses = 32;

        /// <summary>
        /// The in-memory call that hands on every element of <paramref name="use"/> in another order, or copied:
        /// <c>list.OrderBy(..)</c>, <c>OrderByDescending</c>, <c>ThenBy</c>, <c>ThenByDescending</c>, <c>Reverse()</c>,
        /// <c>ToList()</c>, <c>ToArray()</c> and <c>AsEnumerable()</c> of <c>Enumerable</c>, given the list as their source
        /// (found in a teacher-recruitment API's pick lists, returned as <c>Ok(list.OrderBy(..))</c>). A filter
        /// (<c>Where</c>, <c>Take</c>) or a projection is not followed: it may bound the rows, or is PERF104's finding. Null otherwise.
        /// </summary>
        private static IOperation? Reordered(IOperation use, SemanticContext types)
            => ValueUses.ReceivingCall(use, out var parameter) is IInvocationOperation
                {
                    TargetMethod: { Name: "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Reverse" or "ToList" or "ToArray" or "AsEnumerable" } method,
                } call
                && parameter?.Ordinal == 0 && SymbolFacts.Is(method.ContainingType, types.Enumerable)
                ? call
                : null;

        /// <summary>
        /// <c>[.. await query.ToListAsync()]</c>: a collection expression that spreads the list holds every row of it, so
        /// where the collection goes, the rows go (a handler returning <c>List&lt;T&gt;</c> or an array written that way).
        /// The operation that stands for the outermost such collection, or the value itself.
        /// </summary>
        private static IOperation ThroughCollectionExpressions(IOperation value)
        {
            var top = value.ClimbToValueUse();
            for (var depth = 0; depth < 4 && top.Syntax.Parent is SpreadElementSyntax { Parent: CollectionExpressionSyntax collection }; depth++)
            {
                var current = top.Parent;
                while (current != null && current.Syntax != collection)
                {
                    current = current.Parent;
                }

                if (current == null)
                {
                    break;
                }

                top = current.ClimbToValueUse();
            }

            return top;
        }

        /// <summary>
        /// The response object that carries the list whole as one of its members, so that it is serialised with it
        /// (docs/rules/PERF401.md, "What is flagged"): an anonymous object (<c>new { items = list }</c>), an object of the
        /// application given the list for a collection property (<c>new ProductList { Items = list }</c>, or a constructor
        /// parameter named like such a property, as in a positional record), or a static factory of the application that
        /// builds one the same way (<c>GetAllPassesResponse.Create(passes)</c>; found in Fitnet). A constructor or factory
        /// that also takes a page size pages the list itself and carries no more than a page. Null otherwise.
        /// </summary>
        private static IOperation? CarryingResponse(IOperation use, SemanticContext types)
        {
            switch (use.Parent)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when assignment.Value == use:
                    var creation = assignment.Parent is IObjectOrCollectionInitializerOperation initializer ? initializer.Parent : assignment.Parent;
                    return creation switch
                    {
                        IAnonymousObjectCreationOperation anonymous => anonymous,
                        IObjectCreationOperation { Constructor: { } constructor } created
                            when types.IsDeclaredByApplication(constructor.ContainingType) && !TakesAPageSize(constructor)
                                && SymbolFacts.SequenceElementType(target.Property.Type) != null => created,
                        _ => null,
                    };
                case IArgumentOperation { Parameter: { } parameter, Parent: var receiver } when SymbolFacts.SequenceElementType(parameter.Type) != null:
                    var builder = receiver switch
                    {
                        IObjectCreationOperation created => created.Constructor,
                        IInvocationOperation { TargetMethod: { IsStatic: true } factory } => factory,
                        _ => null,
                    };
                    var built = builder is IMethodSymbol { MethodKind: MethodKind.Constructor } ? builder.ContainingType : builder?.ReturnType;
                    return builder != null && built != null && types.IsDeclaredByApplication(builder) && !TakesAPageSize(builder)
                        && HasCollectionProperty(built, parameter.Name)
                        ? receiver
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>A public instance property named like <paramref name="name"/> (case aside) whose type is a collection.</summary>
        private static bool HasCollectionProperty(ITypeSymbol type, string name)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || SymbolFacts.SequenceElementType(type) != null)
            {
                return false;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                    && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                    && SymbolFacts.SequenceElementType(property.Type) != null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Take anywhere in the chain (through locals), or a helper method of the user's that takes a page size.</summary>
        private static bool IsPaged(IOperation? query, SemanticContext types, int depth = 0)
        {
            for (; query != null && depth < 32; depth++)
            {
                query = query.WalkDownConversion();
                if (query is ITranslatedQueryOperation translated)
                {
                    query = translated.Operation;
                    continue;
                }

                if (query is ILocalReferenceOperation local)
                {
                    if (EfQueryModel.TryGetSingleValue(local, out var value))
                    {
                        query = value;
                        continue;
                    }

                    // q = q.Skip(skip).Take(take); before the read, on every path, or a paged first value that later
                    // writes only compose further (q = q.Where(..) under a condition).
                    return EfQueryModel.OperatorsOnEveryPath(local, types, out var initial).Any(IsPagingOperator)
                        || (initial != null && IsPaged(initial, types, depth + 1));
                }

                if (query is not IInvocationOperation call)
                {
                    return false;
                }

                if (IsPagingOperator(call))
                {
                    return true;
                }

                query = EfQueryModel.GetSource(call);
            }

            return false;
        }

        private static bool IsPagingOperator(IInvocationOperation call)
            => call.TargetMethod.Name is "Take" or "TakeLast" || IsPagingHelper(call.TargetMethod);

        /// <summary>
        /// A query whose size the request bounds (docs/rules/PERF401.md, "Bounded results"): a <c>Where</c> on a key
        /// (<c>x.Id == id</c>), on a caller-supplied key list (<c>ids.Contains(x.Id)</c>), or on the caller's own
        /// identity (<c>x.UserId == currentUserId</c>); or a query over a reference table.
        /// </summary>
        private static bool IsBounded(IOperation? query, SemanticContext types, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var includes = false;
            IInvocationOperation? lastCall = null;
            IOperation? current = query;
            for (var depth = 0; current != null && depth < 32; depth++)
            {
                current = current.WalkDownConversion();
                if (current is ITranslatedQueryOperation translated)
                {
                    current = translated.Operation;
                    continue;
                }

                if (current is ILocalReferenceOperation local)
                {
                    current = EfQueryModel.TryGetSingleValue(local, out var value) ? value : null;
                    continue;
                }

                if (current is not IInvocationOperation call)
                {
                    break;
                }

                var outer = lastCall;
                lastCall = call;
                var name = call.TargetMethod.Name;
                if (name is "Include" or "ThenInclude")
                {
                    includes = true;
                }
                else if (name == "GroupBy" && outer is { TargetMethod.Name: "Select" } && GroupsByFewValues(call) && AggregatesEachGroup(outer))
                {
                    return true;
                }
                else if (name == "Where" && QueryLambdas.Predicate(call) is { } predicate
                    && BoundsRows(predicate.Body, predicate.Symbol.Parameters[0], types, compilation, cancellationToken))
                {
                    return true;
                }

                current = EfQueryModel.GetSource(call);
            }

            if (includes)
            {
                return false;
            }

            // The chain starts at a DbSet property of the context: db.CatalogBrands. The context is the receiver's type, which
            // also has the sets its base contexts declare.
            if (current is IPropertyReferenceOperation root)
            {
                return types.IsDbSet(root.Type) && root.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set
                    && set.TypeArguments[0] is INamedTypeSymbol entity
                    && ReferenceData.IsReferenceTable(entity, root.Instance?.Type as INamedTypeSymbol ?? root.Property.ContainingType, types, cancellationToken);
            }

            // Or at a repository of the application: categories.GetAll(). The context is the one its class is built on.
            return lastCall != null && !EfQueryModel.IsQueryOperator(lastCall.TargetMethod, types)
                && lastCall.Type is INamedTypeSymbol { TypeArguments.Length: 1 } queryType && (types.IsQueryable(queryType) || types.IsDbSet(queryType))
                && queryType.TypeArguments[0] is INamedTypeSymbol repositoryEntity
                && RepositoryContext(lastCall.TargetMethod, repositoryEntity, types) is { } context
                && ReferenceData.IsReferenceTable(repositoryEntity, context, types, cancellationToken);
        }

        /// <summary>
        /// The DbContext a repository method's class is built on (docs/rules/PERF401.md, "Reference tables"): the concrete
        /// context a constructor of its class or of a base class takes, read through the base types as the class declares
        /// them (<c>Repository&lt;T&gt; : BaseRepository&lt;T, OmbiContext&gt;</c> gives <c>OmbiContext</c> for a base
        /// constructor taking <c>TContext</c>). An interface method answers for its implementations in source and in the
        /// other projects of the application whose context has a set of the entity, when they agree on one context
        /// (Ombi's <c>IRepository&lt;T&gt;</c> has two implementations, one per context); otherwise null.
        /// </summary>
        private static INamedTypeSymbol? RepositoryContext(IMethodSymbol method, INamedTypeSymbol entity, SemanticContext types)
        {
            method = method.OriginalDefinition;
            if (method.ContainingType?.TypeKind != TypeKind.Interface)
            {
                return DeclaredDataAccess.ContextOf(method.ContainingType, types);
            }

            var implementations = types.SourceImplementations(method);
            var inOtherProjects = types.IsDeclaredInCompilation(method.ContainingType) ? null : types.ImplementationsInOtherProjects(method);
            INamedTypeSymbol? found = null;
            foreach (var implementation in (implementations ?? new List<IMethodSymbol>()).Concat(inOtherProjects ?? new List<IMethodSymbol>()))
            {
                // An implementation without a concrete context (the generic base itself, BaseRepository<T, TContext>) or
                // whose context has no set of the entity does not answer for it.
                var context = DeclaredDataAccess.ContextOf(implementation.ContainingType, types);
                if (context == null || !DeclaredDataAccess.HasSetOf(context, entity, types))
                {
                    continue;
                }

                if (found != null && !SymbolEqualityComparer.Default.Equals(found, context))
                {
                    return null;
                }

                found = context;
            }

            return found;
        }

        /// <summary>
        /// <c>GroupBy(e =&gt; e.Severity)</c>: a key of an enum or <c>bool</c> type (or an anonymous type of such members)
        /// makes at most one group per value of the type, however many rows the table holds.
        /// </summary>
        private static bool GroupsByFewValues(IInvocationOperation groupBy)
        {
            if (groupBy.Arguments.Length != 2 || QueryLambdas.Predicate(groupBy) is not { } keySelector)
            {
                return false;
            }

            var keyType = keySelector.Symbol.ReturnType;
            if (keyType is INamedTypeSymbol { IsAnonymousType: true } anonymous)
            {
                foreach (var member in anonymous.GetMembers())
                {
                    if (member is IPropertySymbol property && !HasFewValues(property.Type))
                    {
                        return false;
                    }
                }

                return true;
            }

            return HasFewValues(keyType);
        }

        private static bool HasFewValues(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.TypeKind == TypeKind.Enum || type.SpecialType == SpecialType.System_Boolean;
        }

        private static readonly ImmutableHashSet<string> GroupAggregates = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Count", "LongCount", "Sum", "Min", "Max", "Average", "Any", "All");

        /// <summary>
        /// <c>Select(g =&gt; new { g.Key, Count = g.Count() })</c>: each group becomes one row of its key and aggregates. A
        /// projection that hands on the group's rows (<c>g.ToList()</c>, <c>g</c> itself) carries every row.
        /// </summary>
        private static bool AggregatesEachGroup(IInvocationOperation select)
        {
            if (QueryLambdas.Predicate(select) is not { } projection)
            {
                return false;
            }

            var group = projection.Symbol.Parameters[0];
            foreach (var operation in projection.Body.Descendants())
            {
                if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, group))
                {
                    continue;
                }

                var parent = reference.ClimbToValueUse().Parent;
                var aggregated = parent switch
                {
                    IPropertyReferenceOperation { Property.Name: "Key" } => true,
                    IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } call } =>
                        call.Arguments.Length > 0 && call.Arguments[0] == parent && GroupAggregates.Contains(call.TargetMethod.Name),
                    _ => false,
                };
                if (!aggregated)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool BoundsRows(IOperation condition, IParameterSymbol row, SemanticContext types, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            condition = condition.WalkDownConversion();
            switch (condition)
            {
                case IBlockOperation { Operations.Length: 1 } block when block.Operations[0] is IReturnOperation { ReturnedValue: { } returned }:
                    return BoundsRows(returned, row, types, compilation, cancellationToken);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return BoundsRows(and.LeftOperand, row, types, compilation, cancellationToken) || BoundsRows(and.RightOperand, row, types, compilation, cancellationToken);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return BoundsRows(or.LeftOperand, row, types, compilation, cancellationToken) && BoundsRows(or.RightOperand, row, types, compilation, cancellationToken);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return EqualityBounds(equals.LeftOperand, equals.RightOperand, row, types, compilation, cancellationToken)
                        || EqualityBounds(equals.RightOperand, equals.LeftOperand, row, types, compilation, cancellationToken);
                case IInvocationOperation { TargetMethod.Name: "Contains" } contains:
                    var collection = contains.Instance ?? (contains.Arguments.Length == 2 ? contains.Arguments[0].Value : null);
                    var item = contains.Instance != null ? (contains.Arguments.Length == 1 ? contains.Arguments[0].Value : null) : (contains.Arguments.Length == 2 ? contains.Arguments[1].Value : null);

                    // ids.Contains(x.Id): as many rows as keys the caller sent. Not a subquery, not a string match.
                    return collection != null && item != null
                        && collection.Type?.SpecialType != SpecialType.System_String
                        && !types.IsQueryable(collection.Type)
                        && !QueryLambdas.Mentions(collection, row) && QueryLambdas.IsMemberOf(item, row, out _);
                default:
                    return false;
            }
        }

        private static bool EqualityBounds(IOperation column, IOperation value, IParameterSymbol row, SemanticContext types, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            if (QueryLambdas.Mentions(value, row) || !QueryLambdas.IsMemberOf(column, row, out var property))
            {
                return false;
            }

            // x.Id == id: one row. x.OwnerId == currentUserId: the caller's own rows.
            return types.IsKeyByConvention(property, property.ContainingType) || Caching.CallerIdentityReads.ComesFromIdentity(value, types, compilation, cancellationToken);
        }

        private static bool IsPagingHelper(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length != 0 && TakesAPageSize(method);

        /// <summary>An <c>int</c> parameter whose name contains <c>size</c>, <c>take</c>, <c>limit</c> or <c>top</c>.</summary>
        private static bool TakesAPageSize(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                var name = parameter.Name;
                if (parameter.Type.SpecialType == SpecialType.System_Int32
                    && (name.IndexOf("size", StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("take", StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("limit", StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("top", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReturnedFromHandler(IOperation use, SemanticContext types, RequestHandlerModel handlers, ISymbol containingSymbol)
        {
            var receivingCall = ValueUses.ReceivingCall(use, out _);
            if (receivingCall is IInvocationOperation send && RequestHandlerModel.IsFastEndpointsSend(send.TargetMethod))
            {
                // await Send.OkAsync(orders, ct): sent as the response, not returned.
                return IsHandlerBody(send, handlers, containingSymbol);
            }

            if (IsResponseAssignment(use) is { } assignment)
            {
                // Response = await db.Orders.ToListAsync(ct): FastEndpoints sends what the handler leaves in Response.
                return IsHandlerBody(assignment, handlers, containingSymbol);
            }

            if (IsResponseWrapper(receivingCall, types) is { } wrapper)
            {
                use = wrapper.ClimbToValueUse();
            }

            // list is List<T> model ? Results.Ok(model) : Results.NotFound(): a branch is returned when the conditional is.
            for (var depth = 0; depth < 8 && use.Parent is IConditionalOperation { WhenFalse: not null } branch && branch.Condition != use; depth++)
            {
                use = branch.ClimbToValueUse();
            }

            return use.Parent is IReturnOperation returned && IsHandlerBody(returned, handlers, containingSymbol);
        }

        /// <summary>An assignment of the value to FastEndpoints' <c>Response</c> property of the endpoint.</summary>
        private static IOperation? IsResponseAssignment(IOperation use)
        {
            var value = use;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return value.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Response" } response } } assignment
                && assignment.Value == value
                && SymbolFacts.IsNamespace(response.ContainingType?.ContainingNamespace, "FastEndpoints")
                ? assignment
                : null;
        }

        private static IOperation? IsResponseWrapper(IOperation? call, SemanticContext types)
        {
            switch (call)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name is "Ok" or "Json":
                    var container = invocation.TargetMethod.ContainingType;
                    return SymbolFacts.IsOrDerivesFrom(container, types.ControllerBase) || SymbolFacts.Is(container, types.Results) || SymbolFacts.Is(container, types.TypedResults)
                        ? invocation
                        : null;
                case IObjectCreationOperation creation when creation.Type?.Name is "ObjectResult" or "OkObjectResult" or "JsonResult"
                        && SymbolFacts.IsNamespace(creation.Type.ContainingNamespace, "Microsoft.AspNetCore.Mvc"):
                    return creation;
                default:
                    return null;
            }
        }

        private static bool IsHandlerBody(IOperation returned, RequestHandlerModel handlers, ISymbol containingSymbol)
        {
            for (var current = returned.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return handlers.IsMinimalApiHandler(lambda);
                    case ILocalFunctionOperation local:
                        return handlers.IsMinimalApiHandler(local);
                }
            }

            return containingSymbol is IMethodSymbol method && handlers.IsRequestHandler(method);
        }
    }
}
