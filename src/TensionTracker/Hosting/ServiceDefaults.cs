using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TensionTracker.Pipeline;

namespace TensionTracker.Hosting;

/// <summary>OpenTelemetry (ASP.NET Core, Wolverine, Marten, the text pipeline) and health checks, in one place.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var console = builder.Configuration.GetValue("Telemetry:Console", false);
        // SIGTERM: everything that runs long (the text pipeline, replays) stops on the host's stopping token, so this
        // bound is the most a shutdown takes, not a wait for work to finish.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("ShutdownTimeoutSeconds", 15.0)));
        builder.Services.AddHealth();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnhandledErrors>();
        // Without an exporter, recording spans and metrics for nobody would cost CPU on every message.
        if (string.IsNullOrEmpty(otlp) && !console) return builder;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("TensionTracker"))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation().AddSource("Wolverine", "Marten", TextPipeline.Activity.Name);
                if (!string.IsNullOrEmpty(otlp)) t.AddOtlpExporter();
                if (console) t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter("Wolverine", "Marten", TextPipeline.Activity.Name);
                if (!string.IsNullOrEmpty(otlp)) m.AddOtlpExporter();
            });
        return builder;
    }
}
