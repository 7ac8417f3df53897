using System;
using System.Collections.Generic;
using System.Linq;
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

        private readonly bool syncOverridesWithAsyncTwin;

        /// <param name="syncOverridesWithAsyncTwin">
        /// Also count a synchronous override whose framework base declares an async twin the type does not override
        /// (PERF201: blocking there blocks the thread the framework's async path would have freed).
        /// </param>
        public AsyncScope(SemanticContext types, AnalyzerOptions options, string ruleId, bool syncOverridesWithAsyncTwin = false)
        {
            this.types = types;
            this.syncOverridesWithAsyncTwin = syncOverridesWithAsyncTwin;
            scopeIsAll = new PerTreeOptions<bool>(
                options,
                config => PerfOptions.GetChoice(PerfOptions.GetRaw(config, ruleId, OptionName), AsyncAndHandlers, AsyncAndHandlers, All) == All);
        }

        /// <summary>True when a blocking call at <paramref name="operation"/> would block async code or a request handler.</summary>
        public bool IsInScope(IOperation operation, ISymbol containingSymbol)
            => IsInScope(operation, containingSymbol, scopeIsAll.Get(operation.Syntax.SyntaxTree), asyncCodeOnly: false);

        /// <summary>
        /// True when <paramref name="operation"/> is in async code under the default scope: an async method, lambda or local
        /// function, not a synchronous request handler. Under <c>async.scope = all</c> it is false, since every method is in
        /// scope then and a blocking call is reported where it is written.
        /// </summary>
        public bool IsInAsyncCode(IOperation operation, ISymbol containingSymbol)
            => !scopeIsAll.Get(operation.Syntax.SyntaxTree) && IsInScope(operation, containingSymbol, all: false, asyncCodeOnly: true);

        private bool IsInScope(IOperation operation, ISymbol containingSymbol, bool all, bool asyncCodeOnly)
        {
            if (types.IsConsoleProgram && !all)
            {
                return false;
            }

            IOperation child = operation;
            for (var current = operation.Parent; current != null; child = current, current = current.Parent)
            {
                if ((current is IConditionalOperation conditional && IsSynchronousBranchOfDualMode(conditional, child))
                    || (current is IBlockOperation block && FollowsTheAsynchronousExit(block, child)))
                {
                    return false;
                }

                if (current is IAnonymousFunctionOperation lambda)
                {
                    if (IsAsyncFunction(lambda.Symbol) || (!asyncCodeOnly && types.Handlers != null && types.Handlers.IsMinimalApiHandler(lambda)))
                    {
                        return true;
                    }

                    if (!all && IsEventHandler(lambda))
                    {
                        return false;
                    }
                }
                else if (current is ILocalFunctionOperation localFunction)
                {
                    if (IsAsyncFunction(localFunction.Symbol) || (!asyncCodeOnly && types.Handlers != null && types.Handlers.IsMinimalApiHandler(localFunction)))
                    {
                        return true;
                    }
                }
            }

            if (containingSymbol is not IMethodSymbol method || IsEntryPoint(method))
            {
                return false;
            }

            if (asyncCodeOnly)
            {
                return IsAsyncFunction(method);
            }

            return IsAsyncFunction(method) || all || (types.Handlers != null && types.Handlers.IsRequestHandler(method))
                || (syncOverridesWithAsyncTwin && HasUnoverriddenAsyncTwin(method));
        }

        /// <summary>
        /// <c>if (async) await Task.Delay(wait); else Thread.Sleep(wait);</c>: a method that serves both its synchronous and
        /// its asynchronous callers, told by a <c>bool</c> parameter whose name says so (<c>async</c>, <c>useAsync</c>,
        /// <c>isAsync</c>, <c>synchronous</c>). The branch without the await runs only for synchronous callers, so it is
        /// not async code (docs/concepts.md#async-context). Found in Smartstore's file system helpers.
        /// </summary>
        private static bool IsSynchronousBranchOfDualMode(IConditionalOperation conditional, IOperation branch)
        {
            IEnumerable<IOperation>? other = branch == conditional.WhenTrue ? Alternative(conditional)
                : branch == conditional.WhenFalse ? new[] { conditional.WhenTrue }
                : null;
            if (other == null || !IsFlag(conditional.Condition))
            {
                return false;
            }

            foreach (var alternative in other)
            {
                if (IsAsynchronous(alternative))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>if (async) { await ..; return ..; }</c> followed by the synchronous code: the statements after an <c>if</c> on
        /// the flag whose branch awaits and always leaves run only for synchronous callers.
        /// </summary>
        private static bool FollowsTheAsynchronousExit(IBlockOperation block, IOperation statement)
        {
            foreach (var earlier in block.Operations)
            {
                if (earlier == statement)
                {
                    return false;
                }

                if (earlier is IConditionalOperation { WhenFalse: null } conditional
                    && IsFlag(conditional.Condition)
                    && AlwaysLeaves(conditional.WhenTrue)
                    && IsAsynchronous(conditional.WhenTrue))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The branch ends with a return or a throw: the statements after its <c>if</c> run only when it is not taken.</summary>
        private static bool AlwaysLeaves(IOperation branch)
            => (branch is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : branch)
                is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>A <c>bool</c> parameter whose name says it chooses between the modes, possibly negated.</summary>
        private static bool IsFlag(IOperation condition)
        {
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
            }

            return condition is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean } parameter }
                && parameter.Name.IndexOf("sync", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>Awaits, or calls a method named <c>…Async</c> (<c>async ? db.ExecuteSqlRawAsync(..) : Task.FromResult(db.ExecuteSqlRaw(..))</c>).</summary>
        private static bool IsAsynchronous(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IAwaitOperation || (descendant is IInvocationOperation { TargetMethod.Name: var name } && name.EndsWith("Async", StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What runs when the condition is false: the else branch, or, for <c>if (!async) return Read(..);</c> without one,
        /// the statements after the if in its block.
        /// </summary>
        private static IEnumerable<IOperation>? Alternative(IConditionalOperation conditional)
        {
            if (conditional.WhenFalse != null)
            {
                return new[] { conditional.WhenFalse };
            }

            if (!AlwaysLeaves(conditional.WhenTrue) || conditional.Parent is not IBlockOperation parent)
            {
                return null;
            }

            var index = parent.Operations.IndexOf(conditional);
            return index < 0 ? null : parent.Operations.Skip(index + 1);
        }

        /// <summary>
        /// A synchronous lambda subscribed to an event (<c>process.Exited += (_, _) =&gt; ..</c>): it runs when the event is
        /// raised, on the thread that raises it, not in the flow of the method that subscribes it, and an async form of it
        /// would be <c>async void</c> (docs/concepts.md#async-context).
        /// </summary>
        private static bool IsEventHandler(IAnonymousFunctionOperation lambda)
            => lambda.Parent is IDelegateCreationOperation { Parent: IEventAssignmentOperation { Adds: true } };

        // async, or returning a task without the keyword (it hands back a task it got elsewhere): its caller awaits it.
        private bool IsAsyncFunction(IMethodSymbol function) => function.IsAsync || (!function.ReturnsVoid && types.IsTaskLike(function.ReturnType));

        /// <summary>
        /// <c>override SavingChanges(..)</c> on a framework type that also declares <c>SavingChangesAsync</c>, which this
        /// type does not override: the framework's async path runs it (docs/concepts.md#async-context).
        /// </summary>
        private static bool HasUnoverriddenAsyncTwin(IMethodSymbol method)
        {
            var overridden = method.OverriddenMethod;
            if (!method.IsOverride || overridden == null || overridden.DeclaringSyntaxReferences.Length > 0 || method.ContainingType == null)
            {
                return false;
            }

            var twinName = method.Name + "Async";
            var twinDeclared = false;
            for (var type = overridden.ContainingType; type != null && !twinDeclared; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(twinName))
                {
                    twinDeclared |= member is IMethodSymbol { IsVirtual: true } or IMethodSymbol { IsAbstract: true } or IMethodSymbol { IsOverride: true };
                }
            }

            if (!twinDeclared)
            {
                return false;
            }

            for (var type = method.ContainingType; type != null && type.DeclaringSyntaxReferences.Length > 0; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(twinName))
                {
                    if (member is IMethodSymbol { IsOverride: true })
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsEntryPoint(IMethodSymbol method)
            => method.IsStatic && (method.Name == "Main" || method.Name == "<Main>$");
    }
}
