using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// Per-compilation caches of the query-provenance model (docs/concepts.md#ef-query): one summary per source member,
    /// computed on first use, and an index of the source types by the simple names in their base lists, assembled from
    /// per-tree facts so an edit only re-reads the edited tree.
    /// </summary>
    internal sealed partial class SemanticContext
    {
        /// <summary>
        /// <paramref name="property"/> is the key of <paramref name="entity"/> by EF Core's conventions: marked
        /// <c>[Key]</c>, or named <c>Id</c> or <c>{entity}Id</c>. Shared by PERF401's own-rows test and the loop exclusion
        /// for the branch of one element (docs/concepts.md#loop-exclusions, 10).
        /// </summary>
        public bool IsKeyByConvention(IPropertySymbol property, ITypeSymbol? entity)
            => SymbolFacts.HasAttribute(property, KeyAttribute)
            || property.Name == "Id"
            || (entity != null && property.Name == entity.Name + "Id");

        // The type declarations of a tree with a base list, keyed by each simple name the list spells.
        private static readonly PerTreeFact<Dictionary<string, List<TypeDeclarationSyntax>>> BaseListNames =
            new PerTreeFact<Dictionary<string, List<TypeDeclarationSyntax>>>((tree, cancellationToken) =>
            {
                var byName = new Dictionary<string, List<TypeDeclarationSyntax>>(StringComparer.Ordinal);
                foreach (var type in DeclaredTypes.In(tree, cancellationToken))
                {
                    if (type.BaseList != null)
                    {
                        foreach (var baseType in type.BaseList.Types)
                        {
                            var name = SimpleName(baseType.Type);
                            if (name != null)
                            {
                                if (!byName.TryGetValue(name, out var types))
                                {
                                    byName[name] = types = new List<TypeDeclarationSyntax>();
                                }

                                types.Add(type);
                            }
                        }
                    }
                }

                return byName;
            });

        /// <summary>The simple names the base lists of a tree's type declarations spell, read once per tree.</summary>
        internal static ICollection<string> BaseNamesIn(SyntaxTree tree, CancellationToken cancellationToken)
            => BaseListNames.Get(tree, cancellationToken).Keys;

        // The trees whose type declarations name a base, by that simple name.
        private static readonly TreeIndex TreesByBaseName = new TreeIndex(BaseNamesIn);

        private readonly ConcurrentDictionary<ISymbol, object> querySummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, List<TypeDeclarationSyntax>> typesByBaseName =
            new ConcurrentDictionary<string, List<TypeDeclarationSyntax>>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<ISymbol, int> delegateElementArguments = new ConcurrentDictionary<ISymbol, int>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The answer of <paramref name="scan"/> for a delegate parameter of a source method, computed once per compilation
        /// (Database.DelegateParameterLoops: which of the delegate's arguments carry a loop's element).
        /// </summary>
        internal int DelegateElementArguments(IParameterSymbol parameter, Func<IParameterSymbol, SemanticContext, int> scan)
            => OncePerParameter(delegateElementArguments, parameter, scan);

        private readonly ConcurrentDictionary<ISymbol, bool> sequenceEnumeratedPerElement = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The answer of <paramref name="scan"/> for a sequence parameter of a source method, computed once per compilation
        /// (Database.SequenceParameterLoops: the method enumerates it once per iteration of a loop of its own).
        /// </summary>
        internal bool SequenceEnumeratedPerElement(IParameterSymbol parameter, Func<IParameterSymbol, SemanticContext, bool> scan)
            => OncePerParameter(sequenceEnumeratedPerElement, parameter, scan);

        private readonly ConcurrentDictionary<ISymbol, string> localFunctionOperators = new ConcurrentDictionary<ISymbol, string>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The answer of <paramref name="scan"/> for a local function, computed once per compilation (Database.LoopModel: the
        /// per-element operator it is given to as a method group, or "").
        /// </summary>
        internal string PerElementOperatorTaking(ILocalFunctionOperation localFunction, Func<ILocalFunctionOperation, SemanticContext, string> scan)
            => Once(localFunctionOperators, localFunction.Symbol, localFunction, scan);

        private readonly ConcurrentDictionary<ISymbol, bool> authenticatingMethods = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The answer of <paramref name="scan"/> for a source method, computed once per compilation (Caching.ImperativeAuthentication:
        /// the method reads the request's Authorization header and rejects the caller with an Unauthorized error).
        /// </summary>
        internal bool AuthenticatesCaller(IMethodSymbol method, Func<IMethodSymbol, SemanticContext, bool> scan)
            => Once(authenticatingMethods, method.OriginalDefinition, method.OriginalDefinition, scan);

        private T OncePerParameter<T>(ConcurrentDictionary<ISymbol, T> answers, IParameterSymbol parameter, Func<IParameterSymbol, SemanticContext, T> scan)
            => Once(answers, parameter, parameter, scan);

        // No lambda allocated on a hit: most parameters and local functions are asked about many times per compilation.
        // The scan gets this context to bind what syntax cannot tell (an expression-tree lambda from a delegate).
        private T Once<TSubject, T>(ConcurrentDictionary<ISymbol, T> answers, ISymbol key, TSubject subject, Func<TSubject, SemanticContext, T> scan)
        {
            if (answers.TryGetValue(key, out var known))
            {
                return known;
            }

            var computed = scan(subject, this);
            answers.TryAdd(key, computed);
            return computed;
        }

        private readonly ConcurrentDictionary<ISymbol, object> runSummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, object> saveSummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, object> blockingSummaries = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);

        /// <summary>The cache of query-provenance summaries ("returns an EF query"), keyed by original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> MemberSummaries => querySummaries;

        /// <summary>The cache of "runs a query when called" summaries, keyed by the method's original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> RunSummaries => runSummaries;

        /// <summary>The cache of "saves the DbContext when called" summaries, keyed by the method's original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> SaveSummaries => saveSummaries;

        /// <summary>The cache of "waits on the database synchronously when called" summaries, keyed by the method's original definition.</summary>
        internal ConcurrentDictionary<ISymbol, object> BlockingSummaries => blockingSummaries;

        /// <summary>
        /// The source types whose base list names <paramref name="simpleName"/> (an interface or a base class): the
        /// candidates for implementing it. Syntactic, so callers bind and check each one.
        /// </summary>
        internal IEnumerable<TypeDeclarationSyntax> TypesNamingBase(string simpleName, CancellationToken cancellationToken)
        {
            // Per name asked, the trees that name it, carried from the previous compilation: a keystroke neither rebuilds
            // an index of every type of the project nor asks every tree again.
            if (typesByBaseName.TryGetValue(simpleName, out var known))
            {
                return known;
            }

            var found = new List<TypeDeclarationSyntax>();
            foreach (var tree in TreesByBaseName.TreesWith(Compilation, simpleName, cancellationToken))
            {
                found.AddRange(BaseListNames.Get(tree, cancellationToken)[simpleName]);
            }

            return typesByBaseName.GetOrAdd(simpleName, found);
        }

        /// <summary>
        /// The symbols of the source types whose base list names <paramref name="simpleName"/> (<see cref="TypesNamingBase"/>),
        /// each declaration bound once: the candidates callers check for implementing or deriving from it.
        /// </summary>
        internal IEnumerable<INamedTypeSymbol> DeclaredTypesNamingBase(string simpleName)
        {
            foreach (var declaration in TypesNamingBase(simpleName, default))
            {
#pragma warning disable RS1030 // Only the declarations whose base list names the type asked about, not every tree.
                var model = Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type)
                {
                    yield return type;
                }
            }
        }

        // MediatR before version 5 had asynchronous handlers of their own (IAsyncRequestHandler, found in allReady).
        private static readonly string[] MediatorHandlerNames = { "IRequestHandler", "IQueryHandler", "ICommandHandler", "IAsyncRequestHandler", "ICancellableAsyncRequestHandler" };

        // The names a handler's base list may show: the interfaces, or MediatR's abstract handler classes, which implement
        // them and call a method the handler overrides (AsyncRequestHandler<T>.HandleCore in MediatR 2, found in allReady).
        private static readonly string[] MediatorHandlerBaseNames = MediatorHandlerNames.Concat(new[] { "AsyncRequestHandler", "RequestHandler" }).ToArray();

        /// <summary>
        /// The handler's override, in source, of the method its library base class calls from <c>Handle</c>
        /// (<c>HandleCore</c>, or a protected <c>Handle</c>/<c>HandleAsync</c>), taking the request first; null when none.
        /// </summary>
        private static IMethodSymbol? SourceOverrideHandling(INamedTypeSymbol handler, ITypeSymbol requestType)
        {
            foreach (var member in handler.GetMembers())
            {
                if (member is IMethodSymbol { IsOverride: true, Name: "HandleCore" or "Handle" or "HandleAsync", Parameters.Length: > 0 } method
                    && !method.DeclaringSyntaxReferences.IsEmpty
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, requestType))
                {
                    return method;
                }
            }

            return null;
        }

        private readonly ConcurrentDictionary<ISymbol, object> requestHandlers = new ConcurrentDictionary<ISymbol, object>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The <c>Handle</c> (or LiteBus's <c>HandleAsync</c>) method of the one handler in source of a mediator request type
        /// (MediatR's or Mediator's <c>IRequestHandler&lt;TRequest, ..&gt;</c>, <c>IQueryHandler</c>, <c>ICommandHandler</c>, MediatR 2–4's
        /// <c>IAsyncRequestHandler</c>, directly or through MediatR's abstract handler classes, whose override it then is),
        /// found through the index of base-list names; null when there is none or more than one. Cached per request type
        /// per compilation.
        /// </summary>
        internal IMethodSymbol? RequestHandler(ITypeSymbol requestType)
        {
            if (requestHandlers.TryGetValue(requestType, out var known))
            {
                return known as IMethodSymbol;
            }

            IMethodSymbol? handle = null;
            var count = 0;
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var baseName in MediatorHandlerBaseNames)
            {
                foreach (var type in DeclaredTypesNamingBase(baseName))
                {
                    if (type.IsAbstract || !seen.Add(type))
                    {
                        continue;
                    }

                    foreach (var implemented in type.AllInterfaces)
                    {
                        if (Array.IndexOf(MediatorHandlerNames, implemented.Name) < 0 || implemented.TypeArguments.Length == 0
                            || !SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], requestType))
                        {
                            continue;
                        }

                        foreach (var member in implemented.GetMembers())
                        {
                            if (member.Name is "Handle" or "HandleAsync" && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                            {
                                handle = implementation.DeclaringSyntaxReferences.IsEmpty ? SourceOverrideHandling(type, requestType) ?? implementation : implementation;
                                count++;
                            }
                        }
                    }
                }
            }

            var result = count == 1 ? handle : null;
            requestHandlers.TryAdd(requestType, (object?)result ?? false);
            return result;
        }

        // The names a dispatcher's method goes by (vh-bookings' IQueryHandler.Handle, the apprenticeship services'
        // IQueryDispatcher.Send): a generic Validate<T>(T item) beside an IValidationHandler<T> is not a dispatch.
        private static readonly string[] DispatchNames = { "Handle", "HandleAsync", "Send", "SendAsync", "Dispatch", "DispatchAsync", "Execute", "ExecuteAsync", "Query", "QueryAsync", "Process", "ProcessAsync" };

        private readonly ConcurrentDictionary<IMethodSymbol, object> dispatchedHandlers = new ConcurrentDictionary<IMethodSymbol, object>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The handler method a generic dispatcher of the application hands its request to (docs/concepts.md, "Through a
        /// call"): <c>queries.Handle&lt;GetHearing, Hearing&gt;(query)</c> on a non-generic <c>IQueryHandler</c>, or
        /// <c>dispatcher.Send&lt;GetHearing, Hearing&gt;(query)</c> on an <c>IQueryDispatcher</c>, runs the one class that
        /// implements <c>IQueryHandler&lt;GetHearing, Hearing&gt;</c>. The dispatcher is a generic method whose first
        /// parameter is its first type parameter (the request), named as dispatchers are (<c>Handle</c>, <c>Send</c>,
        /// <c>Dispatch</c>, <c>Execute</c>, <c>Query</c>, <c>Process</c>, each with or without <c>Async</c>); the handler interface is the one generic interface named
        /// <c>…Handler</c>, declared in the dispatcher's namespace or the request constraint's, with as many type parameters
        /// as the method and a method taking its first type parameter first. Null when the call is not such a dispatch, or
        /// when no class, or more than one, in source or in the projects this one references implements the construction.
        /// Cached per constructed method per compilation.
        /// </summary>
        internal IMethodSymbol? DispatchedHandler(IMethodSymbol dispatch)
        {
            // Cheap shape checks first: most calls are not generic, or take something else first.
            if (!dispatch.IsGenericMethod || dispatch.Parameters.Length == 0 || Array.IndexOf(DispatchNames, dispatch.Name) < 0
                || dispatch.OriginalDefinition is not { Parameters: { Length: > 0 } parameters } definition
                || !SymbolEqualityComparer.Default.Equals(parameters[0].Type, definition.TypeParameters[0]))
            {
                return null;
            }

            if (dispatchedHandlers.TryGetValue(dispatch, out var known))
            {
                return known as IMethodSymbol;
            }

            IMethodSymbol? result = null;
            if (!dispatch.TypeArguments.Any(MentionsTypeParameter) && IsDeclaredByApplication(definition)
                && HandlerInterfaceOf(definition) is { } handlerInterface
                && HandledMethod(handlerInterface) is { } handledDefinition)
            {
                // The handled method as a member of the construction the call names (IQueryHandler<GetHearing, Hearing>.Handle).
                var construction = handlerInterface.Construct(dispatch.TypeArguments.ToArray());
                var handled = construction.GetMembers(handledDefinition.Name).OfType<IMethodSymbol>()
                    .FirstOrDefault(member => SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, handledDefinition));
                if (handled != null && ImplementationsInSight(handled) is { Count: 1 } implementations)
                {
                    result = implementations[0];
                }
            }

            dispatchedHandlers.TryAdd(dispatch, (object?)result ?? false);
            return result;
        }

        /// <summary>
        /// The generic handler interface a dispatcher method hands its request to: the one interface named <c>…Handler</c>
        /// in the dispatcher's namespace, or in the namespace of a type its request parameter is constrained to (<c>where
        /// TQuery : IQuery</c>), with the method's number of type parameters and one method taking its first type
        /// parameter first. Null when there is none or more than one.
        /// </summary>
        private static INamedTypeSymbol? HandlerInterfaceOf(IMethodSymbol definition)
        {
            var namespaces = new List<INamespaceSymbol>();
            if (definition.ContainingType?.ContainingNamespace is { } own)
            {
                namespaces.Add(own);
            }

            foreach (var constraint in definition.TypeParameters[0].ConstraintTypes)
            {
                if (constraint.ContainingNamespace is { } constraintNamespace && !namespaces.Contains(constraintNamespace, SymbolEqualityComparer.Default))
                {
                    namespaces.Add(constraintNamespace);
                }
            }

            INamedTypeSymbol? found = null;
            foreach (var ns in namespaces)
            {
                foreach (var type in ns.GetTypeMembers())
                {
                    if (type.TypeKind != TypeKind.Interface || type.Arity != definition.Arity
                        || !type.Name.EndsWith("Handler", StringComparison.Ordinal) || HandledMethod(type) == null)
                    {
                        continue;
                    }

                    if (found != null && !SymbolEqualityComparer.Default.Equals(found, type))
                    {
                        return null;
                    }

                    found = type;
                }
            }

            return found;
        }

        /// <summary>
        /// The one method of a generic handler interface (its definition) that takes the interface's first type parameter
        /// first (<c>Task&lt;TResult&gt; Handle(TQuery query)</c>); null when there is none or more than one.
        /// </summary>
        private static IMethodSymbol? HandledMethod(INamedTypeSymbol handlerInterface)
        {
            IMethodSymbol? found = null;
            foreach (var member in handlerInterface.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 } method
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, handlerInterface.TypeParameters[0]))
                {
                    if (found != null)
                    {
                        return null;
                    }

                    found = method;
                }
            }

            return found;
        }

        /// <summary>
        /// The implementations of an interface method among the types declared in source, found through the index of
        /// base-list names (no scan of every tree); null when a source type implements it without a method (abstract).
        /// A method of a closed construction (<c>IBaseRepository&lt;Bucket&gt;.Update</c>) is answered by the types that
        /// can implement that construction only: the repositories of other entities never run for the call
        /// (docs/concepts.md#ef-query).
        /// </summary>
        internal List<IMethodSymbol>? SourceImplementations(IMethodSymbol method)
        {
            var construction = ClosedConstruction(method.ContainingType);
            method = method.OriginalDefinition;
            var result = new List<IMethodSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

            // The interface's name, then those of the interfaces in source that extend it (IConcertRepository :
            // IConcertContextService, found in Relecloud): a class that names only the derived one implements it too.
            var names = new List<string> { method.ContainingType.Name };
            for (var next = 0; next < names.Count && next < MaxExtendingInterfaceNames; next++)
            {
                foreach (var type in DeclaredTypesNamingBase(names[next]))
                {
                    if (!seen.Add(type) || !Serves(type))
                    {
                        continue;
                    }

                    if (type.TypeKind == TypeKind.Interface)
                    {
                        if (!names.Contains(type.Name) && ExtendsDefinition(type, method.ContainingType))
                        {
                            names.Add(type.Name);
                        }

                        continue;
                    }

                    // An abstract class that implements the member with an abstract method (public abstract
                    // IQueryable<IMediaServerEpisode> GetAllEpisodes(); in Ombi's MediaServerContentRepository<T>): the
                    // implementations of its subclasses stand for it.
                    if (!AddImplementation(type, method, result)
                        && !(type.IsAbstract && AddFromSubclasses(type, derived => !Serves(derived) || AddImplementation(derived, method, result), seen, depth: 0)))
                    {
                        return null;
                    }
                }
            }

            // More extending interfaces than are read: which ones were read would depend on the order the trees come in,
            // so the implementations are unknown rather than a different subset per order.
            return names.Count > MaxExtendingInterfaceNames ? null : result;

            // A type of another construction (another entity's repository) never runs for the call.
            bool Serves(INamedTypeSymbol type) => construction == null || CanImplement(type, construction);
        }

        /// <summary>
        /// The interface when it is a construction of a generic interface whose type arguments name no type parameter
        /// (<c>IBaseRepository&lt;Bucket&gt;</c>, not <c>IBaseRepository&lt;T&gt;</c> inside a generic service); otherwise null.
        /// </summary>
        internal static INamedTypeSymbol? ClosedConstruction(INamedTypeSymbol? type)
        {
            if (type is not { IsGenericType: true } || SymbolEqualityComparer.Default.Equals(type, type.OriginalDefinition))
            {
                return null;
            }

            foreach (var argument in type.TypeArguments)
            {
                if (MentionsTypeParameter(argument))
                {
                    return null;
                }
            }

            return type;
        }

        /// <summary>
        /// The key a per-method summary is kept under: the method of a closed interface construction as the call names it
        /// (<c>IBaseRepository&lt;Bucket&gt;.Update</c>, whose implementations are that construction's, see
        /// <see cref="SourceImplementations"/>), any other method by its definition.
        /// </summary>
        internal static IMethodSymbol SummaryKey(IMethodSymbol method)
            => ClosedConstruction(method.ContainingType) is { TypeKind: TypeKind.Interface } ? method.ConstructedFrom : method.OriginalDefinition;

        private static bool MentionsTypeParameter(ITypeSymbol type) => type switch
        {
            ITypeParameterSymbol => true,
            IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(MentionsTypeParameter),
            _ => false,
        };

        /// <summary>
        /// The type implements or extends the construction, or a generic form of it that its own type parameters could make
        /// it (<c>Repository&lt;T&gt; : IBaseRepository&lt;T&gt;</c> for <c>IBaseRepository&lt;Bucket&gt;</c>).
        /// </summary>
        private static bool CanImplement(INamedTypeSymbol type, INamedTypeSymbol construction)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, construction.OriginalDefinition)
                    && CanBecome(implemented, construction))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool CanBecome(ITypeSymbol type, ITypeSymbol target)
        {
            switch (type)
            {
                case ITypeParameterSymbol:
                    return true;
                case IArrayTypeSymbol array:
                    return target is IArrayTypeSymbol targetArray && array.Rank == targetArray.Rank && CanBecome(array.ElementType, targetArray.ElementType);
                case INamedTypeSymbol { IsGenericType: true } named when target is INamedTypeSymbol targetNamed
                    && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, targetNamed.OriginalDefinition):
                    for (var i = 0; i < named.TypeArguments.Length; i++)
                    {
                        if (!CanBecome(named.TypeArguments[i], targetNamed.TypeArguments[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return SymbolEqualityComparer.Default.Equals(type, target);
            }
        }

        /// <summary>
        /// The classes in source that derive from an abstract class, found through the index of base-list names, each asked
        /// to add what stands for a member there (<paramref name="addFrom"/> false: it leaves the member abstract, and its
        /// own subclasses are asked, one level further at most). False when none is found, or when one is left unresolved.
        /// </summary>
        private bool AddFromSubclasses(INamedTypeSymbol abstractType, Func<INamedTypeSymbol, bool> addFrom, HashSet<INamedTypeSymbol> seen, int depth)
        {
            var found = false;
            foreach (var derived in DeclaredTypesNamingBase(abstractType.Name))
            {
                if (derived.TypeKind != TypeKind.Class || !DerivesFrom(derived, abstractType))
                {
                    continue;
                }

                if (!seen.Add(derived))
                {
                    found = true;
                    continue;
                }

                if (!addFrom(derived) && !(derived.IsAbstract && depth < 1 && AddFromSubclasses(derived, addFrom, seen, depth + 1)))
                {
                    return false;
                }

                found = true;
            }

            return found;
        }

        /// <summary>
        /// The overrides of an abstract method of a class declared in source, among the classes in source that derive from
        /// it (two levels at most, through the index of base-list names): <c>protected abstract IQueryable&lt;..&gt;
        /// GetAllEpisodes();</c> in Ombi's <c>MediaServerAvailabilityRule</c>, overridden by its Emby, Jellyfin and Plex
        /// rules. Null when a concrete subclass leaves it to another base, or none is found.
        /// </summary>
        internal List<IMethodSymbol>? SourceOverrides(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            if (method.ContainingType is not { TypeKind: TypeKind.Class } owner || !method.IsAbstract)
            {
                return null;
            }

            var result = new List<IMethodSymbol>();
            return AddFromSubclasses(owner, derived => AddOverride(derived, method, result), new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default), depth: 0)
                && result.Count > 0
                ? result
                : null;
        }

        private static bool AddOverride(INamedTypeSymbol type, IMethodSymbol method, List<IMethodSymbol> result)
        {
            var found = false;
            foreach (var member in type.GetMembers(method.Name))
            {
                if (member is IMethodSymbol { IsOverride: true, IsAbstract: false } candidate && Overrides(candidate, method))
                {
                    result.Add(candidate);
                    found = true;
                }
            }

            return found;
        }

        private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
        {
            for (var overridden = candidate.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A class that is not abstract derives from <paramref name="abstractType"/>: in source (a class naming it as its
        /// base), or among <paramref name="otherProjectClasses"/>, the classes of the other projects implementing the same
        /// interface as the abstract class.
        /// </summary>
        private bool HasConcreteSubclass(INamedTypeSymbol abstractType, List<INamedTypeSymbol> otherProjectClasses)
        {
            foreach (var derived in DeclaredTypesNamingBase(abstractType.Name))
            {
                if (!derived.IsAbstract && derived.TypeKind == TypeKind.Class && DerivesFrom(derived, abstractType))
                {
                    return true;
                }
            }

            foreach (var type in otherProjectClasses)
            {
                if (!type.IsAbstract && DerivesFrom(type, abstractType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The interface extends <paramref name="definition"/>, also as a constructed generic (ITxnRepository :
        /// IBaseRepository&lt;Txn&gt; extends IBaseRepository&lt;T&gt;, found in OpenBudgeteer).
        /// </summary>
        private static bool ExtendsDefinition(INamedTypeSymbol type, INamedTypeSymbol definition)
        {
            foreach (var extended in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(extended.OriginalDefinition, definition))
                {
                    return true;
                }
            }

            return false;
        }

        // Interface names whose implementers are looked up for one interface method: itself and the interfaces extending it.
        private const int MaxExtendingInterfaceNames = 128;

        /// <summary>
        /// The implementations of an interface method among the classes of the other projects of the application that
        /// this compilation references (docs/concepts.md#ef-query, "Across projects"); null when one implements it
        /// without a method (abstract). For a method of a closed construction, as in source, only the classes that can
        /// implement that construction (YIF's <c>IRepository&lt;T, K&gt;.Find</c>, called for one entity, was named after
        /// another entity's repository). An abstract class that no class this compilation sees derives from is never
        /// instantiated and takes no part (Ardalis.Specification's <c>ContextFactoryRepositoryBaseOfT</c> next to the
        /// <c>RepositoryBase&lt;T&gt;</c> a repository of the application derives from, found in DevBetterWeb).
        /// </summary>
        internal List<IMethodSymbol>? ImplementationsInOtherProjects(IMethodSymbol method)
        {
            var construction = ClosedConstruction(method.ContainingType);
            method = method.OriginalDefinition;
            var classes = new List<INamedTypeSymbol>();
            foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (IsApplicationAssembly(assembly))
                {
                    classes.AddRange(ApplicationAssemblies.Implementations(assembly, method.ContainingType));
                }
            }

            var result = new List<IMethodSymbol>();
            foreach (var type in classes)
            {
                if ((construction != null && !CanImplement(type, construction))
                    || (type.IsAbstract && !HasConcreteSubclass(type, classes)))
                {
                    continue;
                }

                // An abstract class implementing the member with an abstract method (Ombi's MediaServerContentRepository<T>
                // .GetAllEpisodes): its concrete subclasses, among these classes too, answer for it.
                if (!AddImplementation(type, method, result) && !type.IsAbstract)
                {
                    return null;
                }
            }

            return result;
        }

        /// <summary>
        /// The implementations that stand for an interface method, wherever the compilation can see them: those in source,
        /// and for an interface of another project also those of the projects this one references (docs/concepts.md#ef-query,
        /// "Across projects"), test doubles left out (<see cref="WithoutTestDoubles"/>). Null when one of them cannot be
        /// known (a type that implements the method without a body).
        /// </summary>
        internal List<IMethodSymbol>? ImplementationsInSight(IMethodSymbol method)
        {
            var implementations = SourceImplementations(method);
            if (implementations == null)
            {
                return null;
            }

            if (!IsDeclaredInCompilation(method.OriginalDefinition.ContainingType))
            {
                var inOtherProjects = ImplementationsInOtherProjects(method);
                if (inOtherProjects == null)
                {
                    return null;
                }

                implementations.AddRange(inOtherProjects);
            }

            return WithoutTestDoubles(implementations);
        }

        /// <summary>
        /// The implementations that run in production: a test double kept beside the real implementation so that the
        /// application runs without a database (a class named <c>Mock…</c>, <c>Fake…</c>, <c>Stub…</c>, <c>Dummy…</c>,
        /// <c>Null…</c>, or ending in one of those words) is left out when another implementation remains (docs/concepts.md#ef-query;
        /// found in Relecloud's <c>MockConcertRepository</c>). The list is returned as it is otherwise.
        /// </summary>
        internal static List<IMethodSymbol> WithoutTestDoubles(List<IMethodSymbol> implementations)
        {
            var doubles = 0;
            foreach (var implementation in implementations)
            {
                if (IsTestDouble(implementation.ContainingType))
                {
                    doubles++;
                }
            }

            return doubles == 0 || doubles == implementations.Count
                ? implementations
                : implementations.FindAll(implementation => !IsTestDouble(implementation.ContainingType));
        }

        // Null: a null object (WalkingTec.Mvvm's NullContext, whose data-context members only throw).
        private static readonly string[] TestDoubleWords = { "Mock", "Fake", "Stub", "Dummy", "Null" };

        private static bool IsTestDouble(INamedTypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            // MockConcertRepository, FakeClock, ConcertRepositoryStub; not Stubborn or Mockingbird.
            var name = type.Name;
            if (NameWords.StartsWithWord(name, TestDoubleWords))
            {
                return true;
            }

            foreach (var word in TestDoubleWords)
            {
                if (name.EndsWith(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds <paramref name="type"/>'s implementation of the interface method (an original definition); false when it is abstract.</summary>
        private static bool AddImplementation(INamedTypeSymbol type, IMethodSymbol method, List<IMethodSymbol> result)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, method.ContainingType))
                {
                    continue;
                }

                foreach (var candidate in implemented.GetMembers(method.Name))
                {
                    if (!SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method))
                    {
                        continue;
                    }

                    if (type.FindImplementationForInterfaceMember(candidate) is not IMethodSymbol implementation || implementation.IsAbstract)
                    {
                        return false;
                    }

                    result.Add(implementation);
                }
            }

            return true;
        }

        /// <summary>The simple name a type reference spells: <c>Brand</c> for <c>Brand</c>, <c>Catalog.Brand</c>, <c>global::Brand</c> or <c>Repo&lt;T&gt;</c> (<c>Repo</c>).</summary>
        internal static string? SimpleName(TypeSyntax type)
        {
            switch (type)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case GenericNameSyntax generic:
                    return generic.Identifier.ValueText;
                case QualifiedNameSyntax qualified:
                    return SimpleName(qualified.Right);
                case AliasQualifiedNameSyntax alias:
                    return SimpleName(alias.Name);
                default:
                    return null;
            }
        }
    }
}
