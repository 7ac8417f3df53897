using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>What an EF query starts from.</summary>
    internal enum EfQueryRoot
    {
        /// <summary>Not an EF query, or not provably one: rules stay silent.</summary>
        None,

        /// <summary>A <c>DbSet&lt;T&gt;</c> (property, field, local or parameter), or an IQueryable member of a DbContext.</summary>
        DbSet,

        /// <summary><c>DbContext.Set&lt;T&gt;()</c>.</summary>
        SetMethod,

        /// <summary><c>FromSql</c>, <c>FromSqlRaw</c>, <c>FromSqlInterpolated</c>, <c>Database.SqlQuery&lt;T&gt;</c>.</summary>
        Sql,

        /// <summary><c>Entry(x).Collection(..).Query()</c> / <c>Reference(..).Query()</c>, and explicit <c>Load</c>.</summary>
        EntryQuery,
    }

    /// <summary>How an operation executes an EF query.</summary>
    internal enum EfExecutionKind
    {
        /// <summary>ToList, ToArray, ToDictionary, ToHashSet, ToLookup, Load, ForEachAsync (and …Async).</summary>
        Materialise,

        /// <summary>First, Single, Last (OrDefault), ElementAt, MinBy, MaxBy (and …Async).</summary>
        Element,

        /// <summary>Any, All, Count, LongCount, Sum, Min, Max, Average, Contains, Aggregate (and …Async).</summary>
        Aggregate,

        /// <summary><c>DbSet.Find/FindAsync</c>, <c>DbContext.Find/FindAsync</c>.</summary>
        Find,

        /// <summary><c>foreach</c> / <c>await foreach</c> over the query (or its AsEnumerable / AsAsyncEnumerable).</summary>
        Enumerate,

        /// <summary><c>Entry(x).Collection(..).Load()</c> / <c>Reference(..).Load()</c> (and LoadAsync): PERF103's, not PERF101's.</summary>
        ExplicitLoad,
    }

    /// <summary>One execution of an EF query: the operation that sends SQL to the database.</summary>
    internal readonly struct EfExecution
    {
        public EfExecution(IOperation operation, IOperation? query, string name, bool isAsync, EfExecutionKind kind, EfQueryRoot root)
        {
            Operation = operation;
            Query = query;
            Name = name;
            IsAsync = isAsync;
            Kind = kind;
            Root = root;
        }

        /// <summary>The executing invocation, the foreach loop, or the query a collection expression spreads.</summary>
        public IOperation Operation { get; }

        /// <summary>The query it executes (the receiver / this-argument, the foreach collection); the DbSet or DbContext for Find.</summary>
        public IOperation? Query { get; }

        /// <summary>The method name (<c>ToListAsync</c>, <c>Find</c>), or <c>foreach</c> / <c>await foreach</c>.</summary>
        public string Name { get; }

        public bool IsAsync { get; }

        public EfExecutionKind Kind { get; }

        public EfQueryRoot Root { get; }

        /// <summary><c>[.. query]</c>: <see cref="Operation"/> and <see cref="Query"/> are the spread query itself, not a call.</summary>
        public bool IsSpread => Name == EfQueryModel.SpreadName;
    }

    /// <summary>
    /// Decides whether an operation is an EF Core query and whether an operation executes one (docs/concepts.md#ef-query and
    /// #executing-an-ef-query). Purely syntactic-semantic and cheap: nothing is cached, no symbol is looked up by name per call.
    /// When unsure it answers "no", so rules stay silent rather than guess.
    /// </summary>
    internal static class EfQueryModel
    {
        private const int MaxDepth = 32;

        // EF Core adds Load() and ForEachAsync(), which run the query too.
        private static readonly ImmutableHashSet<string> MaterialiseNames = LinqOperators.ToCollection.Union(new[] { "Load", "ForEach" });

        private static readonly ImmutableHashSet<string> ElementNames = LinqOperators.Element;

        private static readonly ImmutableHashSet<string> AggregateNames = LinqOperators.Aggregate;

        /// <summary>The root of the EF query <paramref name="operation"/> evaluates to, or <see cref="EfQueryRoot.None"/>.</summary>
        public static EfQueryRoot GetRoot(IOperation? operation, SemanticContext types) => Resolve(operation, types, enumerable: false, null, 0);

        /// <summary>The root of a value a member returns or a field holds (query provenance, see <see cref="QueryProvenance"/>).</summary>
        internal static EfQueryRoot ResolveValue(IOperation operation, SemanticContext types, bool enumerable) => Resolve(operation, types, enumerable, null, 0);

        /// <summary>True when <paramref name="operation"/> is an <c>IQueryable</c> rooted in EF Core.</summary>
        public static bool IsEfQuery(IOperation? operation, SemanticContext types) => GetRoot(operation, types) != EfQueryRoot.None;

        /// <summary>
        /// True when <paramref name="operation"/> (an invocation, a foreach loop, or the query a collection expression spreads,
        /// <c>[.. query]</c>) executes an EF query. Operations inside a lambda converted to an expression tree never execute:
        /// EF translates them into the outer SQL.
        /// </summary>
        public static bool TryGetExecution(IOperation operation, SemanticContext types, out EfExecution execution)
        {
            execution = default;
            // [.. db.Tags.Where(..)]: the collection expression runs the query it spreads, whatever shape the query has. A
            // spread of anything else ([.. await query.ToListAsync()], [.. query.ToList()]) is classified as any operation.
            if (IsSpreadQuery(operation, types))
            {
                execution = new EfExecution(operation, operation, SpreadName, isAsync: false, EfExecutionKind.Materialise, GetRoot(operation, types));
                return true;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (!TryClassifyInvocation(invocation, types, out execution))
                    {
                        return false;
                    }

                    break;
                case IForEachLoopOperation loop:
                    var root = Resolve(loop.Collection, types, enumerable: true, null, 0);
                    if (root == EfQueryRoot.None)
                    {
                        return false;
                    }

                    execution = new EfExecution(loop, loop.Collection.WalkDownConversion(), loop.IsAsynchronous ? "await foreach" : "foreach", loop.IsAsynchronous, EfExecutionKind.Enumerate, root);
                    break;
                default:
                    return false;
            }

            return !IsInsideExpressionTree(operation, types);
        }

        /// <summary>
        /// A method known to enumerate a sequence argument before it returns: EF Core's range methods on a <c>DbSet</c> or
        /// the context (<c>RemoveRange</c>, <c>AddRange</c>, <c>UpdateRange</c>, <c>AttachRange</c>, and <c>AddRangeAsync</c>,
        /// which enumerates synchronously too), <c>string.Join</c> and
        /// <c>string.Concat</c>, and <c>List&lt;T&gt;.AddRange</c> / <c>InsertRange</c>. An EF query handed to one runs inside
        /// the call, synchronously (docs/concepts.md#executing-an-ef-query). Told by name first; any other method may keep
        /// the sequence for later, and is not one.
        /// </summary>
        public static bool EnumeratesItsSequenceArgument(IMethodSymbol method, SemanticContext types)
        {
            switch (method.Name)
            {
                case "AddRange" or "RemoveRange" or "UpdateRange" or "AttachRange":
                    var containing = method.ContainingType;
                    return types.IsDbSet(containing) || types.IsDbContext(containing)
                        || (method.Name == "AddRange" && SymbolFacts.Is(containing?.OriginalDefinition, types.ListOfT));
                case "AddRangeAsync":
                    // Awaitable, but it walks the sequence with a plain foreach before its first await.
                    return types.IsDbSet(method.ContainingType) || types.IsDbContext(method.ContainingType);
                case "InsertRange":
                    return SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.ListOfT);
                case "Join" or "Concat":
                    return method.IsStatic && method.ContainingType?.SpecialType == SpecialType.System_String;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>new List&lt;T&gt;(sequence)</c> and <c>new HashSet&lt;T&gt;(sequence)</c>: the constructor copies the sequence before
        /// it returns. Told from the type and the argument count; the argument's type decides the rest (a capacity is none).
        /// </summary>
        public static bool EnumeratesItsSequenceArgument(IObjectCreationOperation creation, SemanticContext types)
            => creation.Arguments.Length == 1
                && creation.Type is INamedTypeSymbol { Arity: 1 } type
                && (SymbolFacts.Is(type.OriginalDefinition, types.ListOfT) || SymbolFacts.Is(type.OriginalDefinition, types.HashSetOfT));

        /// <summary>
        /// The EF query a call of <see cref="EnumeratesItsSequenceArgument(IMethodSymbol, SemanticContext)"/>, or a
        /// collection constructed from a sequence, is handed (<c>string.Join('|', db.Schools.Where(..).Select(s =&gt;
        /// s.Urn))</c>, found in a tuition-partner service's metrics mapper, once per CSV record), or null. Not inside an
        /// expression tree, which EF translates instead of running.
        /// </summary>
        public static IOperation? QueryHandedToAnEnumeratingMethod(IOperation call, SemanticContext types)
        {
            foreach (var argument in EnumeratedArguments(call, types))
            {
                var value = argument.Value.WalkDownConversion();
                if (argument.ArgumentKind == ArgumentKind.Explicit && types.IsQueryable(value.Type) && IsEfQuery(value, types))
                {
                    return IsInsideExpressionTree(call, types) ? null : value;
                }
            }

            return null;
        }

        /// <summary>
        /// The <c>IQueryable</c> parameter of <paramref name="owner"/> (as <see cref="PassedParameter(IOperation?, IMethodSymbol, SemanticContext)"/>
        /// finds it) that a method enumerating its sequence argument is handed: <c>found.AddRange(apps.Where(..).Select(a =&gt;
        /// a.Id))</c> in a filter extension given the query (found in a commitments service's apprenticeship search). It
        /// runs where the caller passes an EF query; -1 when the call hands none.
        /// </summary>
        public static int ParameterHandedToAnEnumeratingMethod(IOperation call, IMethodSymbol owner, SemanticContext types)
        {
            foreach (var argument in EnumeratedArguments(call, types))
            {
                var value = argument.Value.WalkDownConversion();
                if (argument.ArgumentKind == ArgumentKind.Explicit && types.IsQueryable(value.Type)
                    && PassedParameter(value, owner, types) is var ordinal and >= 0)
                {
                    return IsInsideExpressionTree(call, types) ? -1 : ordinal;
                }
            }

            return -1;
        }

        private static ImmutableArray<IArgumentOperation> EnumeratedArguments(IOperation call, SemanticContext types)
            => call switch
            {
                IInvocationOperation invocation when EnumeratesItsSequenceArgument(invocation.TargetMethod, types) => invocation.Arguments,
                IObjectCreationOperation creation when EnumeratesItsSequenceArgument(creation, types) => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };

        /// <summary>How a report names the method a query is handed to: <c>Join</c>, or <c>new List&lt;string&gt;</c> for a constructor.</summary>
        public static string EnumeratingMethodName(IOperation call)
            => call is IObjectCreationOperation { Type: { } created }
                ? "new " + created.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
                : ((IInvocationOperation)call).TargetMethod.Name;

        /// <summary>
        /// The query is a stored procedure's result: its chain starts at <c>FromSqlRaw("EXEC dbo.Proc @p", ..)</c> (or
        /// <c>FromSql</c>/<c>FromSqlInterpolated</c>/<c>SqlQuery…</c> whose text begins with <c>EXEC</c>). SQL Server cannot
        /// compose over a procedure call, so EF Core runs no operator after it in the database: advice to move one there
        /// would break the query (docs/concepts.md#ef-query). Also through a method of the application that hands its text
        /// parameter to such a call (<see cref="ForwardedSqlParameter"/>). Read from the chain as written; a query held in a
        /// local is not followed, and stays a query like any other.
        /// </summary>
        public static bool IsStoredProcedureResult(IOperation? query, SemanticContext types)
        {
            var current = query?.WalkDownConversion() as IInvocationOperation;
            for (var depth = 0; current != null && depth < MaxDepth; depth++)
            {
                if (IsRawSqlRoot(current.TargetMethod, types))
                {
                    return current.Arguments.Length > 1 && StartsWithExec(current.Arguments[1].Value.WalkDownConversion());
                }

                if (ForwardedSqlParameter(current.TargetMethod) is >= 0 and var ordinal)
                {
                    return current.ArgumentFor(ordinal) is { } sql && StartsWithExec(sql.WalkDownConversion());
                }

                current = GetSource(current)?.WalkDownConversion() as IInvocationOperation;
            }

            return false;
        }

        /// <summary>
        /// The parameter a method of the application hands to EF Core's raw SQL as the query's text: its body is one call,
        /// <c>FromSql…(sql, ..)</c> on a set or <c>Database.SqlQuery…(sql, ..)</c>, whose text argument is a parameter of the
        /// method (a base repository's <c>GetQueryableResultFor&lt;T&gt;(string sql, params object[] parameters) =&gt;
        /// _context.Set&lt;T&gt;().FromSqlRaw(sql, parameters)</c>, found in an animal-health laboratory's virus-isolate service,
        /// whose repositories run every stored procedure through such helpers). Read from the declaration's syntax, one
        /// level, only to leave a query alone; -1 for anything else.
        /// </summary>
        private static int ForwardedSqlParameter(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            if (method.Parameters.Length == 0 || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration
                || DeclarationSyntax.SoleExpressionOf(declaration) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                || !(access.Name.Identifier.ValueText.StartsWith("FromSql", StringComparison.Ordinal)
                    || access.Name.Identifier.ValueText.StartsWith("SqlQuery", StringComparison.Ordinal))
                || call.ArgumentList.Arguments.Count == 0
                || call.ArgumentList.Arguments[0].Expression is not IdentifierNameSyntax text)
            {
                return -1;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == text.Identifier.ValueText)
                {
                    return parameter.Ordinal;
                }
            }

            return -1;
        }

        /// <summary><c>FromSql…</c> on a set, or <c>Database.SqlQuery…</c>: the root of a query written as SQL text.</summary>
        private static bool IsRawSqlRoot(IMethodSymbol method, SemanticContext types)
        {
            var containing = method.ContainingType?.OriginalDefinition;
            return (method.Name.StartsWith("FromSql", StringComparison.Ordinal) && SymbolFacts.Is(containing, types.RelationalQueryableExtensions))
                || (method.Name.StartsWith("SqlQuery", StringComparison.Ordinal) && SymbolFacts.Is(containing, types.RelationalDatabaseFacadeExtensions));
        }

        private static bool StartsWithExec(IOperation sql)
        {
            var text = sql switch
            {
                { ConstantValue: { HasValue: true, Value: string constant } } => constant,
                IInterpolatedStringOperation { Parts: { Length: > 0 } parts } when parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string first } } => first,
                _ => null,
            };
            if (text == null)
            {
                return false;
            }

            text = text.TrimStart();
            return StartsWithWord(text, "EXECUTE") || StartsWithWord(text, "EXEC");
        }

        private static bool StartsWithWord(string text, string word)
            => text.Length > word.Length && text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(text[word.Length]);

        /// <summary>
        /// True when <paramref name="operation"/> sits in a lambda converted to <c>Expression&lt;…&gt;</c> (at any depth), or
        /// in a query clause's lambda the compiler converted to nothing: a clause of a query expression that does not bind
        /// (a package the project uses is missing, or the code is half-typed) leaves the later clauses' lambdas under an
        /// invalid operation, so whether they are expression trees, and whether anything in them runs here, is unknown (found in a probation
        /// case-tracking service, whose subqueries in <c>let</c> clauses read as executing when a smart enum did not bind).
        /// </summary>
        public static bool IsInsideExpressionTree(IOperation operation, SemanticContext types)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current.Kind)
                {
                    case OperationKind.AnonymousFunction when types.IsExpressionTreeLambda(current) || IsConvertedToNothing(current):
                        return true;
                    case OperationKind.LocalFunction:
                        return false;
                }
            }

            return false;
        }

        // A bound lambda sits under its delegate creation or its conversion to an expression tree; one under an invalid
        // operation was converted to nothing. Only a query clause's lambda (no lambda syntax of its own) is taken so: one
        // written out and passed to a method that does not bind (a package's Match(..)) is almost always a delegate.
        private static bool IsConvertedToNothing(IOperation lambda)
            => lambda.Parent is null or { Kind: OperationKind.Invalid }
                && lambda.Syntax is not AnonymousFunctionExpressionSyntax;

        /// <summary>
        /// The receiver of a call: its instance, or the this-argument of an extension method; for a mapping library's
        /// projection (<c>mapper.ProjectTo&lt;TDto&gt;(query)</c>), the query it projects rather than the mapper.
        /// </summary>
        public static IOperation? GetSource(IInvocationOperation invocation)
        {
            if (invocation.Instance != null && invocation.TargetMethod.Name == "ProjectTo" && ProjectedQuery(invocation) is { } projected)
            {
                return projected;
            }

            return invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        }

        /// <summary>
        /// A mapping library's projection of a query: AutoMapper's <c>ProjectTo&lt;TDto&gt;(query, ..)</c> (on <c>IMapper</c>
        /// or as an extension of <c>IQueryable</c>) and Mapster's <c>query.ProjectToType&lt;TDto&gt;()</c> build a
        /// <c>Select</c> from the mapping configuration, which EF Core translates with the rest of the query. The query
        /// projected (the first argument), or null for any other call. Matched by name first: nothing is read otherwise.
        /// </summary>
        public static IOperation? MappingProjectionSource(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            return method.Name is "ProjectTo" or "ProjectToType" && types.IsQueryable(method.ReturnType) ? ProjectedQuery(invocation) : null;
        }

        /// <summary>The first argument of a <c>ProjectTo</c> / <c>ProjectToType</c> of AutoMapper or Mapster, or null.</summary>
        private static IOperation? ProjectedQuery(IInvocationOperation invocation)
        {
            return invocation.Arguments.Length == 0 || !IsMappingLibrary(invocation.TargetMethod.ContainingNamespace)
                ? null
                : invocation.ArgumentFor(0);
        }

        private static bool IsMappingLibrary(INamespaceSymbol? space)
        {
            while (space?.ContainingNamespace is { IsGlobalNamespace: false } outer)
            {
                space = outer;
            }

            return space?.Name is "AutoMapper" or "Mapster";
        }

        /// <summary>
        /// The whole expression of the query <paramref name="execution"/> runs: the execution itself, or, when its chain
        /// continues a query after <c>?.</c> (<c>db.Posts.Where(..)?.FirstOrDefault()</c>), the <c>?.</c> expression that
        /// holds both parts, so that a diagnostic covers the query and never only the part after <c>?.</c>.
        /// </summary>
        public static IOperation WholeQueryExpression(IOperation execution)
        {
            var current = execution as IInvocationOperation;
            for (var depth = 0; current != null && depth < MaxDepth; depth++)
            {
                switch (GetSource(current)?.UnwrapValue())
                {
                    case IInvocationOperation inner:
                        current = inner;
                        continue;
                    case IConditionalAccessInstanceOperation placeholder when placeholder.ConditionalAccess() is { } access:
                        // Past every ?. of the chain: a?.b?.c() nests the second access in the first's not-null part.
                        while (access.Parent is IConditionalAccessOperation outer && outer.WhenNotNull == access)
                        {
                            access = outer;
                        }

                        return access;
                    default:
                        return execution;
                }
            }

            return execution;
        }

        /// <summary>
        /// EF Core's own asynchronous operator (<c>ToListAsync</c>, <c>SingleOrDefaultAsync</c> …) executing a query that an
        /// interface member of the application hands out, when no implementation of that member is in sight: it lives in a
        /// project this one does not reference (docs/concepts.md#ef-query, "Out of sight"; found in Letterbook, whose core
        /// reaches the database through <c>IDataAdapter</c> implemented in the database adapter). Those operators throw for
        /// any query that is not EF Core's, so the call is itself the evidence. Followed through query operators, methods of the
        /// application that hand back the query they are given, and locals every write of which does the same
        /// (<c>var q = data.Posts(); q = q.Where(..);</c>).
        /// </summary>
        private static bool ComesFromAnInterfaceOutOfSight(IOperation? source, SemanticContext types, LocalChain? resolving = null, int depth = 0)
        {
            for (; source != null && depth < MaxDepth; depth++)
            {
                switch (source.WalkDownConversion())
                {
                    case IInvocationOperation call when IsQueryOperator(call.TargetMethod, types):
                        source = GetSource(call);
                        continue;
                    // A method of the application that hands back the query it is given, composed (a query object's
                    // Apply(IQueryable<T> query) => query.Where(..)), keeps the query's provider: the operator's evidence
                    // holds through it (found in an education department's forms API, whose handlers read
                    // new XQueryObject(..).Apply(repository.Query()).ToListAsync()).
                    case IInvocationOperation call when QueryProvenance.PassedThrough(call, types) is { } passed:
                        source = passed;
                        continue;
                    case IInvocationOperation { TargetMethod: var member }:
                        return IsInterfaceMemberOutOfSight(member, types);
                    case IPropertyReferenceOperation { Property.GetMethod: { } getter }:
                        return IsInterfaceMemberOutOfSight(getter, types);
                    case ILocalReferenceOperation local:
                        return LocalComesFromAnInterfaceOutOfSight(local, types, resolving, depth);
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool LocalComesFromAnInterfaceOutOfSight(ILocalReferenceOperation reference, SemanticContext types, LocalChain? resolving, int depth)
        {
            for (var link = resolving; link != null; link = link.Next)
            {
                if (SymbolEqualityComparer.Default.Equals(link.Local, reference.Local))
                {
                    // q = q.Where(..): as the other writes say.
                    return true;
                }
            }

            var chain = new LocalChain(reference.Local, resolving);
            var sawRealWrite = false;
            foreach (var write in EnumerateWrites(reference))
            {
                if (write == null || !ComesFromAnInterfaceOutOfSight(write, types, chain, depth + 1))
                {
                    return false;
                }

                sawRealWrite |= !IsSelfReference(write, reference.Local);
            }

            return sawRealWrite;
        }

        private static bool IsInterfaceMemberOutOfSight(IMethodSymbol member, SemanticContext types)
        {
            member = member.OriginalDefinition;
            if (member.ContainingType?.TypeKind != TypeKind.Interface || !member.IsAbstract
                || !types.IsQueryable(member.ReturnType) || !types.IsDeclaredByApplication(member))
            {
                return false;
            }

            if (types.SourceImplementations(member) is not { Count: 0 })
            {
                return false;
            }

            return types.IsDeclaredInCompilation(member.ContainingType) || types.ImplementationsInOtherProjects(member) is { Count: 0 };
        }

        /// <summary>True for an operator that composes an EF query into another query (Where, Select, Include, AsNoTracking, FromSql …).</summary>
        public static bool IsQueryOperator(IMethodSymbol method, SemanticContext types)
        {
            var containing = method.ContainingType?.OriginalDefinition;
            return (SymbolFacts.Is(containing, types.Queryable)
                    || SymbolFacts.Is(containing, types.EntityFrameworkQueryableExtensions)
                    || SymbolFacts.Is(containing, types.RelationalQueryableExtensions)
                    // DbSet<T>.AsQueryable(): EF Core's own instance method, the set itself as a query (found in osharp).
                    || (method.Name == "AsQueryable" && SymbolFacts.Is(containing, types.DbSet))
                    || IsProviderSetOperator(method, types)
                    || IsExpandable(method))
                && types.IsQueryable(method.ReturnType);
        }

        /// <summary>
        /// LinqKit's <c>AsExpandable()</c>: wraps the query so that the predicates built with it expand, and hands the EF
        /// query on to EF Core's provider (found in a forestry licensing service's report filters).
        /// </summary>
        private static bool IsExpandable(IMethodSymbol method)
            => method.Name == "AsExpandable" && method.IsExtensionMethod
                && SymbolFacts.IsNamespace(method.ContainingType?.ContainingNamespace, "LinqKit");

        /// <summary>
        /// A database provider's query root on a set: an extension method of a referenced assembly, in EF Core's namespace,
        /// on <c>DbSet&lt;T&gt;</c> (SQL Server's <c>TemporalAsOf(..)</c>, <c>TemporalAll()</c>; found in an NHS buying
        /// catalogue reading each order's supplier as it was when the order completed).
        /// </summary>
        private static bool IsProviderSetOperator(IMethodSymbol method, SemanticContext types)
            => method.IsExtensionMethod && method.Parameters.Length > 0
                && SymbolFacts.Is(method.Parameters[0].Type.OriginalDefinition, types.DbSet)
                && SymbolFacts.IsNamespace(method.ContainingType?.ContainingNamespace, "Microsoft.EntityFrameworkCore")
                && !types.IsDeclaredInCompilation(method);

        /// <summary>
        /// The query operators applied to an EF query, outermost first (<c>db.Blogs.Where(..).OrderBy(..)</c> gives
        /// OrderBy, Where), following locals. Used to look for Include, Take, Skip, paging predicates.
        /// </summary>
        public static ImmutableArray<IInvocationOperation> GetOperators(IOperation? query, SemanticContext types)
        {
            var builder = ImmutableArray.CreateBuilder<IInvocationOperation>();
            WalkOperators(query, types, builder);
            return builder.ToImmutable();
        }

        /// <summary>
        /// Like <see cref="GetOperators"/>, and also through a local that is written again only by composing itself
        /// (<c>q = q.Where(..)</c>, often under a condition): the operators of every such write count, as if each were
        /// applied, between those of the expression and those of the local's one other value. <paramref name="root"/> is
        /// the expression under them all: the <c>DbSet</c>, <c>Set&lt;T&gt;()</c> or the call that handed the query out.
        /// For questions where an operator on some path is enough (an Include loads on that path); not for questions
        /// about every path (a Take under a condition does not bound the other path).
        /// </summary>
        public static ImmutableArray<IInvocationOperation> GetOperatorsOfEveryComposition(IOperation? query, SemanticContext types, out IOperation? root)
        {
            var builder = ImmutableArray.CreateBuilder<IInvocationOperation>();
            root = WalkOperators(query, types, builder, throughComposition: true);
            return builder.ToImmutable();
        }

        private static IOperation? WalkOperators(IOperation? query, SemanticContext types, ImmutableArray<IInvocationOperation>.Builder? operators, bool throughComposition = false)
        {
            var current = query;
            for (var depth = 0; current != null && depth < MaxDepth; depth++)
            {
                current = current.UnwrapValue();
                if (current is IInvocationOperation invocation && (IsQueryOperator(invocation.TargetMethod, types) || IsAsEnumerable(invocation.TargetMethod, types)))
                {
                    operators?.Add(invocation);
                    current = GetSource(invocation);
                }
                else if (current is IInvocationOperation projection && MappingProjectionSource(projection, types) is { } projected)
                {
                    operators?.Add(projection);
                    current = projected;
                }
                else if (current is ILocalReferenceOperation local && TryGetSingleValue(local, out var value))
                {
                    current = value;
                }
                else if (current is IConditionalAccessInstanceOperation placeholder)
                {
                    current = placeholder.AccessedValue();
                }
                else if (throughComposition && current is ILocalReferenceOperation composed && TryGetComposedValue(composed, types, operators, out var initial, throughComposingCalls: true))
                {
                    current = initial;
                }
                else
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>
        /// The operators that every path to <paramref name="reference"/> applies to the local it reads: those of the writes
        /// that compose the local itself (<c>q = q.Skip(skip).Take(take);</c>) as a statement of a block that encloses the
        /// read, before it, provided <paramref name="initial"/>, the local's one other value, is written before them. The
        /// local's writes must be that value and compositions of itself (<c>q = q.Where(..)</c> under a condition), so that
        /// what such a write applied stays under whatever the read gets; otherwise both are empty. For questions about
        /// every path (a <c>Take</c> bounds the rows only when no path goes around it); <paramref name="initial"/> is the
        /// value <see cref="TryGetComposedValue"/> gives.
        /// </summary>
        public static ImmutableArray<IInvocationOperation> OperatorsOnEveryPath(ILocalReferenceOperation reference, SemanticContext types, out IOperation? initial)
        {
            if (!TrySplitWrites(reference, types, out initial, out var compositions, throughComposingCalls: true))
            {
                initial = null;
                return ImmutableArray<IInvocationOperation>.Empty;
            }

            var onEveryPath = ImmutableArray.CreateBuilder<IInvocationOperation>();
            var firstOnEveryPath = int.MaxValue;
            foreach (var (write, _, onEveryBranch) in compositions)
            {
                if (RunsBefore(write, reference))
                {
                    onEveryPath.AddRange(onEveryBranch);
                    firstOnEveryPath = Math.Min(firstOnEveryPath, write.Syntax.SpanStart);
                }
            }

            return initial!.Syntax.SpanStart < firstOnEveryPath ? onEveryPath.ToImmutable() : ImmutableArray<IInvocationOperation>.Empty;

            // q = q.Take(n); as a statement of a block that holds the read after it: no path to the read goes around it.
            static bool RunsBefore(IOperation value, IOperation read)
                => value.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation { Parent: IBlockOperation block } statement }
                && statement.Syntax.Span.End <= read.Syntax.SpanStart
                && block.Syntax.Span.Contains(read.Syntax.Span);
        }

        /// <summary>
        /// The one value of a local that is otherwise written only as <c>q = q.Op(..)..</c>, adding the operators of those
        /// writes (the last write's first, each outermost first). False when some write is anything else.
        /// </summary>
        internal static bool TryGetComposedValue(ILocalReferenceOperation reference, SemanticContext types, ImmutableArray<IInvocationOperation>.Builder? operators, out IOperation? initial, bool throughComposingCalls = false)
        {
            if (!TrySplitWrites(reference, types, out initial, out var compositions, throughComposingCalls))
            {
                return false;
            }

            for (var i = compositions.Count - 1; i >= 0; i--)
            {
                operators?.AddRange(compositions[i].Applied);
            }

            return true;
        }

        /// <summary>
        /// The writes of the local <paramref name="reference"/> reads, as its one value and the writes that compose the
        /// local itself (<c>q = q.Where(..)</c>), each with the operators it applies, outermost first, and those it applies
        /// on every branch. A conditional write whose two branches compose the local (<c>q = desc ? q.OrderByDescending(..) :
        /// q.OrderBy(..)</c>, <c>q = name == null ? q : q.Where(..)</c>) applies the operators of either branch, and on every
        /// branch those both apply; so does a switch expression whose every arm composes the local (<c>q = status switch {
        /// "open" =&gt; q.Where(..), _ =&gt; q }</c>), with the operators every arm applies on every branch. One whose branches
        /// include navigations is not followed, since no path loads what the branches include together. With
        /// <paramref name="throughComposingCalls"/>, a write that hands the local to a method of the application that gives
        /// back the query it is given, composed (<c>q = ApplyFilters(request, q)</c>, <c>q = Paginate(q, page, pageSize)</c>),
        /// composes the local too: the call stands among the operators, with those written around it. What the method
        /// applies inside is not read, so a question answered by an operator's absence (no <c>AsNoTracking</c>) does not
        /// ask for it; an Include before it still loads, and a paging helper is known by its declaration.
        /// False when a write cannot be followed, when two writes are something else, or when either part is missing.
        /// </summary>
        private static bool TrySplitWrites(
            ILocalReferenceOperation reference,
            SemanticContext types,
            out IOperation? initial,
            out List<(IOperation Write, ImmutableArray<IInvocationOperation>.Builder Applied, IEnumerable<IInvocationOperation> OnEveryBranch)> compositions,
            bool throughComposingCalls = false)
        {
            initial = null;
            compositions = new List<(IOperation Write, ImmutableArray<IInvocationOperation>.Builder Applied, IEnumerable<IInvocationOperation> OnEveryBranch)>();
            foreach (var write in EnumerateWrites(reference))
            {
                if (write == null)
                {
                    return false;
                }

                // The write's own operators, down to what they compose: the local itself for q = q.Where(..).
                var applied = ImmutableArray.CreateBuilder<IInvocationOperation>();
                var composed = WalkOperators(write, types, applied);
                if (applied.Count > 0 && IsTheLocal(composed, reference))
                {
                    compositions.Add((write, applied, applied));
                }
                else if (throughComposingCalls && ComposingCallOfTheLocal(composed, reference, types, applied))
                {
                    // hearings = ApplyOptionalFilters(query, hearings): found in a video-hearings booking API, whose
                    // paged search includes four collections before its filters are applied so.
                    compositions.Add((write, applied, applied));
                }
                else if (Branches(composed) is { } branches)
                {
                    // Each branch must compose the local itself and include no navigation.
                    if (applied.Count > 0)
                    {
                        return false;
                    }

                    var eitherBranch = ImmutableArray.CreateBuilder<IInvocationOperation>();
                    List<IInvocationOperation>? onEveryBranch = null;
                    foreach (var branch in branches)
                    {
                        var branchApplied = ImmutableArray.CreateBuilder<IInvocationOperation>();
                        if (!IsTheLocal(WalkOperators(branch, types, branchApplied), reference) || IncludesANavigation(branchApplied, types))
                        {
                            return false;
                        }

                        onEveryBranch = onEveryBranch == null
                            ? branchApplied.ToList()
                            : onEveryBranch.Where(op => branchApplied.Any(other => SymbolEqualityComparer.Default.Equals(other.TargetMethod.OriginalDefinition, op.TargetMethod.OriginalDefinition))).ToList();
                        eitherBranch.AddRange(branchApplied);
                    }

                    compositions.Add((write, eitherBranch, onEveryBranch ?? new List<IInvocationOperation>()));
                }
                else if (initial == null)
                {
                    initial = write;
                }
                else
                {
                    return false;
                }
            }

            return initial != null && compositions.Count > 0;
        }

        /// <summary>
        /// The values a conditional write chooses between: both branches of <c>?:</c>, or every arm of a switch expression
        /// (<c>q = status switch { "open" =&gt; q.Where(..), _ =&gt; q }</c>), leaving out a branch that throws, since no
        /// value comes out of it (<c>_ =&gt; throw new ArgumentOutOfRangeException(..)</c>), as <see cref="Resolve"/> does.
        /// Null for any other value, or when every branch throws.
        /// </summary>
        private static IEnumerable<IOperation>? Branches(IOperation? value)
        {
            var branches = value switch
            {
                IConditionalOperation { WhenFalse: { } whenFalse } conditional => new[] { conditional.WhenTrue, whenFalse },
                ISwitchExpressionOperation { Arms.Length: > 0 } switchExpression => switchExpression.Arms.Select(arm => arm.Value),
                _ => null,
            };
            var valued = branches?.Where(branch => !Throws(branch)).ToList();
            return valued is { Count: > 0 } ? valued : null;
        }

        /// <summary>A branch of a conditional value that throws instead of giving a value (<c>_ =&gt; throw ..</c>).</summary>
        private static bool Throws(IOperation branch) => branch.WalkDownConversion() is IThrowOperation;

        /// <summary>
        /// A call of a method of the application that hands back the query it is given, composed, given the local itself
        /// (through query operators, which are added to <paramref name="applied"/>).
        /// </summary>
        private static bool ComposingCallOfTheLocal(IOperation? composed, ILocalReferenceOperation reference, SemanticContext types, ImmutableArray<IInvocationOperation>.Builder applied)
        {
            if (composed is not IInvocationOperation call || QueryProvenance.PassedThrough(call, types) is not { } passed)
            {
                return false;
            }

            var inside = ImmutableArray.CreateBuilder<IInvocationOperation>();
            if (!IsTheLocal(WalkOperators(passed, types, inside), reference))
            {
                return false;
            }

            applied.Add(call);
            applied.AddRange(inside);
            return true;
        }

        private static bool IsTheLocal(IOperation? operation, ILocalReferenceOperation reference)
            => operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, reference.Local);

        private static bool IncludesANavigation(ImmutableArray<IInvocationOperation>.Builder operators, SemanticContext types)
            => operators.Any(op => op.TargetMethod.Name is "Include" or "ThenInclude"
                && SymbolFacts.Is(op.TargetMethod.ContainingType?.OriginalDefinition, types.EntityFrameworkQueryableExtensions));

        /// <summary>The only value ever written to the local (its initializer), or false when it is written more than once.</summary>
        public static bool TryGetSingleValue(ILocalReferenceOperation reference, out IOperation? value)
        {
            value = null;
            var count = 0;
            foreach (var write in EnumerateWrites(reference))
            {
                if (write == null || ++count > 1)
                {
                    return false;
                }

                value = write;
            }

            return count == 1;
        }

        /// <summary>Every value written to the local (its initializer and simple assignments), or false when one is not known (a compound, ref or out write).</summary>
        public static bool TryGetWrittenValues(ILocalReferenceOperation reference, out List<IOperation> values)
        {
            values = new List<IOperation>();
            foreach (var write in EnumerateWrites(reference))
            {
                if (write == null)
                {
                    return false;
                }

                values.Add(write);
            }

            return values.Count > 0;
        }

        private static bool TryClassifyInvocation(IInvocationOperation invocation, SemanticContext types, out EfExecution execution)
        {
            execution = default;
            var method = invocation.TargetMethod;
            var containing = method.ContainingType?.OriginalDefinition;
            if (containing == null)
            {
                return false;
            }

            // Every analyzer of the database family asks about every call: the names and containing types rule out
            // almost all of them before anything is allocated or resolved.
            var name = method.Name;
            if (name is "Find" or "FindAsync")
            {
                if (types.IsDbSet(containing) || types.IsDbContext(containing))
                {
                    execution = new EfExecution(invocation, invocation.Instance, name, name == "FindAsync", EfExecutionKind.Find, EfQueryRoot.DbSet);
                    return invocation.Instance != null;
                }
            }
            else if (name is "Load" or "LoadAsync")
            {
                if (SymbolFacts.IsOrDerivesFrom(containing, types.NavigationEntry))
                {
                    execution = new EfExecution(invocation, invocation.Instance, name, name == "LoadAsync", EfExecutionKind.ExplicitLoad, EfQueryRoot.EntryQuery);
                    return true;
                }
            }

            if (!TryClassifyOperator(containing, name, types, out var enumerable, out var isAsync, out var kind))
            {
                return false;
            }

            var source = GetSource(invocation);
            var root = ResolveSourceOnce(invocation, source, types, enumerable);
            if (root == EfQueryRoot.None)
            {
                if (!(isAsync && SymbolFacts.Is(containing, types.EntityFrameworkQueryableExtensions) && ComesFromAnInterfaceOutOfSight(source, types)))
                {
                    return false;
                }

                root = EfQueryRoot.DbSet;
            }

            execution = new EfExecution(invocation, source?.WalkDownConversion(), name, isAsync, kind, root);
            return true;
        }

        /// <summary>A LINQ or EF Core operator that executes what it is called on (ToList, FirstOrDefaultAsync, Count …), by its class and name.</summary>
        private static bool TryClassifyOperator(INamedTypeSymbol containing, string name, SemanticContext types, out bool enumerable, out bool isAsync, out EfExecutionKind kind)
        {
            kind = default;
            isAsync = false;
            if (SymbolFacts.Is(containing, types.Queryable) || SymbolFacts.Is(containing, types.EntityFrameworkQueryableExtensions))
            {
                enumerable = false;
            }
            else if (SymbolFacts.Is(containing, types.Enumerable) || SymbolFacts.Is(containing, types.AsyncEnumerable))
            {
                enumerable = true;
            }
            else
            {
                enumerable = false;
                return false;
            }

            isAsync = name.EndsWith("Async", StringComparison.Ordinal);
            var baseName = NameWords.WithoutAsyncSuffix(name);
            if (MaterialiseNames.Contains(baseName))
            {
                kind = EfExecutionKind.Materialise;
            }
            else if (ElementNames.Contains(baseName))
            {
                kind = EfExecutionKind.Element;
            }
            else if (AggregateNames.Contains(baseName))
            {
                kind = EfExecutionKind.Aggregate;
            }
            else
            {
                return false;
            }

            return true;
        }

        /// <summary>How a query spread into a collection expression is named in messages and paths: <c>[.. query]</c>.</summary>
        public const string SpreadName = "[..]";

        /// <summary>
        /// An EF query spread into a collection expression (<c>[.. db.Tags.Where(..)]</c>, <c>[.. db.Tags]</c>, <c>[.. query]</c>
        /// over a local holding one): the collection enumerates it, so it runs and is read synchronously, as <c>ToList()</c>
        /// would. The operation is the spread's own expression, its syntax the spread's.
        /// </summary>
        public static bool IsSpreadQuery(IOperation query, SemanticContext types)
            => MaySpreadAQuery(query, types) && IsEfQuery(query, types);

        /// <summary>
        /// The cheap half of <see cref="IsSpreadQuery"/>, from the syntax and the type alone: a queryable spread into a
        /// collection expression. Rules that see spreads in a syntax action leave such operations to it.
        /// </summary>
        public static bool MaySpreadAQuery(IOperation operation, SemanticContext types)
            => operation.Syntax.Parent is SpreadElementSyntax && operation is not IConversionOperation && types.IsQueryable(operation.Type);

        /// <summary>
        /// The parameter of <paramref name="owner"/> whose query <paramref name="invocation"/> executes, composed by query
        /// operators on the way (<c>source.OrderBy(key).FirstOrDefaultAsync(predicate)</c> in <c>SelectOneAsync(this
        /// IQueryable&lt;T&gt; source, ..)</c>): the method runs the query it is given (docs/concepts.md#executing-an-ef-query,
        /// "Through a call"). Only an <c>IQueryable</c> or <c>DbSet</c> parameter counts, composed by query operators: an
        /// <c>IEnumerable</c> parameter may be a list. The executing operator may be <c>Enumerable</c>'s (<c>ToList()</c>
        /// after <c>source.Skip(..).Take(..)</c> in a paging helper), which runs the query as EF Core's does. -1 when none.
        /// </summary>
        public static int ExecutedParameter(IInvocationOperation invocation, IMethodSymbol owner, SemanticContext types, out string name)
        {
            name = invocation.TargetMethod.Name;
            var containing = invocation.TargetMethod.ContainingType?.OriginalDefinition;
            if (containing == null
                || !TryClassifyOperator(containing, name, types, out _, out _, out var kind)
                || kind == EfExecutionKind.ExplicitLoad)
            {
                return -1;
            }

            return IsInsideExpressionTree(invocation, types) ? -1 : PassedParameter(GetSource(invocation), owner, types);
        }

        /// <summary>
        /// The <c>IQueryable</c>/<c>DbSet</c> parameter of <paramref name="owner"/> that <paramref name="query"/> is, directly,
        /// composed by query operators (<c>source.Where(..).OrderBy(..)</c>), through a method of the application that hands
        /// back the query it is given composed (<c>source.Paginate(page, size)</c> over <c>=&gt; source.Skip(..).Take(..)</c>),
        /// or through a local whose every write holds that parameter, the writes that compose the local itself aside
        /// (<c>q = q.Where(..)</c> under a condition, <c>q = q.IncludeParents()</c> in a loop); -1 when it is anything else.
        /// </summary>
        public static int PassedParameter(IOperation? query, IMethodSymbol owner, SemanticContext types)
            => PassedParameter(query, owner, types, composedLocal: null, localsFollowed: 0);

        // A write of the local being followed that composes the local itself: it keeps whatever the local holds.
        private const int ComposesItself = -2;

        // Locals followed through one another (var page = filtered; var filtered = source.Where(..)).
        private const int MaxLocalsFollowed = 4;

        private static int PassedParameter(IOperation? query, IMethodSymbol owner, SemanticContext types, ILocalSymbol? composedLocal, int localsFollowed)
        {
            var source = query;
            for (var depth = 0; source != null && depth < MaxDepth; depth++)
            {
                source = source.UnwrapValue();
                switch (source)
                {
                    case IInvocationOperation composed when IsQueryOperator(composed.TargetMethod, types):
                        source = GetSource(composed);
                        break;
                    case IInvocationOperation call when QueryProvenance.PassedThrough(call, types) is { } passed:
                        source = passed;
                        break;
                    case ILocalReferenceOperation local when composedLocal != null && SymbolEqualityComparer.Default.Equals(local.Local, composedLocal):
                        return ComposesItself;
                    case ILocalReferenceOperation local:
                        return localsFollowed < MaxLocalsFollowed ? ParameterOfEveryWrite(local, owner, types, localsFollowed + 1) : -1;
                    case IParameterReferenceOperation parameter when types.IsQueryable(parameter.Type) || types.IsDbSet(parameter.Type):
                        // A parameter of the owner, or the receiver of its extension block: extension(IQueryable<User> query) { .. }.
                        return SymbolFacts.OrdinalIn(parameter.Parameter, owner.OriginalDefinition);
                    default:
                        return -1;
                }
            }

            return -1;
        }

        /// <summary>
        /// The one parameter every write of the local holds, the writes that compose the local itself aside; -1 when a write
        /// holds anything else (<c>q = cached.AsQueryable()</c>), when two writes hold different parameters, or when none holds one.
        /// </summary>
        private static int ParameterOfEveryWrite(ILocalReferenceOperation reference, IMethodSymbol owner, SemanticContext types, int localsFollowed)
        {
            var found = -1;
            foreach (var write in EnumerateWrites(reference))
            {
                if (write == null)
                {
                    return -1;
                }

                var ordinal = PassedParameter(write, owner, types, reference.Local, localsFollowed);
                if (ordinal == ComposesItself)
                {
                    continue;
                }

                if (ordinal < 0 || (found >= 0 && found != ordinal))
                {
                    return -1;
                }

                found = ordinal;
            }

            return found;
        }

        /// <summary>
        /// Where the executed source comes from, resolved once per call: the database rules all classify the same
        /// calls, and resolving follows locals and the application's own methods.
        /// </summary>
        private static EfQueryRoot ResolveSourceOnce(IInvocationOperation invocation, IOperation? source, SemanticContext types, bool enumerable)
        {
            // Keyed by the call's syntax in a per-compilation memo: a weak-table entry per call (or per method
            // body) takes a global lock and a dependent handle each, which cost more than most resolutions.
            var resolved = ResolvedSources.For(types);
            if (resolved.TryGetValue(invocation.Syntax, out var known))
            {
                return known;
            }

            return resolved.Store(invocation.Syntax, Resolve(source, types, enumerable, null, 0));
        }

        private static readonly PerCompilationAnswers<SyntaxNode, EfQueryRoot> ResolvedSources = new PerCompilationAnswers<SyntaxNode, EfQueryRoot>(slotsPerTree: 32);

        private static EfQueryRoot Resolve(IOperation? operation, SemanticContext types, bool enumerable, LocalChain? resolving, int depth)
        {
            if (operation == null || depth > MaxDepth)
            {
                return EfQueryRoot.None;
            }

            operation = operation.UnwrapValue();
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return ResolveInvocation(invocation, types, enumerable, resolving, depth);
                case ILocalReferenceOperation local:
                    return ResolveLocal(local, types, enumerable, resolving, depth);
                case IPropertyReferenceOperation property when types.IsDbSet(property.Type)
                    || (types.IsDbContext(property.Property.ContainingType) && types.IsQueryable(property.Type)):
                    return EfQueryRoot.DbSet;
                case IPropertyReferenceOperation identity when IdentityStoreCalls.IsEfStoreQueryable(identity, types):
                    return EfQueryRoot.DbSet;
                case IPropertyReferenceOperation property:
                    // A property of the application exposing a query.
                    return QueryProvenance.ResolveMember(property, types);
                case IFieldReferenceOperation field:
                    return types.IsDbSet(operation.Type) ? EfQueryRoot.DbSet : QueryProvenance.ResolveMember(field, types);
                case IConditionalAccessInstanceOperation placeholder:
                    // db.Posts.Where(..)?.OrderBy(..): the query the ?. reads.
                    return Resolve(placeholder.AccessedValue(), types, enumerable, resolving, depth + 1);
                case IParameterReferenceOperation parameter:
                    if (types.IsDbSet(operation.Type))
                    {
                        return EfQueryRoot.DbSet;
                    }

                    return QueryProvenance.TryGetParameter(parameter, out var passed) ? passed : EfQueryRoot.None;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when Throws(conditional.WhenTrue):
                    // valid ? throw new ArgumentException(..) : q, and the other way round: the branch that does not throw.
                    return Resolve(whenFalse, types, enumerable, resolving, depth + 1);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when Throws(whenFalse):
                    return Resolve(conditional.WhenTrue, types, enumerable, resolving, depth + 1);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // descending ? q.OrderByDescending(..) : q.OrderBy(..): a query when both branches are.
                    var whenTrueRoot = Resolve(conditional.WhenTrue, types, enumerable, resolving, depth + 1);
                    if (whenTrueRoot == EfQueryRoot.None)
                    {
                        return EfQueryRoot.None;
                    }

                    // Inside a member being summarised, condition ? other : source passes one of two parameters: neither is known.
                    var whenTrueParameter = QueryProvenance.PassedParameter;
                    var whenFalseRoot = Resolve(whenFalse, types, enumerable, resolving, depth + 1);
                    return whenFalseRoot == EfQueryRoot.None
                        || (whenTrueRoot == QueryProvenance.ParameterRoot && whenFalseRoot == QueryProvenance.ParameterRoot
                            && whenTrueParameter != QueryProvenance.PassedParameter)
                        ? EfQueryRoot.None
                        : whenTrueRoot;
                case ISwitchExpressionOperation switchExpression:
                    // sortBy switch { "name" => q.OrderBy(..), _ => q.OrderBy(..) }: a query when every arm is.
                    var firstArm = EfQueryRoot.None;
                    var passedParameter = -1;
                    foreach (var arm in switchExpression.Arms)
                    {
                        if (Throws(arm.Value))
                        {
                            // _ => throw new ArgumentOutOfRangeException(..): no query comes out of that arm (found in a
                            // statistics service's role repositories, whose Query(filter) ends its switch so).
                            continue;
                        }

                        var armRoot = Resolve(arm.Value, types, enumerable, resolving, depth + 1);
                        if (armRoot == EfQueryRoot.None)
                        {
                            return EfQueryRoot.None;
                        }

                        if (armRoot == QueryProvenance.ParameterRoot)
                        {
                            // Arms passing different parameters of a member being summarised: neither is known.
                            if (passedParameter >= 0 && passedParameter != QueryProvenance.PassedParameter)
                            {
                                return EfQueryRoot.None;
                            }

                            passedParameter = QueryProvenance.PassedParameter;
                        }

                        if (firstArm == EfQueryRoot.None)
                        {
                            firstArm = armRoot;
                        }
                    }

                    return firstArm;
                default:
                    return EfQueryRoot.None;
            }
        }

        private static EfQueryRoot ResolveInvocation(IInvocationOperation invocation, SemanticContext types, bool enumerable, LocalChain? resolving, int depth)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType?.OriginalDefinition;
            if (containing == null)
            {
                return EfQueryRoot.None;
            }

            if (method.Name == "Set" && types.IsDbContext(containing) && types.IsDbSet(method.ReturnType))
            {
                return EfQueryRoot.SetMethod;
            }

            if (types.IsDbSet(method.ReturnType))
            {
                // Any method that hands out a DbSet<T>, as a property of that type does: a data-context interface's
                // Set<T>() (WalkingTec.Mvvm's IDataContext, whose test double throws, so the implementations' vote fails).
                return EfQueryRoot.DbSet;
            }

            if (IsRawSqlRoot(method, types))
            {
                return EfQueryRoot.Sql;
            }

            if (method.Name == "Query" && SymbolFacts.IsOrDerivesFrom(containing, types.NavigationEntry))
            {
                return EfQueryRoot.EntryQuery;
            }

            if (IsQueryOperator(method, types) || (enumerable && IsAsEnumerable(method, types)))
            {
                return Resolve(GetSource(invocation), types, enumerable, resolving, depth + 1);
            }

            if (MappingProjectionSource(invocation, types) is { } projected)
            {
                return Resolve(projected, types, enumerable, resolving, depth + 1);
            }

            if (enumerable
                && (SymbolFacts.Is(containing, types.Enumerable) || SymbolFacts.Is(containing, types.AsyncEnumerable))
                && !IsExecutingName(method.Name))
            {
                // A deferred in-memory operator (Where, Select …) over the query: enumerating it runs the query.
                return Resolve(GetSource(invocation), types, enumerable, resolving, depth + 1);
            }

            if (types.IsDbContext(containing) && !method.IsStatic && types.IsQueryable(method.ReturnType))
            {
                return EfQueryRoot.DbSet;
            }

            if (AggregateSeed(invocation, types) is { } seed)
            {
                return Resolve(seed, types, enumerable, resolving, depth + 1);
            }

            if (ModifiedQuery(invocation, types) is { } modified)
            {
                return Resolve(modified, types, enumerable, resolving, depth + 1);
            }

            if (PassedThroughSource(invocation, types) is { } source)
            {
                return Resolve(source, types, enumerable, resolving, depth + 1);
            }

            // A method of the application returning a query: a repository's Query(), an extension method over a DbSet.
            return ResolveApplicationCall(invocation, types, enumerable, resolving, depth);
        }

        /// <summary>
        /// <c>queryable = modifier.Invoke(queryable)</c> or <c>modifier(queryable)</c>: a delegate that takes a query and returns
        /// a query (<c>Func&lt;IQueryable&lt;T&gt;, IQueryable&lt;T&gt;&gt;</c>, a query modifier a service is configured with) composes the
        /// query it is given (docs/concepts.md#ef-query; found in LANCommander's base service, whose every read applied its
        /// modifiers so). The query argument, or null for any other call.
        /// </summary>
        private static IOperation? ModifiedQuery(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.DelegateInvoke || invocation.Arguments.Length != 1 || !types.IsQueryable(method.ReturnType))
            {
                return null;
            }

            var argument = invocation.Arguments[0].Value;
            return types.IsQueryable(argument.WalkDownConversion().Type) ? argument : null;
        }

        /// <summary>
        /// <c>query.If(noTracking, q =&gt; q.AsNoTracking())</c> over <c>TSource If&lt;TSource&gt;(this TSource source, bool
        /// condition, Func&lt;TSource, TSource&gt; filter) where TSource : IQueryable</c>: a generic method that returns the type of
        /// its first parameter, constrained to a query, and takes no other value of that type, can only hand back that
        /// source or a composition of it, so it is read from its declaration without a level of the walk
        /// (docs/concepts.md#ef-query; found in OoS-Backend's base repository, whose every <c>Get</c> ends so). The source
        /// argument, or null for any other call.
        /// </summary>
        private static IOperation? PassedThroughSource(IInvocationOperation invocation, SemanticContext types)
        {
            var definition = invocation.TargetMethod.OriginalDefinition;
            if (!definition.IsGenericMethod || definition.Parameters.Length == 0
                || definition.ReturnType is not ITypeParameterSymbol returned
                || !SymbolEqualityComparer.Default.Equals(definition.Parameters[0].Type, returned)
                || !IsConstrainedToAQuery(returned, types))
            {
                return null;
            }

            for (var i = 1; i < definition.Parameters.Length; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(definition.Parameters[i].Type, returned))
                {
                    return null;
                }
            }

            return invocation.ArgumentFor(0);

            static bool IsConstrainedToAQuery(ITypeParameterSymbol parameter, SemanticContext types)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (types.IsQueryable(constraint))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// <c>spec.Includes.Aggregate(query, (current, include) =&gt; current.Include(include))</c>: a specification evaluator
        /// applying its includes one by one returns the seed query, composed (found in aspnetrun-realworld's evaluator, which
        /// hid every query of its repository). The seed, when the call folds into an <c>IQueryable</c>; otherwise null.
        /// </summary>
        private static IOperation? AggregateSeed(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "Aggregate" || !SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.Enumerable)
                || !types.IsQueryable(method.ReturnType))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "seed")
                {
                    return argument.Value;
                }
            }

            return null;
        }

        // A method of its own: the lambda captures the parameters, and a lambda in ResolveInvocation would be allocated
        // on every call, before any of the cheaper answers above returns.
        private static EfQueryRoot ResolveApplicationCall(IInvocationOperation invocation, SemanticContext types, bool enumerable, LocalChain? resolving, int depth)
            => QueryProvenance.ResolveCall(invocation, types, argument => Resolve(argument, types, enumerable, resolving, depth + 1));

        private static EfQueryRoot ResolveLocal(ILocalReferenceOperation reference, SemanticContext types, bool enumerable, LocalChain? resolving, int depth)
        {
            for (var link = resolving; link != null; link = link.Next)
            {
                if (SymbolEqualityComparer.Default.Equals(link.Local, reference.Local))
                {
                    // q = q.Where(..): consistent with whatever the other writes say.
                    return EfQueryRoot.DbSet;
                }
            }

            var chain = new LocalChain(reference.Local, resolving);
            var result = EfQueryRoot.None;
            var sawRealWrite = false;
            foreach (var write in EnumerateWrites(reference))
            {
                if (write == null)
                {
                    return EfQueryRoot.None;
                }

                // IQueryable<T> q = null; then a query in each branch (found in Roadie): executed, the value is one of the queries.
                if (write.ConstantValue is { HasValue: true, Value: null } || write.WalkDownConversion() is IDefaultValueOperation)
                {
                    continue;
                }

                var root = Resolve(write, types, enumerable, chain, depth + 1);
                if (root == EfQueryRoot.None)
                {
                    return EfQueryRoot.None;
                }

                if (!IsSelfReference(write, reference.Local) && !sawRealWrite)
                {
                    sawRealWrite = true;
                    result = root;
                }
            }

            return sawRealWrite ? result : EfQueryRoot.None;
        }

        private static bool IsSelfReference(IOperation write, ILocalSymbol local)
        {
            foreach (var descendant in write.DescendantsAndSelf())
            {
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every value written to the local in its method; a null element means a write we cannot follow (ref/out, compound, deconstruction).</summary>
        private static System.Collections.Generic.IEnumerable<IOperation?> EnumerateWrites(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            if (local.IsRef)
            {
                yield return null;
                yield break;
            }

            foreach (var operation in OperationTreeIndex.For(reference).Occurrences(local))
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        var initializer = declarator.GetVariableInitializer();
                        if (initializer != null)
                        {
                            yield return initializer.Value;
                        }

                        break;
                    case ILocalReferenceOperation localReference:
                        var parent = localReference.Parent;
                        if (parent is ISimpleAssignmentOperation assignment && assignment.Target == localReference)
                        {
                            yield return assignment.Value;
                        }
                        else if (parent is IAssignmentOperation other && other.Target == localReference)
                        {
                            yield return null;
                        }
                        else if (parent is IArgumentOperation argument && argument.Parameter != null && argument.Parameter.RefKind != RefKind.None && argument.Parameter.RefKind != RefKind.In)
                        {
                            yield return null;
                        }
                        else if (localReference.IsDeclaration || parent is ITupleOperation || parent is IDeclarationExpressionOperation)
                        {
                            yield return null;
                        }

                        break;
                }
            }
        }

        private static bool IsAsEnumerable(IMethodSymbol method, SemanticContext types)
            => (method.Name == "AsEnumerable" || method.Name == "AsAsyncEnumerable")
            && (SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.Enumerable)
                || SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.Queryable)
                || SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.EntityFrameworkQueryableExtensions)
                || SymbolFacts.Is(method.ContainingType?.OriginalDefinition, types.AsyncEnumerable)
                || types.IsDbSet(method.ContainingType));

        private static bool IsExecutingName(string name)
        {
            var baseName = NameWords.WithoutAsyncSuffix(name);
            return MaterialiseNames.Contains(baseName) || ElementNames.Contains(baseName) || AggregateNames.Contains(baseName);
        }

        private sealed class LocalChain
        {
            public LocalChain(ILocalSymbol local, LocalChain? next)
            {
                Local = local;
                Next = next;
            }

            public ILocalSymbol Local { get; }

            public LocalChain? Next { get; }
        }
    }
}
