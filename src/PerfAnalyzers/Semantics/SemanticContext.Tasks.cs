using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Semantics
{
    /// <summary>Task-like types and their awaiters (the sync-over-async rules, and fixes that make code async).</summary>
    internal sealed partial class SemanticContext
    {
        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (and types derived from Task).</summary>
        public bool IsTaskLike(ITypeSymbol? type)
            => SymbolFacts.Is(type, ValueTask) || SymbolFacts.Is(type, ValueTaskOfT) || SymbolFacts.IsOrDerivesFrom(type, Task);

        /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>; any other type as it is.</summary>
        public ITypeSymbol AwaitedType(ITypeSymbol type)
            => (SymbolFacts.Is(type, TaskOfT) || SymbolFacts.Is(type, ValueTaskOfT)) && type is INamedTypeSymbol named
                ? named.TypeArguments[0]
                : type;

        /// <summary>The awaiters <c>GetAwaiter()</c> returns on a task-like, configured or not.</summary>
        public bool IsAwaiter(ITypeSymbol? type)
            => SymbolFacts.Is(type, TaskAwaiter) || SymbolFacts.Is(type, TaskAwaiterOfT)
            || SymbolFacts.Is(type, ValueTaskAwaiter) || SymbolFacts.Is(type, ValueTaskAwaiterOfT)
            || SymbolFacts.Is(type, ConfiguredTaskAwaiter) || SymbolFacts.Is(type, ConfiguredTaskAwaiterOfT)
            || SymbolFacts.Is(type, ConfiguredValueTaskAwaiter) || SymbolFacts.Is(type, ConfiguredValueTaskAwaiterOfT);
    }
}
