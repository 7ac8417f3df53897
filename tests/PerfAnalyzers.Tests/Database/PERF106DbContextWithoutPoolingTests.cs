using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF106DbContextWithoutPoolingCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF106DbContextWithoutPoolingTests
    {
        private const string Usings = """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public class Order { public int Id { get; set; } }

            """;

        private const string PoolableContexts = Usings + """
            public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }

            public class ReportDb : DbContext
            {
                private readonly string schema = "reports";
                public ReportDb(DbContextOptions options) : base(options) { }
                public DbSet<Order> Orders { get; set; } = null!;
                public string Schema => schema;
            }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_AddDbContext_of_a_context_that_takes_only_its_options() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.{|PERF106:AddDbContext<ShopDb>|}(o => o.UseSqlite("Data Source=shop.db"));
            }
            """);

        // A borough's resident API adds AWS X-Ray's EF Core interceptor (a package the feed does not serve, compiled here
        // as the assembly an application references): an extension of the options builder resolves no service.
        [Fact]
        public Task Reports_a_context_whose_options_add_a_package_interceptor()
        {
            var xray = ProbeCompilations.ReferencedProject("AWSXRayRecorder.Handlers.EntityFramework", """
                namespace Amazon.XRay.Recorder.Handlers.EntityFramework
                {
                    public static class DbContextOptionsBuilderExtensions
                    {
                        public static Microsoft.EntityFrameworkCore.DbContextOptionsBuilder AddXRayInterceptor(this Microsoft.EntityFrameworkCore.DbContextOptionsBuilder builder, bool collectSqlQueries = false) => builder;
                    }
                }
                """, Frameworks.EfCore);
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, "using Amazon.XRay.Recorder.Handlers.EntityFramework;\n" + PoolableContexts + """
                public static class Startup
                {
                    public static void Configure(IServiceCollection services, string connectionString)
                        => services.{|PERF106:AddDbContext<ShopDb>|}(opt => opt.UseSqlite(connectionString).AddXRayInterceptor(true));
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(xray);
            return test.RunAsync();
        }

        // GZCTF's context derives from Identity's: its base holds only DbSet properties.
        [Fact]
        public Task Reports_a_context_derived_from_the_identity_context() => VerifyCS.AnalyzerAsync(Usings + """
            public class UserInfo : Microsoft.AspNetCore.Identity.IdentityUser<Guid> { }

            public class AppDbContext(DbContextOptions<AppDbContext> options)
                : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<UserInfo, Microsoft.AspNetCore.Identity.IdentityRole<Guid>, Guid>(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }

            public class AccountsDb(DbContextOptions<AccountsDb> options)
                : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityUserContext<Microsoft.AspNetCore.Identity.IdentityUser>(options);

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.{|PERF106:AddDbContext<AppDbContext>|}(o => o.UseSqlite("Data Source=app.db"));
                    services.{|PERF106:AddDbContext<AccountsDb>|}(o => o.UseSqlite("Data Source=accounts.db"));
                }
            }
            """);

        [Fact]
        public Task Ignores_an_identity_context_with_state_of_its_own() => VerifyCS.AnalyzerAsync(Usings + """
            public class AppDbContext(DbContextOptions<AppDbContext> options)
                : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<Microsoft.AspNetCore.Identity.IdentityUser>(options)
            {
                public Guid TenantId { get; set; }
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.AddDbContext<AppDbContext>(o => o.UseSqlite("Data Source=app.db"));
            }
            """);

        [Fact]
        public Task Ignores_a_context_derived_from_a_base_class_of_another_project()
        {
            // The base's state cannot be read from its metadata alone; only Identity's contexts are known to keep none.
            var library = ProbeCompilations.ReferencedProject("Shop.Data", """
                using Microsoft.EntityFrameworkCore;

                namespace Shop.Data
                {
                    public abstract class AuditedContext : DbContext
                    {
                        protected AuditedContext(DbContextOptions options) : base(options) { }
                    }
                }
                """, Frameworks.EfCore);
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Usings + """
                public class ShopDb(DbContextOptions<ShopDb> options) : Shop.Data.AuditedContext(options);

                public static class Startup
                {
                    public static void Configure(IServiceCollection services)
                        => services.AddDbContext<ShopDb>(o => o.UseSqlite("Data Source=shop.db"));
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(library);
            return test.RunAsync();
        }

        // NuGetTrends registers a context of its Data project: a build sees it as metadata and stays silent, and so must
        // the IDE, which hands the other project over as a compilation with its source.
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public Task Ignores_a_context_declared_in_another_project(bool asTheIdeSeesIt)
        {
            const string dataProject = """
                using Microsoft.EntityFrameworkCore;

                namespace Shop.Data
                {
                    public class ShopDb : DbContext
                    {
                        public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }
                    }
                }
                """;
            var library = asTheIdeSeesIt
                ? ProbeCompilations.ReferencedProjectInTheIde("Shop.Data", dataProject, Frameworks.EfCore)
                : ProbeCompilations.ReferencedProject("Shop.Data", dataProject, Frameworks.EfCore);
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Usings + """
                public static class Startup
                {
                    public static void Configure(IServiceCollection services)
                        => services.AddDbContext<Shop.Data.ShopDb>(o => o.UseSqlite("Data Source=shop.db"));
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(library);
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_AddDbContextFactory_and_the_service_provider_overload() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.{|PERF106:AddDbContextFactory<ReportDb>|}(o => o.UseSqlite("Data Source=reports.db"));
                    services.{|PERF106:AddDbContext<ShopDb>|}((provider, o) => o.UseSqlite("Data Source=shop.db"));
                }
            }
            """);

        [Fact]
        public Task Reports_an_options_delegate_that_resolves_framework_services_from_its_provider() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                    => services.{|PERF106:AddDbContext<ShopDb>|}((provider, o) =>
                    {
                        var configuration = provider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
                        o.UseSqlite(configuration["Shop"]);
                    });
            }
            """);

        [Fact]
        public Task Reports_registrations_in_top_level_statements() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.{|PERF106:AddDbContext<ShopDb>|}(options => options.UseSqlite("Data Source=shop.db"));
                    builder.Build().Run();
                }
            }
            """);

        [Fact]
        public async Task Message_names_the_context_and_both_methods()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, PoolableContexts + """
                public static class Startup
                {
                    public static void Configure(IServiceCollection services) => services.{|#0:AddDbContextFactory<ReportDb>|}(o => o.UseSqlite("x"));
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF106DbContextWithoutPooling).WithLocation(0)
                .WithArguments("ReportDb", "AddDbContextFactory", "AddPooledDbContextFactory"));
            await test.RunAsync();
        }

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_a_context_with_other_injected_services_several_constructors_or_a_non_public_one() => VerifyCS.AnalyzerAsync(Usings + """
            public interface IClock { DateTime Now { get; } }

            public class AuditDb(DbContextOptions<AuditDb> options, IClock clock) : DbContext(options)
            {
                public DateTime Created { get; } = clock.Now;
            }

            public class LegacyDb : DbContext
            {
                public LegacyDb() { }
                public LegacyDb(DbContextOptions<LegacyDb> options) : base(options) { }
            }

            public class HiddenDb : DbContext
            {
                internal HiddenDb(DbContextOptions<HiddenDb> options) : base(options) { }
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddDbContext<AuditDb>(o => o.UseSqlite("x"));
                    services.AddDbContext<LegacyDb>(o => o.UseSqlite("x"));
                    services.AddDbContext<HiddenDb>(o => o.UseSqlite("x"));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_context_that_overrides_OnConfiguring_here_or_in_a_base() => VerifyCS.AnalyzerAsync(Usings + """
            public class ConfiguredDb(DbContextOptions<ConfiguredDb> options) : DbContext(options)
            {
                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.EnableSensitiveDataLogging();
            }

            public abstract class BaseDb(DbContextOptions options) : DbContext(options)
            {
                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.EnableDetailedErrors();
            }

            public class DerivedDb(DbContextOptions<DerivedDb> options) : BaseDb(options);

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddDbContext<ConfiguredDb>(o => o.UseSqlite("x"));
                    services.AddDbContext<DerivedDb>(o => o.UseSqlite("x"));
                }
            }
            """);

        [Fact]
        public Task Ignores_a_context_with_mutable_per_request_state() => VerifyCS.AnalyzerAsync(Usings + """
            public class TenantDb(DbContextOptions<TenantDb> options) : DbContext(options)
            {
                public string TenantId { get; set; } = "";
            }

            public class CountingDb(DbContextOptions<CountingDb> options) : DbContext(options)
            {
                private int saves;
                public int Saves => saves;
                public override int SaveChanges() { saves++; return base.SaveChanges(); }
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddDbContext<TenantDb>(o => o.UseSqlite("x"));
                    services.AddDbContextFactory<CountingDb>(o => o.UseSqlite("x"));
                }
            }
            """);

        [Fact]
        public Task Ignores_registrations_that_are_pooled_or_choose_a_lifetime_or_configure_nothing() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddDbContextPool<ShopDb>(o => o.UseSqlite("x"));
                    services.AddPooledDbContextFactory<ReportDb>(o => o.UseSqlite("x"));
                    services.AddDbContext<ShopDb>(o => o.UseSqlite("x"), ServiceLifetime.Transient);
                    services.AddDbContextFactory<ReportDb>(o => o.UseSqlite("x"), ServiceLifetime.Scoped);
                    services.AddDbContext<ShopDb>();
                }
            }
            """);

        [Fact]
        public Task Ignores_an_options_delegate_that_resolves_a_service_of_the_application_from_its_provider() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public class EventDispatchInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor { }

            public static class Startup
            {
                // ardalis/CleanArchitecture: a scoped interceptor, which a pool would resolve once from the root provider.
                public static void Configure(IServiceCollection services)
                {
                    services.AddScoped<EventDispatchInterceptor>();
                    services.AddDbContext<ShopDb>((provider, o) =>
                    {
                        var interceptor = provider.GetRequiredService<EventDispatchInterceptor>();
                        o.UseSqlite("Data Source=shop.db").AddInterceptors(interceptor);
                    });
                    services.AddDbContextFactory<ReportDb>((provider, o) => o.UseSqlite("Data Source=reports.db").AddInterceptors((EventDispatchInterceptor)provider.GetService(typeof(EventDispatchInterceptor))!));
                }
            }
            """);

        [Fact]
        public Task Ignores_test_projects() => VerifyCS.AnalyzerAsync(PoolableContexts + """
            public class StartupTests
            {
                [Xunit.Fact]
                public void Registers() => new ServiceCollection().AddDbContext<ShopDb>(o => o.UseSqlite("x"));
            }
            """, frameworks: Frameworks.Web | Frameworks.Xunit);

        [Fact]
        public async Task Ignores_console_tools_without_ASP_NET_Core()
        {
            // EF Core and the dependency-injection abstractions, without ASP.NET Core: a console tool or worker.
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF106DbContextWithoutPoolingAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, """
                using Microsoft.EntityFrameworkCore;
                using Microsoft.Extensions.DependencyInjection;

                public class ToolDb(DbContextOptions<ToolDb> options) : DbContext(options);

                public static class Program
                {
                    public static void Main() { }

                    public static void Register(IServiceCollection services) => services.AddDbContext<ToolDb>(o => o.UseSqlite("x"));
                }
                """, null, Frameworks.EfCore, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
            test.TestState.AdditionalReferences.AddRange(System.Linq.Enumerable.Where(
                SnippetReferences.For(Frameworks.Web),
                r => r.Display != null && r.Display.EndsWith("Microsoft.Extensions.DependencyInjection.Abstractions.dll", System.StringComparison.Ordinal)));
            await test.RunAsync();
        }

        // ---- Code fix ----

        [Fact]
        public Task Fix_registers_the_context_with_AddDbContextPool_keeping_the_options() => VerifyFix.CodeFixAsync(PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services, string connection)
                    => services.{|PERF106:AddDbContext<ShopDb>|}(options => options.UseSqlite(connection).EnableDetailedErrors());
            }
            """, PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services, string connection)
                    => services.AddDbContextPool<ShopDb>(options => options.UseSqlite(connection).EnableDetailedErrors());
            }
            """);

        [Fact]
        public Task Fix_all_pools_every_registration() => VerifyFix.CodeFixAsync(PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.{|PERF106:AddDbContext<ShopDb>|}((provider, o) => o.UseSqlite("Data Source=shop.db"));
                    services.{|PERF106:AddDbContextFactory<ReportDb>|}(o => o.UseSqlite("Data Source=reports.db"));
                }
            }
            """, PoolableContexts + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddDbContextPool<ShopDb>((provider, o) => o.UseSqlite("Data Source=shop.db"));
                    services.AddPooledDbContextFactory<ReportDb>(o => o.UseSqlite("Data Source=reports.db"));
                }
            }
            """);
    }
}
