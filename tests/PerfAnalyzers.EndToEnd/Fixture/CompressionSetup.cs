using Microsoft.AspNetCore.ResponseCompression;

namespace EndToEndFixture;

// PERF405 is a suggestion (Info), which -warnaserror does not turn into an error: the fixture shows the
// configured application, on which PERF405 must stay silent.
public static class CompressionSetup
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        var app = builder.Build();
        app.UseResponseCompression();
        app.MapControllers();
        return app;
    }
}
