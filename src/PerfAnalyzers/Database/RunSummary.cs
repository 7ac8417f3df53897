using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// "Calling this method runs an EF query" (<see cref="Queries"/>, docs/concepts.md#executing-an-ef-query, through a
    /// call) or "calling this method saves the DbContext" (<see cref="Saves"/>, docs/rules/PERF105.md, "Through a call"):
    /// a source method whose body does it on every call, directly or through methods of the application up to
    /// <see cref="QueryProvenance.MaxDepth"/> calls down. Computed once per method per compilation and cached on the
    /// <see cref="SemanticContext"/>; recursion counts as "no". What runs under a cache check (an <c>if</c> reading a
    /// field, <c>TryGetValue</c>, <c>??=</c>) runs only on the first call and does not count.
    /// </summary>
    internal sealed class RunSummary
    {
        /// <summary>Runs an EF query: the path ends at the executing call (<c>FirstOrDefaultAsync</c>).</summary>
        public static readonly RunSummary Queries = new RunSummary(types => types.RunSummaries, DirectQuery);

        /// <summary>Saves a DbContext: the path ends at <c>SaveChanges</c> / <c>SaveChangesAsync</c>.</summary>
        public static readonly RunSummary Saves = new RunSummary(types => types.SaveSummaries, DirectSave);

        private static readonly object None = new object();

        // The methods being summarised on this thread (both kinds share it: a walk of one kind never starts the other).
        [ThreadStatic]
        private static List<ISymbol>? walking;

        [ThreadStatic]
        private static bool truncated;

        private readonly Func<SemanticContext, ConcurrentDictionary<ISymbol, object>> cacheOf;
        private readonly Func<IOperation, SemanticContext, string?> directRun;

        private RunSummary(Func<SemanticContext, ConcurrentDictionary<ISymbol, object>> cacheOf, Func<IOperation, SemanticContext, string?> directRun)
        {
            this.cacheOf = cacheOf;
            this.directRun = directRun;
        }

        /// <summary>
        /// A call inside a loop that a summary may answer for (PERF101's and PERF105's "through a call"): a method
        /// declared in source or on an interface, not a LINQ operator, not inside an expression tree, in a loop that
        /// neither exits right after the call nor retries it (docs/concepts.md#loop-exclusions). Cheap checks only: the
        /// caller asks for the summary last.
        /// </summary>
        public static bool IsCandidateCallInLoop(IInvocationOperation call, SemanticContext types, out LoopContext loop)
        {
            loop = null!;
            var method = call.TargetMethod;
            if (types.IsLinqOperatorClass(method.ContainingType)
                || (method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty && method.ContainingType?.TypeKind != TypeKind.Interface)
                || EfQueryModel.IsInsideExpressionTree(call, types)
                || !LoopModel.TryGetEnclosingLoop(call, types, out var enclosing)
                || enclosing == null
                || LoopExclusions.ExitsAfter(call, enclosing)
                || LoopExclusions.IsRetry(call, enclosing))
            {
                return false;
            }

            loop = enclosing;
            return true;
        }

        /// <summary>The message's account of a call's path and loop: <c>('Load' → 'FirstOrDefault') on each iteration of …</c>.</summary>
        public static string DescribeThrough(IReadOnlyList<string> path, LoopContext loop)
            => "('" + string.Join("' → '", path) + "') " + loop.Description;

        /// <summary>The path from the called method to the executing call: <c>GetRate</c>, <c>FirstOrDefaultAsync</c>; empty when none.</summary>
        public IReadOnlyList<string> GetPath(IMethodSymbol method, SemanticContext types)
        {
            method = method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.IsEmpty && method.ContainingType?.TypeKind != TypeKind.Interface)
            {
                return Array.Empty<string>();
            }

            var cache = cacheOf(types);
            if (cache.TryGetValue(method, out var cached))
            {
                return cached as string[] ?? Array.Empty<string>();
            }

            var stack = walking ??= new List<ISymbol>();
            if (stack.Count >= QueryProvenance.MaxDepth || stack.Contains(method, SymbolEqualityComparer.Default))
            {
                truncated = true;
                return Array.Empty<string>();
            }

            var outerTruncated = truncated;
            truncated = false;
            stack.Add(method);
            string[]? path;
            try
            {
                path = Compute(method, types);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never throw from an analyzer: an unreadable method runs no query we know of.
                path = null;
            }
            finally
            {
                stack.RemoveAt(stack.Count - 1);
            }

            // Depth- or cycle-cut answers depend on where the walk began; only whole answers are shared.
            var cut = truncated;
            truncated = outerTruncated || cut;
            if (!cut)
            {
                cache.TryAdd(method, (object?)path ?? None);
            }

            return path ?? Array.Empty<string>();
        }

        private string[]? Compute(IMethodSymbol method, SemanticContext types)
        {
            if (method.ContainingType?.TypeKind == TypeKind.Interface && method.IsAbstract)
            {
                // Every implementation in source must run a query (at least one): the first one's path names it.
                var implementations = types.SourceImplementations(method);
                string[]? first = null;
                if (implementations == null || implementations.Count == 0)
                {
                    return null;
                }

                foreach (var implementation in implementations)
                {
                    var path = GetPath(implementation, types);
                    if (path.Count == 0)
                    {
                        return null;
                    }

                    first ??= ToArray(path);
                }

                return first;
            }

            if (method.IsAbstract || method.IsExtern)
            {
                return null;
            }

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

                var found = FindRun(body, types);
                if (found != null)
                {
                    return found;
                }
            }

            return null;
        }

        private string[]? FindRun(IOperation operation, SemanticContext types)
        {
            foreach (var child in operation.ChildOperations)
            {
                switch (child)
                {
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        continue;
                    case IConditionalOperation conditional when IsCacheCheck(conditional.Condition):
                        continue;
                    case ICoalesceAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
                    case ICoalesceOperation coalesce when IsMember(coalesce.Value):
                        // cache ??= Load(), cache ?? (cache = Load()): the query runs on the first call only.
                        continue;
                }

                if (directRun(child, types) is { } name)
                {
                    return new[] { name };
                }

                if (child is IInvocationOperation call && !types.IsLinqOperatorClass(call.TargetMethod.ContainingType))
                {
                    var path = GetPath(call.TargetMethod, types);
                    if (path.Count > 0)
                    {
                        var result = new string[path.Count + 1];
                        result[0] = call.TargetMethod.Name;
                        for (var i = 0; i < path.Count; i++)
                        {
                            result[i + 1] = path[i];
                        }

                        return result;
                    }
                }

                var nested = FindRun(child, types);
                if (nested != null)
                {
                    return nested;
                }

                // What follows a return or a throw in the same block never runs (a method disabled with an early return).
                if (operation is IBlockOperation
                    && child is IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation or IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak })
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>The executing call's name when <paramref name="operation"/> executes an EF query itself (explicit loads are PERF103's).</summary>
        private static string? DirectQuery(IOperation operation, SemanticContext types)
            => (operation is IInvocationOperation || operation is IForEachLoopOperation)
                && EfQueryModel.TryGetExecution(operation, types, out var execution)
                && execution.Kind != EfExecutionKind.ExplicitLoad
                ? execution.Name
                : null;

        private static string? DirectSave(IOperation operation, SemanticContext types)
            => operation is IInvocationOperation call && PERF105SaveChangesInLoopAnalyzer.IsSaveChanges(call.TargetMethod, types)
                ? call.TargetMethod.Name
                : null;

        /// <summary>An <c>if</c> that reads a field or asks a cache: what it guards runs on the first call only.</summary>
        private static bool IsCacheCheck(IOperation condition)
        {
            foreach (var descendant in condition.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IFieldReferenceOperation _:
                    case IInvocationOperation { TargetMethod: { Name: "TryGetValue" } }:
                    case IInvocationOperation { TargetMethod: { Name: "ContainsKey" } }:
                        return true;
                }
            }

            return false;
        }

        private static bool IsMember(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IFieldReferenceOperation || value is IPropertyReferenceOperation;
        }

        private static string[] ToArray(IReadOnlyList<string> path)
        {
            var result = new string[path.Count];
            for (var i = 0; i < path.Count; i++)
            {
                result[i] = path[i];
            }

            return result;
        }
    }
}
