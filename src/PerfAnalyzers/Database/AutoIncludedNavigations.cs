using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// The navigations the model includes in every query of an entity: <c>builder.Navigation(m => m.Attachments).AutoInclude()</c>
    /// in an entity type configuration or in <c>OnModelCreating</c> (docs/rules/PERF108.md, "Auto-included navigations").
    /// Read from syntax, once per file that calls <c>AutoInclude</c>: the entity is the type argument of the builder
    /// (<c>EntityTypeBuilder&lt;Message&gt;</c> parameter, <c>modelBuilder.Entity&lt;Message&gt;()</c>, the lambda passed
    /// to it, or a local assigned from it), the navigation the member the lambda reads or a string. A navigation is kept
    /// only when no call turns it off or passes a value the syntax does not show (<c>AutoInclude(flag)</c>).
    /// </summary>
    internal sealed class AutoIncludedNavigations
    {
        public static readonly AutoIncludedNavigations None = new AutoIncludedNavigations(new Dictionary<string, List<string>>(StringComparer.Ordinal));

        private static readonly PerTreeFact<Declaration[]> DeclaredIn = new PerTreeFact<Declaration[]>(Find);
        private static readonly IReadOnlyList<string> NoNavigations = Array.Empty<string>();

        // Entity type name (no namespace) → navigation names, in declaration order.
        private readonly Dictionary<string, List<string>> byEntityName;

        private AutoIncludedNavigations(Dictionary<string, List<string>> byEntityName)
        {
            this.byEntityName = byEntityName;
            foreach (var navigations in byEntityName.Values)
            {
                MostPerEntity = Math.Max(MostPerEntity, navigations.Count);
            }
        }

        /// <summary>The largest number of navigations one entity auto-includes (0: none in the compilation).</summary>
        public int MostPerEntity { get; }

        /// <summary>
        /// The auto-included navigations of the compilation's source. Only the files whose text calls <c>AutoInclude</c>
        /// are read, each once, and after an edit only the edited ones again.
        /// </summary>
        public static AutoIncludedNavigations For(Compilation compilation, CancellationToken cancellationToken)
        {
            var trees = InvokedNames.TreesInvokingEither(compilation, "AutoInclude", "AutoInclude" + InvokedNames.GenericSuffix, cancellationToken);
            if (trees.Count == 0)
            {
                return None;
            }

            var turnedOn = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var notOn = new HashSet<(string Entity, string Navigation)>();
            foreach (var tree in trees)
            {
                foreach (var declaration in DeclaredIn.Get(tree, cancellationToken))
                {
                    if (!declaration.On)
                    {
                        notOn.Add((declaration.Entity, declaration.Navigation));
                        continue;
                    }

                    if (!turnedOn.TryGetValue(declaration.Entity, out var navigations))
                    {
                        turnedOn.Add(declaration.Entity, navigations = new List<string>());
                    }

                    if (!navigations.Contains(declaration.Navigation))
                    {
                        navigations.Add(declaration.Navigation);
                    }
                }
            }

            foreach (var pair in turnedOn)
            {
                pair.Value.RemoveAll(navigation => notOn.Contains((pair.Key, navigation)));
            }

            return turnedOn.Count == 0 ? None : new AutoIncludedNavigations(turnedOn);
        }

        /// <summary>The names of the navigations auto-included on <paramref name="entity"/> or one of its base types.</summary>
        public IReadOnlyList<string> Of(ITypeSymbol entity)
        {
            if (byEntityName.Count == 0)
            {
                return NoNavigations;
            }

            IReadOnlyList<string>? single = null;
            List<string>? merged = null;
            for (var type = entity; type != null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                if (byEntityName.TryGetValue(type.Name, out var navigations))
                {
                    if (single == null)
                    {
                        single = navigations;
                    }
                    else
                    {
                        merged ??= new List<string>(single);
                        merged.AddRange(navigations);
                    }
                }
            }

            return merged ?? single ?? NoNavigations;
        }

        private static Declaration[] Find(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!InvokedNames.MayInvokePlain(tree, "AutoInclude", cancellationToken))
            {
                return Array.Empty<Declaration>();
            }

            List<Declaration>? found = null;
            foreach (var call in InvocationSearch.Find(tree, "AutoInclude", cancellationToken))
            {
                if (call.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax navigationCall }
                    && navigationCall.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Navigation" } navigationAccess
                    && NavigationName(navigationCall.ArgumentList) is string navigation
                    && EntityName(navigationAccess.Expression) is string entity)
                {
                    (found ??= new List<Declaration>()).Add(new Declaration(entity, navigation, TurnsOn(call.ArgumentList)));
                }
            }

            return found?.ToArray() ?? Array.Empty<Declaration>();
        }

        /// <summary><c>AutoInclude()</c> and <c>AutoInclude(true)</c>; <c>false</c> or any other value is not on.</summary>
        private static bool TurnsOn(ArgumentListSyntax arguments)
            => arguments.Arguments.Count == 0
                || (arguments.Arguments.Count == 1 && arguments.Arguments[0].Expression.IsKind(SyntaxKind.TrueLiteralExpression));

        /// <summary><c>m => m.Attachments</c>, <c>"Attachments"</c> or <c>nameof(Message.Attachments)</c>.</summary>
        private static string? NavigationName(ArgumentListSyntax arguments)
        {
            if (arguments.Arguments.Count != 1)
            {
                return null;
            }

            switch (arguments.Arguments[0].Expression)
            {
                case SimpleLambdaExpressionSyntax { ExpressionBody: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } lambda
                    when receiver.Identifier.ValueText == lambda.Parameter.Identifier.ValueText:
                    return access.Name.Identifier.ValueText;
                case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, ExpressionBody: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } lambda
                    when receiver.Identifier.ValueText == lambda.ParameterList.Parameters[0].Identifier.ValueText:
                    return access.Name.Identifier.ValueText;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    return literal.Token.ValueText;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments.Count: 1 } nameOf:
                    return nameOf.ArgumentList.Arguments[0].Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        /// <summary>The entity a builder expression configures, by the name of its type argument, or null when the syntax does not say.</summary>
        private static string? EntityName(ExpressionSyntax builder)
        {
            switch (builder)
            {
                case InvocationExpressionSyntax entityCall:
                    return EntityCallTypeArgument(entityCall);
                case IdentifierNameSyntax identifier:
                    return DeclaredBuilderEntity(identifier);
                default:
                    return null;
            }
        }

        /// <summary><c>modelBuilder.Entity&lt;Message&gt;(..)</c> → Message.</summary>
        private static string? EntityCallTypeArgument(InvocationExpressionSyntax call)
        {
            var name = call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name is GenericNameSyntax { Identifier.ValueText: "Entity", TypeArgumentList.Arguments.Count: 1 } generic
                ? TypeName(generic.TypeArgumentList.Arguments[0])
                : null;
        }

        /// <summary>
        /// The entity of the builder a name refers to: a parameter typed <c>EntityTypeBuilder&lt;Message&gt;</c>, the
        /// parameter of a lambda passed to <c>Entity&lt;Message&gt;(..)</c>, or a local assigned from <c>Entity&lt;Message&gt;()</c>.
        /// </summary>
        private static string? DeclaredBuilderEntity(IdentifierNameSyntax identifier)
        {
            var name = identifier.Identifier.ValueText;
            for (SyntaxNode? current = identifier.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case SimpleLambdaExpressionSyntax lambda when lambda.Parameter.Identifier.ValueText == name:
                        return LambdaBuilderEntity(lambda, lambda.Parameter);
                    case ParenthesizedLambdaExpressionSyntax lambda when Parameter(lambda.ParameterList, name) is { } parameter:
                        return LambdaBuilderEntity(lambda, parameter);
                    case BaseMethodDeclarationSyntax method:
                        return Parameter(method.ParameterList, name) is { Type: { } parameterType } ? BuilderTypeArgument(parameterType) : LocalBuilderEntity(method.Body, name);
                    case LocalFunctionStatementSyntax function when Parameter(function.ParameterList, name) is { Type: { } functionParameterType }:
                        return BuilderTypeArgument(functionParameterType);
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        private static string? LambdaBuilderEntity(AnonymousFunctionExpressionSyntax lambda, ParameterSyntax parameter)
        {
            if (parameter.Type != null)
            {
                return BuilderTypeArgument(parameter.Type);
            }

            return lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax entityCall } }
                ? EntityCallTypeArgument(entityCall)
                : null;
        }

        /// <summary><c>var message = modelBuilder.Entity&lt;Message&gt;();</c> in the method's body, assigned once.</summary>
        private static string? LocalBuilderEntity(BlockSyntax? body, string name)
        {
            if (body == null)
            {
                return null;
            }

            string? entity = null;
            foreach (var declarator in body.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (declarator.Identifier.ValueText != name)
                {
                    continue;
                }

                if (entity != null || declarator.Initializer?.Value is not InvocationExpressionSyntax call || EntityCallTypeArgument(call) is not string declared)
                {
                    return null;
                }

                entity = declared;
            }

            return entity;
        }

        private static ParameterSyntax? Parameter(BaseParameterListSyntax list, string name)
        {
            foreach (var parameter in list.Parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return parameter;
                }
            }

            return null;
        }

        /// <summary><c>EntityTypeBuilder&lt;Message&gt;</c> → Message.</summary>
        private static string? BuilderTypeArgument(TypeSyntax type)
        {
            var simple = type is QualifiedNameSyntax qualified ? qualified.Right : type as SimpleNameSyntax;
            return simple is GenericNameSyntax { Identifier.ValueText: "EntityTypeBuilder", TypeArgumentList.Arguments.Count: 1 } generic
                ? TypeName(generic.TypeArgumentList.Arguments[0])
                : null;
        }

        private static string? TypeName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };

        private readonly struct Declaration
        {
            public Declaration(string entity, string navigation, bool on)
            {
                Entity = entity;
                Navigation = navigation;
                On = on;
            }

            public string Entity { get; }

            public string Navigation { get; }

            public bool On { get; }
        }
    }
}
