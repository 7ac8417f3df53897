using System.Security.Cryptography;
using System.Text;

namespace ShopApi.Middleware;

/// <summary>Guards /api/admin with a shared key; failed attempts are slowed down to blunt guessing.</summary>
public sealed class AdminApiKeyMiddleware(RequestDelegate next, IConfiguration configuration, ILogger<AdminApiKeyMiddleware> logger)
{
    public const string HeaderName = "X-Admin-Key";
    private static readonly TimeSpan FailurePenalty = TimeSpan.FromMilliseconds(300);

    private readonly byte[] expectedKey = Encoding.UTF8.GetBytes(
        configuration["Admin:ApiKey"] ?? throw new InvalidOperationException("Admin:ApiKey is not configured."));

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(HeaderName, out var supplied) || supplied.Count != 1)
        {
            // PERF203 anti-pattern: Thread.Sleep holds a thread-pool thread for the whole penalty.
            Thread.Sleep(FailurePenalty);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(supplied.ToString()), expectedKey))
        {
            logger.LogWarning("Rejected an admin request from {RemoteIp}", context.Connection.RemoteIpAddress);
            // PERF203 correct: Task.Delay gives the thread back while the penalty runs.
            await Task.Delay(FailurePenalty, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await next(context);
    }
}
