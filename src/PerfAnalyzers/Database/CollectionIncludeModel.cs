using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>Two collection navigations an executed EF query loads side by side (docs/rules/PERF108.md).</summary>
    internal sealed class CartesianInclude
    {
        public CartesianInclude(EfExecution execution, string first, string second, IOperation splitTarget, string autoIncludedNote)
        {
            Execution = execution;
            First = first;
            Second = second;
            SplitTarget = splitTarget;
            AutoIncludedNote = autoIncludedNote;
        }

        public EfExecution Execution { get; }

        /// <summary>The navigation paths, dotted (<c>Posts</c>, <c>Posts.Tags</c>).</summary>
        public string First { get; }

        public string Second { get; }

        /// <summary>The IQueryable expression after which the fix appends <c>.AsSplitQuery()</c>.</summary>
        public IOperation SplitTarget { get; }

        /// <summary>Which of the two the model auto-includes, for the message (empty when neither).</summary>
        public string AutoIncludedNote { get; }
    }

    /// <summary>
    /// The Include/ThenInclude chains of an executed EF query, as navigation paths, and whether two collection
    /// navigations of them are loaded side by side (neither path is a prefix of the other) in one SQL query.
    /// </summary>
    internal static class CollectionIncludeModel
    {
        private static readonly PerTreeFlag SplittingDefaultTrees = new PerTreeFlag(SetsSplittingDefault);

        // Include(..) and Include<TEntity, TProperty>(..) with explicit type arguments, as InvokedNames keeps them.
        private static readonly string[] IncludeNames = { "Include", "Include" + InvokedNames.GenericSuffix };

        private static readonly PerTreeFact<MemberIncludeCount[]> MembersCallingInclude = new PerTreeFact<MemberIncludeCount[]>(FindMembersCallingInclude);

        /// <summary>
        /// How many times the member that holds <paramref name="node"/> calls <c>Include</c> (0 for none): a query can load
        /// two collection paths only with two such calls, or with auto-included navigations of the model beside them
        /// (docs/rules/PERF108.md), since a path starts at an <c>Include</c> written in the method that executes the query
        /// or in a local of that method. A syntactic count, once per tree, so that the rule classifies only the calls of
        /// such members.
        /// </summary>
        public static int IncludeCallsAround(SyntaxNode node, CancellationToken cancellationToken)
        {
            // The innermost member: a type (for a call in its base list) also contains its methods.
            var position = node.SpanStart;
            var count = 0;
            var innermost = int.MaxValue;
            foreach (var member in MembersCallingInclude.Get(node.SyntaxTree, cancellationToken))
            {
                if (member.Span.Contains(position) && member.Span.Length < innermost)
                {
                    innermost = member.Span.Length;
                    count = member.Count;
                }
            }

            return count;
        }

        private static MemberIncludeCount[] FindMembersCallingInclude(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // The lexical scan every rule shares rules out most files without visiting their syntax.
            if (!InvokedNames.MayInvokeAny(tree, IncludeNames, cancellationToken))
            {
                return Array.Empty<MemberIncludeCount>();
            }

            // Found from where the text spells Include: only the nodes on the way to each call are built, not the
            // whole tree's (a build analyses a file while the compiler has bound only some of its members).
            var includeCalls = new Dictionary<SyntaxNode, int>();
            foreach (var invocation in InvocationSearch.Find(tree, "Include", cancellationToken))
            {
                var member = EnclosingMember(invocation);
                includeCalls[member] = includeCalls.TryGetValue(member, out var count) ? count + 1 : 1;
            }

            var members = new MemberIncludeCount[includeCalls.Count];
            var next = 0;
            foreach (var pair in includeCalls)
            {
                members[next++] = new MemberIncludeCount(pair.Key.Span, pair.Value);
            }

            return members;
        }

        private readonly struct MemberIncludeCount
        {
            public MemberIncludeCount(TextSpan span, int count)
            {
                Span = span;
                Count = count;
            }

            public TextSpan Span { get; }

            public int Count { get; }
        }

        /// <summary>
        /// The member whose body holds <paramref name="node"/>: a method, accessor's property, field or event initializer,
        /// or a type (for a call in its base list). Top-level statements share their locals, so they count as one member:
        /// the file.
        /// </summary>
        private static SyntaxNode EnclosingMember(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is GlobalStatementSyntax)
                {
                    return node.SyntaxTree.GetRoot();
                }

                if (current is MemberDeclarationSyntax)
                {
                    return current;
                }
            }

            return node.SyntaxTree.GetRoot();
        }

        /// <summary>
        /// <c>db.Accounts.Include(a =&gt; a.Charges).Include(a =&gt; a.Tenants).ToListWithNoLockAsync()</c>: a method of the
        /// application that runs the query it is given (docs/concepts.md#executing-an-ef-query, "Through a call") with an
        /// operator that copies it into a collection or returns one element executes the caller's query, includes and all
        /// (found in a council's finance data migration, whose helper reads under a no-lock transaction). Only a call given
        /// an EF query; the helper's own operators are not read. ToLookup is not read through a helper.
        /// </summary>
        private static bool TryGetRunByAHelper(IOperation operation, SemanticContext types, out EfExecution execution)
        {
            execution = default;
            if (operation is not IInvocationOperation { TargetMethod: var helper } call
                || helper.DeclaringSyntaxReferences.IsEmpty
                || !HandsOverAQueryable(call, types)
                || RunSummary.Queries.GivenQueryRunBy(helper, types, out var executing) is not (>= 0 and var ordinal)
                || HelperExecutionKind(executing) is not { } kind
                || call.ArgumentFor(ordinal) is not { } given
                || !EfQueryModel.IsEfQuery(given, types))
            {
                return false;
            }

            var query = given.WalkDownConversion();
            execution = new EfExecution(call, query, helper.Name, types.IsTaskLike(helper.ReturnType), kind, EfQueryModel.GetRoot(query, types));
            return true;
        }

        // The helper's executing operator, in the shared LINQ vocabulary (its Async form too).
        private static EfExecutionKind? HelperExecutionKind(string executing)
        {
            if (executing is "foreach" or "await foreach")
            {
                return EfExecutionKind.Enumerate;
            }

            var name = NameWords.WithoutAsyncSuffix(executing);
            return LinqOperators.FirstSingleLast.Contains(name) ? EfExecutionKind.Element
                : LinqOperators.ToCollection.Contains(name) && name != "ToLookup" ? EfExecutionKind.Materialise
                : null;
        }

        // Cheap first: most calls of the application's methods hand over no query, and summarising one binds its body.
        private static bool HandsOverAQueryable(IInvocationOperation call, SemanticContext types)
        {
            foreach (var argument in call.Arguments)
            {
                if (types.IsQueryable(argument.Value.WalkDownConversion().Type))
                {
                    return true;
                }
            }

            return false;
        }

        private const int MaxIncludingHelpers = 3;

        /// <summary>
        /// The Cartesian include of <paramref name="operation"/> (an invocation or a foreach loop), or null.
        /// <paramref name="autoIncludes"/> is asked only for a query of a <c>DbSet</c> written in the method, and
        /// <paramref name="splitByDefault"/> last, only for a query that would be reported.
        /// </summary>
        public static CartesianInclude? TryFind(IOperation operation, SemanticContext types, Func<CancellationToken, AutoIncludedNavigations> autoIncludes, Func<CancellationToken, bool> splitByDefault, CancellationToken cancellationToken)
        {
            if ((!EfQueryModel.TryGetExecution(operation, types, out var execution) && !TryGetRunByAHelper(operation, types, out execution))
                || !(execution.Kind is EfExecutionKind.Materialise or EfExecutionKind.Element or EfExecutionKind.Enumerate)
                || execution.Query == null)
            {
                return null;
            }

            // Enumerated through AsEnumerable and in-memory operators: the includes are on the EF query under them.
            var target = SplitTarget(execution, types);
            if (target == null)
            {
                return null;
            }

            // Through a local composed again under a condition (q = q.Include(..)): an Include on one path loads there.
            var operators = EfQueryModel.GetOperatorsOfEveryComposition(target, types, out var root);

            // Through the application's own extensions that compose a query of the same type (WhereIf(..)), and methods or
            // properties of the same file that hand out the query with its includes (GetHomeworksBase(request).ToListAsync()),
            // up to three, each starting at the next (a banner query built on a basic-information query that states
            // AsSplitQuery(), found in a TB surveillance service): their operators come before the caller's.
            var helpersFollowed = 0;
            for (var step = 0; root != null && step < MaxComposingSteps; step++)
            {
                IOperation? next;
                if (SourceOfAComposingExtension(root, types) is { } source)
                {
                    next = source;
                }
                else if (helpersFollowed < MaxIncludingHelpers && IncludingHelperQuery(root, types, cancellationToken) is { } handedOut)
                {
                    next = handedOut;
                    helpersFollowed++;
                }
                else
                {
                    break;
                }

                operators = operators.AddRange(EfQueryModel.GetOperatorsOfEveryComposition(next, types, out root));
            }

            // Innermost first: the order in which EF applies them.
            var chains = new List<List<IPropertySymbol>?>();
            var projected = false;
            var autoIncludesIgnored = false;
            for (var i = operators.Length - 1; i >= 0; i--)
            {
                var invocation = operators[i];
                var method = invocation.TargetMethod;
                var containing = method.ContainingType?.OriginalDefinition;
                if ((method.Name == "AsSplitQuery" || method.Name == "AsSingleQuery") && SymbolFacts.Is(containing, types.RelationalQueryableExtensions))
                {
                    // Stated explicitly either way: the developer chose.
                    return null;
                }

                if (IsProjection(method.Name) && !ProjectsTheEntityItself(invocation))
                {
                    // Includes before a projection are ignored by EF Core.
                    chains.Clear();
                    projected = true;
                    continue;
                }

                if (!SymbolFacts.Is(containing, types.EntityFrameworkQueryableExtensions))
                {
                    continue;
                }

                if (method.Name == "Include")
                {
                    chains.Add(IncludePath(invocation, method));
                }
                else if (method.Name == "ThenInclude" && chains.Count > 0)
                {
                    var last = chains[chains.Count - 1];
                    var tail = LambdaPath(invocation);
                    chains[chains.Count - 1] = last == null || tail == null ? null : Concat(last, tail);
                }
                else if (method.Name == "IgnoreAutoIncludes")
                {
                    autoIncludesIgnored = true;
                }
            }

            var collectionPaths = new List<string[]>();
            foreach (var chain in chains)
            {
                if (chain == null)
                {
                    continue;
                }

                for (var length = 1; length <= chain.Count; length++)
                {
                    if (IsCollection(chain[length - 1].Type))
                    {
                        var path = new string[length];
                        for (var s = 0; s < length; s++)
                        {
                            path[s] = chain[s].Name;
                        }

                        collectionPaths.Add(path);
                    }
                }
            }

            // The model's auto-includes load with every query of the entity, unless a projection or IgnoreAutoIncludes
            // drops them. Read only where the query's DbSet is in sight: a query handed out by another method may
            // already ignore them there.
            var autoIncluded = projected || autoIncludesIgnored || root == null ? null : AutoIncludedCollections(root, types, autoIncludes, cancellationToken);
            if (autoIncluded != null)
            {
                foreach (var navigation in autoIncluded)
                {
                    collectionPaths.Add(new[] { navigation });
                }
            }

            // Only the deepest paths: Posts.Comments beside Tags rather than Posts beside Tags; the longest first, so the
            // message names the two deepest of many (Remotely's user deletion includes six).
            collectionPaths.RemoveAll(path => collectionPaths.Exists(other => other.Length > path.Length && IsPrefix(path, other)));
            if (collectionPaths.Count > 2)
            {
                collectionPaths = collectionPaths.OrderByDescending(path => path.Length).ToList();
            }
            for (var a = 0; a < collectionPaths.Count; a++)
            {
                for (var b = a + 1; b < collectionPaths.Count; b++)
                {
                    if (!IsPrefix(collectionPaths[a], collectionPaths[b]) && !IsPrefix(collectionPaths[b], collectionPaths[a]))
                    {
                        return splitByDefault(cancellationToken)
                            ? null
                            : new CartesianInclude(execution, string.Join(".", collectionPaths[a]), string.Join(".", collectionPaths[b]), target, AutoIncludedNote(collectionPaths[a], collectionPaths[b], chains, autoIncluded));
                    }
                }
            }

            return null;
        }

        // Extensions and the one helper followed under a query's operators.
        private const int MaxComposingSteps = 6;

        /// <summary>
        /// <c>source.WhereIf(condition, predicate)</c>: an extension method of the application over a query that returns a
        /// query of the same type (or such a member of an extension block) composes its source, and the includes under it
        /// still load; so does another method of the application given exactly one query, of the type it returns
        /// (<c>filter.Apply(query)</c>). The source, or null.
        /// </summary>
        private static IOperation? SourceOfAComposingExtension(IOperation root, SemanticContext types)
        {
            // The same written as a member of a C# 14 extension block: extension(IQueryable<Blog> source) { .. WhereIf(..) }.
            if (root.UnwrapValue() is IInvocationOperation { Instance: { } receiver, TargetMethod: var member }
                && SymbolFacts.IsExtensionBlockInstanceMember(member))
            {
                return types.IsQueryable(member.ReturnType)
                    && SymbolEqualityComparer.Default.Equals(member.ReturnType, receiver.Type)
                    && types.IsDeclaredByApplication(member.OriginalDefinition)
                    ? receiver
                    : null;
            }

            if (root.UnwrapValue() is not IInvocationOperation { TargetMethod: var method } call
                || method.Parameters.Length == 0
                || !types.IsQueryable(method.ReturnType)
                || !types.IsDeclaredByApplication(method.OriginalDefinition))
            {
                return null;
            }

            if (method.IsExtensionMethod)
            {
                return SymbolEqualityComparer.Default.Equals(method.ReturnType, method.Parameters[0].Type) ? call.ArgumentFor(0) : null;
            }

            // Any other method of the application given one query of the type it returns, and no other query: a report's
            // filter object that composes the query handed to it (query.Apply(baseQuery), found in a forestry licensing
            // service whose report query includes eleven navigations).
            var given = -1;
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                if (types.IsQueryable(method.Parameters[i].Type))
                {
                    if (given >= 0 || !SymbolEqualityComparer.Default.Equals(method.ReturnType, method.Parameters[i].Type))
                    {
                        return null;
                    }

                    given = i;
                }
            }

            return given >= 0 ? call.ArgumentFor(given) : null;
        }

        /// <summary>
        /// True when a member of the tree calls <c>Include</c> twice or more: a query executed in another member of the
        /// same file may start at it (<see cref="IncludingHelperQuery"/>). Read from the per-tree count.
        /// </summary>
        public static bool TreeHasAMemberIncludingTwice(SyntaxTree tree, CancellationToken cancellationToken)
        {
            foreach (var member in MembersCallingInclude.Get(tree, cancellationToken))
            {
                if (member.Count >= 2)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The query a method or property declared in the same file returns when a query starts at a call of it (on this
        /// object, or static) and its whole body is one expression that calls <c>Include</c> (<c>private IQueryable&lt;Homework&gt; GetHomeworksBase(..) =&gt;
        /// db.Homeworks.Include(..).Include(..).Where(..)</c>, found in WhatBackend's repositories): bound from
        /// its declaration; asked again for the query that one starts at. Null for anything else.
        /// </summary>
        private static IOperation? IncludingHelperQuery(IOperation root, SemanticContext types, CancellationToken cancellationToken)
        {
            ISymbol? member = root.UnwrapValue() switch
            {
                IInvocationOperation { Instance: null or IInstanceReferenceOperation } call => call.TargetMethod,
                IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
                _ => null,
            };
            if (member == null || member.IsAbstract || member.DeclaringSyntaxReferences.Length != 1
                || member.DeclaringSyntaxReferences[0].SyntaxTree != root.Syntax.SyntaxTree)
            {
                return null;
            }

            var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var returned = declaration switch
            {
                MethodDeclarationSyntax method => DeclarationSyntax.SoleExpressionOf(method),
                PropertyDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
                _ => null,
            };
            // The member is that one expression: the per-file count of its Include calls tells.
            if (returned == null || IncludeCallsAround(returned, cancellationToken) == 0)
            {
                return null;
            }

            // The tree being analysed; its model is asked for the declaration's operation only.
#pragma warning disable RS1030
            var model = types.Compilation.GetSemanticModel(returned.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(returned, cancellationToken);
        }

        /// <summary>
        /// The collection navigations the model auto-includes on the entity of a query whose root is a <c>DbSet</c> (or
        /// <c>Set&lt;T&gt;()</c>) reached through query operators and locals of this method; null for any other root.
        /// </summary>
        private static List<string>? AutoIncludedCollections(IOperation root, SemanticContext types, Func<CancellationToken, AutoIncludedNavigations> autoIncludes, CancellationToken cancellationToken)
        {
            // A DbSet<T> (property, field, local, parameter) or DbContext.Set<T>().
            if (root.UnwrapValue().Type is not INamedTypeSymbol { TypeArguments.Length: 1 } set || !types.IsDbSet(set))
            {
                return null;
            }

            var navigations = autoIncludes(cancellationToken);
            if (navigations.MostPerEntity == 0)
            {
                return null;
            }

            var entity = set.TypeArguments[0];
            List<string>? collections = null;
            foreach (var name in navigations.Of(entity))
            {
                if (FindProperty(entity, name) is { } property && IsCollection(property.Type))
                {
                    (collections ??= new List<string>()).Add(name);
                }
            }

            return collections;
        }

        /// <summary>
        /// The part of the message that says which of the two navigations the model auto-includes (and no Include of
        /// the query names): empty when none does.
        /// </summary>
        private static string AutoIncludedNote(string[] first, string[] second, List<List<IPropertySymbol>?> chains, List<string>? autoIncluded)
        {
            if (autoIncluded == null)
            {
                return string.Empty;
            }

            var firstAuto = first.Length == 1 && autoIncluded.Contains(first[0]) && !Included(first[0], chains);
            var secondAuto = second.Length == 1 && autoIncluded.Contains(second[0]) && !Included(second[0], chains);
            return firstAuto && secondAuto ? " (both auto-included by the model)"
                : firstAuto ? $" ('{first[0]}' is auto-included by the model)"
                : secondAuto ? $" ('{second[0]}' is auto-included by the model)"
                : string.Empty;
        }

        private static bool Included(string navigation, List<List<IPropertySymbol>?> chains)
        {
            foreach (var chain in chains)
            {
                if (chain != null && chain.Count > 0 && chain[0].Name == navigation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when some source file calls <c>UseQuerySplittingBehavior(..)</c>: with <c>SplitQuery</c> every query of that
        /// context splits by default; with <c>SingleQuery</c> (or a value the syntax does not show) the team chose one
        /// query per load for the whole context, as <c>AsSingleQuery()</c> does for one query, and EF Core itself no longer
        /// warns about multiple collection includes (found in a council's bonus calculator). A syntactic fact cached per
        /// syntax tree, so an edit rescans one file.
        /// </summary>
        public static bool HasSplittingDefault(Compilation compilation, CancellationToken cancellationToken) => SplittingDefaultTrees.AnyTree(compilation, cancellationToken);

        // The relational providers' configuration calls, where a query-splitting default would be set.
        private static readonly string[] ProviderConfigurationNames =
        {
            "UseSqlServer", "UseAzureSql", "UseAzureSynapse", "UseSqlite", "UseNpgsql", "UseMySql", "UseMySQL", "UseOracle",
            "UseJet", "UseFirebird", "UseQuerySplittingBehavior",
        };

        private static readonly PerTreeFlag ProviderConfigurationTrees = new PerTreeFlag(
            (tree, cancellationToken) => InvokedNames.MayInvokeAny(tree, ProviderConfigurationNames, cancellationToken));

        /// <summary>
        /// Whether a file of the compilation configures a relational provider (<c>UseSqlServer(..)</c>, <c>UseSqlite(..)</c> ..),
        /// where a split-query default would be written: without one, the contexts are configured in another project (the
        /// host's <c>AddDbContext</c>), whose default the rule cannot see, and it stays silent (found in ErsatzTV, which
        /// splits every query in its host project). Lexical, once per file.
        /// </summary>
        public static bool ConfiguresAProvider(Compilation compilation, CancellationToken cancellationToken) => ProviderConfigurationTrees.AnyTree(compilation, cancellationToken);

        private static bool SetsSplittingDefault(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!TextMarker.UseQuerySplittingBehavior.OccursIn(tree, cancellationToken))
            {
                return false;
            }

            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "UseQuerySplittingBehavior"
                    && token.Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { ArgumentList.Arguments.Count: > 0 })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The query expression to split: the executed query, or, when it is enumerated through AsEnumerable /
        /// AsAsyncEnumerable and in-memory operators, the EF query under them. Null when that is not an IQueryable.
        /// </summary>
        private static IOperation? SplitTarget(EfExecution execution, SemanticContext types)
        {
            var current = execution.Query;
            for (var depth = 0; current != null && depth < 32; depth++)
            {
                current = current.WalkDownConversion();
                if (types.IsQueryable(current.Type))
                {
                    return current;
                }

                current = current is IInvocationOperation invocation ? EfQueryModel.GetSource(invocation) : null;
            }

            return null;
        }

        private static List<IPropertySymbol>? IncludePath(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (invocation.Arguments.Length != 2)
            {
                return null;
            }

            var argument = invocation.Arguments[1].Value.WalkDownConversion();
            if (argument.Type?.SpecialType == SpecialType.System_String)
            {
                return argument.ConstantValue.HasValue && argument.ConstantValue.Value is string text && method.TypeArguments.Length > 0
                    ? StringPath(method.TypeArguments[0], text)
                    : null;
            }

            return LambdaPath(invocation);
        }

        /// <summary><c>"Posts.Author"</c> resolved on the entity type, property by property.</summary>
        private static List<IPropertySymbol>? StringPath(ITypeSymbol entity, string text)
        {
            var path = new List<IPropertySymbol>();
            var current = entity;
            foreach (var segment in text.Split('.'))
            {
                var property = FindProperty(current, segment.Trim());
                if (property == null)
                {
                    return null;
                }

                path.Add(property);
                current = SymbolFacts.SequenceElementType(property.Type) ?? property.Type;
            }

            return path.Count == 0 ? null : path;
        }

        /// <summary><c>b => b.Owner.Posts</c>, also filtered (<c>b => b.Posts.Where(..).OrderBy(..)</c>) and with casts.</summary>
        private static List<IPropertySymbol>? LambdaPath(IInvocationOperation invocation)
        {
            if (invocation.Arguments.Length != 2)
            {
                return null;
            }

            IAnonymousFunctionOperation? lambda = null;
            foreach (var descendant in invocation.Arguments[1].Value.DescendantsAndSelf())
            {
                if (descendant is IAnonymousFunctionOperation function)
                {
                    lambda = function;
                    break;
                }
            }

            if (lambda == null || lambda.Body.Operations.Length != 1 || !(lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } body }))
            {
                return null;
            }

            var reversed = new List<IPropertySymbol>();
            var current = body;
            for (var depth = 0; depth < 32; depth++)
            {
                current = current.WalkDownConversion();
                switch (current)
                {
                    case IPropertyReferenceOperation property when property.Instance != null:
                        reversed.Add(property.Property);
                        current = property.Instance;
                        continue;
                    case IInvocationOperation filter when filter.TargetMethod.IsExtensionMethod && filter.Arguments.Length > 0 && reversed.Count == 0:
                        // Filtered include: Where/OrderBy/Skip/Take over the navigation.
                        current = filter.Arguments[0].Value;
                        continue;
                    case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter, lambda.Symbol.Parameters.FirstOrDefault()):
                        if (reversed.Count == 0)
                        {
                            return null;
                        }

                        reversed.Reverse();
                        return reversed;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static IParameterSymbol? FirstOrDefault(this ImmutableArray<IParameterSymbol> parameters) => parameters.IsDefaultOrEmpty ? null : parameters[0];

        private static List<IPropertySymbol> Concat(List<IPropertySymbol> head, List<IPropertySymbol> tail)
        {
            var result = new List<IPropertySymbol>(head.Count + tail.Count);
            result.AddRange(head);
            result.AddRange(tail);
            return result;
        }

        private static IPropertySymbol? FindProperty(ITypeSymbol type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol property && !property.IsStatic)
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>True for a navigation whose type is a collection (any IEnumerable but string).</summary>
        private static bool IsCollection(ITypeSymbol type) => SymbolFacts.SequenceElementType(type) != null;

        private static bool IsPrefix(string[] prefix, string[] path)
        {
            if (prefix.Length > path.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (!string.Equals(prefix[i], path[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>Select(show =&gt; new ShowDto(show))</c>: the projection hands on the entity itself (an argument, a member
        /// initializer's value, the result), so EF Core materialises it with its includes, one statement joining every
        /// included collection (found in dotnet-podcasts, checked with <c>ToQueryString</c> on EF Core 10).
        /// <c>Select(b =&gt; b.Name)</c> reads members of the entity only and drops the includes.
        /// </summary>
        private static bool ProjectsTheEntityItself(IInvocationOperation select)
        {
            if (select.TargetMethod.Name != "Select" || select.Arguments.Length != 2)
            {
                return false;
            }

            // An expression tree (Queryable.Select) is a conversion of the lambda; a delegate wraps it in a creation.
            var selector = select.Arguments[1].Value.WalkDownConversion();
            if ((selector is IDelegateCreationOperation creation ? creation.Target : selector) is not IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda)
            {
                return false;
            }

            var entity = lambda.Symbol.Parameters[0];
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, entity)
                    && reference.Parent is IArgumentOperation or IReturnOperation or ISimpleAssignmentOperation or IConversionOperation { Parent: IArgumentOperation or IReturnOperation or ISimpleAssignmentOperation })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsProjection(string name)
            => name is "Select" or "SelectMany" or "ProjectTo" or "ProjectToType" or "GroupBy" or "Join" or "GroupJoin" or "LeftJoin" or "RightJoin" or "Zip" or "Cast" or "OfType";
    }
}
