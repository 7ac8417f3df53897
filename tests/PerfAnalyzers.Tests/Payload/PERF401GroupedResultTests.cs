using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Payload.PERF401UnboundedQueryResponseAnalyzer>;

namespace PerfAnalyzers.Tests.Payload
{
    /// <summary>
    /// docs/rules/PERF401.md, "Bounded results": a query grouped by a key of an enum or bool type and projected into each
    /// group's key and aggregates returns at most one row per value of the key's type. Grouping by any other key, or
    /// handing on the groups' rows, is still flagged.
    /// </summary>
    public class PERF401GroupedResultTests
    {
        private const string Model = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public enum Severity { Information, Warning, Error }
            public class Event
            {
                public int Id { get; set; }
                public Severity Severity { get; set; }
                public Severity? Escalation { get; set; }
                public bool IsResolved { get; set; }
                public string Source { get; set; } = "";
                public int Duration { get; set; }
            }
            public class EventsDb : DbContext { public DbSet<Event> Events => Set<Event>(); }

            """;

        private static Task Verify(string body) => VerifyCS.AnalyzerAsync(Model + body);

        // ---- Not flagged ----

        [Fact]
        public Task Counts_per_enum_value_are_not_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> BySeverity()
                    => Ok(await db.Events.GroupBy(e => e.Severity).Select(g => new { Severity = g.Key.ToString(), Count = g.Count() }).ToListAsync());
            }
            """);

        [Fact]
        public Task Aggregates_per_bool_value_after_a_filter_are_not_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> ByState()
                {
                    var stats = await db.Events
                        .Where(e => e.Duration > 0)
                        .GroupBy(e => e.IsResolved)
                        .Select(g => new { Resolved = g.Key, Longest = g.Max(e => e.Duration), Total = g.Sum(e => e.Duration) })
                        .ToListAsync();
                    return Ok(stats);
                }
            }
            """);

        [Fact]
        public Task Aggregates_per_pair_of_few_valued_keys_are_not_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Matrix()
                    => Ok(await db.Events.GroupBy(e => new { e.Severity, e.IsResolved }).Select(g => new { g.Key.Severity, g.Key.IsResolved, Count = g.LongCount() }).ToListAsync());
            }
            """);

        [Fact]
        public Task Counts_per_nullable_enum_value_are_not_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> ByEscalation()
                    => Ok(await db.Events.GroupBy(e => e.Escalation).Select(g => new { g.Key, Any = g.Any(e => !e.IsResolved) }).ToListAsync());
            }
            """);

        // ---- Flagged ----

        [Fact]
        public Task Counts_per_string_key_are_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> BySource()
                    => Ok(await {|PERF401:db.Events.GroupBy(e => e.Source).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()|});
            }
            """);

        [Fact]
        public Task Groups_handing_on_their_rows_are_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> BySeverity()
                    => Ok(await {|PERF401:db.Events.GroupBy(e => e.Severity).Select(g => new { g.Key, Events = g.ToList() }).ToListAsync()|});
            }
            """);

        [Fact]
        public Task Pair_key_with_a_string_member_is_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Matrix()
                    => Ok(await {|PERF401:db.Events.GroupBy(e => new { e.Severity, e.Source }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()|});
            }
            """);

        [Fact]
        public Task Groups_flattened_again_are_reported() => Verify("""
            public class StatsController(EventsDb db) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Flattened()
                    => Ok(await {|PERF401:db.Events.GroupBy(e => e.Severity).SelectMany(g => g).ToListAsync()|});
            }
            """);
    }
}
