using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF105: <c>DbContext.SaveChanges</c> / <c>SaveChangesAsync</c> called once per iteration of a loop (N+1 writes),
    /// see docs/rules/PERF105.md. A save guarded per element (its own try/catch or transaction) is deliberate and left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PERF105SaveChangesInLoopAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property set when the save can move after the loop (the fix's precondition).</summary>
        public const string MovableProperty = "Movable";

        /// <summary>
        /// Diagnostic property set when the save happens inside a method the loop calls (docs/rules/PERF105.md, "Through a
        /// call"): there is no save in the loop to move, so no fix is offered.
        /// </summary>
        public const string ThroughCallProperty = "ThroughCall";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.PERF105SaveChangesInLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = SemanticContext.For(start.Compilation);
                if (!types.ReferencesEfCore)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeMethodGroup(c, types), OperationKind.MethodReference);
            });
        }

        /// <summary>
        /// True for <c>SaveChanges</c> / <c>SaveChangesAsync</c> on a DbContext (or an override of them), or on an interface of
        /// the application that stands for one (<c>IApplicationDbContext</c>, docs/rules/PERF105.md).
        /// </summary>
        internal static bool IsSaveChanges(IMethodSymbol method, SemanticContext types)
            => (method.Name == "SaveChanges" || method.Name == "SaveChangesAsync") && !method.IsStatic
            && (types.IsDbContext(method.ContainingType) || DeclaredDataAccess.IsContextInterface(method.ContainingType, types));

        private static void Analyze(OperationAnalysisContext context, SemanticContext types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!IsSaveChanges(invocation.TargetMethod, types))
            {
                AnalyzeCall(context, invocation, types);
                return;
            }

            if (EfQueryModel.IsInsideExpressionTree(invocation, types)
                || !LoopModel.TryGetEnclosingLoop(invocation, types, out var loop)
                || loop == null
                || LoopExclusions.ExitsAfter(invocation, loop)
                || LoopExclusions.IsPeriodicFlush(invocation, loop)
                || LoopExclusions.IsKeyedBranch(invocation, loop, types)
                || IsGuardedPerElement(invocation, loop, types)
                || LoopExclusions.IsBatchLoop(loop, types)
                || LoopExclusions.ClosesALoopsBatches(invocation, types))
            {
                return;
            }

            ReportMovable(context, invocation, loop, loop.Description, SaveOnceAdvice, types);
        }

        // At the save (or the call that is the save), with the property the fix moves it by when it can be moved.
        private static void ReportMovable(OperationAnalysisContext context, IInvocationOperation save, LoopContext loop, string description, string advice, SemanticContext types)
            => context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF105SaveChangesInLoop,
                save.Syntax.GetLocation(),
                IsMovable(save, loop, types) ? ImmutableDictionary<string, string?>.Empty.Add(MovableProperty, "true") : ImmutableDictionary<string, string?>.Empty,
                save.TargetMethod.Name,
                description,
                advice));

        // The save is in the loop: move it. Through a call it is in the called method, which has to change with the loop
        // (FluentCMS's template loops call services that save each entity).
        private const string SaveOnceAdvice = "make the changes in the loop and save once after it";

        private static string SaveOnceThroughAdvice(string callee)
            => $"give '{callee}' a form that leaves the save to the caller, or takes the whole batch, and save once after the loop";

        /// <summary>
        /// A call, inside a loop, of an application method that saves the context on every call (a service's update
        /// method, a unit of work's <c>SaveChangesAsync</c>): reported at the call with the path to the save. Cheap checks
        /// first: a loop around the call, a method declared in source or an interface; the callee's summary last.
        /// </summary>
        private static void AnalyzeCall(OperationAnalysisContext context, IInvocationOperation call, SemanticContext types)
        {
            if (!LoopModel.IsInsideLoop(call, types)
                || !RunSummary.IsCandidateCallInLoop(call, types, out var loop)
                || IsGuardedPerElement(call, loop, types)
                || LoopExclusions.IsBatchLoop(loop, types)
                || LoopExclusions.ClosesALoopsBatches(call, types))
            {
                return;
            }

            var path = RunSummary.Saves.GetPath(call, types);
            if (path.Count == 0)
            {
                return;
            }

            if (IsUnitOfWorkSave(call.TargetMethod))
            {
                // The called method is the save itself (a repository's or unit of work's SaveChangesAsync/CommitAsync): it
                // is moved like a save in the loop, and the fix can move it.
                ReportMovable(context, call, loop, RunSummary.DescribeThrough(path, loop), CallOnceAdvice(call.TargetMethod.Name), types);
                return;
            }

            ReportThroughCall(context, call, call.TargetMethod.Name, RunSummary.DescribeThrough(path, loop));
        }

        private static string CallOnceAdvice(string callee) => $"make the changes in the loop and call '{callee}' once after it";

        /// <summary>
        /// A method that only commits what the context tracks: named for a save or a commit (<c>SaveChangesAsync</c>,
        /// <c>Save</c>, <c>CommitAsync</c>, <c>Complete</c>, <c>SaveEntitiesAsync</c>) and given nothing but a cancellation
        /// token or a flag, so it cannot be the step that makes an element's change (docs/rules/PERF105.md, "Through a call").
        /// </summary>
        private static bool IsUnitOfWorkSave(IMethodSymbol method)
        {
            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
            if (name is not ("SaveChanges" or "Save" or "Commit" or "CommitChanges" or "Complete" or "SaveEntities"))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.SpecialType != SpecialType.System_Boolean
                    && parameter.Type.Name != "CancellationToken")
                {
                    return false;
                }
            }

            return true;
        }

        // At the call or the method's name, with the path to the save; ThroughCall: there is no save in the loop to move.
        private static void ReportThroughCall(OperationAnalysisContext context, IOperation at, string callee, string description)
            => context.ReportOutsideGeneratedCode(Diagnostic.Create(
                Descriptors.PERF105SaveChangesInLoop,
                at.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ThroughCallProperty, "true"),
                callee,
                description,
                SaveOnceThroughAdvice(callee)));

        /// <summary>
        /// <c>orders.ForEach(SaveOrder)</c> where the application's method saves the context: the operator calls it once per
        /// element, N+1 writes through a call (docs/rules/PERF105.md, "Through a call"), as PERF101 reads a method passed so
        /// that queries. Reported at the method's name with the path; no fix. Cheap checks first: a method group given to a
        /// framework per-element operator, a method of the application; the summary last.
        /// </summary>
        private static void AnalyzeMethodGroup(OperationAnalysisContext context, SemanticContext types)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            var method = reference.Method;
            if (!LoopModel.IsPerElementMethodGroup(reference, types, out var repetition) || !RunSummary.MaySummarise(method, types))
            {
                return;
            }

            var path = RunSummary.Saves.GetPath(method, types);
            if (path.Count > 0)
            {
                ReportThroughCall(context, reference, method.Name, RunSummary.DescribeThrough(path, repetition));
            }
        }

        /// <summary>
        /// Each element saved on its own on purpose: the save sits in a try block with a catch inside the loop (one failure
        /// must not lose the others) or in such a catch, or the loop body begins a transaction (one transaction per element).
        /// </summary>
        private static bool IsGuardedPerElement(IOperation save, LoopContext loop, SemanticContext types)
        {
            var child = save;
            for (var current = save.Parent; current != null && current != loop.Loop; child = current, current = current.Parent)
            {
                if (current is ITryOperation tryOperation && child == tryOperation.Body && IsolatesAFailure(tryOperation, loop.Loop as ILoopOperation))
                {
                    return true;
                }

                // The catch of such a try records that one element failed (an outbox marking an event as failed): the
                // same per-element handling, on the error path.
                if (current is ICatchClauseOperation)
                {
                    return true;
                }

                if (current is IConditionalOperation conditional && child == conditional.WhenTrue && RecordsAnOutcome(conditional.Condition, loop))
                {
                    return true;
                }
            }

            var body = loop.Loop is ILoopOperation loopOperation ? loopOperation.Body : loop.Loop;
            foreach (var descendant in body.Descendants())
            {
                if (descendant is IInvocationOperation call
                    && call.TargetMethod.Name.StartsWith("BeginTransaction", StringComparison.Ordinal))
                {
                    return true;
                }

                if (descendant is IVariableDeclaratorOperation declarator && SymbolFacts.IsOrImplements(declarator.Symbol.Type, types.IDbContextTransaction))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>if (result.Success)</c> where <c>result</c> is declared in the iteration from a call: the save records that the
        /// element's side effect (a request sent to another service, a message published) succeeded, one element at a
        /// time, so that a failure later in the loop does not send it again (found in Ombi's resend job). Saving after the
        /// loop would lose that record.
        /// </summary>
        private static bool RecordsAnOutcome(IOperation condition, LoopContext loop)
        {
            foreach (var descendant in condition.DescendantsAndSelf())
            {
                if (descendant is IPropertyReferenceOperation { Property.Name: "Success" or "IsSuccess" or "Succeeded" or "IsSuccessful" or "IsSuccessStatusCode" } outcome
                    && outcome.Instance?.WalkDownConversion() is ILocalReferenceOperation { Local: var local }
                    && loop.IsDeclaredInsideLoop(local)
                    && IsInitialisedFromACall(local))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInitialisedFromACall(ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var value })
                {
                    if (value is AwaitExpressionSyntax awaited)
                    {
                        value = awaited.Expression;
                    }

                    return value is InvocationExpressionSyntax;
                }
            }

            return false;
        }

        /// <summary>
        /// A try whose catches let the code go on after a failure: one of them does not end by throwing. A catch that logs
        /// and rethrows (<c>catch (DbUpdateException e) { log(e); throw; }</c>) isolates nothing: the first failure still ends
        /// the loop (found in osharp's <c>SaveChangesAsync</c> override). Inside the loop, neither does a catch that ends by
        /// leaving it (<c>break</c>, <c>return</c>): it records the failure and stops at the first one (found in AliasVault's
        /// task runner). A per-element lambda is no loop here: a <c>return</c> from it goes on with the next element. Nor does
        /// a catch that ends by calling a throw helper (<c>catch (Exception ex) { await HandleExceptionAsync(ex); }</c> over
        /// <c>Task HandleExceptionAsync(Exception ex) { throw new MixException(..); }</c>, found in mixcore's repositories).
        /// </summary>
        internal static bool IsolatesAFailure(ITryOperation tryOperation, ILoopOperation? loop = null)
        {
            foreach (var clause in tryOperation.Catches)
            {
                var statements = clause.Handler.Operations;
                var last = statements.IsEmpty ? null : statements[statements.Length - 1];
                if (last is IExpressionStatementOperation expression)
                {
                    last = expression.Operation;
                }

                if (last is not IThrowOperation && !(last != null && loop != null && LoopExclusions.IsExit(last, loop)) && !CallsAThrowHelper(last))
                {
                    return true;
                }

                // catch (Exception e) { if (e.IsUniqueKeyConstraintException()) { log(..); continue; } throw; }: the failures
                // it goes on after are isolated, whatever it rethrows (found in an apprenticeship payments service, which
                // saves data-lock events one by one to discard duplicates).
                if (loop != null && ContinuesTheLoop(clause.Handler, loop))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContinuesTheLoop(IBlockOperation handler, ILoopOperation loop)
        {
            foreach (var descendant in handler.Descendants())
            {
                if (descendant is IBranchOperation { BranchKind: BranchKind.Continue, Target: var target } && SymbolEqualityComparer.Default.Equals(target, loop.ContinueLabel))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool CallsAThrowHelper(IOperation? last)
        {
            if (last is IAwaitOperation awaited)
            {
                last = awaited.Operation;
            }

            return last is IInvocationOperation { TargetMethod: var method } && AlwaysThrows(method);
        }

        /// <summary>
        /// A method that never returns: marked <c>[DoesNotReturn]</c>, or one with a body in source that no override can
        /// replace and whose body ends by throwing with no <c>return</c> in it (<c>=&gt; throw ..</c>, <c>{ ..; throw ..; }</c>).
        /// Read from syntax, only for a catch that does not end in a <c>throw</c> of its own.
        /// </summary>
        private static bool AlwaysThrows(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" } marker
                    && SymbolFacts.IsNamespace(marker.ContainingNamespace, "System.Diagnostics.CodeAnalysis"))
                {
                    return true;
                }
            }

            if (method.IsVirtual || method.IsAbstract || (method.IsOverride && !method.IsSealed) || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            if (declaration.ExpressionBody != null)
            {
                return declaration.ExpressionBody.Expression is ThrowExpressionSyntax;
            }

            if (declaration.Body is not { Statements: { Count: > 0 } body } || body[body.Count - 1] is not ThrowStatementSyntax)
            {
                return false;
            }

            foreach (var node in declaration.Body.DescendantNodes())
            {
                if (node is ReturnStatementSyntax)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The save is the last statement of a for/foreach body, its result unused, the loop body has no early exit
        /// (return, break, throw, goto) and the save reads nothing that changes per iteration: moving it after the loop
        /// saves the same changes once. Anything after the save in the body (a generated key read back) blocks it.
        /// </summary>
        private static bool IsMovable(IInvocationOperation save, LoopContext loop, SemanticContext types)
        {
            if (!(loop.Loop is IForEachLoopOperation || loop.Loop is IForLoopOperation) || loop.DependsOnLoop(save))
            {
                return false;
            }

            var statement = save.Parent is IAwaitOperation awaited ? awaited.Parent : save.Parent;
            if (statement is not IExpressionStatementOperation
                || statement.Parent is not IBlockOperation block
                || block != ((ILoopOperation)loop.Loop).Body
                || block.Operations.IsEmpty
                || block.Operations[block.Operations.Length - 1] != statement)
            {
                return false;
            }

            foreach (var descendant in block.Descendants())
            {
                switch (descendant)
                {
                    case IReturnOperation _:
                    case IThrowOperation _:
                    case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.GoTo }:
                        return false;
                    case IInvocationOperation or IForEachLoopOperation when descendant != save && ReadsTheDatabase(descendant, types):
                        // A query in the loop may read back what an earlier iteration saved (a get-or-create by name):
                        // saving once after the loop would change its answers.
                        return false;
                }
            }

            return true;
        }

        /// <summary>A query run here (an execution, a foreach over a query, an Identity store read) or through a call.</summary>
        private static bool ReadsTheDatabase(IOperation operation, SemanticContext types)
            => EfQueryModel.TryGetExecution(operation, types, out _)
                || IdentityStoreCalls.QueryName(operation, types) != null
                || (operation is IInvocationOperation call && RunSummary.Queries.GetPath(call, types).Count > 0);
    }
}
