using System.Threading.Tasks;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF104MaterialisedBeforeFilteredAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    public class PERF104MaterialisedBeforeFilteredTests
    {
        // ---- Flagged ----

        [Fact]
        public Task Reports_ToList_then_Where() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db) => {|PERF104:db.Orders.ToList()|}.Where(o => o.Total > 100).ToList();
            }
            """);

        [Fact]
        public Task Reports_AsEnumerable_then_projection_and_ordering() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db) => {|PERF104:db.Customers.AsEnumerable()|}.OrderBy(c => c.Name).Select(c => c.Name).ToList();
            }
            """);

        [Fact]
        public Task Reports_ToArray_then_aggregates_and_paging() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    var count = {|PERF104:db.Orders.ToList()|}.Count();
                    var sum = {|PERF104:db.Orders.ToArray()|}.Sum(o => o.Total);
                    var any = {|PERF104:db.Orders.Where(o => o.CustomerId == 1).ToList()|}.Any(o => o.Total > 10);
                    var page = {|PERF104:db.Orders.OrderBy(o => o.Id).ToList()|}.Skip(20).Take(10).ToList();
                    var first = {|PERF104:db.Orders.ToList()|}.FirstOrDefault(o => o.Id == 3);
                }
            }
            """);

        [Fact]
        public Task Reports_Count_and_Length_properties_of_the_materialised_list() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db) => {|PERF104:db.Orders.ToList()|}.Count + {|PERF104:db.Lines.ToArray()|}.Length;
            }
            """);

        [Fact]
        public Task Reports_awaited_ToListAsync_then_filtered() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, CancellationToken ct)
                {
                    var big = (await {|PERF104:db.Orders.ToListAsync(ct)|}).Where(o => o.Total > 100).ToList();
                    return (await {|PERF104:db.Orders.ToArrayAsync(ct)|}).Count(o => o.Total > 5) + big.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_materialised_local_used_only_by_in_memory_operators() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db)
                {
                    var all = await {|PERF104:db.Customers.ToListAsync()|};
                    return all.Where(c => c.Name.StartsWith("A")).Select(c => c.Email).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_query_syntax_materialised_then_filtered() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db) => {|PERF104:(from o in db.Orders select o).ToList()|}.Where(o => o.Total > 1).ToList();
            }
            """);

        [Fact]
        public Task Reports_a_local_looked_up_once_and_counted() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<(Customer?, int)> M(ShopDb db)
                {
                    var all = await {|PERF104:db.Customers.ToListAsync()|};
                    return (all.FirstOrDefault(c => c.Name == "Ada"), all.Count);
                }
            }
            """);

        // The Conduit sample's tag list: the list is read through a null-conditional.
        [Fact]
        public Task Reports_a_local_projected_through_a_null_conditional() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db)
                {
                    var all = await {|PERF104:db.Customers.OrderBy(c => c.Name).ToListAsync()|};
                    return all?.Select(c => c.Email).ToList() ?? new List<string>();
                }
            }
            """);

        // ---- Not flagged ----

        [Fact]
        public Task Ignores_a_local_whose_null_conditional_read_is_not_an_operator() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int?> M(ShopDb db)
                {
                    var all = await db.Customers.ToListAsync();
                    return all?.Capacity;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_local_whose_null_conditional_projection_runs_per_element() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<string>> M(ShopDb db, List<int> ids)
                {
                    var all = await db.Customers.ToListAsync();
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        names.AddRange(all?.Where(c => c.Id == id).Select(c => c.Email) ?? Enumerable.Empty<string>());
                    }

                    return names;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_list_loaded_once_and_summed_several_ways() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<(decimal, int, decimal)> M(ShopDb db, int customerId)
                {
                    var selected = await db.Orders.Where(o => o.CustomerId == customerId).ToListAsync();
                    return (selected.Sum(o => o.Total), selected.Sum(o => o.Lines.Count), selected.Max(o => o.Total));
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_loaded_only_to_be_summed_once() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<decimal> M(ShopDb db, int customerId)
                {
                    var selected = await {|PERF104:db.Orders.Where(o => o.CustomerId == customerId).ToListAsync()|};
                    return selected.Sum(o => o.Total);
                }
            }
            """);

        [Fact]
        public Task Ignores_a_list_loaded_once_and_looked_up_with_several_keys() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<Customer>> M(ShopDb db)
                {
                    var all = await db.Customers.ToListAsync();
                    var ada = all.First(c => c.Name == "Ada");
                    var bob = all.First(c => c.Name == "Bob");
                    var vips = all.Where(c => c.Email.EndsWith("@vip.example")).ToList();
                    vips.Add(ada);
                    vips.Add(bob);
                    return vips;
                }
            }
            """);

        [Fact]
        public Task Ignores_operators_composed_into_the_query() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    var a = db.Orders.Where(o => o.Total > 100).ToList();
                    var b = await db.Orders.CountAsync();
                    var c = db.Customers.OrderBy(x => x.Name).Select(x => x.Name).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_predicate_calling_a_method_of_the_users_code() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private static bool IsVip(Customer c) => c.Name.Length > 3;

                public List<Customer> M(ShopDb db)
                {
                    bool Local(Order o) => o.Total > 3;
                    var a = db.Customers.ToList().Where(c => IsVip(c)).ToList();
                    var b = db.Customers.AsEnumerable().Where(IsVip).ToList();
                    var c = db.Orders.ToList().Where(o => Local(o)).Count();
                    return a;
                }
            }
            """);

        [Fact]
        public Task Ignores_a_projection_through_a_constructor_of_the_application_given_the_element() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerView
            {
                // allReady's view models: code of the application run on the whole entity.
                public CustomerView(Customer c) { Id = c.Id; Name = c.Name.Trim(); }
                public int Id { get; }
                public string Name { get; }
            }

            public class C
            {
                public List<CustomerView> M(ShopDb db) => db.Customers.ToList().Select(c => new CustomerView(c)).ToList();
            }
            """);

        [Fact]
        public Task Reports_a_projection_through_a_constructor_of_the_application_given_columns() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerView
            {
                public CustomerView(int id, string name) { Id = id; Name = name; }
                public int Id { get; }
                public string Name { get; }
            }

            public class C
            {
                public List<CustomerView> M(ShopDb db) => {|PERF104:db.Customers.ToList()|}.Select(c => new CustomerView(c.Id, c.Name)).ToList();
            }
            """);

        private const string CustomerViewWithConversions = """
            public class CustomerView
            {
                public int Id { get; init; }
                public string Name { get; init; } = "";

                // TagzApp's storage entities convert to their models this way.
                public static explicit operator CustomerView(Customer c) => new CustomerView { Id = c.Id, Name = c.Name.Trim() };
            }

            public class NameView
            {
                public string Text { get; init; } = "";
                public static implicit operator NameView(string name) => new NameView { Text = name };
            }

            """;

        [Fact]
        public Task Ignores_a_projection_through_a_conversion_operator_of_the_application_given_the_element() => VerifyCS.AnalyzerAsync(Model + CustomerViewWithConversions + """
            public class C
            {
                public async Task<CustomerView[]> M(ShopDb db)
                    => (await db.Customers.OrderBy(c => c.Id).Take(50).ToArrayAsync()).Select(c => (CustomerView)c).ToArray();
            }
            """);

        [Fact]
        public Task Ignores_a_projection_through_an_implicit_conversion_operator_given_the_element() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerView
            {
                public int Id { get; init; }
                public static implicit operator CustomerView(Customer c) => new CustomerView { Id = c.Id };
            }

            public class C
            {
                public List<CustomerView> M(ShopDb db) => db.Customers.ToList().Select<Customer, CustomerView>(c => c).ToList();
            }
            """);

        [Fact]
        public Task Reports_a_projection_through_a_conversion_operator_given_a_column() => VerifyCS.AnalyzerAsync(Model + CustomerViewWithConversions + """
            public class C
            {
                public List<NameView> M(ShopDb db) => {|PERF104:db.Customers.ToList()|}.Select(c => (NameView)c.Name).ToList();
            }
            """);

        [Fact]
        public Task Reports_a_filter_before_a_projection_through_a_conversion_operator_given_the_element() => VerifyCS.AnalyzerAsync(Model + CustomerViewWithConversions + """
            public class C
            {
                public List<CustomerView> M(ShopDb db, int id) => {|PERF104:db.Customers.ToList()|}.Where(c => c.Id > id).Select(c => (CustomerView)c).ToList();
            }
            """);

        [Fact]
        public Task Reports_a_filter_before_a_projection_through_a_constructor_of_the_application_given_the_element() => VerifyCS.AnalyzerAsync(Model + """
            public class CustomerView
            {
                public CustomerView(Customer c) { Id = c.Id; Name = c.Name.Trim(); }
                public int Id { get; }
                public string Name { get; }
            }

            public class C
            {
                // allReady's GetMyVolunteerTasks: the Where still belongs in the query.
                public List<CustomerView> M(ShopDb db, int id) => {|PERF104:db.Customers.ToList()|}.Where(c => c.Id == id).Select(c => new CustomerView(c)).ToList();
            }
            """);

        [Fact]
        public Task Ignores_predicate_reading_an_unmapped_property() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations.Schema;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public class Person
            {
                public int Id { get; set; }
                public string First { get; set; } = "";
                public string Last { get; set; } = "";
                public string FullName => First + " " + Last;
                [NotMapped] public int Score { get; set; }
            }

            public class PeopleDb : DbContext { public DbSet<Person> People => Set<Person>(); }

            public class C
            {
                public void M(PeopleDb db)
                {
                    var a = db.People.ToList().Where(p => p.FullName.Contains("x")).ToList();
                    var b = db.People.AsEnumerable().OrderBy(p => p.Score).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_index_overloads_comparers_and_culture_sensitive_calls() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    var everyOther = db.Orders.ToList().Where((o, i) => i % 2 == 0).ToList();
                    var byName = db.Customers.AsEnumerable().Where(c => string.Equals(c.Name, "ann", StringComparison.OrdinalIgnoreCase)).ToList();
                    var sorted = db.Customers.ToList().OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
                    var distinct = db.Customers.Select(c => c.Email).ToList().Distinct(StringComparer.OrdinalIgnoreCase).Count();
                    var upper = db.Customers.ToList().Select(c => c.Name.ToUpper(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_predicate_invoking_a_delegate() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db, Func<Order, bool> filter) => db.Orders.ToList().Where(o => filter(o)).ToList();
            }
            """);

        // A TB surveillance service's alert job: the query filters by an expression, the list by a delegate it is given.
        [Fact]
        public Task Ignores_a_delegate_value_given_as_the_predicate() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private readonly Func<Order, bool> _isLate = o => o.Id > 3;

                public async Task<List<Order>> M(ShopDb db, System.Linq.Expressions.Expression<Func<Order, bool>> inRange, Func<Order, bool> qualifies)
                {
                    var orders = await db.Orders.Where(inRange).OrderBy(o => o.Id).Take(50).ToListAsync();
                    return orders.Where(qualifies).ToList();
                }

                public List<Order> Late(ShopDb db) => db.Orders.ToList().Where(_isLate).ToList();
            }
            """);

        [Fact]
        public Task Ignores_materialised_list_used_for_more_than_in_memory_operators() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db)
                {
                    var all = db.Orders.ToList();
                    var big = all.Where(o => o.Total > 100).ToList();
                    foreach (var o in all) { o.Total += 1; }
                    return all;
                }
            }
            """);

        [Fact]
        public Task Ignores_conversions_to_other_collections_and_in_memory_sources() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<Order> orders, IQueryable<Order> unknown)
                {
                    var byId = db.Orders.ToList().ToDictionary(o => o.Id);
                    var a = orders.ToList().Where(o => o.Total > 1).ToList();
                    var b = unknown.ToList().Where(o => o.Total > 1).ToList();
                    var c = db.Orders.ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_in_memory_operators_on_a_navigation_inside_a_translated_projection() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    var rows = db.Orders.Select(o => new { o.Id, Lines = o.Lines.Where(l => l.Quantity > 1).Count() }).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_query_awaited_with_ConfigureAwait() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db, CancellationToken ct)
                {
                    var orders = await {|PERF104:db.Orders.OrderBy(o => o.Id).Take(50).ToListAsync(ct)|}.ConfigureAwait(false);
                    var big = (await {|PERF104:db.Orders.ToListAsync(ct)|}.ConfigureAwait(false)).Where(o => o.Total > 100).ToList();
                    return orders.Select(o => o.Id).Sum() + big.Count;
                }
            }
            """);

        // ---- A bare count guarding another read of the same list ----

        [Fact]
        public Task Ignores_a_count_guard_before_an_element_read_of_the_list() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<decimal?> Latest(ShopDb db, int customerId, CancellationToken ct)
                {
                    var rows = await db.Orders.Where(o => o.CustomerId == customerId).ToListAsync(ct);
                    if (rows.Count == 0) return null;
                    return rows.OrderByDescending(o => o.Id).First().Total;
                }

                public async Task Trim(ShopDb db, int customerId, CancellationToken ct)
                {
                    var tokens = await db.Orders.Where(o => o.CustomerId == customerId).OrderBy(o => o.Id).ToListAsync(ct);
                    if (tokens.Count() > 5)
                    {
                        db.Orders.RemoveRange(tokens.Take(tokens.Count() - 5));
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_count_that_is_the_only_read_of_the_list() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<bool> Any(ShopDb db, int customerId, CancellationToken ct)
                {
                    var rows = await {|PERF104:db.Orders.Where(o => o.CustomerId == customerId).ToListAsync(ct)|};
                    return rows.Count > 0;
                }

                public async Task<int> Twice(ShopDb db, CancellationToken ct)
                {
                    var rows = await {|PERF104:db.Orders.ToListAsync(ct)|};
                    return rows.Count + rows.Count();
                }
            }
            """);

        [Fact]
        public Task Reports_an_element_read_that_comes_before_a_count_of_the_list() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<decimal> Largest(ShopDb db, CancellationToken ct)
                {
                    var rows = await {|PERF104:db.Orders.ToListAsync(ct)|};
                    var largest = rows.OrderByDescending(o => o.Total).First().Total;
                    return rows.Count > 1 ? largest : 0;
                }
            }
            """);

        // ---- A list loaded once and looked up per element (docs/rules/PERF104.md, "Lookups, shuffles and characters") ----

        [Fact]
        public Task Ignores_a_list_looked_up_in_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db, List<Customer> customers)
                {
                    var ids = customers.Select(c => c.Id).ToList();
                    var orders = await db.Orders.Where(o => ids.Contains(o.CustomerId)).ToListAsync();
                    foreach (var customer in customers)
                    {
                        customer.Name = orders.Where(o => o.CustomerId == customer.Id).Sum(o => o.Total).ToString();
                    }
                }
            }
            """);

        [Fact]
        public Task Ignores_a_list_looked_up_in_a_projection() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<decimal> M(ShopDb db, List<Customer> customers)
                {
                    var orders = db.Orders.ToList();
                    return customers.Select(c => orders.Where(o => o.CustomerId == c.Id).Sum(o => o.Total)).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_loaded_and_filtered_inside_the_same_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> customerIds)
                {
                    foreach (var id in customerIds)
                    {
                        var orders = {|PERF104:db.Orders.ToList()|};
                        var mine = orders.Where(o => o.CustomerId == id).ToList();
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_filtered_as_the_collection_of_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task M(ShopDb db)
                {
                    var customers = await {|PERF104:db.Customers.ToListAsync()|};
                    foreach (var customer in customers.Where(c => string.IsNullOrEmpty(c.Email)))
                    {
                        customer.Email = "unknown";
                    }
                }
            }
            """);

        [Fact]
        public Task Reports_a_list_filtered_once_after_a_loop() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public int M(ShopDb db, List<int> customerIds)
                {
                    var orders = {|PERF104:db.Orders.ToList()|};
                    foreach (var id in customerIds)
                    {
                        System.Console.WriteLine(id);
                    }

                    return orders.Count(o => o.Total > 10);
                }
            }
            """);

        [Fact]
        public Task Ignores_a_shuffle_in_memory() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                private readonly System.Random random = new();

                public async Task<List<Order>> M(ShopDb db)
                {
                    var orders = await db.Orders.Where(o => o.Total > 10).ToListAsync();
                    return orders.OrderBy(_ => random.Next()).Take(4).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_an_ordering_by_a_column_of_the_element() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db) => {|PERF104:db.Orders.ToList()|}.OrderBy(o => o.Total).Take(4).ToList();
            }
            """);

        [Fact]
        public Task Ignores_formatting_a_column_the_query_already_projected() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                // ErsatzTV's channel guide: one column crosses either way.
                public HashSet<string> M(ShopDb db) => db.Customers.Where(c => c.Name != "").Select(c => c.Id).AsEnumerable().Select(n => $"{n}.xml").ToHashSet();
            }
            """);

        // plan-backend's notifications: the member ids cross as one column, then become new rows in memory.
        [Fact]
        public Task Ignores_a_projection_over_a_strongly_typed_id_the_query_already_projected() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public readonly record struct MemberId { public Guid Value { get; init; } }
            public class Member { public int Id { get; set; } public MemberId MemberId { get; set; } public int TeamId { get; set; } }
            public class Notice { public int Id { get; set; } public MemberId MemberId { get; set; } public string Text { get; set; } = ""; }
            public class TeamDb : DbContext { public DbSet<Member> Members => Set<Member>(); public DbSet<Notice> Notices => Set<Notice>(); }

            public class C
            {
                public async Task M(TeamDb db, int teamId)
                {
                    var ids = await db.Members.Where(m => m.TeamId == teamId).Select(m => m.MemberId).ToListAsync();
                    db.AddRange(ids.Select(id => new Notice { MemberId = id, Text = "Created" }).ToList());
                    await db.SaveChangesAsync();
                }
            }
            """);

        [Fact]
        public Task Reports_a_projection_over_a_struct_of_two_values() => VerifyCS.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public readonly record struct Period(DateTime From, DateTime To);
            public class Member { public int Id { get; set; } public Period Period { get; set; } public int TeamId { get; set; } }
            public class TeamDb : DbContext { public DbSet<Member> Members => Set<Member>(); }

            public class C
            {
                public async Task<List<DateTime>> M(TeamDb db, int teamId)
                {
                    var periods = await {|PERF104:db.Members.Where(m => m.TeamId == teamId).Select(m => m.Period).ToListAsync()|};
                    return periods.Select(p => p.From).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_projection_of_entities_materialised_whole() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db) => {|PERF104:db.Customers.AsEnumerable()|}.Select(c => $"{c.Id}.xml").ToList();
            }
            """);

        [Fact]
        public Task Ignores_a_character_of_a_projected_string() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<char> M(ShopDb db) => db.Customers.Select(c => c.Name.ToUpper()).AsEnumerable().Select(n => n[0]).ToList();
            }
            """);

        [Fact]
        public Task Ignores_reshaping_columns_the_query_projected_into_an_anonymous_type() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db) => db.Orders.Where(o => o.Total > 0).Select(o => new { o.Id, o.Total }).AsEnumerable().Select(x => $"{x.Id}:{x.Total}").ToList();
            }
            """);

        // Elsa's workflow-instance store: ids projected in SQL into a one-column class, unwrapped in memory.
        private const string IdRows = Model + """
            public class OrderId
            {
                public int Id { get; set; }
                public static System.Linq.Expressions.Expression<Func<Order, OrderId>> FromOrder() => o => new OrderId { Id = o.Id };
            }

            public class OrderSummary
            {
                public int Id { get; set; }
                public Customer? Customer { get; set; }
            }

            """;

        [Fact]
        public Task Ignores_unwrapping_a_class_of_columns_the_query_projected() => VerifyCS.AnalyzerAsync(IdRows + """
            public class C
            {
                public async Task<List<int>> Ids(ShopDb db, CancellationToken ct)
                {
                    var rows = await db.Orders.OrderBy(o => o.Id).Skip(10).Take(10).Select(OrderId.FromOrder()).ToListAsync(ct);
                    return rows.Select(x => x.Id).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_class_of_columns_read_whole_or_holding_an_entity() => VerifyCS.AnalyzerAsync(IdRows + """
            public class C
            {
                public async Task<List<int>> Large(ShopDb db, CancellationToken ct)
                {
                    var rows = await {|PERF104:db.Orders.Select(OrderId.FromOrder()).ToListAsync(ct)|};
                    return rows.Where(x => x.Id > 10).Select(x => x.Id).ToList();
                }

                public async Task<List<string>> Names(ShopDb db, CancellationToken ct)
                {
                    var rows = await {|PERF104:db.Orders.Select(o => new OrderSummary { Id = o.Id, Customer = o.Customer }).ToListAsync(ct)|};
                    return rows.Select(x => x.Customer!.Name).ToList();
                }
            }
            """);

        [Fact]
        public Task Ignores_reshaping_a_projection_with_a_vector_column() => VerifyCS.AnalyzerAsync(Model + """
            public class Chunk { public int Id { get; set; } public string Name { get; set; } = ""; public Microsoft.Data.SqlTypes.SqlVector<float> Embedding { get; set; } }
            public class ChunkModel { public string Name { get; set; } = ""; public string Embedding { get; set; } = ""; }
            public class ChunkDb : DbContext { public DbSet<Chunk> Chunks => Set<Chunk>(); }

            public class C
            {
                // Practical.CleanArchitecture's file chunks: the columns are chosen in SQL, then serialised in memory.
                public List<ChunkModel> M(ChunkDb db) => db.Chunks.OrderBy(c => c.Id).Select(c => new { c.Name, c.Embedding }).AsEnumerable()
                    .Select(x => new ChunkModel { Name = x.Name, Embedding = System.Text.Json.JsonSerializer.Serialize(x.Embedding.Memory.ToArray()) }).ToList();
            }
            """);

        [Fact]
        public Task Ignores_an_operator_over_a_query_taking_one_row() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                // ZKEACMS's latest article: the database already returns one row at most.
                public Order? M(ShopDb db) => db.Orders.Where(o => o.Total > 0).OrderByDescending(o => o.Id).Take(1).ToList().FirstOrDefault();

                public async Task<int> N(ShopDb db)
                {
                    var latest = await db.Orders.OrderByDescending(o => o.Id).Take(1).ToListAsync();
                    return latest.Count;
                }
            }
            """);

        // An apprenticeship agency's provider registrations: the query reads one invitation by its key.
        [Fact]
        public Task Ignores_an_operator_over_a_query_filtered_on_the_key() => VerifyCS.AnalyzerAsync(Model + """
            public record OrderDto(int Id, decimal Total);

            public class C
            {
                public async Task<OrderDto?> M(ShopDb db, int orderId, CancellationToken ct)
                {
                    var order = await db.Orders.Include(o => o.Lines).Where(o => o.Id == orderId)
                        .Select(o => new OrderDto(o.Id, o.Total)).ToListAsync(ct);
                    return order.FirstOrDefault();
                }

                public Order? N(ShopDb db, int orderId) => db.Orders.Where(o => o.Total > 0 && orderId == o.Id).ToList().FirstOrDefault(o => o.Total > 5);
            }
            """);

        // BTCPay Server's invoice repository: the key filter written back into a query local, after optional includes.
        [Fact]
        public Task Ignores_an_operator_over_a_query_local_composed_with_the_key_filter() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<Order?> M(ShopDb db, int id, bool withLines)
                {
                    IQueryable<Order> query = db.Orders.Include(o => o.Customer);
                    if (withLines)
                        query = query.Include(o => o.Lines);
                    query = query.Where(o => o.Id == id);

                    return (await query.ToListAsync()).FirstOrDefault();
                }

                public async Task<Order?> N(ShopDb db, int id)
                {
                    var query = db.Orders.Where(o => o.Id == id);
                    return (await query.ToListAsync()).FirstOrDefault();
                }
            }
            """);

        [Fact]
        public Task Reports_an_operator_over_a_query_local_whose_key_filter_is_on_one_path_only() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<Order?> M(ShopDb db, int id, bool one)
                {
                    IQueryable<Order> query = db.Orders;
                    if (one)
                        query = query.Where(o => o.Id == id);

                    return (await {|PERF104:query.ToListAsync()|}).FirstOrDefault();
                }

                public async Task<OrderLine?> N(ShopDb db, int id, bool lines)
                {
                    IQueryable<Order> query = db.Orders;
                    query = query.Where(o => o.Id == id);
                    var rows = query.SelectMany(o => o.Lines);
                    return (await {|PERF104:rows.ToListAsync()|}).FirstOrDefault();
                }
            }
            """);

        // A foreign key (many orders per customer), a key compared with the row itself, or lines of one order: many rows.
        [Fact]
        public Task Reports_an_operator_over_a_query_filtered_on_another_column_or_multiplied_after_the_key() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public Order? M(ShopDb db, int customerId) => {|PERF104:db.Orders.Where(o => o.CustomerId == customerId).ToList()|}.FirstOrDefault(o => o.Total > 5);

                public Order? N(ShopDb db) => {|PERF104:db.Orders.Where(o => o.Id == o.CustomerId).ToList()|}.FirstOrDefault(o => o.Total > 5);

                public OrderLine? L(ShopDb db, int orderId) => {|PERF104:db.Orders.Where(o => o.Id == orderId).SelectMany(o => o.Lines).ToList()|}.FirstOrDefault(l => l.Quantity > 1);
            }
            """);

        [Fact]
        public Task Reports_an_operator_over_a_query_taking_more_rows() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public Order? M(ShopDb db) => {|PERF104:db.Orders.OrderByDescending(o => o.Id).Take(10).ToList()|}.FirstOrDefault(o => o.Total > 5);
            }
            """);

        [Fact]
        public Task Ignores_reshaping_rows_of_columns_read_by_raw_sql() => VerifyCS.AnalyzerAsync(Model + """
            public class UpgradeRow { public int Id { get; set; } public string Kind { get; set; } = ""; public decimal Score { get; set; } }
            public enum Kind { Movie, Series }
            public record Upgrade(int Id, Kind Kind, decimal Score);

            public class C
            {
                // Cleanuparr's score history: the SQL chooses the columns, the rows are parsed in memory.
                public async Task<List<Upgrade>> M(ShopDb db)
                {
                    var rows = await db.Database.SqlQueryRaw<UpgradeRow>("SELECT Id, Kind, Score FROM Upgrades LIMIT 50").ToListAsync();
                    return rows.Select(r => new Upgrade(r.Id, Enum.Parse<Kind>(r.Kind), r.Score)).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_filter_after_rows_read_by_raw_sql() => VerifyCS.AnalyzerAsync(Model + """
            public class UpgradeRow { public int Id { get; set; } public string Kind { get; set; } = ""; public decimal Score { get; set; } }

            public class C
            {
                public async Task<List<int>> M(ShopDb db)
                {
                    var rows = await {|PERF104:db.Database.SqlQueryRaw<UpgradeRow>("SELECT Id, Kind, Score FROM Upgrades").ToListAsync()|};
                    return rows.Where(r => r.Score > 10).Select(r => r.Id).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_reshaping_entities_read_by_raw_sql_on_a_set() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db) => {|PERF104:db.Orders.FromSqlRaw("SELECT * FROM Orders").ToList()|}.Select(o => $"{o.Id}:{o.Total}").ToList();
            }
            """);

        [Fact]
        public Task Reports_raw_sql_that_only_starts_with_a_word_like_exec() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<Order?> M(ShopDb db)
                {
                    var rows = await {|PERF104:db.Orders.FromSqlRaw("EXECUTED_ORDERS_VIEW").ToListAsync()|};
                    return rows.FirstOrDefault(o => o.Total > 10);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_the_result_of_a_stored_procedure() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<Order?> M(ShopDb db, int days)
                {
                    var result = await db.Orders.FromSqlRaw("EXEC dbo.RecentOrders @days", days).ToListAsync();
                    return result.FirstOrDefault();
                }
            }
            """);

        [Fact]
        public Task Does_not_report_the_result_of_a_stored_procedure_called_with_interpolation() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<decimal> M(ShopDb db, int days)
                    => db.Orders.FromSql($"execute dbo.RecentOrders {days}").ToList().Select(o => o.Total).ToList();
            }
            """);

        // Found in an animal-health laboratory's virus-isolate service: every procedure runs through the base repository.
        private const string RawSqlRepositoryBase = """
            public class UpgradeRow { public int Id { get; set; } public decimal Score { get; set; } }

            public abstract class RepositoryBase(ShopDb context)
            {
                protected virtual IQueryable<T> GetQueryableResultFor<T>(string sql, params object[] parameters) where T : class
                    => context.Set<T>().FromSqlRaw(sql, parameters);

                protected virtual IQueryable<T> GetQueryableInterpolatedFor<T>(FormattableString sql) where T : class
                {
                    return context.Set<T>().FromSqlInterpolated(sql);
                }

                protected IQueryable<T> SqlQueryInterpolatedFor<T>(FormattableString sql) => context.Database.SqlQuery<T>(sql);
            }

            """;

        [Fact]
        public Task Does_not_report_the_result_of_a_stored_procedure_run_through_a_helper_of_the_application() => VerifyCS.AnalyzerAsync(Model + RawSqlRepositoryBase + """
            public class OrderRepository(ShopDb context) : RepositoryBase(context)
            {
                public async Task<Order> ById(int customerId, int id)
                {
                    var orders = await GetQueryableResultFor<Order>($"EXEC spOrdersByCustomer @CustomerId", customerId).ToListAsync();
                    return orders.First(o => o.Id == id);
                }

                public async Task<List<int>> Large(int days)
                    => (await GetQueryableInterpolatedFor<Order>($"EXEC dbo.RecentOrders {days}").ToListAsync()).Where(o => o.Total > 100).Select(o => o.Id).ToList();

                public async Task<int> Count(string number)
                    => (await SqlQueryInterpolatedFor<int>($"EXECUTE spCountByNumber @Number = {number}").ToListAsync()).FirstOrDefault();
            }
            """);

        [Fact]
        public Task Reports_plain_sql_run_through_a_helper_of_the_application() => VerifyCS.AnalyzerAsync(Model + RawSqlRepositoryBase + """
            public class OrderRepository(ShopDb context) : RepositoryBase(context)
            {
                public async Task<Order> ById(int id)
                {
                    var orders = await {|PERF104:GetQueryableResultFor<Order>("SELECT * FROM Orders").ToListAsync()|};
                    return orders.First(o => o.Id == id);
                }

                public async Task<List<int>> Large(int days)
                    => (await {|PERF104:GetQueryableInterpolatedFor<Order>($"SELECT * FROM Orders WHERE Days < {days}").ToListAsync()|}).Where(o => o.Total > 100).Select(o => o.Id).ToList();
            }
            """);

        [Fact]
        public Task Reports_an_anonymous_projection_holding_an_entity() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<string> M(ShopDb db) => {|PERF104:db.Orders.Select(o => new { o.Id, o.Customer }).AsEnumerable()|}.Select(x => $"{x.Id}:{x.Customer!.Name}").ToList();
            }
            """);

        [Fact]
        public Task Reports_a_filter_after_an_anonymous_projection() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db) => {|PERF104:db.Orders.Select(o => new { o.Id, o.Total }).AsEnumerable()|}.Where(x => x.Total > 10).Select(x => x.Id).ToList();
            }
            """);

        // ---- Found in Smartstore: a controller projecting a list into view models ----

        private const string ExportModel = """
            public class ProviderItem { public int Id { get; set; } public string Name { get; set; } = ""; public string? ImageUrl { get; set; } }
            public class ExportProvider { public string SystemName { get; set; } = ""; public string? Icon { get; set; } }

            public static class OrderQueryExtensions
            {
                public static IQueryable<Order> ApplyStandardFilter(this IQueryable<Order> query) => query.OrderBy(o => o.Id);
            }

            public static class DictionaryExtensions
            {
                public static TValue? Get<TKey, TValue>(this IDictionary<TKey, TValue> source, TKey key) where TKey : notnull
                    => source.TryGetValue(key, out var value) ? value : default;
            }

            """;

        [Fact]
        public Task Reports_a_controller_list_projected_into_view_models_from_its_columns() => VerifyCS.AnalyzerAsync(Model + ExportModel + """
            public class ExportController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly ShopDb db;
                public ExportController(ShopDb db) => this.db = db;

                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Create()
                {
                    var orders = await {|PERF104:db.Orders.AsNoTracking().ApplyStandardFilter().ToListAsync()|};
                    ViewBag.Orders = orders.Select(x => new ProviderItem { Id = x.Id, Name = x.Id.ToString() }).ToList();
                    return View();
                }
            }
            """);

        [Fact]
        public Task Ignores_a_projection_calling_a_controller_method_with_a_dictionary_lookup() => VerifyCS.AnalyzerAsync(Model + ExportModel + """
            public class ExportController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly ShopDb db;
                public ExportController(ShopDb db) => this.db = db;

                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Create(List<ExportProvider> all)
                {
                    var providers = all.ToDictionary(p => p.SystemName);
                    var orders = await db.Orders.AsNoTracking().ApplyStandardFilter().ToListAsync();
                    ViewBag.Orders = orders
                        .Select(x => new ProviderItem { Id = x.Id, Name = x.Id.ToString(), ImageUrl = GetThumbnailUrl(providers.Get(x.Id.ToString())) })
                        .ToList();
                    return View();
                }

                private string GetThumbnailUrl(ExportProvider? provider) => provider?.Icon ?? "/default.png";
            }
            """);

        [Fact]
        public Task Ignores_a_projection_whose_call_does_not_bind() => VerifyCS.AnalyzerAsync(Model + ExportModel + """
            public class ExportController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly ShopDb db;
                public ExportController(ShopDb db) => this.db = db;

                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Create(List<ExportProvider> all)
                {
                    // An extension the compilation cannot resolve: 'providers' has no type, and the call below does not bind.
                    var providers = all.{|CS1061:ToDictionarySafe|}(p => p.SystemName);
                    var orders = await db.Orders.AsNoTracking().ApplyStandardFilter().ToListAsync();
                    ViewBag.Orders = orders
                        .Select(x => new ProviderItem { Id = x.Id, ImageUrl = GetThumbnailUrl(providers.Get(x.Id.ToString())) })
                        .ToList();
                    return View();
                }

                private string GetThumbnailUrl(ExportProvider? provider) => provider?.Icon ?? "/default.png";
            }
            """);

        // Every row and column is kept: the ordering could run in the database, but nothing less would be transferred.
        [Fact]
        public Task Ignores_a_list_that_is_only_ordered_in_memory() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<List<OrderLine>> M(ShopDb db, int[] ids)
                {
                    var direct = (await db.Lines.Where(l => ids.Contains(l.OrderId)).ToListAsync()).OrderBy(l => l.OrderId).ThenBy(l => l.Quantity).ToList();
                    var lines = await db.Lines.Where(l => ids.Contains(l.OrderId)).ToListAsync();
                    var ordered = lines.OrderBy(l => l.OrderId).ThenByDescending(l => l.Quantity);
                    foreach (var line in ordered)
                    {
                        direct.Add(line);
                    }

                    return direct;
                }
            }
            """);

        [Fact]
        public Task Reports_an_ordering_followed_by_paging_or_a_filter_on_another_read() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<OrderLine?> M(ShopDb db, int[] ids)
                {
                    var first = {|PERF104:db.Lines.ToList()|}.OrderBy(l => l.Quantity).FirstOrDefault();
                    var lines = await {|PERF104:db.Lines.Where(l => ids.Contains(l.OrderId)).ToListAsync()|};
                    var ordered = lines.OrderBy(l => l.OrderId).ToList();
                    var large = lines.Where(l => l.Quantity > 10).ToList();
                    return first ?? ordered.FirstOrDefault() ?? large.FirstOrDefault();
                }
            }
            """);

        // Found in CleanArchitectureWithBlazorServer's seed data: one read projects every row, another takes the first;
        // the table crosses either way, and the moved projection would change what 'First().Id' reads.
        [Fact]
        public Task Ignores_a_list_projected_whole_and_read_again() => VerifyCS.AnalyzerAsync(Model + """
            public class Copy { public int Id { get; set; } public int CustomerId { get; set; } }

            public class C
            {
                public async Task<int> M(ShopDb db)
                {
                    var customers = await db.Customers.ToListAsync();
                    var copies = customers.Select(c => new Copy { CustomerId = c.Id }).ToList();
                    var first = new Copy { CustomerId = customers.First().Id };

                    var orders = db.Orders.ToList();
                    var totals = orders.OrderBy(o => o.Id).Select(o => o.Total).ToArray();
                    var large = orders.Where(o => o.Total > 100).ToList();
                    return copies.Count + first.CustomerId + totals.Length + large.Count;
                }
            }
            """);

        [Fact]
        public Task Reports_a_projection_read_alone_or_after_a_filter() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<int> M(ShopDb db)
                {
                    var customers = await {|PERF104:db.Customers.ToListAsync()|};
                    var names = customers.Select(c => c.Name).ToList();

                    var orders = {|PERF104:db.Orders.ToList()|};
                    var large = orders.Where(o => o.Total > 100).Select(o => o.Id).ToList();
                    return names.Count + large.Count + orders.Count;
                }
            }
            """);

        // Found in a video-hearings booking API's anonymisation query: two reads each keep the distinct values of one
        // column, so neither needs every row (docs/rules/PERF104.md).
        [Fact]
        public Task Reports_a_list_read_twice_for_the_distinct_values_of_a_column() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<(List<int> Customers, List<decimal> Totals)> M(ShopDb db)
                {
                    var orders = await {|PERF104:db.Orders.Include(o => o.Customer).ToListAsync()|};
                    return (orders.Select(o => o.CustomerId).Distinct().ToList(), orders.Select(o => o.Total).Distinct().ToList());
                }
            }
            """);

        [Fact]
        public Task Reports_a_filter_on_an_anonymous_projection_after_the_list() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<int> M(ShopDb db)
                    => {|PERF104:db.Orders.ToList()|}.Select(o => new { o.Id, o.Total }).Where(x => x.Total > 10).Select(x => x.Id).ToList();
            }
            """);

        // CS1963: an expression tree may not contain a dynamic operation, so the filter cannot move into the query.
        [Fact]
        public Task Ignores_a_filter_reading_a_dynamic_value() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public List<Order> M(ShopDb db, dynamic bag)
                {
                    var all = db.Orders.ToList();
                    return all.Where(o => o.CustomerId == bag.CustomerId).ToList();
                }
            }
            """);

        // Found in bitwarden: a sum over JSON with '?.' and a nested statement lambda (CS8072, CS0834).
        [Fact]
        public Task Ignores_a_sum_whose_lambda_an_expression_tree_cannot_hold() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public async Task<long> M(ShopDb db)
                {
                    var skus = await db.Lines.Select(l => l.Sku).ToListAsync();
                    return skus.Sum(s => s?.Split(',').Sum(p => { if (long.TryParse(p, out var n)) return n; return 0L; }) ?? 0L);
                }
            }
            """);

        // Each lambda holds C# an expression tree cannot: moving the operator into the query would not compile.
        [Fact]
        public Task Ignores_in_memory_lambdas_an_expression_tree_cannot_hold() => VerifyCS.AnalyzerAsync(Model + """
            public record Copy(int Id, int Quantity);

            public class C
            {
                public void M(ShopDb db, int seen)
                {
                    var a = db.Orders.ToList().Where(o => o.Customer?.Name == "A").ToList();
                    var b = db.Orders.ToList().Sum(o => o.Lines.Sum(l => { return l.Quantity; }));
                    var c = db.Orders.ToList().Sum(o => o.Lines.Sum(delegate (OrderLine l) { return l.Quantity; }));
                    var d = db.Orders.ToList().Where(o => o.Customer is { Name: "A" }).ToList();
                    var e = db.Orders.ToList().Select(o => o.Id switch { 1 => "one", _ => "many" }).ToList();
                    var f = db.Customers.ToList().Select(c => c.Name ?? throw new InvalidOperationException()).ToList();
                    var g = db.Orders.ToList().Select(o => (o.Id, o.Total)).ToList();
                    var h = db.Orders.ToList().Where(o => (o.Id, o.CustomerId) == (1, 2)).ToList();
                    var i = db.Orders.ToList().Where(o => ++seen > 0).ToList();
                    var j = db.Orders.ToList().Select(o => o.Total = 0).ToList();
                    var k = db.Customers.ToList().Where(c => int.TryParse(c.Name, out var n) && n > 1).ToList();
                    var l = db.Customers.ToList().Where(c => int.TryParse(c.Name, out _)).ToList();
                    var m = db.Lines.ToList().Select(l => new Copy(l.Id, l.Quantity) with { Quantity = 0 }).ToList();
                    var n = db.Orders.ToList().Select(o => o.Lines[^1].Sku).ToList();
                    var p = db.Customers.ToList().Select(c => c.Name[1..]).ToList();
                    var q = db.Orders.ToList().Select<Order, int[]>(o => [o.Id, o.CustomerId]).ToList();
                }
            }
            """);

        // A digital-services register's lookup endpoints: each row becomes a DTO whose extra fields are a dictionary
        // built with index initializers, which an expression tree cannot hold (CS8074).
        [Fact]
        public Task Ignores_a_projection_with_an_index_initializer() => VerifyCS.AnalyzerAsync(Model + """
            public class LookupItem { public int Id { get; set; } public Dictionary<string, object?>? Extra { get; set; } public int[] Slots { get; set; } = new int[2]; }

            public class C
            {
                public async Task<List<LookupItem>> M(ShopDb db)
                {
                    var rows = await db.Orders.OrderBy(o => o.Id).ToListAsync();
                    var a = rows.Select(o => new LookupItem { Id = o.Id, Extra = new Dictionary<string, object?> { ["total"] = o.Total } }).ToList();
                    var b = db.Orders.ToList().Select(o => new LookupItem { Id = o.Id, Slots = { [0] = o.CustomerId } }).ToList();
                    return a;
                }
            }
            """);

        // A dictionary built with Add-style initializers is held by an expression tree: the projection moves.
        [Fact]
        public Task Reports_a_projection_with_a_collection_initializer() => VerifyCS.AnalyzerAsync(Model + """
            public class LookupItem { public int Id { get; set; } public Dictionary<string, object?>? Extra { get; set; } }

            public class C
            {
                public async Task<List<LookupItem>> M(ShopDb db)
                {
                    var rows = await {|PERF104:db.Orders.OrderBy(o => o.Id).ToListAsync()|};
                    return rows.Select(o => new LookupItem { Id = o.Id, Extra = new Dictionary<string, object?> { { "total", o.Total } } }).ToList();
                }
            }
            """);

        // OpenBudgeteer's rule-set service: the rules of a set are searched per row, and EF Core cannot translate a
        // search over a list of objects (it throws "could not be translated").
        [Fact]
        public Task Ignores_a_filter_searching_a_list_of_objects_from_outside_the_row() => VerifyCS.AnalyzerAsync(Model + """
            public class Basket { public List<OrderLine> Lines { get; set; } = new(); public OrderLine[] Kept { get; set; } = []; }

            public class C
            {
                public void M(ShopDb db, Basket basket, List<Customer> vip, HashSet<Order> seen)
                {
                    var removed = db.Lines.Where(l => l.OrderId == 1).ToList().Where(l => basket.Lines.All(b => b.Id != l.Id)).ToList();
                    var kept = db.Lines.ToList().Where(l => basket.Kept.Any(k => k.Id == l.Id)).ToList();
                    var first = db.Orders.ToList().FirstOrDefault(o => vip.Exists(c => c.Id == o.CustomerId));
                    var fresh = db.Orders.ToList().Where(o => !seen.Contains(o)).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_filter_searching_scalars_or_a_navigation() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db, List<int> ids, Customer[] page)
                {
                    var a = {|PERF104:db.Orders.ToList()|}.Where(o => ids.Contains(o.CustomerId)).ToList();
                    // Roadie's ratings: the ids of a page of objects, which EF evaluates before sending the query.
                    var e = {|PERF104:db.Orders.ToList()|}.Where(o => page.Select(c => c.Id).Contains(o.CustomerId)).ToList();
                    var b = {|PERF104:db.Orders.ToList()|}.Where(o => ids.Any(id => id == o.Id)).ToList();
                    var c = {|PERF104:db.Orders.ToList()|}.Where(o => o.Lines.Any(l => l.Quantity > 3)).ToList();
                }
            }
            """);

        // An expression tree holds object initializers, nested expression lambdas, '??', '?:' and a type test: those
        // lambdas move into the query.
        [Fact]
        public Task Reports_lambdas_an_expression_tree_holds() => VerifyCS.AnalyzerAsync(Model + """
            public class OrderView { public int Id { get; set; } public string Name { get; set; } = ""; }

            public class C
            {
                public void M(ShopDb db)
                {
                    var a = {|PERF104:db.Orders.ToList()|}.Select(o => new OrderView { Id = o.Id, Name = o.Customer!.Name ?? "" }).ToList();
                    var b = {|PERF104:db.Orders.ToList()|}.Select(o => o.Lines.Sum(l => l.Quantity)).ToList();
                    var c = {|PERF104:db.Orders.ToList()|}.Where(o => o.Customer != null && o.Customer is Customer ? o.Total > 1 : false).ToList();
                }
            }
            """);

        [Fact]
        public Task Reports_a_projection_from_columns_beside_code_that_does_not_bind() => VerifyCS.AnalyzerAsync(Model + ExportModel + """
            public class ExportController : Microsoft.AspNetCore.Mvc.Controller
            {
                private readonly ShopDb db;
                public ExportController(ShopDb db) => this.db = db;

                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Create(List<ExportProvider> all)
                {
                    var providers = all.{|CS1061:ToDictionarySafe|}(p => p.SystemName);
                    ViewBag.Icon = GetThumbnailUrl(providers.Get("csv"));
                    var orders = await {|PERF104:db.Orders.AsNoTracking().ApplyStandardFilter().ToListAsync()|};
                    ViewBag.Orders = orders.Select(x => new ProviderItem { Id = x.Id, Name = x.Id.ToString() }).ToList();
                    return View();
                }

                private string GetThumbnailUrl(ExportProvider? provider) => provider?.Icon ?? "/default.png";
            }
            """);

        [Fact]
        public Task Ignores_everything_without_EF_Core() => VerifyCS.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public class C
            {
                public int M(IQueryable<int> q) => q.ToList().Where(x => x > 1).Count();
            }
            """, frameworks: Frameworks.NetCore);

        [Fact]
        public Task Does_not_throw_on_half_typed_code() => VerifyCS.AnalyzerAsync(Model + """
            public class C
            {
                public void M(ShopDb db)
                {
                    var a = db.Orders.ToList().{|CS1501:Where|}().Count();
                    var b = db.Orders.ToList().{|CS1061:Wher|}(o => o.Total > 1);
                }
            }
            """);
    
        private const string Issues = """
            public class Issue { public int Id { get; set; } public int Status { get; set; } public DateTime? ResolvedDate { get; set; } }
            public class IssueDb : DbContext { public DbSet<Issue> Issues => Set<Issue>(); }

            """;

        [Fact]
        public Task Ignores_a_filter_on_a_time_span_total() => VerifyCS.AnalyzerAsync(Model + Issues + """
            public class Purge
            {
                public async Task<int> Run(IssueDb db, int days)
                {
                    var today = DateTime.UtcNow.Date;
                    var resolved = await db.Issues.Where(x => x.Status == 2).ToListAsync();
                    return resolved.Count(x => x.ResolvedDate.HasValue && (today - x.ResolvedDate.Value.Date).TotalDays >= days);
                }
            }
            """);

        [Fact]
        public Task Reports_a_filter_comparing_dates() => VerifyCS.AnalyzerAsync(Model + Issues + """
            public class Purge
            {
                public async Task<int> Run(IssueDb db, int days)
                {
                    var cutoff = DateTime.UtcNow.Date.AddDays(-days);
                    var resolved = await {|PERF104:db.Issues.Where(x => x.Status == 2).ToListAsync()|};
                    return resolved.Count(x => x.ResolvedDate.HasValue && x.ResolvedDate.Value < cutoff);
                }
            }
            """);
}
}
