using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer, PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyCodeFix>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "How to fix": a GET that writes (it saves, runs ExecuteUpdate/ExecuteDelete, or awaits a call
    /// named for a write) is offered only "Mark as not cacheable", and Fix All with "Cache" leaves it without a policy: a
    /// cached response would skip the write. The diagnostic itself is unchanged.
    /// </summary>
    public class PERF301StateChangingFixTests
    {
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            public class Subscriber { public Guid Id { get; set; } public bool AllowMail { get; set; } }
            public class MailDb : DbContext { public DbSet<Subscriber> Subscribers => Set<Subscriber>(); }
            public interface IUserService { Task<bool> UnsubscribeAsync(Guid id); Task<Subscriber?> GetAsync(Guid id); }
            public interface IDownloads { Task IncrementDownloadCountAsync(string slug); }

            """;

        private const string WritingGets = Header + """
            [ApiController]
            public class AccountController : ControllerBase
            {
                private readonly MailDb db;
                private readonly IUserService users;
                private readonly IDownloads downloads;
                public AccountController(MailDb db, IUserService users, IDownloads downloads) { this.db = db; this.users = users; this.downloads = downloads; }

                [HttpGet("unsubscribe")]
                public async Task<bool> {|PERF301:Unsubscribe|}(Guid id) => await users.UnsubscribeAsync(id);

                [HttpGet("optout")]
                public async Task<bool> {|PERF301:OptOut|}(Guid id)
                {
                    var subscriber = await db.Subscribers.FirstAsync(s => s.Id == id);
                    subscriber.AllowMail = false;
                    return await db.SaveChangesAsync() > 0;
                }

                [HttpGet("download")]
                public async Task<string> {|PERF301:Download|}(string slug)
                {
                    await downloads.IncrementDownloadCountAsync(slug).ConfigureAwait(false);
                    return "https://files.example/" + slug;
                }
            }
            """;

        [Fact]
        public Task A_GET_that_writes_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(WritingGets, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_writes_is_marked_not_cacheable() => VerifyFix.CodeFixAsync(Header + """
            [ApiController]
            public class AccountController : ControllerBase
            {
                private readonly IUserService users;
                public AccountController(IUserService users) => this.users = users;

                [HttpGet("unsubscribe")]
                public async Task<bool> {|PERF301:Unsubscribe|}(Guid id) => await users.UnsubscribeAsync(id);
            }
            """, Header + """
            [ApiController]
            public class AccountController : ControllerBase
            {
                private readonly IUserService users;
                public AccountController(IUserService users) => this.users = users;

                [HttpGet("unsubscribe")]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public async Task<bool> Unsubscribe(Guid id) => await users.UnsubscribeAsync(id);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey);

        [Fact]
        public Task Fix_All_with_a_cache_policy_caches_the_reads_and_leaves_the_writes() => VerifyWithDiagnosticsLeftAsync(Header + """
            [ApiController]
            public class AccountController : ControllerBase
            {
                private readonly IUserService users;
                public AccountController(IUserService users) => this.users = users;

                [HttpGet("unsubscribe")]
                public async Task<bool> {|PERF301:Unsubscribe|}(Guid id) => await users.UnsubscribeAsync(id);

                [HttpGet("names")]
                public async Task<List<string>> {|PERF301:Names|}(Guid id)
                {
                    var names = new List<string>();
                    var user = await users.GetAsync(id);
                    names.Add(user?.Id.ToString() ?? "");
                    return names;
                }
            }
            """, Header + """
            [ApiController]
            public class AccountController : ControllerBase
            {
                private readonly IUserService users;
                public AccountController(IUserService users) => this.users = users;

                [HttpGet("unsubscribe")]
                public async Task<bool> {|PERF301:Unsubscribe|}(Guid id) => await users.UnsubscribeAsync(id);

                [HttpGet("names")]
                [ResponseCache(Duration = 60)]
                public async Task<List<string>> Names(Guid id)
                {
                    var names = new List<string>();
                    var user = await users.GetAsync(id);
                    names.Add(user?.Id.ToString() ?? "");
                    return names;
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_initiates_a_session_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(Header + """
            // Remotely's remote-control GET: it starts a session and returns its one-time link.
            [ApiController]
            public class RemoteControlController : ControllerBase
            {
                [HttpGet("{deviceId}")]
                public async Task<IActionResult> {|PERF301:Get|}(string deviceId) => await InitiateRemoteControl(deviceId);

                private Task<IActionResult> InitiateRemoteControl(string deviceId) => Task.FromResult<IActionResult>(Ok("https://example/session/" + deviceId));
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_withdraws_a_consent_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(Header + """
            public interface ICookieConsentService { Task<string> WithdrawConsentCookieAsync(); }

            // Oqtane's cookie-consent controller.
            public class CookieConsentController : Controller
            {
                private readonly ICookieConsentService consent;
                public CookieConsentController(ICookieConsentService consent) => this.consent = consent;

                [HttpGet("WithdrawConsentCookie")]
                public async Task<string> {|PERF301:WithdrawConsentCookie|}() => await consent.WithdrawConsentCookieAsync();
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Theory]
        [InlineData("await HttpContext.SignOutAsync();")]
        [InlineData("await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignInAsync(HttpContext, new System.Security.Claims.ClaimsPrincipal());")]
        public Task A_GET_that_signs_the_caller_in_or_out_is_not_offered_a_cache_policy(string signing) => VerifyFix.NoCodeFixAsync((Header + $$"""
            // WalkingTec.Mvvm's GET logout.
            [ApiController]
            public class SessionController : ControllerBase
            {
                [HttpGet("logout")]
                public async Task<string> {|PERF301:Logout|}()
                {
                    {{signing}}
                    return "/";
                }
            }
            """).Replace("using Microsoft.AspNetCore.Mvc;", "using Microsoft.AspNetCore.Mvc;\nusing Microsoft.AspNetCore.Authentication;"), PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // BTCPay Server's LNURL endpoints: the GET returns what a helper of the controller builds, and the helper creates
        // an invoice; a cached answer would hand every payer the same invoice.
        private const string LnurlHeader = Header + """
            public record Invoice(string Id);
            public interface IInvoices { Task<Invoice> CreateInvoiceCoreRaw(string storeId, decimal amount); Task<Invoice?> FindAsync(string id); }

            """;

        [Fact]
        public Task A_GET_whose_helper_creates_what_it_returns_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(LnurlHeader + """
            [ApiController]
            public class LnurlController : ControllerBase
            {
                private readonly IInvoices invoices;
                public LnurlController(IInvoices invoices) => this.invoices = invoices;

                [HttpGet("pay/app/{appId}")]
                public async Task<IActionResult> {|PERF301:GetLnurlForApp|}(string appId)
                {
                    if (appId.Length == 0)
                    {
                        return NotFound();
                    }

                    return await GetLnurlRequest(appId, 10m);
                }

                [NonAction]
                public async Task<IActionResult> GetLnurlRequest(string storeId, decimal amount)
                {
                    var invoice = await BuildInvoice(storeId, amount);
                    return Ok(new { callback = "https://example/pay/" + invoice.Id });
                }

                private async Task<Invoice> BuildInvoice(string storeId, decimal amount) => await invoices.CreateInvoiceCoreRaw(storeId, amount);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A packaging data gateway's file download: the controller awaits a download service through its interface, and the
        // service records a download event; a cached answer would skip the record.
        private const string DownloadHeader = Header + """
            public record Download(byte[] Bytes, bool Clean);
            public interface ISubmissions { Task CreateFileDownloadCheckEventAsync(Guid fileId); Task<string> GetBlobNameAsync(Guid fileId); }
            public interface IFileDownloads { Task<Download> DownloadFileAsync(Guid fileId); }

            public class FileDownloads(ISubmissions submissions) : IFileDownloads
            {
                public async Task<Download> DownloadFileAsync(Guid fileId)
                {
                    var name = await submissions.GetBlobNameAsync(fileId);
                    await submissions.CreateFileDownloadCheckEventAsync(fileId);
                    return new Download(new byte[] { (byte)name.Length }, true);
                }
            }

            public interface IFileNames { Task<string> NameAsync(Guid fileId); }

            public class FileNames(ISubmissions submissions) : IFileNames
            {
                public Task<string> NameAsync(Guid fileId) => submissions.GetBlobNameAsync(fileId);
            }

            """;

        [Fact]
        public Task A_GET_awaiting_an_interface_whose_implementation_writes_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(DownloadHeader + """
            [ApiController]
            public class FileDownloadController(IFileDownloads downloads) : ControllerBase
            {
                [HttpGet("file-download")]
                public async Task<IActionResult> {|PERF301:Get|}(Guid fileId)
                {
                    var file = await downloads.DownloadFileAsync(fileId);
                    return file.Clean ? File(file.Bytes, "text/csv") : StatusCode(403);
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_awaiting_an_interface_whose_implementation_reads_is_still_offered_a_cache_policy() => VerifyFix.CodeFixAsync(DownloadHeader + """
            [ApiController]
            public class FileNameController(IFileNames names) : ControllerBase
            {
                [HttpGet("file-name")]
                public async Task<string> {|PERF301:Get|}(Guid fileId) => await names.NameAsync(fileId);
            }
            """, DownloadHeader + """
            [ApiController]
            public class FileNameController(IFileNames names) : ControllerBase
            {
                [HttpGet("file-name")]
                [ResponseCache(Duration = 60)]
                public async Task<string> Get(Guid fileId) => await names.NameAsync(fileId);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_whose_helper_only_reads_is_still_offered_a_cache_policy() => VerifyFix.CodeFixAsync(LnurlHeader + """
            [ApiController]
            public class LnurlController : ControllerBase
            {
                private readonly IInvoices invoices;
                public LnurlController(IInvoices invoices) => this.invoices = invoices;

                [HttpGet("invoice/{id}")]
                public async Task<IActionResult> {|PERF301:GetInvoice|}(string id) => await Describe(id);

                private async Task<IActionResult> Describe(string id)
                {
                    var invoice = await invoices.FindAsync(id);
                    return invoice is null ? NotFound() : Ok(invoice.Id);
                }
            }
            """, LnurlHeader + """
            [ApiController]
            public class LnurlController : ControllerBase
            {
                private readonly IInvoices invoices;
                public LnurlController(IInvoices invoices) => this.invoices = invoices;

                [HttpGet("invoice/{id}")]
                [ResponseCache(Duration = 60)]
                public async Task<IActionResult> GetInvoice(string id) => await Describe(id);

                private async Task<IActionResult> Describe(string id)
                {
                    var invoice = await invoices.FindAsync(id);
                    return invoice is null ? NotFound() : Ok(invoice.Id);
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_sends_a_query_through_a_mediator_is_still_offered_a_cache_policy() => VerifyFix.CodeFixAsync(Header + """
            public interface ISender { Task<List<string>> Send(string query); }

            [ApiController]
            public class NamesController : ControllerBase
            {
                private readonly ISender sender;
                public NamesController(ISender sender) => this.sender = sender;

                [HttpGet("names")]
                public async Task<List<string>> {|PERF301:Names|}() => await sender.Send("all-names");
            }
            """, Header + """
            public interface ISender { Task<List<string>> Send(string query); }

            [ApiController]
            public class NamesController : ControllerBase
            {
                private readonly ISender sender;
                public NamesController(ISender sender) => this.sender = sender;

                [HttpGet("names")]
                [ResponseCache(Duration = 60)]
                public async Task<List<string>> Names() => await sender.Send("all-names");
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Theory]
        [InlineData("var challenge = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));")]
        [InlineData("var challenge = Guid.NewGuid().ToString();")]
        [InlineData("var challenge = Random.Shared.Next().ToString();")]
        public Task A_GET_that_answers_with_a_fresh_random_value_is_not_offered_a_cache_policy(string generation) => VerifyFix.NoCodeFixAsync(Header + $$"""
            // GZCTF's proof-of-work captcha: every caller must get a challenge of its own.
            public interface IChallengeStore { Task SetAsync(string key, string value); }

            [ApiController]
            public class CaptchaController : ControllerBase
            {
                private readonly IChallengeStore store;
                public CaptchaController(IChallengeStore store) => this.store = store;

                [HttpGet("challenge")]
                public async Task<string> {|PERF301:Challenge|}()
                {
                    {{generation}}
                    await store.SetAsync("pow:" + challenge, challenge);
                    return challenge;
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A packaging facade: the GET runs the back end's get-or-create; a memory cache's GetOrCreateAsync only fills a cache.
        [Fact]
        public Task A_GET_that_gets_or_creates_through_a_service_of_the_application_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(Header + """
            public interface IAccreditations { Task<Guid> GetOrCreateAccreditation(Guid organisationId, int materialId); }

            [ApiController]
            public class AccreditationController(IAccreditations service) : ControllerBase
            {
                [HttpGet("{organisationId}/{materialId}")]
                public async Task<IActionResult> {|PERF301:Get|}(Guid organisationId, int materialId)
                    => Ok(await service.GetOrCreateAccreditation(organisationId, materialId));
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_reads_through_a_memory_cache_is_still_offered_a_cache_policy() => VerifyFix.CodeFixAsync(Header + """
            [ApiController]
            public class CountriesController(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : ControllerBase
            {
                [HttpGet("countries")]
                public async Task<string[]?> {|PERF301:Get|}()
                    => await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, "countries", _ => Task.FromResult(new[] { "UK" }));
            }
            """, Header + """
            [ApiController]
            public class CountriesController(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : ControllerBase
            {
                [HttpGet("countries")]
                [ResponseCache(Duration = 60)]
                public async Task<string[]?> Get()
                    => await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, "countries", _ => Task.FromResult(new[] { "UK" }));
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A permit service's test-data generator: the GET answers with a key a helper of the controller draws.
        [Fact]
        public Task A_GET_whose_own_helper_draws_a_random_value_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(Header + """
            [ApiController]
            public class TestDataController : ControllerBase
            {
                [HttpGet("product-key")]
                public IActionResult {|PERF301:GenerateProductKey|}()
                {
                    var dataKey = CreateRandomHex32String();
                    return new JsonResult(new { key = dataKey });
                }

                [HttpGet("user-permit")]
                public IActionResult {|PERF301:GenerateUserPermit|}() => new JsonResult(CreateUserPermit());

                private string CreateUserPermit() => "UPN" + CreateRandomHex32String();

                private static string CreateRandomHex32String()
                {
                    var bytes = new byte[16];
                    System.Security.Cryptography.RandomNumberGenerator.Create().GetBytes(bytes);
                    return Convert.ToHexString(bytes);
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        // A helper that formats what the GET reads draws nothing: the cache fix stays.
        [Fact]
        public Task A_GET_whose_own_helper_only_formats_is_still_offered_a_cache_policy() => VerifyFix.CodeFixAsync(Header + """
            [ApiController]
            public class TestDataController : ControllerBase
            {
                [HttpGet("hex/{value}")]
                public IActionResult {|PERF301:Hex|}(int value) => new JsonResult(Format(value));

                private static string Format(int value) => value.ToString("X8");
            }
            """, Header + """
            [ApiController]
            public class TestDataController : ControllerBase
            {
                [HttpGet("hex/{value}")]
                [ResponseCache(Duration = 60)]
                public IActionResult Hex(int value) => new JsonResult(Format(value));

                private static string Format(int value) => value.ToString("X8");
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_answers_with_a_fresh_random_value_is_marked_not_cacheable() => VerifyFix.CodeFixAsync(Header + """
            [ApiController]
            public class NonceController : ControllerBase
            {
                [HttpGet("nonce")]
                public string {|PERF301:Nonce|}() => Guid.NewGuid().ToString("N");
            }
            """, Header + """
            [ApiController]
            public class NonceController : ControllerBase
            {
                [HttpGet("nonce")]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public string Nonce() => Guid.NewGuid().ToString("N");
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.NoStoreKey);

        [Fact]
        public Task A_GET_that_parses_a_guid_is_still_offered_a_cache_policy() => VerifyFix.CodeFixAsync(Header + """
            [ApiController]
            public class ItemsController : ControllerBase
            {
                [HttpGet("item")]
                public string {|PERF301:Item|}(string id) => Guid.Parse(id).ToString("N");
            }
            """, Header + """
            [ApiController]
            public class ItemsController : ControllerBase
            {
                [HttpGet("item")]
                [ResponseCache(Duration = 60)]
                public string Item(string id) => Guid.Parse(id).ToString("N");
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        private const string UseCaseHeader = Header + """
            public class ProjectOverview { public string Name { get; set; } = ""; }
            public interface IGetProjectOverviewService { Task<ProjectOverview> Execute(string projectId); }
            public interface IUpdateProjectService { Task<ProjectOverview> Execute(string projectId); }
            public class SearchProjectsService(MailDb db)
            {
                public async Task<int> Execute(string term) { await db.SaveChangesAsync(); return 0; }
            }

            """;

        // A free-schools project service: each GET runs a use case named for what it reads.
        [Fact]
        public Task A_GET_that_runs_a_use_case_named_for_a_read_is_offered_a_cache_policy() => VerifyFix.CodeFixAsync(UseCaseHeader + """
            [ApiController]
            public class ProjectOverviewController(IGetProjectOverviewService getProjectOverviewService) : ControllerBase
            {
                [HttpGet("overview")]
                public async Task<ProjectOverview> {|PERF301:GetProjectOverview|}(string projectId) => await getProjectOverviewService.Execute(projectId);
            }
            """, UseCaseHeader + """
            [ApiController]
            public class ProjectOverviewController(IGetProjectOverviewService getProjectOverviewService) : ControllerBase
            {
                [HttpGet("overview")]
                [ResponseCache(Duration = 60)]
                public async Task<ProjectOverview> GetProjectOverview(string projectId) => await getProjectOverviewService.Execute(projectId);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_runs_a_use_case_named_for_a_write_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(UseCaseHeader + """
            [ApiController]
            public class ProjectController(IUpdateProjectService updateProjectService) : ControllerBase
            {
                [HttpGet("touch")]
                public async Task<ProjectOverview> {|PERF301:Touch|}(string projectId) => await updateProjectService.Execute(projectId);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_GET_that_runs_a_use_case_named_for_a_read_that_saves_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(UseCaseHeader + """
            [ApiController]
            public class SearchController(SearchProjectsService searchProjectsService) : ControllerBase
            {
                [HttpGet("search")]
                public async Task<int> {|PERF301:Search|}(string term) => await searchProjectsService.Execute(term);
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        private const string SettingsHeader = """
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            public class Settings { public string Token { get; set; } = ""; }
            public class SettingsProvider { public void Update(Action<Settings> change) { } public Settings Current { get; } = new Settings(); }
            public class Links : List<string> { public void AddLink(string rel) => Add(rel); }
            public class ProductDto { public List<string> Links { get; } = new List<string>(); public void AddLink(string rel) => Links.Add(rel); }

            """;

        [Fact]
        public Task A_minimal_GET_that_updates_a_service_it_is_given_without_awaiting_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(SettingsHeader + """
            public static class HqEndpoints
            {
                // LANCommander's HQ callback stores the token it is sent.
                public static void Map(WebApplication app) => app.{|PERF301:MapGet|}("/callback", (string token, [FromServices] SettingsProvider settingsProvider) =>
                {
                    settingsProvider.Update(s => s.Token = token);
                    return "connected";
                });
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task An_action_that_updates_a_service_field_without_awaiting_is_not_offered_a_cache_policy() => VerifyFix.NoCodeFixAsync(SettingsHeader + """
            [ApiController]
            public class HqController : ControllerBase
            {
                private readonly SettingsProvider settings;
                public HqController(SettingsProvider settings) => this.settings = settings;

                [HttpGet("callback")]
                public string {|PERF301:Callback|}(string token)
                {
                    settings.Update(s => s.Token = token);
                    return "connected";
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_write_named_call_on_a_value_the_action_built_does_not_make_it_a_write() => VerifyFix.CodeFixAsync(SettingsHeader + """
            [ApiController]
            public class ProductsController : ControllerBase
            {
                [HttpGet("product")]
                public ProductDto {|PERF301:Get|}()
                {
                    var dto = new ProductDto();
                    dto.AddLink("self");
                    return dto;
                }
            }
            """, SettingsHeader + """
            [ApiController]
            public class ProductsController : ControllerBase
            {
                [HttpGet("product")]
                [ResponseCache(Duration = 60)]
                public ProductDto Get()
                {
                    var dto = new ProductDto();
                    dto.AddLink("self");
                    return dto;
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        [Fact]
        public Task A_write_named_call_on_a_collection_the_class_holds_does_not_make_it_a_write() => VerifyFix.CodeFixAsync(SettingsHeader + """
            [ApiController]
            public class LinksController : ControllerBase
            {
                private readonly Links links = new Links();

                [HttpGet("links")]
                public int {|PERF301:Count|}()
                {
                    links.AddLink("self");
                    return links.Count;
                }
            }
            """, SettingsHeader + """
            [ApiController]
            public class LinksController : ControllerBase
            {
                private readonly Links links = new Links();

                [HttpGet("links")]
                [ResponseCache(Duration = 60)]
                public int Count()
                {
                    links.AddLink("self");
                    return links.Count;
                }
            }
            """, PERF301GetWithoutCachingPolicyCodeFix.CacheKey);

        /// <summary>The fix with the key, one diagnostic at a time and through Fix All; the fixed code's markup names the diagnostics left.</summary>
        // ---- A GET whose route an action of its controller changes (kgrzybek's CQRS sample) ----

        private const string OrdersHeader = """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            public record Order(int Id, string Name);

            """;

        [Fact]
        public Task A_GET_whose_route_a_PUT_changes_is_offered_not_caching_first() => VerifyFix.CodeFixAsync(OrdersHeader + """
            [ApiController]
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet("{id}")]
                public Order {|PERF301:Get|}(int id) => new Order(id, "a");

                [HttpPut("{id}")]
                public IActionResult Update(int id, Order order) => NoContent();
            }
            """, OrdersHeader + """
            [ApiController]
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet("{id}")]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public Order Get(int id) => new Order(id, "a");

                [HttpPut("{id}")]
                public IActionResult Update(int id, Order order) => NoContent();
            }
            """);

        [Fact]
        public Task A_GET_whose_route_another_action_changes_through_its_Route_attribute_is_offered_not_caching_first() => VerifyFix.CodeFixAsync(OrdersHeader + """
            [Route("api/customers")]
            public class CustomerOrdersController : ControllerBase
            {
                [Route("{customerId}/orders")]
                [HttpGet]
                public List<Order> {|PERF301:GetCustomerOrders|}(int customerId) => new List<Order>();

                [Route("{customerId}/orders")]
                [HttpPost]
                public IActionResult AddCustomerOrder(int customerId, Order order) => Created(string.Empty, null);
            }
            """, OrdersHeader + """
            [Route("api/customers")]
            public class CustomerOrdersController : ControllerBase
            {
                [Route("{customerId}/orders")]
                [HttpGet]
                [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
                public List<Order> GetCustomerOrders(int customerId) => new List<Order>();

                [Route("{customerId}/orders")]
                [HttpPost]
                public IActionResult AddCustomerOrder(int customerId, Order order) => Created(string.Empty, null);
            }
            """);

        [Fact]
        public Task A_GET_whose_route_no_action_changes_is_offered_caching_first() => VerifyFix.CodeFixAsync(OrdersHeader + """
            [ApiController]
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet("{id}")]
                public Order {|PERF301:Get|}(int id) => new Order(id, "a");

                [HttpPut("{id}/name")]
                public IActionResult Rename(int id, string name) => NoContent();
            }
            """, OrdersHeader + """
            [ApiController]
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet("{id}")]
                [ResponseCache(Duration = 60)]
                public Order Get(int id) => new Order(id, "a");

                [HttpPut("{id}/name")]
                public IActionResult Rename(int id, string name) => NoContent();
            }
            """);

        [Fact]
        public Task Fix_All_with_a_cache_policy_leaves_a_GET_whose_route_a_PUT_changes()
        {
            var test = new CSharpCodeFixTest<PERF301GetWithoutCachingPolicyAnalyzer, PERF301GetWithoutCachingPolicyCodeFix, DefaultVerifier>
            {
                CodeActionEquivalenceKey = PERF301GetWithoutCachingPolicyCodeFix.CacheKey,
            };
            SnippetTest.Configure(test, OrdersHeader + """
                [ApiController]
                [Route("api/orders")]
                public class OrdersController : ControllerBase
                {
                    [HttpGet("{id}")]
                    public Order {|PERF301:Get|}(int id) => new Order(id, "a");

                    [HttpGet("names")]
                    public List<string> {|PERF301:Names|}() => new List<string>();

                    [HttpDelete("{id}")]
                    public IActionResult Delete(int id) => NoContent();
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);

            // Chosen for one diagnostic at a time, "Cache" is still there for the GET of an order, second in the list.
            test.FixedState.Sources.Add(OrdersHeader + """
                [ApiController]
                [Route("api/orders")]
                public class OrdersController : ControllerBase
                {
                    [HttpGet("{id}")]
                    [ResponseCache(Duration = 60)]
                    public Order Get(int id) => new Order(id, "a");

                    [HttpGet("names")]
                    [ResponseCache(Duration = 60)]
                    public List<string> Names() => new List<string>();

                    [HttpDelete("{id}")]
                    public IActionResult Delete(int id) => NoContent();
                }
                """);

            // Fix All leaves it without a policy.
            test.BatchFixedState.Sources.Add(OrdersHeader + """
                [ApiController]
                [Route("api/orders")]
                public class OrdersController : ControllerBase
                {
                    [HttpGet("{id}")]
                    public Order {|PERF301:Get|}(int id) => new Order(id, "a");

                    [HttpGet("names")]
                    [ResponseCache(Duration = 60)]
                    public List<string> Names() => new List<string>();

                    [HttpDelete("{id}")]
                    public IActionResult Delete(int id) => NoContent();
                }
                """);
            test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
            test.NumberOfIncrementalIterations = 2;
            test.NumberOfFixAllIterations = -2;
            return test.RunAsync(CancellationToken.None);
        }

        private static Task VerifyWithDiagnosticsLeftAsync(string source, string fixedSource, string equivalenceKey)
        {
            var test = new CSharpCodeFixTest<PERF301GetWithoutCachingPolicyAnalyzer, PERF301GetWithoutCachingPolicyCodeFix, DefaultVerifier>
            {
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
            };
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
            return test.RunAsync(CancellationToken.None);
        }
    }
}
