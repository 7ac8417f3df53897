using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF302UnboundedMemoryCacheEntryAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    public class PERF302UnboundedMemoryCacheEntryTests
    {
        private const string Usings = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Primitives;

            public record Product(int Id, string Name);

            """;

        private static Task Verify(string body, string? editorConfig = null, params DiagnosticResult[] expected)
            => VerifyCS.AnalyzerAsync(Usings + body, editorConfig, Frameworks.AspNetCore, expected: expected);

        // Flagged: entries that never expire.

        [Fact]
        public Task Reports_set_with_key_and_value_only() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(string search, Product product) => cache.{|PERF302:Set|}("search:" + search, product);
            }
            """);

        [Fact]
        public Task Reports_set_with_options_that_state_no_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.{|PERF302:Set|}(id, product, new MemoryCacheEntryOptions { Priority = CacheItemPriority.High });
                    cache.{|PERF302:Set|}(id, product, new MemoryCacheEntryOptions().RegisterPostEvictionCallback((k, v, r, s) => { }));
                }
            }
            """);

        [Fact]
        public Task Reports_options_in_a_local_that_never_get_an_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    var options = new MemoryCacheEntryOptions();
                    options.Priority = CacheItemPriority.Low;
                    cache.{|PERF302:Set|}(id, product, options);
                }
            }
            """);

        [Fact]
        public Task Reports_get_or_create_whose_factory_sets_no_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.{|PERF302:GetOrCreate|}(id, entry => new Product(id, "p" + entry.Key));

                public Product? FindBlock(int id) => cache.{|PERF302:GetOrCreate|}(id, entry =>
                {
                    entry.Priority = CacheItemPriority.High;
                    return new Product(id, "p");
                });
            }
            """);

        [Fact]
        public Task Reports_get_or_create_async_whose_factory_sets_no_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public Task<Product?> FindAsync(string search)
                    => cache.{|PERF302:GetOrCreateAsync|}(search, async entry =>
                    {
                        await Task.Yield();
                        return new Product(1, search);
                    });
            }
            """);

        [Fact]
        public Task Reports_a_call_through_the_static_class_and_on_a_concrete_memory_cache() => Verify("""
            public class ProductCache
            {
                private readonly MemoryCache cache = new MemoryCache(new MemoryCacheOptions());

                public void Remember(int id, Product product)
                {
                    cache.{|PERF302:Set|}(id, product);
                    CacheExtensions.{|PERF302:Set|}(cache, id + 1, product);
                }
            }
            """);

        [Fact]
        public Task Reports_a_helper_with_source_that_returns_options_without_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|PERF302:Set|}(id, product, HighPriority());

                private static MemoryCacheEntryOptions HighPriority() => new MemoryCacheEntryOptions { Priority = CacheItemPriority.High };
            }
            """);

        [Fact]
        public Task Reports_an_entry_the_object_removes_elsewhere_than_in_its_dispose() => Verify("""
            public record Account(int Id);

            // Removed by another method, by a class that is not disposable, or under another key: the entry can outlive the object.
            public class EditDialog(IMemoryCache cache) : IDisposable
            {
                public Account Account { get; set; } = new(1);
                public int OtherId { get; set; }
                public void Open() => cache.{|PERF302:Set|}(Account.Id, Account);
                public void Close() => cache.Remove(Account.Id);
                public void Dispose() => cache.Remove(OtherId);
            }

            public class NotDisposableDialog(IMemoryCache cache)
            {
                public Account Account { get; set; } = new(1);
                public void Open() => cache.{|PERF302:Set|}(Account.Id, Account);
                public void Dispose() => cache.Remove(Account.Id);
            }
            """);

        [Fact]
        public Task Reports_an_entry_whose_key_is_a_parameter_even_when_dispose_removes_a_member() => Verify("""
            public class LockRegistry(IMemoryCache cache) : IDisposable
            {
                private int lockedId;
                public void Lock(int id)
                {
                    lockedId = id;
                    cache.{|PERF302:Set|}(id, true);
                }

                public void Dispose() => cache.Remove(lockedId);
            }
            """);

        [Fact]
        public Task Reports_with_a_message_that_says_what_is_missing() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|#0:Set|}(id, product);
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF302UnboundedMemoryCacheEntry).WithLocation(0)
                .WithArguments("Set", "that never expires; set an absolute or sliding expiration"));

        // Flagged: size-limited caches.

        [Fact]
        public Task Reports_an_expiring_entry_without_size_when_add_memory_cache_sets_a_size_limit() => Verify("""
            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddMemoryCache(o => o.SizeLimit = 1024);
            }

            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|#0:Set|}(id, product, TimeSpan.FromMinutes(5));
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF302UnboundedMemoryCacheEntry).WithLocation(0)
                .WithArguments("Set", "without a Size, in a project that sets a SizeLimit (with the limit set, the write throws InvalidOperationException); set its Size"));

        [Fact]
        public Task Reports_both_when_a_new_memory_cache_has_a_size_limit() => Verify("""
            public class ProductCache
            {
                private static readonly MemoryCache Cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });

                public Product? Find(int id) => Cache.{|#0:GetOrCreate|}(id, entry => new Product(id, "p"));

                public void Remember(int id, Product product) => Cache.{|PERF302:Set|}(id, product, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });
            }
            """, expected: VerifyCS.Diagnostic(Descriptors.PERF302UnboundedMemoryCacheEntry).WithLocation(0)
                .WithArguments("GetOrCreate", "that never expires and has no Size, in a project that sets a SizeLimit (with the limit set, the write throws InvalidOperationException); set an expiration and a Size"));

        [Fact]
        public Task Reports_a_missing_size_when_the_limit_is_set_through_configure_in_another_file() => VerifyCS.AnalyzerAsync(Usings + """
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.{|PERF302:GetOrCreate|}(id, entry =>
                {
                    entry.SetAbsoluteExpiration(TimeSpan.FromMinutes(5));
                    return new Product(id, "p");
                });
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.Configure<MemoryCacheOptions>(o => { o.SizeLimit = 100; });
            }
            """, frameworks: Frameworks.AspNetCore);

        [Fact]
        public Task Reports_a_missing_size_when_post_configure_sets_the_limit() => Verify("""
            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddMemoryCache();
                    services.PostConfigure<Microsoft.Extensions.Caching.Memory.MemoryCacheOptions>(o =>
                    {
                        o.SizeLimit = 500;
                    });
                }
            }

            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.{|PERF302:Set|}(id, product, new MemoryCacheEntryOptions().SetSlidingExpiration(TimeSpan.FromMinutes(1)));
            }
            """);

        // Not flagged: an expiration is stated.

        [Fact]
        public Task Ignores_set_with_an_expiration_argument() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.Set(id, product, TimeSpan.FromMinutes(5));
                    cache.Set(id, product, DateTimeOffset.UtcNow.AddHours(1));
                }
            }
            """);

        [Fact]
        public Task Ignores_options_with_any_of_the_three_expirations() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
                    cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddDays(1) });
                    cache.Set(id, product, new MemoryCacheEntryOptions().SetSlidingExpiration(TimeSpan.FromMinutes(1)));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_configured_after_creation() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    var options = new MemoryCacheEntryOptions();
                    options.SetAbsoluteExpiration(TimeSpan.FromMinutes(5));
                    cache.Set(id, product, options);
                    var sliding = new MemoryCacheEntryOptions();
                    sliding.SlidingExpiration = TimeSpan.FromSeconds(30);
                    cache.Set(id + 1, product, sliding);
                }
            }
            """);

        [Fact]
        public Task Ignores_factories_that_set_the_expiration_on_the_entry() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.GetOrCreate(id, entry =>
                {
                    entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
                    return new Product(id, "p");
                });

                public Task<Product?> FindAsync(int id) => cache.GetOrCreateAsync(id, async entry =>
                {
                    entry.SetSlidingExpiration(TimeSpan.FromMinutes(1)).SetPriority(CacheItemPriority.High);
                    await Task.Yield();
                    return new Product(id, "p");
                });

                public Product? FindWithOptions(int id) => cache.GetOrCreate(id, entry => new Product(id, "p"), new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });
            }
            """);

        [Fact]
        public Task Ignores_options_built_by_a_helper_of_the_project_that_sets_an_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.Set(id, product, ShortLived());

                public Product? Find(int id) => cache.GetOrCreate(id, entry =>
                {
                    entry.SetOptions(ShortLived());
                    return new Product(id, "p");
                });

                private static MemoryCacheEntryOptions ShortLived()
                {
                    var options = new MemoryCacheEntryOptions();
                    options.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
                    return options;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_factory_that_hands_the_entry_to_a_helper_that_sets_the_expiration() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id) => cache.GetOrCreate(id, entry =>
                {
                    Expire(entry);
                    return new Product(id, "p");
                });

                public Product? FindByMethodGroup(int id) => cache.GetOrCreate(id, Create);

                private static void Expire(ICacheEntry entry) => entry.SlidingExpiration = TimeSpan.FromMinutes(2);

                private static Product Create(ICacheEntry entry)
                {
                    entry.SetAbsoluteExpiration(TimeSpan.FromMinutes(5));
                    return new Product(1, "p");
                }
            }
            """);

        // Not flagged: what the options or the factory do cannot be seen.

        [Fact]
        public Task Ignores_options_from_a_parameter_a_field_or_a_method_without_source() => Verify("""
            public class ProductCache(IMemoryCache cache, MemoryCacheEntryOptions injected)
            {
                private static readonly MemoryCacheEntryOptions Shared = new MemoryCacheEntryOptions();

                public void Remember(int id, Product product, MemoryCacheEntryOptions options)
                {
                    cache.Set(id, product, options);
                    cache.Set(id, product, Shared);
                    cache.Set(id, product, injected);
                    cache.Set(id, product, Activator.CreateInstance<MemoryCacheEntryOptions>());
                }

                public Product? Find(int id, Func<ICacheEntry, Product> factory) => cache.GetOrCreate(id, factory);
            }
            """);

        [Fact]
        public Task Ignores_a_factory_that_hands_the_entry_to_code_without_source() => Verify("""
            public interface IEntryPolicy { void Apply(ICacheEntry entry); }

            public class ProductCache(IMemoryCache cache, IEntryPolicy policy)
            {
                public Product? Find(int id) => cache.GetOrCreate(id, entry =>
                {
                    policy.Apply(entry);
                    return new Product(id, "p");
                });
            }
            """);

        [Fact]
        public Task Ignores_options_whose_local_is_reassigned_or_escapes() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public MemoryCacheEntryOptions? Last { get; private set; }

                public void Remember(int id, Product product, bool shortLived)
                {
                    var options = new MemoryCacheEntryOptions();
                    if (shortLived)
                    {
                        options = new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(5) };
                    }

                    cache.Set(id, product, options);

                    var kept = new MemoryCacheEntryOptions();
                    Last = kept;
                    cache.Set(id + 1, product, kept);
                }
            }
            """);

        // Not flagged: other caches and deliberate lifetimes.

        [Fact]
        public Task Ignores_the_distributed_cache_and_the_hybrid_cache() => Verify("""
            public class ProductCache(Microsoft.Extensions.Caching.Distributed.IDistributedCache distributed, Microsoft.Extensions.Caching.Hybrid.HybridCache hybrid)
            {
                public Task Remember(string key, byte[] value) => Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions.SetAsync(distributed, key, value);

                public void RememberSync(string key, byte[] value) => distributed.Set(key, value, new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions());

                public async Task<Product> Find(int id) => await hybrid.GetOrCreateAsync($"product:{id}", _ => new System.Threading.Tasks.ValueTask<Product>(new Product(id, "p")));
            }
            """);

        [Fact]
        public Task Ignores_entries_evicted_by_a_change_token() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product, IChangeToken catalogueChanged)
                {
                    cache.Set(id, product, catalogueChanged);
                    cache.Set(id, product, new MemoryCacheEntryOptions { ExpirationTokens = { catalogueChanged } });
                    cache.GetOrCreate(id, entry =>
                    {
                        entry.AddExpirationToken(catalogueChanged);
                        return product;
                    });
                    cache.GetOrCreate(id + 1, entry =>
                    {
                        entry.ExpirationTokens.Add(catalogueChanged);
                        return product;
                    });
                }
            }
            """);

        [Fact]
        public Task Ignores_entries_pinned_with_never_remove() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(Product product)
                {
                    cache.Set("catalogue:featured", product, new MemoryCacheEntryOptions { Priority = CacheItemPriority.NeverRemove });
                    cache.GetOrCreate("catalogue:first", entry =>
                    {
                        entry.SetPriority(CacheItemPriority.NeverRemove);
                        return product;
                    });
                }
            }
            """);

        [Fact]
        public Task Ignores_an_entry_with_expiration_and_size_in_a_size_limited_project() => Verify("""
            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddMemoryCache(o => o.SizeLimit = 1024);
            }

            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product)
                {
                    cache.Set(id, product, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5), Size = 1 });
                    cache.Set(id, product, new MemoryCacheEntryOptions().SetSize(2).SetSlidingExpiration(TimeSpan.FromMinutes(1)));
                }

                public Product? Find(int id) => cache.GetOrCreate(id, entry =>
                {
                    entry.Size = 1;
                    entry.SlidingExpiration = TimeSpan.FromMinutes(1);
                    return new Product(id, "p");
                });
            }
            """);

        [Fact]
        public Task Ignores_a_missing_size_when_only_the_distributed_memory_cache_has_a_size_limit() => Verify("""
            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddDistributedMemoryCache(o => o.SizeLimit = 1024);
                    services.AddMemoryCache(o => o.SizeLimit = null);
                }
            }

            public class ProductCache(IMemoryCache cache)
            {
                public void Remember(int id, Product product) => cache.Set(id, product, TimeSpan.FromMinutes(5));
            }
            """);

        [Fact]
        public Task Ignores_an_entry_the_object_removes_under_the_same_key_when_it_is_disposed() => Verify("""
            public record Account(int Id);

            // An edit lock a dialog holds while it is open: an expiration would release it early.
            public class EditAccountDialog(IMemoryCache cache) : IDisposable
            {
                public Account Account { get; set; } = new(1);
                private bool entityBeingEdited;

                public void OnInitialized()
                {
                    entityBeingEdited = cache.TryGetValue(Account.Id, out object? _);
                    if (!entityBeingEdited)
                        cache.Set(Account.Id, Account);
                }

                public void Dispose()
                {
                    if (!entityBeingEdited)
                        cache.Remove(Account.Id);
                }
            }
            """);

        [Fact]
        public Task Ignores_an_entry_under_a_field_or_constant_key_removed_by_dispose_async() => Verify("""
            public class ImportJob(IMemoryCache cache) : IAsyncDisposable
            {
                private const string RunningKey = "import:running";
                private readonly Guid runId = Guid.NewGuid();

                public void Start(Product product)
                {
                    cache.Set(RunningKey, true);
                    cache.Set(runId, product);
                }

                public ValueTask DisposeAsync()
                {
                    cache.Remove(RunningKey);
                    cache.Remove(runId);
                    return ValueTask.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task Reports_a_missing_size_even_for_an_entry_removed_on_dispose() => Verify("""
            public class EditDialog(IMemoryCache cache) : IDisposable
            {
                private readonly int id = 1;
                public void Open(Product product) => cache.{|PERF302:Set|}(id, product);
                public void Dispose() => cache.Remove(id);
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services) => services.AddMemoryCache(o => o.SizeLimit = 1024);
            }
            """);

        [Fact]
        public Task Ignores_reads_and_removals() => Verify("""
            public class ProductCache(IMemoryCache cache)
            {
                public Product? Find(int id)
                {
                    cache.Remove(id + 1);
                    return cache.TryGetValue(id, out Product? product) ? product : cache.Get<Product>(id);
                }
            }
            """);

        [Fact]
        public Task Registers_nothing_without_the_memory_cache_package() => VerifyCS.AnalyzerAsync("""
            public static class CacheExtensions
            {
                public static void Set(this object cache, object key, object value) { }
            }

            public class ProductCache
            {
                public void Remember(object cache, int id) => cache.Set(id, "p");
            }
            """, frameworks: Frameworks.NetCore);
    }
}
