using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// What a method of another project of the application does with the database, judged from its declaration alone
    /// (docs/concepts.md#executing-an-ef-query, "Across projects"): a command-line build sees that project as a reference
    /// assembly without method bodies, and the IDE as another compilation, so the method's body cannot be summarised.
    /// Only declarations that leave no other reading count: a parameterless save of a class built on a DbContext, a read
    /// method of such a class that returns the context's entities, and <c>SaveChanges</c> of an interface that stands for a
    /// DbContext.
    /// </summary>
    internal static class DeclaredDataAccess
    {
        private static readonly string[] ReadVerbs = { "Get", "Find", "Load", "Fetch", "Read", "Query", "Search", "Lookup", "First", "Single", "Last", "List", "Retrieve" };

        // Checks and counts: answered by the database when asked asynchronously of a class built on a DbContext.
        private static readonly string[] CheckVerbs = { "Exists", "Any", "Is", "Has", "Count", "Contains" };

        private static readonly string[] SaveNames = { "SaveChanges", "SaveChangesAsync", "Save", "SaveAsync", "Commit", "CommitAsync" };

        /// <summary>
        /// The class, or a base class of the application, has a public or protected constructor that takes a DbContext, a
        /// type parameter constrained to one (<c>BaseRepository&lt;T, TContext&gt;(TContext context) where TContext : DbContext</c>,
        /// found in Ombi, where every repository derives from such a base in another project), or an interface of the
        /// application that stands for one (<c>SpecialtyRepository(IApplicationDbContext context)</c>, found in YIF); also
        /// through a <c>Lazy&lt;T&gt;</c> or an <c>IDbContextFactory&lt;T&gt;</c> of one.
        /// </summary>
        public static bool IsBuiltOnDbContext(INamedTypeSymbol? type, SemanticContext types)
        {
            foreach (var parameter in ConstructorParameterTypes(type, types))
            {
                if (TakesAContext(parameter, types) || IsConstrainedToDbContext(parameter, types))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The name of the constructor parameter through which a class built on a DbContext (<see cref="IsBuiltOnDbContext"/>)
        /// is given its context (<c>RegistrationMaterialRepository(EprContext eprContext)</c> gives <c>eprContext</c>): every
        /// call on one instance of the class runs on that one context. Null when the class is not built on one.
        /// </summary>
        public static string? ContextParameterName(INamedTypeSymbol? type, SemanticContext types)
        {
            foreach (var parameter in ConstructorParameters(type, types))
            {
                var given = GivenType(parameter, types);
                if (TakesAContext(given, types) || IsConstrainedToDbContext(given, types))
                {
                    return parameter.Name;
                }
            }

            return null;
        }

        /// <summary>A DbContext, or an interface of the application that stands for one (it exposes a <c>DbSet</c>).</summary>
        private static bool TakesAContext(ITypeSymbol type, SemanticContext types)
            => types.IsDbContext(type) || IsContextInterface(type as INamedTypeSymbol, types);

        /// <summary>
        /// The concrete DbContext a class is built on, read through its base types as the class declares them
        /// (<c>Repository&lt;T&gt; : BaseRepository&lt;T, OmbiContext&gt;</c> gives <c>OmbiContext</c> for a base constructor
        /// taking <c>TContext</c>); null when it takes none, or only <c>DbContext</c> itself.
        /// </summary>
        public static INamedTypeSymbol? ContextOf(INamedTypeSymbol? type, SemanticContext types)
        {
            foreach (var parameter in ConstructorParameterTypes(type, types))
            {
                if (parameter is INamedTypeSymbol context && types.IsDbContext(context) && !SymbolFacts.Is(context, types.DbContext))
                {
                    return context;
                }
            }

            return null;
        }

        /// <summary>
        /// The context, or a base context, declares a <c>DbSet</c> property of exactly <paramref name="entity"/>; for an
        /// interface that stands for a context, the interface or one it extends.
        /// </summary>
        public static bool HasSetOf(INamedTypeSymbol context, ITypeSymbol entity, SemanticContext types)
            => HasSetWhere(context, element => SymbolEqualityComparer.Default.Equals(element, entity), types);

        /// <summary>
        /// A read method's <paramref name="returned"/> type stands for <paramref name="entity"/>: it is the entity, or an
        /// interface of the application the entity implements (<c>IFormAMatProject</c> for <c>FormAMatProject</c>).
        /// </summary>
        private static bool StandsFor(ITypeSymbol returned, ITypeSymbol entity, SemanticContext types)
        {
            if (SymbolEqualityComparer.Default.Equals(entity, returned))
            {
                return true;
            }

            if (returned is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract || !types.IsDeclaredByApplication(contract.OriginalDefinition))
            {
                return false;
            }

            foreach (var implemented in entity.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, contract))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasSetWhere(INamedTypeSymbol context, Func<ITypeSymbol, bool> matches, SemanticContext types)
        {
            if (context.TypeKind == TypeKind.Interface)
            {
                if (DeclaresSetWhere(context, matches, types))
                {
                    return true;
                }

                foreach (var inherited in context.AllInterfaces)
                {
                    if (DeclaresSetWhere(inherited, matches, types))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var current = context; current != null && !SymbolFacts.Is(current, types.DbContext); current = current.BaseType)
            {
                if (DeclaresSetWhere(current, matches, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DeclaresSetWhere(INamedTypeSymbol type, Func<ITypeSymbol, bool> matches, SemanticContext types)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { Type: INamedTypeSymbol { TypeArguments.Length: 1 } set } && types.IsDbSet(set)
                    && matches(set.TypeArguments[0]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The concrete DbContext behind a dependency of the application: a class built on one, or an interface whose
        /// implementations in the projects this one references are all built on the same one; otherwise null.
        /// </summary>
        private static INamedTypeSymbol? ContextBehind(ITypeSymbol dependency, SemanticContext types)
        {
            if (dependency is not INamedTypeSymbol named || !types.IsDeclaredByApplication(named.OriginalDefinition))
            {
                return null;
            }

            if (named.TypeKind == TypeKind.Class)
            {
                return ContextOf(named, types);
            }

            if (named.TypeKind != TypeKind.Interface)
            {
                return null;
            }

            INamedTypeSymbol? found = null;
            foreach (var assembly in types.Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (!types.IsApplicationAssembly(assembly))
                {
                    continue;
                }

                foreach (var implementation in ApplicationAssemblies.Implementations(assembly, named.OriginalDefinition))
                {
                    var context = ContextOf(implementation, types);
                    if (context == null || (found != null && !SymbolEqualityComparer.Default.Equals(found, context)))
                    {
                        return null;
                    }

                    found = context;
                }
            }

            return found;
        }

        private static bool NamesACache(ITypeSymbol type) => type.Name.IndexOf("Cache", StringComparison.Ordinal) >= 0;

        /// <summary>
        /// The parameter types of the public and protected constructors of the class and of its base classes declared by
        /// the application, as the class declares its bases (type arguments substituted). A <c>Lazy&lt;T&gt;</c> stands for
        /// its <c>T</c>: <c>PayeRepository(Lazy&lt;EmployerFinanceDbContext&gt; db)</c> reads <c>db.Value</c> (found in two
        /// skills-agency services, whose repositories are created before their context is needed).
        /// </summary>
        private static IEnumerable<ITypeSymbol> ConstructorParameterTypes(INamedTypeSymbol? type, SemanticContext types)
        {
            foreach (var parameter in ConstructorParameters(type, types))
            {
                var given = GivenType(parameter, types);

                // IDbContextFactory<TContext>: the class creates its contexts from it, one per call (Elsa's generic
                // Store<TDbContext, TEntity>, which its module stores in another project read through), so it is built
                // on TContext for what its methods read. Not for ContextParameterName: no two calls share a context.
                yield return given is INamedTypeSymbol { TypeArguments.Length: 1 } factory && SymbolFacts.Is(factory.OriginalDefinition, types.DbContextFactory)
                    ? factory.TypeArguments[0]
                    : given;
            }
        }

        /// <summary>The parameters of the public and protected constructors of the class and of its base classes of the application.</summary>
        private static IEnumerable<IParameterSymbol> ConstructorParameters(INamedTypeSymbol? type, SemanticContext types)
        {
            for (var current = type; current != null && current.TypeKind == TypeKind.Class && types.IsDeclaredByApplication(current.OriginalDefinition); current = current.BaseType)
            {
                foreach (var constructor in current.InstanceConstructors)
                {
                    if (constructor.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                    {
                        continue;
                    }

                    foreach (var parameter in constructor.Parameters)
                    {
                        yield return parameter;
                    }
                }
            }
        }

        /// <summary>What the parameter gives the class: <c>T</c> for a <c>Lazy&lt;T&gt;</c>, else its own type.</summary>
        private static ITypeSymbol GivenType(IParameterSymbol parameter, SemanticContext types)
            => parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } lazy && SymbolFacts.Is(lazy.OriginalDefinition, types.Lazy)
                ? lazy.TypeArguments[0]
                : parameter.Type;

        /// <summary>
        /// An interface of the application that stands for a DbContext: it exposes a <c>DbSet&lt;T&gt;</c> property
        /// (<c>IApplicationDbContext { DbSet&lt;TodoItem&gt; TodoItems { get; } Task&lt;int&gt; SaveChangesAsync(..); }</c>). Its
        /// <c>SaveChanges</c> is the context's, whichever project implements it.
        /// </summary>
        public static bool IsContextInterface(INamedTypeSymbol? type, SemanticContext types)
        {
            if (type == null || type.TypeKind != TypeKind.Interface || !types.IsDeclaredByApplication(type.OriginalDefinition))
            {
                return false;
            }

            if (DeclaresDbSet(type, types))
            {
                return true;
            }

            foreach (var inherited in type.AllInterfaces)
            {
                if (DeclaresDbSet(inherited, types))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>SaveChanges()</c> / <c>SaveChangesAsync(ct)</c> with EF Core's own signature (<c>int</c>, <c>Task&lt;int&gt;</c>)
        /// on an interface of the application none of whose implementations the compilation can see (a unit of work
        /// declared in an application project and implemented in an infrastructure project that it does not reference).
        /// </summary>
        public static bool MirrorsSaveChanges(IMethodSymbol method, SemanticContext types)
        {
            if (method.Name is not ("SaveChanges" or "SaveChangesAsync") || method.IsStatic || !TakesAtMostACancellationToken(method, types)
                || method.ContainingType == null || !types.IsDeclaredByApplication(method.ContainingType.OriginalDefinition))
            {
                return false;
            }

            var returned = method.ReturnType;
            if (method.Name == "SaveChangesAsync")
            {
                if (returned is not INamedTypeSymbol { TypeArguments.Length: 1 } task
                    || !(SymbolFacts.Is(task.OriginalDefinition, types.TaskOfT) || SymbolFacts.Is(task.OriginalDefinition, types.ValueTaskOfT)))
                {
                    return false;
                }

                returned = task.TypeArguments[0];
            }

            return returned.SpecialType == SpecialType.System_Int32;
        }

        /// <summary>
        /// A method of another project that saves on every call, by its declaration: a save or commit without arguments
        /// (a cancellation token at most) of a class built on a DbContext. <c>Update(entity)</c> and <c>Add(entity)</c> are
        /// not: a repository of a unit of work only tracks the change and leaves the save to the caller.
        /// </summary>
        public static bool SavesByDeclaration(IMethodSymbol method, SemanticContext types)
            => !method.IsStatic && Array.IndexOf(SaveNames, method.Name) >= 0 && TakesAtMostACancellationToken(method, types)
            && IsBuiltOnDbContext(method.ContainingType, types);

        /// <summary>
        /// A method of another project that runs a query on every call, by its declaration: a read method (its name begins
        /// with <c>Get</c>, <c>Find</c>, <c>Load</c>, …) of a class built on a DbContext that returns the context's entities
        /// (an entity, a collection of them, either in a package's result or option type, or a task of any of these). An entity is an element type of a <c>DbSet</c> property of
        /// the DbContext the class is built on, or a type parameter of the class (a generic repository's <c>T</c>). A
        /// service built on such a repository counts too, for the entities of the repository's context, unless it also
        /// takes a cache. A method returning anything else (a DTO) may answer from elsewhere: not judged, unless it takes a
        /// filter over an entity of the context (<see cref="TakesAFilterOverAnEntityOf"/>).
        /// </summary>
        public static bool QueriesByDeclaration(IMethodSymbol method, SemanticContext types)
        {
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            if (method.IsStatic)
            {
                return ReadsTheContextItIsGiven(method, types);
            }

            var name = ReadName(method);
            if (NameWords.StartsWithWord(name, CheckVerbs) && ReturnsATaskOfACountOrFlag(method, types))
            {
                // await emails.IsBounceAsync(address): a check asked asynchronously of a class built on a DbContext (found
                // in Sharebook's mail job, once per recipient). A synchronous IsValid(..) may be a pure helper: not judged.
                return IsBuiltOnDbContext(method.ContainingType, types);
            }

            if (!NameWords.StartsWithWord(name, ReadVerbs))
            {
                return false;
            }

            var returned = ElementOf(UnwrapValueWrapper(UnwrapTask(method.ReturnType, types)), types);
            if (returned == null)
            {
                return false;
            }

            // A read of an interface that stands for a context, returning an entity it exposes a set of:
            // IRegionEntityContext : IEntityContext<Region> { DbSet<Region> Entities { get; } Task<Region> Get(int id) => .. }
            // (a default method called per location in a request-training API of the fiftieth real-world set).
            if (method.ContainingType is { TypeKind: TypeKind.Interface } contract && IsContextInterface(contract, types))
            {
                return IsEntityOf(returned, contract, types);
            }

            var parameters = ConstructorParameterTypes(method.ContainingType, types);
            foreach (var parameter in parameters)
            {
                if (NamesACache(parameter))
                {
                    // A service that keeps a cache may answer from it: not judged, wherever the cache stands among the
                    // parameters (AuthPermissions' GetSetShardingEntriesFileStoreCache takes its context before its cache).
                    return false;
                }
            }

            // A repository that fixes a generic base's T (FormAMatProjectRepository : GenericRepository<FormAMatProject>), the
            // base built on a context; asked once, whichever of the constructors' parameters is the context.
            if (IsTheGenericBasesEntity(returned, method.ContainingType, types))
            {
                return true;
            }

            var repositories = new List<ITypeSymbol>();
            foreach (var parameter in parameters)
            {
                var isContext = TakesAContext(parameter, types);
                if (!isContext && !IsConstrainedToDbContext(parameter, types))
                {
                    repositories.Add(parameter);
                    continue;
                }

                // A generic repository's T (Repository<T>(AppDb db), BaseRepository<T, TContext>(TContext db)), or an
                // entity of the concrete context; or, whatever it returns (a DTO), a filter over such an entity.
                if (returned is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type }
                    || (isContext && parameter is INamedTypeSymbol context
                        && (IsEntityOf(returned, context, types) || TakesAFilterOverAnEntityOf(method, context, types))))
                {
                    return true;
                }
            }

            // A service built on a repository of the application (UserService(IUserRepository users)) reading that
            // repository's entities (found in Sharebook's jobs, which call services of another project per element).
            foreach (var repository in repositories)
            {
                if (ContextBehind(repository, types) is { } context && IsEntityOf(returned, context, types))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The name a read is told by: the method's own, or for a handler's <c>Handle</c>/<c>HandleAsync</c> the name of
        /// the request it handles, which names the operation (<c>Handle(GetHearingByIdQuery query)</c> of a class
        /// implementing <c>IQueryHandler&lt;GetHearingByIdQuery, VideoHearing&gt;</c> reads as <c>GetHearingByIdQuery</c>;
        /// found in a video-hearings booking API, whose controllers reach the data project only through such handlers).
        /// </summary>
        private static string ReadName(IMethodSymbol method)
        {
            if (method.Name is not ("Handle" or "HandleAsync") || method.Parameters.Length == 0 || method.ContainingType == null)
            {
                return method.Name;
            }

            var request = method.Parameters[0].Type;
            foreach (var implemented in method.ContainingType.AllInterfaces)
            {
                if (implemented.TypeArguments.Length > 0 && implemented.Name.EndsWith("Handler", StringComparison.Ordinal)
                    && SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], request))
                {
                    return request.Name;
                }
            }

            return method.Name;
        }

        /// <summary>
        /// A method of another project that runs the query it is given, by its declaration: a static method (an extension
        /// method, or a helper like <c>PagedList&lt;T&gt;.CreateAsync(source, page, size)</c>) whose first parameter is an
        /// <c>IQueryable&lt;T&gt;</c> or a <c>DbSet&lt;T&gt;</c> and which returns a <c>Task</c>/<c>ValueTask</c> of something
        /// other than a query (<c>SelectOneAsync(this IQueryable&lt;T&gt; source, ..)</c>, found in ErsatzTV). Awaiting a
        /// result computed from a query leaves nothing else for it to do; a synchronous method may only compose or
        /// describe the query (<c>ToSql()</c>) and is not judged. The call site decides whether the argument is an EF query.
        /// An instance member of a C# 14 extension block with such a return runs the receiver it is called on
        /// (<c>extension(IQueryable&lt;User&gt; query) { Task&lt;bool&gt; Exists(string name) }</c>, found in TASVideos):
        /// <paramref name="given"/> is then <see cref="SymbolFacts.ExtensionReceiverOrdinal"/>, and a receiver that is not a
        /// query (a service) makes the call none.
        /// </summary>
        public static bool RunsTheQueryItIsGiven(IMethodSymbol method, SemanticContext types, out int given)
        {
            given = -1;
            if (SymbolFacts.IsExtensionBlockInstanceMember(method))
            {
                given = SymbolFacts.ExtensionReceiverOrdinal;
            }
            else if (method.IsStatic && method.Parameters.Length > 0
                && (types.IsQueryable(method.Parameters[0].Type) || types.IsDbSet(method.Parameters[0].Type)))
            {
                given = 0;
            }
            else
            {
                return false;
            }

            return ReturnsATaskOfAResult(method, types, out var awaited)
                && !(awaited is INamedTypeSymbol named && SymbolFacts.Is(named.OriginalDefinition, types.IAsyncEnumerableOfT));
        }

        /// <summary>A <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> whose <c>T</c> is no query (<c>IQueryable</c>, <c>DbSet</c>): awaiting it leaves nothing to compose.</summary>
        private static bool ReturnsATaskOfAResult(IMethodSymbol method, SemanticContext types, out ITypeSymbol awaited)
        {
            var returned = method.ReturnType;
            awaited = UnwrapTask(returned, types);
            return !SymbolEqualityComparer.Default.Equals(awaited, returned) && !types.IsQueryable(awaited) && !types.IsDbSet(awaited);
        }

        /// <summary>
        /// A static helper of another project that reads through the context it is given: its first parameter is a
        /// DbContext or an interface of the application that stands for one, its name is a read verb (or a check verb
        /// with a task of a count or flag), and it returns a <c>Task</c>/<c>ValueTask</c> of something other than a query
        /// (<c>GetPlexServerNameById(this IPlexRipperDbContext db, int id, ..)</c>, found in PlexRipper, whose handlers call
        /// such extensions of its data project per element). Awaiting a result read from the context leaves it nothing else
        /// to do; a synchronous one may only describe the model (<c>GetSchema(this AppDb db)</c>) and is not judged.
        /// </summary>
        private static bool ReadsTheContextItIsGiven(IMethodSymbol method, SemanticContext types)
        {
            if (method.Parameters.Length == 0 || !TakesAContext(method.Parameters[0].Type, types))
            {
                return false;
            }

            if (NameWords.StartsWithWord(method.Name, CheckVerbs))
            {
                return ReturnsATaskOfACountOrFlag(method, types);
            }

            return NameWords.StartsWithWord(method.Name, ReadVerbs) && ReturnsATaskOfAResult(method, types, out _);
        }

        private static bool ReturnsATaskOfACountOrFlag(IMethodSymbol method, SemanticContext types)
        {
            var returned = method.ReturnType;
            var unwrapped = UnwrapTask(returned, types);
            return !SymbolEqualityComparer.Default.Equals(unwrapped, returned)
                && unwrapped.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64;
        }

        private static bool TakesAtMostACancellationToken(IMethodSymbol method, SemanticContext types)
            => method.Parameters.Length == 0
            || (method.Parameters.Length == 1 && SymbolFacts.Is(method.Parameters[0].Type, types.CancellationToken));

        private static ITypeSymbol UnwrapTask(ITypeSymbol type, SemanticContext types)
            => type is INamedTypeSymbol { TypeArguments.Length: 1 } task
               && (SymbolFacts.Is(task.OriginalDefinition, types.TaskOfT) || SymbolFacts.Is(task.OriginalDefinition, types.ValueTaskOfT))
                ? task.TypeArguments[0]
                : type;

        // Result and option types of packages, by namespace and name, whose first type argument is the value they carry.
        private static readonly (string Namespace, string Name)[] ValueWrappers =
        {
            ("CSharpFunctionalExtensions", "Result"), ("CSharpFunctionalExtensions", "Maybe"),
            ("FluentResults", "Result"), ("Ardalis.Result", "Result"), ("ErrorOr", "ErrorOr"), ("LanguageExt", "Option"),
        };

        /// <summary>
        /// The value a package's result or option type carries (CSharpFunctionalExtensions' <c>Result&lt;T&gt;</c>,
        /// <c>Result&lt;T, E&gt;</c> and <c>Maybe&lt;T&gt;</c>, FluentResults' and Ardalis' <c>Result&lt;T&gt;</c>,
        /// <c>ErrorOr&lt;T&gt;</c>, LanguageExt's <c>Option&lt;T&gt;</c>), or the type itself: a read method returning
        /// <c>Task&lt;Maybe&lt;UserAccount&gt;&gt;</c> returns the entity as surely as one returning
        /// <c>Task&lt;UserAccount?&gt;</c> (found in a forestry licensing service, whose user lookups all return one).
        /// Known by namespace, since such packages are rarely signed: a type of the application by one of those names is
        /// left as it is, what it carries being its own business.
        /// </summary>
        private static ITypeSymbol UnwrapValueWrapper(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeArguments.Length: 1 or 2 } wrapper)
            {
                return type;
            }

            foreach (var (ns, name) in ValueWrappers)
            {
                if (wrapper.Name == name && SymbolFacts.IsNamespace(wrapper.ContainingNamespace, ns))
                {
                    return wrapper.TypeArguments[0];
                }
            }

            return type;
        }

        /// <summary>The type itself, or the element of an array or of a collection of <c>System.Collections.Generic</c>; null for anything queryable.</summary>
        private static ITypeSymbol? ElementOf(ITypeSymbol type, SemanticContext types)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return array.ElementType;
                case INamedTypeSymbol { TypeArguments.Length: 1 } generic when types.IsQueryable(generic) || types.IsDbSet(generic):
                    return null;
                case INamedTypeSymbol { TypeArguments.Length: 1 } generic
                    when SymbolFacts.IsNamespace(generic.OriginalDefinition.ContainingNamespace, "System.Collections.Generic"):
                    return generic.TypeArguments[0];
                default:
                    return type;
            }
        }

        /// <summary>The type, or a base type of it, is the element of a <c>DbSet</c> property of <paramref name="context"/> or of its base contexts.</summary>
        private static bool IsEntityOf(ITypeSymbol entity, INamedTypeSymbol context, SemanticContext types)
        {
            if (entity is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract && types.IsDeclaredByApplication(contract.OriginalDefinition))
            {
                // Task<IFormAMatProject?> where the entity FormAMatProject implements IFormAMatProject: a domain interface
                // over the context's entities (found in an academies API of the fortieth real-world set, read per project of a loop).
                return HasSetWhere(context, element => StandsFor(contract, element, types), types);
            }

            if (entity is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || !types.IsDeclaredByApplication(named.OriginalDefinition))
            {
                return false;
            }

            for (var candidate = named; candidate != null; candidate = candidate.BaseType)
            {
                if (HasSetOf(context, candidate, types))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The generic repository's <c>T</c> as a derived repository fixes it: <c>FormAMatProjectRepository :
        /// GenericRepository&lt;FormAMatProject&gt;</c>, whose generic base is built on a DbContext, reads
        /// <c>FormAMatProject</c> (or an interface of the application it implements) from it, as <c>Repository&lt;T&gt;</c>
        /// reads its <c>T</c>, whether or not the context declares a <c>DbSet</c> of it (the model may configure it in
        /// <c>OnModelCreating</c> only).
        /// </summary>
        private static bool IsTheGenericBasesEntity(ITypeSymbol returned, INamedTypeSymbol? repository, SemanticContext types)
        {
            for (var type = repository?.BaseType; type != null && type.TypeKind == TypeKind.Class && types.IsDeclaredByApplication(type.OriginalDefinition); type = type.BaseType)
            {
                if (!type.IsGenericType || !IsBuiltOnDbContext(type, types))
                {
                    continue;
                }

                foreach (var argument in type.TypeArguments)
                {
                    if (argument is INamedTypeSymbol { TypeKind: TypeKind.Class } entity && types.IsDeclaredByApplication(entity.OriginalDefinition)
                        && StandsFor(returned, entity, types))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>Find(Expression&lt;Func&lt;Specialty, bool&gt;&gt; predicate)</c>: a parameter that is an expression over an entity of
        /// the context. An expression tree is what a query's <c>Where</c> takes, so a read method of a class built on the
        /// context that takes one filters a query with it, even when it maps the rows to DTOs (found in YIF's repositories).
        /// </summary>
        private static bool TakesAFilterOverAnEntityOf(IMethodSymbol method, INamedTypeSymbol context, SemanticContext types)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolFacts.Is(parameter.Type, types.ExpressionOfT)
                    && ((INamedTypeSymbol)parameter.Type).TypeArguments[0] is INamedTypeSymbol { Name: "Func", TypeArguments.Length: 2 } filter
                    && filter.TypeArguments[1].SpecialType == SpecialType.System_Boolean
                    && IsEntityOf(filter.TypeArguments[0], context, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DeclaresDbSet(INamedTypeSymbol type, SemanticContext types)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && types.IsDbSet(property.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A type parameter constrained to a DbContext (<c>where TContext : DbContext</c>).</summary>
        public static bool IsConstrainedToDbContext(ITypeSymbol type, SemanticContext types)
        {
            if (type is not ITypeParameterSymbol parameter)
            {
                return false;
            }

            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (types.IsDbContext(constraint))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
