using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;
using TensionTracker.Text.Extraction;
using Wolverine;

namespace TensionTracker.DeepLane;

/// <summary>The deep lane's settings (configuration section TensionTracker:DeepLane).</summary>
public sealed class DeepLaneOptions
{
    /// <summary>False: this node queues the lane's work but does not score it (another node, or this one restarted with it on, catches up).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Article revisions scored together: one encoder call over all their statements, one transaction.</summary>
    public int BatchSize { get; set; } = 32;
    /// <summary>Batches scored at once on this node; each takes a core (the encoder runs on one thread per batch).</summary>
    public int Parallel { get; set; } = 1;
}

/// <summary>
/// The deep model's lane: every new article revision that has statements gets a durable <see cref="ScoreWithDeepModel"/>
/// message on the local queue <see cref="Queue"/>, in the ingest transaction (so none is lost), and this node scores them
/// at its own pace, in batches, on <see cref="DeepLaneOptions.Parallel"/> cores. Ingest never waits for it: the queue is
/// its own, and a lane that is behind or stopped only leaves messages waiting in the inbox. Every node that runs the host
/// runs its lane over the articles it ingested. Holds the gazetteer that finds where each target is named in a statement
/// (the models themselves are the pipeline's: <see cref="TextPipeline.Scorer"/>).
/// </summary>
public sealed class DeepLaneService(IOptions<PipelineOptions> pipeline, IOptions<DeepLaneOptions> options)
{
    public const string Queue = "deep-lane";
    public const string Batches = "deep-lane-batches";

    readonly Lazy<Gazetteer> gazetteer = new(() => Gazetteer.Load(pipeline.Value.GazetteerPath));
    volatile TaskCompletionSource running = Started(options.Value.Enabled);

    /// <summary>Where the encoding runs: one thread at the lowest priority, so ingest always comes first.</summary>
    public LowPriorityThread Worker { get; } = new("deep-lane");

    public bool IsRunning => running.Task.IsCompleted;
    public Gazetteer Gazetteer => gazetteer.Value;

    /// <summary>Returns when the lane may score (at once unless it is stopped).</summary>
    public Task WhenRunning(CancellationToken ct) => running.Task.WaitAsync(ct);

    public void Stop()
    {
        if (running.Task.IsCompleted) running = Started(false);
    }

    public void Start() => running.TrySetResult();

    static TaskCompletionSource Started(bool started)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (started) source.SetResult();
        return source;
    }
}

public static class DeepLaneSetup
{
    public static WebApplicationBuilder AddDeepLane(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DeepLaneOptions>(builder.Configuration.GetSection("TensionTracker:DeepLane"));
        builder.Services.AddSingleton<DeepLaneService>();
        return builder;
    }

    /// <summary>The lane's durable local queue, its batches run on a queue of their own, <see cref="DeepLaneOptions.Parallel"/> at a time.</summary>
    public static void ConfigureDeepLane(this WolverineOptions opts, IConfiguration config)
    {
        var lane = config.GetSection("TensionTracker:DeepLane").Get<DeepLaneOptions>() ?? new DeepLaneOptions();
        opts.PublishMessage<ScoreWithDeepModel>().ToLocalQueue(DeepLaneService.Queue).UseDurableInbox();
        opts.BatchMessagesOf<ScoreWithDeepModel>(batching =>
        {
            batching.BatchSize = lane.BatchSize;
            batching.TriggerTime = TimeSpan.FromMilliseconds(250);
            batching.LocalExecutionQueueName = DeepLaneService.Batches;
        });
        opts.LocalQueue(DeepLaneService.Batches).BufferedInMemory().MaximumParallelMessages(Math.Max(1, lane.Parallel));
    }
}
