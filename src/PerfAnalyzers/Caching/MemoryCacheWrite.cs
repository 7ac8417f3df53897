using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Caching
{
    /// <summary>What a cache write states about its entry (docs/rules/PERF302.md, "What is flagged").</summary>
    [Flags]
    internal enum CacheEntrySettings
    {
        None = 0,

        /// <summary><c>AbsoluteExpiration</c>, <c>AbsoluteExpirationRelativeToNow</c> or <c>SlidingExpiration</c>.</summary>
        Expiration = 1,

        Size = 2,

        /// <summary>An <c>IChangeToken</c> evicts the entry: an expiration the application controls.</summary>
        ExpirationToken = 4,

        /// <summary><c>CacheItemPriority.NeverRemove</c>: kept on purpose.</summary>
        NeverRemove = 8,
    }

    /// <summary>Where the fix states what is missing.</summary>
    internal enum CacheWriteFixTarget
    {
        None,

        /// <summary><c>Set(key, value)</c> or the TimeSpan / DateTimeOffset / IChangeToken overload: the arguments are rewritten.</summary>
        SetArguments,

        /// <summary>A <c>new MemoryCacheEntryOptions(..)</c> in this function: properties join its initializer.</summary>
        OptionsCreation,

        /// <summary>The factory lambda of <c>GetOrCreate(Async)</c>: statements set the entry at its start.</summary>
        Factory,
    }

    /// <summary>One <c>Set</c> / <c>GetOrCreate</c> / <c>GetOrCreateAsync</c> on <c>IMemoryCache</c>, and what it states about the entry.</summary>
    internal sealed class MemoryCacheWrite
    {
        private const int MaxHelperDepth = 2;

        private MemoryCacheWrite(IInvocationOperation invocation, CacheEntrySettings settings)
        {
            Invocation = invocation;
            Settings = settings;
        }

        public IInvocationOperation Invocation { get; }

        public CacheEntrySettings Settings { get; }

        public CacheWriteFixTarget FixTarget { get; private set; }

        /// <summary>For <see cref="CacheWriteFixTarget.OptionsCreation"/>.</summary>
        public IObjectCreationOperation? OptionsCreation { get; private set; }

        /// <summary>For <see cref="CacheWriteFixTarget.Factory"/>.</summary>
        public IAnonymousFunctionOperation? Factory { get; private set; }

        public bool Expires => (Settings & (CacheEntrySettings.Expiration | CacheEntrySettings.ExpirationToken | CacheEntrySettings.NeverRemove)) != 0;

        public bool HasSize => (Settings & CacheEntrySettings.Size) != 0;

        /// <summary>Cheap name check, before any symbol is compared.</summary>
        public static bool IsCandidateName(string name) => name is "Set" or "GetOrCreate" or "GetOrCreateAsync";

        /// <summary>
        /// The write <paramref name="invocation"/> makes, or null when it is not a write to an <c>IMemoryCache</c> or
        /// when what it states about the entry cannot be seen (options or a factory from a parameter, a field or a
        /// method without source): the rule stays silent then.
        /// </summary>
        public static MemoryCacheWrite? Find(IInvocationOperation invocation, SemanticContext types, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (!IsCandidateName(method.Name)
                || !SymbolFacts.Is(method.ContainingType, types.MemoryCacheExtensions)
                || !method.IsExtensionMethod
                || invocation.Arguments.Length != method.Parameters.Length)
            {
                return null;
            }

            var scope = new Scope(types, cancellationToken);
            var settings = CacheEntrySettings.None;
            IObjectCreationOperation? creation = null;
            IAnonymousFunctionOperation? factory = null;
            var target = CacheWriteFixTarget.None;
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter == null || parameter.Ordinal < 2 || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (method.Name == "Set" && parameter.Ordinal == 2)
                {
                    continue;
                }

                var type = parameter.Type;
                if (SymbolFacts.Is(type, types.MemoryCacheEntryOptions))
                {
                    if (!scope.Options(argument.Value, 0, out var options, out creation))
                    {
                        return null;
                    }

                    settings |= options;
                }
                else if (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate })
                {
                    if (!scope.Factory(argument.Value, 0, out var fromFactory, out factory))
                    {
                        return null;
                    }

                    settings |= fromFactory;
                }
                else if (type.SpecialType == SpecialType.None && type.Name is "TimeSpan" or "DateTimeOffset")
                {
                    settings |= CacheEntrySettings.Expiration;
                }
                else if (type.Name == "IChangeToken")
                {
                    settings |= CacheEntrySettings.ExpirationToken;
                }
                else
                {
                    return null;
                }
            }

            if (method.Name == "Set" && (method.Parameters.Length == 3 || !SymbolFacts.Is(method.Parameters[3].Type, types.MemoryCacheEntryOptions)))
            {
                target = CacheWriteFixTarget.SetArguments;
            }
            else if (factory != null)
            {
                target = CacheWriteFixTarget.Factory;
            }
            else if (creation != null)
            {
                target = CacheWriteFixTarget.OptionsCreation;
            }

            return new MemoryCacheWrite(invocation, settings)
            {
                FixTarget = target,
                OptionsCreation = target == CacheWriteFixTarget.OptionsCreation ? creation : null,
                Factory = target == CacheWriteFixTarget.Factory ? factory : null,
            };
        }

        /// <summary>The settings of one <c>MemoryCacheEntryOptions</c> or <c>ICacheEntry</c> property assignment.</summary>
        private static CacheEntrySettings PropertySetting(string name, IOperation value)
        {
            value = value.WalkDownConversion();
            if (value.ConstantValue.HasValue && value.ConstantValue.Value == null)
            {
                // `= null`: nothing stated.
                return CacheEntrySettings.None;
            }

            return name switch
            {
                "AbsoluteExpiration" or "AbsoluteExpirationRelativeToNow" or "SlidingExpiration" => CacheEntrySettings.Expiration,
                "Size" => CacheEntrySettings.Size,
                "Priority" when IsNeverRemove(value) => CacheEntrySettings.NeverRemove,
                _ => CacheEntrySettings.None,
            };
        }

        private static bool IsNeverRemove(IOperation value)
            => value.WalkDownConversion() is IFieldReferenceOperation { Field.Name: "NeverRemove" };

        /// <summary>Follows options and cache entries through locals, initializers, the entry extensions and helpers with source.</summary>
        private sealed class Scope
        {
            private readonly SemanticContext types;
            private readonly CancellationToken cancellationToken;

            // Each local or helper followed spends one; an exhausted budget means "cannot see", never a loop.
            private int budget = 32;

            public Scope(SemanticContext types, CancellationToken cancellationToken)
            {
                this.types = types;
                this.cancellationToken = cancellationToken;
            }

            /// <summary>
            /// What a <c>MemoryCacheEntryOptions</c> value states; false when it cannot be seen. <paramref name="creation"/>
            /// is the <c>new MemoryCacheEntryOptions(..)</c> of the function that the fix may edit.
            /// </summary>
            public bool Options(IOperation value, int depth, out CacheEntrySettings settings, out IObjectCreationOperation? creation)
            {
                settings = CacheEntrySettings.None;
                creation = null;
                value = Unwrap(value);
                switch (value)
                {
                    case ILiteralOperation or IDefaultValueOperation when value.ConstantValue.HasValue && value.ConstantValue.Value == null:
                        return true;

                    case IObjectCreationOperation created when SymbolFacts.Is(created.Type, types.MemoryCacheEntryOptions):
                        settings = Initializer(created.Initializer);
                        creation = depth == 0 ? created : null;
                        return true;

                    case IInvocationOperation call when SymbolFacts.Is(call.TargetMethod.ContainingType, types.MemoryCacheEntryExtensions):
                        // new MemoryCacheEntryOptions().SetSize(1).SetSlidingExpiration(..): the receiver, then this call.
                        if (call.Arguments.Length == 0 || !Options(call.Arguments[0].Value, depth, out settings, out creation))
                        {
                            return false;
                        }

                        settings |= ExtensionSetting(call);
                        return true;

                    case ILocalReferenceOperation local:
                        return Local(local, depth, out settings, out creation);

                    case IInvocationOperation helper when depth < MaxHelperDepth:
                        return HelperReturn(helper, depth + 1, out settings);

                    default:
                        return false;
                }
            }

            /// <summary>What the <c>ICacheEntry</c> factory of <c>GetOrCreate(Async)</c> sets on the entry; false when unseen.</summary>
            public bool Factory(IOperation value, int depth, out CacheEntrySettings settings, out IAnonymousFunctionOperation? lambda)
            {
                settings = CacheEntrySettings.None;
                lambda = null;
                value = Unwrap(value);
                if (value is IDelegateCreationOperation delegateCreation)
                {
                    value = delegateCreation.Target;
                }

                switch (value)
                {
                    case IAnonymousFunctionOperation anonymous when anonymous.Symbol.Parameters.Length == 1:
                        if (!Uses(anonymous.Body, anonymous.Symbol.Parameters[0], except: null, depth, out settings))
                        {
                            return false;
                        }

                        lambda = depth == 0 ? anonymous : null;
                        return true;

                    case IMethodReferenceOperation reference when depth < MaxHelperDepth && reference.Method.Parameters.Length == 1:
                        return Body(reference.Method, out var body) && Uses(body!, reference.Method.Parameters[0], except: null, depth + 1, out settings);

                    default:
                        return false;
                }
            }

            private bool Local(ILocalReferenceOperation reference, int depth, out CacheEntrySettings settings, out IObjectCreationOperation? creation)
            {
                settings = CacheEntrySettings.None;
                creation = null;
                if (--budget < 0)
                {
                    return false;
                }

                var root = OperationTreeIndex.Root(reference);
                IOperation? initializer = null;
                foreach (var occurrence in OperationTreeIndex.For(root).Occurrences(reference.Local))
                {
                    if (occurrence is IVariableDeclaratorOperation declarator)
                    {
                        initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                        break;
                    }
                }

                if (initializer == null || !Options(initializer, depth, out var initial, out creation))
                {
                    return false;
                }

                if (!Uses(root, reference.Local, except: reference, depth, out var later))
                {
                    return false;
                }

                settings = initial | later;
                return true;
            }

            /// <summary>
            /// What the uses of <paramref name="symbol"/> (options or a cache entry) under <paramref name="root"/> set: property
            /// assignments, the entry extensions (chained or not), <c>ExpirationTokens.Add</c>, helpers with source that
            /// receive it. Reads and cache writes that take it change nothing; any other use (stored, reassigned, passed
            /// to code without source) makes it unseen.
            /// </summary>
            private bool Uses(IOperation root, ISymbol symbol, IOperation? except, int depth, out CacheEntrySettings settings)
            {
                settings = CacheEntrySettings.None;
                foreach (var operation in root.Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (operation == except || !References(operation, symbol))
                    {
                        continue;
                    }

                    if (!Use(operation, depth, ref settings))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool References(IOperation operation, ISymbol symbol) => operation switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                _ => false,
            };

            private bool Use(IOperation reference, int depth, ref CacheEntrySettings settings)
            {
                var current = Climb(reference);
                while (true)
                {
                    switch (current.Parent)
                    {
                        case IPropertyReferenceOperation property when property.Instance == current:
                            if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                            {
                                settings |= PropertySetting(property.Property.Name, assignment.Value);
                            }
                            else if (property.Property.Name == "ExpirationTokens"
                                && property.Parent is IInvocationOperation { TargetMethod.Name: "Add" } add && add.Instance == property)
                            {
                                settings |= CacheEntrySettings.ExpirationToken;
                            }

                            // Otherwise a read (entry.Key, options.Size in an expression).
                            return true;

                        case IArgumentOperation argument when argument.Parent is IInvocationOperation call:
                            var method = call.TargetMethod;
                            var container = method.ContainingType;
                            var isEntryExtension = SymbolFacts.Is(container, types.CacheEntryExtensions);
                            if (argument.Parameter?.Ordinal == 0 && (isEntryExtension || SymbolFacts.Is(container, types.MemoryCacheEntryExtensions)))
                            {
                                if (method.Name == "SetOptions" && call.Arguments.Length == 2)
                                {
                                    if (!Options(call.Arguments[1].Value, depth + 1, out var fromOptions, out _))
                                    {
                                        return false;
                                    }

                                    settings |= fromOptions;
                                }

                                settings |= ExtensionSetting(call);

                                // The extensions return their receiver: follow the chain.
                                current = Climb(call);
                                continue;
                            }

                            if (SymbolFacts.Is(container, types.MemoryCacheExtensions) || (isEntryExtension && method.Name == "SetOptions"))
                            {
                                // Passed to another cache write (shared options) or to entry.SetOptions(options).
                                return true;
                            }

                            return argument.Parameter != null && argument.Parameter.RefKind == RefKind.None && depth < MaxHelperDepth
                                && Helper(method, argument.Parameter, depth + 1, ref settings);

                        case IExpressionStatementOperation when current != reference:
                            // The discarded result of a chain of entry extensions.
                            return true;

                        case INameOfOperation:
                            return true;

                        default:
                            // Stored, reassigned, returned, or a method of its own called (Dispose): its effect is unseen.
                            return false;
                    }
                }
            }

            /// <summary>A method with source, passed the options or entry as <paramref name="parameter"/>: what its body sets on it.</summary>
            private bool Helper(IMethodSymbol method, IParameterSymbol parameter, int depth, ref CacheEntrySettings settings)
            {
                var original = method.OriginalDefinition;
                if (parameter.Ordinal >= original.Parameters.Length || !Body(original, out var body))
                {
                    return false;
                }

                if (!Uses(body!, original.Parameters[parameter.Ordinal], except: null, depth, out var fromHelper))
                {
                    return false;
                }

                settings |= fromHelper;
                return true;
            }

            /// <summary>
            /// A method with source that returns options: what every return states (a setting counts only when each
            /// return has it).
            /// </summary>
            private bool HelperReturn(IInvocationOperation helper, int depth, out CacheEntrySettings settings)
            {
                settings = CacheEntrySettings.None;
                var method = helper.TargetMethod.OriginalDefinition;
                if (!SymbolFacts.Is(method.ReturnType, types.MemoryCacheEntryOptions) || !Body(method, out var body))
                {
                    return false;
                }

                var any = false;
                var common = (CacheEntrySettings)~0;
                foreach (var operation in body!.Descendants())
                {
                    if (operation is not IReturnOperation { ReturnedValue: { } returned } || !DirectlyIn(operation, body!))
                    {
                        continue;
                    }

                    if (!Options(returned, depth, out var fromReturn, out _))
                    {
                        return false;
                    }

                    any = true;
                    common &= fromReturn;
                }

                settings = any ? common : CacheEntrySettings.None;
                return any;
            }

            /// <summary>The body of a method or local function declared in this compilation's source.</summary>
            private bool Body(IMethodSymbol method, out IOperation? body)
            {
                body = null;
                if (--budget < 0
                    || method.DeclaringSyntaxReferences.Length != 1 || method.IsAbstract || method.IsExtern || method.IsVirtual || method.IsOverride
                    || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, types.Compilation.Assembly))
                {
                    return false;
                }

                var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
                if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
                {
                    return false;
                }

#pragma warning disable RS1030 // The helper may be in another file; this runs only for a cache write that hands its options or entry to it.
                var model = types.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                body = model.GetOperation(syntax, cancellationToken);
                return body != null;
            }

            private CacheEntrySettings ExtensionSetting(IInvocationOperation call)
            {
                switch (call.TargetMethod.Name)
                {
                    case "SetAbsoluteExpiration":
                    case "SetSlidingExpiration":
                        return CacheEntrySettings.Expiration;
                    case "SetSize":
                        return CacheEntrySettings.Size;
                    case "AddExpirationToken":
                        return CacheEntrySettings.ExpirationToken;
                    case "SetPriority" when call.Arguments.Length == 2 && IsNeverRemove(call.Arguments[1].Value):
                        return CacheEntrySettings.NeverRemove;
                    default:
                        return CacheEntrySettings.None;
                }
            }

            private static CacheEntrySettings Initializer(IObjectOrCollectionInitializerOperation? initializer)
            {
                var settings = CacheEntrySettings.None;
                if (initializer == null)
                {
                    return settings;
                }

                foreach (var member in initializer.Initializers)
                {
                    switch (member)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                            settings |= PropertySetting(property.Property.Name, assignment.Value);
                            break;
                        case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "ExpirationTokens" } } tokens
                            when tokens.Initializer.Initializers.Length > 0:
                            settings |= CacheEntrySettings.ExpirationToken;
                            break;
                    }
                }

                return settings;
            }

            private static IOperation Unwrap(IOperation value)
            {
                while (value is IConversionOperation or IParenthesizedOperation)
                {
                    value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
                }

                return value;
            }

            private static IOperation Climb(IOperation value)
            {
                var current = value;
                while (current.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    current = current.Parent;
                }

                return current;
            }

            /// <summary>Not inside a lambda or local function nested in <paramref name="body"/>.</summary>
            private static bool DirectlyIn(IOperation operation, IOperation body)
            {
                for (var current = operation.Parent; current != null && current != body; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
