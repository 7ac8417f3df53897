using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF103: <c>Entry(x).Collection(..).Load()</c>, <c>Entry(x).Reference(..).Load()</c> (and LoadAsync) or an executed
    /// <c>Entry(x).Collection(..).Query()…</c> inside a loop: one query per element where one Include would do.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF103ExplicitLoadInLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF103ExplicitLoadInLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore || types.NavigationEntry == null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation, OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            // The finding needs a loop around the call (or the foreach). Most calls have none, and walking up to find out
            // costs less than classifying the call as a query.
            if (!LoopModel.IsInsideLoop(context.Operation, types)
                || !EfQueryModel.TryGetExecution(context.Operation, types, out var execution)
                || (execution.Kind != EfExecutionKind.ExplicitLoad && execution.Root != EfQueryRoot.EntryQuery)
                || !LoopModel.TryGetEnclosingLoop(execution.Operation, types, out var loop)
                || loop == null
                || LoopExclusions.ExitsAfter(execution.Operation, loop)
                || LoopExclusions.IsRetry(execution.Operation, loop)
                || LoadsOneEntity(execution, loop))
            {
                return;
            }

            context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF103ExplicitLoadInLoop,
                PERF101QueryInLoopAnalyzer.GetLocation(execution.Operation),
                NavigationName(execution, types) ?? "a navigation"));
        }

        /// <summary>
        /// <c>foreach (var name in includes) await db.Entry(result).Reference(name).LoadAsync();</c>: the loop loads the
        /// navigations of one entity, the same every iteration (found in Sharebook's generic repository). Their number is
        /// fixed by the code, not by the data, and there is no query to add an <c>Include</c> to. The entry may be held in a
        /// local written once (<c>var old = oldEntry.Collection(name); await old.LoadAsync();</c>, found in Bookcrossing's
        /// generic repository).
        /// </summary>
        private static bool LoadsOneEntity(in EfExecution execution, LoopContext loop)
        {
            IOperation? current = execution.Operation;
            for (var depth = 0; current != null && depth < 16; depth++)
            {
                current = Infrastructure.OperationExtensions.WalkDownConversion(current);
                if (current is ILocalReferenceOperation local)
                {
                    if (!EfQueryModel.TryGetSingleValue(local, out current))
                    {
                        return false;
                    }

                    continue;
                }

                if (current is not IInvocationOperation call)
                {
                    return false;
                }

                if (call.TargetMethod.Name == "Entry" && call.Arguments.Length == 1)
                {
                    return !loop.DependsOnLoop(call.Arguments[0].Value);
                }

                current = EfQueryModel.GetSource(call);
            }

            return false;
        }

        /// <summary>The navigation named by <c>Collection(x => x.Orders)</c>, <c>Reference("Customer")</c> …, found down the chain.</summary>
        internal static string? NavigationName(in EfExecution execution, SemanticContext types)
        {
            IOperation? current = execution.Operation is IInvocationOperation invocation ? invocation : null;
            for (var depth = 0; current != null && depth < 16; depth++)
            {
                current = Infrastructure.OperationExtensions.WalkDownConversion(current);
                if (current is not IInvocationOperation call)
                {
                    return null;
                }

                var name = call.TargetMethod.Name;
                if ((name == "Collection" || name == "Reference" || name == "Navigation") && call.Arguments.Length == 1)
                {
                    var argument = Infrastructure.OperationExtensions.WalkDownConversion(call.Arguments[0].Value);
                    if (argument is IDelegateCreationOperation delegateCreation)
                    {
                        argument = delegateCreation.Target;
                    }

                    if (argument is ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } })
                    {
                        return text;
                    }

                    if (argument is IAnonymousFunctionOperation lambda && lambda.Body.Operations.Length == 1
                        && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }
                        && Infrastructure.OperationExtensions.WalkDownConversion(returned) is IPropertyReferenceOperation property)
                    {
                        return property.Property.Name;
                    }

                    if (argument.ConstantValue.HasValue && argument.ConstantValue.Value is string constant)
                    {
                        return constant;
                    }

                    return null;
                }

                current = EfQueryModel.GetSource(call);
            }

            return null;
        }
    }
}
