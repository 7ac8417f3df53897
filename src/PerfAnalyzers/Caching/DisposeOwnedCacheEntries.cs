using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// An entry the writing object removes when it is disposed (docs/rules/PERF302.md, "What is not flagged"): the
    /// containing class is <c>IDisposable</c> or <c>IAsyncDisposable</c>, and its own <c>Dispose</c> or <c>DisposeAsync</c>,
    /// declared in the same file, calls <c>IMemoryCache.Remove</c> with the same key. The entry lives as long as the
    /// object (an edit lock a dialog holds while it is open); an expiration would end it while the object still relies
    /// on it.
    /// </summary>
    internal static class DisposeOwnedCacheEntries
    {
        public static bool IsRemovedOnDispose(IInvocationOperation write, ISymbol containingSymbol, SemanticContext types, CancellationToken cancellationToken)
        {
            if (types.MemoryCache is not INamedTypeSymbol memoryCache
                || write.SemanticModel is not SemanticModel model
                // The key: the second parameter of the CacheExtensions method, after the cache.
                || write.ArgumentFor(1) is not IOperation writtenKey
                || KeyPath(writtenKey) is not List<object> key
                || containingSymbol.ContainingType is not INamedTypeSymbol type
                || !IsDisposable(type))
            {
                return false;
            }

            var tree = write.Syntax.SyntaxTree;
            foreach (var name in DisposeNames)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is not IMethodSymbol { IsStatic: false } dispose)
                    {
                        continue;
                    }

                    foreach (var reference in dispose.DeclaringSyntaxReferences)
                    {
                        // The same file only: its semantic model is the one the write was bound with.
                        if (reference.SyntaxTree != tree
                            || model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is not IOperation body)
                        {
                            continue;
                        }

                        foreach (var operation in body.Descendants())
                        {
                            if (operation is IInvocationOperation { TargetMethod.Name: "Remove" } remove
                                && SymbolFacts.Is(remove.TargetMethod.ContainingType, memoryCache)
                                && remove.Arguments.Length == 1
                                && KeyPath(remove.Arguments[0].Value) is List<object> removedKey
                                && SameKey(key, removedKey))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static readonly string[] DisposeNames = { "Dispose", "DisposeAsync" };

        /// <summary>
        /// The key as a path the object keeps: a constant, or a chain of fields and properties from <c>this</c> or from a
        /// static member (<c>Account.Id</c>, <c>_lockKey</c>). A local, a parameter or a call gives another value each time,
        /// so it is no path (null).
        /// </summary>
        private static List<object>? KeyPath(IOperation key)
        {
            while (key is IConversionOperation conversion)
            {
                key = conversion.Operand;
            }

            if (key.ConstantValue is { HasValue: true, Value: object constant })
            {
                return new List<object> { constant };
            }

            var path = new List<object>();
            IOperation? current = key;
            while (current != null)
            {
                switch (current)
                {
                    case IFieldReferenceOperation field:
                        path.Add(field.Field.OriginalDefinition);
                        current = field.Instance;
                        break;
                    case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                        path.Add(property.Property.OriginalDefinition);
                        current = property.Instance;
                        break;
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        return path;
                    default:
                        return null;
                }
            }

            // The chain ended at a static member.
            return path.Count > 0 ? path : null;
        }

        private static bool SameKey(List<object> written, List<object> removed)
        {
            if (written.Count != removed.Count)
            {
                return false;
            }

            for (var i = 0; i < written.Count; i++)
            {
                var same = written[i] is ISymbol symbol
                    ? removed[i] is ISymbol other && SymbolEqualityComparer.Default.Equals(symbol, other)
                    : Equals(written[i], removed[i]);
                if (!same)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsDisposable(INamedTypeSymbol type)
        {
            foreach (var contract in type.AllInterfaces)
            {
                if (contract.SpecialType == SpecialType.System_IDisposable
                    || contract is { Name: "IAsyncDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
