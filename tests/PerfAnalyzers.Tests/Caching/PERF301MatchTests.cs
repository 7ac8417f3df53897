using System.Threading.Tasks;
using Xunit;
using VerifyCS = PerfAnalyzers.Tests.Infrastructure.Verify<PerfAnalyzers.Caching.PERF301GetWithoutCachingPolicyAnalyzer>;

namespace PerfAnalyzers.Tests.Caching
{
    /// <summary>
    /// docs/rules/PERF301.md, "What is not flagged": a functional library's Match whose every case is a lambda returning
    /// only results without data (a 404 or a redirect) sends nothing a cache would keep (found in ErsatzTV, LanguageExt).
    /// </summary>
    public class PERF301MatchTests
    {
        private const string Either = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public readonly struct Either<L, R>
            {
                private readonly L left;
                private readonly R right;
                private readonly bool isRight;
                public Either(R right) { this.right = right; left = default!; isRight = true; }
                public T Match<T>(Func<R, T> Right, Func<L, T> Left) => isRight ? Right(right) : Left(left);
            }

            public record Media(string Title);

            """;

        [Fact]
        public Task A_match_whose_cases_only_redirect_or_answer_404_is_not_reported() => VerifyCS.AnalyzerAsync(Either + """
            [ApiController]
            public class InternalController : ControllerBase
            {
                [HttpGet("/media/plex/{id:int}")]
                public IActionResult GetPlexMedia(int id, Either<string, Uri> target)
                    => target.Match<IActionResult>(
                        Left: _ => new NotFoundResult(),
                        Right: uri => new RedirectResult(uri.ToString()));
            }
            """);

        [Fact]
        public Task A_match_with_a_case_that_returns_data_is_reported() => VerifyCS.AnalyzerAsync(Either + """
            [ApiController]
            public class MediaController : ControllerBase
            {
                [HttpGet("/media/{id:int}")]
                public IActionResult {|PERF301:Get|}(int id, Either<string, Media> media)
                    => media.Match<IActionResult>(
                        Left: _ => new NotFoundResult(),
                        Right: found => Ok(found));
            }
            """);

        [Fact]
        public Task A_match_with_a_case_given_as_a_method_group_is_reported() => VerifyCS.AnalyzerAsync(Either + """
            [ApiController]
            public class MediaController : ControllerBase
            {
                [HttpGet("/media/{id:int}")]
                public IActionResult {|PERF301:Get|}(int id, Either<string, Media> media)
                    => media.Match<IActionResult>(Left: _ => new NotFoundResult(), Right: Show);

                private IActionResult Show(Media media) => Ok(media);
            }
            """);
    }
}
