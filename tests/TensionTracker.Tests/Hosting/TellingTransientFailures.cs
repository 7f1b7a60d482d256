using System.Net.Sockets;
using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Hosting;

namespace TensionTracker.Tests.Hosting;

/// <summary>Which failures are retried for as long as they last (TransientFailures) and which are not.</summary>
public class telling_transient_failures
{
    static PostgresException Postgres(string sqlState) => new("test", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P01")] // admin shutdown: a backend terminated, a restart
    [InlineData("57P02")]
    [InlineData("57P03")]
    [InlineData("08006")] // connection failure
    [InlineData("08001")]
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock
    [InlineData("53300")] // too many connections
    public void a_server_going_away_or_a_conflict_of_the_moment_is_transient(string sqlState) =>
        Assert.True(TransientFailures.IsTransient(Postgres(sqlState)));

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    [InlineData("22P02")] // invalid text representation
    public void an_error_in_what_was_sent_is_not(string sqlState) =>
        Assert.False(TransientFailures.IsTransient(Postgres(sqlState)));

    [Fact]
    public void lost_connections_and_timeouts_are_transient_also_when_wrapped()
    {
        Assert.True(TransientFailures.IsTransient(new NpgsqlException("broken", new SocketException())));
        Assert.True(TransientFailures.IsTransient(new TimeoutException()));
        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("wrapped", Postgres("57P01"))));
        // What Marten threw when its transaction's connection was terminated mid-batch (the fault test's log).
        Assert.True(TransientFailures.IsTransient(new ObjectDisposedException("NpgsqlTransaction", Postgres("57P01"))));
        Assert.True(TransientFailures.IsTransient(ThrownByNpgsql()));
    }

    /// <summary>A disposed Npgsql connection used again: an ObjectDisposedException thrown from inside Npgsql.</summary>
    static Exception ThrownByNpgsql()
    {
        var connection = new NpgsqlConnection("Host=127.0.0.1");
        connection.Dispose();
        try { connection.BeginTransaction(); }
        catch (Exception e) { return e; }
        throw new InvalidOperationException("Npgsql let a disposed connection begin a transaction");
    }

    [Fact]
    public void an_invalid_article_or_a_disposed_object_of_our_own_is_not()
    {
        Assert.False(TransientFailures.IsTransient(new InvalidArticleException("missing body")));
        Assert.False(TransientFailures.IsTransient(new ObjectDisposedException("TextPipeline")));
        Assert.False(TransientFailures.IsTransient(new ArgumentException("bad")));
    }
}
