using Microsoft.Extensions.Configuration;
using Npgsql;
using TensionTracker.Hosting;

namespace TensionTracker.Tests.Hosting;

public class the_connection_string
{
    static NpgsqlConnectionStringBuilder For(string? configured) => new(Storage.ConnectionString(new ConfigurationBuilder()
        .AddInMemoryCollection(configured is null ? [] : [new("ConnectionStrings:Marten", configured)]).Build()));

    [Fact]
    public void prepares_repeated_statements_unless_it_says_otherwise()
    {
        var configured = For("Host=db.example;Database=news;Username=reader");
        Assert.Equal(("db.example", "news", 64, 2), (configured.Host, configured.Database, configured.MaxAutoPrepare, configured.AutoPrepareMinUsages));
        Assert.Equal(64, For(null).MaxAutoPrepare);
        Assert.Equal(0, For("Host=db.example;Database=news;Max Auto Prepare=0").MaxAutoPrepare);
        var own = For("Host=db.example;MaxAutoPrepare=8;Auto Prepare Min Usages=5");
        Assert.Equal((8, 5), (own.MaxAutoPrepare, own.AutoPrepareMinUsages));
    }
}
