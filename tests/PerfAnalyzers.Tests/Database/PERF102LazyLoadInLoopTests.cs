using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF102LazyLoadInLoopAnalyzer>;
using VerifyFix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF102LazyLoadInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF102LazyLoadInLoopCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF102LazyLoadInLoopTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Infrastructure;

            """;

        private const string Entities = """
            public class Blog { public int Id { get; set; } public string Name { get; set; } = ""; public virtual List<Post> Posts { get; set; } = new(); public virtual Author? Owner { get; set; } public List<Tag> Tags { get; set; } = new(); }
            public class Post { public int Id { get; set; } public int BlogId { get; set; } public string Title { get; set; } = ""; public virtual Blog? Blog { get; set; } public virtual Author? Author { get; set; } }
            public class Author { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class Tag { public int Id { get; set; } public string Label { get; set; } = ""; }

            """;

        private const string Proxies = Usings + Entities + """
            public class BlogDb : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();
                public DbSet<Post> Posts => Set<Post>();
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseLazyLoadingProxies();
            }

            """;

        private const string NoProxies = Usings + Entities + """
            public class BlogDb : DbContext
            {
                public DbSet<Blog> Blogs => Set<Blog>();
                public DbSet<Post> Posts => Set<Post>();
            }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Reports_collection_navigation_read_in_foreach_over_query() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Where(b => b.Name != ""))
                    {
                        Console.WriteLine({|PERF102:blog.Posts|}.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_reference_navigation_on_a_materialised_local_async() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    var posts = await db.Posts.Where(p => p.Id > 3).ToListAsync();
                    foreach (var post in posts)
                    {
                        Console.WriteLine({|PERF102:post.Author|}?.Name);
                    }
                }
            }
            """);

        [Fact]
        public async Task Message_names_the_navigation_and_the_query()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PerfAnalyzers.Database.PERF102LazyLoadInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, Proxies + """
                public class C
                {
                    public void M(BlogDb db)
                    {
                        var blogs = db.Blogs.ToList();
                        foreach (var blog in blogs)
                        {
                            Console.WriteLine(blog.Owner);
                        }
                    }
                }
                """, null, Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.PERF102LazyLoadInLoop).WithSpan(24, 31, 24, 41).WithArguments("Owner", "blogs"));
            await test.RunAsync();
        }

        [Fact]
        public Task Reports_navigation_reached_through_another_navigation() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Include(b => b.Posts).ToList())
                    {
                        foreach (var post in blog.Posts)
                        {
                            Console.WriteLine({|PERF102:post.Author|}?.Name);
                        }
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_navigation_read_in_per_element_lambda() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public List<int> M(BlogDb db)
                {
                    var blogs = db.Blogs.ToList();
                    return blogs.Select(b => {|PERF102:b.Posts|}.Count).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_entities_with_an_injected_lazy_loader_without_proxies() => VerifyCS.AnalyzerAsync(Usings + """
            public class Shelf
            {
                private readonly ILazyLoader? loader;
                private List<Book>? books;
                public Shelf() { }
                private Shelf(ILazyLoader loader) => this.loader = loader;
                public int Id { get; set; }
                public List<Book> Books { get => loader.Load(this, ref books) ?? new(); set => books = value; }
            }

            public class Book { public int Id { get; set; } }
            public class LibraryDb : DbContext { public DbSet<Shelf> Shelves => Set<Shelf>(); }

            public class C
            {
                public void M(LibraryDb db)
                {
                    foreach (var shelf in db.Shelves)
                    {
                        Console.WriteLine({|PERF102:shelf.Books|}.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_entities_taking_the_lazy_loader_delegate_without_proxies() => VerifyCS.AnalyzerAsync(Usings + """
            public class Shelf
            {
                private readonly Action<object, string>? lazyLoader;
                private List<Book>? books;
                public Shelf() { }
                private Shelf(Action<object, string> lazyLoader) => this.lazyLoader = lazyLoader;
                public int Id { get; set; }
                public List<Book> Books { get { lazyLoader?.Invoke(this, nameof(Books)); return books ?? new(); } set => books = value; }
            }

            public class Book { public int Id { get; set; } }
            public class LibraryDb : DbContext { public DbSet<Shelf> Shelves => Set<Shelf>(); }

            public class C
            {
                public void M(LibraryDb db)
                {
                    foreach (var shelf in db.Shelves)
                    {
                        Console.WriteLine({|PERF102:shelf.Books|}.Count);
                    }
                }
            }
            """);

        // EF Core injects the loader delegate only into a constructor parameter with the loader's name, which this file
        // never spells.
        [Fact]
        public Task Ignores_a_delegate_parameter_EF_does_not_inject_as_the_loader() => VerifyCS.AnalyzerAsync(Usings + """
            public class Shelf
            {
                private readonly Action<object, string>? onRead;
                private List<Book>? books;
                public Shelf() { }
                private Shelf(Action<object, string> onRead) => this.onRead = onRead;
                public int Id { get; set; }
                public List<Book> Books { get { onRead?.Invoke(this, nameof(Books)); return books ?? new(); } set => books = value; }
            }

            public class Book { public int Id { get; set; } }
            public class LibraryDb : DbContext { public DbSet<Shelf> Shelves => Set<Shelf>(); }

            public class C
            {
                public void M(LibraryDb db)
                {
                    foreach (var shelf in db.Shelves)
                    {
                        Console.WriteLine(shelf.Books.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_navigation_of_entities_from_query_syntax() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    var blogs = await (from b in db.Blogs where b.Name != "" orderby b.Name select b).ToListAsync();
                    foreach (var blog in blogs)
                    {
                        Console.WriteLine({|PERF102:blog.Owner|}?.Name);
                    }
                }
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_navigation_that_is_included() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Include(b => b.Posts).ThenInclude(p => p.Author).ToList())
                    {
                        Console.WriteLine(blog.Posts.Count);
                        foreach (var post in blog.Posts)
                        {
                            Console.WriteLine(post.Author?.Name);
                        }
                    }

                    foreach (var blog in db.Blogs.Include("Owner"))
                    {
                        Console.WriteLine(blog.Owner?.Name);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_virtual_navigation_without_lazy_loading_proxies() => VerifyCS.AnalyzerAsync(NoProxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.ToList())
                    {
                        Console.WriteLine(blog.Posts.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_non_virtual_navigation_and_scalar_properties() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.ToList())
                    {
                        Console.WriteLine(blog.Tags.Count);
                        Console.WriteLine(blog.Name);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_entities_that_do_not_come_from_a_query_in_the_method() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(List<Blog> blogs, BlogDb db)
                {
                    foreach (var blog in blogs)
                    {
                        Console.WriteLine(blog.Posts.Count);
                    }

                    var projected = db.Blogs.Select(b => new Blog { Id = b.Id }).ToList();
                    foreach (var blog in projected)
                    {
                        Console.WriteLine(blog.Owner);
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_navigation_outside_loops_in_projections_and_writes() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db, Author author)
                {
                    var blog = db.Blogs.First();
                    Console.WriteLine(blog.Posts.Count);
                    var counts = db.Blogs.Select(b => b.Posts.Count).ToList();
                    foreach (var b in db.Blogs.ToList())
                    {
                        b.Owner = author;
                        var local = blog.Owner;
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_navigation_loaded_explicitly_in_the_same_loop() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.ToList())
                    {
                        db.Entry(blog).Collection(b => b.Posts).Load();
                        Console.WriteLine(blog.Posts.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.ToList())
                    {
                        Console.WriteLine(blog.{|CS1061:Postz|}.Count);
                    }
                }
            }
            """);

        // ---- Code fix ----

        [Fact]
        public Task Fix_adds_Include_to_the_enumerated_query() => VerifyFix.CodeFixAsync(Proxies + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    var posts = await db.Posts.Where(p => p.Id > 3).ToListAsync();
                    foreach (var post in posts)
                    {
                        Console.WriteLine({|PERF102:post.Author|}?.Name + {|PERF102:post.Blog|}?.Name);
                    }
                }
            }
            """, Proxies + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    var posts = await db.Posts.Where(p => p.Id > 3).Include(p => p.Author).Include(p => p.Blog).ToListAsync();
                    foreach (var post in posts)
                    {
                        Console.WriteLine(post.Author?.Name + post.Blog?.Name);
                    }
                }
            }
            """);

        /// <summary>A lazy-loading context that names every EF Core type in full, for files without its using.</summary>
        private const string ProxiesContextWrittenInFull = """
            public class BlogDb : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<Post> Posts => Set<Post>();
                protected override void OnConfiguring(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder options)
                    => Microsoft.EntityFrameworkCore.ProxiesExtensions.UseLazyLoadingProxies(options);
            }

            """;

        // Teknik's RSS controller reads its DbSet through LINQ only: the fix adds the EF Core using Include needs.
        [Fact]
        public Task Fix_adds_the_entity_framework_using_when_the_file_lacks_it() => VerifyFix.CodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            """ + Entities + ProxiesContextWrittenInFull + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var post in db.Posts.Where(p => p.Id > 3).ToList())
                    {
                        Console.WriteLine({|PERF102:post.Author|}?.Name);
                    }
                }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            """ + Entities + ProxiesContextWrittenInFull + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var post in db.Posts.Where(p => p.Id > 3).Include(p => p.Author).ToList())
                    {
                        Console.WriteLine(post.Author?.Name);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_adds_Include_to_a_materialised_foreach_collection() => VerifyFix.CodeFixAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Where(b => b.Id > 1).ToList())
                    {
                        Console.WriteLine({|PERF102:blog.Posts|}.Count);
                    }
                }
            }
            """, Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Where(b => b.Id > 1).Include(b => b.Posts).ToList())
                    {
                        Console.WriteLine(blog.Posts.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task No_fix_when_the_loop_enumerates_AsEnumerable_or_AsAsyncEnumerable() => VerifyFix.NoCodeFixAsync(Proxies + """
            public class C
            {
                public async Task M(BlogDb db)
                {
                    await foreach (var blog in db.Blogs.AsAsyncEnumerable())
                    {
                        Console.WriteLine({|PERF102:blog.Posts|}.Count);
                    }

                    foreach (var blog in db.Blogs.AsEnumerable())
                    {
                        Console.WriteLine({|PERF102:blog.Owner|}?.Name);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_adds_Include_after_an_identity_query_syntax_select() => VerifyFix.CodeFixAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in (from b in db.Blogs select b).ToList())
                    {
                        Console.WriteLine({|PERF102:blog.Posts|}.Count);
                    }
                }
            }
            """, Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in (from b in db.Blogs select b).Include(b => b.Posts).ToList())
                    {
                        Console.WriteLine(blog.Posts.Count);
                    }
                }
            }
            """);

        [Fact]
        public Task Fix_adds_ThenInclude_for_a_nested_navigation() => VerifyFix.CodeFixAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Include(b => b.Posts))
                    {
                        foreach (var post in blog.Posts)
                        {
                            Console.WriteLine({|PERF102:post.Author|}?.Name);
                        }
                    }
                }
            }
            """, Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    foreach (var blog in db.Blogs.Include(b => b.Posts).Include(b => b.Posts).ThenInclude(p => p.Author))
                    {
                        foreach (var post in blog.Posts)
                        {
                            Console.WriteLine(post.Author?.Name);
                        }
                    }
                }
            }
            """);
    
        [Fact]
        public Task Reports_navigation_read_through_an_index_in_a_for_loop() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var blogs = db.Blogs.ToList();
                    for (var i = 0; i < blogs.Count; i++)
                    {
                        Console.WriteLine({|PERF102:blogs[i].Owner|}?.Name);
                    }
                }
            }
            """);
    
        [Fact]
        public Task Navigation_read_through_a_fixed_index_in_a_for_loop_is_not_reported() => VerifyCS.AnalyzerAsync(Proxies + """
            public class C
            {
                public void M(BlogDb db)
                {
                    var blogs = db.Blogs.ToList();
                    for (var i = 0; i < blogs.Count; i++)
                    {
                        Console.WriteLine(blogs[0].Owner?.Name);
                    }
                }
            }
            """);

        // ---- Entities declared in another project of the application ----

        // The Domain project of a layered application. A command-line build compiles it on its own and references its
        // reference assembly; the IDE sees its source. Either way its virtual navigations are lazy-loaded by the proxies.
        private const string DomainSource = """
            using System;
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore.Infrastructure;

            namespace Shop.Domain
            {
                public class Order
                {
                    public int Id { get; set; }
                    public string Number { get; set; } = "";
                    public virtual Customer? Customer { get; set; }
                    public virtual List<OrderLine> Lines { get; set; } = new();
                    public Customer? Buyer { get; set; }
                    public virtual Uri? Receipt { get; set; }
                }

                public class OrderLine { public int Id { get; set; } public virtual Product? Product { get; set; } }
                public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
                public class Product { public int Id { get; set; } public string Name { get; set; } = ""; }

                public class Invoice
                {
                    private Customer? customer;
                    public Invoice() { }
                    public Invoice(Action<object, string> lazyLoader) => LazyLoader = lazyLoader;
                    protected Action<object, string>? LazyLoader { get; }
                    public int Id { get; set; }
                    public Customer? Customer { get { LazyLoader?.Invoke(this, nameof(Customer)); return customer; } set => customer = value; }
                }
            }
            """;

        private static readonly Lazy<MetadataReference> UnsignedDomain =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Domain", DomainSource, Frameworks.EfCore));

        private static readonly Lazy<ImmutableArray<byte>> SigningKey = new Lazy<ImmutableArray<byte>>(ProbeCompilations.EfCorePublicKey);

        private static readonly Lazy<MetadataReference> SignedDomain =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Shop.Domain", DomainSource, Frameworks.EfCore, SigningKey.Value));

        private const string ShopUsings = Usings + """
            using Shop.Domain;

            """;

        private const string ShopWithProxies = ShopUsings + """
            public class ShopDb : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Invoice> Invoices => Set<Invoice>();
                protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseLazyLoadingProxies();
            }

            """;

        private const string ShopWithoutProxies = ShopUsings + """
            public class ShopDb : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Invoice> Invoices => Set<Invoice>();
            }

            """;

        private static Task VerifyWithDomainAsync(string source, MetadataReference domain, ImmutableArray<byte> applicationKey = default)
        {
            var test = new CSharpAnalyzerTest<PerfAnalyzers.Database.PERF102LazyLoadInLoopAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(domain);
            if (!applicationKey.IsDefaultOrEmpty)
            {
                test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
                    projectId,
                    ((CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithCryptoPublicKey(applicationKey).WithPublicSign(true)));
            }

            return test.RunAsync();
        }

        [Fact]
        public Task Reports_virtual_navigation_of_entities_declared_in_another_project() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var order in db.Orders.Where(o => o.Number != "").ToList())
                    {
                        Console.WriteLine({|PERF102:order.Customer|}?.Name);
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Reports_collection_and_nested_navigations_of_entities_declared_in_another_project() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    var orders = await db.Orders.ToListAsync();
                    foreach (var order in orders)
                    {
                        foreach (var line in {|PERF102:order.Lines|})
                        {
                            Console.WriteLine({|PERF102:line.Product|}?.Name);
                        }
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Reports_entities_of_a_project_signed_with_the_application_key() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var order in db.Orders)
                    {
                        Console.WriteLine({|PERF102:order.Customer|}?.Name);
                    }
                }
            }
            """, SignedDomain.Value, SigningKey.Value);

        [Fact]
        public Task Reports_entities_of_another_project_that_take_a_loader_without_proxies() => VerifyWithDomainAsync(ShopWithoutProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var invoice in db.Invoices.ToList())
                    {
                        Console.WriteLine({|PERF102:invoice.Customer|}?.Name);
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Ignores_entities_of_a_signed_library_the_application_does_not_sign_with() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var order in db.Orders.ToList())
                    {
                        Console.WriteLine(order.Customer?.Name);
                    }
                }
            }
            """, SignedDomain.Value);

        [Fact]
        public Task Ignores_virtual_navigation_of_entities_from_another_project_without_proxies() => VerifyWithDomainAsync(ShopWithoutProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var order in db.Orders.ToList())
                    {
                        Console.WriteLine(order.Customer?.Name);
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Ignores_non_virtual_and_framework_typed_properties_of_entities_from_another_project() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var order in db.Orders.ToList())
                    {
                        Console.WriteLine(order.Buyer?.Name + order.Receipt?.Host + order.Number.Length);
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Ignores_included_navigation_of_entities_from_another_project() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public void M(ShopDb db)
                {
                    foreach (var order in db.Orders.Include(o => o.Lines).ThenInclude(l => l.Product).ToList())
                    {
                        foreach (var line in order.Lines)
                        {
                            Console.WriteLine(line.Product?.Name);
                        }
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Ignores_entities_from_another_project_that_no_query_in_the_method_loaded() => VerifyWithDomainAsync(ShopWithProxies + """
            public class C
            {
                public void M(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        Console.WriteLine(order.Customer?.Name);
                    }
                }
            }
            """, UnsignedDomain.Value);

        [Fact]
        public Task Fix_adds_Include_for_a_navigation_of_entities_from_another_project()
        {
            var test = new CSharpCodeFixTest<PerfAnalyzers.Database.PERF102LazyLoadInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF102LazyLoadInLoopCodeFix, DefaultVerifier>
            {
                FixedCode = ShopWithProxies + """
                    public class C
                    {
                        public void M(ShopDb db)
                        {
                            foreach (var order in db.Orders.Where(o => o.Id > 3).Include(o => o.Customer).ToList())
                            {
                                Console.WriteLine(order.Customer?.Name);
                            }
                        }
                    }
                    """,
            };
            SnippetTest.Configure(test, ShopWithProxies + """
                public class C
                {
                    public void M(ShopDb db)
                    {
                        foreach (var order in db.Orders.Where(o => o.Id > 3).ToList())
                        {
                            Console.WriteLine({|PERF102:order.Customer|}?.Name);
                        }
                    }
                }
                """, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(UnsignedDomain.Value);
            return test.RunAsync();
        }
    }
}
