using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Options
{
    /// <summary>
    /// Reads the package's .editorconfig / .globalconfig options. A rule option is looked up as
    /// <c>perf_analyzers.PERFnnn.name</c> first, then as <c>perf_analyzers.name</c>, which applies to every
    /// rule with that option. Invalid values fall back to the default: a typo must never break a build.
    /// </summary>
    internal static class PerfOptions
    {
        public const string Prefix = "perf_analyzers.";

        // The keys, built once: options are read per tree and per compilation, and the rule ids and option names are
        // a handful of constants.
        private static readonly ConcurrentDictionary<(string RuleId, string Name), string> RuleKeys = new ConcurrentDictionary<(string RuleId, string Name), string>();
        private static readonly ConcurrentDictionary<string, string> GlobalKeys = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public static string RuleKey(string ruleId, string name)
            => RuleKeys.TryGetValue((ruleId, name), out var key) ? key : RuleKeys.GetOrAdd((ruleId, name), Prefix + ruleId + "." + name);

        public static string GlobalKey(string name)
            => GlobalKeys.TryGetValue(name, out var key) ? key : GlobalKeys.GetOrAdd(name, Prefix + name);

        /// <summary>The raw value of a rule option, the rule-specific key winning over the global one.</summary>
        public static string? GetRaw(AnalyzerConfigOptions options, string ruleId, string name)
        {
            if (options.TryGetValue(RuleKey(ruleId, name), out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }

            return options.TryGetValue(GlobalKey(name), out value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        }

        public static int GetInt(AnalyzerConfigOptions options, string ruleId, string name, int defaultValue, int min, int max)
        {
            var raw = GetRaw(options, ruleId, name);
            return raw != null
                && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max
                ? value
                : defaultValue;
        }

        public static bool GetBool(AnalyzerConfigOptions options, string ruleId, string name, bool defaultValue)
        {
            var raw = GetRaw(options, ruleId, name);
            return raw != null && bool.TryParse(raw, out var value) ? value : defaultValue;
        }

        /// <summary>Returns the allowed value that matches (case-insensitively), else <paramref name="defaultValue"/>.</summary>
        public static string GetChoice(string? raw, string defaultValue, params string[] allowed)
        {
            if (raw != null)
            {
                foreach (var candidate in allowed)
                {
                    if (string.Equals(candidate, raw, StringComparison.OrdinalIgnoreCase))
                    {
                        return candidate;
                    }
                }
            }

            return defaultValue;
        }
    }

    /// <summary>
    /// Options parsed per syntax tree and shared by every callback of one compilation, kept without a lock (parsing
    /// again after a slot is shared costs less than a locked write per tree). Create one in a compilation-start action.
    /// </summary>
    internal sealed class PerTreeOptions<T>
    {
        private readonly AnalyzerConfigOptionsProvider provider;
        private readonly Func<AnalyzerConfigOptions, T> parse;

        // Created on the first question: most rules read their options only to report, and a build creates one of
        // these per rule and compilation.
        private AnswerMemo<SyntaxTree, T>? cache;

        public PerTreeOptions(AnalyzerOptions options, Func<AnalyzerConfigOptions, T> parse)
        {
            provider = options.AnalyzerConfigOptionsProvider;
            this.parse = parse;
        }

        public T Get(SyntaxTree tree)
        {
            var memo = Volatile.Read(ref cache);
            if (memo == null)
            {
                var created = new AnswerMemo<SyntaxTree, T>(256);
                memo = Interlocked.CompareExchange(ref cache, created, null) ?? created;
            }

            return memo.TryGetValue(tree, out var options) ? options : memo.Store(tree, parse(provider.GetOptions(tree)));
        }
    }
}
