using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PerfAnalyzers.Caching;
using PerfAnalyzers.Tests.Infrastructure;
using Xunit;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "What is not flagged": a test project, including a stand-in service named as one
    /// (docs/concepts.md, "Test project"), serves no real traffic, and the rule registers nothing there.
    /// </summary>
    public class PERF301TestProjectTests
    {
        // A hydrographic office's callback distributor stub: it records the callbacks it is sent and answers GETs with them.
        private const string CallbackController = """
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("api/dynamics")]
            public class CallbackController : ControllerBase
            {
                private static readonly List<string> Received = new();

                [HttpGet]
                public IActionResult GET_ACTION(string? subscriptionId) => Ok(Received);
            }
            """;

        private static Task VerifyAsync(string assemblyName, bool reported, Frameworks frameworks = Frameworks.Web)
        {
            var test = new CSharpAnalyzerTest<PERF301GetWithoutCachingPolicyAnalyzer, DefaultVerifier>();
            SnippetTest.Configure(test, CallbackController.Replace("GET_ACTION", reported ? "{|PERF301:Get|}" : "Get"), null, frameworks, OutputKind.DynamicallyLinkedLibrary);
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("UKHO.D365CallbackDistributorStub.API")]
        [InlineData("PermitService.StubService")]
        [InlineData("Adds.Mocks")]
        [InlineData("Payments.FakeGateway")]
        public Task A_stand_in_service_is_not_reported(string assemblyName) => VerifyAsync(assemblyName, reported: false);

        [Fact]
        public Task A_project_referencing_a_test_framework_is_not_reported() => VerifyAsync("Orders.Api.IntegrationTests", reported: false, Frameworks.Web | Frameworks.Xunit);

        [Theory]
        [InlineData("Notifications.Api")]
        [InlineData("Mockingbird.Api")]
        [InlineData("Fakebook.Web")]
        [InlineData("Hammock.Api")]
        public Task A_service_whose_name_only_contains_the_letters_is_reported(string assemblyName) => VerifyAsync(assemblyName, reported: true);
    }
}
