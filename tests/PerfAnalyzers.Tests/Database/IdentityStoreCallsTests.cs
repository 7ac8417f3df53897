using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using Verify101 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using Verify105 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;
using Verify202 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// ASP.NET Core Identity's managers query the store on each call (docs/concepts.md#executing-an-ef-query,
    /// "Identity managers"): a query per element is PERF101's; their writes are not PERF105's.
    /// </summary>
    public class IdentityStoreCallsTests
    {
        private const string Identity = "using Microsoft.AspNetCore.Identity;\n" + Model + """
            public class UserRow { public string Name { get; set; } = ""; public IList<string> Roles { get; set; } = new List<string>(); }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_a_store_query_per_user() => Verify101.AnalyzerAsync(Identity + """
            public class UsersPage
            {
                public async Task<List<UserRow>> List(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, List<IdentityUser> page, List<string> names)
                {
                    var rows = new List<UserRow>();
                    foreach (var user in page)
                    {
                        rows.Add(new UserRow { Name = user.UserName!, Roles = await {|PERF101:users.GetRolesAsync(user)|} });
                        if (await {|PERF101:users.IsInRoleAsync(user, "admin")|}) rows[^1].Name += " (admin)";
                    }

                    foreach (var name in names)
                    {
                        var found = await {|PERF101:users.FindByNameAsync(name)|};
                        var exists = await {|PERF101:roles.RoleExistsAsync(name)|};
                    }

                    return rows;
                }
            }
            """);

        [Fact]
        public Task Reports_a_store_query_per_user_through_a_service_of_the_application() => Verify101.AnalyzerAsync(Identity + """
            public class RoleReader
            {
                private readonly UserManager<IdentityUser> users;
                public RoleReader(UserManager<IdentityUser> users) => this.users = users;
                public Task<IList<string>> RolesOf(IdentityUser user) => users.GetRolesAsync(user);
            }

            public class UsersPage
            {
                public async Task<int> Count(RoleReader reader, List<IdentityUser> page)
                {
                    var admins = 0;
                    foreach (var user in page)
                    {
                        if ((await {|PERF101:reader.RolesOf(user)|}).Contains("admin")) admins++;
                    }

                    return admins;
                }
            }
            """);

        // An interface of the application that the manager implements with its own, inherited methods (DNTIdentity's
        // IApplicationRoleManager on a class deriving from RoleManager<Role>): the claims transformation runs per request.
        private const string RoleManagerInterface = """
            public interface IAppRoleManager
            {
                Task<IdentityRole?> FindByNameAsync(string roleName);
                Task<IList<System.Security.Claims.Claim>> GetClaimsAsync(IdentityRole role);
                bool SupportsRoleClaims { get; }
            }

            """;

        private const string AppRoleManager = """
            public class AppRoleManager : RoleManager<IdentityRole>, IAppRoleManager
            {
                public AppRoleManager(IRoleStore<IdentityRole> store, IEnumerable<IRoleValidator<IdentityRole>> validators, ILookupNormalizer normalizer, IdentityErrorDescriber errors, Microsoft.Extensions.Logging.ILogger<RoleManager<IdentityRole>> logger)
                    : base(store, validators, normalizer, errors, logger) { }
            }

            """;

        [Fact]
        public Task Reports_a_store_query_per_role_through_an_interface_the_manager_implements() => Verify101.AnalyzerAsync(Identity + RoleManagerInterface + AppRoleManager + """
            public class RoleClaims
            {
                public async Task<List<System.Security.Claims.Claim>> For(IAppRoleManager roles, IList<string> names)
                {
                    var claims = new List<System.Security.Claims.Claim>();
                    foreach (var name in names)
                    {
                        var role = await {|#0:roles.FindByNameAsync(name)|};
                        if (role != null)
                        {
                            claims.AddRange(await {|PERF101:roles.GetClaimsAsync(role)|});
                        }
                    }

                    return claims;
                }
            }
            """, expected: Verify101.Diagnostic(PerfAnalyzers.Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("FindByNameAsync", "('FindByNameAsync') on each iteration of the loop over 'name'", ""));

        // ---- Not flagged ----

        // The interface's implementation is the application's override, read as its own code: it answers from a cache.
        [Fact]
        public Task Ignores_a_lookup_through_an_interface_whose_manager_overrides_it() => Verify101.AnalyzerAsync(Identity + RoleManagerInterface + CachedRoleManager + """
            public class AppRoleManager : CachedRoleManager, IAppRoleManager
            {
                public AppRoleManager(IRoleStore<IdentityRole> store, IEnumerable<IRoleValidator<IdentityRole>> validators, ILookupNormalizer normalizer, IdentityErrorDescriber errors, Microsoft.Extensions.Logging.ILogger<RoleManager<IdentityRole>> logger)
                    : base(store, validators, normalizer, errors, logger) { }
            }

            public class RoleClaims
            {
                public async Task<int> Count(IAppRoleManager roles, IList<string> names)
                {
                    var found = 0;
                    foreach (var name in names)
                    {
                        if (await roles.FindByNameAsync(name) != null) found++;
                    }

                    return found;
                }
            }
            """);

        // VirtoCommerce's CustomRoleManager: roles found by name are cached in memory.
        private const string CachedRoleManager = """
            public class CachedRoleManager : RoleManager<IdentityRole>
            {
                private readonly Dictionary<string, IdentityRole?> cache = new();

                public CachedRoleManager(IRoleStore<IdentityRole> store, IEnumerable<IRoleValidator<IdentityRole>> validators, ILookupNormalizer normalizer, IdentityErrorDescriber errors, Microsoft.Extensions.Logging.ILogger<RoleManager<IdentityRole>> logger)
                    : base(store, validators, normalizer, errors, logger) { }

                public override async Task<IdentityRole?> FindByNameAsync(string roleName)
                {
                    if (!cache.TryGetValue(roleName, out var role))
                    {
                        role = await base.FindByNameAsync(roleName);
                        cache[roleName] = role;
                    }

                    return role;
                }
            }

            """;

        [Fact]
        public Task Ignores_a_lookup_that_a_manager_of_the_application_overrides() => Verify101.AnalyzerAsync(Identity + CachedRoleManager + """
            public class UserDetails
            {
                public async Task Load(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, IdentityUser user)
                {
                    foreach (var roleName in await users.GetRolesAsync(user))
                    {
                        var role = await roles.FindByNameAsync(roleName);
                        var exists = await {|PERF101:roles.RoleExistsAsync(roleName)|};
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_store_calls_outside_loops_and_reads_of_the_user_object() => Verify101.AnalyzerAsync(Identity + """
            public class UsersPage
            {
                public async Task<List<string>> List(UserManager<IdentityUser> users, List<IdentityUser> page, string id)
                {
                    var me = await users.FindByIdAsync(id);
                    var roles = await users.GetRolesAsync(me!);
                    var emails = new List<string>();
                    foreach (var user in page)
                    {
                        emails.Add(await users.GetEmailAsync(user) ?? "");
                        if (await users.IsEmailConfirmedAsync(user)) emails.Add("confirmed");
                    }

                    return emails;
                }
            }
            """);

        // Identity has no batch form of its writes: "save once after the loop" is advice nobody could follow.
        [Fact]
        public Task Ignores_identity_writes_per_user() => Verify105.AnalyzerAsync(Identity + """
            public class Lockouts
            {
                public async Task LockAll(UserManager<IdentityUser> users, List<IdentityUser> page)
                {
                    foreach (var user in page)
                    {
                        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                        await users.AddToRoleAsync(user, "locked");
                        await users.UpdateAsync(user);
                    }
                }
            }
            """);
    
        private const string EfStores = """
            namespace Registrations
            {
            using Microsoft.Extensions.DependencyInjection;

            public class AppDb : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<IdentityUser>
            {
            }

            public static class Registration
            {
                public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                    => services.AddIdentity<IdentityUser, IdentityRole>().AddEntityFrameworkStores<AppDb>();
            }
            }

            """;

        private const string UsersPerId = """
            public class Mailer
            {
                public async Task<int> Send(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, List<string> ids)
                {
                    var sent = 0;
                    foreach (var id in ids)
                    {
                        var user = await MARK1users.Users.FirstOrDefaultAsync(u => u.Id == id)MARK2;
                        var role = await MARK1roles.Roles.FirstOrDefaultAsync(r => r.Name == id)MARK2;
                        sent += user != null && role != null ? 1 : 0;
                    }

                    return sent;
                }
            }
            """;

        [Fact]
        public Task Reports_a_user_looked_up_through_Users_per_element_with_the_ef_stores() => Verify101.AnalyzerAsync(Identity + EfStores
            + UsersPerId.Replace("MARK1", "{|PERF101:").Replace("MARK2", "|}"));

        [Fact]
        public Task Ignores_Users_per_element_when_the_ef_stores_are_not_registered() => Verify101.AnalyzerAsync(Identity
            + UsersPerId.Replace("MARK1", "").Replace("MARK2", ""));

        [Fact]
        public Task Reports_listing_Users_synchronously_in_async_code_with_the_ef_stores() => Verify202.AnalyzerAsync(Identity + EfStores + """
            public class Admin
            {
                public async Task<int> Count(UserManager<IdentityUser> users)
                {
                    await Task.Yield();
                    return {|PERF202:users.Users.ToList()|}.Count;
                }
            }
            """);

        [Fact]
        public Task Ignores_listing_Users_synchronously_when_the_ef_stores_are_not_registered() => Verify202.AnalyzerAsync(Identity + """
            public class Admin
            {
                public async Task<int> Count(UserManager<IdentityUser> users)
                {
                    await Task.Yield();
                    return users.Users.ToList().Count;
                }
            }
            """);
        private const string IdentityContextOnly = """
            public class AppDb : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<IdentityUser>
            {
            }

            """;

        [Fact]
        public Task Reports_Users_per_element_when_the_application_declares_an_identity_context() => Verify101.AnalyzerAsync(Identity + IdentityContextOnly
            + UsersPerId.Replace("MARK1", "{|PERF101:").Replace("MARK2", "|}"));

        [Fact]
        public Task Ignores_Users_per_element_next_to_a_context_named_like_identitys_that_is_not() => Verify101.AnalyzerAsync(Identity + """
            public class IdentityDbContext : DbContext { }
            public class AppDb : IdentityDbContext { }

            """ + UsersPerId.Replace("MARK1", "").Replace("MARK2", ""));

        private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> StoreProject =
            new System.Lazy<Microsoft.CodeAnalysis.MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Store", """
                namespace Shop.Store
                {
                    public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser { }
                    public class AppDb : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<AppUser> { }
                }
                """, Frameworks.Web));

        [Fact]
        public Task Reports_Users_per_element_when_another_project_declares_the_identity_context()
        {
            // The notification project reads Users; the stores are registered in the web project, which it cannot see.
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>();
            SnippetTest.Configure(test, Identity + """
                public class Mailer
                {
                    public async Task<int> Send(UserManager<Shop.Store.AppUser> users, List<string> ids)
                    {
                        var sent = 0;
                        foreach (var id in ids)
                        {
                            var user = await {|PERF101:users.Users.FirstOrDefaultAsync(u => u.Id == id)|};
                            sent += user != null ? 1 : 0;
                        }

                        return sent;
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(StoreProject.Value);
            return test.RunAsync();
        }
}
}
