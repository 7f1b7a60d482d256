// JasperFx finds this assembly's commands (publish, feed, model, replay) when another program runs the application:
// the `tension` CLI (TensionTracker.Cli), whose own assembly holds none.
[assembly: JasperFx.JasperFxAssembly]
