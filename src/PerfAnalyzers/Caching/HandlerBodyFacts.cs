using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// What PERF301 reads from a handler body: whether it can return a response body, and whether it
    /// states a caching policy itself (cache headers written, typed headers set, a file result with
    /// lastModified/entityTag).
    /// </summary>
    internal static class HandlerBodyFacts
    {
        private static readonly HashSet<string> CacheHeaderNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Cache-Control", "ETag", "Last-Modified", "Expires",
        };

        private static readonly HashSet<string> CacheHeaderMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "CacheControl", "ETag", "LastModified", "Expires",
        };

        private static readonly HashSet<string> BodilessResultsMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "NoContent", "Redirect", "LocalRedirect", "RedirectToRoute", "Challenge", "Forbid", "SignIn", "SignOut",
            "Unauthorized", "StatusCode",
        };

        // Results.X(value = null): no body when the value is left out.
        private static readonly HashSet<string> OptionalValueResultsMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Ok", "NotFound", "BadRequest", "Conflict", "UnprocessableEntity", "Accepted", "AcceptedAtRoute", "InternalServerError",
        };

        // Results.X(..) that always answer with an error status (4xx/5xx): never a response worth a caching policy.
        private static readonly HashSet<string> ErrorResultsMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "NotFound", "BadRequest", "Conflict", "UnprocessableEntity", "InternalServerError", "Problem", "ValidationProblem",
        };

        // Result types that always carry an error status, in Microsoft.AspNetCore.Mvc and Microsoft.AspNetCore.Http.HttpResults.
        private static readonly HashSet<string> ErrorResultTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "BadRequestObjectResult", "NotFoundObjectResult", "ConflictObjectResult", "UnprocessableEntityObjectResult", "UnauthorizedObjectResult",
            "BadRequest", "NotFound", "Conflict", "UnprocessableEntity", "InternalServerError", "ProblemHttpResult", "ValidationProblem",
        };

        /// <summary>True when the handler can send a response body (a value, or a result that may carry one).</summary>
        public static bool ReturnsData(IMethodSymbol method, IOperation? body, SemanticContext types)
        {
            var type = method.ReturnType;
            if (method.ReturnsVoid || SymbolFacts.Is(type, types.Task) || SymbolFacts.Is(type, types.ValueTask))
            {
                return false;
            }

            type = types.AwaitedType(type);
            if (type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (body == null)
            {
                return true;
            }

            // The values the body returns, collected once for every question below.
            var returned = ReturnedValues(body);
            if (OnlyThrows(returned))
            {
                return false;
            }

            if (!IsResultType(type, types))
            {
                return !OnlyConstants(returned);
            }

            return !OnlyBodilessOrViews(returned, types, helperLevels: HelperLevels, helperCall: null) && !AnswersWithAnErrorStatus(body, returned, types);
        }

        /// <summary>
        /// <c>Response.StatusCode = 403; return Content("Access Denied");</c>: the body sets a constant error status (400 to
        /// 599) on the response as a statement of its own block, never sets another, and returns only results that keep the
        /// response's status (<c>Content</c>, <c>View</c>, <c>PartialView</c>, <c>Json</c>, <c>Text</c> without a status of
        /// their own). An error page has nothing a cache should keep (docs/rules/PERF301.md; found in Moonglade's access
        /// denied page).
        /// </summary>
        private static bool AnswersWithAnErrorStatus(IOperation body, List<IOperation> returned, SemanticContext types)
        {
            // The returned results first: almost every handler that gets here returns data (Ok(..), an object) and is
            // ruled out by its first return, before its whole body is walked for a status.
            if (returned.Count == 0)
            {
                return false;
            }

            foreach (var value in returned)
            {
                if (value.WalkDownConversion() is not IInvocationOperation { TargetMethod.Name: "Content" or "View" or "PartialView" or "Json" or "Text" } result)
                {
                    return false;
                }

                foreach (var argument in result.Arguments)
                {
                    if (argument.Parameter?.Name == "statusCode" && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        return false;
                    }
                }
            }

            var errorStatusSet = false;
            foreach (var descendant in body.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StatusCode" } target } assignment
                    && SymbolFacts.IsOrDerivesFrom(target.Property.ContainingType, types.HttpResponse))
                {
                    if (!IsErrorStatus(assignment.Value, helperCall: null)
                        || assignment.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block }
                        || block.Parent is not (IMethodBodyOperation or IAnonymousFunctionOperation or null) && block != body)
                    {
                        return false;
                    }

                    errorStatusSet = true;
                }
            }

            return errorStatusSet;
        }

        /// <summary>
        /// True when the body returns nothing but throws: <c>=&gt; throw null!</c>, or a block without a <c>return</c> (a
        /// retired API version's placeholder actions, found in a teaching-record API). It never sends a body.
        /// </summary>
        private static bool OnlyThrows(List<IOperation> returned)
        {
            foreach (var value in returned)
            {
                if (value.WalkDownConversion() is not IThrowOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>public HttpStatusCode GetStatus() =&gt; HttpStatusCode.OK;</c>: every returned value is a constant status (an
        /// enum member, a number or a bool). Nothing is computed that a cache would save, and such an endpoint is a
        /// liveness ping a cache would hide (found in Ombi's <c>api/v1/Status</c>). A constant string is still taken for
        /// data: it may be content (a version, a document).
        /// </summary>
        private static bool OnlyConstants(List<IOperation> returned)
        {
            foreach (var value in returned)
            {
                var constant = value.WalkDownConversion();
                if (!constant.ConstantValue.HasValue || constant.ConstantValue.Value is null or string)
                {
                    return false;
                }
            }

            return returned.Count > 0;
        }

        /// <summary>
        /// How deep a handler's result helpers are followed: <c>SignIn</c> returning <c>RedirectToLocal(url)</c>, which
        /// returns <c>Redirect(url)</c> or <c>RedirectToHome()</c>, which returns <c>RedirectToAction(..)</c> (found in a
        /// school-performance site's sign-in, reported as returning data while it only redirects or challenges).
        /// </summary>
        private const int HelperLevels = 3;

        /// <summary>
        /// True when every value the body returns is bodiless (status codes, redirects, challenges) or a
        /// server-rendered view. A call to a helper declared in source (e.g. <c>this.LoadingPage(..)</c>) is judged
        /// by the helper's own returns, <paramref name="helperLevels"/> levels deep.
        /// </summary>
        private static bool OnlyBodilessOrViews(IOperation body, SemanticContext types, int helperLevels, IInvocationOperation? helperCall = null)
            => OnlyBodilessOrViews(ReturnedValues(body), types, helperLevels, helperCall);

        private static bool OnlyBodilessOrViews(List<IOperation> returned, SemanticContext types, int helperLevels, IInvocationOperation? helperCall)
        {
            foreach (var value in returned)
            {
                // A return that does not bind (half-typed code, a missing reference) tells nothing: stay silent. So does an
                // awaited call that does not bind (a retry library's ExecuteAsync when the package is missing), unless a
                // lambda it is given returns data (a cache's GetOrCreateAsync(key, async () => Content(xml)), Moonglade's feeds).
                if (value.WalkDownConversion() is IInvalidOperation || value.Type?.TypeKind == TypeKind.Error
                    || IsUnboundAwaitHandingNoData(value, types))
                {
                    continue;
                }

                if (!SendsNoData(value, types, helperLevels, helperCall))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>await unbound.Call(..)</c>, where the call does not bind (its package is missing) and no lambda it is given returns
        /// data: nothing to judge.
        /// </summary>
        private static bool IsUnboundAwaitHandingNoData(IOperation value, SemanticContext types)
        {
            if (value.WalkDownConversion() is not IAwaitOperation awaited)
            {
                return false;
            }

            var awaitedCall = WithoutAwait(awaited);
            if (awaitedCall is not IInvalidOperation && awaitedCall.Type?.TypeKind != TypeKind.Error)
            {
                return false;
            }

            // The lambda's returns are read as written: with no delegate type to convert to, they may carry an error type.
            var returned = new List<IOperation>();
            foreach (var operation in awaitedCall.DescendantsAndSelf())
            {
                if (operation is IAnonymousFunctionOperation { Body: var body })
                {
                    CollectReturnedValues(body, returned);
                }
            }

            foreach (var lambdaReturn in returned)
            {
                if (!SendsNoData(lambdaReturn, types, helperLevels: 0, helperCall: null))
                {
                    return false;
                }
            }

            return true;
        }

        // Each branch of a conditional on its own: broken ? StatusCode(500, error) : Redirect("/").
        private static bool SendsNoData(IOperation value, SemanticContext types, int helperLevels, IInvocationOperation? helperCall)
        {
            value = value.WalkDownConversion();
            if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                return SendsNoData(conditional.WhenTrue, types, helperLevels, helperCall) && SendsNoData(whenFalse, types, helperLevels, helperCall);
            }

            // RedirectToConfiguredWallet(store) ?? RedirectToAction(..): either side is what is sent.
            if (value is ICoalesceOperation coalesce)
            {
                return SendsNoData(coalesce.Value, types, helperLevels, helperCall) && SendsNoData(coalesce.WhenNull, types, helperLevels, helperCall);
            }

            // A null result: MVC answers 204 without a body.
            if (value.ConstantValue is { HasValue: true, Value: null })
            {
                return true;
            }

            return IsBodiless(value, types) || IsView(value, types) || IsErrorResponse(value, types, helperCall)
                || (helperLevels > 0 && IsHelperReturningOnlyBodilessOrViews(value, types, helperLevels))
                || MatchesOnlyToNoData(value, types, helperLevels, helperCall)
                || (helperCall != null && IsHandedInByTheCaller(value, types, helperCall))
                || IsLocalHoldingNoData(value, types, helperLevels, helperCall);
        }

        /// <summary>
        /// <c>IActionResult result = SignOut(properties, schemes); ..; return result;</c>: a local every write of which is a
        /// result that sends no data (the shape of an education department's sign-in helper, which audits the sign-out
        /// before it returns the result it made first; and of BTCPay Server's store index, which picks one of three
        /// redirects into <c>IActionResult? redirect = null;</c>). A local declared with <c>var</c> has the result's own
        /// type and is body-less by it already.
        /// </summary>
        private static bool IsLocalHoldingNoData(IOperation value, SemanticContext types, int helperLevels, IInvocationOperation? helperCall)
        {
            if (value is not ILocalReferenceOperation local || !Database.EfQueryModel.TryGetWrittenValues(local, out var written))
            {
                return false;
            }

            // A write that reads the local back (answer = answer ?? Json(..)) is not followed again: it may send data.
            var following = localsFollowed ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            if (!following.Add(local.Local))
            {
                return false;
            }

            try
            {
                foreach (var write in written)
                {
                    if (!SendsNoData(write, types, helperLevels, helperCall))
                    {
                        return false;
                    }
                }

                return true;
            }
            finally
            {
                following.Remove(local.Local);
            }
        }

        // The locals whose writes are being read on this thread (a write may read another local, or the same one).
        [ThreadStatic]
        private static HashSet<ILocalSymbol>? localsFollowed;

        /// <summary>
        /// In a helper being followed, a result that the caller handed in: a parameter (<c>return fallback;</c>), what a
        /// delegate parameter returns (<c>return await action();</c>), or what a library's generic method gives back from
        /// them (<c>return await policy.ExecuteAsync(action);</c>, declared to return its type argument), judged by the
        /// arguments at <paramref name="helperCall"/>. The library case also requires that the helper creates no result of
        /// its own, so that only what the caller handed in can come back (found in Pitstop's web app, whose GET actions
        /// render views through a Polly retry helper: <c>ExecuteResilient(async () =&gt; View(model), View("Offline"))</c>).
        /// </summary>
        private static bool IsHandedInByTheCaller(IOperation value, SemanticContext types, IInvocationOperation helperCall)
        {
            value = WithoutAwait(value);
            var helper = helperCall.TargetMethod.OriginalDefinition;
            if (value is IParameterReferenceOperation parameter)
            {
                return IsParameterOf(parameter.Parameter, helper) && ArgumentSendsNoData(helperCall, parameter.Parameter, types);
            }

            if (value is not IInvocationOperation call)
            {
                return false;
            }

            if (IsDelegateParameterCall(call, helper, out var delegateParameter))
            {
                return ArgumentSendsNoData(helperCall, delegateParameter, types);
            }

            if (!IsGenericPassThrough(call, types))
            {
                return false;
            }

            var handedIn = 0;
            foreach (var helperParameter in helper.Parameters)
            {
                if (!CarriesAResult(helperParameter.Type, types))
                {
                    continue;
                }

                if (!ArgumentSendsNoData(helperCall, helperParameter, types))
                {
                    return false;
                }

                handedIn++;
            }

            return handedIn > 0 && CreatesNoResultOfItsOwn(value, helper, types);
        }

        /// <summary>The task an await waits on, past conversions and <c>ConfigureAwait(false)</c>; the value itself when not awaited.</summary>
        private static IOperation WithoutAwait(IOperation value)
        {
            value = value.WalkDownConversion();
            if (value is IAwaitOperation awaited)
            {
                value = awaited.Operation;
            }

            return Async.TaskCompletionFlow.StripConfigureAwait(value) ?? value;
        }

        private static bool IsParameterOf(IParameterSymbol parameter, IMethodSymbol helper)
            => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, helper);

        private static bool IsDelegateParameterCall(IInvocationOperation call, IMethodSymbol helper, out IParameterSymbol parameter)
        {
            parameter = null!;
            if (call.TargetMethod.MethodKind != MethodKind.DelegateInvoke
                || call.Instance?.WalkDownConversion() is not IParameterReferenceOperation reference
                || !IsParameterOf(reference.Parameter, helper))
            {
                return false;
            }

            parameter = reference.Parameter;
            return true;
        }

        /// <summary>A method outside the compilation declared to return its own type argument (<c>Task&lt;TResult&gt; ExecuteAsync&lt;TResult&gt;(..)</c>).</summary>
        private static bool IsGenericPassThrough(IInvocationOperation call, SemanticContext types)
            => call.TargetMethod.DeclaringSyntaxReferences.IsEmpty
            && types.AwaitedType(call.TargetMethod.OriginalDefinition.ReturnType) is ITypeParameterSymbol;

        /// <summary>A result type, or a delegate that returns one (<c>Func&lt;Task&lt;IActionResult&gt;&gt;</c>).</summary>
        private static bool CarriesAResult(ITypeSymbol type, SemanticContext types)
            => IsResultType(type, types)
            || (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } && IsResultType(types.AwaitedType(invoke.ReturnType), types));

        /// <summary>
        /// The argument given for <paramref name="parameter"/> at the call: a lambda whose every return sends no data, or a
        /// value that sends none (<c>View("Offline")</c>). A method group, a default value or anything else is taken as data.
        /// </summary>
        private static bool ArgumentSendsNoData(IInvocationOperation helperCall, IParameterSymbol parameter, SemanticContext types)
        {
            foreach (var argument in helperCall.Arguments)
            {
                if (argument.Parameter?.Ordinal != parameter.Ordinal || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                var given = argument.Value.WalkDownConversion();
                if (given is IDelegateCreationOperation delegateCreation)
                {
                    return delegateCreation.Target is IAnonymousFunctionOperation { Body: var body }
                        && OnlyBodilessOrViews(body, types, helperLevels: 0);
                }

                return SendsNoData(given, types, helperLevels: 0, helperCall: null);
            }

            return false;
        }

        /// <summary>
        /// The helper's body creates no result itself: no result object, no lambda returning one, and no call returning one
        /// other than its delegate parameters and generic pass-throughs, so a library call can only give back what was handed in.
        /// </summary>
        private static bool CreatesNoResultOfItsOwn(IOperation inHelper, IMethodSymbol helper, SemanticContext types)
        {
            foreach (var operation in OperationTreeIndex.Root(inHelper).DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IObjectCreationOperation { Type: { } created } when IsResultType(created, types):
                        return false;
                    case IAnonymousFunctionOperation lambda when IsResultType(types.AwaitedType(lambda.Symbol.ReturnType), types):
                        return false;
                    case IInvocationOperation call when IsResultType(types.AwaitedType(call.TargetMethod.ReturnType), types)
                        && !IsDelegateParameterCall(call, helper, out _) && !IsGenericPassThrough(call, types):
                        return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>either.Match&lt;IActionResult&gt;(Left: _ =&gt; new NotFoundResult(), Right: uri =&gt; new RedirectResult(..))</c>: a
        /// functional library's <c>Match</c> whose every case is a lambda that returns only results without data (found in
        /// ErsatzTV's media redirects, written with LanguageExt). A case given as a value or a method group is not read.
        /// </summary>
        private static bool MatchesOnlyToNoData(IOperation value, SemanticContext types, int helperLevels, IInvocationOperation? helperCall)
        {
            if (value is not IInvocationOperation { TargetMethod.Name: "Match" } match)
            {
                return false;
            }

            var cases = 0;
            for (var index = 0; index < match.Arguments.Length; index++)
            {
                var argument = match.Arguments[index];
                if (index == 0 && match.TargetMethod.IsExtensionMethod)
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.Value.WalkDownConversion() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body: var body } }
                    || !OnlyBodilessOrViews(body, types, helperLevels, helperCall))
                {
                    return false;
                }

                cases++;
            }

            return cases > 0;
        }

        /// <summary>
        /// True for a result that always answers with an error status (<c>BadRequest("..")</c>, <c>Problem(..)</c>,
        /// <c>Results.NotFound(error)</c>, <c>StatusCode(500, error)</c>, <c>new ContentResult { StatusCode = 404, .. }</c>):
        /// an endpoint that returns only such results (a diagnostics endpoint that always fails) sends nothing a cache
        /// would keep. In a helper's body, <paramref name="helperCall"/> is the call being followed: a status passed in
        /// (<c>ErrorPage(StatusCodes.Status404NotFound)</c>) is read from its argument.
        /// </summary>
        private static bool IsErrorResponse(IOperation value, SemanticContext types, IInvocationOperation? helperCall = null)
        {
            value = value.WalkDownConversion();
            if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                return IsErrorResponse(conditional.WhenTrue, types, helperCall) && IsErrorResponse(whenFalse, types, helperCall);
            }

            if (value is IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method.Name is "Problem" or "ValidationProblem" && SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.ControllerBase))
                {
                    return true;
                }

                var results = SymbolFacts.Is(method.ContainingType, types.Results) || SymbolFacts.Is(method.ContainingType, types.TypedResults);
                if (ErrorResultsMethods.Contains(method.Name) && results)
                {
                    return true;
                }

                // StatusCode(500, error), Results.Json(error, statusCode: 503), Results.Content(html, "text/html", statusCode: 404).
                if ((results || SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.ControllerBase)) && IsErrorStatus(StatusArgument(invocation), helperCall))
                {
                    return true;
                }
            }

            // new ContentResult { StatusCode = 404, Content = html }, new ObjectResult(error) { StatusCode = 500 }.
            if (value is IObjectCreationOperation { Initializer: { } initializer, Type: INamedTypeSymbol created }
                && SymbolFacts.IsNamespace(created.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
            {
                foreach (var initialized in initializer.Initializers)
                {
                    if (initialized is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StatusCode" } } assignment
                        && IsErrorStatus(assignment.Value, helperCall))
                    {
                        return true;
                    }
                }
            }

            return value.Type is INamedTypeSymbol named
                && ErrorResultTypes.Contains(named.Name)
                && (SymbolFacts.IsNamespace(named.ContainingNamespace, "Microsoft.AspNetCore.Mvc") || SymbolFacts.IsNamespace(named.ContainingNamespace, "Microsoft.AspNetCore.Http.HttpResults"));
        }

        private static IOperation? StatusArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Name == "statusCode")
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// A status from 400 to 599: a constant (<c>StatusCodes.Status404NotFound</c>), or a parameter of the helper being
        /// followed whose argument at <paramref name="helperCall"/> is one.
        /// </summary>
        private static bool IsErrorStatus(IOperation? status, IInvocationOperation? helperCall)
        {
            status = status?.WalkDownConversion();
            if (status is IParameterReferenceOperation parameter && helperCall != null
                && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol?.OriginalDefinition, helperCall.TargetMethod.OriginalDefinition))
            {
                status = null;
                foreach (var argument in helperCall.Arguments)
                {
                    if (argument.Parameter?.Ordinal == parameter.Parameter.Ordinal)
                    {
                        status = argument.Value.WalkDownConversion();
                        break;
                    }
                }
            }

            return status?.ConstantValue is { HasValue: true, Value: int code } && code >= 400 && code <= 599;
        }

        private static bool IsView(IOperation value, SemanticContext types)
        {
            value = value.WalkDownConversion();
            if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                return (IsView(conditional.WhenTrue, types) || IsBodiless(conditional.WhenTrue, types))
                    && (IsView(whenFalse, types) || IsBodiless(whenFalse, types));
            }

            return value.Type is INamedTypeSymbol named && types.IsViewResultType(named);
        }

        private static bool IsHelperReturningOnlyBodilessOrViews(IOperation value, SemanticContext types, int helperLevels)
        {
            // Also awaited with ConfigureAwait(false) (found in TheIdServer's external login challenge).
            value = WithoutAwait(value).WalkDownConversion();

            // A helper that returns a value rather than a result (a service's GetPageAsync returning a DTO) sends a
            // body: no need to bind its body, which usually lies in another file.
            if (value is not IInvocationOperation { TargetMethod: var helper } call
                || !IsResultType(types.AwaitedType(helper.ReturnType), types)
                || value.SemanticModel is not { } model)
            {
                return false;
            }

            // The helper's own body, or for an interface of the application those of its implementations in source, each
            // of which must return no data (allReady's IRedirectAccountControllerRequests.RedirectToLocal, views and
            // redirects only).
            IReadOnlyList<IMethodSymbol>? judged = !helper.IsAbstract
                ? (helper.DeclaringSyntaxReferences.Length == 1 ? new[] { helper } : null)
                : (helper.ContainingType?.TypeKind == TypeKind.Interface && !helper.DeclaringSyntaxReferences.IsEmpty ? types.SourceImplementations(helper) : null);
            if (judged is not { Count: > 0 })
            {
                return false;
            }

            foreach (var method in judged)
            {
                if (method.DeclaringSyntaxReferences.Length != 1
                    || BindDeclaration(method.DeclaringSyntaxReferences[0], model, default) is not { } body
                    || !OnlyBodilessOrViews(body, types, helperLevels - 1, call))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An MVC or minimal-API result: <c>IActionResult</c>, <c>IResult</c>, <c>ActionResult&lt;T&gt;</c>.</summary>
        private static bool IsResultType(ITypeSymbol type, SemanticContext types)
            => SymbolFacts.IsOrImplements(type, types.ActionResult)
            || SymbolFacts.IsOrImplements(type, types.HttpResult)
            || SymbolFacts.IsOrImplements(type, types.ConvertToActionResult);

        /// <summary>True when the body writes a caching header or returns a file result with validators.</summary>
        public static bool DeclaresPolicy(IOperation? body, SemanticContext types)
        {
            if (body == null)
            {
                return false;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAssignmentOperation assignment when IsCacheHeaderTarget(assignment.Target, types):
                        return true;
                    case IInvocationOperation invocation when IsCacheHeaderWrite(invocation, types) || HasValidatorArgument(invocation, types) || ServesFileFromPath(invocation, types):
                        return true;
                    case IObjectCreationOperation { Type: INamedTypeSymbol created } when IsFileFromPathResult(created):
                        // new PhysicalFileResult(path, contentType): as PhysicalFile(path, ..).
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when a helper of the application that the handler returns through (<c>return await GetImageResult(..);</c>,
        /// a method declared in source that returns a result) writes a caching header or serves a file with validators,
        /// directly or in a helper it returns through in turn (three levels). Asked last, only for an endpoint about to be
        /// reported: each helper's body is bound (found in Jellyfin's image endpoints, whose shared helper writes
        /// Cache-Control, Last-Modified and ETag and answers 304).
        /// </summary>
        public static bool ReturnsThroughPolicyHelper(IOperation? body, SemanticContext types, int levels = 3)
        {
            if (body == null || levels == 0)
            {
                return false;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && ValueReturnsThroughPolicyHelper(returned, types, levels))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the action calls, as a statement, a void method of its own class declared in source whose body writes
        /// a caching header (<c>SetCacheControl(definitive: true); return Ok(model);</c> over a private helper setting
        /// <c>Response.GetTypedHeaders().CacheControl</c>). One level only, and only the action's own class. Asked last,
        /// with <see cref="ReturnsThroughPolicyHelper"/>, only for an action about to be reported: each helper's body is bound.
        /// </summary>
        public static bool CallsPolicySetter(IMethodSymbol action, IOperation? body, SemanticContext types)
        {
            if (body == null)
            {
                return false;
            }

            var bound = 0;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod: { ReturnsVoid: true, DeclaringSyntaxReferences: { Length: 1 } references } helper } call }
                    && SymbolEqualityComparer.Default.Equals(helper.ContainingType?.OriginalDefinition, action.ContainingType.OriginalDefinition)
                    && call.SemanticModel is { } model
                    && ++bound <= MaxPolicySetters
                    && BindDeclaration(references[0], model, default) is { } helperBody
                    && DeclaresPolicy(helperBody, types))
                {
                    return true;
                }
            }

            return false;
        }

        private const int MaxPolicySetters = 4;

        /// <summary>A returned value, or a branch of it (<c>path is null ? NotFound() : GetFileResult(path)</c>, <c>??</c>), that calls a policy helper.</summary>
        private static bool ValueReturnsThroughPolicyHelper(IOperation returned, SemanticContext types, int levels)
        {
            returned = returned.WalkDownConversion();
            switch (returned)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return ValueReturnsThroughPolicyHelper(conditional.WhenTrue, types, levels) || ValueReturnsThroughPolicyHelper(whenFalse, types, levels);
                case ICoalesceOperation coalesce:
                    return ValueReturnsThroughPolicyHelper(coalesce.Value, types, levels) || ValueReturnsThroughPolicyHelper(coalesce.WhenNull, types, levels);
            }

            if (returned is IObjectCreationOperation { Type: INamedTypeSymbol created } && IsResultType(created, types) && ResultExecutionBody(created, returned) is { } execution)
            {
                return DeclaresPolicy(execution, types);
            }

            return HelperBody(returned, types) is { } helperBody
                && (DeclaresPolicy(helperBody, types) || ReturnsThroughPolicyHelper(helperBody, types, levels - 1));
        }

        /// <summary>
        /// For a result type of the application (<c>return new NdJsonStreamResult&lt;T&gt;(rows);</c>, a class declared in source
        /// implementing <c>IActionResult</c> or <c>IResult</c>), the body of the method ASP.NET Core runs to write it
        /// (<c>ExecuteResultAsync</c>/<c>ExecuteResult</c>, or <c>ExecuteAsync</c>), bound: the headers it writes are the
        /// response's (found in a packaging data API whose streaming result sends <c>Cache-Control: no-store</c>).
        /// </summary>
        private static IOperation? ResultExecutionBody(INamedTypeSymbol created, IOperation creation)
        {
            var type = created.OriginalDefinition;
            if (type.DeclaringSyntaxReferences.Length == 0 || creation.SemanticModel is not { } model)
            {
                return null;
            }

            foreach (var name in ResultExecutionMethods)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1, DeclaringSyntaxReferences: { Length: 1 } references }
                        && BindDeclaration(references[0], model, default) is { } body)
                    {
                        return body;
                    }
                }
            }

            return null;
        }

        private static readonly string[] ResultExecutionMethods = { "ExecuteResultAsync", "ExecuteResult", "ExecuteAsync" };

        /// <summary>The body of a source method returning a result that <paramref name="value"/> calls (awaited or not), bound.</summary>
        private static IOperation? HelperBody(IOperation value, SemanticContext types)
        {
            value = value.WalkDownConversion();
            if (value is IAwaitOperation awaited)
            {
                // await helper(..).ConfigureAwait(false): the call under ConfigureAwait.
                value = Async.TaskCompletionFlow.StripConfigureAwait(awaited.Operation) ?? awaited.Operation;
            }

            return value is IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences: { Length: 1 } references } helper }
                && IsResultType(types.AwaitedType(helper.ReturnType), types)
                && value.SemanticModel is { } model
                ? BindDeclaration(references[0], model, default)
                : null;
        }

        /// <summary>
        /// The operation of a declaration (a handler's or helper's body), bound with the model of its own tree, which may be
        /// another file of the compilation; null for a declaration outside it (a project reference in the IDE). Used only
        /// for the few handlers and helpers a rule must read, never for every method.
        /// </summary>
        internal static IOperation? BindDeclaration(SyntaxReference reference, SemanticModel model, CancellationToken cancellationToken)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax.SyntaxTree != model.SyntaxTree)
            {
                if (!model.Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    return null;
                }

#pragma warning disable RS1030 // Another file's declaration: read only for a handler or helper the rule must follow.
                model = model.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            }

            return model.GetOperation(syntax, cancellationToken);
        }

        public static bool IsCacheHeaderKey(IOperation key, SemanticContext types)
        {
            key = key.WalkDownConversion();
            if (key.ConstantValue.HasValue && key.ConstantValue.Value is string text)
            {
                return CacheHeaderNames.Contains(text);
            }

            var member = key switch
            {
                IFieldReferenceOperation field => (ISymbol)field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            return member != null && SymbolFacts.Is(member.ContainingType, types.HeaderNames) && CacheHeaderMembers.Contains(member.Name);
        }

        private static bool IsCacheHeaderTarget(IOperation target, SemanticContext types)
        {
            if (target is not IPropertyReferenceOperation property)
            {
                return false;
            }

            var receiverType = property.Instance?.Type;
            if (SymbolFacts.Is(receiverType, types.ResponseHeaders))
            {
                return CacheHeaderMembers.Contains(property.Property.Name);
            }

            if (SymbolFacts.IsOrDerivesFrom(property.Property.ContainingType, types.FileResult))
            {
                return property.Property.Name is "LastModified" or "EntityTag";
            }

            if (!SymbolFacts.IsOrImplements(receiverType, types.HeaderDictionary) || IsRequestHeaders(property.Instance!, types))
            {
                return false;
            }

            return property.Property.IsIndexer
                ? property.Arguments.Length == 1 && IsCacheHeaderKey(property.Arguments[0].Value, types)
                : CacheHeaderMembers.Contains(property.Property.Name);
        }

        private static bool IsCacheHeaderWrite(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (method.Name is not ("Append" or "Add" or "TryAdd" or "AppendCommaSeparatedValues" or "AppendList"))
            {
                return false;
            }

            var receiver = invocation.Instance;
            var firstArgument = 0;
            if (receiver == null && method.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                receiver = invocation.Arguments[0].Value.WalkDownConversion();
                firstArgument = 1;
            }

            return receiver != null
                && SymbolFacts.IsOrImplements(receiver.Type, types.HeaderDictionary)
                && !IsRequestHeaders(receiver, types)
                && invocation.Arguments.Length > firstArgument
                && IsCacheHeaderKey(invocation.Arguments[firstArgument].Value, types);
        }

        private static bool IsRequestHeaders(IOperation receiver, SemanticContext types)
            => receiver.WalkDownConversion() is IPropertyReferenceOperation { Property.Name: "Headers" } headers
            && SymbolFacts.IsOrDerivesFrom(headers.Property.ContainingType, types.HttpRequest);

        private static readonly string[] FileFromPathResults = { "PhysicalFileResult", "VirtualFileResult", "PhysicalFileHttpResult", "VirtualFileHttpResult" };

        /// <summary>
        /// PhysicalFile(path, ..), File("~/virtual/path", ..), Results.File(path, ..), TypedResults.PhysicalFile(..): ASP.NET
        /// Core sends the file's own modification time as <c>Last-Modified</c> and answers conditional requests, as
        /// with an explicit <c>lastModified</c> argument.
        /// </summary>
        private static bool ServesFileFromPath(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (method.Name is not ("File" or "PhysicalFile" or "VirtualFile"))
            {
                return false;
            }

            if (method.ReturnType is INamedTypeSymbol returned && IsFileFromPathResult(returned))
            {
                return true;
            }

            return SymbolFacts.Is(method.ContainingType, types.Results)
                && method.Parameters.Length > 0 && method.Parameters[0] is { Name: "path", Type.SpecialType: SpecialType.System_String };
        }

        private static bool IsFileFromPathResult(INamedTypeSymbol type)
            => Array.IndexOf(FileFromPathResults, type.Name) >= 0
            && SymbolFacts.IsWithinNamespace(type.ContainingNamespace, "Microsoft.AspNetCore");

        // File(.., lastModified: ..) / Results.File(.., entityTag: ..): the file result answers conditional requests.
        /// <summary>
        /// A call given an explicit <c>lastModified</c> or <c>entityTag</c> argument that can reach the response: ASP.NET
        /// Core's own (a file result), a helper of a controller, or a method handed the request, response or context
        /// (GZCTF's <c>IsNotModified(Request, Response, eTag, lastModified)</c>). A domain method that records a
        /// modification time (SimpleIdServer's <c>representation.SetUpdated(lastModified, version)</c>) states no policy.
        /// </summary>
        private static bool HasValidatorArgument(IInvocationOperation invocation, SemanticContext types)
        {
            var validator = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter?.Name is "lastModified" or "entityTag"
                    && !(argument.Value.WalkDownConversion().ConstantValue is { HasValue: true, Value: null }))
                {
                    validator = true;
                    break;
                }
            }

            return validator && ReachesTheResponse(invocation, types);
        }

        private static bool ReachesTheResponse(IInvocationOperation invocation, SemanticContext types)
        {
            var method = invocation.TargetMethod;
            if (SymbolFacts.IsWithinNamespace(method.ContainingNamespace, "Microsoft.AspNetCore")
                || SymbolFacts.IsOrDerivesFrom(method.ContainingType, types.ControllerBase)
                || IsHttpObject(invocation.Instance?.Type, types))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsHttpObject(argument.Value.WalkDownConversion().Type, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsHttpObject(ITypeSymbol? type, SemanticContext types)
            => SymbolFacts.IsOrDerivesFrom(type, types.HttpContext) || SymbolFacts.IsOrDerivesFrom(type, types.HttpRequest)
            || SymbolFacts.IsOrDerivesFrom(type, types.HttpResponse);

        private static bool IsBodiless(IOperation value, SemanticContext types)
        {
            value = value.WalkDownConversion();
            switch (value)
            {
                case IConditionalOperation conditional:
                    return conditional.WhenFalse != null && IsBodiless(conditional.WhenTrue, types) && IsBodiless(conditional.WhenFalse, types);
                case ICoalesceOperation:
                    return false;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                    return true;
                case IInvocationOperation invocation when invocation.TargetMethod.ContainingType is { Name: "Results" or "TypedResults" } results
                        && SymbolFacts.IsNamespace(results.ContainingNamespace, "Microsoft.AspNetCore.Http"):
                    var name = invocation.TargetMethod.Name;
                    if (BodilessResultsMethods.Contains(name) || name.StartsWith("Redirect", StringComparison.Ordinal) || name.StartsWith("LocalRedirect", StringComparison.Ordinal))
                    {
                        return true;
                    }

                    if (OptionalValueResultsMethods.Contains(name))
                    {
                        return !HasValueArgument(invocation);
                    }

                    break;
                case IPropertyReferenceOperation { Property.Name: "Empty", Property.ContainingType.Name: "Results" }:
                    return true;
            }

            return IsBodilessType(value.Type, types);
        }

        private static bool HasValueArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "value" or "error"
                    && argument.ArgumentKind == ArgumentKind.Explicit
                    && !(argument.Value.WalkDownConversion().ConstantValue is { HasValue: true, Value: null }))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsBodilessType(ITypeSymbol? type, SemanticContext types)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            if (SymbolFacts.IsOrDerivesFrom(named, types.StatusCodeResult))
            {
                return true;
            }

            return types.IsBodilessResultType(named);
        }

        private static List<IOperation> ReturnedValues(IOperation body)
        {
            var returned = new List<IOperation>();
            CollectReturnedValues(body, returned);
            return returned;
        }

        /// <summary>The values the body returns, not those of lambdas or local functions declared in it.</summary>
        internal static void CollectReturnedValues(IOperation operation, List<IOperation> values)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (child is IReturnOperation { ReturnedValue: { } returned })
                {
                    values.Add(returned);
                }

                CollectReturnedValues(child, values);
            }
        }
    }
}
