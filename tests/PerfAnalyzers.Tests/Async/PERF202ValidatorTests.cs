using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Async.PERF202SyncOverAsyncCallAnalyzer>;

namespace PerfAnalyzers.Tests.Async
{
    /// <summary>
    /// docs/rules/PERF202.md, "What is not flagged": FluentValidation's <c>Validate</c> has a <c>ValidateAsync</c> twin but
    /// never waits on I/O (a validator with asynchronous rules throws when run synchronously). The snippet declares the
    /// library's shape in its real namespace: it is the application's dependency, not a framework stub.
    /// </summary>
    public class PERF202ValidatorTests
    {
        private const string Library = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            namespace FluentValidation
            {
                public class ValidationResult { public bool IsValid => true; }
                public class ValidationContext<T> { public ValidationContext(T instance) { } }
                public interface IValidator<T>
                {
                    ValidationResult Validate(T instance);
                    ValidationResult Validate(ValidationContext<T> context);
                    Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default);
                    Task<ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default);
                }

                public abstract class AbstractValidator<T> : IValidator<T>
                {
                    public ValidationResult Validate(T instance) => new();
                    public ValidationResult Validate(ValidationContext<T> context) => new();
                    public Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default) => Task.FromResult(new ValidationResult());
                    public Task<ValidationResult> ValidateAsync(ValidationContext<T> context, CancellationToken cancellation = default) => Task.FromResult(new ValidationResult());
                }
            }

            public record Order(int Id);

            public class OrderValidator : FluentValidation.AbstractValidator<Order> { }

            """;

        [Fact]
        public Task Does_not_report_validators_run_in_a_pipeline() => VerifyCS.AnalyzerAsync(Library + """
            public class ValidationBehaviour
            {
                private readonly IEnumerable<FluentValidation.IValidator<Order>> validators;
                public ValidationBehaviour(IEnumerable<FluentValidation.IValidator<Order>> validators) => this.validators = validators;

                public async Task<bool> Handle(Order order)
                {
                    await Task.Yield();
                    var context = new FluentValidation.ValidationContext<Order>(order);
                    return validators.Select(v => v.Validate(context)).All(r => r.IsValid);
                }
            }
            """);

        [Fact]
        public Task Does_not_report_a_concrete_validator_in_an_async_action() => VerifyCS.AnalyzerAsync(Library + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Post(Order order)
                {
                    await Task.Yield();
                    return new OrderValidator().Validate(order).IsValid ? Ok() : BadRequest();
                }
            }
            """);

        [Fact]
        public Task Still_reports_a_Validate_with_an_async_twin_outside_the_validation_library() => VerifyCS.AnalyzerAsync("""
            using System.Threading.Tasks;

            namespace Shop.Validation
            {
                public class RemoteValidator
                {
                    public bool Validate(string value) => true;
                    public Task<bool> ValidateAsync(string value) => Task.FromResult(true);
                }

                public class Checkout
                {
                    public async Task<bool> Run(RemoteValidator validator)
                    {
                        await Task.Yield();
                        return {|PERF202:validator.Validate("x")|};
                    }
                }
            }
            """);

        [Fact]
        public Task Still_reports_another_sync_call_of_the_validation_library_namespace() => VerifyCS.AnalyzerAsync("""
            using System.Threading.Tasks;

            namespace FluentValidation
            {
                public class Loader
                {
                    public string Load() => "";
                    public Task<string> LoadAsync() => Task.FromResult("");
                }
            }

            public class Checkout
            {
                public async Task<string> Run(FluentValidation.Loader loader)
                {
                    await Task.Yield();
                    return {|PERF202:loader.Load()|};
                }
            }
            """);

        [Fact]
        public Task Still_reports_a_sync_call_in_an_action_whose_parameter_has_an_attribute() => VerifyCS.AnalyzerAsync(Library + """
            public class Store
            {
                public string Load() => "";
                public Task<string> LoadAsync() => Task.FromResult("");
            }

            public class OrdersController : ControllerBase
            {
                [HttpGet]
                public async Task<string> Get([FromQuery] bool? enabled, [FromServices] Store store)
                {
                    await Task.Yield();
                    return {|PERF202:store.Load()|};
                }
            }
            """);
    }
}
