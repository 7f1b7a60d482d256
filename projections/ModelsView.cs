using System.Text.Json;
using Marten.Events.Aggregation;
using TensionTracker.Models;

namespace TensionTracker;

/// <summary>The model registry as one document: every registered model with its metrics, and the promoted default.</summary>
public sealed class ModelsView
{
    public Guid Id { get; set; }
    /// <summary>The promoted default; null until a model is promoted (the configured default applies then).</summary>
    public string? Default { get; set; }
    public List<ModelItem> Items { get; set; } = [];

    public ModelItem? Find(string name) => Items.Find(i => i.Name == name);
}

public sealed class ModelItem
{
    public string Name { get; set; } = "";
    public string FileHash { get; set; } = "";
    public JsonElement? Metrics { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? PromotedAt { get; set; }
}

public partial class ModelsViewProjection : SingleStreamProjection<ModelsView, Guid>
{
    public static ModelsView Create(ModelRegistered e) => Apply(e, new ModelsView { Id = ModelsStream.Id });

    public static ModelsView Apply(ModelRegistered e, ModelsView view)
    {
        if (view.Find(e.Name) is null)
            view.Items.Add(new ModelItem { Name = e.Name, FileHash = e.FileHash, Metrics = e.Metrics, RegisteredAt = e.RegisteredAt });
        return view;
    }

    public static void Apply(ModelPromoted e, ModelsView view)
    {
        view.Default = e.Name;
        if (view.Find(e.Name) is { } item) item.PromotedAt = e.PromotedAt;
    }
}
