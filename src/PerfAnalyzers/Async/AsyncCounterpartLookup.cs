using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Async
{
    /// <summary>
    /// PERF202's general rule: the asynchronous counterpart of a synchronous method is a method named
    /// <c>NameAsync</c> on the same type (or its base types), or in the same extension class, with the same
    /// parameters — <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c> may become <c>Memory&lt;T&gt;</c>/<c>ReadOnlyMemory&lt;T&gt;</c> —
    /// optionally plus a trailing <c>CancellationToken</c>, not obsolete, accessible, and returning a task.
    /// </summary>
    internal static class AsyncCounterpartLookup
    {
        /// <summary>
        /// False when <see cref="Find"/> would find nothing because no type it searches has a member named
        /// <c>NameAsync</c>. Most calls (LINQ operators, string and logging methods) have none. Asked for every call, so
        /// it reads one set per type: the names <c>Name</c> whose <c>NameAsync</c> the type (or, for an instance call, a
        /// base type or an interface it extends) declares. See <see cref="AsyncNamesByType"/>.
        /// </summary>
        public static bool MayHaveCounterpart(IMethodSymbol method, ITypeSymbol? receiverType)
        {
            var declaredAlone = method.IsStatic || SymbolFacts.IsExtensionBlock(method.ContainingType);
            var start = declaredAlone ? method.ContainingType : receiverType as INamedTypeSymbol ?? method.ContainingType;
            if (start == null)
            {
                return false;
            }

            start = start.OriginalDefinition;
            var names = declaredAlone ? AsyncNamesByType.Declared(start) : AsyncNamesByType.Searched(start);
            return names.Contains(method.Name);
        }

        public static IMethodSymbol? Find(IMethodSymbol method, ITypeSymbol? receiverType, SemanticContext types, Compilation compilation, INamedTypeSymbol? within)
        {
            var name = method.Name + "Async";
            var sync = method.ConstructedFrom;
            IMethodSymbol? best = null;
            // A static method's twin, or an extension block member's (found in SharpCompress: WriteToFile and
            // WriteToFileAsync in one extension(IArchiveEntry) block), is declared beside it.
            if (method.IsStatic || SymbolFacts.IsExtensionBlock(method.ContainingType))
            {
                Search(method.ContainingType, name, sync, types, compilation, within, ref best);
                return best;
            }

            for (var type = receiverType as INamedTypeSymbol ?? method.ContainingType; type != null; type = type.BaseType)
            {
                Search(type, name, sync, types, compilation, within, ref best);
            }

            if (best == null && receiverType is INamedTypeSymbol { TypeKind: TypeKind.Interface } interfaceType)
            {
                foreach (var implemented in interfaceType.AllInterfaces)
                {
                    Search(implemented, name, sync, types, compilation, within, ref best);
                }
            }

            return best != null && IsAdoNetDefaultTheProviderKeeps(best, receiverType) ? null : best;
        }

        /// <summary>The protected method a public ADO.NET async method calls, which a provider overrides to make it asynchronous.</summary>
        private static string? AdoNetCore(string name) => name switch
        {
            "BeginTransactionAsync" => "BeginDbTransactionAsync",
            "ExecuteReaderAsync" => "ExecuteDbDataReaderAsync",
            "ExecuteScalarAsync" or "ExecuteNonQueryAsync" or "OpenAsync" or "CloseAsync" or "CommitAsync" or "RollbackAsync"
                or "SaveAsync" or "ReleaseAsync" or "ReadAsync" or "NextResultAsync" or "ChangeDatabaseAsync" or "PrepareAsync" => name,
            _ => null,
        };

        /// <summary>
        /// An async method of ADO.NET's base classes (<c>DbConnection</c>, <c>DbCommand</c>, <c>DbTransaction</c>,
        /// <c>DbDataReader</c>, <c>DbBatch</c>) that the receiver's provider class does not override: the base's default runs
        /// the synchronous method and returns a finished task, so awaiting it blocks the same way (SqlClient's
        /// <c>BeginTransaction</c>, <c>Commit</c>, <c>Rollback</c>, found in bitwarden). A receiver typed as the base class
        /// itself could be any provider, and still counts.
        /// </summary>
        private static bool IsAdoNetDefaultTheProviderKeeps(IMethodSymbol counterpart, ITypeSymbol? receiverType)
        {
            var baseType = counterpart.ContainingType;
            if (baseType == null || !SymbolFacts.IsNamespace(baseType.ContainingNamespace, "System.Data.Common")
                || receiverType is not INamedTypeSymbol provider
                || SymbolEqualityComparer.Default.Equals(provider.OriginalDefinition, baseType.OriginalDefinition)
                || AdoNetCore(counterpart.Name) is not { } core)
            {
                return false;
            }

            for (var type = provider; type != null && !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, baseType.OriginalDefinition); type = type.BaseType)
            {
                foreach (var member in type.GetMembers(core))
                {
                    if (member is IMethodSymbol { IsOverride: true })
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="candidate"/> takes one more parameter than <paramref name="sync"/>: a CancellationToken.</summary>
        public static bool TakesExtraToken(IMethodSymbol sync, IMethodSymbol candidate) => candidate.Parameters.Length == sync.Parameters.Length + 1;

        private static void Search(INamedTypeSymbol type, string name, IMethodSymbol sync, SemanticContext types, Compilation compilation, INamedTypeSymbol? within, ref IMethodSymbol? best)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol candidate
                    && candidate.IsStatic == sync.IsStatic
                    && candidate.IsExtensionMethod == sync.IsExtensionMethod
                    && candidate.TypeParameters.Length == sync.TypeParameters.Length
                    && types.IsTaskLike(candidate.ReturnType)
                    && ParametersMatch(sync, candidate, types)
                    && (within == null || compilation.IsSymbolAccessibleWithin(candidate, within))
                    && !IsObsolete(candidate, types)
                    && !OnlyThrows(candidate)
                    && !IsSyncWrapperNoOneReplaces(candidate, sync, types)
                    && !IsSynchronousTwinNoOneReplaces(candidate)
                    && !IsValueFactoryTwinOfAnotherProject(candidate, sync, types)
                    && (best == null || (TakesExtraToken(sync, candidate) && !TakesExtraToken(sync, best))))
                {
                    best = candidate;
                }
            }
        }

        private static bool ParametersMatch(IMethodSymbol sync, IMethodSymbol candidate, SemanticContext types)
        {
            var count = sync.Parameters.Length;
            if (candidate.Parameters.Length != count
                && !(candidate.Parameters.Length == count + 1 && SymbolFacts.Is(candidate.Parameters[count].Type, types.CancellationToken)))
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                if (sync.Parameters[i].RefKind != candidate.Parameters[i].RefKind
                    || !TypesMatch(sync.Parameters[i].Type, candidate.Parameters[i].Type, types))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TypesMatch(ITypeSymbol sync, ITypeSymbol candidate, SemanticContext types)
        {
            if (SymbolEqualityComparer.Default.Equals(sync, candidate))
            {
                return true;
            }

            if (sync is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } left)
            {
                return candidate is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } right && left.Ordinal == right.Ordinal;
            }

            if (sync is IArrayTypeSymbol syncArray)
            {
                return candidate is IArrayTypeSymbol candidateArray && syncArray.Rank == candidateArray.Rank
                    && TypesMatch(syncArray.ElementType, candidateArray.ElementType, types);
            }

            if (sync is not INamedTypeSymbol { IsGenericType: true } syncNamed || candidate is not INamedTypeSymbol { IsGenericType: true } candidateNamed
                || syncNamed.TypeArguments.Length != candidateNamed.TypeArguments.Length)
            {
                return false;
            }

            var syncDefinition = syncNamed.OriginalDefinition;
            var candidateDefinition = candidateNamed.OriginalDefinition;
            var sameDefinition = SymbolEqualityComparer.Default.Equals(syncDefinition, candidateDefinition)
                || (SymbolFacts.Is(syncDefinition, types.Span) && SymbolFacts.Is(candidateDefinition, types.Memory))
                || (SymbolFacts.Is(syncDefinition, types.ReadOnlySpan) && SymbolFacts.Is(candidateDefinition, types.ReadOnlyMemory));
            if (!sameDefinition)
            {
                return false;
            }

            for (var i = 0; i < syncNamed.TypeArguments.Length; i++)
            {
                if (!TypesMatch(syncNamed.TypeArguments[i], candidateNamed.TypeArguments[i], types))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A twin declared in source whose body only throws (<c>=&gt; throw new NotImplementedException()</c>) is a
        /// placeholder, not a method to move to (found in Blogifier's storage provider). Read from its declaration's
        /// syntax; an abstract or interface member has no body and still counts.
        /// </summary>
        private static bool OnlyThrows(IMethodSymbol candidate)
        {
            if (candidate.DeclaringSyntaxReferences.Length != 1
                || candidate.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            return declaration.ExpressionBody?.Expression is ThrowExpressionSyntax
                || (declaration.Body is { Statements.Count: 1 } body && body.Statements[0] is ThrowStatementSyntax);
        }

        /// <summary>
        /// A twin of the application that is itself synchronous and that nothing can replace (static or not virtual, a
        /// class's): it is not <c>async</c>, and every <c>return</c> of its body hands back a finished task
        /// (<c>Task.CompletedTask</c>, <c>Task.FromResult(..)</c>, <c>default</c>). Its work runs before it returns, so
        /// awaiting it blocks exactly as the synchronous call does (smtp4dev's <c>Pop3Server.StopAsync</c>, which stops the
        /// listeners and returns <c>Task.CompletedTask</c>, next to <c>Stop()</c> blocking on it). Read from syntax.
        /// </summary>
        private static bool IsSynchronousTwinNoOneReplaces(IMethodSymbol candidate)
        {
            if (candidate.IsAbstract || candidate.IsVirtual || candidate.IsOverride
                || candidate.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct }
                || candidate.DeclaringSyntaxReferences.Length != 1
                || candidate.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { } body } declaration
                || declaration.Modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                return false;
            }

            var returns = 0;
            foreach (var node in body.DescendantNodes(descendIntoChildren: child => child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax returned)
                {
                    if (!IsFinishedTask(returned.Expression))
                    {
                        return false;
                    }

                    returns++;
                }
            }

            return returns > 0;
        }

        private static bool IsFinishedTask(ExpressionSyntax? expression)
            => expression switch
            {
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } => true,
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask", Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } } => true,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier.ValueText: "FromResult" } or GenericNameSyntax { Identifier.ValueText: "FromResult" }, Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } } } => true,
                _ => false,
            };

        /// <summary>
        /// A method of the application that only wraps the synchronous call (<c>=&gt; Task.FromResult(OpenWrite())</c>,
        /// <c>{ MoveTo(path); return Task.CompletedTask; }</c>) and that nothing can replace (static, or not virtual), or a
        /// default interface method that no class of the application replaces: awaiting it
        /// blocks exactly as the synchronous call does (found in Smartstore's file abstraction). Read from syntax first;
        /// the implementations are asked for only then. A source interface deriving from it could replace the default for
        /// classes this search does not see, so the twin then still counts.
        /// </summary>
        private static bool IsSyncWrapperNoOneReplaces(IMethodSymbol candidate, IMethodSymbol sync, SemanticContext types)
        {
            if (candidate.ContainingType is not { } contract
                || candidate.IsAbstract
                || candidate.DeclaringSyntaxReferences.Length != 1
                || candidate.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration
                || !OnlyWrapsCallTo(declaration, sync.Name))
            {
                return false;
            }

            // A static or non-virtual method of a class or struct cannot be replaced: the wrapper is all there is
            // (Result.SuccessAsync() => Task.FromResult(Success()), found in a Clean Architecture template).
            if (contract.TypeKind != TypeKind.Interface)
            {
                return candidate.IsStatic || !(candidate.IsVirtual || candidate.IsOverride);
            }

            foreach (var naming in types.TypesNamingBase(contract.Name, default))
            {
                if (naming is InterfaceDeclarationSyntax)
                {
                    return false;
                }
            }

            var definition = candidate.OriginalDefinition;
            return AllKeepTheDefault(types.SourceImplementations(definition), definition)
                && AllKeepTheDefault(types.ImplementationsInOtherProjects(definition), definition);
        }

        // Names of static factories that may well read or write (Document.Load(path), Report.Create(path)): never taken for
        // a value factory.
        private static readonly string[] IoVerbs =
        {
            "Load", "Read", "Open", "Fetch", "Get", "Download", "Upload", "Query", "Find", "Search", "Save", "Write", "Send",
            "Connect", "Create", "Import", "Export", "Copy", "Move", "Delete",
        };

        /// <summary>
        /// The static async twin of a static factory of another project of the application that builds a value of its own
        /// type from plain values (<c>Result.Fail(message)</c> next to <c>Result.FailAsync(message)</c>, found in BlazorHero,
        /// whose result wrapper lives in its shared project): such a twin can only wrap the factory
        /// (<c>Task.FromResult(Fail(message))</c>), as <see cref="IsSyncWrapperNoOneReplaces"/> reads in source, but a
        /// compiled project shows no body. Told from the declarations: the factory returns its own type or an interface the
        /// type implements (or, for a static factory class, a type of its own assembly), takes only strings, numbers, booleans, enums, exceptions, lists of strings or type parameters,
        /// and is not named for I/O (<see cref="IoVerbs"/>); the twin takes no cancellation token.
        /// </summary>
        private static bool IsValueFactoryTwinOfAnotherProject(IMethodSymbol candidate, IMethodSymbol sync, SemanticContext types)
        {
            if (!candidate.IsStatic || !sync.IsStatic || !candidate.DeclaringSyntaxReferences.IsEmpty
                || sync.ContainingType is not { } type
                || !types.IsDeclaredByApplication(sync.OriginalDefinition)
                || NameWords.StartsWithWord(sync.Name, IoVerbs)
                || !(IsOwnTypeOrItsInterface(sync.ReturnType, type) || IsTypeOfAStaticFactory(sync.ReturnType, type)))
            {
                return false;
            }

            foreach (var parameter in sync.Parameters)
            {
                if (!IsPlainValue(parameter.Type))
                {
                    return false;
                }
            }

            foreach (var parameter in candidate.Parameters)
            {
                if (SymbolFacts.Is(parameter.Type, types.CancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsOwnTypeOrItsInterface(ITypeSymbol returned, INamedTypeSymbol type)
        {
            var definition = returned.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, type.OriginalDefinition))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, definition))
                {
                    return true;
                }
            }

            for (var baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, definition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A static factory class and the value type it builds, declared side by side in one assembly
        /// (<c>ErrorOrFactory.From&lt;T&gt;(value)</c> builds an <c>ErrorOr&lt;T&gt;</c>; found in amantinband's clean-architecture).
        /// </summary>
        private static bool IsTypeOfAStaticFactory(ITypeSymbol returned, INamedTypeSymbol factory)
            => factory.IsStatic && returned is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface }
            && SymbolEqualityComparer.Default.Equals(returned.ContainingAssembly, factory.ContainingAssembly);

        /// <summary>A string, number, boolean, enum, exception, type parameter, or an array or generic collection of strings.</summary>
        private static bool IsPlainValue(ITypeSymbol type)
        {
            switch (type)
            {
                case ITypeParameterSymbol _:
                    return true;
                case IArrayTypeSymbol array:
                    return array.ElementType.SpecialType == SpecialType.System_String;
                case INamedTypeSymbol { TypeKind: TypeKind.Enum }:
                    return true;
                case INamedTypeSymbol { IsGenericType: true } generic
                    when generic.TypeArguments.Length == 1 && SymbolFacts.IsNamespace(generic.ContainingNamespace, "System.Collections.Generic"):
                    return generic.TypeArguments[0].SpecialType == SpecialType.System_String;
            }

            if (type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Char
                or >= SpecialType.System_SByte and <= SpecialType.System_Double)
            {
                return true;
            }

            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (current.Name == "Exception" && SymbolFacts.IsNamespace(current.ContainingNamespace, "System"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every class's implementation is the interface's own default (null: some class leaves it abstract, unknown).</summary>
        private static bool AllKeepTheDefault(System.Collections.Generic.List<IMethodSymbol>? implementations, IMethodSymbol definition)
        {
            if (implementations == null)
            {
                return false;
            }

            foreach (var implementation in implementations)
            {
                if (!SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, definition))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>=&gt; Task.FromResult(Name(..))</c> (also <c>ValueTask.FromResult</c>, <c>new ValueTask&lt;T&gt;(..)</c>, or the same
        /// in a single <c>return</c>), or <c>{ Name(..); return Task.CompletedTask; }</c> (or <c>ValueTask.CompletedTask</c>, <c>default</c>).
        /// </summary>
        private static bool OnlyWrapsCallTo(MethodDeclarationSyntax declaration, string syncName)
        {
            if (declaration.ExpressionBody != null)
            {
                return WrapsResultOf(declaration.ExpressionBody.Expression, syncName) || IsResultOf(declaration.ExpressionBody.Expression, syncName);
            }

            var statements = declaration.Body?.Statements;
            switch (statements?.Count)
            {
                case 1:
                    return statements.Value[0] is ReturnStatementSyntax { Expression: { } returned } && (WrapsResultOf(returned, syncName) || IsResultOf(returned, syncName));
                case 2:
                    return (statements.Value[0] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } && Calls(call, syncName)
                            && statements.Value[1] is ReturnStatementSyntax { Expression: { } completed }
                            && (completed is LiteralExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.DefaultLiteralExpression }
                                || completed is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" }))
                        || ReturnsLocalHoldingResultOf(statements.Value[0], statements.Value[1], syncName);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The synchronous call's own result, returned as the task (<c>=&gt; (Task&lt;dynamic&gt;)InvokeMethod(..)</c>): the
        /// synchronous method already hands out the task, and the twin only re-types it.
        /// </summary>
        private static bool IsResultOf(ExpressionSyntax expression, string syncName)
            => DeclarationSyntax.WithoutCasts(expression) is InvocationExpressionSyntax call && Calls(call, syncName);

        /// <summary>
        /// <c>dynamic awaitable = InvokeMethod(..); return awaitable;</c> (found in a food-delivery sample's reflection
        /// helpers): the same re-typing through a local.
        /// </summary>
        private static bool ReturnsLocalHoldingResultOf(StatementSyntax first, StatementSyntax second, string syncName)
            => first is LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
            && variables[0].Initializer?.Value is { } initial
            && IsResultOf(initial, syncName)
            && second is ReturnStatementSyntax { Expression: { } returned }
            && DeclarationSyntax.WithoutCasts(returned) is IdentifierNameSyntax local
            && local.Identifier.ValueText == variables[0].Identifier.ValueText;

        private static bool WrapsResultOf(ExpressionSyntax expression, string syncName)
        {
            var arguments = expression switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" } } fromResult => fromResult.ArgumentList,
                ObjectCreationExpressionSyntax { Type: GenericNameSyntax { Identifier.ValueText: "ValueTask" } } created => created.ArgumentList,
                _ => null,
            };
            return arguments is { Arguments.Count: 1 } && arguments.Arguments[0].Expression is InvocationExpressionSyntax call && Calls(call, syncName);
        }

        private static bool Calls(InvocationExpressionSyntax call, string name)
            => call.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
                GenericNameSyntax generic => generic.Identifier.ValueText == name,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var member } => member == name,
                _ => false,
            };

        private static bool IsObsolete(ISymbol symbol, SemanticContext types)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolFacts.Is(attribute.AttributeClass, types.ObsoleteAttribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
