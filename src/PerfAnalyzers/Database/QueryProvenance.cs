using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// Where an <c>IQueryable&lt;T&gt;</c> / <c>IEnumerable&lt;T&gt;</c> produced by the application's own code comes from
    /// (docs/concepts.md#ef-query): a source method or property that returns an EF query (a repository's <c>Query()</c>,
    /// an extension method over a <c>DbSet</c>, an interface member whose source implementations all return one), or a
    /// readonly field assigned only EF queries. Each member is summarised once per compilation (cached on the
    /// <see cref="SemanticContext"/>; again only when a walk meets it with fewer levels left than its summary needs), at
    /// most <see cref="MaxDepth"/> members deep, and a member met again while its own summary is being computed counts
    /// as "not a query".
    /// </summary>
    internal static class QueryProvenance
    {
        /// <summary>How many application members deep a query is followed.</summary>
        public const int MaxDepth = 3;

        // While a member's body is being read: its own parameters stand for whatever the caller passes.
        internal const EfQueryRoot ParameterRoot = (EfQueryRoot)(-1);

        [ThreadStatic]
        private static Walk? current;

        /// <summary>A summary: the root the member returns, or <see cref="ParameterRoot"/> with the parameter it passes through.</summary>
        private sealed class Summary
        {
            public static readonly Summary None = new Summary(EfQueryRoot.None, -1);

            public Summary(EfQueryRoot root, int parameter, int levels = 0)
            {
                Root = root;
                Parameter = parameter;
                Levels = levels;
            }

            public EfQueryRoot Root { get; }

            public int Parameter { get; }

            /// <summary>
            /// How many levels of <see cref="MaxDepth"/> the walk that found this query needed: reused only where at least
            /// that many are left. 0 for "not a query" found without a cut, which holds at any depth.
            /// </summary>
            public int Levels { get; }
        }

        private sealed class Walk
        {
            public readonly List<ISymbol> Members = new List<ISymbol>();
            public int Depth;
            public bool Truncated;

            /// <summary>The deepest level the current member's summary reaches: its entry depth plus the levels it needs.</summary>
            public int Reach;
        }

        /// <summary>The root of a call to an application method that returns a query, or None.</summary>
        public static EfQueryRoot ResolveCall(IInvocationOperation invocation, SemanticContext types, Func<IOperation?, EfQueryRoot> resolveArgument)
        {
            var method = invocation.TargetMethod;
            if (!IsCandidate(method, method.ReturnType, types))
            {
                return EfQueryRoot.None;
            }

            var summary = Get(method, types);
            if (summary.Root != ParameterRoot)
            {
                return summary.Root;
            }

            return invocation.ArgumentFor(summary.Parameter) is { } passed ? resolveArgument(passed) : EfQueryRoot.None;
        }

        /// <summary>
        /// The argument a call to an application method hands back composed (<c>Paginate(this IQueryable&lt;T&gt; source, ..)
        /// =&gt; source.Skip(..).Take(..)</c>): the query the caller passed, carried through; null when the method returns
        /// anything else.
        /// </summary>
        public static IOperation? PassedThrough(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            return IsCandidate(method, method.ReturnType, types) && Get(method, types) is { Root: ParameterRoot } summary
                ? invocation.ArgumentFor(summary.Parameter)
                : null;
        }

        /// <summary>The root of an application property or readonly field holding a query, or None.</summary>
        public static EfQueryRoot ResolveMember(IMemberReferenceOperation reference, SemanticContext types)
        {
            switch (reference)
            {
                case IPropertyReferenceOperation property when property.Property.GetMethod != null && property.Property.Parameters.Length == 0
                    && IsCandidate(property.Property.GetMethod, property.Type, types):
                    var summary = Get(property.Property.GetMethod, types);
                    return summary.Root == ParameterRoot ? EfQueryRoot.None : summary.Root;
                case IFieldReferenceOperation field when field.Field.IsReadOnly && IsInSource(field.Field) && IsQueryType(field.Type, types):
                    var fieldSummary = Get(field.Field, types);
                    return fieldSummary.Root == ParameterRoot ? EfQueryRoot.None : fieldSummary.Root;
                default:
                    return EfQueryRoot.None;
            }
        }

        /// <summary>Inside a member being summarised, its own parameters pass the caller's value through.</summary>
        public static bool TryGetParameter(IParameterReferenceOperation reference, out EfQueryRoot root)
        {
            root = EfQueryRoot.None;
            var walk = current;
            if (walk == null || walk.Members.Count == 0)
            {
                return false;
            }

            // A parameter of the member, or the receiver of its extension block (extension(IQueryable<User> query) { .. }).
            if (walk.Members[walk.Members.Count - 1] is not IMethodSymbol member
                || SymbolFacts.OrdinalIn(reference.Parameter, member) is not (>= 0 and var ordinal))
            {
                return false;
            }

            ParameterOrdinal = ordinal;
            root = ParameterRoot;
            return true;
        }

        [ThreadStatic]
        private static int ParameterOrdinal;

        /// <summary>The parameter the last <see cref="ParameterRoot"/> answer on this thread passes through.</summary>
        internal static int PassedParameter => ParameterOrdinal;

        private static bool IsCandidate(IMethodSymbol method, ITypeSymbol? returnType, SemanticContext types)
            => !method.ReturnsVoid && IsQueryType(returnType, types) && !types.IsLinqOperatorClass(method.ContainingType)
            && types.IsDeclaredByApplication(method.OriginalDefinition);

        private static bool IsQueryType(ITypeSymbol? type, SemanticContext types)
            => types.IsQueryable(type) || types.IsDbSet(type)
            || (type is INamedTypeSymbol named
                && (named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T || SymbolFacts.Is(named, types.IAsyncEnumerableOfT)));

        private static bool IsInSource(ISymbol symbol) => !symbol.DeclaringSyntaxReferences.IsEmpty;

        private static Summary Get(ISymbol member, SemanticContext types)
        {
            // Summarised per definition, except a method of a closed interface construction (IRepository<Order>.Query),
            // which only that construction's implementations answer for. The walk's members are definitions.
            member = member is IMethodSymbol method ? SemanticContext.SummaryKey(method) : member.OriginalDefinition;
            var definition = member.OriginalDefinition;
            var walk = current ??= new Walk();
            var cache = types.MemberSummaries;

            // A cached summary is reused only where a fresh walk would reach as deep (see Summary.Levels): otherwise the
            // answer would depend on which member the compiler happened to analyse first.
            if (cache.TryGetValue(member, out var cached) && cached is Summary known && known.Levels <= MaxDepth - walk.Depth)
            {
                walk.Reach = Math.Max(walk.Reach, walk.Depth + known.Levels);
                return known;
            }

            if (walk.Depth >= MaxDepth || walk.Members.Contains(definition, SymbolEqualityComparer.Default))
            {
                walk.Truncated = true;
                return Summary.None;
            }

            var outerTruncated = walk.Truncated;
            var outerReach = walk.Reach;
            var entryDepth = walk.Depth;
            walk.Truncated = false;
            walk.Reach = entryDepth + 1;
            walk.Members.Add(definition);
            Summary result;
            try
            {
                result = Compute(member, types);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never throw from an analyzer: an unreadable member is not a query.
                result = Summary.None;
            }
            finally
            {
                walk.Members.RemoveAt(walk.Members.Count - 1);
            }

            var truncated = walk.Truncated;
            var levels = walk.Reach - entryDepth;
            walk.Truncated = outerTruncated || truncated;
            walk.Reach = Math.Max(outerReach, walk.Reach);
            if (!truncated)
            {
                // Depth- or cycle-cut answers depend on where the walk started; only whole answers are shared.
                if (result.Root != EfQueryRoot.None)
                {
                    result = new Summary(result.Root, result.Parameter, levels);
                }

                cache.TryAdd(member, result);
            }

            return result;
        }

        private static Summary Compute(ISymbol member, SemanticContext types)
        {
            if (member is IFieldSymbol field)
            {
                return ComputeField(field, types);
            }

            if (member is not IMethodSymbol method)
            {
                return Summary.None;
            }

            if (method.ContainingType?.TypeKind == TypeKind.Interface && method.IsAbstract)
            {
                return ComputeImplementations(method, types);
            }

            if (method.IsAbstract && method.ContainingType?.TypeKind == TypeKind.Class && types.IsDeclaredInCompilation(method))
            {
                // An abstract method of a class in source: its overrides in the subclasses in source answer for it.
                return Combine(types.SourceOverrides(method), types);
            }

            if (!types.IsDeclaredInCompilation(method))
            {
                return ComputeFromDeclaration(method, types);
            }

            if (method.IsAbstract || method.IsExtern || method.IsAsync)
            {
                return Summary.None;
            }

            var enumerable = !types.IsQueryable(method.ReturnType) && !types.IsDbSet(method.ReturnType);
            var walk = current!;
            walk.Depth++;
            try
            {
                var values = new List<IOperation>();
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax();
                    if (syntax.DescendantNodes().Any(n => n is YieldStatementSyntax))
                    {
                        return Summary.None;
                    }

                    // Another tree than the one being analysed: bound once per member per compilation (the summary is cached).
#pragma warning disable RS1030
                    var model = types.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                    var body = model.GetOperation(syntax);
                    if (body == null)
                    {
                        return Summary.None;
                    }

                    body.CollectReturnedValues(values);
                }

                return Combine(values, types, enumerable);
            }
            finally
            {
                walk.Depth--;
            }
        }


        /// <summary>
        /// A member of another project of the application (docs/concepts.md#ef-query, "Across projects"): its body is not
        /// part of this compilation (a reference assembly in a command-line build, another project's compilation in the
        /// IDE), so what it hands out is judged from its declaration alone. It composes the query it is given when its
        /// first parameter is one (<c>Published(this IQueryable&lt;Blog&gt; q)</c>), and so does an instance member of a C#
        /// 14 extension block (<c>extension(IQueryable&lt;User&gt; query) { .. }</c>) with the receiver it is called on; it
        /// hands out an EF query when it returns <c>IQueryable&lt;T&gt;</c> or <c>DbSet&lt;T&gt;</c> from a class built on a
        /// DbContext (a constructor that takes one). A materialised <c>IEnumerable&lt;T&gt;</c> is never taken for a query
        /// here.
        /// </summary>
        private static Summary ComputeFromDeclaration(IMethodSymbol method, SemanticContext types)
        {
            if (!types.IsQueryable(method.ReturnType) && !types.IsDbSet(method.ReturnType))
            {
                return Summary.None;
            }

            if (method.Parameters.Length > 0 && (types.IsQueryable(method.Parameters[0].Type) || types.IsDbSet(method.Parameters[0].Type)))
            {
                return new Summary(ParameterRoot, 0);
            }

            if (SymbolFacts.IsExtensionBlockInstanceMember(method))
            {
                // A member of an extension block composes its receiver (db.Users.ForUser(name)): what the call is given
                // decides, as for a classic extension method's first parameter. A receiver that is not a query (a list,
                // the context itself) resolves to none at the call.
                return new Summary(ParameterRoot, SymbolFacts.ExtensionReceiverOrdinal);
            }

            return !method.IsStatic && !method.IsAbstract && DeclaredDataAccess.IsBuiltOnDbContext(method.ContainingType, types)
                ? new Summary(EfQueryRoot.DbSet, -1)
                : Summary.None;
        }

        private static Summary ComputeField(IFieldSymbol field, SemanticContext types)
        {
            var values = new List<IOperation>();
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer })
                {
#pragma warning disable RS1030 // Bound once per field per compilation (the summary is cached).
                    var model = types.Compilation.GetSemanticModel(initializer.SyntaxTree);
#pragma warning restore RS1030
                    if (model.GetOperation(initializer) is IFieldInitializerOperation operation)
                    {
                        values.Add(operation.Value);
                    }
                }
            }

            // A readonly field is written only by initializers and constructors of its own type.
            foreach (var typeReference in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var constructor in typeReference.GetSyntax().ChildNodes())
                {
                    if (constructor is not ConstructorDeclarationSyntax)
                    {
                        continue;
                    }

                    foreach (var assignment in constructor.DescendantNodes())
                    {
                        if (assignment is AssignmentExpressionSyntax { Left: var left } && NamesField(left, field.Name))
                        {
#pragma warning disable RS1030 // Bound once per field per compilation (the summary is cached).
                            var model = types.Compilation.GetSemanticModel(assignment.SyntaxTree);
#pragma warning restore RS1030
                            if (model.GetOperation(assignment) is ISimpleAssignmentOperation write
                                && write.Target is IFieldReferenceOperation target
                                && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field))
                            {
                                values.Add(write.Value);
                            }
                            else if (model.GetOperation(assignment) is IAssignmentOperation other
                                && other.Target is IFieldReferenceOperation otherTarget
                                && SymbolEqualityComparer.Default.Equals(otherTarget.Field.OriginalDefinition, field))
                            {
                                return Summary.None;
                            }
                        }
                    }
                }
            }

            var walk = current!;
            walk.Depth++;
            try
            {
                var summary = Combine(values, types, enumerable: !types.IsQueryable(field.Type) && !types.IsDbSet(field.Type));
                return summary.Root == ParameterRoot ? Summary.None : summary;
            }
            finally
            {
                walk.Depth--;
            }
        }

        private static bool NamesField(ExpressionSyntax left, string name)
            => left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText == name,
                _ => false,
            };

        /// <summary>Every value returned (all must be EF queries), or a parameter passed through (the same one each time).</summary>
        private static Summary Combine(List<IOperation> values, SemanticContext types, bool enumerable)
        {
            if (values.Count == 0)
            {
                return Summary.None;
            }

            var outerOrdinal = ParameterOrdinal;
            try
            {
                return CombineValues(values, types, enumerable);
            }
            finally
            {
                ParameterOrdinal = outerOrdinal;
            }
        }

        private static Summary CombineValues(List<IOperation> values, SemanticContext types, bool enumerable)
        {
            var root = EfQueryRoot.None;
            var parameter = -1;
            foreach (var value in values)
            {
                ParameterOrdinal = -1;
                var valueRoot = EfQueryModel.ResolveValue(value, types, enumerable);
                if (valueRoot == EfQueryRoot.None)
                {
                    return Summary.None;
                }

                if (valueRoot == ParameterRoot)
                {
                    if (ParameterOrdinal < 0 || (parameter >= 0 && parameter != ParameterOrdinal))
                    {
                        return Summary.None;
                    }

                    parameter = ParameterOrdinal;
                }
                else if (root == EfQueryRoot.None)
                {
                    root = valueRoot;
                }
            }

            // A member that returns a parameter on some path is only a query when the caller's argument is one.
            return parameter >= 0 ? new Summary(ParameterRoot, parameter) : new Summary(root, -1);
        }

        /// <summary>
        /// An interface member: every implementation declared in source or in another project of the application must
        /// return an EF query (at least one).
        /// </summary>
        private static Summary ComputeImplementations(IMethodSymbol method, SemanticContext types)
        {
            var implementations = types.ImplementationsInSight(method);
            return implementations == null ? Summary.None : Combine(implementations, types);
        }

        /// <summary>Every member must return an EF query (at least one), or the same parameter; otherwise none.</summary>
        private static Summary Combine(List<IMethodSymbol>? implementations, SemanticContext types)
        {
            if (implementations == null)
            {
                return Summary.None;
            }

            Summary? combined = null;
            foreach (var implementation in implementations)
            {
                var summary = Get(implementation, types);
                if (summary.Root == EfQueryRoot.None || (combined != null && combined.Root == ParameterRoot != (summary.Root == ParameterRoot))
                    || (combined != null && combined.Parameter != summary.Parameter))
                {
                    return Summary.None;
                }

                combined ??= summary;
            }

            return combined ?? Summary.None;
        }
    }
}
