using System;
using System.Collections.Immutable;

namespace PerfAnalyzers.Semantics
{
    /// <summary>
    /// The LINQ operator vocabulary the rules share, by what an operator does to a sequence. Names only: callers check
    /// the containing type (<see cref="SemanticContext.IsLinqOperatorClass"/>, EF Core's extensions) before trusting a
    /// name. Each set names the synchronous form; EF Core's and System.Linq.Async's forms add "Async".
    /// </summary>
    internal static class LinqOperators
    {
        /// <summary>Filter, project, order and page: composed into the query, nothing runs yet.</summary>
        public static readonly ImmutableHashSet<string> Composable = Set(
            "Where", "Select", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "Take", "Distinct");

        /// <summary>Copy the whole sequence into a collection.</summary>
        public static readonly ImmutableHashSet<string> ToCollection = Set("ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup");

        /// <summary>Return one element found by position or predicate.</summary>
        public static readonly ImmutableHashSet<string> FirstSingleLast = Set("First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault");

        /// <summary>Return one element.</summary>
        public static readonly ImmutableHashSet<string> Element = FirstSingleLast.Union(new[] { "ElementAt", "ElementAtOrDefault", "MinBy", "MaxBy" });

        /// <summary>Test or count elements, or fold them into a number.</summary>
        public static readonly ImmutableHashSet<string> PredicateOrNumericAggregate = Set("Any", "All", "Count", "LongCount", "Sum", "Min", "Max", "Average");

        /// <summary>Reduce the sequence to one value.</summary>
        public static readonly ImmutableHashSet<string> Aggregate = PredicateOrNumericAggregate.Union(new[] { "Contains", "Aggregate" });

        /// <summary>Operators that run a delegate once per element of an in-memory sequence (a loop in all but name).</summary>
        public static readonly ImmutableHashSet<string> RunsDelegatePerElement = Set(
            "Select", "SelectMany", "Where", "ForEach", "GroupBy", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
            "TakeWhile", "SkipWhile", "ToDictionary", "ToLookup", "Aggregate").Union(FirstSingleLast).Union(PredicateOrNumericAggregate);

        private static ImmutableHashSet<string> Set(params string[] names) => ImmutableHashSet.Create(StringComparer.Ordinal, names);
    }
}
