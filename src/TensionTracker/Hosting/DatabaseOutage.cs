using System.Net.Sockets;
using Npgsql;

namespace TensionTracker.Hosting;

/// <summary>
/// Errors that say the database is away for a while (unreachable, restarting, shutting down, out of connections,
/// too slow), not that the request is wrong: the same request can succeed once it is back.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception e) => e switch
    {
        // 08: connection exceptions; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException npgsql => npgsql.IsTransient || (npgsql.InnerException is { } inner && Is(inner)),
        TimeoutException or SocketException => true,
        AggregateException many => many.InnerExceptions.Any(Is),
        // Marten and Wolverine wrap what Npgsql threw.
        _ => e.InnerException is { } inner && Is(inner),
    };
}
