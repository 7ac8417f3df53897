using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyPERF101 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyPERF105 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// N+1 through a generic dispatcher of the application: <c>queries.Handle&lt;GetCustomerQuery, Customer?&gt;(query)</c> or
    /// <c>dispatcher.Send&lt;TQuery, TResult&gt;(query)</c> runs the one class implementing the generic handler interface for
    /// that construction (docs/concepts.md, "Through a call"), in source or in another project, where it is judged from
    /// its declaration (docs/concepts.md, "Across projects").
    /// </summary>
    public class DispatcherThroughCallTests
    {
        // The dispatcher shapes of a video-hearings booking API (IQueryHandler.Handle<TQuery, TResult> beside
        // IQueryHandler<TQuery, TResult>) and of the apprenticeship services (IQueryDispatcher.Send, ICommandDispatcher.Send).
        private const string Dispatch = """
            namespace Shop.Dispatch
            {
                public interface IQuery { }
                public interface ICommand { }
                public interface IQueryHandler<in TQuery, TResult> where TQuery : IQuery { Task<TResult> Handle(TQuery query); }
                public interface IQueryHandler { Task<TResult> Handle<TQuery, TResult>(TQuery query) where TQuery : IQuery; }
                public interface IQueryDispatcher { Task<TResult> Send<TQuery, TResult>(TQuery query) where TQuery : IQuery; }
                public interface ICommandHandler<in TCommand> where TCommand : ICommand { Task Handle(TCommand command); }
                public interface ICommandDispatcher { Task Send<TCommand>(TCommand command) where TCommand : ICommand; }

                public class QueryHandler(IServiceProvider services) : IQueryHandler
                {
                    public Task<TResult> Handle<TQuery, TResult>(TQuery query) where TQuery : IQuery
                        => ((IQueryHandler<TQuery, TResult>)services.GetService(typeof(IQueryHandler<TQuery, TResult>))!).Handle(query);
                }
            }

            """;

        private const string InSource = Model + Dispatch + """
            public record GetCustomerQuery(int Id) : Shop.Dispatch.IQuery;

            public class GetCustomerQueryHandler(ShopDb db) : Shop.Dispatch.IQueryHandler<GetCustomerQuery, Customer?>
            {
                public Task<Customer?> Handle(GetCustomerQuery query) => db.Customers.FirstOrDefaultAsync(c => c.Id == query.Id);
            }

            public record DescribeQuery(int Id) : Shop.Dispatch.IQuery;

            public class DescribeQueryHandler : Shop.Dispatch.IQueryHandler<DescribeQuery, string>
            {
                public Task<string> Handle(DescribeQuery query) => Task.FromResult("#" + query.Id);
            }

            public record RenameCommand(int Id, string Name) : Shop.Dispatch.ICommand;

            public class RenameCommandHandler(ShopDb db) : Shop.Dispatch.ICommandHandler<RenameCommand>
            {
                public async Task Handle(RenameCommand command)
                {
                    db.Customers.Attach(new Customer { Id = command.Id, Name = command.Name });
                    await db.SaveChangesAsync();
                }
            }

            """;

        // ---- In source: flagged ----

        [Fact]
        public Task A_query_handed_per_element_to_a_generic_handle_method_whose_handler_queries_is_reported() => VerifyPERF101.AnalyzerAsync(InSource + """
            public class C
            {
                public async Task M(Shop.Dispatch.IQueryHandler queries, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:queries.Handle<GetCustomerQuery, Customer?>(new GetCustomerQuery(id))|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_query_sent_per_element_through_a_dispatcher_whose_handler_queries_is_reported() => VerifyPERF101.AnalyzerAsync(InSource + """
            public class C
            {
                public async Task M(Shop.Dispatch.IQueryDispatcher dispatcher, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:dispatcher.Send<GetCustomerQuery, Customer?>(new GetCustomerQuery(id))|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_service_method_that_dispatches_a_query_called_per_element_is_reported() => VerifyPERF101.AnalyzerAsync(InSource + """
            public class CustomerLookup(Shop.Dispatch.IQueryHandler queries)
            {
                public Task<Customer?> Find(int id) => queries.Handle<GetCustomerQuery, Customer?>(new GetCustomerQuery(id));
            }

            public class C
            {
                public async Task M(CustomerLookup lookup, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:lookup.Find(id)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_command_sent_per_element_through_a_dispatcher_whose_handler_saves_is_reported() => VerifyPERF105.AnalyzerAsync(InSource + """
            public class C
            {
                public async Task M(Shop.Dispatch.ICommandDispatcher commands, Dictionary<int, string> names)
                {
                    foreach (var (id, name) in names)
                    {
                        await {|PERF105:commands.Send(new RenameCommand(id, name))|};
                    }
                }
            }
            """);

        // ---- In source: not flagged ----

        [Fact]
        public Task A_query_whose_handler_does_no_io_is_not_reported() => VerifyPERF101.AnalyzerAsync(InSource + """
            public class C
            {
                public async Task M(Shop.Dispatch.IQueryHandler queries, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var text = await queries.Handle<DescribeQuery, string>(new DescribeQuery(id));
                    }
                }
            }
            """);

        [Fact]
        public Task A_query_with_two_handlers_is_not_followed() => VerifyPERF101.AnalyzerAsync(InSource + """
            public record GetNameQuery(int Id) : Shop.Dispatch.IQuery;

            public class GetNameQueryHandler(ShopDb db) : Shop.Dispatch.IQueryHandler<GetNameQuery, string>
            {
                public async Task<string> Handle(GetNameQuery query) => (await db.Customers.FirstAsync(c => c.Id == query.Id)).Name;
            }

            public class CachedGetNameQueryHandler(ShopDb db) : Shop.Dispatch.IQueryHandler<GetNameQuery, string>
            {
                public async Task<string> Handle(GetNameQuery query) => (await db.Customers.FirstAsync(c => c.Id == query.Id)).Name;
            }

            public class C
            {
                public async Task M(Shop.Dispatch.IQueryHandler queries, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var name = await queries.Handle<GetNameQuery, string>(new GetNameQuery(id));
                    }
                }
            }
            """);

        [Fact]
        public Task A_dispatch_of_a_type_parameter_is_not_followed() => VerifyPERF101.AnalyzerAsync(InSource + """
            public class C
            {
                public async Task M<TQuery>(Shop.Dispatch.IQueryHandler queries, List<TQuery> pending) where TQuery : Shop.Dispatch.IQuery
                {
                    foreach (var query in pending)
                    {
                        var customer = await queries.Handle<TQuery, Customer?>(query);
                    }
                }
            }
            """);

        [Fact]
        public Task A_generic_method_not_named_as_a_dispatcher_is_not_followed() => VerifyPERF101.AnalyzerAsync(InSource + """
            namespace Shop.Checks
            {
                public interface ICheckHandler<in T> { Task<bool> Handle(T item); }
                public interface IChecks { Task<bool> Validate<T>(T item); }
            }

            public class CustomerCheckHandler(ShopDb db) : Shop.Checks.ICheckHandler<Customer>
            {
                public Task<bool> Handle(Customer item) => db.Customers.AnyAsync(c => c.Email == item.Email);
            }

            public class C
            {
                public async Task M(Shop.Checks.IChecks checks, List<Customer> customers)
                {
                    foreach (var customer in customers)
                    {
                        var valid = await checks.Validate(customer);
                    }
                }
            }
            """);

        // ---- Across projects: the handlers live in the data project, judged from their declarations ----

        private const string DataProject = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Hearings.Data
            {
                public class Hearing { public Guid Id { get; set; } public string Venue { get; set; } = ""; }
                public class HearingSummary { public Guid Id { get; set; } }

                public class HearingsDb : DbContext
                {
                    public DbSet<Hearing> Hearings => Set<Hearing>();
                }
            }

            namespace Hearings.Data.Queries
            {
                public interface IQuery { }
                public interface IQueryHandler<in TQuery, TResult> where TQuery : IQuery where TResult : class { Task<TResult> Handle(TQuery query); }
                public interface IQueryHandler { Task<TResult> Handle<TQuery, TResult>(TQuery query) where TQuery : IQuery where TResult : class; }

                public class QueryHandler(IServiceProvider services) : IQueryHandler
                {
                    public Task<TResult> Handle<TQuery, TResult>(TQuery query) where TQuery : IQuery where TResult : class
                        => ((IQueryHandler<TQuery, TResult>)services.GetService(typeof(IQueryHandler<TQuery, TResult>))!).Handle(query);
                }

                public record GetHearingByIdQuery(Guid Id) : IQuery;

                public class GetHearingByIdQueryHandler(HearingsDb db) : IQueryHandler<GetHearingByIdQuery, Hearing>
                {
                    public async Task<Hearing> Handle(GetHearingByIdQuery query) => await db.Hearings.SingleAsync(h => h.Id == query.Id);
                }

                /// <summary>Returns a DTO: may answer from elsewhere, not judged.</summary>
                public record GetHearingSummaryQuery(Guid Id) : IQuery;

                public class GetHearingSummaryQueryHandler(HearingsDb db) : IQueryHandler<GetHearingSummaryQuery, HearingSummary>
                {
                    public Task<HearingSummary> Handle(GetHearingSummaryQuery query) => Task.FromResult(new HearingSummary { Id = query.Id });
                }

                /// <summary>Not named with a read verb: what it does is not told by its declaration.</summary>
                public record HearingForVenueQuery(string Venue) : IQuery;

                public class HearingForVenueQueryHandler(HearingsDb db) : IQueryHandler<HearingForVenueQuery, Hearing>
                {
                    public async Task<Hearing> Handle(HearingForVenueQuery query) => await db.Hearings.FirstAsync(h => h.Venue == query.Venue);
                }
            }

            namespace Hearings.Data.Commands
            {
                public interface ICommand { }
                public interface ICommandHandler<in TCommand> where TCommand : ICommand { Task Handle(TCommand command); }
                public interface ICommandHandler { Task Handle<TCommand>(TCommand command) where TCommand : ICommand; }

                public record UpdateVenueCommand(Guid Id, string Venue) : ICommand;

                public class UpdateVenueCommandHandler(Hearings.Data.HearingsDb db) : ICommandHandler<UpdateVenueCommand>
                {
                    public async Task Handle(UpdateVenueCommand command)
                    {
                        db.Attach(new Hearings.Data.Hearing { Id = command.Id, Venue = command.Venue });
                        await db.SaveChangesAsync();
                    }
                }
            }
            """;

        private static readonly Lazy<MetadataReference> DataReference =
            new Lazy<MetadataReference>(() => ProbeCompilations.ReferencedProject("Hearings.Data", DataProject, Frameworks.EfCore));

        private static Task VerifyAcrossAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Hearings.Data;
                using Hearings.Data.Queries;
                using Hearings.Data.Commands;

                """ + source, null, Frameworks.Web, OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(DataReference.Value);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // The booking API's multi-day update: each requested hearing read again through the DAL's handler.
        [Fact]
        public Task A_query_of_another_project_read_per_element_through_its_dispatcher_is_reported_with_the_handler_named() => VerifyAcrossAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>("""
            public class HearingsController(IQueryHandler queries)
            {
                public async Task Update(List<Guid> ids)
                {
                    foreach (var id in ids)
                    {
                        var hearing = await queries.Handle<GetHearingByIdQuery, Hearing>(new GetHearingByIdQuery(id));
                    }
                }
            }
            """,
            new DiagnosticResult("PERF101", DiagnosticSeverity.Warning)
                .WithSpan(13, 33, 13, 106)
                .WithArguments("Handle", "('GetHearingByIdQueryHandler.Handle') on each iteration of the loop over 'id'", ""));

        [Fact]
        public Task A_query_of_another_project_whose_handler_returns_a_dto_is_not_reported() => VerifyAcrossAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>("""
            public class HearingsController(IQueryHandler queries)
            {
                public async Task Update(List<Guid> ids)
                {
                    foreach (var id in ids)
                    {
                        var summary = await queries.Handle<GetHearingSummaryQuery, HearingSummary>(new GetHearingSummaryQuery(id));
                    }
                }
            }
            """);

        [Fact]
        public Task A_query_of_another_project_not_named_as_a_read_is_not_reported() => VerifyAcrossAsync<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>("""
            public class HearingsController(IQueryHandler queries)
            {
                public async Task Update(List<string> venues)
                {
                    foreach (var venue in venues)
                    {
                        var hearing = await queries.Handle<HearingForVenueQuery, Hearing>(new HearingForVenueQuery(venue));
                    }
                }
            }
            """);

        // A command handler of another project may only track its change (a unit of work saves later): not judged.
        [Fact]
        public Task A_command_of_another_project_sent_per_element_is_not_judged_a_save() => VerifyAcrossAsync<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>("""
            public class HearingsController(ICommandHandler commands)
            {
                public async Task Update(Dictionary<Guid, string> venues)
                {
                    foreach (var (id, venue) in venues)
                    {
                        await commands.Handle(new UpdateVenueCommand(id, venue));
                    }
                }
            }
            """);
    }
}
