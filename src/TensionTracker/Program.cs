using TensionTracker.Hosting;

// The host: serves the API and the dashboard, and runs the serving-side commands (publish, feed, replay, model register,
// projections ...). Training, evaluation and the bench run through the `tension` CLI (TensionTracker.Cli).
return await TensionTrackerApp.Run(args);

public partial class Program;
