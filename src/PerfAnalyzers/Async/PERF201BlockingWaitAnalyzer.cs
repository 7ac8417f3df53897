using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF201: <c>.Result</c>, <c>.Wait(..)</c>, <c>.GetAwaiter().GetResult()</c> on a Task or ValueTask, and
    /// <c>Task.WaitAll/WaitAny</c>, in async code or a request handler. A task the method already knows to be complete
    /// (see <see cref="TaskCompletionFlow"/>) is not flagged. The diagnostic's <c>Kind</c> property tells the fix the shape.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF201BlockingWaitAnalyzer : DiagnosticAnalyzer
    {
        public const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF201BlockingWait);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (types.Task == null)
                {
                    return;
                }

                var scope = new AsyncScope(types, start.Options, DiagnosticIds.BlockingWait, syncOverridesWithAsyncTwin: true);
                start.RegisterOperationAction(
                    c =>
                    {
                        var property = (IPropertyReferenceOperation)c.Operation;
                        if (property.Property.Name == "Result" && property.Instance != null && types.IsTaskLike(property.Property.ContainingType))
                        {
                            Report(c, types, scope, property.Instance, BlockingWaitKind.Result, ".Result");
                        }
                    },
                    OperationKind.PropertyReference);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types, scope), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, SemanticContext types, AsyncScope scope)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Wait" when !method.IsStatic && types.IsTaskLike(method.ContainingType) && !IsZeroTimeout(invocation, types):
                    var kind = method.Parameters.Length == 0 ? BlockingWaitKind.Wait
                        : method.Parameters.Length == 1 && SymbolFacts.Is(method.Parameters[0].Type, types.CancellationToken) ? BlockingWaitKind.WaitWithToken
                        : BlockingWaitKind.WaitWithTimeout;
                    Report(context, types, scope, invocation.Instance, kind, ".Wait()");
                    break;
                case "WaitAll" or "WaitAny" when method.IsStatic && SymbolFacts.Is(method.ContainingType, types.Task):
                    var timeout = method.Parameters.Length > 1 && !method.Parameters[method.Parameters.Length - 1].IsParams;
                    var all = method.Name == "WaitAll";
                    Report(context, types, scope, null, timeout ? BlockingWaitKind.WaitWithTimeout : all ? BlockingWaitKind.WaitAll : BlockingWaitKind.WaitAny, "Task." + method.Name);
                    break;
                case "GetResult" when types.IsAwaiter(method.ContainingType)
                    && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter:
                    Report(context, types, scope, getAwaiter.Instance, BlockingWaitKind.GetResult, ".GetAwaiter().GetResult()");
                    break;
                case var _ when IsBlockingWrapperCall(invocation, types):
                    Report(context, types, scope, invocation.Arguments[0].Value, BlockingWaitKind.Wrapper, "." + method.Name + "()");
                    break;
            }
        }

        /// <summary>
        /// <c>task.Await()</c> with an extension method of the application whose whole body blocks on its task:
        /// <c>=&gt; task.GetAwaiter().GetResult()</c>, <c>task.Result</c> or <c>task.Wait()</c> (found in Smartstore's
        /// <c>TaskExtensions</c>). The fix awaits the receiver of <c>task.Await()</c>; a static call has no fix.
        /// </summary>
        private static bool IsBlockingWrapperCall(IInvocationOperation invocation, SemanticContext types)
        {
            // Asked for almost every call: the cheapest facts first. The driver has already built the call's arguments
            // (it walks them to dispatch), while a method's Parameters and syntax references are new arrays on each
            // request; a call's one argument means its method has one parameter.
            var method = invocation.TargetMethod;
            if (invocation.Arguments.Length != 1
                || !method.IsExtensionMethod
                || invocation.Arguments[0].Parameter is not { } parameter
                || !types.IsTaskLike(parameter.Type)
                || method.OriginalDefinition.DeclaringSyntaxReferences is not { Length: 1 } references)
            {
                return false;
            }

            return references[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration
                && BlockingWrapperSyntax.OnlyBlocksOn(declaration, parameter.Name);
        }

        private static void Report(OperationAnalysisContext context, SemanticContext types, AsyncScope scope, IOperation? task, BlockingWaitKind kind, string name)
        {
            var operation = context.Operation;
            if (!scope.IsInScope(operation, context.ContainingSymbol)
                || (task != null && TaskCompletionFlow.IsKnownComplete(operation, task, types, context.CancellationToken)))
            {
                return;
            }

            var text = operation.Syntax.ToString();
            if (text.Length <= 60 && text.IndexOf('\n') < 0)
            {
                name = text;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind.ToString());
            context.ReportOutsideGeneratedCode(Diagnostic.Create(Descriptors.PERF201BlockingWait, operation.Syntax.GetLocation(), properties, name));
        }

        /// <summary><c>Wait(0)</c> and <c>Wait(TimeSpan.Zero)</c> poll; they never block (also used for SemaphoreSlim by PERF202).</summary>
        internal static bool IsZeroTimeout(IInvocationOperation invocation, SemanticContext types)
        {
            if (invocation.Arguments.Length == 0)
            {
                return false;
            }

            var value = invocation.Arguments[0].Value;
            if (value.ConstantValue.HasValue && value.ConstantValue.Value is int milliseconds)
            {
                return milliseconds == 0;
            }

            return value is IFieldReferenceOperation { Field.Name: "Zero" } field && SymbolFacts.Is(field.Field.ContainingType, types.TimeSpan);
        }
    }

    /// <summary>The shape of a blocking wait, passed to the code fix.</summary>
    internal enum BlockingWaitKind
    {
        Result,
        Wait,
        WaitWithToken,
        WaitWithTimeout,
        GetResult,
        WaitAll,
        WaitAny,

        /// <summary><c>task.Await()</c>: an extension method of the application that blocks on its task.</summary>
        Wrapper,
    }
}
