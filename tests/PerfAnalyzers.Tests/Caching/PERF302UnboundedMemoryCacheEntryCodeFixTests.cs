using System.Threading.Tasks;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF302UnboundedMemoryCacheEntryAnalyzer, PerfAnalyzers.Caching.PERF302UnboundedMemoryCacheEntryCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>Fixed code must compile and no longer be flagged; every fix runs one at a time and through Fix All.</summary>
    public class PERF302UnboundedMemoryCacheEntryCodeFixTests
    {
        private const string Usings = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.DependencyInjection;

            public record Product(int Id, string Name);

            """;

        private const string SizeLimited = """

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddMemoryCache(o => o.SizeLimit = 1024);
            }
            """;

        private static Task Fix(string body, string fixedBody, string? editorConfig = null)
            => VerifyFix.CodeFixAsync(Usings + body, Usings + fixedBody, PERF302UnboundedMemoryCacheEntryCodeFix.EquivalenceKey, editorConfig, Frameworks.AspNetCore);

        private static Task NoFix(string body)
            => VerifyFix.NoCodeFixAsync(Usings + body, PERF302UnboundedMemoryCacheEntryCodeFix.EquivalenceKey, frameworks: Frameworks.AspNetCore);

        [Fact]
        public Task Fix_adds_an_expiration_argument_to_set() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(string search, Product product) => cache.{|PERF302:Set|}("search:" + search, product);
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(string search, Product product) => cache.Set("search:" + search, product, TimeSpan.FromSeconds(300));
            }
            """);

        [Fact]
        public Task Fix_uses_the_configured_number_of_seconds() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|PERF302:Set|}(id, product);
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.Set(id, product, TimeSpan.FromSeconds(60));
            }
            """, "perf_analyzers.PERF302.default_expiration_seconds = 60");

        [Fact]
        public Task Fix_falls_back_to_300_seconds_for_an_invalid_option() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|PERF302:Set|}(id, product);
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.Set(id, product, TimeSpan.FromSeconds(300));
            }
            """, "perf_analyzers.PERF302.default_expiration_seconds = five minutes");

        [Fact]
        public Task Fix_adds_the_expiration_to_an_options_initializer() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.{|PERF302:Set|}(id, product, new MemoryCacheEntryOptions { Priority = CacheItemPriority.High });
                    cache.{|PERF302:Set|}(id + 1, product, new MemoryCacheEntryOptions
                    {
                        Priority = CacheItemPriority.Low,
                    });
                }
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.Set(id, product, new MemoryCacheEntryOptions { Priority = CacheItemPriority.High, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300) });
                    cache.Set(id + 1, product, new MemoryCacheEntryOptions
                    {
                        Priority = CacheItemPriority.Low,
                        AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300),
                    });
                }
            }
            """);

        [Fact]
        public Task Fix_gives_options_without_an_initializer_one_and_edits_a_shared_local_once() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    var options = new MemoryCacheEntryOptions();
                    cache.{|PERF302:Set|}(id, product, options);
                    cache.{|PERF302:Set|}(id + 1, product, options);
                }
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300) };
                    cache.Set(id, product, options);
                    cache.Set(id + 1, product, options);
                }
            }
            """);

        [Fact]
        public Task Fix_sets_the_expiration_at_the_start_of_a_block_factory() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public Task<Product?> FindAsync(int id) => cache.{|PERF302:GetOrCreateAsync|}(id, async entry =>
                {
                    await Task.Yield();
                    return new Product(id, "p");
                });
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public Task<Product?> FindAsync(int id) => cache.GetOrCreateAsync(id, async entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300);
                    await Task.Yield();
                    return new Product(id, "p");
                });
            }
            """);

        [Fact]
        public Task Fix_turns_an_expression_factory_into_a_block() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id)
                {
                    return cache.{|PERF302:GetOrCreate|}(id, entry => new Product(id, "p"));
                }
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id)
                {
                    return cache.GetOrCreate(id, entry =>
                    {
                        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300);
                        return new Product(id, "p");
                    });
                }
            }
            """);

        [Fact]
        public Task Fix_adds_a_size_to_an_expiring_set_in_a_size_limited_project() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.{|PERF302:Set|}(id, product, TimeSpan.FromMinutes(5));
                    cache.{|PERF302:Set|}(id, product, DateTimeOffset.UtcNow.AddHours(1));
                    cache.{|PERF302:Set|}(id, product);
                }
            }
            """ + SizeLimited, """
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5), Size = 1 });
                    cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddHours(1), Size = 1 });
                    cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300), Size = 1 });
                }
            }
            """ + SizeLimited);

        [Fact]
        public Task Fix_sets_the_size_on_the_entry_in_a_size_limited_project() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.{|PERF302:GetOrCreate|}(id, entry =>
                {
                    entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                    return new Product(id, "p");
                });

                public void Remember(int id, Product product) => cache.{|PERF302:Set|}(id, product, new MemoryCacheEntryOptions().SetSlidingExpiration(TimeSpan.FromMinutes(1)));
            }
            """ + SizeLimited, """
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.GetOrCreate(id, entry =>
                {
                    entry.Size = 1;
                    entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                    return new Product(id, "p");
                });

                public void Remember(int id, Product product) => cache.Set(id, product, new MemoryCacheEntryOptions { Size = 1 }.SetSlidingExpiration(TimeSpan.FromMinutes(1)));
            }
            """ + SizeLimited);

        [Fact]
        public Task Fix_imports_system_when_the_file_lacks_it() => VerifyFix.CodeFixAsync("""
            using Microsoft.Extensions.Caching.Memory;

            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, string name) => cache.{|PERF302:Set|}(id, name);
            }
            """, """
            using System;
            using Microsoft.Extensions.Caching.Memory;

            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, string name) => cache.Set(id, name, TimeSpan.FromSeconds(300));
            }
            """, PERF302UnboundedMemoryCacheEntryCodeFix.EquivalenceKey, frameworks: Frameworks.AspNetCore);

        [Fact]
        public Task No_expiration_fix_for_a_set_under_a_constant_key_which_may_be_the_only_copy() => NoFix("""
            public class KeyTracker(IMemoryCache cache)
            {
                private const string TrackedKeys = "tracked-keys";

                public void Track(System.Collections.Generic.List<string> keys)
                {
                    cache.{|PERF302:Set|}(TrackedKeys, keys);
                    cache.{|PERF302:Set|}("tracked-keys-copy", keys);
                }
            }
            """);

        [Fact]
        public Task Fix_sets_only_the_size_of_a_set_under_a_constant_key_in_a_size_limited_project() => VerifyFix.CodeFixLeavingDiagnosticsAsync(Usings + """
            public class KeyTracker(IMemoryCache cache)
            {
                public void Track(System.Collections.Generic.List<string> keys) => cache.{|PERF302:Set|}("tracked-keys", keys);
            }
            """ + SizeLimited, Usings + """
            public class KeyTracker(IMemoryCache cache)
            {
                public void Track(System.Collections.Generic.List<string> keys) => cache.{|PERF302:Set|}("tracked-keys", keys, new MemoryCacheEntryOptions { Size = 1 });
            }
            """ + SizeLimited);

        [Fact]
        public Task Fix_adds_an_expiration_to_a_factory_under_a_constant_key_which_reloads() => Fix("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Featured() => cache.{|PERF302:GetOrCreate|}("featured", entry => new Product(1, "p"));
            }
            """, """
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Featured() => cache.GetOrCreate("featured", entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(300);
                    return new Product(1, "p");
                });
            }
            """);

        [Fact]
        public Task No_fix_for_options_built_by_a_helper() => NoFix("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|PERF302:Set|}(id, product, HighPriority());

                private static MemoryCacheEntryOptions HighPriority() => new MemoryCacheEntryOptions { Priority = CacheItemPriority.High };
            }
            """);

        [Fact]
        public Task No_fix_for_a_factory_that_only_throws() => NoFix("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.{|PERF302:GetOrCreate<Product>|}(id, entry => throw new InvalidOperationException("not cached yet"));
            }
            """);

        [Fact]
        public Task No_fix_for_a_factory_passed_as_a_method_group() => NoFix("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.{|PERF302:GetOrCreate|}(id, Create);

                private static Product Create(ICacheEntry entry) => new Product(1, "p");
            }
            """);
    }
}
