using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

public class a_quiet_start
{
    [Fact]
    public async Task a_host_on_a_new_database_prints_one_summary_and_no_schema_or_request_logs()
    {
        var connection = await Databases.Fresh("_quiet");
        var host = new HostFixture(new() { ["ConnectionStrings__Marten"] = connection });
        try
        {
            await host.InitializeAsync();
            await host.Get("/api/dyads");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!host.Log.ToArray().Any(l => l.Contains("(the default)")) && DateTime.UtcNow < deadline) await Task.Delay(100);
            var log = host.Log.ToArray();
            var printed = string.Join('\n', log);
            Assert.Contains("TensionTracker serving on http://127.0.0.1:", printed);
            Assert.Contains("database 127.0.0.1:", printed);
            Assert.Contains("_quiet (schema tension)", printed);
            Assert.Contains("bus      PostgreSQL, queue ingest", printed);
            Assert.DoesNotContain("CREATE", printed);          // Marten's and Wolverine's schema DDL
            Assert.DoesNotContain("Request starting", printed); // ASP.NET Core's request log
            Assert.DoesNotContain("Username", printed);        // the connection string itself
            Assert.True(log.Length <= 12, $"{log.Length} lines:\n{printed}");
        }
        finally { await host.DisposeAsync(); }
    }
}
