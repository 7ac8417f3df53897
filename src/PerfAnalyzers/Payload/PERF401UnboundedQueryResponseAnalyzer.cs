using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Database;
using PerfAnalyzers.Handlers;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Options;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// PERF401: a request handler returns (directly, through <c>Ok</c>/<c>Results.Ok</c>/<c>TypedResults.Ok</c>/<c>Json</c>/
    /// <c>new ObjectResult</c>, or through a local) an EF query materialised with <c>ToList(Async)</c>/<c>ToArray(Async)</c>
    /// that has no <c>Take</c> and no paging helper: the whole table is buffered before the first byte is sent.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF401UnboundedQueryResponseAnalyzer : DiagnosticAnalyzer
    {
        public const string PageSizeProperty = "PageSize";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF401UnboundedQueryResponse);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore || types.Handlers is not RequestHandlerModel handlers)
                {
                    return;
                }

                var pageSizes = new PerTreeOptions<int>(start.Options, options =>
                    PerfOptions.GetInt(options, DiagnosticIds.UnboundedQueryResponse, "default_page_size", 50, 1, 100000));
                start.RegisterOperationAction(operation => Analyze(operation, handlers, types, pageSizes), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, RequestHandlerModel handlers, SemanticContext types, PerTreeOptions<int> pageSizes)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is not ("ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync")
                || !EfQueryModel.TryGetExecution(invocation, types, out var execution)
                || execution.Kind != EfExecutionKind.Materialise
                || IsPaged(execution.Query))
            {
                return;
            }

            var uses = new List<IOperation>();
            ValueUses.TryCollect(invocation, uses);
            foreach (var use in uses)
            {
                if (ReturnedFromHandler(use, types, handlers, context.ContainingSymbol))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(
                        PageSizeProperty, pageSizes.Get(invocation.Syntax.SyntaxTree).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.PERF401UnboundedQueryResponse, invocation.Syntax.GetLocation(), properties, invocation.TargetMethod.Name));
                    return;
                }
            }
        }

        /// <summary>Take anywhere in the chain (through locals), or a helper method of the user's that takes a page size.</summary>
        private static bool IsPaged(IOperation? query)
        {
            for (var depth = 0; query != null && depth < 32; depth++)
            {
                query = query.WalkDownConversion();
                if (query is ITranslatedQueryOperation translated)
                {
                    query = translated.Operation;
                    continue;
                }

                if (query is ILocalReferenceOperation local)
                {
                    query = EfQueryModel.TryGetSingleValue(local, out var value) ? value : null;
                    continue;
                }

                if (query is not IInvocationOperation call)
                {
                    return false;
                }

                var method = call.TargetMethod;
                if (method.Name is "Take" or "TakeLast" || IsPagingHelper(method))
                {
                    return true;
                }

                query = EfQueryModel.GetSource(call);
            }

            return false;
        }

        private static bool IsPagingHelper(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                var name = parameter.Name;
                if (parameter.Type.SpecialType == SpecialType.System_Int32
                    && (name.IndexOf("size", StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("take", StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("limit", StringComparison.OrdinalIgnoreCase) >= 0
                        || name.IndexOf("top", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReturnedFromHandler(IOperation use, SemanticContext types, RequestHandlerModel handlers, ISymbol containingSymbol)
        {
            if (IsResponseWrapper(ValueUses.ReceivingCall(use, out _), types) is { } wrapper)
            {
                use = ValueUses.Climb(wrapper);
            }

            return use.Parent is IReturnOperation returned && IsHandlerBody(returned, handlers, containingSymbol);
        }

        private static IOperation? IsResponseWrapper(IOperation? call, SemanticContext types)
        {
            switch (call)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name is "Ok" or "Json":
                    var container = invocation.TargetMethod.ContainingType;
                    return SymbolFacts.IsOrDerivesFrom(container, types.ControllerBase) || SymbolFacts.Is(container, types.Results) || SymbolFacts.Is(container, types.TypedResults)
                        ? invocation
                        : null;
                case IObjectCreationOperation creation when creation.Type?.Name is "ObjectResult" or "OkObjectResult" or "JsonResult"
                        && creation.Type.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc":
                    return creation;
                default:
                    return null;
            }
        }

        private static bool IsHandlerBody(IOperation returned, RequestHandlerModel handlers, ISymbol containingSymbol)
        {
            for (var current = returned.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return handlers.IsMinimalApiHandler(lambda);
                    case ILocalFunctionOperation local:
                        return handlers.IsMinimalApiHandler(local);
                }
            }

            return containingSymbol is IMethodSymbol method && handlers.IsRequestHandler(method);
        }
    }
}
