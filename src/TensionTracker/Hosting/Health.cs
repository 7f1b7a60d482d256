using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using TensionTracker.Pipeline;
using Wolverine.Runtime;
using Wolverine.Transports;

namespace TensionTracker.Hosting;

/// <summary>
/// GET /health/live: the process answers (no dependency is asked). GET /health/ready (and its alias /health):
/// PostgreSQL reachable, the ingest listener running, the default model loaded. Both answer JSON listing each check.
/// </summary>
public static class Health
{
    const string Live = "live", Ready = "ready";

    public static IHealthChecksBuilder AddHealth(this IServiceCollection services) => services
        .AddSingleton<PostgresReachable>() // one probe data source for the host's life (a check not in DI is built per probe)
        .AddHealthChecks()
        .AddCheck("process", () => HealthCheckResult.Healthy("the process is up"), tags: [Live])
        // A generous bound over the check's own 2 s timeouts, in case a half-open connection ignores them.
        .AddCheck<PostgresReachable>("postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(4))
        .AddCheck<IngestListening>("bus", tags: [Ready])
        .AddCheck<DefaultModelLoaded>("model", tags: [Ready]);

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", Options(Live));
        app.MapHealthChecks("/health/ready", Options(Ready));
        app.MapHealthChecks("/health", Options(Ready));
    }

    static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                milliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }),
    };
}

/// <summary>
/// A fresh connection for every probe, with 2 s timeouts: a pooled connection would hide an outage until it is
/// used, and the default 15 s connect timeout would hold the probe far longer than the readiness bound of 5 s.
/// </summary>
public sealed class PostgresReachable(IConfiguration config) : IHealthCheck, IAsyncDisposable
{
    readonly NpgsqlDataSource probe = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Storage.ConnectionString(config))
    {
        Pooling = false, Timeout = 2, CommandTimeout = 2, MaxAutoPrepare = 0,
    }.ConnectionString);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = probe.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable: {e.Message}");
        }
    }

    public ValueTask DisposeAsync() => probe.DisposeAsync();
}

/// <summary>Wolverine's own view of the ingest listener (PostgreSQL queue or RabbitMQ queue, whichever is configured).</summary>
public sealed class IngestListening(IWolverineRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var ingest = runtime.Endpoints.ActiveListeners().Where(l => l.Endpoint.EndpointName == Storage.IngestQueue).ToList();
        if (ingest.Count == 0) return Task.FromResult(HealthCheckResult.Unhealthy($"no listener on the {Storage.IngestQueue} queue"));
        var states = string.Join(", ", ingest.Select(l => $"{l.Uri} {l.Status}"));
        // TooBusy is back-pressure, which lifts by itself: the listener is alive.
        var listening = ingest.All(l => l.Status is ListeningStatus.Accepting or ListeningStatus.TooBusy && !l.ReceiverHasFaulted);
        return Task.FromResult(listening ? HealthCheckResult.Healthy(states) : HealthCheckResult.Unhealthy(states));
    }
}

/// <summary>
/// The default model as the catalog last read it (an outage does not forget it), loaded into memory: the first
/// probe loads it, and a model that cannot be loaded reports why (the health service turns the exception into
/// Unhealthy with its message).
/// </summary>
public sealed class DefaultModelLoaded(ModelCatalog catalog, TextPipeline pipeline) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (catalog.LastKnownDefault is not { } name) return Task.FromResult(HealthCheckResult.Unhealthy("the model catalog has not been read yet"));
        pipeline.Model(name);
        return Task.FromResult(HealthCheckResult.Healthy($"default model {name} loaded"));
    }
}
