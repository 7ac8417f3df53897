using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>A navigation read on the loop variable, traced back to the EF query that produced the entities.</summary>
    internal sealed class NavigationUse
    {
        public NavigationUse(IOperation query, IOperation outermostCollection, ImmutableArray<IPropertySymbol> path)
        {
            Query = query;
            OutermostCollection = outermostCollection;
            Path = path;
        }

        /// <summary>The EF query the entities were loaded by.</summary>
        public IOperation Query { get; }

        /// <summary>The collection of the outermost loop (the query itself, or a local list materialised from it).</summary>
        public IOperation OutermostCollection { get; }

        /// <summary>The navigations from the query's entity to the one read: <c>Posts</c>, <c>Author</c> for <c>blog.Posts</c> → <c>post.Author</c>.</summary>
        public ImmutableArray<IPropertySymbol> Path { get; }

        public string PathText
        {
            get
            {
                var builder = new StringBuilder();
                foreach (var property in Path)
                {
                    builder.Append(builder.Length == 0 ? "" : ".").Append(property.Name);
                }

                return builder.ToString();
            }
        }
    }

    /// <summary>
    /// PERF102's model: which navigations are lazy-loadable (virtual with UseLazyLoadingProxies in the compilation, or an
    /// entity that takes an ILazyLoader / Action&lt;object, string&gt; loader), and whether the query a looped entity came
    /// from includes the navigation read.
    /// </summary>
    internal enum LazyLoading
    {
        Never,
        Always,
        WithProxies,
    }

    internal static class LazyNavigationModel
    {
        private const int MaxDepth = 8;

        /// <summary>
        /// Whether reading <paramref name="property"/> can trigger a lazy load: always (the entity takes a loader), only
        /// when the context uses proxies (a virtual navigation), or never. Asking about proxies is left to the caller,
        /// as it needs a compilation-wide fact.
        /// </summary>
        public static LazyLoading GetLazyLoading(IPropertySymbol property, SemanticContext types)
        {
            if (!MayBeNavigation(property, types))
            {
                return LazyLoading.Never;
            }

            var answers = AnswersFor.For(types);
            return answers.TryGetValue(property, out var known) ? known : answers.Store(property, Compute(property, types));
        }

        /// <summary>
        /// False for a property that cannot be a navigation, from the symbol alone: every property read of the project is
        /// asked. A navigation is declared on an entity class of the application (in source, or in another project of the
        /// application), so a property of the framework or of a package (string.Length, List.Count, HttpContext.User) is
        /// ruled out by its assembly; so are strings, numbers and other value types.
        /// </summary>
        public static bool MayBeNavigation(IPropertySymbol property, SemanticContext types)
            => !property.IsStatic && MayBeNavigationType(property.Type) && types.IsDeclaredByApplication(property);

        /// <summary>
        /// <see cref="MayBeNavigation(IPropertySymbol, SemanticContext)"/> for a read of the property, asked of every
        /// property read of the project: the type comes from the read, built with the operation tree, and rules out most
        /// reads (strings, numbers, dates) before the symbol is asked anything. In nullable-enabled source a property
        /// symbol's <c>Type</c> builds a new public symbol per call (it carries the property's nullable annotation), and
        /// profiles of builds put that among the larger pieces of PERF102's own time.
        /// </summary>
        public static bool MayBeNavigation(IPropertyReferenceOperation read, SemanticContext types)
            => !read.Property.IsStatic && MayBeNavigationType(read.Type ?? read.Property.Type) && types.IsDeclaredByApplication(read.Property);

        private static bool MayBeNavigationType(ITypeSymbol type)
            => type.SpecialType == SpecialType.None && !type.IsValueType && type.TypeKind != TypeKind.TypeParameter;

        private static readonly PerCompilationAnswers<IPropertySymbol, LazyLoading> AnswersFor =
            new PerCompilationAnswers<IPropertySymbol, LazyLoading>(slotsPerTree: 16, comparer: SymbolEqualityComparer.Default);

        private static LazyLoading Compute(IPropertySymbol property, SemanticContext types)
        {
            if (!IsNavigationType(property.Type, types))
            {
                return LazyLoading.Never;
            }

            if (HasLoader(property.ContainingType, types))
            {
                return LazyLoading.Always;
            }

            return (property.IsVirtual || property.IsOverride) && !property.IsSealed ? LazyLoading.WithProxies : LazyLoading.Never;
        }

        /// <summary>Resolves the read of <paramref name="navigation"/> on a loop variable back to its EF query.</summary>
        public static NavigationUse? TryResolve(IPropertyReferenceOperation navigation, SemanticContext types)
        {
            var instance = navigation.Instance?.WalkDownConversion();
            if (instance == null || !LoopModel.TryGetEnclosingLoop(navigation, types, out var loop) || loop == null)
            {
                return null;
            }

            IOperation? collection;
            if (instance.IsReferenceTo(loop.IterationSymbol))
            {
                collection = GetCollection(loop);
            }
            else if (loop.Loop is IForLoopOperation && TryGetIndexedCollection(instance, loop.IterationSymbol, out var indexed))
            {
                // for (var i = 0; i < list.Count; i++) list[i].Navigation: the element of the list the loop indexes.
                collection = indexed;
            }
            else
            {
                return null;
            }

            var path = ImmutableArray.CreateBuilder<IPropertySymbol>();
            path.Add(navigation.Property);
            for (var depth = 0; collection != null && depth < MaxDepth; depth++)
            {
                collection = collection.WalkDownConversion();
                if (EfQueryModel.IsEfQuery(collection, types) || IsEnumerableOfQuery(collection, types))
                {
                    return Finish(collection, collection, path, types);
                }

                if (TryGetMaterialisedQuery(collection, types, out var materialised))
                {
                    return Finish(materialised!, collection, path, types);
                }

                if (collection is ILocalReferenceOperation local && EfQueryModel.TryGetSingleValue(local, out var value) && value != null)
                {
                    return TryGetMaterialisedQuery(value, types, out materialised) ? Finish(materialised!, collection, path, types) : null;
                }

                // foreach (var post in blog.Posts) inside foreach (var blog in query): follow the outer loop.
                if (collection is IPropertyReferenceOperation outerNavigation
                    && outerNavigation.Instance != null
                    && LoopModel.TryGetEnclosingLoop(outerNavigation, types, out var outer) && outer != null
                    && outerNavigation.Instance.WalkDownConversion().IsReferenceTo(outer.IterationSymbol))
                {
                    path.Insert(0, outerNavigation.Property);
                    collection = GetCollection(outer);
                    continue;
                }

                return null;
            }

            return null;
        }

        /// <summary><c>[await] query.ToList()</c> / ToArray / ToListAsync … of an EF query: gives the query.</summary>
        public static bool TryGetMaterialisedQuery(IOperation value, SemanticContext types, out IOperation? query)
        {
            query = null;
            value = value.WalkDownConversion();
            if (value is IAwaitOperation awaited)
            {
                value = awaited.Operation.WalkDownConversion();
            }

            if (EfQueryModel.TryGetExecution(value, types, out var execution)
                && execution.Kind == EfExecutionKind.Materialise
                && (execution.Name.StartsWith("ToList", StringComparison.Ordinal) || execution.Name.StartsWith("ToArray", StringComparison.Ordinal))
                && execution.Query != null
                && EfQueryModel.IsEfQuery(execution.Query, types))
            {
                query = execution.Query;
                return true;
            }

            return false;
        }

        private static NavigationUse? Finish(IOperation query, IOperation collection, ImmutableArray<IPropertySymbol>.Builder path, SemanticContext types)
        {
            var use = new NavigationUse(query, collection, path.ToImmutable());
            return IsIncluded(use, types) ? null : use;
        }

        /// <summary>True when an Include / ThenInclude chain (lambda or string) covers the path, or the query projects.</summary>
        private static bool IsIncluded(NavigationUse use, SemanticContext types)
        {
            var wanted = use.PathText;
            var operators = EfQueryModel.GetOperators(use.Query, types);
            string? current = null;
            for (var i = operators.Length - 1; i >= 0; i--)
            {
                var call = operators[i];
                var name = call.TargetMethod.Name;
                if (IsProjection(call))
                {
                    return true;
                }

                if (name != "Include" && name != "ThenInclude" || call.Arguments.Length < 2)
                {
                    continue;
                }

                var step = MemberPath(call.Arguments[1].Value);
                if (step == null)
                {
                    continue;
                }

                current = name == "Include" ? step : current + "." + step;
                if (current == wanted || current.StartsWith(wanted + ".", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Select / SelectMany / GroupBy / Join and a mapping library's <c>ProjectTo</c>, except the identity <c>select b</c>
        /// of query syntax.
        /// </summary>
        public static bool IsProjection(IInvocationOperation call)
        {
            var name = call.TargetMethod.Name;
            if (name == "Select" && call.Arguments.Length == 2)
            {
                var argument = call.Arguments[1].Value.WalkDownConversion();
                if (argument is IDelegateCreationOperation creation)
                {
                    argument = creation.Target;
                }

                return !(argument is IAnonymousFunctionOperation lambda
                    && lambda.Body.Operations.Length == 1
                    && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: IParameterReferenceOperation returned }
                    && SymbolEqualityComparer.Default.Equals(returned.Parameter, lambda.Symbol.Parameters[0]));
            }

            return name.StartsWith("Select", StringComparison.Ordinal) || name is "GroupBy" or "Join" or "GroupJoin" or "ProjectTo" or "ProjectToType";
        }

        /// <summary><c>x => x.A.B</c> gives "A.B"; a string literal gives itself.</summary>
        private static string? MemberPath(IOperation argument)
        {
            argument = argument.WalkDownConversion();
            if (argument.ConstantValue.HasValue && argument.ConstantValue.Value is string text)
            {
                return text;
            }

            if (argument is IDelegateCreationOperation creation)
            {
                argument = creation.Target;
            }

            if (argument is not IAnonymousFunctionOperation lambda || lambda.Body.Operations.Length != 1
                || !(lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }))
            {
                return null;
            }

            var result = "";
            for (var current = returned.WalkDownConversion(); current is IPropertyReferenceOperation property; current = property.Instance?.WalkDownConversion())
            {
                result = result.Length == 0 ? property.Property.Name : property.Property.Name + "." + result;
            }

            return result.Length == 0 ? null : result;
        }

        private static IOperation? GetCollection(LoopContext loop)
        {
            switch (loop.Loop)
            {
                case IForEachLoopOperation forEach:
                    return forEach.Collection;
                case IAnonymousFunctionOperation lambda when !loop.IsLoopOfCalledMethod:
                    var parent = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
                    return parent?.Parent is IInvocationOperation invocation
                        ? invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)
                        : null;
                default:
                    return null;
            }
        }

        private static bool IsEnumerableOfQuery(IOperation collection, SemanticContext types)
            => collection is IInvocationOperation invocation
            && (invocation.TargetMethod.Name == "AsEnumerable" || invocation.TargetMethod.Name == "AsAsyncEnumerable")
            && EfQueryModel.IsEfQuery(EfQueryModel.GetSource(invocation), types);

        /// <summary><c>list[i]</c> or <c>array[i]</c> where <c>i</c> is the for loop's counter: gives <c>list</c>.</summary>
        private static bool TryGetIndexedCollection(IOperation element, ISymbol? counter, out IOperation? collection)
        {
            collection = null;
            switch (element)
            {
                case IPropertyReferenceOperation { Property: { IsIndexer: true }, Arguments: { Length: 1 } arguments } indexer
                    when indexer.Instance != null && arguments[0].Value.WalkDownConversion().IsReferenceTo(counter):
                    collection = indexer.Instance;
                    return true;
                case IArrayElementReferenceOperation { Indices: { Length: 1 } indices } array
                    when indices[0].WalkDownConversion().IsReferenceTo(counter):
                    collection = array.ArrayReference;
                    return true;
                default:
                    return false;
            }
        }

        // Per entity type: every navigation of an entity asks, and GetMembers builds a new array of the type's members each time.
        private static readonly PerCompilationAnswers<INamedTypeSymbol, bool> TypesWithLoader =
            new PerCompilationAnswers<INamedTypeSymbol, bool>(slotsPerTree: 4, comparer: SymbolEqualityComparer.Default);

        private static bool HasLoader(INamedTypeSymbol type, SemanticContext types)
        {
            var answers = TypesWithLoader.For(types);
            return answers.TryGetValue(type, out var known) ? known : answers.Store(type, TakesLoader(type, types));
        }

        private static bool TakesLoader(INamedTypeSymbol type, SemanticContext types)
        {
            // A type declared in source whose files never spell the loader takes none: its members are not built.
            if (!type.DeclaringSyntaxReferences.IsEmpty && !MentionsLoader(type))
            {
                return false;
            }

            foreach (var member in type.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                        foreach (var parameter in constructor.Parameters)
                        {
                            if (IsLoaderType(parameter.Type, types))
                            {
                                return true;
                            }
                        }

                        break;
                    case IFieldSymbol field when SymbolFacts.Is(field.Type, types.LazyLoader):
                        return true;
                    case IPropertySymbol property when SymbolFacts.Is(property.Type, types.LazyLoader):
                        return true;
                }
            }

            return false;
        }

        private static bool MentionsLoader(INamedTypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (TextMarker.LazyLoader.OccursIn(reference.SyntaxTree, default))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsLoaderType(ITypeSymbol type, SemanticContext types)
            => SymbolFacts.Is(type, types.LazyLoader)
            || (type is INamedTypeSymbol { Name: "Action", TypeArguments: { Length: 2 } arguments }
                && arguments[0].SpecialType == SpecialType.System_Object
                && arguments[1].SpecialType == SpecialType.System_String);

        /// <summary>A class declared by the application (not string), or a generic collection of one.</summary>
        private static bool IsNavigationType(ITypeSymbol type, SemanticContext types)
        {
            if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1 && generic.AllInterfaces.Length + (generic.TypeKind == TypeKind.Interface ? 1 : 0) > 0)
            {
                var element = generic.TypeArguments[0];
                return IsEntityClass(element, types) && !types.IsQueryable(type);
            }

            return IsEntityClass(type, types);
        }

        private static bool IsEntityClass(ITypeSymbol type, SemanticContext types)
        {
            return type.TypeKind == TypeKind.Class && type.SpecialType != SpecialType.System_String && !types.IsDbContext(type)
                && types.IsDeclaredByApplication(type);
        }
    }
}
