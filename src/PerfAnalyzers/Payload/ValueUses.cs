using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// Where a value goes: the operation that consumes it directly (past conversions, <c>await</c>,
    /// <c>ConfigureAwait</c>), or, when it is stored in a local, the consumers of every read of that local.
    /// Each use returned is the outermost operation that still stands for the value; its <c>Parent</c> consumes it.
    /// </summary>
    internal static class ValueUses
    {
        /// <summary>Returns false when the value escapes in a way we cannot follow (written to a field, ref, a second write).</summary>
        public static bool TryCollect(IOperation value, List<IOperation> uses)
        {
            var top = value.ClimbToValueUse();
            if (top.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return CollectLocalReads(top, declarator.Symbol, uses);
            }

            if (top.Parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment && assignment.Value == top)
            {
                return CollectLocalReads(top, target.Local, uses);
            }

            // await query.ToListAsync() is List<SessionResponse> model ? Results.Ok(model) : Results.NotFound(): the pattern's
            // local holds the value itself (found in ConferencePlanner's session list).
            if (top.Parent is IIsPatternOperation { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol patternLocal } } test
                && test.Value == top)
            {
                return CollectLocalReads(top, patternLocal, uses);
            }

            uses.Add(top);
            return true;
        }

        /// <summary>The invocation or object creation that receives <paramref name="use"/> as an argument, and the parameter.</summary>
        public static IOperation? ReceivingCall(IOperation use, out IParameterSymbol? parameter)
        {
            parameter = null;
            if (use.Parent is IArgumentOperation argument)
            {
                parameter = argument.Parameter;
                return argument.Parent;
            }

            return null;
        }

        private static bool CollectLocalReads(IOperation write, ILocalSymbol local, List<IOperation> uses)
        {
            var writtenElsewhere = false;
            foreach (var operation in OperationTreeIndex.For(write).Occurrences(local))
            {
                // var json = await first(); .. json = await second(): the declaration is a write too. The reads are still
                // collected for callers that only look for one use (PERF401's return).
                if (operation is IVariableDeclaratorOperation declarator
                    && declarator.GetVariableInitializer() is { } initializer
                    && !write.IsWithin(initializer))
                {
                    writtenElsewhere = true;
                }

                if (operation is ILocalReferenceOperation reference)
                {
                    if (reference.Parent is IAssignmentOperation assigned && assigned.Target == reference)
                    {
                        if (assigned.Value != write && !write.IsWithin(assigned))
                        {
                            return false;
                        }

                        continue;
                    }

                    if (reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None })
                    {
                        return false;
                    }

                    uses.Add(reference.ClimbToValueUse());
                }
            }

            return !writtenElsewhere;
        }
    }
}
