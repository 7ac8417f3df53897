using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// Where the sync-over-async rules apply: the body of an async method, lambda or local function, and the body of
    /// a request handler (sync or async). With <c>perf_analyzers.async.scope = all</c>, every method except the
    /// program's entry point. Console programs are out of scope unless the option is <c>all</c>.
    /// </summary>
    internal sealed class AsyncScope
    {
        public const string OptionName = "async.scope";
        public const string AsyncAndHandlers = "async_and_handlers";
        public const string All = "all";

        private readonly SemanticContext types;
        private readonly PerTreeOptions<bool> scopeIsAll;

        public AsyncScope(SemanticContext types, AnalyzerOptions options, string ruleId)
        {
            this.types = types;
            scopeIsAll = new PerTreeOptions<bool>(
                options,
                config => PerfOptions.GetChoice(PerfOptions.GetRaw(config, ruleId, OptionName), AsyncAndHandlers, AsyncAndHandlers, All) == All);
        }

        /// <summary>True when a blocking call at <paramref name="operation"/> would block async code or a request handler.</summary>
        public bool IsInScope(IOperation operation, ISymbol containingSymbol)
        {
            var all = scopeIsAll.Get(operation.Syntax.SyntaxTree);
            if (types.IsConsoleProgram && !all)
            {
                return false;
            }

            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    if (lambda.Symbol.IsAsync || (types.Handlers != null && types.Handlers.IsMinimalApiHandler(lambda)))
                    {
                        return true;
                    }
                }
                else if (current is ILocalFunctionOperation localFunction)
                {
                    if (localFunction.Symbol.IsAsync || (types.Handlers != null && types.Handlers.IsMinimalApiHandler(localFunction)))
                    {
                        return true;
                    }
                }
            }

            if (containingSymbol is not IMethodSymbol method || IsEntryPoint(method))
            {
                return false;
            }

            return method.IsAsync || all || (types.Handlers != null && types.Handlers.IsRequestHandler(method));
        }

        private static bool IsEntryPoint(IMethodSymbol method)
            => method.IsStatic && (method.Name == "Main" || method.Name == "<Main>$");
    }
}
