using Npgsql;

namespace TensionTracker.Tests.Support;

public static class Databases
{
    /// <summary>A new, empty database beside the test database (its name + suffix), dropped first if a run left it.</summary>
    public static async Task<string> Fresh(string suffix)
    {
        var name = new NpgsqlConnectionStringBuilder(HostFixture.Connection).Database + suffix;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(HostFixture.Connection) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"create database \"{name}\"", admin)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(HostFixture.Connection) { Database = name }.ConnectionString;
    }
}
