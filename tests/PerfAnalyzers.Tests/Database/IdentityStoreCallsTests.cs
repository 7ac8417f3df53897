using System.Threading.Tasks;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using Verify101 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using Verify105 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;

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

        // ---- Not flagged ----

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
    }
}
