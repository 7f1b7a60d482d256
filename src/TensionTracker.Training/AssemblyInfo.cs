// JasperFx finds this assembly's commands (extraction eval) when the `tension` CLI runs them.
[assembly: JasperFx.JasperFxAssembly]
