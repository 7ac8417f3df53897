using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PerfAnalyzers.Options;
using Xunit;

namespace PerfAnalyzers.Tests.Options
{
    public class PerfOptionsTests
    {
        [Fact]
        public void Rule_key_wins_over_the_global_key()
        {
            var options = Config(("perf_analyzers.PERF301.default_duration", "30"), ("perf_analyzers.default_duration", "90"));
            Assert.Equal(30, PerfOptions.GetInt(options, "PERF301", "default_duration", 60, 1, 31536000));
        }

        [Fact]
        public void Global_key_applies_when_the_rule_key_is_absent()
        {
            var options = Config(("perf_analyzers.default_duration", "90"));
            Assert.Equal(90, PerfOptions.GetInt(options, "PERF301", "default_duration", 60, 1, 31536000));
        }

        [Theory]
        [InlineData("sixty")]
        [InlineData("-5")]
        [InlineData("0")]
        [InlineData("99999999999")]
        [InlineData("")]
        [InlineData("  ")]
        public void Invalid_number_falls_back_to_the_default(string value)
        {
            var options = Config(("perf_analyzers.PERF301.default_duration", value));
            Assert.Equal(60, PerfOptions.GetInt(options, "PERF301", "default_duration", 60, 1, 31536000));
        }

        [Fact]
        public void Invalid_rule_value_does_not_hide_a_valid_global_value_only_when_blank()
        {
            // A blank rule value counts as absent; a present but invalid one falls back to the default, not to the global key.
            Assert.Equal(90, PerfOptions.GetInt(Config(("perf_analyzers.PERF301.default_duration", " "), ("perf_analyzers.default_duration", "90")), "PERF301", "default_duration", 60, 1, 3600));
            Assert.Equal(60, PerfOptions.GetInt(Config(("perf_analyzers.PERF301.default_duration", "x"), ("perf_analyzers.default_duration", "90")), "PERF301", "default_duration", 60, 1, 3600));
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("TRUE", true)]
        [InlineData("false", false)]
        [InlineData("yes", false)]
        [InlineData("1", false)]
        public void Booleans_parse_case_insensitively_and_fall_back_to_the_default(string value, bool expected)
        {
            var options = Config(("perf_analyzers.PERF301.include_authorized", value));
            Assert.Equal(expected, PerfOptions.GetBool(options, "PERF301", "include_authorized", false));
        }

        [Theory]
        [InlineData("all", "all")]
        [InlineData("ALL", "all")]
        [InlineData(" minimal ", "minimal")]
        [InlineData("everything", "all")]
        public void Choices_match_case_insensitively_and_fall_back_to_the_default(string value, string expected)
        {
            var options = Config(("perf_analyzers.PERF301.enabled_for", value));
            Assert.Equal(expected, PerfOptions.GetChoice(PerfOptions.GetRaw(options, "PERF301", "enabled_for"), "all", "controllers", "minimal", "all"));
        }

        private static AnalyzerConfigOptions Config(params (string Key, string Value)[] entries)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>(AnalyzerConfigOptions.KeyComparer);
            foreach (var (key, value) in entries)
            {
                builder[key] = value;
            }

            return new DictionaryOptions(builder.ToImmutable());
        }

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> values;

            public DictionaryOptions(ImmutableDictionary<string, string> values) => this.values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
