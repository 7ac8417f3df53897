using Microsoft.CodeAnalysis;
using PerfAnalyzers.Database;
using PerfAnalyzers.Handlers;

namespace PerfAnalyzers.Async
{
    /// <summary>The symbols the sync-over-async rules (PERF201–PERF203) need, resolved once per compilation.</summary>
    internal sealed class AsyncTypes
    {
        private AsyncTypes(Compilation compilation, INamedTypeSymbol task)
        {
            Task = task;
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            TaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter");
            TaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter`1");
            ValueTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter");
            ValueTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter`1");
            ConfiguredTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter");
            ConfiguredTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter");
            ConfiguredValueTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter");
            ConfiguredValueTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
            ObsoleteAttribute = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
            MemoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
            StringReader = compilation.GetTypeByMetadataName("System.IO.StringReader");
            StringWriter = compilation.GetTypeByMetadataName("System.IO.StringWriter");
            Console = compilation.GetTypeByMetadataName("System.Console");
            DbDataReader = compilation.GetTypeByMetadataName("System.Data.Common.DbDataReader");
            Span = compilation.GetTypeByMetadataName("System.Span`1");
            ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
            Memory = compilation.GetTypeByMetadataName("System.Memory`1");
            ReadOnlyMemory = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
            DbContextFactory = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.IDbContextFactory`1");
            Handlers = RequestHandlerModel.For(compilation);
            Ef = EfCoreTypes.TryCreate(compilation);
            IsConsoleProgram = compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication
                && Handlers == null
                && compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHost") == null
                && !ReferencesTestFramework(compilation);
        }

        public INamedTypeSymbol Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? TaskAwaiter { get; }
        public INamedTypeSymbol? TaskAwaiterOfT { get; }
        public INamedTypeSymbol? ValueTaskAwaiter { get; }
        public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }
        public INamedTypeSymbol? ConfiguredTaskAwaiter { get; }
        public INamedTypeSymbol? ConfiguredTaskAwaiterOfT { get; }
        public INamedTypeSymbol? ConfiguredValueTaskAwaiter { get; }
        public INamedTypeSymbol? ConfiguredValueTaskAwaiterOfT { get; }
        public INamedTypeSymbol? Thread { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? CancellationTokenSource { get; }
        public INamedTypeSymbol? ObsoleteAttribute { get; }
        public INamedTypeSymbol? MemoryStream { get; }
        public INamedTypeSymbol? StringReader { get; }
        public INamedTypeSymbol? StringWriter { get; }
        public INamedTypeSymbol? Console { get; }
        public INamedTypeSymbol? DbDataReader { get; }
        public INamedTypeSymbol? Span { get; }
        public INamedTypeSymbol? ReadOnlySpan { get; }
        public INamedTypeSymbol? Memory { get; }
        public INamedTypeSymbol? ReadOnlyMemory { get; }
        public INamedTypeSymbol? DbContextFactory { get; }

        /// <summary>Null when ASP.NET Core is not referenced: then only async code is in scope.</summary>
        public RequestHandlerModel? Handlers { get; }

        /// <summary>Null when EF Core is not referenced: then PERF202 uses the general lookup only.</summary>
        public EfCoreTypes? Ef { get; }

        /// <summary>
        /// An executable that references neither ASP.NET Core, nor the generic host, nor a test framework (xunit v3
        /// test projects are executables too): "console code".
        /// </summary>
        public bool IsConsoleProgram { get; }

        private static bool ReferencesTestFramework(Compilation compilation)
            => compilation.GetTypeByMetadataName("Xunit.FactAttribute") != null
            || compilation.GetTypeByMetadataName("NUnit.Framework.TestAttribute") != null
            || compilation.GetTypeByMetadataName("Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute") != null;

        public static AsyncTypes? TryCreate(Compilation compilation)
        {
            var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            return task == null ? null : new AsyncTypes(compilation, task);
        }

        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (and types derived from Task).</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            var original = type.OriginalDefinition;
            if (Is(original, ValueTask) || Is(original, ValueTaskOfT))
            {
                return true;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current, Task))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsAwaiter(ITypeSymbol? type)
        {
            var original = type?.OriginalDefinition;
            return Is(original, TaskAwaiter) || Is(original, TaskAwaiterOfT) || Is(original, ValueTaskAwaiter) || Is(original, ValueTaskAwaiterOfT)
                || Is(original, ConfiguredTaskAwaiter) || Is(original, ConfiguredTaskAwaiterOfT)
                || Is(original, ConfiguredValueTaskAwaiter) || Is(original, ConfiguredValueTaskAwaiterOfT);
        }

        public static bool Is(ISymbol? symbol, ISymbol? other) => other != null && SymbolEqualityComparer.Default.Equals(symbol, other);
    }
}
