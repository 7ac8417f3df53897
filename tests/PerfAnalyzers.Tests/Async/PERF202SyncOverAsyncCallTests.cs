using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Async;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    public class PERF202SyncOverAsyncCallTests
    {
        internal const string Model = """
            using System;
            using System.Collections.Generic;
            using System.Data.Common;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Data.Sqlite;
            using Microsoft.EntityFrameworkCore;

            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public List<Post> Posts { get; set; } = new(); }
            public class Post { public int Id { get; set; } public int BlogId { get; set; } }
            public class BlogDb : DbContext
            {
                public BlogDb(DbContextOptions<BlogDb> options) : base(options) { }
                public DbSet<Blog> Blogs => Set<Blog>();
            }

            """;

        // ---- code that does not bind ----

        // A probation case-tracking service of the seventy-sixth real-world set, compiled without a package it uses: a
        // clause of the query expression does not bind, so the compiler converts the later clauses' lambdas to nothing.
        // Whether the subquery in them is an expression tree is unknown; it is not read as running in the method.
        [Fact]
        public Task Ignores_a_subquery_in_a_query_clause_after_one_that_does_not_bind() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogReport(BlogDb db)
            {
                public async Task<int> Count()
                {
                    var query =
                        from b in db.Blogs
                        let owner = {|CS0103:missing|}
                        let last = db.Blogs.Where(x => x.Id < b.Id).OrderBy(x => x.Id).FirstOrDefault()
                        select new { b.Id, last };
                    return (await query.ToListAsync()).Count;
                }
            }
            """);

        // A lambda written out and passed to a call that does not bind (an in-memory Select whose initializer calls a
        // package's method the project cannot see, in a comic server's statistics) is almost always a delegate: its
        // synchronous query still runs here.
        [Fact]
        public Task Reports_a_query_in_a_written_lambda_passed_to_a_call_that_does_not_bind() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogStatistics(BlogDb db)
            {
                public async Task<int> Busiest()
                {
                    await Task.Yield();
                    var counts = db.Blogs.AsEnumerable()
                        .Select(b => new { b.Id, Count = {|PERF202:db.Blogs.Count(x => x.Id == b.Id)|}, Dto = {|CS0103:Mapper|}.Map(b) });
                    return counts.Count();
                }
            }
            """);

        // A lambda converted to a delegate runs here, whatever else in the method does not bind.
        [Fact]
        public Task Reports_a_query_in_a_delegate_lambda_beside_code_that_does_not_bind() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogReport(BlogDb db)
            {
                public async Task<int> Count(List<int> ids)
                {
                    await Task.Yield();
                    var found = ids.Select(id => {|PERF202:db.Blogs.FirstOrDefault(b => b.Id == id)|}).ToList();
                    return found.Count + {|CS0103:missing|};
                }
            }
            """);

        // ---- flagged ----

        // Queryable.Contains(source, item): ContainsAsync declares TSource where the call has the item's type.
        [Fact]
        public Task Reports_contains_on_a_query_in_async_code() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogChecks(BlogDb db)
            {
                public async Task<bool> Exists(int id)
                {
                    await Task.Yield();
                    return {|PERF202:db.Blogs.Select(b => b.Id).Contains(id)|};
                }

                public async Task<bool> Known(Blog blog)
                {
                    await Task.Yield();
                    return {|PERF202:db.Blogs.Contains(blog)|};
                }
            }
            """);

        // A synchronous lambda of an in-memory operator runs inside the async method (found in a sync job of the
        // forty-fourth real-world set: existing ids read as a query once per model).
        [Fact]
        public Task Reports_contains_on_a_query_local_in_a_lambda_of_an_async_method() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogSync(BlogDb db)
            {
                public async Task Save(List<Blog> blogs)
                {
                    var existingIds = db.Blogs.Select(b => b.Id);
                    db.UpdateRange(blogs.Where(b => {|PERF202:existingIds.Contains(b.Id)|}));
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_ef_to_list_in_async_action_naming_to_list_async() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                public async Task<List<Blog>> Get()
                {
                    await Task.Yield();
                    return {|PERF202:db.Blogs.Where(b => b.Id > 0).ToList()|};
                }
            }
            """);

        [Fact]
        public Task Reports_ef_first_count_and_any_in_sync_action() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                private readonly BlogDb db;
                public BlogsController(BlogDb db) => this.db = db;

                public IActionResult Get(int id)
                {
                    var blog = {|PERF202:db.Blogs.First(b => b.Id == id)|};
                    var count = {|PERF202:db.Blogs.Count()|};
                    var any = {|PERF202:db.Blogs.Any(b => b.Name == "x")|};
                    return Ok(new { blog, count, any });
                }
            }
            """);

        [Fact]
        public Task Message_names_the_async_method()
        {
            var test = new CSharpAnalyzerTest<PERF202SyncOverAsyncCallAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Model + """
                public class BlogsController : ControllerBase
                {
                    public int Get([FromServices] BlogDb db) => {|#0:db.SaveChanges()|} + {|#1:db.Blogs.ToArray()|}.Length;
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF202SyncOverAsyncCall).WithLocation(0).WithArguments("SaveChanges", "SaveChangesAsync", "", ""));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF202SyncOverAsyncCall).WithLocation(1).WithArguments("ToArray", "ToArrayAsync", "", ""));
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_save_changes_and_find_in_minimal_api_handler() => VerifyCS.AnalyzerAsync(Model + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/blogs/{id}", (int id, BlogDb db) =>
                    {
                        var blog = {|PERF202:db.Blogs.Find(id)|};
                        {|PERF202:db.SaveChanges()|};
                        return blog;
                    });
                }
            }
            """);

        [Fact]
        public Task Reports_explicit_load_and_query_load() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogService
            {
                public async Task LoadAsync(BlogDb db, Blog blog)
                {
                    {|PERF202:db.Entry(blog).Collection(b => b.Posts).Load()|};
                    {|PERF202:db.Blogs.Where(b => b.Id > 1).Load()|};
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_stream_reader_writer_and_file_io() => VerifyCS.AnalyzerAsync(Model + """
            public class Files
            {
                public async Task<string> CopyAsync(Stream input, Stream output, TextWriter log)
                {
                    var buffer = new byte[16];
                    var read = {|PERF202:input.Read(buffer.AsSpan())|};
                    {|PERF202:output.Write(buffer, 0, read)|};
                    {|PERF202:output.Flush()|};
                    using var reader = new StreamReader(input);
                    var text = {|PERF202:reader.ReadToEnd()|};
                    {|PERF202:log.WriteLine(text)|};
                    var config = {|PERF202:File.ReadAllText("appsettings.json")|};
                    await Task.Yield();
                    return text + config;
                }
            }
            """);

        [Fact]
        public Task Reports_http_client_send_db_connection_and_semaphore() => VerifyCS.AnalyzerAsync(Model + """
            public class Gateway
            {
                private readonly SemaphoreSlim gate = new(1);

                public async Task<int> CallAsync(HttpClient client, DbConnection connection)
                {
                    {|PERF202:gate.Wait()|};
                    using var response = {|PERF202:client.Send(new HttpRequestMessage(HttpMethod.Get, "http://localhost/"))|};
                    {|PERF202:connection.Open()|};
                    using var command = connection.CreateCommand();
                    using var reader = {|PERF202:command.ExecuteReader()|};
                    {|PERF202:reader.Read()|};
                    await Task.Yield();
                    return 1;
                }
            }
            """);

        [Fact]
        public Task Reports_user_type_with_matching_async_method_and_extension_class() => VerifyCS.AnalyzerAsync(Model + """
            public class Inventory
            {
                public int Get(string sku) => 1;
                public Task<int> GetAsync(string sku, CancellationToken token = default) => Task.FromResult(1);
            }

            public static class InventoryExtensions
            {
                public static void Reserve(this Inventory inventory, int count) { }
                public static Task ReserveAsync(this Inventory inventory, int count) => Task.CompletedTask;
            }

            public class Checkout
            {
                public async Task RunAsync(Inventory inventory)
                {
                    var stock = {|PERF202:inventory.Get("a")|};
                    {|PERF202:inventory.Reserve(stock)|};
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_counterpart_declared_on_a_base_class_or_an_extended_interface() => VerifyCS.AnalyzerAsync(Model + """
            public class StoreBase
            {
                public int Load(string key) => 1;
                public Task<int> LoadAsync(string key) => Task.FromResult(1);
            }

            public class ProductStore : StoreBase { }

            public interface IAsyncReader { Task<string> ReadAsync(int id); }
            public interface IProductReader : IAsyncReader { string Read(int id); }

            public class Checkout
            {
                public async Task RunAsync(ProductStore store, IProductReader reader)
                {
                    var stock = {|PERF202:store.Load("a")|};
                    var name = {|PERF202:reader.Read(stock)|};
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Reports_a_counterpart_of_your_own_that_does_the_work() => VerifyCS.AnalyzerAsync(Model + """
            public class FileStore
            {
                public bool Exists(string path) => System.IO.File.Exists(path);
                public async Task<bool> ExistsAsync(string path) { await Task.Yield(); return System.IO.File.Exists(path); }
                public Task<string> GetAsync(string path) => System.IO.File.ReadAllTextAsync(path);
                public string Get(string path) => System.IO.File.ReadAllText(path);

                public async Task<string> ReadAsync(string path)
                {
                    await Task.Yield();
                    return {|PERF202:Exists(path)|} ? {|PERF202:Get(path)|} : "";
                }
            }
            """);

        [Fact]
        public Task Ignores_a_counterpart_of_your_own_that_only_throws() => VerifyCS.AnalyzerAsync(Model + """
            public class FileStore
            {
                public bool Exists(string path) => System.IO.File.Exists(path);
                public Task<bool> ExistsAsync(string slug) => throw new NotImplementedException();
                public string Get(string path) => System.IO.File.ReadAllText(path);
                public Task<string> GetAsync(string path)
                {
                    throw new NotSupportedException("not in this store");
                }

                public async Task<string> ReadAsync(string path)
                {
                    await Task.Yield();
                    return Exists(path) ? Get(path) : "";
                }
            }
            """);

        // An interface whose async members default to wrapping the synchronous ones (docs/rules/PERF202.md).
        private const string FileContract = """
            public interface IFile
            {
                Stream OpenWrite();
                Task<Stream> OpenWriteAsync() => Task.FromResult(OpenWrite());
                void MoveTo(string path);
                Task MoveToAsync(string path)
                {
                    MoveTo(path);
                    return Task.CompletedTask;
                }

                int GetSize();
                ValueTask<int> GetSizeAsync() => new ValueTask<int>(this.GetSize());
                string ReadAll();
                Task<string> ReadAllAsync() => Task.Run(() => ReadAll());
            }

            public class LocalFile : IFile
            {
                public Stream OpenWrite() => File.OpenWrite("a");
                public void MoveTo(string path) => File.Move("a", path);
                public int GetSize() => (int)new FileInfo("a").Length;
                public string ReadAll() => File.ReadAllText("a");
            }

            """;

        [Fact]
        public Task Ignores_a_default_async_member_that_only_wraps_the_sync_call_when_no_class_replaces_it() => VerifyCS.AnalyzerAsync(Model + FileContract + """
            public class Uploader
            {
                public async Task<int> SaveAsync(IFile file)
                {
                    await Task.Yield();
                    using var stream = file.OpenWrite();
                    file.MoveTo("b");
                    return file.GetSize();
                }
            }
            """);

        // smtp4dev's POP3 server: Stop() blocks on StopAsync, which does its work and returns a finished task.
        [Fact]
        public Task Ignores_a_call_whose_async_twin_is_itself_synchronous() => VerifyCS.AnalyzerAsync(Model + """
            public class Pop3Server
            {
                private CancellationTokenSource? cts;
                private List<System.Net.Sockets.TcpListener> listeners = new();

                public void Stop()
                {
                    try { StopAsync(CancellationToken.None).GetAwaiter().GetResult(); } catch { }
                }

                public Task StopAsync(CancellationToken cancellationToken)
                {
                    cts?.Cancel();
                    foreach (var listener in listeners)
                    {
                        listener.Stop();
                    }

                    return Task.CompletedTask;
                }

                public int Count() => listeners.Count;

                public Task<int> CountAsync() => Task.FromResult(Count());
            }

            public class ServerController(Pop3Server server) : ControllerBase
            {
                [HttpPost("stop")]
                public async Task<IActionResult> Stop()
                {
                    await Task.Yield();
                    server.Stop();
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Reports_a_call_whose_async_twin_awaits_or_can_be_replaced() => VerifyCS.AnalyzerAsync(Model + """
            public class Pop3Server
            {
                private readonly System.Net.Sockets.TcpClient client = new();

                public void Stop() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

                public Task StopAsync(CancellationToken cancellationToken)
                {
                    if (!client.Connected)
                    {
                        return Task.CompletedTask;
                    }

                    return client.GetStream().FlushAsync(cancellationToken);
                }

                public void Close() => CloseAsync().GetAwaiter().GetResult();

                public virtual Task CloseAsync()
                {
                    client.Close();
                    return Task.CompletedTask;
                }
            }

            public class ServerController(Pop3Server server) : ControllerBase
            {
                [HttpPost("stop")]
                public async Task<IActionResult> Stop()
                {
                    await Task.Yield();
                    {|PERF202:server.Stop()|};
                    {|PERF202:server.Close()|};
                    return Ok();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_static_or_non_virtual_async_twin_that_only_wraps_the_sync_call() => VerifyCS.AnalyzerAsync(Model + """
            public class Result
            {
                public bool Succeeded { get; init; }
                public static Result Success() => new Result { Succeeded = true };
                public static Task<Result> SuccessAsync() => Task.FromResult(Success());
                public Result Merge(Result other) => new Result { Succeeded = Succeeded && other.Succeeded };
                public Task<Result> MergeAsync(Result other) => Task.FromResult(Merge(other));
            }

            public class Handler
            {
                public async Task<Result> Handle(Result earlier)
                {
                    await Task.Yield();
                    return earlier.Merge(Result.Success());
                }
            }
            """);

        // A food-delivery sample's reflection helpers: the "async twin" only re-types what the synchronous call returns.
        [Fact]
        public Task Ignores_a_static_async_twin_that_returns_the_sync_calls_own_result() => VerifyCS.AnalyzerAsync(Model + """
            public static class ObjectExtensions
            {
                public static dynamic InvokeMethod(this object instance, string methodName, params object[] parameters)
                    => instance.GetType().GetMethod(methodName)!.Invoke(instance, parameters)!;

                public static Task<dynamic> InvokeMethodAsync(this object instance, string methodName, params object[] parameters)
                {
                    dynamic awaitable = InvokeMethod(instance, methodName, parameters);
                    return awaitable;
                }

                public static object Describe(this object instance) => instance.ToString()!;
                public static Task<object> DescribeAsync(this object instance) => (Task<object>)Describe(instance);

                public static async Task InvokeWithoutResultAsync(this object instance, string methodName, params object[] parameters)
                {
                    dynamic awaitable = instance.InvokeMethod(methodName, parameters);
                    await awaitable;
                    var text = instance.Describe();
                }
            }
            """);

        [Fact]
        public Task Reports_a_sync_call_whose_async_twin_does_more_than_return_its_result() => VerifyCS.AnalyzerAsync(Model + """
            public static class Files
            {
                public static string Load(string path) => File.ReadAllText(path);

                public static async Task<string> LoadAsync(string path)
                {
                    var text = await File.ReadAllTextAsync(path);
                    return text;
                }

                public static async Task<int> Length(string path)
                {
                    await Task.Yield();
                    return {|PERF202:Load(path)|}.Length;
                }
            }
            """);

        [Fact]
        public Task Reports_a_sync_call_whose_virtual_async_twin_wraps_it() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                public virtual string Load(string key) => File.ReadAllText(key);
                public virtual Task<string> LoadAsync(string key) => Task.FromResult(Load(key));
            }

            public class Reader
            {
                public async Task<string> Read(Store store)
                {
                    await Task.Yield();
                    return {|PERF202:store.Load("a")|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_default_async_member_that_does_more_than_wrap_the_sync_call() => VerifyCS.AnalyzerAsync(Model + FileContract + """
            public class Uploader
            {
                public async Task<string> ReadAsync(IFile file)
                {
                    await Task.Yield();
                    return {|PERF202:file.ReadAll()|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_wrapping_default_that_a_class_replaces() => VerifyCS.AnalyzerAsync(Model + FileContract + """
            public class BlobFile : IFile
            {
                public Stream OpenWrite() => new MemoryStream();
                public async Task<Stream> OpenWriteAsync() { await Task.Yield(); return new MemoryStream(); }
                public void MoveTo(string path) { }
                public int GetSize() => 0;
                public string ReadAll() => "";
            }

            public class Uploader
            {
                public async Task SaveAsync(IFile file)
                {
                    await Task.Yield();
                    using var stream = {|PERF202:file.OpenWrite()|};
                    file.MoveTo("b");
                }
            }
            """);

        [Fact]
        public Task Reports_a_wrapping_default_when_an_interface_derives_from_its_interface() => VerifyCS.AnalyzerAsync(Model + FileContract + """
            public interface IMediaFile : IFile
            {
                Task<Stream> IFile.OpenWriteAsync() => Task.FromResult<Stream>(new MemoryStream());
            }

            public class Uploader
            {
                public async Task SaveAsync(IFile file)
                {
                    await Task.Yield();
                    using var stream = {|PERF202:file.OpenWrite()|};
                }
            }
            """);

        [Fact]
        public Task Reports_inner_call_nested_in_an_assertion() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogTests
            {
                public async Task Counts_blogs(BlogDb db)
                {
                    await Task.Yield();
                    Equal(1, {|PERF202:db.Blogs.Count()|});
                }

                private static void Equal(int expected, int actual) { }
            }
            """);

        [Fact]
        public Task Reports_sqlite_call_through_db_connection() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                public async Task OpenAsync()
                {
                    DbConnection connection = new SqliteConnection("Data Source=:memory:");
                    {|PERF202:connection.Open()|};
                    await Task.Yield();
                }
            }
            """);

        // ---- not flagged ----

        [Fact]
        public Task Does_not_report_contains_translated_into_the_outer_query() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogSync(BlogDb db)
            {
                public async Task<List<Blog>> Known()
                {
                    var ids = db.Blogs.Where(b => b.Name != "").Select(b => b.Id);
                    return await db.Blogs.Where(b => ids.Contains(b.Id)).ToListAsync();
                }
            }
            """);

        [Fact]
        public Task Does_not_report_contains_on_a_list_in_async_code() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogChecks(BlogDb db)
            {
                public async Task<bool> Exists(int id)
                {
                    var ids = await db.Blogs.Select(b => b.Id).ToListAsync();
                    return ids.Contains(id) || ids.AsQueryable().Contains(id + 1);
                }
            }
            """);

        [Fact]
        public Task Ignores_ef_add_and_add_range() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                public async Task<IActionResult> Post([FromServices] BlogDb db, Blog blog)
                {
                    db.Blogs.Add(blog);
                    db.Blogs.AddRange(blog, blog);
                    db.Add(blog);
                    db.AddRange(blog);
                    await db.SaveChangesAsync();
                    return Ok();
                }
            }
            """);

        // OpenIddict's stores hold their context as a TContext : DbContext: Context.Add binds to DbContext.Add.
        [Fact]
        public Task Ignores_ef_add_on_a_context_of_a_type_parameter() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogStore<TContext> where TContext : DbContext
            {
                protected TContext Context { get; }
                public BlogStore(TContext context) => Context = context;

                public async Task CreateAsync(Blog blog, CancellationToken ct)
                {
                    Context.Add(blog);
                    Context.AddRange(blog, blog);
                    Context.Set<Blog>().Add(blog);
                    await Context.SaveChangesAsync(ct);
                }
            }
            """);

        // The store's other sync calls on the same context still do I/O.
        [Fact]
        public Task Reports_a_save_on_a_context_of_a_type_parameter() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogStore<TContext> where TContext : DbContext
            {
                protected TContext Context { get; }
                public BlogStore(TContext context) => Context = context;

                public async Task CreateAsync(Blog blog, CancellationToken ct)
                {
                    Context.Add(blog);
                    {|PERF202:Context.SaveChanges()|};
                    await Task.Yield();
                }
            }
            """);

        // A repository's Create that only adds to the change tracker, beside a CreateAsync that awaits AddAsync (EPlast).
        private const string AddingRepository = Model + """
            public interface IRepositoryBase<T> { void Create(T entity); Task CreateAsync(T entity); void Save(T entity); Task SaveAsync(T entity); T Insert(T entity); Task<T> InsertAsync(T entity); }

            public class RepositoryBase<T> : IRepositoryBase<T> where T : class
            {
                private readonly BlogDb db;
                public RepositoryBase(BlogDb db) => this.db = db;
                public void Create(T entity) { db.Set<T>().Add(entity); }
                public async Task CreateAsync(T entity) { await db.Set<T>().AddAsync(entity); }
                public void Save(T entity) { db.Set<T>().Add(entity); db.SaveChanges(); }
                public async Task SaveAsync(T entity) { await db.Set<T>().AddAsync(entity); await db.SaveChangesAsync(); }
                public T Insert(T entity) { return db.Set<T>().Add(entity).Entity; }
                public async Task<T> InsertAsync(T entity) { var entry = await db.Set<T>().AddAsync(entity); return entry.Entity; }
            }

            public class Names
            {
                private readonly List<string> names = new();
                public void Create(string name) => names.Add(name);
                public Task CreateAsync(string name) => Task.Delay(1);
            }

            """;

        [Fact]
        public Task Ignores_a_repository_method_that_only_adds_to_the_context() => VerifyCS.AnalyzerAsync(AddingRepository + """
            public class BlogService
            {
                public async Task M(RepositoryBase<Blog> blogs, IRepositoryBase<Blog> contract, BlogDb db, Blog blog)
                {
                    blogs.Create(blog);
                    contract.Create(blog);
                    var inserted = contract.Insert(blog);
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_a_repository_method_that_also_saves_or_a_method_adding_to_a_list() => VerifyCS.AnalyzerAsync(AddingRepository + """
            public class BlogService
            {
                public async Task M(IRepositoryBase<Blog> contract, Names names, Blog blog)
                {
                    {|PERF202:contract.Save(blog)|};
                    {|PERF202:names.Create("a")|};
                    await Task.Yield();
                }
            }
            """);

        // EPlast's repository wrapper: IRepositoryBase<T> is extended by one interface per entity; the call names one.
        private const string RepositoriesPerEntity = Model + """
            public interface IRepositoryBase<T> { void Create(T entity); Task CreateAsync(T entity); }
            public interface IBlogRepository : IRepositoryBase<Blog> { }
            public interface IPostRepository : IRepositoryBase<Post> { }

            public class BlogRepository(BlogDb db) : IBlogRepository
            {
                public void Create(Blog entity) => db.Blogs.Add(entity);
                public async Task CreateAsync(Blog entity) => await db.Blogs.AddAsync(entity);
            }

            public class PostArchive : IPostRepository
            {
                public void Create(Post entity) => File.AppendAllText("posts.txt", entity.Id.ToString());
                public Task CreateAsync(Post entity) => File.AppendAllTextAsync("posts.txt", entity.Id.ToString());
            }

            """;

        [Fact]
        public Task Ignores_an_entitys_repository_method_that_only_adds_to_the_context() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class BlogService
            {
                public async Task M(IBlogRepository blogs, BlogDb db, Blog blog)
                {
                    blogs.Create(blog);
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_an_entitys_repository_method_that_writes_a_file() => VerifyCS.AnalyzerAsync(RepositoriesPerEntity + """
            public class PostService
            {
                public async Task M(IPostRepository posts, Post post)
                {
                    {|PERF202:posts.Create(post)|};
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Ignores_create_db_context_from_factory() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                public async Task<int> Get([FromServices] IDbContextFactory<BlogDb> factory)
                {
                    using var db = factory.CreateDbContext();
                    return await db.Blogs.CountAsync();
                }
            }
            """);

        [Fact]
        public Task Ignores_async_method_with_different_parameters() => VerifyCS.AnalyzerAsync(Model + """
            public class Catalog
            {
                public List<string> Get() => new();
                public Task<string> GetAsync(int id) => Task.FromResult("one");
                public void Save(string name) { }
                public Task SaveAsync(int id) => Task.CompletedTask;
            }

            public class CatalogController : ControllerBase
            {
                public List<string> List([FromServices] Catalog catalog)
                {
                    catalog.Save("x");
                    return catalog.Get();
                }
            }
            """);

        [Fact]
        public Task Ignores_async_action_without_async_suffix() => VerifyCS.AnalyzerAsync(Model + """
            public class BlogsController : ControllerBase
            {
                public async Task<List<Blog>> Get([FromServices] BlogDb db) => await db.Blogs.ToListAsync();
                public IActionResult Index() => Ok();
            }
            """);

        [Fact]
        public Task Ignores_obsolete_inaccessible_and_other_type_counterparts() => VerifyCS.AnalyzerAsync(Model + """
            public class Legacy
            {
                public void Sync() { }
                [Obsolete("do not use")] public Task SyncAsync() => Task.CompletedTask;
                public void Hidden() { }
                private Task HiddenAsync() => Task.CompletedTask;
                public void Elsewhere() { }
            }

            public static class LegacyAsync { public static Task ElsewhereAsync(this Legacy legacy) => Task.CompletedTask; }

            public class Runner
            {
                public async Task RunAsync(Legacy legacy)
                {
                    legacy.Sync();
                    legacy.Hidden();
                    legacy.Elsewhere();
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Ignores_counterpart_declared_only_on_a_derived_type_or_an_unrelated_interface() => VerifyCS.AnalyzerAsync(Model + """
            public class StoreBase { public int Load(string key) => 1; }
            public class CachedStore : StoreBase { public Task<int> LoadAsync(string key) => Task.FromResult(1); }

            public interface IAsyncReader { Task<string> ReadAsync(int id); }
            public interface IProductReader { string Read(int id); }
            public class ProductReader : IProductReader, IAsyncReader
            {
                public string Read(int id) => "";
                public Task<string> ReadAsync(int id) => Task.FromResult("");
            }

            public class Checkout
            {
                public async Task RunAsync(StoreBase store, IProductReader reader)
                {
                    var stock = store.Load("a");
                    var name = reader.Read(stock);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Ignores_memory_stream_string_reader_and_console() => VerifyCS.AnalyzerAsync(Model + """
            public class Buffers
            {
                public async Task<string> RunAsync(byte[] data)
                {
                    using var memory = new MemoryStream();
                    memory.Write(data, 0, data.Length);
                    memory.Flush();
                    var text = new StringReader("abc").ReadToEnd();
                    var writer = new StringWriter();
                    writer.Write(text);
                    Console.WriteLine(text);
                    Console.Out.WriteLine(text);
                    await Task.Yield();
                    return writer.ToString();
                }
            }
            """);

        [Fact]
        public Task Ignores_linq_on_in_memory_collections() => VerifyCS.AnalyzerAsync(Model + """
            public class Totals
            {
                public async Task<int> SumAsync(List<int> values)
                {
                    var list = values.Where(v => v > 0).ToList();
                    var first = values.First();
                    var queryable = values.AsQueryable().Count();
                    await Task.Yield();
                    return list.Count + first + values.Count() + queryable;
                }
            }
            """);

        [Fact]
        public Task Ignores_data_reader_column_getters_and_sqlite_types() => VerifyCS.AnalyzerAsync(Model + """
            public class Store
            {
                public async Task<int> ReadAsync(DbDataReader reader)
                {
                    await reader.ReadAsync();
                    var id = reader.GetInt32(0);
                    var missing = reader.IsDBNull(1);
                    var value = reader.GetFieldValue<string>(2);
                    using var sqlite = new SqliteConnection("Data Source=:memory:");
                    sqlite.Open();
                    using var command = sqlite.CreateCommand();
                    command.ExecuteNonQuery();
                    return id;
                }
            }
            """);

        [Fact]
        public Task Ignores_sync_code_outside_handlers_and_async_calls() => VerifyCS.AnalyzerAsync(Model + """
            public class Seeder
            {
                public void Seed(BlogDb db)
                {
                    db.Blogs.ToList();
                    db.SaveChanges();
                }

                public async Task SeedAsync(BlogDb db, CancellationToken token)
                {
                    await db.Blogs.ToListAsync(token);
                    await db.SaveChangesAsync(token);
                    db.Dispose();
                }
            }
            """);

        [Fact]
        public Task Ignores_semaphore_polls_with_zero_timeout() => VerifyCS.AnalyzerAsync(Model + """
            public class Gate
            {
                private readonly SemaphoreSlim gate = new(1);

                public async Task<bool> TryEnterAsync()
                {
                    await Task.Yield();
                    return gate.Wait(0) || gate.Wait(TimeSpan.Zero);
                }
            }
            """);

        [Fact]
        public Task Ignores_task_waits_which_belong_to_perf201() => VerifyCS.AnalyzerAsync(Model + """
            public class Jobs
            {
                public async Task RunAsync(Task job)
                {
                    job.Wait();
                    Task.WaitAll(job);
                    await Task.Yield();
                }
            }
            """);

        [Fact]
        public Task Ignores_ef_operators_without_async_form_and_client_side_enumeration() => VerifyCS.AnalyzerAsync(Model + """
            public class Reports
            {
                public async Task<int> RunAsync(BlogDb db)
                {
                    var lookup = db.Blogs.ToLookup(b => b.Name);
                    var local = db.Blogs.AsEnumerable().ToList();
                    await Task.Yield();
                    return lookup.Count + local.Count;
                }
            }
            """);

        [Fact]
        public Task Ignores_operators_inside_an_ef_expression_tree() => VerifyCS.AnalyzerAsync(Model + """
            public class Reports
            {
                public async Task<List<Blog>> WithPostsAsync(BlogDb db)
                    => await db.Blogs.Where(b => b.Posts.Count() > 0 && db.Blogs.Any(o => o.Id == b.Id)).ToListAsync();
            }
            """);

        [Fact]
        public Task Ignores_types_and_methods_listed_in_excluded_symbols() => VerifyCS.AnalyzerAsync(Model + """
            public class Files
            {
                public async Task RunAsync(Stream stream, BlogDb db)
                {
                    stream.Flush();
                    db.SaveChanges();
                    {|PERF202:db.Blogs.Find(1)|};
                    await Task.Yield();
                }
            }
            """, editorConfig: "perf_analyzers.PERF202.excluded_symbols = T:System.IO.Stream, M:Microsoft.EntityFrameworkCore.DbContext.SaveChanges");

        [Fact]
        public Task Rule_specific_excluded_symbols_win_over_global_key() => VerifyCS.AnalyzerAsync(Model + """
            public class Files
            {
                public async Task RunAsync(Stream stream)
                {
                    stream.Flush();
                    await Task.Yield();
                }
            }
            """, editorConfig: "perf_analyzers.excluded_symbols = T:System.String\nperf_analyzers.PERF202.excluded_symbols = T:System.IO.Stream");

        [Fact]
        public Task Invalid_excluded_symbols_are_ignored() => VerifyCS.AnalyzerAsync(Model + """
            public class Files
            {
                public async Task RunAsync(Stream stream)
                {
                    {|PERF202:stream.Flush()|};
                    await Task.Yield();
                }
            }
            """, editorConfig: "perf_analyzers.PERF202.excluded_symbols = System.IO.Stream, ,T:");

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Model + """
            public class Files
            {
                public async Task RunAsync(BlogDb db)
                {
                    db.Blogs.{|CS1061:ToLis|}();
                    db.SaveChanges({|CS1503:"x"|});
                    await Task.Yield();
                }
            }
            """);

        // ---- Found in the real-world run (see docs/quality.md) ----

        [Fact]
        public Task Ignores_a_hash_of_a_local_memory_stream() => VerifyCS.AnalyzerAsync(Model + """
            public class BlobStore
            {
                // BaGet's Google Cloud storage: the upload is copied into memory, then hashed.
                public async Task<byte[]> HashUploadAsync(Stream content)
                {
                    using var seekable = new MemoryStream();
                    await content.CopyToAsync(seekable);
                    seekable.Position = 0;
                    using var md5 = System.Security.Cryptography.MD5.Create();
                    return md5.ComputeHash(seekable);
                }
            }
            """);

        [Fact]
        public Task Ignores_serializing_into_a_stream_local_that_is_a_memory_stream() => VerifyCS.AnalyzerAsync(Model + """
            public class Exporter
            {
                public async Task<byte[]> Export(Blog blog)
                {
                    await Task.Yield();
                    Stream buffer = new MemoryStream();
                    System.Text.Json.JsonSerializer.Serialize(buffer, blog);
                    return ((MemoryStream)buffer).ToArray();
                }
            }
            """);

        // TheIdServer's key ring: the document serialised into memory before it is uploaded.
        [Fact]
        public Task Ignores_saving_an_xml_document_into_a_memory_stream() => VerifyCS.AnalyzerAsync(Model + """
            public class KeyRing
            {
                public async Task<byte[]> Serialize(System.Xml.Linq.XElement key)
                {
                    await Task.Yield();
                    var document = new System.Xml.Linq.XDocument(new System.Xml.Linq.XElement("repository", key));
                    var serialized = new MemoryStream();
                    document.Save(serialized, System.Xml.Linq.SaveOptions.DisableFormatting);
                    key.Save(serialized);
                    return serialized.ToArray();
                }
            }
            """);

        [Fact]
        public Task Reports_saving_an_xml_document_into_a_stream_of_unknown_kind() => VerifyCS.AnalyzerAsync(Model + """
            public class KeyRing
            {
                public async Task Write(System.Xml.Linq.XDocument document, Stream target)
                {
                    await Task.Yield();
                    {|PERF202:document.Save(target, System.Xml.Linq.SaveOptions.None)|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_hash_of_a_stream_of_unknown_kind() => VerifyCS.AnalyzerAsync(Model + """
            public class BlobStore
            {
                public async Task<byte[]> HashUploadAsync(Stream content)
                {
                    await Task.Yield();
                    using var md5 = System.Security.Cryptography.MD5.Create();
                    return {|PERF202:md5.ComputeHash(content)|};
                }
            }
            """);

        [Fact]
        public Task Reports_serializing_into_a_file_stream() => VerifyCS.AnalyzerAsync(Model + """
            public class Exporter
            {
                public async Task Export(Blog blog, string path)
                {
                    await Task.Yield();
                    using var file = File.Create(path);
                    {|PERF202:System.Text.Json.JsonSerializer.Serialize(file, blog)|};
                }
            }
            """);

        [Fact]
        public Task Ignores_use_transaction_which_joins_a_transaction_on_an_open_connection() => VerifyCS.AnalyzerAsync(Model + """
            public class EventLogService
            {
                private readonly BlogDb db;
                public EventLogService(BlogDb db) => this.db = db;

                public Task SaveEventAsync(DbTransaction transaction, Blog entry)
                {
                    db.Database.UseTransaction(transaction);
                    db.Blogs.Add(entry);
                    return db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_begin_transaction_which_opens_the_connection() => VerifyCS.AnalyzerAsync(Model + """
            public class EventLogService
            {
                private readonly BlogDb db;
                public EventLogService(BlogDb db) => this.db = db;

                public async Task SaveEventAsync(Blog entry)
                {
                    using var transaction = {|PERF202:db.Database.BeginTransaction()|};
                    db.Blogs.Add(entry);
                    await db.SaveChangesAsync();
                }
            }
            """);
    
        [Fact]
        public Task Ignores_a_sync_hook_called_next_to_its_async_twin() => VerifyCS.AnalyzerAsync(Model + """
            public abstract class JobBase
            {
                public virtual string ExecuteJob(IServiceProvider provider) => "";
                public virtual Task<string> ExecuteJobAsync(IServiceProvider provider) => Task.FromResult(string.Empty);

                public async Task<string> RunAsync(IServiceProvider provider)
                {
                    var notes = ExecuteJob(provider);
                    notes += await ExecuteJobAsync(provider);
                    return notes;
                }
            }
            """);

        [Fact]
        public Task Reports_a_sync_hook_called_without_its_async_twin() => VerifyCS.AnalyzerAsync(Model + """
            public abstract class JobBase
            {
                public virtual string ExecuteJob(IServiceProvider provider) => "";
                public virtual Task<string> ExecuteJobAsync(IServiceProvider provider) => Task.FromResult(string.Empty);

                public async Task<string> RunAsync(IServiceProvider provider)
                {
                    await Task.Yield();
                    return {|PERF202:ExecuteJob(provider)|};
                }
            }
            """);
        private const string ViewModels = """
            public class CrudViewModel
            {
                public virtual void DoAdd() { }
                public virtual Task DoAddAsync() => Task.CompletedTask;
            }

            """;

        /// <summary>A controller action calling <c>vm.DoAdd()</c> on <paramref name="viewModel"/>, marked as reported or not.</summary>
        private static string CreateAction(string viewModel, bool reported) => $$"""
            public class CreateController : Controller
            {
                public async Task<IActionResult> Create({{viewModel}} vm)
                {
                    await Task.Yield();
                    {{(reported ? "{|PERF202:vm.DoAdd()|}" : "vm.DoAdd()")}};
                    return Ok();
                }
            }
            """;

        private const string OverridesWithWork = """
            public class MajorViewModel : CrudViewModel
            {
                public override void DoAdd() { base.DoAdd(); SaveLinks(); }
                private void SaveLinks() { }
            }

            """;

        [Fact]
        public Task Ignores_a_sync_call_whose_receiver_overrides_it_but_not_its_twin()
            => VerifyCS.AnalyzerAsync(Model + ViewModels + OverridesWithWork + CreateAction("MajorViewModel", reported: false));

        [Fact]
        public Task Ignores_a_sync_call_whose_receiver_inherits_an_override_of_it_only()
            => VerifyCS.AnalyzerAsync(Model + ViewModels + OverridesWithWork + "public class MinorViewModel : MajorViewModel { }\n" + CreateAction("MinorViewModel", reported: false));

        [Fact]
        public Task Reports_SaveChanges_on_a_context_that_overrides_another_overload_of_the_async_twin() => VerifyCS.AnalyzerAsync(Model + """
            public class SoftDeleteDb : DbContext
            {
                public override int SaveChanges() { MarkDeleted(); return base.SaveChanges(); }
                public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
                {
                    MarkDeleted();
                    return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                }

                private void MarkDeleted() { }
            }

            public class Repository
            {
                public async Task Create(SoftDeleteDb db)
                {
                    await Task.Yield();
                    {|PERF202:db.SaveChanges()|};
                }
            }
            """);

        [Fact]
        public Task Reports_a_sync_call_whose_receiver_overrides_both_twins() => VerifyCS.AnalyzerAsync(Model + ViewModels + """
            public class MajorViewModel : CrudViewModel
            {
                public override void DoAdd() { base.DoAdd(); SaveLinks(); }
                public override Task DoAddAsync() => base.DoAddAsync();
                private void SaveLinks() { }
            }

            """ + CreateAction("MajorViewModel", reported: true));

        [Theory]
        [InlineData("public override void DoAdd() { base.DoAdd(); }")]
        [InlineData("public override void DoAdd() => base.DoAdd();")]
        public Task Reports_a_sync_call_whose_receiver_override_only_calls_the_base(string forwarding)
            => VerifyCS.AnalyzerAsync(Model + ViewModels + "public class CityViewModel : CrudViewModel { " + forwarding + " }\n" + CreateAction("CityViewModel", reported: true));

        [Fact]
        public Task Reports_a_sync_call_whose_receiver_overrides_neither_twin()
            => VerifyCS.AnalyzerAsync(Model + ViewModels + "public class CityViewModel : CrudViewModel { }\n" + CreateAction("CityViewModel", reported: true));

        [Fact]
        public Task Reports_a_sync_call_whose_receiver_overrides_the_twin_below_the_sync_override() => VerifyCS.AnalyzerAsync(Model + ViewModels + OverridesWithWork + """
            public class MinorViewModel : MajorViewModel
            {
                public override Task DoAddAsync() { DoAdd(); return Task.CompletedTask; }
            }

            """ + CreateAction("MinorViewModel", reported: true));
}
}
