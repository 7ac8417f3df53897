using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Infrastructure;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// PERF104's model: an EF query materialised (ToList, ToArray, AsEnumerable, ToListAsync, ToArrayAsync …) whose
    /// result is then filtered, projected, ordered, paged or aggregated in memory, directly in the chain or through a
    /// local used only that way.
    /// </summary>
    internal readonly struct MaterialisedQuery
    {
        /// <summary>Operators that EF could have run in SQL. ToList/ToArray only end a run, they never start one.</summary>
        /// <summary>In-memory operators EF could have run in the database.</summary>
        public static readonly ImmutableHashSet<string> InMemoryOperators =
            LinqOperators.Composable.Union(LinqOperators.FirstSingleLast).Union(LinqOperators.PredicateOrNumericAggregate);

        private static readonly ImmutableHashSet<string> MaterialiserNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "ToList", "ToArray", "ToListAsync", "ToArrayAsync", "AsEnumerable", "ToHashSet", "ToHashSetAsync");

        private MaterialisedQuery(IInvocationOperation materialiser, IOperation firstConsumer, string consumerName, bool throughLocal)
        {
            Materialiser = materialiser;
            FirstConsumer = firstConsumer;
            ConsumerName = consumerName;
            ThroughLocal = throughLocal;
        }

        /// <summary>The ToList / AsEnumerable / ToListAsync … call.</summary>
        public IInvocationOperation Materialiser { get; }

        /// <summary>The first in-memory operator (an invocation, or a <c>Count</c>/<c>Length</c> property reference).</summary>
        public IOperation FirstConsumer { get; }

        public string ConsumerName { get; }

        /// <summary>True when the result goes through a local first (no code fix then).</summary>
        public bool ThroughLocal { get; }

        public static bool TryCreate(IInvocationOperation invocation, SemanticContext types, out MaterialisedQuery result)
        {
            result = default;
            var method = invocation.TargetMethod;
            if (!MaterialiserNames.Contains(method.Name) || EfQueryModel.IsInsideExpressionTree(invocation, types))
            {
                return false;
            }

            // The shape first: most lists are returned or mapped, not filtered in memory, and that is seen from the
            // parent operations; whether the call materialises an EF query follows locals and methods, so it comes last.
            // Directly in the chain: q.ToList().Where(..), (await q.ToListAsync()).Count().
            // Past await, ConfigureAwait(false) and conversions: (await q.ToListAsync().ConfigureAwait(false)).Count().
            var value = invocation.ClimbToValueUse();

            if (TryGetConsumer(value, types, out var consumer, out var name))
            {
                if (!OnlyOrders(consumer) && !ReshapesProjectedColumns(consumer, invocation, types) && IsMaterialiser(invocation, types) && !UsesUntranslatable(consumer, types)
                    && !ReturnsOneRowAtMost(invocation, types))
                {
                    result = new MaterialisedQuery(invocation, consumer, name, throughLocal: false);
                    return true;
                }

                return false;
            }

            // Through a local whose every read is the source of an in-memory operator.
            if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                && TryThroughLocal(invocation, declarator, types, out result))
            {
                if (IsMaterialiser(invocation, types) && !ReturnsOneRowAtMost(invocation, types))
                {
                    return true;
                }

                result = default;
            }

            return false;
        }

        private static bool TryThroughLocal(IInvocationOperation invocation, IVariableDeclaratorOperation declarator, SemanticContext types, out MaterialisedQuery result)
        {
            result = default;
            IOperation? first = null;
            var firstName = "";
            var lookups = 0;

            // At least one read filters, projects, pages or aggregates; reads that only order keep every row.
            var reduces = false;
            var reads = 0;
            var bareCounts = 0;
            var projectsEveryRow = false;
            foreach (var operation in OperationTreeIndex.For(declarator).Occurrences(declarator.Symbol))
            {
                if (operation is not ILocalReferenceOperation reference)
                {
                    continue;
                }

                var value = AboveConversions(reference);

                // tags?.Select(x => x.TagId): the operator reads the local through the null-conditional's receiver
                // (found in the Conduit sample's tag list).
                if (value.Parent is IConditionalAccessOperation access && access.Operation == value && access.ReceiverPlaceholder() is { } placeholder)
                {
                    value = AboveConversions(placeholder);
                }

                if (!TryGetConsumer(value, types, out var consumer, out var name) || UsesUntranslatable(consumer, types)
                    || ReadPerElement(reference, declarator))
                {
                    return false;
                }

                // var colours = await db.Values.ToListAsync(); colours.First(c => c.Name == "Red") .. colours.First(c => c.Name
                // == "Blue"): a list loaded once and looked up (or summed) several times; one query per lookup would be the N+1.
                if (IsLookup(consumer) && ++lookups >= 2)
                {
                    return false;
                }

                reduces |= !OnlyOrders(consumer) && !ReshapesProjectedColumns(consumer, invocation, types);
                projectsEveryRow |= ProjectsEveryRow(consumer);
                reads++;
                if (IsBareCount(consumer))
                {
                    bareCounts++;
                }

                if (first == null)
                {
                    first = consumer;
                    firstName = name;
                }
            }

            // tenants.Select(t => new TenantUser { TenantId = t.Id }) .. tenants.First().Id: one read needs every row, so
            // the table crosses either way, and the projection moved into the query would change what the other reads see.
            if (first == null || !reduces || (projectsEveryRow && reads >= 2))
            {
                return false;
            }

            // if (rows.Count == 0) return null; return rows.OrderByDescending(..).First(): a bare count guarding another
            // read of the rows. The other read needs them, so the count moved into the query would add a round trip
            // (found in Ombi, twice); the other read is the one to move, and it is reported when it comes first.
            if (IsBareCount(first) && reads > bareCounts)
            {
                return false;
            }

            result = new MaterialisedQuery(invocation, first, firstName, throughLocal: true);
            return true;
        }

        private static IOperation AboveConversions(IOperation value)
        {
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return value;
        }

        /// <summary><c>list.Count</c>, <c>list.Count()</c>, <c>list.Any()</c>, <c>LongCount()</c>, <c>array.Length</c>: the size, no predicate.</summary>
        private static bool IsBareCount(IOperation consumer)
            => consumer switch
            {
                IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength" } => true,
                IInvocationOperation { TargetMethod: { Name: "Count" or "LongCount" or "Any" } method } invocation
                    => invocation.Arguments.Length == (method.IsExtensionMethod ? 1 : 0),
                _ => false,
            };

        // Aggregates with a selector count too: a report's 21 sums over one list loaded once (found in EPlast's annual
        // reports) would each become a query of their own.
        private static readonly string[] LookupOperators =
        {
            "Where", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Any", "Count", "All",
            "LongCount", "Sum", "Min", "Max", "Average",
        };

        /// <summary>
        /// An operator that picks elements by a predicate (<c>First(c =&gt; c.Name == "Red")</c>) or aggregates them through
        /// a selector (<c>Sum(r =&gt; r.Members)</c>), not the whole list as it is.
        /// </summary>
        private static bool IsLookup(IOperation consumer)
            => consumer is IInvocationOperation { TargetMethod: { Name: var name } method } invocation
            && System.Array.IndexOf(LookupOperators, name) >= 0
            && invocation.Arguments.Length == (method.IsExtensionMethod ? 2 : 1);

        /// <summary>
        /// The list is read inside a loop or a lambda that the query is outside of: one query loaded the rows for every
        /// element, and each element looks its own up in memory (<c>progress.Where(p => p.ChapterId == item.Id)</c>).
        /// Moving the operator into the query would run one query per element, the N+1 PERF101 reports.
        /// </summary>
        private static bool ReadPerElement(ILocalReferenceOperation reference, IVariableDeclaratorOperation declarator)
        {
            var declared = declarator.Syntax.Span;
            var read = reference.Syntax.Span;
            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                // foreach (var u in users.Where(..)): the collection is read once, before the first iteration.
                if (current is IForEachLoopOperation forEach && forEach.Collection.Syntax.Span.Contains(read))
                {
                    continue;
                }

                if (current is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return !current.Syntax.Span.Contains(declared);
                }
            }

            return false;
        }

        private static bool IsMaterialiser(IInvocationOperation invocation, SemanticContext types)
        {
            if (invocation.TargetMethod.Name == "AsEnumerable")
            {
                return SymbolFacts.Is(invocation.TargetMethod.ContainingType?.OriginalDefinition, types.Enumerable)
                    && EfQueryModel.IsEfQuery(EfQueryModel.GetSource(invocation), types);
            }

            return EfQueryModel.TryGetExecution(invocation, types, out var execution)
                && execution.Kind == EfExecutionKind.Materialise
                && EfQueryModel.IsEfQuery(execution.Query, types)
                && !EfQueryModel.IsStoredProcedureResult(execution.Query, types);
        }

        /// <summary>The in-memory operator <paramref name="value"/> is the source of: an Enumerable call, or List.Count / array Length.</summary>
        private static bool TryGetConsumer(IOperation value, SemanticContext types, out IOperation consumer, out string name)
        {
            consumer = value;
            name = "";
            switch (value.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation call } argument
                    when call.Arguments.Length > 0 && call.Arguments[0] == argument
                    && SymbolFacts.Is(call.TargetMethod.ContainingType?.OriginalDefinition, types.Enumerable)
                    && InMemoryOperators.Contains(call.TargetMethod.Name):
                    consumer = call;
                    name = call.TargetMethod.Name;
                    return true;
                case IPropertyReferenceOperation property when property.Instance == value
                    && property.Property.Name == "Count"
                    && SymbolFacts.Is(property.Property.ContainingType?.OriginalDefinition, types.ListOfT):
                    consumer = property;
                    name = "Count";
                    return true;
                case IPropertyReferenceOperation property when property.Instance == value
                    && property.Property.Name == "Length" && value.Type is IArrayTypeSymbol:
                    consumer = property;
                    name = "Length";
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when a lambda of the in-memory operators (this one and the ones chained after it) calls a method declared
        /// of the application or reads an unmapped property: EF could not translate it, which is why it runs in memory.
        /// Code that does not bind counts too: the analyzer cannot tell what it calls.
        /// </summary>
        private static bool UsesUntranslatable(IOperation consumer, SemanticContext types)
        {
            for (var current = consumer; current is IInvocationOperation call && InMemoryOperators.Contains(call.TargetMethod.Name); )
            {
                for (var i = 1; i < call.Arguments.Length; i++)
                {
                    // Comparer overloads (Distinct(comparer), OrderBy(key, comparer)) have no SQL translation.
                    var parameterType = call.Arguments[i].Parameter?.Type;
                    if (SymbolFacts.Is(parameterType, types.IEqualityComparerOfT) || SymbolFacts.Is(parameterType, types.IComparerOfT))
                    {
                        return true;
                    }

                    if (IsOrdering(call.TargetMethod.Name) && IgnoresElement(call.Arguments[i].Value))
                    {
                        return true;
                    }

                    var argument = call.Arguments[i].Value;
                    var lambdaArgument = (argument.WalkDownConversion() as IDelegateCreationOperation)?.Target;

                    // A delegate held in a value (Where(qualifies), a Func<T, bool> parameter or field): compiled code, no
                    // expression tree, found in a TB surveillance service's alert job.
                    if (lambdaArgument == null && argument.WalkDownConversion().Type is { TypeKind: TypeKind.Delegate })
                    {
                        return true;
                    }
                    foreach (var descendant in argument.DescendantsAndSelf())
                    {
                        if (descendant != lambdaArgument && ExpressionTreeCannotHold(descendant))
                        {
                            return true;
                        }

                        switch (descendant)
                        {
                            case IAnonymousFunctionOperation lambda when lambda.Symbol.Parameters.Length > 1:
                            case IInvocationOperation invoked when IsApplicationMethod(invoked.TargetMethod, types) || invoked.TargetMethod.MethodKind == MethodKind.DelegateInvoke || TakesCultureOrComparison(invoked.TargetMethod, types):
                            case IMethodReferenceOperation reference when IsApplicationMethod(reference.Method, types):
                            // Only in the first operator: a Where before it would still move into the query
                            // (.ToList().Where(..).Select(t => new VM(t)), allReady's GetMyVolunteerTasks).
                            case IObjectCreationOperation { Constructor: { } constructor } created when call == consumer && IsApplicationMethod(constructor, types) && PassesTheElement(created):
                            // (Content)c over a conversion operator of the application: the same, written as a cast.
                            case IConversionOperation { OperatorMethod: { } conversion } converted when call == consumer && IsApplicationMethod(conversion, types) && IsTheElement(converted.Operand):
                            case IPropertyReferenceOperation property when IsUnmapped(property.Property, types) || IsStringIndexer(property.Property) || IsTimeSpanTotal(property.Property, types):
                            case IInvocationOperation searched when lambdaArgument is IAnonymousFunctionOperation outer && SearchesObjectsOutsideTheRow(searched, outer, types):
                            // Code the compiler could not bind (a call through a receiver of an unresolved type is an invalid
                            // operation, not an invocation): what it calls is unknown, so it may be a method of the application.
                            case IInvalidOperation:
                            // A dynamic call or member access: an expression tree cannot hold one, so moving the
                            // operator into the query would not compile.
                            case IDynamicInvocationOperation:
                            case IDynamicMemberReferenceOperation:
                            case IDynamicIndexerAccessOperation:
                            case IDynamicObjectCreationOperation:
                                return true;
                        }
                    }
                }

                current = NextInChain(call)!;
            }

            return false;
        }

        /// <summary>
        /// <c>set.Rules.All(j =&gt; j.Id != r.Id)</c> in the lambda: a collection of objects from outside the row (a captured
        /// list of entities, not a navigation of the element and not a query) searched per row. EF Core sends a list of
        /// scalars as a parameter (<c>ids.Contains(r.Id)</c>) but cannot translate a search over objects, so the filter
        /// runs in memory on purpose (found in OpenBudgeteer's rule-set service; EF Core 9 throws "could not be translated").
        /// </summary>
        private static bool SearchesObjectsOutsideTheRow(IInvocationOperation call, IAnonymousFunctionOperation outer, SemanticContext types)
        {
            var method = call.TargetMethod;
            var collection = SymbolFacts.Is(method.ContainingType, types.Enumerable) && call.Arguments.Length > 0
                ? call.Arguments[0].Value.WalkDownConversion()
                : method.Name is "Contains" or "Exists" or "TrueForAll" or "Find" ? call.Instance : null;
            if (collection?.Type is not { } collectionType
                || types.IsQueryable(collectionType)
                || SymbolFacts.SequenceElementType(collectionType) is not { } element
                || IsScalar(element))
            {
                return false;
            }

            // x.Lines.Any(..): a navigation of the row, which EF translates into a subquery.
            if (ReadsParameterOf(collection, outer))
            {
                return false;
            }

            // rows.Select(r => r.Id) reads nothing of the row: EF evaluates it before sending the query, as a parameter.
            return ReadsParameterOf(call, outer);
        }

        private static bool ReadsParameterOf(IOperation operation, IAnonymousFunctionOperation lambda)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, lambda.Symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>new OrganizationViewModel(o)</c>: a constructor of the application given the element itself runs its own code
        /// on the whole entity, which EF would only run on the client too (found in allReady's query handlers). A constructor
        /// given columns (<c>new OrgView(o.Id, o.Name)</c>) is a projection EF can translate and stays flagged. A conversion
        /// operator of the application applied to the element (<c>Select(c =&gt; (Content)c)</c>, found in TagzApp's
        /// repositories, which map each storage entity to its model this way) is the same.
        /// </summary>
        private static bool PassesTheElement(IObjectCreationOperation created)
        {
            foreach (var argument in created.Arguments)
            {
                if (IsTheElement(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The element itself: the parameter of the operator's lambda, not one of its columns.</summary>
        private static bool IsTheElement(IOperation value)
            => value.WalkDownConversion() is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } };

        /// <summary>
        /// <c>(today - x.ResolvedDate.Value).TotalDays &gt;= days</c>: SQL Server's and SQLite's providers have no translation
        /// for a <c>TimeSpan</c>'s <c>Total…</c> members, so the moved operator would throw at run time (found in Ombi's
        /// issue purge, on SQLite).
        /// </summary>
        private static bool IsTimeSpanTotal(IPropertySymbol property, SemanticContext types)
            => property.Name.StartsWith("Total", System.StringComparison.Ordinal) && SymbolFacts.Is(property.ContainingType, types.TimeSpan);

        /// <summary>
        /// C# that an expression tree cannot hold, so moving the operator into the query would not compile: a null-propagating
        /// operator (CS8072), a lambda nested in the operator's own with a statement body or an anonymous method (CS0834,
        /// CS1945), an <c>is</c> pattern (CS8122), a switch expression (CS8514), a throw expression (CS8188), a tuple
        /// literal or tuple comparison (CS8143, CS8382), an assignment, increment or deconstruction (CS0832), an
        /// <c>out var</c> or a discard (CS8198, CS8207), <c>with</c> (CS8849), <c>^</c> and <c>..</c> (CS8791, CS8792)
        /// and a collection expression (CS9175). Member initializers (<c>new T { A = .. }</c>, <c>new { A = .. }</c>) are
        /// assignments an expression tree holds.
        /// </summary>
        private static bool ExpressionTreeCannotHold(IOperation operation)
        {
            switch (operation)
            {
                case IConditionalAccessOperation:
                case IIsPatternOperation:
                case ISwitchExpressionOperation:
                case ITupleOperation:
                case ITupleBinaryOperation:
                case ICompoundAssignmentOperation:
                case ICoalesceAssignmentOperation:
                case IIncrementOrDecrementOperation:
                case IDeconstructionAssignmentOperation:
                case IDeclarationExpressionOperation:
                case IDiscardOperation:
                case IWithOperation:
                case IRangeOperation:
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat }:
                    return true;
                case ISimpleAssignmentOperation assignment:
                    // An index initializer (new Dictionary<string, object> { ["name"] = x.Name }) is CS8074 in an expression tree.
                    return assignment.Parent is not (IObjectOrCollectionInitializerOperation or IAnonymousObjectCreationOperation)
                        || assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true } or IArrayElementReferenceOperation;
                case IThrowOperation:
                    return operation.Syntax is ThrowExpressionSyntax;
                case IAnonymousFunctionOperation:
                    return operation.Syntax is AnonymousMethodExpressionSyntax or LambdaExpressionSyntax { Block: not null };
                default:
                    return operation.Syntax is CollectionExpressionSyntax;
            }
        }

        /// <summary>The call <paramref name="call"/>'s result is the source of (<c>.ThenBy(..)</c> after <c>.OrderBy(..)</c>), or null.</summary>
        private static IOperation? NextInChain(IInvocationOperation call)
        {
            var parent = call.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation argument ? argument.Parent : null;
        }

        /// <summary>
        /// <c>.Select(n =&gt; $"{n}.xml")</c> over a query that already projected one column (<c>Select(c =&gt; c.Number)</c>):
        /// the rows and the column cross either way, so moving the formatting into SQL saves nothing (found in ErsatzTV's
        /// channel guide, judged a report of no value).
        /// A query that already chose its columns in SQL into an anonymous type (<c>Select(x =&gt; new { x.Name, x.Vector
        /// })</c>) counts as well when every member is such a column, an array of them, or a column type of a package (a
        /// vector, a geometry): the in-memory <c>Select</c> reshapes the same rows and columns (found in Practical.CleanArchitecture's
        /// file chunks, serialised to JSON in memory). A member holding an entity or a collection may carry columns the
        /// reshaping drops, and is still flagged.
        /// So does a row type whose every property is such a column, read by raw SQL (<c>Database.SqlQueryRaw&lt;UpgradeRow&gt;(sql)</c>):
        /// the SQL chose the columns (found in Cleanuparr's score history, which parses an enum from each row in memory).
        /// </summary>
        private static bool ReshapesProjectedColumns(IOperation consumer, IInvocationOperation materialiser, SemanticContext types)
            => consumer is IInvocationOperation { TargetMethod: { Name: "Select", TypeArguments: { Length: 2 } typeArguments } }
            && (IsScalar(typeArguments[0]) || IsProjectionOfColumns(typeArguments[0], types)
                || (IsRowOfColumns(typeArguments[0], types) && (ReadsRawSqlRows(materialiser, types) || ProjectedInSql(materialiser, typeArguments[0], types))));

        /// <summary>
        /// The query's own <c>Select</c> made the rows of <paramref name="row"/>, a class or struct holding one column:
        /// <c>.Select(WorkflowInstanceId.FromInstanceExpression()).ToListAsync()</c> then <c>.Select(x =&gt; x.Id)</c> in memory
        /// unwraps the same column of the same rows (found in Elsa's workflow-instance store, judged a report of no value). A
        /// row of several columns (an owned <c>Period(From, To)</c>) may still cross columns the in-memory step drops.
        /// </summary>
        private static bool ProjectedInSql(IInvocationOperation materialiser, ITypeSymbol row, SemanticContext types)
            => ColumnProperties(row, types) == 1
            && FindInChain(materialiser, types, call => call.TargetMethod is { Name: "Select", TypeArguments: { Length: 2 } projection } select
                && SymbolEqualityComparer.Default.Equals(projection[1], row)
                && SymbolFacts.Is(select.ContainingType, types.Queryable));

        private static bool IsRowOfColumns(ITypeSymbol type, SemanticContext types)
            => type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAnonymousType: false }
            && ColumnProperties(type, types) > 0;

        /// <summary><c>Database.SqlQuery&lt;T&gt;(..)</c> or <c>SqlQueryRaw&lt;T&gt;(..)</c>, under any query operators: rows of an unmapped type.</summary>
        private static bool ReadsRawSqlRows(IInvocationOperation materialiser, SemanticContext types)
            => FindInChain(materialiser, types, call => call.TargetMethod is { Name: "SqlQuery" or "SqlQueryRaw", ContainingType.Name: "RelationalDatabaseFacadeExtensions" });

        /// <summary>
        /// <c>.Take(1).ToList().FirstOrDefault()</c>: the query returns one row at most, so an operator run in memory over it
        /// reads nothing the database did not have to send (found in ZKEACMS's latest article and product).
        /// </summary>
        private static bool ReturnsOneRowAtMost(IInvocationOperation materialiser, SemanticContext types)
            => FindInChain(materialiser, types, call => call.TargetMethod.Name == "Take" && call.Arguments.Length == 2
                && call.Arguments[1].Value.WalkDownConversion().ConstantValue is { HasValue: true, Value: 1 })
            || FiltersOnTheKey(materialiser, types);

        /// <summary>
        /// <c>.Where(i =&gt; i.Id == request.InvitationId).Select(..).ToListAsync()</c> then <c>FirstOrDefault()</c>: a
        /// <c>Where</c> on the entity's key (by EF Core's conventions, as PERF401's bounded results read it, also one operand
        /// of an <c>&amp;&amp;</c>) returns one row at most, unless an operator above it multiplies the rows
        /// (<c>SelectMany</c>, a join, a set union). Found in an apprenticeship agency's provider registrations, whose reader
        /// noted that moving <c>FirstOrDefault</c> into the query would save nothing.
        /// </summary>
        private static bool FiltersOnTheKey(IInvocationOperation materialiser, SemanticContext types)
        {
            IOperation? current = materialiser.TargetMethod.IsExtensionMethod && materialiser.Arguments.Length > 0 ? materialiser.Arguments[0].Value : materialiser.Instance;
            for (var depth = 0; current != null && depth < 16; depth++)
            {
                if (current.WalkDownConversion() is ILocalReferenceOperation local)
                {
                    // A query local: its one value, or, when it is also composed (query = query.Where(i => i.Id == id),
                    // found in BTCPay Server's invoice repository), the key filter must be on every path to the read and
                    // no composition may multiply the rows.
                    if (EfQueryModel.TryGetSingleValue(local, out var only))
                    {
                        current = only;
                        continue;
                    }

                    var onEveryPath = EfQueryModel.OperatorsOnEveryPath(local, types, out var initial);
                    if (initial == null)
                    {
                        return false;
                    }

                    foreach (var composed in EfQueryModel.GetOperatorsOfEveryComposition(local, types, out _))
                    {
                        if (MultipliesRows(composed))
                        {
                            return false;
                        }
                    }

                    foreach (var applied in onEveryPath)
                    {
                        if (IsKeyFilter(applied, types))
                        {
                            return true;
                        }
                    }

                    current = initial;
                    continue;
                }

                if (current.WalkDownConversion() is not IInvocationOperation call || !EfQueryModel.IsQueryOperator(call.TargetMethod, types))
                {
                    return false;
                }

                if (MultipliesRows(call))
                {
                    return false;
                }

                if (IsKeyFilter(call, types))
                {
                    return true;
                }

                current = EfQueryModel.GetSource(call);
            }

            return false;
        }

        private static bool MultipliesRows(IInvocationOperation call)
            => call.TargetMethod.Name is "SelectMany" or "Join" or "GroupJoin" or "LeftJoin" or "RightJoin" or "Concat" or "Union" or "Zip";

        private static bool IsKeyFilter(IInvocationOperation call, SemanticContext types)
            => call.TargetMethod.Name == "Where" && call.Arguments.Length == 2
            && QueryLambdas.Predicate(call) is { } predicate
            && ComparesTheKey(predicate.Body, predicate.Symbol.Parameters[0], types);

        // x.Id == value (either side; value not read from the row), or one operand of an && that is.
        private static bool ComparesTheKey(IOperation condition, IParameterSymbol row, SemanticContext types)
        {
            switch (condition.WalkDownConversion())
            {
                case IBlockOperation { Operations.Length: 1 } block when block.Operations[0] is IReturnOperation { ReturnedValue: { } returned }:
                    return ComparesTheKey(returned, row, types);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return ComparesTheKey(and.LeftOperand, row, types) || ComparesTheKey(and.RightOperand, row, types);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsKeyOfTheRow(equals.LeftOperand, equals.RightOperand, row, types) || IsKeyOfTheRow(equals.RightOperand, equals.LeftOperand, row, types);
                default:
                    return false;
            }

            static bool IsKeyOfTheRow(IOperation column, IOperation value, IParameterSymbol row, SemanticContext types)
                => QueryLambdas.IsMemberOf(column, row, out var property)
                && types.IsKeyByConvention(property, row.Type)
                && !QueryLambdas.Mentions(value, row);
        }

        // The calls of the query the materialiser runs, down its query operators to the first call that is none.
        private static bool FindInChain(IInvocationOperation materialiser, SemanticContext types, Func<IInvocationOperation, bool> match)
        {
            IOperation? current = materialiser.TargetMethod.IsExtensionMethod && materialiser.Arguments.Length > 0 ? materialiser.Arguments[0].Value : materialiser.Instance;
            for (var depth = 0; current != null && depth < 16; depth++)
            {
                current = current.WalkDownConversion();
                if (current is not IInvocationOperation call)
                {
                    return false;
                }

                if (match(call))
                {
                    return true;
                }

                if (!EfQueryModel.IsQueryOperator(call.TargetMethod, types))
                {
                    return false;
                }

                current = EfQueryModel.GetSource(call);
            }

            return false;
        }

        private static bool IsProjectionOfColumns(ITypeSymbol type, SemanticContext types)
            => type.IsAnonymousType && ColumnProperties(type, types) >= 0;

        /// <summary>How many public instance properties <paramref name="type"/> has, all columns; -1 when one is not a column.</summary>
        private static int ColumnProperties(ITypeSymbol type, SemanticContext types)
        {
            var columns = 0;
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property)
                {
                    if (!IsColumn(property.Type, types))
                    {
                        return -1;
                    }

                    columns++;
                }
            }

            return columns;
        }

        private static bool IsColumn(ITypeSymbol type, SemanticContext types)
            => IsScalar(type)
            || (type is IArrayTypeSymbol array && IsScalar(array.ElementType))
            || (type is INamedTypeSymbol { IsAnonymousType: false, SpecialType: SpecialType.None } named
                && named.TypeKind is TypeKind.Class or TypeKind.Struct
                && named.ContainingAssembly is { } assembly
                && !SymbolEqualityComparer.Default.Equals(assembly, types.Compilation.Assembly)
                && !types.IsApplicationAssembly(assembly)
                && !SymbolFacts.IsWithinNamespace(named.ContainingNamespace, "System")
                && IsColumnValueType(named));

        /// <summary>A package's column type (<c>Vector</c>, <c>SqlVector&lt;float&gt;</c>, <c>Point</c>): no collection, no type argument but a simple one.</summary>
        private static bool IsColumnValueType(INamedTypeSymbol type)
        {
            foreach (var argument in type.TypeArguments)
            {
                if (!IsScalar(argument))
                {
                    return false;
                }
            }

            return !SymbolFacts.ImplementsEnumerable(type);
        }

        private static bool IsScalar(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return IsSimpleValue(type) || IsStronglyTypedId(type);
        }

        private static bool IsSimpleValue(ITypeSymbol type)
            => (type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Object)
            || type.TypeKind == TypeKind.Enum
            || (type.Name is "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly"
                && SymbolFacts.IsNamespace(type.ContainingNamespace, "System"));

        /// <summary>
        /// A struct of the application holding one simple value (<c>readonly record struct UserId { Guid Value }</c>), which
        /// a value converter maps to one column: <c>.Select(m =&gt; m.UserId).ToListAsync()</c> then a <c>Select</c> in memory
        /// moves the same column either way (found in plan-backend's notifications, four reports of no value).
        /// </summary>
        private static bool IsStronglyTypedId(ITypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Struct || type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            IFieldSymbol? only = null;
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    if (only != null)
                    {
                        return false;
                    }

                    only = field;
                }
            }

            return only != null && IsSimpleValue(only.Type);
        }

        /// <summary>
        /// The in-memory chain only orders (<c>OrderBy(..).ThenBy(..)</c>, then stored, returned or enumerated): every row
        /// and every column is kept, so the query would transfer the same rows with the ordering moved into it.
        /// </summary>
        private static bool OnlyOrders(IOperation consumer)
        {
            if (consumer is not IInvocationOperation first || !IsOrdering(first.TargetMethod.Name))
            {
                return false;
            }

            for (var current = (IOperation?)first; current is IInvocationOperation call && InMemoryOperators.Contains(call.TargetMethod.Name); current = NextInChain(call))
            {
                if (!IsOrdering(call.TargetMethod.Name))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The in-memory chain projects every row: <c>Select</c>, with at most orderings beside it, and nothing that filters,
        /// pages or aggregates (<c>list.Select(x =&gt; new Dto { .. }).ToList()</c>).
        /// </summary>
        private static bool ProjectsEveryRow(IOperation consumer)
        {
            var projects = false;
            for (var current = (IOperation?)consumer; current is IInvocationOperation call && InMemoryOperators.Contains(call.TargetMethod.Name); current = NextInChain(call))
            {
                if (call.TargetMethod.Name == "Select")
                {
                    projects = true;
                }
                else if (!IsOrdering(call.TargetMethod.Name))
                {
                    return false;
                }
            }

            return projects;
        }

        private static bool IsOrdering(string name) => name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending";

        /// <summary>
        /// A key selector that never reads its element: <c>OrderBy(_ => random.Next())</c> shuffles in memory, while EF
        /// evaluates such a key once, as a parameter, and the shuffle would be lost.
        /// </summary>
        private static bool IgnoresElement(IOperation argument)
        {
            if (argument.WalkDownConversion() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                || lambda.Symbol.Parameters.Length != 1)
            {
                return false;
            }

            var element = lambda.Symbol.Parameters[0];
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, element))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>name[0]</c>: EF Core translates no character indexer of a string.</summary>
        private static bool IsStringIndexer(IPropertySymbol property)
            => property.IsIndexer && property.ContainingType?.SpecialType == SpecialType.System_String;

        /// <summary>string.Equals(a, b, StringComparison.OrdinalIgnoreCase), ToString(CultureInfo) …: EF translates none of these.</summary>
        private static bool TakesCultureOrComparison(IMethodSymbol method, SemanticContext types)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolFacts.Is(parameter.Type, types.StringComparisonType) || SymbolFacts.IsOrDerivesFrom(parameter.Type, types.CultureInfo)
                    || SymbolFacts.Is(parameter.Type, types.FormatProvider))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A method of the application (docs/concepts.md#declared-by-the-application), in source or in another project:
        /// EF Core cannot translate a call to it.
        /// </summary>
        private static bool IsApplicationMethod(IMethodSymbol method, SemanticContext types)
        {
            // Locations, not only syntax references: a record's synthesized members (Equals, ToString) are in source too.
            foreach (var location in method.OriginalDefinition.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return types.IsDeclaredByApplication(method.OriginalDefinition);
        }

        /// <summary>
        /// A property of the application EF does not map: [NotMapped], or computed (no setter, not an auto-property). A
        /// property of another project shows no backing field, so any property without a setter counts as computed there.
        /// </summary>
        private static bool IsUnmapped(IPropertySymbol property, SemanticContext types)
        {
            // new { o.Id, o.Total } and then x.Total: EF translates a projection's members, though they have no setter.
            if (property.ContainingType.IsAnonymousType)
            {
                return false;
            }

            var inSource = IsSourceType(property.ContainingType);
            if (!inSource && !types.IsDeclaredByApplication(property.ContainingType))
            {
                return false;
            }

            foreach (var attribute in property.GetAttributes())
            {
                if (SymbolFacts.Is(attribute.AttributeClass, types.NotMappedAttribute))
                {
                    return true;
                }
            }

            return property.SetMethod == null && (inSource ? !IsAutoProperty(property) : !HasCompilerGeneratedGetter(property));
        }

        /// <summary>
        /// An auto-property of a compiled reference: its getter carries <c>[CompilerGenerated]</c>, which a reference
        /// assembly keeps though it drops the private setter and the backing field (<c>public Guid ContactId { get; private
        /// set; }</c> of a domain project, found in MangoMessengerAPI). EF Core maps it through its backing field; a computed
        /// getter has no such attribute.
        /// </summary>
        private static bool HasCompilerGeneratedGetter(IPropertySymbol property)
        {
            if (property.GetMethod is not { } getter)
            {
                return false;
            }

            foreach (var attribute in getter.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "CompilerGeneratedAttribute" } generated
                    && SymbolFacts.IsNamespace(generated.ContainingNamespace, "System.Runtime.CompilerServices"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSourceType(INamedTypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            foreach (var location in type.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            foreach (var member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
