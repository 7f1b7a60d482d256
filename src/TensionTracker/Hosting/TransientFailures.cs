using System.Net.Sockets;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace TensionTracker.Hosting;

/// <summary>
/// Failures that pass: PostgreSQL restarting or failing over, a backend terminated, a connection lost or timed out,
/// a serialization failure or deadlock, too many connections. A message that meets one is retried with backoff for
/// as long as it takes, never dead-lettered: the article is valid and only the database was away. Anything else that
/// is not handled by a rule of its own goes to the dead letters with its reason (Wolverine's default).
/// </summary>
public static class TransientFailures
{
    /// <summary>
    /// The retries: quickly at first (a terminated backend or a deadlock clears at once), then further apart, and
    /// from about 30 s on every 30 s, with no end, so a PostgreSQL restart of a minute or more is ridden out.
    /// </summary>
    public static readonly TimeSpan[] Cooldowns = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];
    public static readonly TimeSpan[] Schedule = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)];

    public static void RetryTransientFailures(this WolverineOptions opts) =>
        opts.OnException(IsTransient, "a transient database or network failure")
            .RetryWithCooldown(Cooldowns)
            .Then.ScheduleRetryIndefinitely(Schedule);

    /// <summary>Whether this failure (or one it wraps: Marten and Wolverine wrap Npgsql's) passes by itself.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => IsTransientSqlState(p.SqlState) || p.IsTransient,
        NpgsqlException n => n.IsTransient || n.InnerException is { } inner && IsTransient(inner),
        TimeoutException or SocketException or IOException => true,
        // Npgsql's transaction, connector or data source, disposed under a command when its connection broke (it
        // names the object in the message and carries the cause, 57P01 when a backend was terminated).
        ObjectDisposedException d => FromNpgsql(d) || d.InnerException is { } cause && IsTransient(cause),
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTransient),
        _ => e.InnerException is { } wrapped && IsTransient(wrapped),
    };

    /// <summary>
    /// Connection exceptions (class 08), the server shutting down or starting (57P01 admin, 57P02 crash, 57P03 cannot
    /// connect now), serialization failure and deadlock (40001, 40P01), too many connections (53300).
    /// </summary>
    public static bool IsTransientSqlState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.TooManyConnections;

    static bool FromNpgsql(ObjectDisposedException e) =>
        e.Source == "Npgsql" || e.TargetSite?.DeclaringType?.Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true;
}
