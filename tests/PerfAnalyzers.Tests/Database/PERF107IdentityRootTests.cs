using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF107TrackingQueryInReadOnlyHandlerAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// docs/rules/PERF107.md, "The query returns entities": Identity's <c>UserManager.Users</c> and <c>RoleManager.Roles</c>
    /// over its EF Core store are the store's sets of users and roles (found in DevBetterWeb's admin pages).
    /// </summary>
    public class PERF107IdentityRootTests
    {
        private const string Identity = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.EntityFrameworkCore;

            public class AppDb : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<IdentityUser>
            {
                public AppDb(DbContextOptions<AppDb> options) : base(options) { }
            }

            """;

        private const string Key = PerfAnalyzers.CodeFixes.Database.PERF107TrackingQueryInReadOnlyHandlerCodeFix.EquivalenceKey;

        [Fact]
        public Task Reports_the_roles_listed_by_a_page_handler() => VerifyCS.AnalyzerAsync(Identity + """
            public class RolesModel(RoleManager<IdentityRole> roleManager) : PageModel
            {
                public List<IdentityRole> Roles { get; private set; } = new();

                public async Task OnGetAsync() => Roles = await roleManager.Roles.OrderBy(r => r.Name).{|PERF107:ToListAsync()|};
            }
            """);

        // Ombi's claims list: the roles' names, read in a loop (a string holds no entity).
        [Fact]
        public Task Reports_roles_whose_names_the_handler_loops_over() => VerifyCS.AnalyzerAsync(Identity + """
            public class IdentityController : Controller
            {
                public IdentityController(RoleManager<IdentityRole> rm) => RoleManager = rm;
                private RoleManager<IdentityRole> RoleManager { get; }

                [HttpGet("claims")]
                public async Task<IEnumerable<string>> GetAllClaims()
                {
                    var claims = new List<string>();
                    var allRoles = await RoleManager.Roles.{|PERF107:ToListAsync()|};
                    var missing = allRoles.Select(x => x.Name);
                    foreach (var role in missing)
                    {
                        claims.Add(role);
                    }

                    return claims;
                }
            }
            """);

        [Fact]
        public Task Does_not_report_roles_the_loop_hands_to_a_method_of_the_application() => VerifyCS.AnalyzerAsync(Identity + """
            public class IdentityController(RoleManager<IdentityRole> roleManager) : Controller
            {
                [HttpGet("claims")]
                public async Task<IEnumerable<string>> GetAllClaims()
                {
                    var claims = new List<string>();
                    var allRoles = await roleManager.Roles.ToListAsync();
                    foreach (var role in allRoles.Where(r => r.Name != null))
                    {
                        claims.Add(Describe(role));
                    }

                    return claims;
                }

                private static string Describe(IdentityRole role) => role.Name + "";
            }
            """);

        [Fact]
        public Task Reports_the_users_listed_by_an_action() => VerifyCS.AnalyzerAsync(Identity + """
            public class UsersController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Index() => View(await userManager.Users.Where(u => u.EmailConfirmed).{|PERF107:ToListAsync()|});
            }
            """);

        [Fact]
        public Task Fix_inserts_AsNoTracking_after_the_users() => VerifyFix.CodeFixAsync(Identity + """
            public class UsersController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Index() => View(await userManager.Users.Where(u => u.EmailConfirmed).{|PERF107:ToListAsync()|});
            }
            """, Identity + """
            public class UsersController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Index() => View(await userManager.Users.AsNoTracking().Where(u => u.EmailConfirmed).ToListAsync());
            }
            """, Key);

        [Fact]
        public Task Does_not_report_users_the_handler_updates() => VerifyCS.AnalyzerAsync(Identity + """
            public class UsersController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> ConfirmAll()
                {
                    foreach (var user in await userManager.Users.Where(u => !u.EmailConfirmed).ToListAsync())
                    {
                        user.EmailConfirmed = true;
                        await userManager.UpdateAsync(user);
                    }

                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Does_not_report_roles_read_by_a_handler_that_registers_a_user() => VerifyCS.AnalyzerAsync(Identity + """
            public class RegisterModel(UserManager<IdentityUser> userManager, RoleManager<IdentityRole> roleManager) : PageModel
            {
                public async Task<IActionResult> OnPostAsync(string email)
                {
                    var user = new IdentityUser { UserName = email, Email = email };
                    await userManager.CreateAsync(user);
                    var roles = await roleManager.Roles.ToListAsync();
                    var member = roles.FirstOrDefault(r => r.Name == "Member");
                    return member == null ? Page() : RedirectToPage("/Index");
                }
            }
            """);

        [Fact]
        public Task Does_not_report_users_of_a_store_that_is_not_EF_Core() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class UsersController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpGet]
                public IActionResult Index() => View(userManager.Users.Where(u => u.EmailConfirmed).ToList());
            }
            """);

        [Fact]
        public Task Does_not_report_a_projection_of_the_users() => VerifyCS.AnalyzerAsync(Identity + """
            public class UsersController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Emails() => Ok(await userManager.Users.Select(u => u.Email).ToListAsync());
            }
            """);
    }
}
