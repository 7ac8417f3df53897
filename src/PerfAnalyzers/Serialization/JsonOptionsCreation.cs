using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Serialization
{
    /// <summary>Where a flagged <c>new JsonSerializerOptions(..)</c> lives (docs/rules/PERF701.md, "What is flagged").</summary>
    internal enum JsonOptionsShape
    {
        None,

        /// <summary>Passed straight to a JSON API.</summary>
        Argument,

        /// <summary>Held in a local that is passed to a JSON API.</summary>
        Local,

        /// <summary>Returned by a property getter: a new instance per read.</summary>
        Getter,

        /// <summary>The initializer of an instance field or auto-property of a per-request type.</summary>
        PerRequestField,

        /// <summary>Assigned to an instance member in the constructor of a per-request type.</summary>
        PerRequestConstructor,
    }

    internal readonly struct JsonOptionsFinding
    {
        public static readonly JsonOptionsFinding None = default;

        public JsonOptionsFinding(JsonOptionsShape shape, string where, bool isCa1869Shape, bool localIsOnlyPassed = false)
        {
            Shape = shape;
            Where = where;
            IsCa1869Shape = isCa1869Shape;
            LocalIsOnlyPassed = localIsOnlyPassed;
        }

        public JsonOptionsShape Shape { get; }

        /// <summary>The message's "created …" phrase.</summary>
        public string Where { get; }

        /// <summary>A shape CA1869 reports as well: passed straight to, or in a local used once by, a <c>JsonSerializer</c> method.</summary>
        public bool IsCa1869Shape { get; }

        /// <summary>For <see cref="JsonOptionsShape.Local"/>: every read of the local is an argument of a JSON API (nothing configures it later).</summary>
        public bool LocalIsOnlyPassed { get; }
    }

    /// <summary>Decides whether a <c>new JsonSerializerOptions(..)</c> is created per call, per read or per request.</summary>
    internal static class JsonOptionsCreation
    {
        public static JsonOptionsFinding Classify(IObjectCreationOperation creation, ISymbol containingSymbol, SemanticContext types)
        {
            var top = Climb(creation);
            switch (top.Parent)
            {
                case IArgumentOperation argument when IsJsonApiArgument(argument, types, out var isSerializer):
                    return RunsPerCall(top, containingSymbol, types, out var where)
                        ? new JsonOptionsFinding(JsonOptionsShape.Argument, where, isSerializer)
                        : JsonOptionsFinding.None;

                // JsonSerializer.Serialize(message, new JsonSerializerOptions { .. }) where the message's type is missing: the
                // call does not bind, so CA1869 cannot see it, but it is still JsonSerializer's (found in a payments service
                // whose event types come from a package the build cannot resolve).
                case IInvalidOperation invalid when IsUnboundSerializerCall(invalid, top, types):
                    return RunsPerCall(top, containingSymbol, types, out where)
                        ? new JsonOptionsFinding(JsonOptionsShape.Argument, where, isCa1869Shape: false)
                        : JsonOptionsFinding.None;

                case IDynamicInvocationOperation dynamicCall when IsDynamicSerializerCall(dynamicCall, types):
                    return RunsPerCall(top, containingSymbol, types, out where)
                        ? new JsonOptionsFinding(JsonOptionsShape.Argument, where, isCa1869Shape: false)
                        : JsonOptionsFinding.None;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return RunsPerCall(top, containingSymbol, types, out where)
                        && TryFollowLocal(top, declarator.Symbol, types, out var onlyPassed, out var usedOnceBySerializer)
                        ? new JsonOptionsFinding(JsonOptionsShape.Local, where, usedOnceBySerializer, onlyPassed)
                        : JsonOptionsFinding.None;

                case IReturnOperation when EnclosingFunction(top) == null
                    && containingSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property }:
                    return new JsonOptionsFinding(JsonOptionsShape.Getter, $"on every read of property '{property.Name}'", isCa1869Shape: false);

                case IFieldInitializerOperation fieldInitializer
                    when fieldInitializer.InitializedFields.Length > 0 && !fieldInitializer.InitializedFields[0].IsStatic
                    && IsPerRequestType(fieldInitializer.InitializedFields[0].ContainingType, types):
                    return PerRequest(JsonOptionsShape.PerRequestField, fieldInitializer.InitializedFields[0].ContainingType);

                case IPropertyInitializerOperation propertyInitializer
                    when propertyInitializer.InitializedProperties.Length > 0 && !propertyInitializer.InitializedProperties[0].IsStatic
                    && IsPerRequestType(propertyInitializer.InitializedProperties[0].ContainingType, types):
                    return PerRequest(JsonOptionsShape.PerRequestField, propertyInitializer.InitializedProperties[0].ContainingType);

                case ISimpleAssignmentOperation assignment
                    when assignment.Value == top
                    && assignment.Target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation }
                    && EnclosingFunction(top) == null
                    && containingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                    && IsPerRequestType(constructor.ContainingType, types):
                    return PerRequest(JsonOptionsShape.PerRequestConstructor, constructor.ContainingType);

                default:
                    return JsonOptionsFinding.None;
            }
        }

        /// <summary>
        /// An argument for a <c>JsonSerializerOptions</c> parameter of <c>JsonSerializer</c>, the HttpClient/HttpContent
        /// JSON extensions, <c>JsonContent</c>, ASP.NET Core's request/response JSON extensions and <c>Results.Json</c>,
        /// or the serializer settings of MVC's <c>JsonResult</c> / <c>Controller.Json</c>.
        /// </summary>
        /// <summary>
        /// <c>JsonSerializer.Serialize&lt;dynamic&gt;(request.Event, options)</c> with a <c>dynamic</c> argument: bound at run time,
        /// but among <c>JsonSerializer</c>'s own static methods, which only read the options (found in trouble-training's
        /// webhook sender). CA1869 does not report such a call.
        /// </summary>
        private static bool IsDynamicSerializerCall(IDynamicInvocationOperation call, SemanticContext types)
            => call.Operation is IDynamicMemberReferenceOperation { Instance: null, ContainingType: var container }
            && SymbolFacts.Is(container, types.JsonSerializer);

        /// <summary>
        /// An invalid call spelled <c>JsonSerializer.Serialize…(..)</c> / <c>Deserialize…(..)</c>, whose receiver binds to
        /// <c>System.Text.Json.JsonSerializer</c> and which has <paramref name="options"/> as one of its arguments.
        /// </summary>
        private static bool IsUnboundSerializerCall(IInvalidOperation invalid, IOperation options, SemanticContext types)
        {
            if (invalid.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call
                || !(access.Name.Identifier.ValueText.StartsWith("Serialize", StringComparison.Ordinal)
                    || access.Name.Identifier.ValueText.StartsWith("Deserialize", StringComparison.Ordinal))
                || options.Syntax.Parent is not ArgumentSyntax argument
                || argument.Parent != call.ArgumentList
                || invalid.SemanticModel?.GetSymbolInfo(access.Expression).Symbol is not INamedTypeSymbol serializer)
            {
                return false;
            }

            return SymbolFacts.Is(serializer, types.JsonSerializer);
        }

        public static bool IsJsonApiArgument(IArgumentOperation argument, SemanticContext types, out bool isSerializer)
        {
            isSerializer = false;
            var parameter = argument.Parameter;
            if (parameter == null)
            {
                return false;
            }

            switch (argument.Parent)
            {
                case IInvocationOperation invocation:
                    var container = invocation.TargetMethod.ContainingType;
                    if (SymbolFacts.Is(parameter.Type, types.JsonSerializerOptions))
                    {
                        isSerializer = SymbolFacts.Is(container, types.JsonSerializer);
                        return isSerializer
                            || SymbolFacts.Is(container, types.HttpClientJsonExtensions)
                            || SymbolFacts.Is(container, types.HttpContentJsonExtensions)
                            || SymbolFacts.Is(container, types.JsonContent)
                            || SymbolFacts.Is(container, types.HttpRequestJsonExtensions)
                            || SymbolFacts.Is(container, types.HttpResponseJsonExtensions)
                            || SymbolFacts.Is(container, types.Results)
                            || SymbolFacts.Is(container, types.TypedResults)
                            || IsJsonNode(container);
                    }

                    return invocation.TargetMethod.Name == "Json" && parameter.Name == "serializerSettings"
                        && SymbolFacts.IsOrDerivesFrom(container, types.MvcController);

                case IObjectCreationOperation creation:
                    return parameter.Name == "serializerSettings" && SymbolFacts.IsOrDerivesFrom(creation.Type, types.MvcJsonResult);

                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>JsonNode.ToJsonString(options)</c> and <c>WriteTo(writer, options)</c> (found in OpenDeepWiki's publisher): the node
        /// is written through the options' metadata cache like a <c>JsonSerializer</c> call.
        /// </summary>
        private static bool IsJsonNode(INamedTypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "JsonNode" && SymbolFacts.IsNamespace(current.ContainingNamespace, "System.Text.Json.Nodes"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The innermost lambda, anonymous method or local function around <paramref name="operation"/>; null in the member body.</summary>
        public static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>Walks up past conversions and parentheses.</summary>
        public static IOperation Climb(IOperation value)
        {
            var current = value;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current;
        }

        private static JsonOptionsFinding PerRequest(JsonOptionsShape shape, INamedTypeSymbol type)
            => new JsonOptionsFinding(shape, $"for every request, with each instance of '{type.Name}'", isCa1869Shape: false);

        private static bool IsPerRequestType(INamedTypeSymbol? type, SemanticContext types)
            => type != null && types.ReferencesAspNetCore && types.IsPerRequestType(type);

        /// <summary>
        /// Code that runs again on each call: a lambda or local function, or a method or accessor body. Not the program
        /// entry point, a static constructor, a field initializer, or the constructor of a type whose lifetime is
        /// unknown (only per-request types count).
        /// </summary>
        private static bool RunsPerCall(IOperation operation, ISymbol containingSymbol, SemanticContext types, out string where)
        {
            where = string.Empty;
            switch (EnclosingFunction(operation))
            {
                case IAnonymousFunctionOperation:
                    where = "on every call of the lambda";
                    return true;
                case ILocalFunctionOperation localFunction:
                    where = $"on every call of local function '{localFunction.Symbol.Name}'";
                    return true;
            }

            if (containingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            switch (method.MethodKind)
            {
                case MethodKind.StaticConstructor:
                    return false;
                case MethodKind.Constructor:
                    if (!IsPerRequestType(method.ContainingType, types))
                    {
                        return false;
                    }

                    where = $"for every request, in the constructor of '{method.ContainingType.Name}'";
                    return true;
                case MethodKind.PropertyGet or MethodKind.PropertySet when method.AssociatedSymbol != null:
                    where = $"on every use of property '{method.AssociatedSymbol.Name}'";
                    return true;
                case MethodKind.Ordinary:
                    if (method.IsStatic && (method.Name == "Main" || method.Name == "<Main>$"))
                    {
                        // The program entry point (top-level statements included) runs once.
                        return false;
                    }

                    where = $"on every call of '{method.Name}'";
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The local is written once (its initializer), read only in the function that declares it, and every read is
        /// either a JSON API argument (at least one) or a member access that configures it; anything else lets the
        /// instance escape (returned, stored, passed elsewhere) and nothing is reported.
        /// </summary>
        private static bool TryFollowLocal(IOperation write, ILocalSymbol local, SemanticContext types, out bool onlyPassed, out bool usedOnceBySerializer)
        {
            onlyPassed = true;
            usedOnceBySerializer = false;
            var function = EnclosingFunction(write);
            int reads = 0, reaches = 0;
            var bySerializer = false;
            foreach (var operation in OperationTreeIndex.For(write).Occurrences(local))
            {
                if (operation is not ILocalReferenceOperation reference)
                {
                    continue;
                }

                if (EnclosingFunction(reference) != function
                    || (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                    || reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None })
                {
                    return false;
                }

                reads++;
                var use = Climb(reference);
                if (use.Parent is IArgumentOperation argument && IsJsonApiArgument(argument, types, out var isSerializer))
                {
                    reaches++;
                    bySerializer = isSerializer;
                }
                else if ((use.Parent is IDynamicInvocationOperation dynamicCall && IsDynamicSerializerCall(dynamicCall, types))
                    || (use.Parent is IInvalidOperation invalid && IsUnboundSerializerCall(invalid, use, types)))
                {
                    // CA1869 sees neither a call bound at run time nor one that does not bind (an argument whose type is
                    // missing, as for the argument shape: found in an NHS screening service's event function).
                    reaches++;
                    bySerializer = false;
                }
                else if ((use.Parent is IMemberReferenceOperation member && member.Instance == use)
                    || (use.Parent is IInvocationOperation call && call.Instance == use))
                {
                    onlyPassed = false;
                }
                else if (use.Parent is not INameOfOperation)
                {
                    return false;
                }
            }

            usedOnceBySerializer = reads == 1 && reaches == 1 && bySerializer;
            return reaches > 0;
        }
    }
}
