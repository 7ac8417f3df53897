using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF101's hoisting rewrite. For a per-iteration query that matches an entity property (or the key, for Find) to a
    /// member of the loop variable, inserts before the loop one query over all the collected keys (Contains) into a
    /// dictionary (First/Single/Find) or lookup (Where..ToList/ToArray), and replaces the per-iteration query with a lookup.
    /// Returns null for every other shape.
    /// </summary>
    internal static class QueryHoist
    {
        internal enum Shape
        {
            /// <summary>First / Single: <c>map[key]</c> (throws when missing, as the original did).</summary>
            Element,

            /// <summary>FirstOrDefault / SingleOrDefault / Find: <c>map.GetValueOrDefault(key)</c>.</summary>
            ElementOrDefault,

            /// <summary>Where(..).ToList() / ToArray(): <c>lookup[key].ToList()</c>; a spread Where(..): <c>[.. lookup[key]]</c>.</summary>
            Group,
        }

        /// <summary>What the rewrite needs, found without building any code (cheap enough to decide whether to offer the fix).</summary>
        internal sealed class Plan
        {
            /// <summary>The replaced node: the awaited call for async forms (which must be awaited directly).</summary>
            public ExpressionSyntax Target { get; set; } = null!;

            /// <summary>The statement the hoisted statements go before (the loop).</summary>
            public StatementSyntax Anchor { get; set; } = null!;

            public ExpressionSyntax Collection { get; set; } = null!;

            public ISymbol Iteration { get; set; } = null!;

            public ExpressionSyntax Source { get; set; } = null!;

            public ExpressionSyntax Key { get; set; } = null!;

            public ExpressionSyntax? Token { get; set; }

            public string ParameterName { get; set; } = null!;

            public IPropertySymbol Property { get; set; } = null!;

            public ITypeSymbol Entity { get; set; } = null!;

            public Shape Shape { get; set; }

            public string BaseName { get; set; } = null!;

            public bool IsAsync { get; set; }

            /// <summary>The property is the entity's key (or the query is a Single): one row per key.</summary>
            public bool IsKey { get; set; }
        }

        /// <summary>The hoisting fix for <paramref name="invocation"/>, or null when its shape is not one the rewrite handles.</summary>
        public static async Task<Document?> TryApplyAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var plan = model == null ? null : TryPlan(model, invocation, cancellationToken);
            return plan == null ? null : await ApplyAsync(document, model!, plan, cancellationToken).ConfigureAwait(false);
        }

        public static Plan? TryPlan(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var types = SemanticContext.For(model.Compilation);
            if (!types.ReferencesEfCore
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || !EfQueryModel.TryGetExecution(operation, types, out var execution)
                || !LoopModel.TryGetEnclosingLoop(operation, types, out var loop) || loop == null
                || invocation.Expression is not MemberAccessExpressionSyntax call
                || !(loop.IterationSymbol is ILocalSymbol || loop.IterationSymbol is IParameterSymbol))
            {
                return null;
            }

            var iteration = loop.IterationSymbol!;
            if (!TryGetLoopSite(loop, out var anchor, out var collection, out var loopSpan) || anchor == null || collection == null)
            {
                return null;
            }

            var baseName = execution.IsAsync ? execution.Name.Substring(0, execution.Name.Length - 5) : execution.Name;
            var arguments = invocation.ArgumentList.Arguments;
            ExpressionSyntax source;
            ExpressionSyntax key;
            ExpressionSyntax? token = null;
            string parameterName;
            IPropertySymbol? property;
            ITypeSymbol? entity;
            Shape shape;
            switch (baseName)
            {
                case "First":
                case "FirstOrDefault":
                case "Single":
                case "SingleOrDefault":
                    if (arguments.Count < 1 || arguments.Count > (execution.IsAsync ? 2 : 1)
                        || !TryMatchKeyPredicate(arguments[0].Expression, model, cancellationToken, out parameterName, out property, out key))
                    {
                        return null;
                    }

                    token = arguments.Count == 2 ? arguments[1].Expression : null;
                    source = call.Expression;
                    entity = property!.ContainingType;
                    shape = baseName.EndsWith("OrDefault", StringComparison.Ordinal) ? Shape.ElementOrDefault : Shape.Element;
                    break;
                case "Find":
                    entity = (operation.Instance?.Type as INamedTypeSymbol) is { TypeArguments: { Length: 1 } typeArguments } && types.IsDbSet(operation.Instance!.Type)
                        ? typeArguments[0]
                        : null;
                    property = entity == null ? null : FindKeyProperty(entity, types);
                    if (property == null || !TryGetFindKey(arguments, execution.IsAsync, out key, out token))
                    {
                        return null;
                    }

                    source = call.Expression;
                    parameterName = char.ToLowerInvariant(entity!.Name[0]).ToString();
                    shape = Shape.ElementOrDefault;
                    break;
                case "ToList":
                case "ToArray":
                    if (arguments.Count > (execution.IsAsync ? 1 : 0)
                        || call.Expression is not InvocationExpressionSyntax where
                        || where.Expression is not MemberAccessExpressionSyntax whereAccess
                        || whereAccess.Name.Identifier.ValueText != "Where"
                        || where.ArgumentList.Arguments.Count != 1
                        || model.GetSymbolInfo(where, cancellationToken).Symbol is not IMethodSymbol whereMethod
                        || !SymbolFacts.Is(whereMethod.ContainingType?.OriginalDefinition, types.Queryable)
                        || !TryMatchKeyPredicate(where.ArgumentList.Arguments[0].Expression, model, cancellationToken, out parameterName, out property, out key))
                    {
                        return null;
                    }

                    token = arguments.Count == 1 ? arguments[0].Expression : null;
                    source = whereAccess.Expression;
                    entity = property!.ContainingType;
                    shape = Shape.Group;
                    break;
                case EfQueryModel.SpreadName:
                    // [.. db.Tags.Where(t => t.PostId == post.Id)]: the spread query is the Where itself, and the lookup's
                    // group is spread in its place ([.. tagsByPostId[post.Id]]), which keeps the collection's type.
                    if (arguments.Count != 1
                        || operation.TargetMethod.Name != "Where"
                        || !SymbolFacts.Is(operation.TargetMethod.ContainingType?.OriginalDefinition, types.Queryable)
                        || !TryMatchKeyPredicate(arguments[0].Expression, model, cancellationToken, out parameterName, out property, out key))
                    {
                        return null;
                    }

                    source = call.Expression;
                    entity = property!.ContainingType;
                    shape = Shape.Group;
                    break;
                default:
                    return null;
            }

            if (!IsLoopKey(key, iteration, loopSpan, model, cancellationToken)
                || DependsOn(source, loopSpan, model, cancellationToken)
                || !HasSafeKeyType(model.GetTypeInfo(key, cancellationToken).Type, property.Type))
            {
                return null;
            }

            ExpressionSyntax target = invocation;
            if (execution.IsAsync)
            {
                if (invocation.Parent is not AwaitExpressionSyntax awaitExpression || !AsyncSignature.CanAwaitAt(anchor))
                {
                    return null;
                }

                target = awaitExpression.Parent is ParenthesizedExpressionSyntax parenthesized ? parenthesized : awaitExpression;
                if (token != null && DependsOn(token, loopSpan, model, cancellationToken))
                {
                    token = null;
                }

                token ??= CancellationTokens.FindInScope(anchor, model, cancellationToken);
            }

            // A synchronous lookup in async code (a Single in a Select's lambda inside an async handler, found in an
            // apprenticeship learning service): the hoisted load is awaited, so the fix leaves no blocking query behind
            // for PERF202 to report. Not inside a lock, where await cannot stand.
            var hoistAsync = execution.IsAsync;
            if (!hoistAsync && AsyncSignature.CanAwaitAt(anchor) && !InsideALock(anchor))
            {
                hoistAsync = true;
                token = CancellationTokens.FindInScope(anchor, model, cancellationToken);
            }

            var isKey = SymbolEqualityComparer.Default.Equals(property, FindKeyProperty(entity, types)) || baseName.StartsWith("Single", StringComparison.Ordinal);
            return new Plan
            {
                Target = target,
                Anchor = anchor,
                Collection = collection,
                Iteration = iteration,
                Source = source,
                Key = key,
                Token = token,
                ParameterName = parameterName,
                Property = property,
                Entity = entity,
                Shape = shape,
                BaseName = baseName,
                IsAsync = hoistAsync,
                IsKey = isKey,
            };
        }

        /// <summary>Writes the hoisted statements before the loop and replaces the per-iteration query with a lookup.</summary>
        public static async Task<Document> ApplyAsync(Document document, SemanticModel model, Plan plan, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }

            var (anchor, entity, property, p) = (plan.Anchor, plan.Entity, plan.Property, plan.ParameterName);
            var names = FreshNames.ForLocals(anchor, model);
            var keysName = names.Take(Camel(entity.Name) + property.Name + "s");
            var mapName = names.Take(Camel(Plural(entity.Name)) + "By" + property.Name);
            var tokenText = plan.Token == null ? "" : plan.Token.ToString();
            var keyText = plan.Key.ToString();
            var filtered = $"{plan.Source}.Where({p} => {keysName}.Contains({p}.{property.Name}))";

            var keysStatement = plan.Key is IdentifierNameSyntax
                ? $"var {keysName} = {plan.Collection}.Distinct().ToList();"
                : $"var {keysName} = {plan.Collection}.Select({plan.Iteration.Name} => {keyText}).Distinct().ToList();";
            string mapStatement;
            string replacement;
            if (plan.Shape == Shape.Group)
            {
                mapStatement = plan.IsAsync
                    ? $"var {mapName} = (await {filtered}.ToListAsync({tokenText})).ToLookup({p} => {p}.{property.Name});"
                    : $"var {mapName} = {filtered}.ToLookup({p} => {p}.{property.Name});";
                replacement = plan.BaseName == EfQueryModel.SpreadName ? $"{mapName}[{keyText}]" : $"{mapName}[{keyText}].{plan.BaseName}()";
            }
            else
            {
                var separator = tokenText.Length == 0 ? "" : ", ";
                mapStatement = plan.IsKey
                    ? plan.IsAsync
                        ? $"var {mapName} = await {filtered}.ToDictionaryAsync({p} => {p}.{property.Name}{separator}{tokenText});"
                        : $"var {mapName} = {filtered}.ToDictionary({p} => {p}.{property.Name});"
                    : plan.IsAsync
                        ? $"var {mapName} = (await {filtered}.ToListAsync({tokenText})).GroupBy({p} => {p}.{property.Name}).ToDictionary(rows => rows.Key, rows => rows.First());"
                        : $"var {mapName} = {filtered}.AsEnumerable().GroupBy({p} => {p}.{property.Name}).ToDictionary(rows => rows.Key, rows => rows.First());";
                replacement = plan.Shape == Shape.Element ? $"{mapName}[{keyText}]" : $"{mapName}.GetValueOrDefault({keyText})";
            }

            var endOfLine = SyntaxFactory.EndOfLine(CodeFixSyntax.NewLine(root));
            var indentation = anchor.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            StatementSyntax Statement(string text)
                => Imports.Require(SyntaxFactory.ParseStatement(text).WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine).WithAdditionalAnnotations(Formatter.Annotation), "System.Linq");

            var lookup = SyntaxFactory.ParseExpression(replacement);
            if (plan.Shape == Shape.ElementOrDefault)
            {
                lookup = Imports.Require(lookup, "System.Collections.Generic");
            }

            var map = Statement(mapStatement);
            if (plan.IsAsync)
            {
                map = Imports.Require(map, "Microsoft.EntityFrameworkCore");
            }

            var tracked = root.TrackNodes(plan.Target, anchor);
            var currentTarget = tracked.GetCurrentNode(plan.Target)!;
            tracked = tracked.ReplaceNode(currentTarget, lookup.WithTriviaFrom(currentTarget));
            var currentAnchor = tracked.GetCurrentNode(anchor)!;
            var first = Statement(keysStatement);
            var leading = currentAnchor.GetLeadingTrivia();
            if (leading.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                // Blank lines before the loop stay before the hoisted statements.
                first = first.WithLeadingTrivia(leading);
                tracked = tracked.ReplaceNode(currentAnchor, currentAnchor.WithLeadingTrivia(indentation));
                currentAnchor = tracked.GetCurrentNode(anchor)!;
            }

            tracked = tracked.InsertNodesBefore(currentAnchor, new[] { first, map });
            return await CodeFixSyntax.FinishAsync(document.WithSyntaxRoot(tracked), cancellationToken).ConfigureAwait(false);
        }

        private static bool InsideALock(SyntaxNode node)
        {
            var function = FunctionSyntax.Enclosing(node);
            for (var current = node.Parent; current != null && current != function; current = current.Parent)
            {
                if (current is LockStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryGetLoopSite(LoopContext loop, out StatementSyntax? anchor, out ExpressionSyntax? collection, out Microsoft.CodeAnalysis.Text.TextSpan loopSpan)
        {
            anchor = null;
            collection = null;
            loopSpan = loop.Loop.Syntax.Span;
            switch (loop.Loop)
            {
                case IForEachLoopOperation forEach when !forEach.IsAsynchronous && forEach.Syntax is ForEachStatementSyntax statement:
                    anchor = statement;
                    collection = statement.Expression;
                    break;
                case IAnonymousFunctionOperation lambda when !loop.IsLoopOfCalledMethod:
                    var parent = lambda.Parent is IDelegateCreationOperation ? lambda.Parent.Parent : lambda.Parent;
                    if (parent?.Parent is not IInvocationOperation invocation)
                    {
                        return false;
                    }

                    collection = (invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null))?.WalkDownConversion().Syntax as ExpressionSyntax;
                    for (var node = invocation.Syntax.Parent; node != null; node = node.Parent)
                    {
                        if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax)
                        {
                            return false;
                        }

                        if (node is StatementSyntax statementSyntax)
                        {
                            anchor = statementSyntax;
                            break;
                        }
                    }

                    break;
                default:
                    return false;
            }

            return anchor?.Parent is BlockSyntax && collection != null && IsReevaluable(collection);
        }

        /// <summary>A local, parameter, field or property chain: evaluating it again before the loop has no side effect.</summary>
        private static bool IsReevaluable(ExpressionSyntax expression)
            => expression switch
            {
                IdentifierNameSyntax _ => true,
                ThisExpressionSyntax _ => true,
                MemberAccessExpressionSyntax member => member.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsReevaluable(member.Expression),
                _ => false,
            };

        private static bool TryMatchKeyPredicate(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken, out string parameterName, out IPropertySymbol? property, out ExpressionSyntax key)
        {
            parameterName = "";
            property = null;
            key = expression;
            if (expression is not SimpleLambdaExpressionSyntax lambda || lambda.Body is not BinaryExpressionSyntax binary || !binary.IsKind(SyntaxKind.EqualsExpression))
            {
                return false;
            }

            var name = lambda.Parameter.Identifier.ValueText;
            parameterName = name;
            foreach (var (entitySide, other) in new[] { (binary.Left, binary.Right), (binary.Right, binary.Left) })
            {
                if (entitySide is MemberAccessExpressionSyntax member
                    && member.Expression is IdentifierNameSyntax identifier
                    && identifier.Identifier.ValueText == name
                    && model.GetSymbolInfo(member, cancellationToken).Symbol is IPropertySymbol symbol
                    && !other.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == name))
                {
                    property = symbol;
                    key = other;
                    return true;
                }
            }

            return false;
        }

        private static bool TryGetFindKey(SeparatedSyntaxList<ArgumentSyntax> arguments, bool isAsync, out ExpressionSyntax key, out ExpressionSyntax? token)
        {
            key = null!;
            token = null;
            if (arguments.Count == 1 && arguments[0].Expression is not ArrayCreationExpressionSyntax && arguments[0].Expression is not ImplicitArrayCreationExpressionSyntax)
            {
                key = arguments[0].Expression;
                return true;
            }

            if (isAsync && arguments.Count == 2
                && arguments[0].Expression is ArrayCreationExpressionSyntax { Initializer: { Expressions: { Count: 1 } elements } })
            {
                key = elements[0];
                token = arguments[1].Expression;
                return true;
            }

            return false;
        }

        /// <summary>The key reads the loop variable and nothing else that changes per iteration; no calls.</summary>
        private static bool IsLoopKey(ExpressionSyntax key, ISymbol iteration, Microsoft.CodeAnalysis.Text.TextSpan loopSpan, SemanticModel model, CancellationToken cancellationToken)
        {
            if (key.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || n is AwaitExpressionSyntax || n is AnonymousFunctionExpressionSyntax))
            {
                return false;
            }

            var readsIteration = false;
            foreach (var identifier in key.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (SymbolEqualityComparer.Default.Equals(symbol, iteration))
                {
                    readsIteration = true;
                }
                else if (IsDeclaredIn(symbol, loopSpan))
                {
                    return false;
                }
            }

            return readsIteration;
        }

        private static bool DependsOn(ExpressionSyntax expression, Microsoft.CodeAnalysis.Text.TextSpan loopSpan, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (IsDeclaredIn(symbol, loopSpan) && !IsDeclaredIn(symbol, expression.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDeclaredIn(ISymbol? symbol, Microsoft.CodeAnalysis.Text.TextSpan span)
            => (symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is IRangeVariableSymbol)
            && symbol.DeclaringSyntaxReferences.Any(r => span.Contains(r.Span));

        /// <summary>Value-type keys of the same type on both sides: no null keys for the dictionary, no lifted comparisons.</summary>
        private static bool HasSafeKeyType(ITypeSymbol? keyType, ITypeSymbol propertyType)
            => keyType != null
            && keyType.IsValueType
            && keyType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
            && SymbolEqualityComparer.Default.Equals(keyType, propertyType);

        /// <summary>[Key] property, else <c>Id</c>, else <c>{Type}Id</c> (EF Core's conventions).</summary>
        private static IPropertySymbol? FindKeyProperty(ITypeSymbol entity, SemanticContext types)
        {
            var keyAttribute = types.KeyAttribute;
            IPropertySymbol? byName = null;
            IPropertySymbol? byTypeName = null;
            for (var type = entity; type != null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is not IPropertySymbol property)
                    {
                        continue;
                    }

                    if (SymbolFacts.HasAttribute(property, keyAttribute))
                    {
                        return property;
                    }

                    if (string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase))
                    {
                        byName ??= property;
                    }
                    else if (string.Equals(property.Name, entity.Name + "Id", StringComparison.OrdinalIgnoreCase))
                    {
                        byTypeName ??= property;
                    }
                }
            }

            return byName ?? byTypeName;
        }

        private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

        private static string Plural(string name)
            => name.EndsWith("y", StringComparison.Ordinal) && name.Length > 1 && "aeiou".IndexOf(name[name.Length - 2]) < 0
                ? name.Substring(0, name.Length - 1) + "ies"
                : name.EndsWith("s", StringComparison.Ordinal) || name.EndsWith("x", StringComparison.Ordinal) || name.EndsWith("ch", StringComparison.Ordinal) || name.EndsWith("sh", StringComparison.Ordinal)
                    ? name + "es"
                    : name + "s";
    }
}
