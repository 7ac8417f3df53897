using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// A handler that authenticates its caller in its own body (docs/rules/PERF301.md, "What is not flagged"): before any
    /// statement that could skip it, it calls a method of the application that reads the request's <c>Authorization</c>
    /// header and throws an Unauthorized error, itself or up to three calls down (SimpleIdServer's
    /// <c>await CheckAccessToken(prefix, scope)</c> at the top of every administration action, or a private method the
    /// action returns through that starts so). Such a handler requires
    /// authorization as surely as <c>[Authorize]</c> does.
    /// </summary>
    internal static class ImperativeAuthentication
    {
        /// <summary>How many calls below the handler's own call are read, as for the personalised reads.</summary>
        private const int MaxLevels = 3;
        private const int MaxFollowed = 24;

        /// <summary>
        /// Binds the bodies of the methods the handler calls first (once per method per compilation): asked only for a
        /// handler about to be reported.
        /// </summary>
        public static bool AuthenticatesFirst(IOperation? body, SemanticContext types, CancellationToken cancellationToken)
        {
            if (body == null || types.HeaderDictionary == null)
            {
                return false;
            }

            var calls = new List<IInvocationOperation>();
            CollectLeadingCalls(body is IMethodBodyOperation method ? method.BlockBody ?? method.ExpressionBody : body, calls);
            foreach (var call in calls)
            {
                var target = call.TargetMethod;
                if (target.IsAbstract || target.DeclaringSyntaxReferences.Length == 0 || !types.IsDeclaredInCompilation(target))
                {
                    continue;
                }

                if (types.AuthenticatesCaller(target, (checkedMethod, context) => ReadsHeaderAndRejects(checkedMethod, context, cancellationToken)))
                {
                    return true;
                }
            }

            return false;
        }

        // The calls of the statements that run on every request: those before the first statement that may skip what
        // follows (an if, a loop), also inside a leading try or using block, and the call a return hands back.
        private static void CollectLeadingCalls(IOperation? operation, List<IInvocationOperation> calls)
        {
            if (operation is not IBlockOperation block)
            {
                return;
            }

            foreach (var statement in block.Operations)
            {
                switch (statement)
                {
                    case IExpressionStatementOperation expression:
                        AddCall(expression.Operation, calls);
                        break;
                    case IVariableDeclarationGroupOperation group:
                        foreach (var declaration in group.Declarations)
                        {
                            foreach (var declarator in declaration.Declarators)
                            {
                                AddCall(declarator.Initializer?.Value ?? declaration.Initializer?.Value, calls);
                            }
                        }

                        break;
                    case IReturnOperation returned:
                        AddCall(returned.ReturnedValue, calls);
                        return;
                    case ITryOperation tryStatement:
                        CollectLeadingCalls(tryStatement.Body, calls);
                        return;
                    case IUsingOperation usingStatement:
                        CollectLeadingCalls(usingStatement.Body, calls);
                        return;
                    case IBlockOperation inner:
                        CollectLeadingCalls(inner, calls);
                        return;
                    default:
                        return;
                }
            }
        }

        // await CheckAccessToken(..), var (jwt, token) = await CheckAccessToken(..), .ConfigureAwait(false) too.
        private static void AddCall(IOperation? value, List<IInvocationOperation> calls)
        {
            while (value != null)
            {
                switch (value)
                {
                    case IAwaitOperation awaited:
                        value = awaited.Operation;
                        continue;
                    case IAssignmentOperation assignment:
                        value = assignment.Value;
                        continue;
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable }:
                        value = awaitable;
                        continue;
                    case IInvocationOperation invocation:
                        calls.Add(invocation);
                        return;
                    default:
                        return;
                }
            }
        }

        private static bool ReadsHeaderAndRejects(IMethodSymbol method, SemanticContext types, CancellationToken cancellationToken)
        {
            var readsHeader = false;
            var rejects = false;
            var followed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var level = new List<IMethodSymbol> { method };
            for (var depth = 0; depth <= MaxLevels && level.Count > 0; depth++)
            {
                var next = new List<IMethodSymbol>();
                foreach (var current in level)
                {
                    if (followed.Count >= MaxFollowed || !followed.Add(current.OriginalDefinition))
                    {
                        continue;
                    }

                    var body = CallerIdentityReads.SourceBody(current, types.Compilation, cancellationToken);
                    if (body == null)
                    {
                        continue;
                    }

                    foreach (var operation in body.DescendantsAndSelf())
                    {
                        switch (operation)
                        {
                            case IPropertyReferenceOperation property when CallerIdentityReads.IsAuthorizationHeader(property, types):
                                readsHeader = true;
                                break;
                            case IInvocationOperation invocation:
                                if (CallerIdentityReads.IsAuthorizationHeaderLookup(invocation, types))
                                {
                                    readsHeader = true;
                                }
                                else if (!invocation.TargetMethod.IsAbstract && invocation.TargetMethod.DeclaringSyntaxReferences.Length != 0
                                    && types.IsDeclaredInCompilation(invocation.TargetMethod))
                                {
                                    next.Add(invocation.TargetMethod);
                                }

                                break;
                            case IThrowOperation thrown when NamesUnauthorized(thrown.Exception):
                                rejects = true;
                                break;
                        }
                    }

                    if (readsHeader && rejects)
                    {
                        return true;
                    }
                }

                level = next;
            }

            return false;
        }

        // new UnauthorizedAccessException(), new OAuthException(HttpStatusCode.Unauthorized, ..), a status of 401.
        private static bool NamesUnauthorized(IOperation? exception)
        {
            if (exception == null)
            {
                return false;
            }

            foreach (var operation in exception.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IObjectCreationOperation { Type.Name: { } typeName }
                        when typeName.Contains("Unauthori") || typeName.Contains("Unauthenticated") || typeName.Contains("NotAuthenticated"):
                    case IFieldReferenceOperation { Field.Name: "Unauthorized" or "Status401Unauthorized" }:
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: 401 } }:
                        return true;
                }
            }

            return false;
        }
    }
}
