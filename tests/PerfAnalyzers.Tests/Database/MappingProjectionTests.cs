using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify101 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using Verify101Fix = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer, PerfAnalyzers.CodeFixes.Database.PERF101QueryInLoopCodeFix>;
using Verify104 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>;
using Verify108 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF108CartesianExplosionAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// A query projected by a mapping library (AutoMapper's <c>ProjectTo</c>, Mapster's <c>ProjectToType</c>) is still an EF
    /// query: EF Core translates the projection with the rest (docs/concepts.md#ef-query).
    /// </summary>
    public class MappingProjectionTests
    {
        private const Frameworks WithMappers = Frameworks.Web | Frameworks.Mappers;

        private const string Mapped = """
            using AutoMapper;
            using AutoMapper.QueryableExtensions;
            using Mapster;

            """ + DatabaseSnippets.Model + """
            public class CustomerDto { public int Id { get; set; } public string Name { get; set; } = ""; }

            """;

        // ---- Flagged ----

        [Fact]
        public Task Mapper_ProjectTo_of_a_query_inside_a_loop_is_reported() => Verify101.AnalyzerAsync(Mapped + """
            public class C
            {
                public async Task M(ShopDb db, IMapper mapper, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = await {|PERF101:mapper.ProjectTo<CustomerDto>(db.Customers.Where(c => c.Id == order.CustomerId)).FirstOrDefaultAsync()|};
                    }
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task ProjectTo_extension_of_a_query_inside_a_loop_is_reported() => Verify101.AnalyzerAsync(Mapped + """
            public class C
            {
                public void M(ShopDb db, IConfigurationProvider configuration, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:db.Customers.Where(c => c.Id == order.CustomerId).ProjectTo<CustomerDto>(configuration).FirstOrDefault()|};
                    }
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Mapster_ProjectToType_of_a_query_inside_a_loop_is_reported() => Verify101.AnalyzerAsync(Mapped + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:db.Customers.Where(c => c.Id == order.CustomerId).ProjectToType<CustomerDto>().FirstOrDefault()|};
                    }
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Provider_method_that_reads_through_ProjectTo_is_reported_at_the_call_in_a_loop() => Verify101.AnalyzerAsync(Mapped + """
            public class CustomerProvider
            {
                private readonly ShopDb db;
                private readonly IMapper mapper;
                public CustomerProvider(ShopDb db, IMapper mapper) { this.db = db; this.mapper = mapper; }

                public Task<CustomerDto?> FindAsync(string email)
                    => mapper.ProjectTo<CustomerDto>(db.Customers.Where(c => c.Email == email)).FirstOrDefaultAsync();
            }

            public class C
            {
                public async Task M(CustomerProvider customers, List<string> emails)
                {
                    foreach (var email in emails)
                    {
                        var customer = await {|PERF101:customers.FindAsync(email)|};
                    }
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Whole_projected_query_read_for_its_count_is_reported() => Verify104.AnalyzerAsync(Mapped + """
            public class C
            {
                public int M(ShopDb db, IMapper mapper) => {|PERF104:mapper.ProjectTo<CustomerDto>(db.Customers).ToList()|}.Count;
            }
            """, frameworks: WithMappers);

        // ---- Not flagged ----

        [Fact]
        public Task ProjectTo_of_an_in_memory_list_inside_a_loop_is_not_reported() => Verify101.AnalyzerAsync(Mapped + """
            public class C
            {
                public void M(IMapper mapper, List<Customer> customers, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = mapper.ProjectTo<CustomerDto>(customers.AsQueryable().Where(c => c.Id == order.CustomerId)).FirstOrDefault();
                    }
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Mapping_an_entity_already_loaded_inside_a_loop_is_not_reported() => Verify101.AnalyzerAsync(Mapped + """
            public class C
            {
                public List<CustomerDto> M(IMapper mapper, List<Customer> customers)
                {
                    var result = new List<CustomerDto>();
                    foreach (var customer in customers)
                    {
                        result.Add(mapper.Map<CustomerDto>(customer));
                        result.Add(customer.Adapt<CustomerDto>());
                    }

                    return result;
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Projected_query_run_once_before_the_loop_is_not_reported() => Verify101.AnalyzerAsync(Mapped + """
            public class C
            {
                public void M(ShopDb db, IMapper mapper, List<Order> orders)
                {
                    var ids = orders.Select(o => o.CustomerId).ToList();
                    var customers = mapper.ProjectTo<CustomerDto>(db.Customers.Where(c => ids.Contains(c.Id))).ToList();
                    foreach (var order in orders)
                    {
                        var customer = customers.FirstOrDefault(c => c.Id == order.CustomerId);
                    }
                }
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Projected_query_counted_in_the_database_is_not_reported() => Verify104.AnalyzerAsync(Mapped + """
            public class C
            {
                public int M(ShopDb db, IMapper mapper) => mapper.ProjectTo<CustomerDto>(db.Customers).Count();
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task Sibling_collection_includes_before_a_projection_are_not_reported() => Verify108.AnalyzerAsync(Mapped + """
            public class OrderDto { public int Id { get; set; } }

            public class C
            {
                public List<OrderDto> M(ShopDb db, IMapper mapper)
                    => mapper.ProjectTo<OrderDto>(db.Customers.Include(c => c.Orders).ThenInclude(o => o.Lines).Include(c => c.Orders)).ToList();

                public List<CustomerDto> N(ShopDb db)
                    => db.Customers.Include(c => c.Orders).Include(c => c.Orders).ProjectToType<CustomerDto>().ToList();
            }
            """, frameworks: WithMappers);

        [Fact]
        public Task No_fix_for_a_projected_query_inside_a_loop() => Verify101Fix.NoCodeFixAsync(Mapped + """
            public class C
            {
                public void M(ShopDb db, IMapper mapper, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        var customer = {|PERF101:mapper.ProjectTo<CustomerDto>(db.Customers.Where(c => c.Id == order.CustomerId)).FirstOrDefault()|};
                    }
                }
            }
            """, frameworks: WithMappers);
    }
}
