using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static PerfAnalyzers.Tests.Database.DatabaseSnippets;
using VerifyPERF101 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF101QueryInLoopAnalyzer>;
using VerifyPERF105 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>;
using VerifyPERF601 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer>;
using VerifyFix601 = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Concurrency.PERF601UnboundedFanOutAnalyzer, PerfAnalyzers.Concurrency.PERF601UnboundedFanOutCodeFix>;

namespace PerfAnalyzers.Tests.Database
{
    /// <summary>
    /// N+1 through a mediator: a loop that sends one request per element to a handler that queries or saves
    /// (docs/concepts.md, "Through a call"). The mediator library is told by name, as MediatR's and Mediator's
    /// shapes: the snippets declare its three interfaces the way an application sees them.
    /// </summary>
    public class MediatorThroughCallTests
    {
        private const string Mediator = Model + """
            namespace MediatR
            {
                public interface IRequest<out TResponse> { }
                public interface ISender { Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default); }
                public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
                {
                    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
                }
            }

            public record GetCustomer(int Id) : MediatR.IRequest<Customer?>;

            public class GetCustomerHandler(ShopDb db) : MediatR.IRequestHandler<GetCustomer, Customer?>
            {
                public Task<Customer?> Handle(GetCustomer request, CancellationToken cancellationToken)
                    => db.Customers.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
            }

            public record RenameCustomer(int Id, string Name) : MediatR.IRequest<bool>;

            public class RenameCustomerHandler(ShopDb db) : MediatR.IRequestHandler<RenameCustomer, bool>
            {
                public async Task<bool> Handle(RenameCustomer request, CancellationToken cancellationToken)
                {
                    db.Customers.Attach(new Customer { Id = request.Id, Name = request.Name });
                    return await db.SaveChangesAsync(cancellationToken) > 0;
                }
            }

            public record Describe(int Id) : MediatR.IRequest<string>;

            public class DescribeHandler : MediatR.IRequestHandler<Describe, string>
            {
                public Task<string> Handle(Describe request, CancellationToken cancellationToken) => Task.FromResult("#" + request.Id);
            }

            """;

        // LiteBus's shapes: SendAsync on ICommandMediator, QueryAsync on IQueryMediator, PublishAsync on IEventMediator,
        // handlers with HandleAsync.
        private const string LiteBus = Model + """
            namespace LiteBus.Commands.Abstractions
            {
                public interface ICommand { }
                public interface ICommandHandler<in TCommand> where TCommand : ICommand { Task HandleAsync(TCommand message, CancellationToken cancellationToken = default); }
                public interface ICommandMediator { Task SendAsync(ICommand command, CancellationToken cancellationToken = default); }
            }

            namespace LiteBus.Queries.Abstractions
            {
                public interface IQuery<TResult> { }
                public interface IQueryHandler<in TQuery, TResult> where TQuery : IQuery<TResult> { Task<TResult> HandleAsync(TQuery message, CancellationToken cancellationToken = default); }
                public interface IQueryMediator { Task<TResult> QueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken = default); }
            }

            namespace LiteBus.Events.Abstractions
            {
                public interface IEvent { }
                public interface IEventHandler<in TEvent> where TEvent : IEvent { Task HandleAsync(TEvent message, CancellationToken cancellationToken = default); }
                public interface IEventMediator { Task PublishAsync(IEvent @event, CancellationToken cancellationToken = default); }
            }

            public record FindCustomer(int Id) : LiteBus.Queries.Abstractions.IQuery<Customer?>;

            public class FindCustomerHandler(ShopDb db) : LiteBus.Queries.Abstractions.IQueryHandler<FindCustomer, Customer?>
            {
                public Task<Customer?> HandleAsync(FindCustomer message, CancellationToken cancellationToken = default)
                    => db.Customers.FirstOrDefaultAsync(c => c.Id == message.Id, cancellationToken);
            }

            public record Rename(int Id, string Name) : LiteBus.Commands.Abstractions.ICommand;

            public class RenameHandler(ShopDb db) : LiteBus.Commands.Abstractions.ICommandHandler<Rename>
            {
                public async Task HandleAsync(Rename message, CancellationToken cancellationToken = default)
                {
                    db.Customers.Attach(new Customer { Id = message.Id, Name = message.Name });
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            public record Label(int Id) : LiteBus.Queries.Abstractions.IQuery<string>;

            public class LabelHandler : LiteBus.Queries.Abstractions.IQueryHandler<Label, string>
            {
                public Task<string> HandleAsync(Label message, CancellationToken cancellationToken = default) => Task.FromResult("#" + message.Id);
            }

            public record CustomerSeen(int Id) : LiteBus.Events.Abstractions.IEvent;

            public class CustomerSeenHandler(ShopDb db) : LiteBus.Events.Abstractions.IEventHandler<CustomerSeen>
            {
                public Task HandleAsync(CustomerSeen message, CancellationToken cancellationToken = default)
                    => db.Customers.AnyAsync(c => c.Id == message.Id, cancellationToken);
            }

            """;

        [Fact]
        public Task A_LiteBus_query_per_element_whose_handler_queries_is_reported() => VerifyPERF101.AnalyzerAsync(LiteBus + """
            public class C
            {
                public async Task M(LiteBus.Queries.Abstractions.IQueryMediator queries, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:queries.QueryAsync(new FindCustomer(id), ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_LiteBus_command_per_element_whose_handler_saves_is_reported() => VerifyPERF105.AnalyzerAsync(LiteBus + """
            public class C
            {
                public async Task M(LiteBus.Commands.Abstractions.ICommandMediator commands, Dictionary<int, string> names, CancellationToken ct)
                {
                    foreach (var (id, name) in names)
                    {
                        await {|PERF105:commands.SendAsync(new Rename(id, name), ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_LiteBus_query_whose_handler_does_no_io_is_not_reported() => VerifyPERF101.AnalyzerAsync(LiteBus + """
            public class C
            {
                public async Task M(LiteBus.Queries.Abstractions.IQueryMediator queries, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var text = await queries.QueryAsync(new Label(id), ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_LiteBus_event_published_per_element_is_not_followed() => VerifyPERF101.AnalyzerAsync(LiteBus + """
            public class C
            {
                public async Task M(LiteBus.Events.Abstractions.IEventMediator events, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await events.PublishAsync(new CustomerSeen(id), ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_per_element_whose_handler_queries_is_reported() => VerifyPERF101.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|PERF101:sender.Send(new GetCustomer(id), ct)|};
                    }
                }
            }
            """);

        // MediatR 2's shapes (allReady): SendAsync on IMediator, handlers implementing IAsyncRequestHandler.
        private const string MediatR2 = Model + """
            namespace MediatR
            {
                public interface IAsyncRequest<out TResponse> { }
                public interface IMediator { Task<TResponse> SendAsync<TResponse>(IAsyncRequest<TResponse> request); }
                public interface IAsyncRequestHandler<in TRequest, TResponse> where TRequest : IAsyncRequest<TResponse>
                {
                    Task<TResponse> Handle(TRequest message);
                }
            }

            public class UserByIdQuery : MediatR.IAsyncRequest<Customer?> { public int Id { get; set; } }

            public class UserByIdQueryHandler(ShopDb db) : MediatR.IAsyncRequestHandler<UserByIdQuery, Customer?>
            {
                public Task<Customer?> Handle(UserByIdQuery message) => db.Customers.SingleOrDefaultAsync(c => c.Id == message.Id);
            }

            public class NameOfQuery : MediatR.IAsyncRequest<string> { public int Id { get; set; } }

            public class NameOfQueryHandler : MediatR.IAsyncRequestHandler<NameOfQuery, string>
            {
                public Task<string> Handle(NameOfQuery message) => Task.FromResult("#" + message.Id);
            }

            """;

        [Fact]
        public Task A_MediatR_2_request_per_element_whose_async_handler_queries_is_reported() => VerifyPERF101.AnalyzerAsync(MediatR2 + """
            public class C
            {
                public async Task M(MediatR.IMediator mediator, List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var user = await {|PERF101:mediator.SendAsync(new UserByIdQuery { Id = id })|};
                        var name = await mediator.SendAsync(new NameOfQuery { Id = id });
                    }
                }
            }
            """);

        // MediatR 2 as the package an application references: AsyncRequestHandler<T> implements Handle and calls the
        // HandleCore the application's handler overrides.
        private const string MediatR2Library = """
            using System.Threading.Tasks;

            namespace MediatR
            {
                public struct Unit { public static readonly Unit Value; }
                public interface IAsyncRequest<out TResponse> { }
                public interface IAsyncRequest : IAsyncRequest<Unit> { }
                public interface IMediator { Task<TResponse> SendAsync<TResponse>(IAsyncRequest<TResponse> request); }
                public interface IAsyncRequestHandler<in TRequest, TResponse> where TRequest : IAsyncRequest<TResponse>
                {
                    Task<TResponse> Handle(TRequest message);
                }

                public abstract class AsyncRequestHandler<TMessage> : IAsyncRequestHandler<TMessage, Unit> where TMessage : IAsyncRequest
                {
                    public async Task<Unit> Handle(TMessage message)
                    {
                        await HandleCore(message);
                        return Unit.Value;
                    }

                    protected abstract Task HandleCore(TMessage message);
                }
            }
            """;

        private static readonly System.Lazy<Microsoft.CodeAnalysis.MetadataReference> MediatR2Reference =
            new System.Lazy<Microsoft.CodeAnalysis.MetadataReference>(() => PerfAnalyzers.Tests.Infrastructure.ProbeCompilations.ReferencedProject("MediatR", MediatR2Library, PerfAnalyzers.Tests.Infrastructure.Frameworks.EfCore));

        private static Task VerifyWithMediatR2Package<TAnalyzer>(string source)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        {
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            PerfAnalyzers.Tests.Infrastructure.SnippetTest.Configure(test, source, null, PerfAnalyzers.Tests.Infrastructure.Frameworks.Web, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            test.TestState.AdditionalReferences.Add(MediatR2Reference.Value);
            return test.RunAsync();
        }

        [Fact]
        public Task A_command_per_element_whose_handler_overrides_HandleCore_of_the_packages_base_class_is_reported() => VerifyWithMediatR2Package<PerfAnalyzers.Database.PERF105SaveChangesInLoopAnalyzer>(Model + """
            public class AssignVolunteer : MediatR.IAsyncRequest { public int UserId { get; set; } }

            public class AssignVolunteerHandler(ShopDb db) : MediatR.AsyncRequestHandler<AssignVolunteer>
            {
                protected override async Task HandleCore(AssignVolunteer message)
                {
                    db.Customers.Add(new Customer { Id = message.UserId });
                    await db.SaveChangesAsync();
                }
            }

            public class C
            {
                public async Task M(MediatR.IMediator mediator, List<int> userIds)
                {
                    foreach (var userId in userIds)
                    {
                        await {|PERF105:mediator.SendAsync(new AssignVolunteer { UserId = userId })|};
                    }
                }
            }
            """);

        [Fact]
        public Task The_message_names_the_handler() => VerifyPERF101.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var customer = await {|#0:sender.Send(new GetCustomer(id), ct)|};
                    }
                }
            }
            """, expected: new[]
        {
            new DiagnosticResult(Descriptors.PERF101QueryInLoop).WithLocation(0)
                .WithArguments("Send", "('GetCustomerHandler.Handle' → 'FirstOrDefaultAsync') on each iteration of the loop over 'id'", ""),
        });

        [Fact]
        public Task A_command_per_element_whose_handler_saves_is_reported() => VerifyPERF105.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task M(MediatR.ISender sender, Dictionary<int, string> names, CancellationToken ct)
                {
                    foreach (var (id, name) in names)
                    {
                        await {|PERF105:sender.Send(new RenameCustomer(id, name), ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_whose_handler_does_no_io_is_not_reported() => VerifyPERF101.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var text = await sender.Send(new Describe(id), ct);
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_sent_once_is_not_reported() => VerifyPERF101.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    var first = await sender.Send(new GetCustomer(ids[0]), ct);
                    foreach (var id in ids)
                    {
                        System.Console.WriteLine(id);
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_with_two_handlers_is_not_reported() => VerifyPERF101.AnalyzerAsync(Mediator + """
            public class CachedGetCustomerHandler : MediatR.IRequestHandler<GetCustomer, Customer?>
            {
                public Task<Customer?> Handle(GetCustomer request, CancellationToken cancellationToken) => Task.FromResult<Customer?>(null);
            }

            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var customer = await sender.Send(new GetCustomer(id), ct);
                    }
                }
            }
            """);

        // ---- PERF601: sending one request per element at once ----

        // PlexRipper's jobs: one command per server, all sent at once, each handler querying.
        [Fact]
        public Task A_fan_out_of_requests_whose_handler_queries_is_reported() => VerifyPERF601.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task<Customer?[]> M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                    => await {|#0:Task.WhenAll(ids.Select(id => sender.Send(new GetCustomer(id), ct)))|};
            }
            """, expected: VerifyPERF601.Diagnostic(PerfAnalyzers.Descriptors.PERF601UnboundedFanOut).WithLocation(0).WithArguments(
                "a call of 'Send', which runs a database query ('FirstOrDefaultAsync'),",
                "ids",
                ", with nothing bounding how many run together; bound it with Parallel.ForEachAsync (MaxDegreeOfParallelism) or a SemaphoreSlim"));

        [Fact]
        public Task A_fan_out_of_requests_held_in_a_local_whose_handler_checks_the_database_is_reported() => VerifyPERF601.AnalyzerAsync(Mediator + """
            public class CheckCustomer(int Id) : MediatR.IRequest<bool> { public int Id { get; } = Id; }

            public class CheckCustomerHandler(ShopDb db) : MediatR.IRequestHandler<CheckCustomer, bool>
            {
                public async Task<bool> Handle(CheckCustomer request, CancellationToken cancellationToken)
                    => await db.Customers.AnyAsync(c => c.Id == request.Id, cancellationToken);
            }

            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    var checks = ids.Select(async id => await sender.Send(new CheckCustomer(id), ct));
                    await {|PERF601:Task.WhenAll(checks)|};
                }
            }
            """);

        // The fix throttles a fan-out of requests as it does any other: the results are kept, so a semaphore.
        [Fact]
        public Task The_fix_throttles_a_fan_out_of_requests_whose_results_are_kept() => VerifyFix601.CodeFixAsync(Mediator + """
            public class C
            {
                public async Task<Customer?[]> M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                    => await {|PERF601:Task.WhenAll(ids.Select(id => sender.Send(new GetCustomer(id), ct)))|};
            }
            """, Mediator + """
            public class C
            {
                public async Task<Customer?[]> M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    using var throttle = new SemaphoreSlim(8);
                    return await Task.WhenAll(ids.Select(async id =>
                    {
                        await throttle.WaitAsync();
                        try
                        {
                            return await sender.Send(new GetCustomer(id), ct);
                        }
                        finally
                        {
                            throttle.Release();
                        }
                    }));
                }
            }
            """, PerfAnalyzers.Concurrency.PERF601UnboundedFanOutCodeFix.EquivalenceKey);

        [Fact]
        public Task A_fan_out_of_requests_whose_handler_does_no_io_is_not_reported() => VerifyPERF601.AnalyzerAsync(Mediator + """
            public class C
            {
                public async Task<string[]> M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                    => await Task.WhenAll(ids.Select(id => sender.Send(new Describe(id), ct)));
            }
            """);

        [Fact]
        public Task A_fan_out_of_requests_with_two_handlers_is_not_reported() => VerifyPERF601.AnalyzerAsync(Mediator + """
            public class CachedGetCustomerHandler : MediatR.IRequestHandler<GetCustomer, Customer?>
            {
                public Task<Customer?> Handle(GetCustomer request, CancellationToken cancellationToken) => Task.FromResult<Customer?>(null);
            }

            public class C
            {
                public async Task<Customer?[]> M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                    => await Task.WhenAll(ids.Select(id => sender.Send(new GetCustomer(id), ct)));
            }
            """);

        // ---- A request whose handler sends another ----

        private const string Relay = """
            public record RefreshCustomer(int Id) : MediatR.IRequest<bool>;

            public class RefreshCustomerHandler(MediatR.ISender sender) : MediatR.IRequestHandler<RefreshCustomer, bool>
            {
                public async Task<bool> Handle(RefreshCustomer request, CancellationToken cancellationToken)
                {
                    var customer = await sender.Send(new GetCustomer(request.Id), cancellationToken);
                    return customer != null && await sender.Send(new RenameCustomer(request.Id, customer.Name.Trim()), cancellationToken);
                }
            }

            public record Label(int Id) : MediatR.IRequest<string>;

            public class LabelHandler(MediatR.ISender sender) : MediatR.IRequestHandler<Label, string>
            {
                public async Task<string> Handle(Label request, CancellationToken cancellationToken)
                    => "Customer " + await sender.Send(new Describe(request.Id), cancellationToken);
            }

            public class Accounts(MediatR.ISender sender)
            {
                public Task<bool> Refresh(int id, CancellationToken ct) => sender.Send(new RefreshCustomer(id), ct);
            }

            """;

        // PlexRipper's account refresh: each command's handler sends the commands that query and save.
        [Fact]
        public Task A_request_per_element_whose_handler_sends_one_that_queries_is_reported_with_both_handlers() => VerifyPERF101.AnalyzerAsync(Mediator + Relay + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await {|#0:sender.Send(new RefreshCustomer(id), ct)|};
                    }
                }
            }
            """, expected: VerifyPERF101.Diagnostic(PerfAnalyzers.Descriptors.PERF101QueryInLoop).WithLocation(0).WithArguments(
                "Send", "('RefreshCustomerHandler.Handle' → 'GetCustomerHandler.Handle' → 'FirstOrDefaultAsync') on each iteration of the loop over 'id'", ""));

        [Fact]
        public Task A_method_per_element_that_sends_a_request_whose_handler_sends_one_that_saves_is_reported() => VerifyPERF105.AnalyzerAsync(Mediator + Relay + """
            public class C
            {
                public async Task M(Accounts accounts, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF105:accounts.Refresh(id, ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_per_element_whose_handler_sends_one_without_io_is_not_reported() => VerifyPERF101.AnalyzerAsync(Mediator + Relay + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var label = await sender.Send(new Label(id), ct);
                    }
                }
            }
            """);

        // ---- MediatR 12's request without a response (PlexRipper's notifications sent as commands) ----

        private const string MediatR12 = Model + """
            namespace MediatR
            {
                public interface IBaseRequest { }
                public interface IRequest : IBaseRequest { }
                public interface IRequest<out TResponse> : IBaseRequest { }
                public interface ISender
                {
                    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
                    Task Send<TRequest>(TRequest request, CancellationToken cancellationToken = default) where TRequest : IRequest;
                }
                public interface IRequestHandler<in TRequest> where TRequest : IRequest
                {
                    Task Handle(TRequest request, CancellationToken cancellationToken);
                }
            }

            public record CustomerTouched(int Id) : MediatR.IRequest;

            public class CustomerTouchedHandler(ShopDb db) : MediatR.IRequestHandler<CustomerTouched>
            {
                public async Task Handle(CustomerTouched request, CancellationToken cancellationToken)
                {
                    var customer = await db.Customers.FirstAsync(c => c.Id == request.Id, cancellationToken);
                    customer.Name = customer.Name.Trim();
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            public record Ping(int Id) : MediatR.IRequest;

            public class PingHandler : MediatR.IRequestHandler<Ping>
            {
                public Task Handle(Ping request, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            """;

        [Fact]
        public Task A_request_without_a_response_per_element_whose_handler_saves_is_reported() => VerifyPERF105.AnalyzerAsync(MediatR12 + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF105:sender.Send(new CustomerTouched(id), ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_without_a_response_per_element_whose_handler_queries_is_reported() => VerifyPERF101.AnalyzerAsync(MediatR12 + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await {|PERF101:sender.Send(new CustomerTouched(id), ct)|};
                    }
                }
            }
            """);

        [Fact]
        public Task A_request_without_a_response_per_element_whose_handler_does_nothing_is_not_reported() => VerifyPERF105.AnalyzerAsync(MediatR12 + """
            public class C
            {
                public async Task M(MediatR.ISender sender, List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await sender.Send(new Ping(id), ct);
                    }
                }
            }
            """);
    }
}
