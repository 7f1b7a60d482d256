using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

/// <summary>
/// The host loads Wolverine's handler code from src/TensionTracker/Internal/Generated (TypeLoadMode.Static), so that code
/// must be what Wolverine generates for the handlers as they are now: a new or changed handler, or a changed handler
/// policy, fails here until ops/codegen.sh has written it afresh. The app runs in this process on a database of its own.
/// </summary>
public sealed class the_generated_handler_code : IAsyncLifetime
{
    static readonly string Committed = Path.Combine(HostFixture.Root, "src", "TensionTracker", "Internal", "Generated");
    WebApplicationFactory<Program> app = null!;

    public async Task InitializeAsync()
    {
        var connection = await Databases.Fresh("_codegen");
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseContentRoot(AppContext.BaseDirectory)
            .UseSetting("ConnectionStrings:Marten", connection)
            .UseSetting("TensionTracker:Seeds", Path.Combine(HostFixture.Root, "seeds"))
            .UseSetting("TensionTracker:Models", HostFixture.ModelsDir));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void is_what_wolverine_generates_for_the_handlers_as_they_are()
    {
        var generated = Generate(app.Services);
        var committed = Directory.EnumerateFiles(Committed, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Committed, f), File.ReadAllText);

        var stale = generated.Where(g => !committed.TryGetValue(g.Key, out var code) || code != g.Value).Select(g => g.Key)
            .Concat(committed.Keys.Except(generated.Keys)).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, $"the generated handler code is stale, run ops/codegen.sh: {string.Join(", ", stale)}");
        Assert.Contains(generated.Keys, k => k.Contains("IngestArticleArrayHandler", StringComparison.Ordinal));
    }

    /// <summary>Each file as `codegen write` writes it (JasperFx's DynamicCodeBuilder.WriteGeneratedCode), by its path under Internal/Generated.</summary>
    static Dictionary<string, string> Generate(IServiceProvider services)
    {
        var variables = services.GetService<IServiceVariableSource>();
        var files = new Dictionary<string, string>();
        DynamicCodeBuilder.WithinCodegenCommand = true; // as the command does: the generated registry then lists its types
        try
        {
            foreach (var collection in services.GetServices<ICodeFileCollection>())
            foreach (var file in collection.BuildFiles())
            {
                var assembly = collection.StartAssembly(collection.Rules);
                file.AssembleTypes(assembly);
                var code = assembly.GenerateCode(collection is ICodeFileCollectionWithServices ? variables : null);
                files[Path.Combine(collection.ChildNamespace, file.FileName.Replace(" ", "_") + ".cs")] = code;
            }
        }
        finally
        {
            DynamicCodeBuilder.WithinCodegenCommand = false;
        }
        return files;
    }
}
